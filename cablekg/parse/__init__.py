"""Parse a cable's text into a `Cable` (the documented record).

`parse_text(text)` reads the text alone; `parse_raw(raw)` also uses what the source says about
the cable (its metadata) as fallback and cross-check. The reading of the text never depends on
the metadata, so accuracy can be measured on the text alone (`use_metadata=False`).
"""

from __future__ import annotations

from cablekg.model import Cable, Section, Source
from cablekg.parse.assemble import assemble
from cablekg.parse.copies import read_copies
from cablekg.parse.dumps import take_dumps
from cablekg.parse.text import normalise
from cablekg.sources.base import Metadata, RawCable

__all__ = ["Section", "parse_raw", "parse_text"]


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
    source = source or Source(format="telegram-text")
    lines = normalise(text)
    lines, embedded = take_dumps(lines)
    parts = read_copies(lines)
    return assemble(parts, source, metadata or Metadata(), embedded, with_entities=entities)


def parse_raw(raw: RawCable, use_metadata: bool = True, *, entities: bool = True) -> Cable:
    """The cable record of a reader's item."""
    metadata = raw.metadata if use_metadata else None
    cable = parse_text(raw.text, raw.source, metadata, entities=entities)
    if raw.repairs:
        cable = cable.with_changes(repairs=tuple(dict.fromkeys((*raw.repairs, *cable.repairs))))
    return cable
