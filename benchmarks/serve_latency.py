"""Measure `cablekg serve`: start-up preparation and request latency on a store of N cables.

The store is generated: N cable records shaped like the corpus (real TAG codes and cable
prose, posts, classifications, references between cables, officials), mapped by the real RDF
mapping (`cablekg.write`, with the vocabulary) and bulk-loaded into a fresh store. The server
runs as `cablekg serve` on 127.0.0.1; every request goes to loopback, sequentially and then
from a few threads, a bounded number of times. Prints figures; asserts nothing.

    python benchmarks/serve_latency.py --cables 20000 --requests 200
"""

from __future__ import annotations

import argparse
import random
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from serving import ROOT, serving, summary, timed, wait_prepared

from cablekg import write
from cablekg.model import CLASSIFICATIONS, Cable, Official, Paragraph, Reference, Source
from cablekg.store import open_store

ONT = "https://w3id.org/cablekg/ontology#"
PROSE = [
    word
    for word in (ROOT / "data" / "sample" / "telegrams" / "07MUSCAT920.txt")
    .read_text(encoding="utf-8", errors="replace")
    .split()
    if word.isprintable() and not any(c in word for c in '\\"<>')
]


def synthetic_cables(n: int, rng: random.Random) -> Iterator[Cable]:
    """Cables shaped like the corpus: real TAG codes, posts, classifications and prose, random
    combinations; each cites three earlier cables (a connected citation graph)."""
    tags = [line.split("\t", 1)[0] for line in
            (ROOT / "data" / "tags.tsv").read_text(encoding="utf-8").splitlines()[1:]]  # fmt: skip
    stations = [f"POST{i}" for i in range(150)]
    ids: list[str] = []
    for i in range(n):
        year = rng.randint(1990, 2010)
        station = rng.choice(stations)
        cable_id = f"{year % 100:02d}{station}{i}"
        cited = rng.sample(ids, min(3, len(ids)))
        ids.append(cable_id)
        yield Cable(
            source=Source(format="telegram-text", path=f"synthetic/{cable_id}.txt"),
            id=cable_id,
            date=f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T10:00:00Z",
            origin=f"AMEMBASSY {station}",
            station=station,
            classification=rng.choice(CLASSIFICATIONS[:4] + CLASSIFICATIONS[5:6]),
            tags=tuple(rng.sample(tags, 5)),
            subject=" ".join(rng.sample(PROSE, 8)).upper(),
            references=tuple(
                Reference(text=c, id=c, label=chr(65 + k)) for k, c in enumerate(cited)
            ),
            paragraphs=tuple(
                Paragraph(text=" ".join(rng.choices(PROSE, k=60)), number=k, marking="C")
                for k in range(1, 6)
            ),
            officials=tuple(Official(name=f"Official {rng.randrange(5000)}") for _ in range(2)),
        )


def report(name: str, ms: list[float]) -> None:
    p50, p95, _p99, most = summary(ms)
    print(f"{name:34} n={len(ms):4}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  max {most:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cables", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        store_dir = Path(tmp) / "store"
        started = time.perf_counter()
        data = Path(tmp) / "cables.nq"
        write(synthetic_cables(args.cables, rng), data, "nq", with_vocabulary=True)
        store = open_store(store_dir, read_only=False)
        store.bulk_load(path=str(data), format=__import__("pyoxigraph").RdfFormat.N_QUADS)
        store.flush()
        triples = len(store)
        del store
        print(f"store: {args.cables} cables, {triples} quads, built in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        started = time.perf_counter()
        with serving(store_dir, "--sparql-timeout", "5") as (url, _process):
            session = requests.Session()
            print(f"server answering after {time.perf_counter() - started:.2f} s")
            wait_prepared(url)
            print(f"search index and dumps ready after {time.perf_counter() - started:.1f} s")
            report("overview (first, computes)", [timed(session, url + "/")])
            ids = [f"{y}" for y in range(args.requests)]
            cables = [
                r["c"]["value"].rsplit("/", 1)[1]
                for r in session.get(
                    url + "/sparql",
                    params={
                        "query": f"SELECT ?c WHERE {{ ?c a <{ONT}Cable> }} LIMIT {args.requests}"
                    },
                    timeout=60,
                ).json()["results"]["bindings"]
            ]
            report("overview (cached)", [timed(session, url + "/") for _ in range(20)])
            report("cable page HTML", [timed(session, f"{url}/cable/{c}") for c in cables])
            report("cable Turtle", [timed(session, f"{url}/cable/{c}.ttl") for c in cables])
            report("post page HTML", [timed(session, f"{url}/post/POST{i % 150}")
                                      for i in range(min(50, len(ids)))])  # fmt: skip
            tag_pages = [f"{url}/vocab/tag/{tag}" for tag in ("PREL", "PGOV", "ECON", "PHUM")]
            report("TAG page HTML", [timed(session, page) for page in tag_pages * 5])
            words = [w for w in PROSE if w.isalpha() and len(w) > 4][:50]
            report("search", [timed(session, f"{url}/search", params={"q": w}) for w in words])
            query = "SELECT ?c WHERE { ?c <https://schema.org/sender> ?p } LIMIT 100"
            report("SPARQL select (worker)", [timed(session, url + "/sparql",
                   params={"query": query}) for _ in range(50)])  # fmt: skip
            with ThreadPoolExecutor(4) as pool:
                started = time.perf_counter()
                done = list(pool.map(lambda c: timed(requests.Session(), f"{url}/cable/{c}"),
                                     cables))  # fmt: skip
                elapsed = time.perf_counter() - started
            report("cable page, 4 clients", done)
            print(f"{'throughput, 4 clients':34} {len(done) / elapsed:.1f} pages/s")
            slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
            result: dict[str, int] = {}
            thread = threading.Thread(
                target=lambda: result.setdefault(
                    "status",
                    session.get(url + "/sparql", params={"query": slow}, timeout=60).status_code,
                )
            )
            thread.start()
            time.sleep(0.2)
            during = [timed(requests.Session(), f"{url}/cable/{c}") for c in cables[:30]]
            thread.join()
            report("cable page during a 5 s query", during)
            print(f"{'the slow query answered':34} HTTP {result['status']}")


if __name__ == "__main__":
    main()
