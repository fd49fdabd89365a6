"""`cablekg build`: parse -> entities -> RDF -> validation -> the embedded store.

The main process reads the sources; worker processes (`jobs`) parse, map and validate cables and
hand back finished N-Quads (UTF-8 bytes, serialised once; each worker writes an entity's
description once, see `Described`). A fresh store takes them in one bulk load streamed while the
workers compute (`stream.py`): one ingest, which RocksDB merges while the final flush waits. A
store that holds cables already takes them in segments (`spool.py`), cable graphs first and
their metadata after, and is compacted at the end when a segment or more went in. Everything in
flight is bounded, so memory stays flat however long the input. A build killed at any point
leaves no cable whose metadata claims a graph that is not whole: on the next run a cable whose
source hash is already recorded is skipped, and any other cable's graph is replaced, never
appended to.

Each stage's time is summed over workers and returned on the report (`BuildReport.stages`), for
benchmarks; it is not printed. `read`, `parse`, `entities`, `map` and `validate` are CPU seconds of
the thread doing them (so a busy machine does not inflate them); `load` is the loader thread's
wall time, since the bulk loader works on threads of its own, plus any final compaction.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

from cablekg import entities
from cablekg.links.linksets import LINKSETS, Iris
from cablekg.model import Cable
from cablekg.parse import add_entities, read_raw
from cablekg.rdf.mapping import DERIVED_FROM, Described, Mapper, nquad_lines
from cablekg.rdf.namespaces import DEFAULT_BASE
from cablekg.sources import RawCable, Reject, read_sources
from cablekg.store import batched, open_store
from cablekg.store.lock import exclusive
from cablekg.store.progress import Progress
from cablekg.store.shared_graphs import (
    cable_link_nquads,
    describe_officials,
    officials_description,
    write_static,
)
from cablekg.store.spool import SEGMENT_TRIPLES, SpoolWriter
from cablekg.store.stream import StreamWriter
from cablekg.validate.engines import FastEngine, Violation
from cablekg.validate.report import Report

CHUNK_CABLES = 64  # cables per task handed to a worker
STAGES = ("read", "parse", "entities", "map", "validate", "load")


@dataclass
class BuildReport:
    """What a build did, for its closing summary."""

    read: int = 0
    built: int = 0
    skipped: int = 0
    triples: int = 0
    seconds: float = 0.0
    rejects: Counter[str] = field(default_factory=Counter)
    validation: Report = field(default_factory=lambda: Report("fast"))
    # CPU seconds per stage summed over workers, `load` wall seconds (see the module docstring)
    stages: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

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
    cable_nquads: bytes  # UTF-8
    descriptions_nquads: bytes  # the entity descriptions new to its worker (see `Described`)
    links_nquads: bytes  # its officials resolved to the Office of the Historian
    metadata_nquads: bytes
    triples: int
    path: str | None  # where it was read, for a reject report
    row: int | None
    links: Counter[tuple[str, str]]  # its officials' links by (target, predicate)
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
    segment_triples: int | None = None,
) -> BuildReport:
    """Build (or update) the store in `store_dir` from `sources`; see the module docstring.
    A fresh store takes the whole build in one streamed bulk load (`stream.py`); a store that
    holds cables already, or any store when `segment_triples` is given, takes it in segments of
    that many cable triples (`spool.py`; default `SEGMENT_TRIPLES`)."""
    store_dir = Path(store_dir)
    started = time.monotonic()
    report = BuildReport()
    jobs = jobs or os.cpu_count() or 1
    with exclusive(store_dir), _workers(jobs, base_iri, validate) as pool:
        store = open_store(store_dir, read_only=False)
        mapper, iris = Mapper(base_iri), Iris(base_iri)
        fresh = not _holds_cable_graphs(store, iris)
        agent = nquad_lines(mapper.agent_triples(), mapper.metadata_graph)
        store.bulk_load(agent.encode("utf-8"), ox.RdfFormat.N_QUADS)
        write_static(store, iris)
        streamed = fresh and segment_triples is None and hasattr(os, "mkfifo")
        progress = Progress(_size_of(sources), quiet=quiet)
        rejects_path = store_dir / "rejects.jsonl"
        with rejects_path.open("w", encoding="utf-8") as rejects:
            items = _timed(read_sources(sources), report.stages)
            todo = _to_build(items, store, mapper, force or fresh, report, rejects, progress)
            segment_triples = segment_triples or SEGMENT_TRIPLES
            writer: StreamWriter | SpoolWriter
            if streamed:
                writer = StreamWriter(store, store_dir, report.stages)
            else:
                writer = SpoolWriter(
                    store, store_dir, iris, report.stages, fresh=fresh,
                    segment_triples=segment_triples,
                )  # fmt: skip
            links: Counter[tuple[str, str]] = Counter()
            written: set[str] = set()  # graphs this build wrote: an id given twice keeps its first
            with writer:
                for built in _work(todo, pool, jobs, base_iri, validate, report):
                    progress.advance(1, built.size)
                    if built.graph in written:
                        _reject(_repeat(built), report, rejects, counted_as=REPEATED_ID)
                        # its worker describes each entity once: later cables may cite these
                        writer.append(built.descriptions_nquads)
                        report.triples += built.descriptions_nquads.count(b"\n")
                        continue
                    written.add(built.graph)
                    writer.add(built)
                    report.triples += built.triples
                    links.update(built.links)
                    if validate:
                        report.validation.units += 1
                        report.validation.triples += built.triples
                        report.validation.seconds += built.validation_seconds
                        report.validation.add(built.violations)
                if streamed:  # a write after the load waits until RocksDB has compacted it
                    description = officials_description(iris, links)
                    writer.append(ox.serialize(description, format=ox.RdfFormat.N_QUADS))
            if not streamed:
                describe_officials(store, iris)
            report.built = len(written)
        if not streamed and report.triples >= segment_triples:
            _compact(store, report.stages)
        # After a large load the flush waits until RocksDB has merged the ingested files (3 min
        # for 251,287 cables): without that merge the queries ran 10-30 times slower.
        store.flush()
        progress.close()
        (store_dir / "validation.txt").write_text(report.validation.text(), encoding="utf-8")
        report.validation.write_turtle(store_dir / "validation.ttl")
    report.seconds = time.monotonic() - started
    return report


REPEATED_ID = "duplicate id: an earlier input of this build gave the same cable"


def _repeat(built: Built) -> Reject:
    """A cable whose id an earlier input of this build had: the first stays, this one is
    reported (with its id, and where it was read) instead of silently replacing it."""
    return Reject(built.path, f"{REPEATED_ID} ({built.cable.rsplit('/', 1)[-1]})", built.row)


def _reject(
    reject: Reject, report: BuildReport, rejects: TextIO, counted_as: str | None = None
) -> None:
    """Write `reject` to the rejects report and count it under its reason (or `counted_as`)."""
    rejects.write(json.dumps(reject.to_record(), ensure_ascii=False) + "\n")
    report.rejects[counted_as or reject.reason] += 1


def _compact(store: ox.Store, stages: dict[str, float]) -> None:
    """Compact the store once its segments are in. Each load leaves ingested files that queries
    must search until RocksDB merges them: on the 251,287-cable store the named queries ran 2-5
    times faster after this (150 s, one core, and the store 40% smaller). A build smaller than a
    segment leaves it to RocksDB's own compactions."""
    started = time.perf_counter()
    store.optimize()
    stages["load"] += time.perf_counter() - started


