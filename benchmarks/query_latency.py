"""Latency of the named queries on a built store: median of 5 runs each, default parameters.

    python benchmarks/query_latency.py --store DIR [--queries DIR] [--runs 5] [--param name=value]

Queries marked `analytics: whole-graph` scan the whole graph by design and are reported apart
from the interactive ones; queries that need the network are skipped. Results are counted to
the last row, so the time includes reading every answer. Queries run over the union of all
graphs, as `cablekg query` runs them (a query with no GRAPH clause reads nothing otherwise).
Both wall-clock and CPU seconds are printed: on a shared machine the wall time measures the
load, the CPU time what the query costs. `--param` overrides a default for every
query that has that parameter (e.g. `--param cable=09STATE12` when the store holds other cables).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cablekg.queries import named_queries  # noqa: E402
from cablekg.store import open_store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--queries", type=Path, default=None, help="default: the query library")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--param", action="append", default=[], help="name=value")
    parser.add_argument("--interactive", action="store_true", help="skip whole-graph analytics")
    args = parser.parse_args()
    overrides = dict(p.split("=", 1) for p in args.param)
    store = open_store(args.store)
    print(f"store {args.store}: {len(store):,} quads")
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    print(f"{'query':42} {'median s':>9} {'max s':>8} {'cpu s':>7} {'rows':>7}  kind")
    for name, query in sorted(named_queries(args.queries).items()):
        if query.needs_network or (args.interactive and query.whole_graph):
            continue
        text = query.bind(
            {k: v for k, v in overrides.items() if k in {p.name for p in query.params}}
        )
        times, cpu, rows = [], [], 0
        for _ in range(args.runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            rows = sum(1 for _ in store.query(text, use_default_graph_as_union=True))
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        kind = "whole-graph analytics" if query.whole_graph else "interactive"
        print(
            f"{name:42} {statistics.median(times):9.3f} {max(times):8.3f}"
            f" {statistics.median(cpu):7.3f} {rows:7,}  {kind}"
        )


if __name__ == "__main__":
    main()
