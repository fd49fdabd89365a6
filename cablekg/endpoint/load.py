"""Push the named graphs of an embedded store into a running SPARQL 1.1 server.

Two protocols, both idempotent because each named graph is replaced, never appended to:
- Graph Store HTTP Protocol: one `PUT ?graph=IRI` per named graph, over one kept-alive session;
- SPARQL 1.1 Update: `DROP SILENT GRAPH` + `INSERT DATA` for a batch of graphs per request.
Transient failures (connection refused or reset, timeouts, 5xx, 429) are retried with exponential
backoff, so a server that goes away and comes back is resumed where the load stopped; permanent
failures (401, 403, other 4xx) stop the load with the server's own answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import requests
from requests.auth import HTTPBasicAuth, HTTPDigestAuth

from cablekg.store import open_store

TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


class LoadError(RuntimeError):
    """The server refused the data, or stayed unreachable past the retry budget."""


@dataclass(frozen=True, slots=True)
class Target:
    """Where and how to load: a Graph Store URL, an Update URL, or both (GSP preferred).

    `auth` is the HTTP scheme for `user`/`password`: digest (Virtuoso's) or basic.
    """

    graph_store: str | None = None
    update: str | None = None
    user: str | None = None
    password: str | None = None
    auth: str = "digest"
    retry_for: float = 120.0
    batch: int = 50

    def __post_init__(self) -> None:
        if not (self.graph_store or self.update):
            raise LoadError("give a Graph Store URL (--graph-store) or an Update URL")


@dataclass(frozen=True, slots=True)
class LoadReport:
    graphs: int
    triples: int
    retries: int
    seconds: float


def load_store(
    store_dir: Path, target: Target, progress: Callable[[int], None] | None = None
) -> LoadReport:
    """Copy every named graph of the store at `store_dir` into the target server."""
    store = open_store(store_dir)
    loader = _Loader(target)
    started = time.monotonic()
    graphs = triples = 0
    batch: list[tuple[str, bytes]] = []
    for graph in sorted(store.named_graphs(), key=lambda g: g.value):
        body = ox.serialize(
            (q.triple for q in store.quads_for_pattern(None, None, None, graph)),
            format=ox.RdfFormat.N_TRIPLES,
        )
        triples += body.count(b"\n")
        graphs += 1
        if target.graph_store:
            loader.put(graph.value, body)
            if progress:
                progress(1)
            continue
        batch.append((graph.value, body))
        if len(batch) >= target.batch:
            loader.update(batch)
            if progress:
                progress(len(batch))
            batch = []
    if batch:
        loader.update(batch)
        if progress:
            progress(len(batch))
    return LoadReport(graphs, triples, loader.retries, time.monotonic() - started)


class _Loader:
    def __init__(self, target: Target) -> None:
        self.target = target
        self.retries = 0
        self.session = requests.Session()
        if target.user is not None:
            scheme = HTTPDigestAuth if target.auth == "digest" else HTTPBasicAuth
            self.session.auth = scheme(target.user, target.password or "")

    def put(self, graph: str, body: bytes) -> None:
        self._send(
            "PUT",
            self.target.graph_store,
            params={"graph": graph},
            data=body,
            headers={"Content-Type": "application/n-triples"},
            what=f"graph {graph}",
        )

    def update(self, batch: list[tuple[str, bytes]]) -> None:
        parts = []
        for graph, body in batch:
            parts.append(f"DROP SILENT GRAPH <{graph}> ;")
            parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body.decode('utf-8')}}} }} ;")
        request = "\n".join(parts).rstrip(" ;")
        self._send(
            "POST",
            self.target.update,
            data=request.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
            what=f"{len(batch)} graphs from {batch[0][0]}",
        )

    def _send(self, method: str, url: str | None, *, what: str, **kwargs) -> None:
        assert url is not None
        for delay in _backoff(self.target.retry_for):
            try:
                response = self.session.request(method, url, timeout=60, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as error:
                problem = f"no answer from {url}: {error.__class__.__name__}"
            else:
                if response.status_code < 300:
                    return
                problem = f"{url} answered {response.status_code}: {_excerpt(response.text)}"
                if response.status_code not in TRANSIENT_STATUS:
                    raise LoadError(f"loading {what} failed: {problem}")
            if delay is None:
                raise LoadError(f"loading {what} failed after retrying: {problem}")
            self.retries += 1
            time.sleep(delay)


def _backoff(budget: float) -> Iterator[float | None]:
    """Delays 0.5, 1, 2, 4 ... s (capped at 10) until `budget` seconds of waiting are spent."""
    spent, delay = 0.0, 0.5
    while True:
        if spent >= budget:
            yield None
            return
        yield delay
        spent += delay
        delay = min(delay * 2, 10.0)


def _excerpt(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "..."
