"""The server on a store the real pipeline writes: the bundled Cablegate sample pages read into
records (tests/rdf_cables.py), mapped by `cablekg.write` with the vocabulary, bulk-loaded.

Expected values are computed from those records, never typed in.
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from markupsafe import escape

from cablekg import write
from cablekg.model import Cable
from cablekg.store import open_store
from tests.rdf_cables import cablegate_cable, gold_entities
from tests.serve.conftest import running_server, wait_prepared

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"


@pytest.fixture(scope="module")
def cables() -> list[Cable]:
    gold = gold_entities(ROOT)
    pages = sorted((SAMPLE / "cablegate" / "cable").rglob("*.html"))
    return [cablegate_cable(page, SAMPLE, gold) for page in pages]


@pytest.fixture(scope="module")
def served(cables: list[Cable], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    directory = tmp_path_factory.mktemp("pipeline")
    nquads = directory / "sample.nq"
    write(cables, nquads, "nq", with_vocabulary=True)
    store = open_store(directory / "store", read_only=False)
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    with running_server(directory / "store") as url:
        wait_prepared(url)
        yield url


def get(url: str, path: str, accept: str = "text/html", **params: str) -> requests.Response:
    return requests.get(url + path, params=params, headers={"Accept": accept}, timeout=30)


def test_overview_counts_the_sample(served: str, cables: list[Cable]) -> None:
    page = get(served, "/").text
    assert f"<b>{len(cables)}</b> cables" in page
    assert f"<b>{len({c.station for c in cables})}</b> posts" in page
    busiest, _ = Counter(c.station for c in cables).most_common(1)[0]
    assert f'href="/post/{busiest}"' in page


def test_cable_page_from_the_mapping(served: str, cables: list[Cable]) -> None:
    cable = max(cables, key=lambda c: len(c.officials))  # 05PARIS1667, annotated by hand
    page = get(served, f"/cable/{cable.id}").text
    assert str(escape(cable.subject)) in page
    for official in cable.officials:
        assert str(escape(official.name)) in page
    for paragraph in cable.paragraphs:
        assert f'id="par{paragraph.number}"' in page
    # TAG meanings and the classification's name come from the shipped vocabularies.
    assert "Political Affairs--External Political Relations" in page
    assert cable.classification.title() in page
    turtle = get(served, f"/cable/{cable.id}", "text/turtle")
    texts = {t.object.value for t in ox.parse(turtle.content, format=ox.RdfFormat.TURTLE)
             if t.predicate.value == "https://schema.org/text"}  # fmt: skip
    assert {p.text for p in cable.paragraphs} <= texts


def test_post_and_tag_pages_count_cables(served: str, cables: list[Cable]) -> None:
    station, count = Counter(c.station for c in cables).most_common(1)[0]
    page = get(served, f"/post/{station}").text
    assert f"{count} cables" in page
    for year, n in Counter(c.date[:4] for c in cables if c.station == station).items():
        assert f'<span class="y">{year}</span>' in page and f'<span class="n">{n}</span>' in page
    tagged = sum("PREL" in c.tags for c in cables)
    assert f"{tagged} cables" in get(served, "/vocab/tag/PREL").text


def test_search_and_sparql_over_the_sample(served: str, cables: list[Cable]) -> None:
    hits = get(served, "/search", q="pineapples").text
    assert 'href="/cable/06SANJOSE1256"' in hits
    answer = get(served, "/sparql", "application/sparql-results+json", query=(
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?g <http://xmlns.com/foaf/0.1/primaryTopic> ?c }"
    )).json()  # fmt: skip
    assert int(answer["results"]["bindings"][0]["n"]["value"]) == len(cables)


def test_dump_holds_every_quad(served: str, cables: list[Cable]) -> None:
    dump = gzip.decompress(get(served, "/dumps/cablekg.nq.gz", "*/*").content)
    graphs = {q.graph_name.value for q in ox.parse(dump, format=ox.RdfFormat.N_QUADS)}
    assert {f"https://w3id.org/cablekg/graph/{c.id}" for c in cables} <= graphs


def test_ontology_reference_documents_every_term(served: str) -> None:
    page = get(served, "/ontology").text
    for term in ("Cable", "Paragraph", "hasReference", "portionMarking"):
        assert f'id="{term}"' in page
    assert "Classes" in page and "Object properties" in page


def test_jsonld_reads_like_the_record(served: str, cables: list[Cable]) -> None:
    cable = max(cables, key=lambda c: len(c.paragraphs))
    response = get(served, f"/cable/{cable.id}", "application/json")
    assert response.headers["Content-Type"].startswith("application/ld+json")
    document = response.json()
    nodes = [node for graph in document["@graph"] for node in graph["@graph"]]
    node = next(n for n in nodes if n["@id"] == f"cable:{cable.id}")
    assert node["id"] == cable.id and node["subject"] == cable.subject
    assert set(node["tags"]) == set(cable.tags)
    assert sorted(p["number"] for p in node["paragraphs"]) == sorted(
        p.number for p in cable.paragraphs
    )
    # The same statements as the Turtle representation.
    expanded = set(ox.parse(response.content, format=ox.RdfFormat.JSON_LD))
    turtle = get(served, f"/cable/{cable.id}", "application/n-quads")
    assert expanded == set(ox.parse(turtle.content, format=ox.RdfFormat.N_QUADS))
