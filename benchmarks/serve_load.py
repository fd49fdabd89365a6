"""Load test of `cablekg serve`: bounded, loopback only, mixed pages, conneg and SPARQL.

Starts `cablekg serve` on 127.0.0.1 over an existing store (build one from the developer corpus
with `cablekg build ../shared/corpus --store DIR`), waits until it has prepared its search index
and dumps, then sends a fixed number of requests from concurrent clients, stopping early at a
fixed duration. The mix: HTML pages (overview, cables, posts, tags, search), the same cables
negotiated as Turtle, N-Triples and JSON-LD, cheap SPARQL queries, and a few expensive ones that
must time out (503) without starving the rest. Prints requests/s, p50/p99 latency per kind,
errors (any answer but 2xx/304, and the expected 503 for expensive queries) and the server's
resident memory (with its SPARQL workers) before and after. Asserts nothing.

    python benchmarks/serve_load.py --store DIR --requests 3000 --clients 8 --duration 120
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import free_port, stop  # noqa: E402

ONT = "https://w3id.org/cablekg/ontology#"
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CHEAP = [
    f"SELECT ?c ?d WHERE {{ ?c a <{ONT}Cable> ; <http://purl.org/dc/terms/created> ?d }} LIMIT 20",
    "ASK { ?s ?p ?o }",
    f"SELECT (COUNT(*) AS ?n) WHERE {{ ?c a <{ONT}Cable> }}",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 30",
]
CONNEG = ["text/turtle", "application/n-triples", "application/ld+json"]


def rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (the SPARQL workers), from /proc."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for one in pids:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=120.0, help="seconds, at most")
    parser.add_argument("--sparql-timeout", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "cablekg", "serve", "--store", str(args.store), "--host",
         "127.0.0.1", "--port", str(port), "--sparql-timeout", str(args.sparql_timeout)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        session = requests.Session()
        while True:
            try:
                session.get(url + "/static/style.css", timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        while session.head(url + "/dumps/cablekg.nq.gz", timeout=10).status_code == 503:
            time.sleep(0.2)
        todo = plan(session, url, args.requests, random.Random(args.seed))
        for _kind, path, params, headers in todo[:50]:  # warm caches, as a running server has
            session.get(url + path, params=params, headers=headers, timeout=60)
        rss_before = rss_kib(process.pid)

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
                status = response.status_code
            except requests.RequestException as error:
                status = type(error).__name__
            elapsed = time.perf_counter() - started
            with lock:
                latencies[kind].append(elapsed)
                statuses[kind][status] += 1

        started = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(one, todo))
        wall = time.perf_counter() - started
        rss_after = rss_kib(process.pid)
    finally:
        stop(process)

    done = sum(len(v) for v in latencies.values())
    print(f"requests        {done:,} of {args.requests:,} in {wall:.1f} s "
          f"from {args.clients} clients ({done / wall:,.1f} requests/s)")  # fmt: skip
    print(f"{'kind':18} {'n':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}  statuses")
    errors = 0
    every = []
    for kind in sorted(latencies):
        ms = sorted(x * 1000 for x in latencies[kind])
        every += ms
        p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
        shown = ", ".join(f"{s}: {c}" for s, c in sorted(statuses[kind].items(), key=str))
        print(f"{kind:18} {len(ms):6} {statistics.median(ms):8.1f} {p99:8.1f} {ms[-1]:8.1f}  "
              f"{shown}")  # fmt: skip
        expected = {503} if kind == "sparql-expensive" else {200, 304}
        errors += sum(c for s, c in statuses[kind].items() if s not in expected)
    every.sort()
    print(
        f"{'all':18} {len(every):6} {statistics.median(every):8.1f} "
        f"{every[min(len(every) - 1, int(len(every) * 0.99))]:8.1f} {every[-1]:8.1f}"
    )
    print(f"errors          {errors} (expensive queries answering 503 after the timeout "
          "are expected, not errors)")  # fmt: skip
    print(f"server RSS      {rss_before / 1024:,.0f} MiB before, {rss_after / 1024:,.0f} MiB "
          f"after (with its SPARQL workers)")  # fmt: skip


if __name__ == "__main__":
    main()
