"""Cables as RDF: mapping onto the cablekg ontology and streaming serialisations.

map_cable(cable)            -> CableTriples (one named graph + its metadata)
to_quads(cable)             -> [(s, p, o, g)] as N-Triples terms
write(cables, out, "nq")    -> WriteStats, streamed one cable at a time
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

from cablekg.model import Cable
from cablekg.rdf.formats import RdfFormat
from cablekg.rdf.mapping import CableTriples, Mapper, Triple
from cablekg.rdf.namespaces import DEFAULT_BASE
from cablekg.rdf.writers import writer
from cablekg.resources import data_path, ontology_path

__all__ = [
    "DEFAULT_BASE",
    "CableTriples",
    "Mapper",
    "RdfFormat",
    "WriteStats",
    "map_cable",
    "serialize",
    "to_quads",
    "vocabulary_triples",
    "write",
]


def map_cable(cable: Cable, base: str = DEFAULT_BASE) -> CableTriples:
    return Mapper(base).map(cable)


def to_quads(cable: Cable, base: str = DEFAULT_BASE) -> list[tuple[str, str, str, str]]:
    """The cable's quads (its graph and its metadata), terms in N-Triples syntax."""
    return list(map_cable(cable, base).quads())


def serialize(
    cable: Cable | CableTriples, format: RdfFormat | str, base: str = DEFAULT_BASE
) -> str:
    """One cable as a complete document in `format` (what a web server answers for its IRI)."""
    fmt = format if isinstance(format, RdfFormat) else RdfFormat.named(format)
    mapped = cable if isinstance(cable, CableTriples) else Mapper(base).map(cable)
    out = io.StringIO()
    w = writer(fmt, out, base)
    w.start([], mapped.metadata_graph)
    w.write(mapped)
    w.finish()
    return out.getvalue()


@cache
def vocabulary_triples() -> tuple[Triple, ...]:
    """The ontology (with its controlled vocabularies) and the TAGS schemes, as N-Triples terms."""
    triples = []
    for path in (ontology_path("cablekg.ttl"), data_path("tags.ttl")):
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            triples.append((str(triple.subject), str(triple.predicate), str(triple.object)))
    return tuple(triples)


@dataclass(frozen=True, slots=True)
class WriteStats:
    cables: int
    triples: int
    seconds: float


def write(
    cables: Iterable[Cable],
    out: TextIO | Path | str,
    format: RdfFormat | str = RdfFormat.NQUADS,
    base: str = DEFAULT_BASE,
    with_vocabulary: bool = False,
    mapper: Mapper | None = None,
) -> WriteStats:
    """Map and write `cables` one at a time; `out` is an open text stream or a path."""
    fmt = format if isinstance(format, RdfFormat) else RdfFormat.named(format)
    if not isinstance(out, str | Path):
        return _write(cables, out, fmt, base, with_vocabulary, mapper)
    with open(out, "w", encoding="utf-8", newline="\n") as stream:
        return _write(cables, stream, fmt, base, with_vocabulary, mapper)


def _write(
    cables: Iterable[Cable],
    out: TextIO,
    fmt: RdfFormat,
    base: str,
    with_vocabulary: bool,
    mapper: Mapper | None,
) -> WriteStats:
    start = time.perf_counter()
    mapper = mapper or Mapper(base)
    w = writer(fmt, out, mapper.iris.base)
    w.start(mapper.agent_triples(), mapper.metadata_graph)
    if with_vocabulary:
        w.write_triples(list(vocabulary_triples()), f"<{mapper.iris.vocabulary_graph()}>")
    count = 0
    for cable in cables:
        w.write(mapper.map(cable))
        count += 1
    w.finish()
    return WriteStats(count, w.triples, time.perf_counter() - start)
