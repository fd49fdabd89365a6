"""Faults during `cablekg build`: killed at random points, a full disk, an unwritable store.

Every fault is real: the build runs as its own process and is killed with SIGKILL, or runs under
a file-size limit (RLIMIT_FSIZE, which the kernel enforces even for root) so that the store's
writes fail with EFBIG the way they fail on a full disk. After each fault the store must be
consistent: the next plain build succeeds and exports exactly what an uninterrupted build does.
"""

from __future__ import annotations

import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablekg.cli import main
from cablekg.store import open_store

pytestmark = pytest.mark.slow  # each test runs real builds of a year of the corpus

EPOCH = "1700000000"
ENV = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)


def command(corpus: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "cablekg", "build", str(corpus), "-q", "-j", "1",
            "--store", str(store)]  # fmt: skip


def dump(store_dir: Path) -> bytes:
    result = CliRunner().invoke(main, ["export", "--store", str(store_dir), "--format", "nq"])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


@pytest.fixture(scope="module")
def corpus(shared) -> Path:
    return shared / "corpus" / "cablegate" / "cable" / "2008"


@pytest.fixture(scope="module")
def whole(corpus, tmp_path_factory) -> bytes:
    """The export of an uninterrupted build."""
    store = tmp_path_factory.mktemp("whole") / "store"
    subprocess.run(command(corpus, store), check=True, env=ENV, capture_output=True)
    return dump(store)


def kill_after(cmd: list[str], seconds: float) -> int | None:
    """Run `cmd`, SIGKILL it after `seconds`; its exit code if it finished first."""
    process = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_builds_killed_at_random_points_then_resumed_equal_an_uninterrupted_one(
    corpus, whole, tmp_path, seed
):
    """Two kills at seeded random times (the second during the resumed build), then a clean run."""
    rng = random.Random(seed)
    store = tmp_path / "store"
    for _ in range(2):
        kill_after(command(corpus, store), rng.uniform(0.3, 3.0))
    subprocess.run(command(corpus, store), check=True, env=ENV, capture_output=True)
    assert dump(store) == whole


@pytest.mark.parametrize("loads", [2, 4])
def test_a_build_killed_between_segment_loads_resumes_to_the_same_store(
    corpus, whole, tmp_path, loads
):
    """Small segments, so the kill falls while some are loaded and others only spooled."""
    store = tmp_path / "store"
    script = (
        "import sys; from pathlib import Path; from cablekg.store.build import build; "
        "build([sys.argv[1]], Path(sys.argv[2]), jobs=1, quiet=True, segment_triples=5000)"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(corpus), str(store)], env=ENV,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    spooled = store / "spool" / f"segment-{loads + 1:05d}.cables.nq"
    deadline = time.monotonic() + 300
    while not spooled.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the build ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    subprocess.run(command(corpus, store), check=True, env=ENV, capture_output=True)
    assert dump(store) == whole


def test_a_build_killed_while_streaming_into_a_fresh_store_loads_nothing_and_resumes(
    corpus, whole, tmp_path
):
    """A fresh store takes the build in one atomic load: killed midway, it holds no cable."""
    store = tmp_path / "store"
    process = subprocess.Popen(
        command(corpus, store), env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    streamed = store / "spool" / "build.nq"
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        if streamed.exists() and streamed.stat().st_size > 200_000:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the build ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    marked = open_store(store).query(
        "ASK { GRAPH ?m { ?g a <https://w3id.org/cablekg/ontology#CableGraph> } }"
    )
    assert not bool(marked)
    subprocess.run(command(corpus, store), check=True, env=ENV, capture_output=True)
    assert dump(store) == whole


def _file_size_limit(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize("limit", [200_000, 1_500_000])
def test_a_full_disk_is_a_clear_error_and_the_store_stays_consistent(
    corpus, whole, tmp_path, limit
):
    store = tmp_path / "store"
    full = subprocess.run(
        command(corpus, store), env=ENV, capture_output=True, text=True,
        preexec_fn=_file_size_limit(limit),
    )  # fmt: skip
    assert full.returncode == 1
    assert full.stderr.startswith("Error: ") and "File too large" in full.stderr
    assert "Traceback" not in full.stderr
    subprocess.run(command(corpus, store), check=True, env=ENV, capture_output=True)
    assert dump(store) == whole


def test_an_unwritable_store_directory_is_a_clear_error(corpus, tmp_path):
    """A store path under a regular file cannot be created, whoever runs the build."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the store's parent should be\n")
    result = subprocess.run(
        command(corpus, blocker / "store"), env=ENV, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and "Not a directory" in result.stderr
    assert "Traceback" not in result.stderr
    assert blocker.read_text().startswith("a file")


def test_a_concurrent_second_build_is_refused_with_a_clear_message(corpus, tmp_path):
    store = tmp_path / "store"
    first = subprocess.Popen(command(corpus, store), env=ENV, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not (store / ".lock").exists() or not (store / ".lock").read_text():
            assert time.monotonic() < deadline
            time.sleep(0.05)
        second = subprocess.run(command(corpus, store), env=ENV, capture_output=True, text=True)
        assert second.returncode == 1
        assert "being written by cablekg build (pid" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        first.wait(timeout=300)
    assert first.returncode == 0
