"""The build's writer for a store that holds cables already (a fresh store takes the whole build
in one streamed load, `stream.py`): built cables are spooled to N-Quads files beside the store and
loaded in a few large segments by a loader thread, while the workers go on computing.

Why: every `bulk_load` ingests new RocksDB files, and each ingest adds files RocksDB must then
compact into the store, a cost that grows with the store. So loads are few and as big as the
bulk loader's memory allows: one per segment of 900,000 quads, the segment's cable graphs
(with their officials' links) together with the metadata of the segment before. The main thread
only appends bytes to files (nothing waits in memory); disk holds at most two segments.

Crash safety: the metadata is what marks a cable built, and a segment's metadata is loaded only
after the load of its cable graphs has returned. A build killed at any point leaves no cable
marked built whose graph is not whole; the spool of a killed build is deleted when the next one
starts, and its cables, never marked built, are built again (their partly loaded graphs replaced,
since the store then holds cable graphs and the next build looks each one up).
"""

from __future__ import annotations

import queue
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

import pyoxigraph as ox

from cablekg.links.linksets import Iris
from cablekg.store.shared_graphs import remove_cable_links

# Triples per segment (about 6,500 cables). Every load's ingest adds files RocksDB compacts
# into the whole store, so fewer, bigger loads cost less: on 11 M quads, loads of 990,000 took
# 18% less CPU than loads of 500,000 (and one load 32% less, but a load of over a million quads
# runs two batches at once, about 1.4 GB). Under the bulk loader's batch of a million quads, a
# load runs on one thread and holds one batch in memory: 230 MiB more than half a million did.
SEGMENT_TRIPLES = 900_000
SPOOL_DIR = "spool"


class Spooled(Protocol):
    """What the writer needs of a built cable."""

    graph: str  # bare IRIs
    cable: str
    cable_nquads: bytes
    descriptions_nquads: bytes
    links_nquads: bytes
    metadata_nquads: bytes
    triples: int


@dataclass
class _Segment:
    """One spool file pair and what loading it replaces."""

    cables: Path
    metadata: Path
    stale: dict[str, str] = field(default_factory=dict)  # graph -> cable, to remove first
    triples: int = 0


class SpoolWriter:
    """Spools built cables into segments and loads each full segment on its own thread.

    In a `fresh` store (no cable graph when the build began) no graph can be stale, so none is
    looked up. A failure of the loader is raised in the caller's thread."""

    def __init__(
        self,
        store: ox.Store,
        store_dir: Path,
        iris: Iris,
        stages: dict[str, float],
        *,
        fresh: bool = False,
        segment_triples: int = SEGMENT_TRIPLES,
    ) -> None:
        self.store = store
        self.iris = iris
        self.metadata_graph = ox.NamedNode(iris.metadata_graph())
        self.stages = stages
        self.fresh = fresh
        self.segment_triples = segment_triples
        self.directory = Path(store_dir) / SPOOL_DIR
        shutil.rmtree(self.directory, ignore_errors=True)  # a killed build's: never loaded
        self.directory.mkdir()
        self.numbered = 0
        self.segment: _Segment | None = None
        self.files: tuple[BinaryIO, BinaryIO] | None = None
        self.queue: queue.Queue[_Segment | None] = queue.Queue(1)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="cablekg-loader", daemon=True)

    def __enter__(self) -> SpoolWriter:
        self.thread.start()
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if kind is None:
            self._flush()
        elif self.files:
            for file in self.files:
                file.close()
        self._put(None)
        self.thread.join()
        if self.error is not None and kind is None:
            raise self.error
        if kind is None:
            shutil.rmtree(self.directory, ignore_errors=True)

    def add(self, built: Spooled) -> None:
        """Spool a built cable (the build gives each graph once)."""
        segment, (cables, metadata) = self._current()
        if not self.fresh:
            segment.stale[built.graph] = built.cable
        cables.write(built.cable_nquads)
        cables.write(built.descriptions_nquads)
        cables.write(built.links_nquads)
        metadata.write(built.metadata_nquads)
        segment.triples += built.triples
        if segment.triples >= self.segment_triples:
            self._flush()

    def append(self, nquads: bytes) -> None:
        """Spool quads that belong to no cable (entity descriptions)."""
        _, (cables, _) = self._current()
        cables.write(nquads)

    def _current(self) -> tuple[_Segment, tuple[BinaryIO, BinaryIO]]:
        """The segment being spooled and its files (cables, metadata), opened when needed."""
        if self.segment is None or self.files is None:
            self.numbered += 1
            stem = self.directory / f"segment-{self.numbered:05d}"
            self.segment = _Segment(stem.with_suffix(".cables.nq"), stem.with_suffix(".meta.nq"))
            self.files = (self.segment.cables.open("wb"), self.segment.metadata.open("wb"))
        return self.segment, self.files

    def _flush(self) -> None:
        """Hand the current segment to the loader (waiting while it loads the one before)."""
        if self.segment is None or self.files is None:
            return
        for file in self.files:
            file.close()
        segment, self.segment, self.files = self.segment, None, None
        self._put(segment)

    def _put(self, segment: _Segment | None) -> None:
        while self.thread.is_alive():
            try:
                self.queue.put(segment, timeout=0.5)
                return
            except queue.Full:
                continue
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        pending: _Segment | None = None  # loaded, but its metadata not yet
        try:
            while (segment := self.queue.get()) is not None:
                started = time.perf_counter()
                pending = self._load(segment, pending)
                self.stages["load"] += time.perf_counter() - started
            if pending is not None:
                self._mark_built(pending)
        except BaseException as error:  # handed to the caller's thread
            self.error = error

    def _load(self, segment: _Segment, pending: _Segment | None) -> _Segment:
        """Load `segment`'s cables with the metadata of the one before (whose graphs are whole
        by now): one bulk load, so one ingest, per segment. Returns `segment`, now pending."""
        for graph, cable in segment.stale.items():
            node = ox.NamedNode(graph)
            for quad in list(self.store.quads_for_pattern(node, None, None, self.metadata_graph)):
                self.store.remove(quad)
            remove_cable_links(self.store, self.iris, cable)
            if self.store.contains_named_graph(node):
                self.store.remove_graph(node)
        if pending is not None:
            with segment.cables.open("ab") as out, pending.metadata.open("rb") as metadata:
                shutil.copyfileobj(metadata, out)
        self.store.bulk_load(path=segment.cables, format=ox.RdfFormat.N_QUADS)
        segment.cables.unlink()
        if pending is not None:
            pending.metadata.unlink()
        return segment

    def _mark_built(self, segment: _Segment) -> None:
        self.store.bulk_load(path=segment.metadata, format=ox.RdfFormat.N_QUADS)
        segment.metadata.unlink()
