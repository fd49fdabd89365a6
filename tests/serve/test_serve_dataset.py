"""Dataset-level routes: overview, search, VoID/DCAT, dumps, ontology."""

from __future__ import annotations

import gzip

import pyoxigraph as ox
import requests

from tests.serve.conftest import BASE

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"


def get(server: str, path: str, **headers: str) -> requests.Response:
    return requests.get(server + path, headers=headers, timeout=30)


def test_overview_counts_and_charts(server: str) -> None:
    html = get(server, "/").text
    assert "<b>3</b> cables" in html and "<b>2</b> posts" in html
    # Years stacked by classification, top posts and TAGS as inline SVG linking to their pages.
    assert html.count("<svg") == 4
    assert 'href="/search?year=2008"' in html
    assert 'href="/post/MUSCAT"' in html and "AMEMBASSY MUSCAT" in html
    assert 'href="/vocab/tag/PREL"' in html and "PREL · External Political" in html
    assert "<script src" not in html and "http://" not in html.split("<footer>")[0].replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )


def test_search_ranks_and_facets(server: str) -> None:
    html = get(server, "/search?q=trafficking").text
    assert "1 cable matches" in html
    assert "<mark>Trafficking</mark>" in html or "<mark>trafficking</mark>" in html
    assert 'href="/cable/07MUSCAT920"' in html
    # Facets: TAGS with their codes, the post, the year, the classification.
    for label in ("PHUM", "AMEMBASSY MUSCAT", "2007", "Confidential"):
        assert label in html
    both = get(server, "/search?q=ambassador").text
    assert "2 cables match" in both
    narrowed = get(
        server,
        "/search?q=ambassador&classification=https://w3id.org/cablekg/vocab/classification/SECRET",
    ).text
    assert "1 cable matches" in narrowed and 'href="/cable/08TRIPOLI36"' in narrowed


def test_search_by_facet_alone_and_odd_input(server: str) -> None:
    html = get(server, "/search?year=2008").text
    assert "1 cable in the corpus" in html and "08TRIPOLI36" in html
    # FTS5 operators and quotes in user input are words, never a syntax error.
    for q in ('"unbalanced', "NEAR(", "a OR", "*", "-x", "'; DROP TABLE cables; --"):
        assert requests.get(server + "/search", params={"q": q}, timeout=10).status_code == 200


def test_search_escapes_cable_text(server: str) -> None:
    html = requests.get(server + "/search", params={"q": "xss"}, timeout=10).text
    assert "10HOSTILE1" in html
    assert "<script>alert" not in html and "<img src=x" not in html


def test_void_describes_the_dataset(server: str) -> None:
    for path in ("/.well-known/void", "/void", "/dataset"):
        response = get(server, path, Accept="text/turtle")
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("text/turtle")
    graph = ox.Store()
    graph.load(get(server, "/void.ttl").content, format=ox.RdfFormat.TURTLE)
    dataset = ox.NamedNode(BASE + "dataset")

    def objects(subject: ox.NamedNode, prop: str) -> list:
        return [q.object for q in graph.quads_for_pattern(subject, ox.NamedNode(prop), None)]

    assert objects(dataset, VOID + "sparqlEndpoint") == [ox.NamedNode(server + "/sparql")]
    assert ox.NamedNode(server + "/dumps/cablekg.nq.gz") in objects(dataset, VOID + "dataDump")
    assert objects(dataset, "http://purl.org/dc/terms/license")
    triples = int(objects(dataset, VOID + "triples")[0].value)
    assert triples == sum(1 for _ in ox.parse(gzip.decompress(
        get(server, "/dumps/cablekg.nq.gz").content), format=ox.RdfFormat.N_QUADS))  # fmt: skip
    classes = {
        objects(p, VOID + "class")[0].value: int(objects(p, VOID + "entities")[0].value)
        for p in objects(dataset, VOID + "classPartition")
    }
    # Three cables of the corpus and the two outside it that 07MUSCAT920 cites.
    assert classes["https://w3id.org/cablekg/ontology#Cable"] == 5
    assert objects(dataset, VOID + "propertyPartition")
    linkset = ox.NamedNode(BASE + "linkset/countries-wikidata-sameAs")
    assert linkset in objects(dataset, VOID + "subset")
    assert objects(linkset, VOID + "linkPredicate") == [
        ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
    ]
    assert objects(linkset, VOID + "dataDump") == [
        ox.NamedNode(server + "/dumps/links-countries.nq.gz")
    ]
    target = objects(linkset, VOID + "objectsTarget")[0]
    assert objects(target, "http://purl.org/dc/terms/title")[0].value == "Wikidata"
    assert ox.NamedNode(BASE + "cable/07MUSCAT920") in objects(dataset, VOID + "exampleResource")
    html = get(server, "/void", Accept="text/html").text
    assert "Classes" in html and "SPARQL endpoint" in html


def test_dumps_are_gzip_nquads(server: str) -> None:
    listing = get(server, "/dumps/").text
    assert "cablekg.nq.gz" in listing and "links-countries.nq.gz" in listing
    whole = get(server, "/dumps/cablekg.nq.gz")
    assert whole.status_code == 200 and whole.headers["Content-Type"] == "application/gzip"
    assert "ETag" in whole.headers and "Last-Modified" in whole.headers
    quads = list(ox.parse(gzip.decompress(whole.content), format=ox.RdfFormat.N_QUADS))
    graphs = {q.graph_name.value for q in quads}
    assert BASE + "graph/07MUSCAT920" in graphs and BASE + "graph/metadata" in graphs
    links = get(server, "/dumps/links-countries.nq.gz")
    link_quads = list(ox.parse(gzip.decompress(links.content), format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name.value for q in link_quads} == {BASE + "graph/links-countries"}
    assert any(q.object.value == "http://www.wikidata.org/entity/Q842" for q in link_quads)
    assert get(server, "/dumps/secret.nq.gz").status_code == 404
    assert get(server, "/dumps/search.sqlite").status_code == 404


def test_ontology_page_and_terms(server: str) -> None:
    response = get(server, "/ontology", Accept="text/html")
    assert response.status_code == 200
    turtle = get(server, "/ontology.ttl")
    assert turtle.status_code == 200 and turtle.headers["Content-Type"].startswith("text/turtle")