def _timed(items: Iterable[RawCable | Reject], stages: dict[str, float]):
    """`items`, adding the time spent reading each one to `stages["read"]`."""
    iterator = iter(items)
    while True:
        started = time.thread_time()
        item = next(iterator, None)
        stages["read"] += time.thread_time() - started
        if item is None:
            return
        yield item


def _to_build(
    items: Iterable[RawCable | Reject],
    store: ox.Store,
    mapper: Mapper,
    force: bool,
    report: BuildReport,
    rejects: TextIO,
    progress: Progress,
) -> Iterator[RawCable]:
    """Raw cables that need building; rejects are written out, unchanged sources skipped (with
    `force`, nothing is looked up: every cable is built)."""
    metadata_graph = ox.NamedNode(_unbracket(mapper.metadata_graph))
    derived_from = ox.NamedNode(_unbracket(DERIVED_FROM))
    for item in items:
        report.read += 1
        if isinstance(item, Reject):
            _reject(item, report, rejects)
            continue
        sha = item.source.sha256
        if sha and not force:
            source = ox.NamedNode(mapper.iris.source(sha))
            if next(store.quads_for_pattern(None, derived_from, source, metadata_graph), None):
                report.skipped += 1
                progress.advance(1, len(item.text))
                continue
        yield item


_worker_state: tuple[Mapper, Iris, FastEngine | None, Described] | None = None
_stages: dict[str, float] = {}  # this worker's stage times since its last chunk


def _init_worker(base_iri: str, validate: bool) -> None:
    global _worker_state
    engine = FastEngine() if validate else None
    _worker_state = (Mapper(base_iri), Iris(base_iri), engine, Described())
    if not hasattr(entities.extract, "timed"):
        entities.extract = _timing(entities.extract, "entities")
    entities.settle()  # the word lists live as long as the worker: out of the collector's walks


def _timing(function: Callable, stage: str) -> Callable:
    """`function`, adding its run time to this worker's `stage` (the parser calls it inside)."""

    def timed(*args, **kwargs):
        started = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            _stages[stage] = _stages.get(stage, 0.0) + time.thread_time() - started

    timed.timed = True
    return timed


