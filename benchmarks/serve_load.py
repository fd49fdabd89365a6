"""Load test of `cablekg serve`: bounded, loopback only, mixed pages, conneg and SPARQL.

Starts `cablekg serve` on 127.0.0.1 over an existing store (build one from the developer corpus
with `cablekg build ../shared/corpus --store DIR`), waits until it has prepared its search index
and dumps, then sends a fixed number of requests from concurrent clients, stopping early at a
fixed duration. The mix: HTML pages (overview, cables, posts, tags, search), the same cables
negotiated as Turtle, N-Triples and JSON-LD, cheap SPARQL queries, and a few expensive ones that
must time out (503) without starving the rest. Prints requests/s, p50/p99 latency per kind,
errors (any answer but 2xx/304, and the expected 503 for expensive queries) and the resident
memory of the server and of its SPARQL worker processes, sampled every 0.5 s: the mean over the
first third of the run against the last third. Asserts nothing.

    python benchmarks/serve_load.py --store DIR --requests 3000 --clients 8 --duration 120
"""

from __future__ import annotations

import argparse
import random
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from statistics import mean

import requests
from serving import descendants, rss_kib, serving, summary, wait_prepared

ONT = "https://w3id.org/cablekg/ontology#"
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CHEAP = [
    f"SELECT ?c ?d WHERE {{ ?c a <{ONT}Cable> ; <http://purl.org/dc/terms/created> ?d }} LIMIT 20",
    "ASK { ?s ?p ?o }",
    f"SELECT (COUNT(*) AS ?n) WHERE {{ ?c a <{ONT}Cable> }}",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 30",
]
CONNEG = ["text/turtle", "application/n-triples", "application/ld+json"]


def plan(session: requests.Session, url: str, n: int, rng: random.Random) -> list[tuple]:
    """The fixed request list: (kind, path, params, headers)."""
    ids = [
        row["c"]["value"].rsplit("/", 1)[1]
        for row in session.get(
            url + "/sparql",
            params={"query": f"SELECT ?c WHERE {{ ?c a <{ONT}Cable> }} LIMIT 400"},
            timeout=60,
        ).json()["results"]["bindings"]
    ]
    words = ["oil", "election", "visit", "minister", "trafficking", "nuclear", "trade", "police"]
    requests_ = []
    for i in range(n):
        roll = rng.random()
        cable = rng.choice(ids)
        if i % 100 == 50:
            requests_.append(("sparql-expensive", "/sparql", {"query": EXPENSIVE}, {}))
        elif roll < 0.40:
            path = rng.choice(
                [f"/cable/{cable}", "/", f"/search?q={rng.choice(words)}", f"/cable/{cable}"]
            )
            requests_.append(("page", path, None, {"Accept": "text/html"}))
        elif roll < 0.70:
            requests_.append(("conneg", f"/cable/{cable}", None, {"Accept": rng.choice(CONNEG)}))
        else:
            accept = {"Accept": "application/sparql-results+json"}
            requests_.append(("sparql", "/sparql", {"query": rng.choice(CHEAP)}, accept))
    return requests_


