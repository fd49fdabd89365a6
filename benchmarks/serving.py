"""What the `cablekg serve` benchmarks share: start the server, time requests, sum up latencies,
and read the resident memory of the server and its SPARQL worker processes."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import free_port, stop  # noqa: E402


@contextmanager
def serving(store: Path, *options: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """`cablekg serve` on a free loopback port, answering and with its search index and dumps
    prepared; yields its base URL and process, and stops it afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "cablekg", "serve", "--store", str(store), "--host",
         "127.0.0.1", "--port", str(port), *options],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"cablekg serve exited with {process.returncode}")
            try:
                requests.get(url + "/static/style.css", timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.05)
        yield url, process
    finally:
        stop(process)


def wait_prepared(url: str) -> None:
    """Block until the search index and the dumps are built (the whole dump comes last)."""
    while requests.head(url + "/dumps/cablekg.nq.gz", timeout=10).status_code == 503:
        time.sleep(0.2)


def timed(session: requests.Session, url: str, **kwargs) -> float:
    """Milliseconds to a successful answer (an error status raises)."""
    started = time.perf_counter()
    response = session.get(url, timeout=120, **kwargs)
    response.raise_for_status()
    return (time.perf_counter() - started) * 1000


def percentile(ms: list[float], fraction: float) -> float:
    """The nearest-rank percentile of `ms` (sorted or not)."""
    ordered = sorted(ms)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def summary(ms: list[float]) -> tuple[float, float, float, float]:
    """p50, p95, p99 and max of latencies in milliseconds."""
    return (statistics.median(ms), percentile(ms, 0.95), percentile(ms, 0.99), max(ms))


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it (children of any of its threads: the SPARQL workers
    are started from worker threads, so the main thread's children list misses them)."""
    found = [pid]
    for process in found:
        for task in Path(f"/proc/{process}/task").glob("*"):
            with suppress(OSError):
                found += [int(p) for p in (task / "children").read_text().split()]
    return found


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    """Resident memory of one process from /proc (0 once it is gone): all of it (`VmRSS`), or
    the part only it holds (`RssAnon`) rather than pages of files it maps (`RssFile`)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
