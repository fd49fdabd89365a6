"""Latency of every named query: median of 5 runs, on the embedded store and an Oxigraph server.

    python benchmarks/queries.py STORE_DIR [--repeat 5] [--no-server] [--only NAME ...]
    python benchmarks/queries.py --scale 100 SCRATCH_DIR    # a store 100 times the corpus

STORE_DIR is a store `cablekg build` wrote. Each named query runs with its default parameters,
first on the embedded store (pyoxigraph, in this process), then on `oxigraph serve-read-only`
over the same database with the union default graph, queried over HTTP on 127.0.0.1 like
`cablekg query --endpoint`. Federated queries (`requires: network`) are left out; whole-graph
analytics are marked. Prints figures; asserts nothing.

`--scale N` first makes a store N times the developer corpus, for measuring at the size of the
full corpus (251,287 cables, ~35 M triples; N=100 gives ~36 M) without its 1.9 GB `cables.csv`:
the corpus is built once, then copied N times with each cable's own IRIs and ids renamed per
copy (09TRIPOLI273, 09TRIPOLI273X1 ...), while posts, people, agencies and TAGS stay shared, as
in the real corpus where a post is described again in thousands of graphs. Copy 0 keeps the
real ids, so the queries' defaults still answer. The store is compacted after loading, as a
store that serves queries should be (point lookups are ~10x faster after `optimize()`).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cablekg.endpoint import query_endpoint  # noqa: E402
from cablekg.queries import NamedQuery, named_queries  # noqa: E402
from cablekg.rdf import vocabulary_triples  # noqa: E402
from cablekg.rdf.iris import Iris  # noqa: E402
from cablekg.store import database_dir, open_store  # noqa: E402
from cablekg.store.build import build  # noqa: E402
from cablekg.store.query import query_store  # noqa: E402
from tests.servers import free_port, require, stop, wait_until_up  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
# The IRIs that belong to one cable; shared entities (post, person, agency, tag) are not listed.
OWN_IRI = re.compile(
    r"<(https://w3id\.org/cablekg/(?:cable|graph|paragraph|reference|source)/)"
    r"(?!metadata>|vocabulary>)([^>]+)>"
)
IDENTIFIER = re.compile(r'(<http://purl\.org/dc/terms/identifier> "[^"]+)"')


def timed(run, repeat: int) -> tuple[int, float]:
    """Rows of the answer and the median of `repeat` wall-clock runs, in seconds."""
    seconds, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = len(run()["results"]["bindings"])
        seconds.append(time.perf_counter() - started)
    return rows, statistics.median(seconds)


def library(only: list[str]) -> dict[str, NamedQuery]:
    queries = {n: q for n, q in named_queries().items() if not q.needs_network}
    return {n: q for n, q in queries.items() if not only or n in only}


def measure(store_dir: Path, repeat: int, server: bool, only: list[str]) -> None:
    store = open_store(store_dir)
    queries = library(only)
    print(f"store {store_dir}: {len(store):,} quads; median of {repeat} runs, default parameters")
    embedded = {
        name: timed(lambda q=query: query_store(store, q.bind()), repeat)
        for name, query in queries.items()
    }
    served: dict[str, tuple[int, float]] = {}
    if server:
        port = free_port()
        process = subprocess.Popen(
            [require("oxigraph"), "serve-read-only", "--location", str(database_dir(store_dir)),
             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        endpoint = f"http://127.0.0.1:{port}/query"
        try:
            wait_until_up(endpoint, process)
            for name, query in queries.items():
                text = query.bind()
                served[name] = timed(lambda t=text: query_endpoint(endpoint, t), repeat)
        finally:
            stop(process)
    print(f"{'query':32} {'rows':>7} {'embedded s':>11} {'server s':>9}  kind")
    for name, (rows, seconds) in embedded.items():
        server_s = f"{served[name][1]:9.3f}" if name in served else f"{'-':>9}"
        kind = "whole-graph analytics" if queries[name].whole_graph else "lookup"
        print(f"{name:32} {rows:7,} {seconds:11.3f} {server_s}  {kind}")


def scaled_store(scratch: Path, copies: int) -> Path:
    """A store holding `copies` renamed copies of the developer corpus (see the docstring)."""
    base = scratch / "corpus"
    if not database_dir(base).is_dir():
        build([CORPUS / "cablegate", CORPUS / "telegrams", CORPUS / "cables.csv"], base, quiet=True)
    corpus = scratch / "corpus.nq"
    open_store(base).dump(str(corpus), ox.RdfFormat.N_QUADS)
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    started = time.perf_counter()
    scaled = scratch / "scaled.nq"
    with scaled.open("w", encoding="utf-8") as out:
        vocabulary = ox.NamedNode(Iris().vocabulary_graph())
        out.writelines(f"{s} {p} {o} {vocabulary} .\n" for s, p, o in vocabulary_triples())
        for copy in range(copies):
            if copy == 0:
                out.writelines(lines)
                continue
            suffix = f"X{copy}"
            for line in lines:
                if "/software/" in line:  # the one description of the software agent
                    continue
                line = OWN_IRI.sub(lambda m, s=suffix: f"<{m[1]}{m[2]}{s}>", line)
                out.write(IDENTIFIER.sub(lambda m, s=suffix: f'{m[1]}{s}"', line))
    corpus.unlink()
    print(f"wrote {copies} copies in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    target = scratch / "store"
    store = open_store(target, read_only=False)
    started = time.perf_counter()
    store.bulk_load(path=str(scaled), format=ox.RdfFormat.N_QUADS)
    loaded = time.perf_counter() - started
    store.optimize()
    print(
        f"loaded {len(store):,} quads in {loaded:.0f} s, compacted in "
        f"{time.perf_counter() - started - loaded:.0f} s",
        file=sys.stderr,
    )
    scaled.unlink()
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, help="store directory (or scratch dir with --scale)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-server", action="store_true", help="embedded store only")
    parser.add_argument("--only", nargs="*", default=[], help="named queries to run")
    parser.add_argument("--scale", type=int, help="first build a store N times the corpus")
    args = parser.parse_args()
    store_dir = args.store
    if args.scale:
        os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
        store_dir = scaled_store(args.store, args.scale)
    measure(store_dir, args.repeat, not args.no_server, args.only)


if __name__ == "__main__":
    main()
