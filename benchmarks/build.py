"""Build the developer corpus into a fresh embedded store and time the named queries.

Prints: cables/s end to end, triples/s into the store, store size on disk, peak memory (the
build process and its workers), and the median of 5 runs of every named query on the embedded
store and on an Oxigraph server (`oxigraph serve`, started here on 127.0.0.1) loaded from it.

    python benchmarks/build.py [SOURCES...] [--jobs N]

SOURCES default to ../shared/corpus (Cablegate pages, cables.csv excerpt, telegrams).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cablekg.endpoint import Target, load_store, query_endpoint  # noqa: E402
from cablekg.queries import named_queries  # noqa: E402
from cablekg.store import open_store  # noqa: E402
from cablekg.store.build import build  # noqa: E402
from cablekg.store.query import query_store  # noqa: E402


def median_ms(run, times: int = 5) -> float:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        samples.append(1000 * (time.perf_counter() - started))
    return statistics.median(samples)


def disk_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", default=[str(ROOT.parent / "shared" / "corpus")])
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="cablekg-bench-"))
    try:
        store_dir = work / "store"
        report = build(args.sources, store_dir, jobs=args.jobs, quiet=True)
        self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        workers_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        quads = sum(1 for _ in open_store(store_dir))
        print(f"build of {report.read:,} inputs with {args.jobs} workers")
        print(f"  cables in graph       {report.built:,} ({report.rejected} rejected)")
        print(f"  wall time             {report.seconds:.1f} s")
        print(f"  cables/s end to end   {report.read / report.seconds:,.0f}")
        print(f"  triples/s into store  {report.triples / report.seconds:,.0f}")
        print(f"  quads in the store    {quads:,} (cables, metadata, vocabulary, link sets)")
        print(f"  store size on disk    {disk_size(store_dir / 'oxigraph') / 2**20:.0f} MiB")
        print(f"  peak RSS              {self_rss:.0f} MiB writer, {workers_rss:.0f} MiB worker")

        library = {n: q for n, q in named_queries().items() if not q.needs_network}
        embedded = open_store(store_dir)
        print(f"\nnamed queries, median of 5 (ms): {len(library)} queries")
        server_times = serve_and_time(store_dir, work, library)
        print(f"  {'query':40} {'embedded':>9} {'oxigraph':>9}  rows")
        for name, query in library.items():
            text = query.bind()
            rows = len(query_store(embedded, text).get("results", {}).get("bindings", []))
            ms = median_ms(lambda text=text: query_store(embedded, text))
            note = "  (whole-graph analytics)" if query.whole_graph else ""
            print(
                f"  {name:40} {ms:9.1f} {server_times.get(name, float('nan')):9.1f}  {rows}{note}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def serve_and_time(store_dir: Path, work: Path, library: dict) -> dict[str, float]:
    """Load the store into a fresh Oxigraph server and time every query through HTTP."""
    program = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = free_port()
    server = subprocess.Popen(
        [program, "serve", "--location", str(work / "server"), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                query_endpoint(f"{base}/query", "ASK {}")
                break
            except Exception:
                time.sleep(0.1)
        started = time.perf_counter()
        load = load_store(store_dir, Target(graph_store=f"{base}/store"))
        seconds = time.perf_counter() - started
        rate = load.triples / seconds
        print(f"  loaded into the Oxigraph server: {load.graphs:,} graphs, {load.triples:,}"
              f" triples in {seconds:.1f} s ({rate:,.0f} triples/s over HTTP)")  # fmt: skip
        return {
            name: median_ms(lambda q=q: query_endpoint(f"{base}/query", q.bind()))
            for name, q in library.items()
        }
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
