"""The compiled install (`CABLEKG_COMPILE=1`, setup.py) reads every cable as pure Python does.

mypyc compiles the same source, but enforces its type hints and changes a few semantics: a tuple
kept in a list is stored unboxed and boxed again when read, so `is` no longer finds it (the list
loop of `people._listed_with_people` once ran forever compiled, on "ACCORDING TO CASTELLANETA,
BERLUSCONI BELIEVED"). So the compiled modules are built from this checkout into a temporary
copy, and both builds parse the developer corpus.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> Path:
    """A copy of the package with the modules setup.py lists compiled in place."""
    pytest.importorskip("mypyc", reason="mypy (with mypyc) is a test dependency")
    if not (shutil.which("cc") or shutil.which("gcc")):
        pytest.skip("no C compiler on this machine")
    copy = tmp_path_factory.mktemp("compiled")
    ignore = shutil.ignore_patterns("__pycache__", "*.so", "*.c")
    shutil.copytree(ROOT / "cablekg", copy / "cablekg", symlinks=True, ignore=ignore)
    for name in ("data", "ontology", "queries", "shapes"):  # the package's _files link to these
        (copy / name).symlink_to(ROOT / name)
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, copy / name)
    env = {**os.environ, "CABLEKG_COMPILE": "1"}
    command = [sys.executable, "setup.py", "-q", "build_ext", "--inplace", "-j", "2"]
    result = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return copy


def _run(root: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(root)}
    result = subprocess.run(
        [sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode in (0, 3), result.stderr[-3000:]  # 3: some input was rejected
    return result.stdout


def test_compiled_modules_are_the_ones_imported(compiled):
    probe = "import importlib, sys; print(importlib.import_module(sys.argv[1]).__file__)"
    for module in ("cablekg.entities.people", "cablekg.parse.telegram", "cablekg.rdf.mapping"):
        assert _run(compiled, "-c", probe, module).strip().endswith(".so"), module
    assert _run(compiled, "-c", "import cablekg; print(cablekg.compiled())").strip() == "True"
    # interpreted, so that the build's stage timing can wrap the extractor it calls
    assert _run(compiled, "-c", probe, "cablekg.parse.assemble").strip().endswith("assemble.py")


def test_compiled_records_equal_pure_python_records(compiled, shared):
    corpus = str(shared / "corpus")
    pure = _run(ROOT, "-m", "cablekg", "parse", corpus).splitlines()
    fast = _run(compiled, "-m", "cablekg", "parse", corpus).splitlines()
    assert len(pure) > 2000
    assert fast == pure
