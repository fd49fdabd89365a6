"""Shared fixtures: where the real cables live."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _find_shared() -> Path:
    """`shared/` beside the checkout, or beside one of its parents (a worktree in a subfolder)."""
    for parent in ROOT.parents:
        if (parent / "shared" / "cable-record.schema.json").is_file():
            return parent / "shared"
    return ROOT.parent / "shared"


SHARED = _find_shared()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("the shared developer corpus is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def record_schema() -> dict:
    return json.loads((ROOT / "data" / "cable-record.schema.json").read_text())