def _build_one(raw: RawCable, cable: Cable) -> Built:
    """The graphs of a parsed cable, serialised, and their validation."""
    assert _worker_state is not None
    mapper, link_iris, engine, described = _worker_state
    clock = time.thread_time
    started = clock()
    mapped = mapper.map(cable)
    descriptions = described.new(mapped.descriptions)
    cable_nquads = nquad_lines(mapped.triples, mapped.graph).encode("utf-8")
    descriptions_nquads = nquad_lines(descriptions, mapped.entities_graph).encode("utf-8")
    metadata_nquads = nquad_lines(mapped.metadata, mapped.metadata_graph).encode("utf-8")
    links: Counter[tuple[str, str]] = Counter()
    links_nquads = cable_link_nquads(link_iris, cable, links).encode("utf-8")
    done = clock()
    violations = tuple(engine.validate(mapped.ntriples())) if engine else ()
    validated = clock()
    _stages["map"] = _stages.get("map", 0.0) + done - started
    _stages["validate"] = _stages.get("validate", 0.0) + validated - done
    return Built(
        graph=_unbracket(mapped.graph),
        cable=_unbracket(mapped.cable),
        cable_nquads=cable_nquads,
        descriptions_nquads=descriptions_nquads,
        links_nquads=links_nquads,
        metadata_nquads=metadata_nquads,
        triples=len(mapped.triples) + len(descriptions) + len(mapped.metadata),
        path=raw.source.path,
        row=raw.source.row,
        links=links,
        violations=violations,
        validation_seconds=validated - done if engine else 0.0,
        size=len(raw.text),
    )


def _build_many(chunk: list[RawCable]) -> tuple[list[Built], dict[str, float]]:
    """A chunk of cables built, with the stage times they took (reset for the next chunk).
    Stage by stage, as `cablekg.read` does: the chunk's header fields, then its entities, then
    each cable's graph, so that each stage finds its tables in the processor's caches."""
    started = time.thread_time()
    before = _stages.get("entities", 0.0)
    records = [read_raw(raw, True) for raw in chunk]
    cables = [add_entities(cable, office_lines) for cable, office_lines in records]
    entity_seconds = _stages.get("entities", 0.0) - before
    _stages["parse"] = _stages.get("parse", 0.0) + time.thread_time() - started - entity_seconds
    built = [_build_one(raw, cable) for raw, cable in zip(chunk, cables, strict=True)]
    stages = dict(_stages)
    _stages.clear()
    return built, stages


@contextmanager
def _workers(jobs: int, base_iri: str, validate: bool) -> Iterator[Pool | None]:
    """The worker processes (None for one job: the build then runs in its own process). They
    fork before the store is opened, so no RocksDB thread runs when they do, and they share
    with the build process only its imported modules, not the vocabulary and link sets it then
    writes (about 110 MB of resident memory a worker)."""
    if jobs <= 1:
        yield None
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_init_pool_worker, initargs=(base_iri, validate)) as pool:
        yield pool


# How much lower the workers' scheduling priority is than the build process's: the loader
# thread then has the CPU whenever it needs it and never falls behind the workers (a load
# that fell behind finished minutes after the last cable was built), while the workers take
# all the CPU it leaves. A lower priority also makes a long build yield to interactive work.
WORKER_NICENESS = 10


def _init_pool_worker(base_iri: str, validate: bool) -> None:
    os.nice(WORKER_NICENESS)
    _init_worker(base_iri, validate)


def _work(
    todo: Iterable[RawCable],
    pool: Pool | None,
    jobs: int,
    base_iri: str,
    validate: bool,
    report: BuildReport,
) -> Iterator[Built]:
    """Built cables in input order. The caller's thread reads; workers only compute, and exit
    once the last cable is built (their memory is free for the end of the load)."""

    def collect(result: tuple[list[Built], dict[str, float]]) -> list[Built]:
        built, stages = result
        for stage, seconds in stages.items():
            report.stages[stage] += seconds
        return built

    if pool is None:
        _init_worker(base_iri, validate)
        for chunk in batched(todo, CHUNK_CABLES):
            yield from collect(_build_many(chunk))
        return
    pending: deque[AsyncResult] = deque()
    for chunk in batched(todo, CHUNK_CABLES):
        pending.append(pool.apply_async(_build_many, (chunk,)))
        while len(pending) > 4 * jobs:
            yield from collect(pending.popleft().get())
    while pending:
        yield from collect(pending.popleft().get())
    pool.close()
    pool.join()


def _holds_cable_graphs(store: ox.Store, iris: Iris) -> bool:
    """Whether the store has any named graph besides the metadata, entities, vocabulary and
    link sets."""
    shared = {iris.metadata_graph(), iris.entities_graph(), iris.vocabulary_graph()}
    shared |= {iris.linkset_graph(name) for name in LINKSETS}
    return any(graph.value not in shared for graph in store.named_graphs())


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
