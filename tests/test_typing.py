"""The entity modules type-check strictly: their annotations hold for every value, so a reader
(or a compiler) can trust them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_entity_modules_type_check(tmp_path):
    pytest.importorskip("mypy", reason="mypy is a test dependency (pip install -e '.[test]')")
    # the settings are pyproject.toml's: strict for cablekg.entities, other modules not checked
    command = [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path), "cablekg/entities"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success"), result.stdout