class MemorySampler(threading.Thread):
    """Samples the resident memory of the server and of its worker processes every 0.5 s."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        # KiB: server, server anonymous (not pages of mapped files), workers; worker count
        self.samples: list[tuple[int, int, int, int]] = []
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.5):
            workers = [rss_kib(pid) for pid in descendants(self.pid)[1:]]
            server = rss_kib(self.pid), rss_kib(self.pid, "RssAnon")
            self.samples.append((*server, sum(workers), sum(1 for w in workers if w)))

    def thirds(self) -> list[tuple[float, float]]:
        """(first third, last third) mean MiB of: server, server anonymous, workers."""
        third = max(1, len(self.samples) // 3)
        first, last = self.samples[:third], self.samples[-third:]
        return [
            (mean(s[i] for s in first) / 1024, mean(s[i] for s in last) / 1024) for i in range(3)
        ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=120.0, help="seconds, at most")
    parser.add_argument("--sparql-timeout", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()

    options = ("--sparql-timeout", str(args.sparql_timeout))
    with serving(args.store, *options) as (url, process):
        session = requests.Session()
        wait_prepared(url)
        todo = plan(session, url, args.requests, random.Random(args.seed))
        for _kind, path, params, headers in todo[:50]:  # warm caches, as a running server has
            session.get(url + path, params=params, headers=headers, timeout=60)

        latencies: dict[str, list[float]] = defaultdict(list)
        statuses: dict[str, Counter] = defaultdict(Counter)
        lock = threading.Lock()
        local = threading.local()
        deadline = time.monotonic() + args.duration

        def one(item: tuple) -> None:
            if time.monotonic() > deadline:
                return
            kind, path, params, headers = item
            if not hasattr(local, "session"):
                local.session = requests.Session()
            started = time.perf_counter()
            try:
                response = local.session.get(url + path, params=params, headers=headers,
                                             timeout=60)  # fmt: skip
                status = str(response.status_code)
                if response.status_code == 503:
                    status += " stopped" if "longer than" in response.text else " busy"
            except requests.RequestException as error:
                status = type(error).__name__
            elapsed = time.perf_counter() - started
            with lock:
                latencies[kind].append(elapsed)
                statuses[kind][status] += 1

        memory = MemorySampler(process.pid)
        memory.start()
        started = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(one, todo))
        wall = time.perf_counter() - started
        memory.done.set()
        memory.join()

    done = sum(len(v) for v in latencies.values())
    print(f"requests        {done:,} of {args.requests:,} in {wall:.1f} s "
          f"from {args.clients} clients ({done / wall:,.1f} requests/s)")  # fmt: skip
    print(f"{'kind':18} {'n':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}  statuses")
    errors = 0
    every = []
    for kind in sorted(latencies):
        ms = [x * 1000 for x in latencies[kind]]
        every += ms
        p50, _p95, p99, most = summary(ms)
        shown = ", ".join(f"{s}: {c}" for s, c in sorted(statuses[kind].items()))
        print(f"{kind:18} {len(ms):6} {p50:8.1f} {p99:8.1f} {most:8.1f}  {shown}")
        expected = {"503 stopped"} if kind == "sparql-expensive" else {"200", "304"}
        errors += sum(c for s, c in statuses[kind].items() if s not in expected)
    p50, _p95, p99, most = summary(every)
    print(f"{'all':18} {len(every):6} {p50:8.1f} {p99:8.1f} {most:8.1f}")
    print(f"errors          {errors} (expensive queries stopped at the time limit with 503 are "
          "expected, not errors)")  # fmt: skip
    server, anonymous, workers = memory.thirds()
    print(f"RSS, MiB        server {server[0]:,.0f} -> {server[1]:,.0f} (of which anonymous "
          f"{anonymous[0]:,.0f} -> {anonymous[1]:,.0f}), SPARQL workers {workers[0]:,.0f} -> "
          f"{workers[1]:,.0f}: mean over the first third of the run -> over the last third "
          f"({len(memory.samples)} samples)")  # fmt: skip
    tenth = max(1, len(memory.samples) // 10)
    series = [memory.samples[i : i + tenth] for i in range(0, len(memory.samples), tenth)]
    print("RSS by tenth    server " + " ".join(f"{mean(s[0] for s in part) / 1024:.0f}"
          for part in series) + "; workers " + " ".join(f"{mean(s[2] for s in part) / 1024:.0f}"
          for part in series))  # fmt: skip
    peak = max(memory.samples, key=lambda s: s[0] + s[2])
    print(f"RSS peak, MiB   {(peak[0] + peak[2]) / 1024:,.0f} (server and {peak[3]} worker "
          "processes)")  # fmt: skip


if __name__ == "__main__":
    main()
