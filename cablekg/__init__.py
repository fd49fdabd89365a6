"""cablekg: US diplomatic cables as a published, validated linked-data knowledge graph.

The parse stage's public API:
- `parse_text(text)` -> `Cable`: one telegram text;
- `read(paths)` -> cables of files, directories, Cablegate trees, cables.csv or `-` (stdin);
- `read_outcomes(paths)` -> cables and `Reject`s together, in input order (what the CLI prints).
All three take `entities=False` to skip entity extraction (officials and agencies stay empty).
`compiled()` says whether the per-cable stages run compiled (`CABLEKG_COMPILE=1`, setup.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import NamedTuple

__version__ = "0.1.0"

from cablekg.entities import settle
from cablekg.model import Cable
from cablekg.parse import add_entities, parse_text, read_raw
from cablekg.rdf import RdfFormat, map_cable, to_quads, write
from cablekg.sources import RawCable, Reject, read_sources
from cablekg.validate import validate

# Cables read before their entities are extracted (`read_outcomes`)
BATCH = 64

__all__ = [
    "Cable", "RdfFormat", "Reject", "__version__", "compiled", "map_cable", "parse_text", "read",
    "read_outcomes", "to_quads", "validate", "write",
]  # fmt: skip


def read_outcomes(
    paths: Iterable[str | os.PathLike[str]], use_metadata: bool = True, *, entities: bool = True
) -> Iterator[Cable | Reject]:
    """A `Cable` for every cable found in `paths`, a `Reject` for every input that yields none.

    A cable that cannot be parsed at all never stops the batch: it becomes a `Reject`.
    `use_metadata=False` reads the text alone, ignoring what the source says about the cable;
    `entities=False` skips entity extraction (`officials` and `agencies` stay empty).
    Cables are read `BATCH` at a time: the batch's header fields first, then its entities, so
    that each stage finds its tables in the processor's caches (about a tenth faster than one
    cable at a time). Outcomes come in input order.
    """
    if entities:
        settle()  # the word lists, once per process, out of the garbage collector's walks
    items = read_sources(paths)
    while batch := list(islice(items, BATCH)):
        outcomes = [
            item if isinstance(item, Reject) else _parse(item, use_metadata) for item in batch
        ]
        for outcome in outcomes:
            if isinstance(outcome, _Parsed):
                yield _with_entities(outcome) if entities else outcome.cable
            else:
                yield outcome


def read(
    paths: Iterable[str | os.PathLike[str]], use_metadata: bool = True, *, entities: bool = True
) -> Iterator[Cable]:
    """Every cable in `paths`; inputs that yield none are skipped (see `read_outcomes`)."""
    for outcome in read_outcomes(paths, use_metadata, entities=entities):
        if isinstance(outcome, Cable):
            yield outcome


def compiled() -> bool:
    """Whether this install runs the parser and entity extractor as mypyc-compiled extensions,
    so that a timing can say which of the two it measured."""
    from cablekg.entities import people

    return not people.__file__.endswith(".py")


class _Parsed(NamedTuple):
    cable: Cable
    office_lines: tuple[str, ...]


def _parse(raw: RawCable, use_metadata: bool) -> _Parsed | Reject:
    source = raw.source
    try:
        cable, office_lines = read_raw(raw, use_metadata)
    except Exception as error:
        return _failed(raw, error)
    if not _is_cable(cable):
        reason = "no cable found in the text (no header, banner, subject, TAGS or E.O. line)"
        return Reject(path=source.path, reason=reason, row=source.row, offset=None)
    return _Parsed(cable, office_lines)


def _with_entities(parsed: _Parsed) -> Cable | Reject:
    try:
        return add_entities(parsed.cable, parsed.office_lines)
    except Exception as error:
        return _failed(parsed.cable, error)


def _failed(item: RawCable | Cable, error: Exception) -> Reject:
    reason = f"parser failed: {type(error).__name__}: {error}"
    return Reject(path=item.source.path, reason=reason, row=item.source.row)


def _is_cable(cable: Cable) -> bool:
    return bool(
        cable.id or cable.date or cable.classification or cable.subject or cable.tags
        or cable.declassification or cable.recipients
    )  # fmt: skip
