"""`cablekg build`: parse -> entities -> RDF -> validation -> the embedded store.

The main process reads the sources and writes the store; worker processes (`jobs`) parse, map and
validate cables and hand back finished N-Quads. The store is written in batches with
`bulk_load`, cable graphs first and their metadata after, so a build killed at any point leaves
no cable whose metadata claims a graph that is not whole: on the next run a cable whose source
hash is already recorded is skipped, and any other cable's graph is replaced, never appended to.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from pathlib import Path

import pyoxigraph as ox

from cablekg.links.linksets import Iris
from cablekg.model import Cable
from cablekg.parse import parse_raw
from cablekg.rdf.mapping import DERIVED_FROM, Mapper
from cablekg.rdf.namespaces import DEFAULT_BASE
from cablekg.sources import RawCable, Reject, read_sources
from cablekg.store import batched, open_store
from cablekg.store.lock import exclusive
from cablekg.store.progress import Progress
from cablekg.store.shared_graphs import (
    cable_link_nquads,
    describe_officials,
    remove_cable_links,
    write_static,
)
from cablekg.validate.engines import FastEngine, Violation
from cablekg.validate.report import Report

BATCH_CABLES = 2000  # cables per bulk load into the store
CHUNK_CABLES = 64  # cables per task handed to a worker


@dataclass
class BuildReport:
    """What a build did, for its closing summary."""

    read: int = 0
    built: int = 0
    skipped: int = 0
    duplicates: int = 0
    triples: int = 0
    seconds: float = 0.0
    rejects: Counter[str] = field(default_factory=Counter)
    validation: Report = field(default_factory=lambda: Report("fast"))

    @property
    def rejected(self) -> int:
        return sum(self.rejects.values())

    def summary(self) -> str:
        lines = [
            f"cables read        {self.read:,}",
            f"cables in graph    {self.built + self.skipped:,} "
            f"({self.built:,} built, {self.skipped:,} unchanged and skipped)",
            f"rejected           {self.rejected:,}",
        ]
        lines += [f"  {count:6,}  {reason}" for reason, count in self.rejects.most_common(10)]
        lines += [
            f"triples written    {self.triples:,}",
            f"SHACL violations   {self.validation.count:,}",
            f"time               {self.seconds:.1f} s "
            f"({self.read / max(self.seconds, 1e-9):,.0f} cables/s)",
        ]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Built:
    """One cable, mapped and validated by a worker."""

    graph: str  # IRI of the cable's named graph, without brackets
    cable: str  # IRI of the cable
    cable_nquads: str
    links_nquads: str  # its officials resolved to the Office of the Historian
    metadata_nquads: str
    triples: int
    violations: tuple[Violation, ...]
    validation_seconds: float
    size: int


def build(
    sources: Sequence[str | os.PathLike[str]],
    store_dir: Path,
    *,
    base_iri: str = DEFAULT_BASE,
    jobs: int | None = None,
    force: bool = False,
    validate: bool = True,
    quiet: bool = False,
) -> BuildReport:
    """Build (or update) the store in `store_dir` from `sources`; see the module docstring."""
    store_dir = Path(store_dir)
    started = time.monotonic()
    report = BuildReport()
    with exclusive(store_dir):
        store = open_store(store_dir, read_only=False)
        mapper = Mapper(base_iri)
        agent = "".join(
            f"{s} {p} {o} {mapper.metadata_graph} .\n" for s, p, o in mapper.agent_triples()
        )
        store.bulk_load(agent.encode("utf-8"), ox.RdfFormat.N_QUADS)
        write_static(store, Iris(base_iri))
        progress = Progress(_size_of(sources), quiet=quiet)
        rejects_path = store_dir / "rejects.jsonl"
        with rejects_path.open("w", encoding="utf-8") as rejects:
            todo = _to_build(read_sources(sources), store, mapper, force, report, rejects, progress)
            writer = _Writer(store, mapper)
            for built in _work(todo, base_iri, jobs or os.cpu_count() or 1, validate):
                writer.add(built)
                if validate:
                    report.validation.units += 1
                    report.validation.triples += built.triples
                    report.validation.seconds += built.validation_seconds
                    report.validation.add(built.violations)
                progress.advance(1, built.size)
            writer.flush()
            describe_officials(store, writer.iris)
            report.built, report.triples, report.duplicates = (
                writer.cables, writer.triples, writer.duplicates
            )  # fmt: skip
        store.flush()
        progress.close()
        (store_dir / "validation.txt").write_text(report.validation.text(), encoding="utf-8")
        report.validation.write_turtle(store_dir / "validation.ttl")
    report.seconds = time.monotonic() - started
    return report


def _to_build(
    items: Iterable[RawCable | Reject],
    store: ox.Store,
    mapper: Mapper,
    force: bool,
    report: BuildReport,
    rejects,
    progress: Progress,
) -> Iterator[RawCable]:
    """Raw cables that need building; rejects are written out, unchanged sources skipped."""
    metadata_graph = ox.NamedNode(_unbracket(mapper.metadata_graph))
    derived_from = ox.NamedNode(_unbracket(DERIVED_FROM))
    for item in items:
        report.read += 1
        if isinstance(item, Reject):
            rejects.write(json.dumps(item.to_record(), ensure_ascii=False) + "\n")
            report.rejects[item.reason] += 1
            continue
        sha = item.source.sha256
        if sha and not force:
            source = ox.NamedNode(mapper.iris.source(sha))
            if next(store.quads_for_pattern(None, derived_from, source, metadata_graph), None):
                report.skipped += 1
                progress.advance(1, len(item.text))
                continue
        yield item


_worker_state: tuple[Mapper, Iris, FastEngine | None] | None = None


def _init_worker(base_iri: str, validate: bool) -> None:
    global _worker_state
    _worker_state = (Mapper(base_iri), Iris(base_iri), FastEngine() if validate else None)


def _build_one(raw: RawCable) -> Built:
    assert _worker_state is not None
    mapper, link_iris, engine = _worker_state
    cable: Cable = parse_raw(raw, True)
    mapped = mapper.map(cable)
    started = time.perf_counter()
    violations = tuple(engine.validate(mapped.ntriples())) if engine else ()
    validation_seconds = time.perf_counter() - started if engine else 0.0
    meta = f" {mapped.metadata_graph} .\n"
    graph = f" {mapped.graph} .\n"
    return Built(
        graph=_unbracket(mapped.graph),
        cable=_unbracket(mapped.cable),
        links_nquads=cable_link_nquads(link_iris, cable),
        cable_nquads="".join(f"{s} {p} {o}{graph}" for s, p, o in mapped.triples),
        metadata_nquads="".join(f"{s} {p} {o}{meta}" for s, p, o in mapped.metadata),
        triples=len(mapped),
        violations=violations,
        validation_seconds=validation_seconds,
        size=len(raw.text),
    )


def _build_many(chunk: list[RawCable]) -> list[Built]:
    return [_build_one(raw) for raw in chunk]


def _work(todo: Iterable[RawCable], base_iri: str, jobs: int, validate: bool) -> Iterator[Built]:
    """Built cables in input order. The caller's thread reads and writes; workers only compute."""
    if jobs <= 1:
        _init_worker(base_iri, validate)
        yield from map(_build_one, todo)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_init_worker, initargs=(base_iri, validate)) as pool:
        pending: deque[AsyncResult] = deque()
        for chunk in batched(todo, CHUNK_CABLES):
            pending.append(pool.apply_async(_build_many, (list(chunk),)))
            while len(pending) > 4 * jobs:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


