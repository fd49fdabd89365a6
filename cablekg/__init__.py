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

__version__ = "0.1.0"

from cablekg.entities import settle
from cablekg.model import Cable
from cablekg.parse import parse_raw, parse_text
from cablekg.rdf import RdfFormat, map_cable, to_quads, write
from cablekg.sources import RawCable, Reject, read_sources
from cablekg.validate import validate

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
    """
    if entities:
        settle()  # the word lists, once per process, out of the garbage collector's walks
    for item in read_sources(paths):
        if isinstance(item, Reject):
            yield item
            continue
        yield _parse(item, use_metadata, entities)


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


def _parse(raw: RawCable, use_metadata: bool, entities: bool) -> Cable | Reject:
    source = raw.source
    try:
        cable = parse_raw(raw, use_metadata, entities=entities)
    except Exception as error:
        reason = f"parser failed: {type(error).__name__}: {error}"
        return Reject(path=source.path, reason=reason, row=source.row)
    if not _is_cable(cable):
        reason = "no cable found in the text (no header, banner, subject, TAGS or E.O. line)"
        return Reject(path=source.path, reason=reason, row=source.row, offset=None)
    return cable


def _is_cable(cable: Cable) -> bool:
    return bool(
        cable.id or cable.date or cable.classification or cable.subject or cable.tags
        or cable.declassification or cable.recipients
    )  # fmt: skip
