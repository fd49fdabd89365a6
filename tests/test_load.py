"""`cablekg load`: the developer corpus pushed into real SPARQL servers on 127.0.0.1.

Oxigraph (`oxigraph serve`) and Virtuoso are started by the tests; after loading, each must
answer like the embedded store, and loading twice must leave one copy.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from servers import free_port, oxigraph_server, start_oxigraph, stop, virtuoso_server

from cablekg.cli import main
from cablekg.endpoint import LoadError, Target, load_store, query_endpoint
from cablekg.store.build import build
from cablekg.store.query import query_store

COUNTS = """
SELECT (COUNT(DISTINCT ?g) AS ?graphs) (COUNT(*) AS ?quads) WHERE {
  GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/cablekg/"))
}
"""  # servers keep graphs of their own (Virtuoso's system graphs): count ours
CITED = """
SELECT ?citing WHERE {
  GRAPH ?g { ?citing <http://purl.org/dc/terms/references> ?cited .
             ?cited <http://purl.org/dc/terms/identifier> "08MANAMA492" }
} ORDER BY ?citing
"""
PER_YEAR = """
SELECT ?year (COUNT(DISTINCT ?c) AS ?n) WHERE {
  GRAPH ?g { ?c a <https://w3id.org/cablekg/ontology#Cable> ;
                <http://purl.org/dc/terms/created> ?date }
  BIND(YEAR(?date) AS ?year)
} GROUP BY ?year ORDER BY ?year
"""


def values(results: dict) -> list[tuple[str, ...]]:
    names = results["head"]["vars"]
    return [
        tuple(row[name]["value"] if name in row else "" for name in names)
        for row in results["results"]["bindings"]
    ]


@pytest.fixture(scope="module")
def corpus_store(shared, tmp_path_factory) -> Path:
    store_dir = tmp_path_factory.mktemp("corpus") / "store"
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    build([shared / "corpus"], store_dir, jobs=2, quiet=True)
    return store_dir


def same_answers(store_dir: Path, endpoint: str) -> None:
    for query in (COUNTS, CITED, PER_YEAR):
        assert values(query_endpoint(endpoint, query)) == values(query_store(store_dir, query))


def test_oxigraph_server_answers_like_the_embedded_store(corpus_store, tmp_path):
    embedded = values(query_store(corpus_store, COUNTS))[0]
    assert int(embedded[0]) > 2300 and int(embedded[1]) > 300_000
    with oxigraph_server(tmp_path / "oxigraph") as server:
        report = load_store(corpus_store, Target(graph_store=server.graph_store))
        assert report.graphs == int(embedded[0])
        same_answers(corpus_store, server.query)
        load_store(corpus_store, Target(graph_store=server.graph_store))  # twice: still one copy
        same_answers(corpus_store, server.query)


def test_virtuoso_answers_like_the_embedded_store(corpus_store, tmp_path):
    with virtuoso_server(tmp_path) as server:
        result = CliRunner().invoke(main, [
            "load", "--store", str(corpus_store), "--graph-store", server.graph_store,
            "--endpoint", server.query, "--user", "dba", "--password", "dba",
        ])  # fmt: skip
        assert result.exit_code == 0, result.output
        assert "the server now holds" in result.stderr
        same_answers(corpus_store, server.query)
        wrong = Target(graph_store=server.graph_store, user="dba", password="wrong", retry_for=0)
        with pytest.raises(LoadError, match="401"):
            load_store(corpus_store, wrong)


def test_sparql_update_loading_in_batches_matches_too(corpus_store, tmp_path):
    with oxigraph_server(tmp_path / "oxigraph") as server:
        load_store(corpus_store, Target(update=server.update, batch=200))
        load_store(corpus_store, Target(update=server.update, batch=200))
        same_answers(corpus_store, server.query)


def test_a_server_that_goes_away_mid_load_is_retried_and_resumed(corpus_store, tmp_path):
    """Kill the real server during the load, start it again on the same data and port."""
    port, data = free_port(), tmp_path / "oxigraph"
    process = start_oxigraph(data, port)
    base = f"http://127.0.0.1:{port}"
    holder = {"process": process}

    def restart_later() -> None:
        time.sleep(1.0)
        stop(holder["process"])
        time.sleep(1.5)
        holder["process"] = start_oxigraph(data, port)

    time.sleep(0.5)
    restarter = threading.Thread(target=restart_later)
    restarter.start()
    try:
        report = load_store(corpus_store, Target(graph_store=f"{base}/store", retry_for=60))
        restarter.join()
        assert report.retries > 0
        same_answers(corpus_store, f"{base}/query")
    finally:
        restarter.join()
        stop(holder["process"])


def test_a_permanent_refusal_names_the_servers_answer(corpus_store, tmp_path):
    with oxigraph_server(tmp_path / "oxigraph") as server:
        target = Target(graph_store=server.query, retry_for=0)  # not a Graph Store endpoint
        with pytest.raises(LoadError, match=r"answered 4\d\d"):
            load_store(corpus_store, target)
