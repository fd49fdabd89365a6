"""What gets validated together: one cable graph with its metadata and the descriptions of the
entities it names, as N-Triples text.

A unit is self-contained by design of the mapping (everything a cable's graph points at is
described in the entities graph, or checked by IRI pattern), so units validate independently and
in any order, from mapped cables, from an RDF file or from a store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from cablekg.model import Cable
from cablekg.rdf.formats import RdfFormat
from cablekg.rdf.mapping import Mapper
from cablekg.records import read_cables
from cablekg.store import open_store

METADATA_GRAPH_SUFFIX = "/graph/metadata"
ENTITIES_GRAPH_SUFFIX = "/graph/entities"


@dataclass(frozen=True, slots=True)
class Unit:
    name: str
    ntriples: str
    triples: int


def from_cables(cables: Iterable[Cable], mapper: Mapper | None = None) -> Iterator[Unit]:
    mapper = mapper or Mapper()
    for cable in cables:
        mapped = mapper.map(cable)
        yield Unit(mapped.graph[1:-1], mapped.ntriples(), len(mapped))


def _line(quad: ox.Quad) -> str:
    return f"{quad.subject} {quad.predicate} {quad.object} .\n"


def _named(quad: ox.Quad) -> Iterator[ox.NamedNode]:
    """The IRIs a quad names, whose descriptions its unit needs."""
    yield quad.subject
    if isinstance(quad.object, ox.NamedNode):
        yield quad.object


def _descriptions(
    named: set[ox.NamedNode], describe: Callable[[ox.NamedNode], list[ox.Quad]]
) -> list[str]:
    """The descriptions of the entities `named`, and of those the descriptions name (a
    position's organisation), as N-Triples lines."""
    lines: list[str] = []
    todo, seen = list(named), set(named)
    while todo:
        for quad in describe(todo.pop()):
            lines.append(_line(quad))
            for iri in _named(quad):
                if iri not in seen:
                    seen.add(iri)
                    todo.append(iri)
    return lines


def from_quads(quads: Iterable[ox.Quad]) -> Iterator[Unit]:
    """Group a stream of quads into units: a run of one cable graph, plus the descriptions and
    metadata quads that follow it (the order every cablekg writer uses), plus the descriptions
    written before it of the entities it names (kept as they come: a writer writes each once).
    A graph that comes back after another is an error: such a file must go through a store
    (`--store`)."""
    current: str | None = None
    lines: list[str] = []
    named: set[ox.NamedNode] = set()
    described: dict[ox.NamedNode, list[ox.Quad]] = {}
    finished: set[str] = set()

    def unit(name: str) -> Unit:
        found = _descriptions(named, lambda iri: described.get(iri, []))
        return Unit(name, "".join(lines + found), len(lines) + len(found))

    for quad in quads:
        graph = str(quad.graph_name)[1:-1] if isinstance(quad.graph_name, ox.NamedNode) else ""
        if graph.endswith(ENTITIES_GRAPH_SUFFIX):
            described.setdefault(quad.subject, []).append(quad)
            continue
        if graph != current and not graph.endswith(METADATA_GRAPH_SUFFIX):
            if lines:
                yield unit(current or "default graph")
            if graph in finished:
                raise ValueError(
                    f"the quads of graph <{graph}> are not together; load the file into a store"
                    " and validate the store instead"
                )
            if current is not None:
                finished.add(current)
            current, lines, named = graph, [], set()
        lines.append(_line(quad))
        named.update(_named(quad))
    if lines:
        yield unit(current or "metadata")


def from_file(path: Path, fmt: RdfFormat | None = None) -> Iterator[Unit]:
    """Units of an RDF file: per cable graph for N-Quads, TriG and JSON-LD; the whole graph
    for N-Triples and Turtle, which have no graphs to split by."""
    fmt = fmt or RdfFormat.of_path(path)
    quads = ox.parse(path=str(path), format=fmt.oxigraph)
    if fmt.has_graphs:
        yield from from_quads(quads)
        return
    lines = [_line(quad) for quad in quads]
    yield Unit(str(path), "".join(lines), len(lines))


def from_store(store: ox.Store | Path) -> Iterator[Unit]:
    """One unit per cable graph of a store (plus its metadata and the descriptions of the
    entities it names), then the rest of the metadata."""
    if not isinstance(store, ox.Store):
        store = open_store(Path(store))
    graphs = [g for g in store.named_graphs() if isinstance(g, ox.NamedNode)]
    metadata = next((g for g in graphs if g.value.endswith(METADATA_GRAPH_SUFFIX)), None)
    entities = next((g for g in graphs if g.value.endswith(ENTITIES_GRAPH_SUFFIX)), None)
    described: set[ox.NamedNode] = set()
    for graph in sorted(graphs, key=lambda g: g.value):
        if graph in (metadata, entities):
            continue
        quads = list(store.quads_for_pattern(None, None, None, graph))
        lines = [_line(q) for q in quads]
        if entities is not None:
            named = {iri for q in quads for iri in _named(q)}
            lines += _descriptions(
                named, lambda iri: list(store.quads_for_pattern(iri, None, None, entities))
            )
        if metadata is not None:
            about = [graph]
            for q in store.quads_for_pattern(graph, None, None, metadata):
                if isinstance(q.object, ox.NamedNode) and q.predicate.value.endswith(
                    "wasDerivedFrom"
                ):
                    about.append(q.object)
            for subject in about:
                described.add(subject)
                lines.extend(
                    _line(q) for q in store.quads_for_pattern(subject, None, None, metadata)
                )
        yield Unit(graph.value, "".join(lines), len(lines))
    if metadata is not None:
        rest = [
            _line(q)
            for q in store.quads_for_pattern(None, None, None, metadata)
            if q.subject not in described
        ]
        if rest:
            yield Unit(metadata.value, "".join(rest), len(rest))


RDF_SUFFIXES = tuple(fmt.extension for fmt in RdfFormat)


def from_paths(paths: Iterable[Path], mapper: Mapper | None = None) -> Iterator[Unit]:
    """RDF files by their extension; anything else is read as cables and mapped."""
    for path in paths:
        path = Path(path)
        if path.suffix in RDF_SUFFIXES:
            yield from from_file(path)
        else:
            yield from from_cables(read_cables([path]), mapper)
