"""`cablekg export`: the store as one RDF document, written one named graph at a time.

Cable graphs are small and written whole; big graphs (the metadata graph, link sets) are written
in chunks, so memory stays flat whatever the size of the store.
"""

from __future__ import annotations

import gzip
import io
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from cablekg.rdf.formats import RdfFormat
from cablekg.rdf.namespaces import DEFAULT_BASE
from cablekg.rdf.writers import writer
from cablekg.store import batched, open_store

CHUNK_TRIPLES = 20_000


@dataclass(frozen=True, slots=True)
class ExportStats:
    graphs: int
    triples: int
    seconds: float


def export(
    store_dir: Path,
    out: TextIO,
    fmt: RdfFormat | str = RdfFormat.NQUADS,
    base: str = DEFAULT_BASE,
) -> ExportStats:
    """Write every named graph of the store to `out` in `fmt`, graphs in IRI order."""
    fmt = fmt if isinstance(fmt, RdfFormat) else RdfFormat.named(fmt)
    started = time.perf_counter()
    store = open_store(store_dir)
    w = writer(fmt, out, base)
    w.start([], "")
    graphs = 0
    for graph in sorted(store.named_graphs(), key=lambda g: g.value):
        graphs += 1
        quads = store.quads_for_pattern(None, None, None, graph)
        for chunk in batched(quads, CHUNK_TRIPLES):
            triples = [(str(q.subject), str(q.predicate), str(q.object)) for q in chunk]
            w.write_triples(triples, str(graph))
    w.finish()
    return ExportStats(graphs, w.triples, time.perf_counter() - started)


@contextmanager
def output(path: Path | None, compress: bool) -> Iterator[TextIO]:
    """A text stream to `path` (standard output when None), gzip-compressed on request."""
    raw = sys.stdout.buffer if path is None else open(path, "wb")  # noqa: SIM115
    # mtime=0: the same store always gives the same bytes, so dumps diff and hash cleanly
    binary = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) if compress else raw
    text = io.TextIOWrapper(binary, encoding="utf-8", newline="\n")
    try:
        yield text
    finally:
        text.flush()
        text.detach()
        if compress:
            binary.close()
        if path is not None:
            raw.close()
