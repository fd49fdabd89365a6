"""Query the embedded store, answers as SPARQL JSON results (the same shape as a server's)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from cablekg.store import open_store


def query_store(store: ox.Store | Path, query: str) -> dict[str, Any]:
    """Run a SELECT or ASK query over the union of all graphs of the store."""
    if not isinstance(store, ox.Store):
        store = open_store(store)
    answer = store.query(query, use_default_graph_as_union=True)
    if isinstance(answer, ox.QueryBoolean):
        return {"head": {}, "boolean": bool(answer)}
    if not isinstance(answer, ox.QuerySolutions):
        raise ValueError("only SELECT and ASK queries give tabular results")
    return json.loads(answer.serialize(format=ox.QueryResultsFormat.JSON))
