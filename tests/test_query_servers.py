"""The named queries give SPARQL servers the same answers as the embedded store.

The corpus store is dumped to N-Quads and bulk-loaded into real servers on 127.0.0.1: Oxigraph,
started with the union default graph (as the README documents), and Virtuoso (whose default
graph is the union of all graphs). Every local named query is sent to each with its defaults.
"""

from __future__ import annotations

import configparser
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from cablekg.endpoint import query_endpoint
from cablekg.queries import named_queries
from cablekg.store.query import query_store
from tests.query_corpus import Corpus, corpus_once
from tests.servers import oxigraph_server, require, virtuoso_server

RANKED = {"most-cited-cables": 1, "tags-cooccurrence": 2}  # top-N queries: their count column
LOCAL = sorted(name for name, named in named_queries().items() if not named.needs_network)


@pytest.fixture(scope="module")
def dump(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, Path]:
    corpus = corpus_once(shared, tmp_path_factory)
    directory = tmp_path_factory.mktemp("servers")
    corpus.store.dump(str(directory / "corpus.nq"), ox.RdfFormat.N_QUADS)
    return corpus, directory


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(request, dump) -> Iterator[tuple[Corpus, str]]:
    corpus, directory = dump
    if request.param == "oxigraph":
        database = directory / "oxigraph"
        subprocess.run(
            [require("oxigraph"), "load", "--location", str(database),
             "--file", str(directory / "corpus.nq")],
            check=True, capture_output=True,
        )  # fmt: skip
        with oxigraph_server(database) as running:
            yield corpus, running.query
        return
    with virtuoso_server(directory) as running:
        ini = configparser.ConfigParser()
        ini.read(directory / "virtuoso.ini")
        load = f"ld_dir('{directory}', 'corpus.nq', 'urn:unused'); rdf_loader_run(); checkpoint;"
        subprocess.run(
            [require("isql-vt"), ini["Parameters"]["ServerPort"], "dba", "dba", f"exec={load}"],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        yield corpus, running.query


def rows(answer: dict) -> Counter[tuple[str, ...]]:
    """The rows as value tuples; lists joined by GROUP_CONCAT (in no set order) sorted."""
    names = answer["head"]["vars"]
    return Counter(
        tuple(
            " | ".join(sorted(b[n]["value"].split(" | ")))
            if n == "titles" and n in b
            else b[n]["value"]
            if n in b
            else ""
            for n in names
        )
        for b in answer["results"]["bindings"]
    )


@pytest.mark.parametrize("name", LOCAL)
def test_the_server_answers_every_named_query_like_the_embedded_store(server, name: str):
    corpus, endpoint = server
    text = named_queries()[name].bind()
    embedded, served = query_store(corpus.store, text), query_endpoint(endpoint, text)
    assert served["head"]["vars"] == embedded["head"]["vars"]
    expected, found = rows(embedded), rows(served)
    if name in RANKED:  # which of the rows tied at the cut are kept is arbitrary
        count = RANKED[name]
        cut = min(int(row[count]) for row in expected)
        expected = Counter({row: n for row, n in expected.items() if int(row[count]) > cut})
        found = Counter({row: n for row, n in found.items() if int(row[count]) > cut})
    if not expected:  # officials and links queries need the extractor and the link tables
        pytest.skip(f"{name} answers no rows on this corpus store")
    assert found == expected
