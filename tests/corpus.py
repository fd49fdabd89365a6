"""Real cables of the developer corpus, read once per test session."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from cablekg.sources.base import RawCable
from cablekg.sources.cablegate import read_page


@cache
def cablegate_pages(shared: Path) -> list[Path]:
    return sorted((shared / "corpus" / "cablegate").rglob("*.html"))


@cache
def page(shared: Path, name: str) -> RawCable:
    """The raw cable of the Cablegate page `name` (e.g. `07MUSCAT920`)."""
    for path in cablegate_pages(shared):
        if path.stem == name:
            raw = read_page(path.read_bytes(), str(path))
            assert isinstance(raw, RawCable)
            return raw
    raise KeyError(name)
