"""The build's writer for a fresh store: the whole build in one bulk load, fed while the
workers compute.

Why: a bulk load gathers what it reads into new RocksDB files and ingests them when it ends;
RocksDB then merges them with what the store holds already. Loads into a growing store so cost
more and more (segments of 900,000 quads: 24 µs a quad by 38 M quads, against about 10 for one
load of everything), and their many ingests leave a store that must be compacted before queries
are fast. One load is one ingest; the build's final flush then waits while RocksDB merges the
ingested files (3 min for 251,287 cables, on one thread), after which the store answers every
interactive named query in under 2 s. The price is disk: the spool keeps the build's whole
N-Quads (9 GB for 251,287 cables) until the load ends.

How: the main thread appends each built cable (its graph, its entity descriptions, its
officials' links, then its metadata) to a spool file; a feeder thread follows that file into a
named pipe, which the bulk loader reads on a thread of its own. The loader's thread is pinned to
one CPU, so the loader runs one batch of a million quads at a time (about 1 GB; two CPUs would
hold two) and leaves the other CPU to the workers.

Crash safety: the load is atomic. A build killed before its end leaves the store as it was;
a build that fails in Python feeds the loader a broken line, so nothing of it is loaded.
"""

from __future__ import annotations

import errno
import os
import shutil
import threading
import time
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from cablekg.store.spool import SPOOL_DIR, Spooled

_FEED = 1 << 20  # bytes handed to the loader at a time
_BROKEN = b"<broken\n"  # not N-Quads: the loader fails, and an atomic load loads nothing


class StreamWriter:
    """Streams built cables into one bulk load of a fresh store (same interface as
    `SpoolWriter`). A failure of the loader is raised in the caller's thread."""

    def __init__(self, store: ox.Store, store_dir: Path, stages: dict[str, float]):
        self.store = store
        self.stages = stages
        self.directory = Path(store_dir) / SPOOL_DIR
        shutil.rmtree(self.directory, ignore_errors=True)  # a killed build's: never loaded
        self.directory.mkdir()
        self.spool_path = self.directory / "build.nq"
        self.pipe = self.directory / "load.pipe"
        os.mkfifo(self.pipe)
        self.spool: BinaryIO = self.spool_path.open("wb", buffering=0)
        self.finished = threading.Event()  # nothing more will be written
        self.aborted = threading.Event()
        self.error: BaseException | None = None
        self.loader = threading.Thread(target=self._load, name="cablekg-loader", daemon=True)
        self.feeder = threading.Thread(target=self._feed, name="cablekg-feeder", daemon=True)

    def __enter__(self) -> StreamWriter:
        self.loader.start()
        self.feeder.start()
        return self

    def __exit__(self, kind, error, traceback) -> None:
        self.spool.close()
        if kind is not None:
            self.aborted.set()
        self.finished.set()
        self.feeder.join()
        self.loader.join()
        if kind is not None:
            return
        if self.error is not None:
            raise self.error
        shutil.rmtree(self.directory, ignore_errors=True)

    def add(self, built: Spooled) -> None:
        """Stream a built cable (the build gives each graph once)."""
        if self.error is not None:
            raise self.error
        self.spool.write(
            built.cable_nquads + built.descriptions_nquads + built.links_nquads
            + built.metadata_nquads
        )  # fmt: skip

    def append(self, nquads: bytes) -> None:
        """Stream quads that belong to no cable (entity and link set descriptions): after the load
        nothing is written to the store, since RocksDB holds a write back until it has compacted
        what the load ingested (minutes for a full corpus)."""
        self.spool.write(nquads)

    def _load(self) -> None:
        started = time.perf_counter()
        try:
            _one_cpu()
            self.store.bulk_load(path=self.pipe, format=ox.RdfFormat.N_QUADS)
        except BaseException as error:  # handed to the caller's thread
            if not self.aborted.is_set():
                self.error = error
        finally:
            self.stages["load"] += time.perf_counter() - started

    def _feed(self) -> None:
        """Follow the spool file into the pipe until the build has finished writing it. On an
        abort the pipe ends with a broken line, so that the load fails whole."""
        try:
            sink = self._open_pipe()
            if sink is None:
                return  # the loader ended before reading
            with sink:
                try:
                    self._follow(sink)
                except BrokenPipeError:
                    raise
                except BaseException as error:
                    self.error = self.error or error
                    self.aborted.set()
                if self.aborted.is_set():
                    sink.write(_BROKEN)
        except BrokenPipeError:
            return  # the loader failed; its error says why
        except BaseException as error:
            self.error = self.error or error

    def _follow(self, sink: BinaryIO) -> None:
        with self.spool_path.open("rb") as source:
            while not self.aborted.is_set():
                done = self.finished.is_set()  # before reading: nothing is written after
                data = source.read(_FEED)
                if data:
                    sink.write(data)
                elif done:
                    return
                else:
                    self.finished.wait(0.02)

    def _open_pipe(self) -> BinaryIO | None:
        """The pipe's writing end, once the loader has opened it (None if the loader ended)."""
        while self.loader.is_alive():
            try:
                fd = os.open(self.pipe, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as error:
                if error.errno != errno.ENXIO:  # ENXIO: no reader yet
                    raise
                time.sleep(0.01)
                continue
            os.set_blocking(fd, True)
            return os.fdopen(fd, "wb")
        return None


def _one_cpu() -> None:
    """Pin the calling thread to one CPU: the bulk loader sizes its pool of batches by the CPUs
    its thread may use, so it then holds one batch in memory instead of one per CPU."""
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[-1]})
