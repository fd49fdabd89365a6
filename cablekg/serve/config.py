"""Settings of one running server (`cablekg serve` options)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cablekg.serve.vocab import DEFAULT_BASE


@dataclass(frozen=True, slots=True)
class ServeConfig:
    store: Path
    base_iri: str = DEFAULT_BASE
    # Where the server writes what it derives from the store (search index, dumps); the store
    # itself is only read. Default: `<store>/serve-cache`, rebuilt when the store changes.
    cache_dir: Path | None = None
    sparql_timeout: float = 20.0  # seconds before a SPARQL query's worker is killed
    sparql_workers: int = 2  # processes answering SPARQL queries
    sparql_queue: int = 32  # queries that may wait for a worker; more are refused (503)
    sparql_queue_wait: float = 10.0  # seconds a query may wait for a worker, then 503
    result_limit: int = 10_000  # rows (or triples) a SPARQL answer may have
    max_request_bytes: int = 64 * 1024  # request bodies and query strings beyond this: 413
    prepare: bool = True  # build the search index and dumps at start-up if missing or stale

    @property
    def cache(self) -> Path:
        return self.cache_dir or self.store / "serve-cache"