class _Writer:
    """Batches built cables into the store: old graphs removed, cables loaded, then metadata."""

    def __init__(self, store: ox.Store, mapper: Mapper) -> None:
        self.store = store
        self.iris = Iris(mapper.iris.base)
        self.metadata_graph = ox.NamedNode(_unbracket(mapper.metadata_graph))
        self.batch: dict[str, Built] = {}
        self.cables = self.triples = self.duplicates = 0

    def add(self, built: Built) -> None:
        if built.graph in self.batch:
            self.duplicates += 1
        self.batch[built.graph] = built
        if len(self.batch) >= BATCH_CABLES:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        for graph in self.batch:
            node = ox.NamedNode(graph)
            stale = list(self.store.quads_for_pattern(node, None, None, self.metadata_graph))
            for quad in stale:
                self.store.remove(quad)
            remove_cable_links(self.store, self.iris, self.batch[graph].cable)
            if self.store.contains_named_graph(node):
                self.store.remove_graph(node)
        # metadata last: it is what marks a cable as built
        for part in ("cable_nquads", "links_nquads", "metadata_nquads"):
            text = "".join(getattr(b, part) for b in self.batch.values())
            if text:
                self.store.bulk_load(text.encode("utf-8"), ox.RdfFormat.N_QUADS)
        self.cables += len(self.batch)
        self.triples += sum(b.triples for b in self.batch.values())
        self.batch = {}


def _unbracket(term: str) -> str:
    """`<iri>` as the mapping writes it, to the bare IRI pyoxigraph takes."""
    return term[1:-1]


def _size_of(sources: Sequence[str | os.PathLike[str]]) -> int:
    total = 0
    for source in sources:
        path = Path(source)
        if path.is_file():
            total += path.stat().st_size
        elif path.is_dir():
            total += sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return total
