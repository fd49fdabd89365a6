"""Parse a cable's text into a `Cable` (the documented record).

`parse_text(text)` reads the text alone; `parse_raw(raw)` also uses what the source says about
the cable (its metadata) as fallback and cross-check. The reading of the text never depends on
the metadata, so accuracy can be measured on the text alone (`use_metadata=False`).
"""

from __future__ import annotations

from cablekg.model import Cable, Section, Source
from cablekg.parse.assemble import add_entities, assemble
from cablekg.parse.copies import read_copies
from cablekg.parse.dumps import take_dumps
from cablekg.parse.text import normalise
from cablekg.sources.base import Metadata, RawCable

__all__ = ["Section", "add_entities", "parse_raw", "parse_text", "read_raw", "read_text"]


def parse_text(
    text: str,
    source: Source | None = None,
    metadata: Metadata | None = None,
    *,
    entities: bool = True,
) -> Cable:
    """The cable record of a telegram text; `metadata` (from the source) only fills gaps.

    `entities=False` leaves `officials` and `agencies` empty: the header fields alone, at about
    twice the speed, for users (and benchmarks) that need no entity extraction.
    """
    cable, office_lines = read_text(text, source, metadata)
    return add_entities(cable, office_lines) if entities else cable


def parse_raw(raw: RawCable, use_metadata: bool = True, *, entities: bool = True) -> Cable:
    """The cable record of a reader's item."""
    cable, office_lines = read_raw(raw, use_metadata)
    return add_entities(cable, office_lines) if entities else cable


def read_text(
    text: str, source: Source | None = None, metadata: Metadata | None = None
) -> tuple[Cable, tuple[str, ...]]:
    """The record of a telegram text without officials and agencies, and the header's
    action-office lines, which `add_entities` reads: a reader can parse a batch of cables
    before it extracts their entities."""
    source = source or Source(format="telegram-text")
    lines = normalise(text)
    lines, embedded = take_dumps(lines)
    parts = read_copies(lines)
    cable = assemble(parts, source, metadata or Metadata(), embedded)
    return cable, tuple(parts.office_lines)


def read_raw(raw: RawCable, use_metadata: bool = True) -> tuple[Cable, tuple[str, ...]]:
    """`read_text` of a reader's item."""
    metadata = raw.metadata if use_metadata else None
    cable, office_lines = read_text(raw.text, raw.source, metadata)
    if raw.repairs:
        cable = cable.with_changes(repairs=tuple(dict.fromkeys((*raw.repairs, *cable.repairs))))
    return cable, office_lines
