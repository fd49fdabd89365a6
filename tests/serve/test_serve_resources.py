"""Resource IRIs over HTTP: media types, suffixes, status codes, headers, escaping."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
import requests

from tests.serve.conftest import BASE, HOSTILE_ID, HOSTILE_TEXT

CABLE = BASE + "cable/07MUSCAT920"


def get(server: str, path: str, accept: str | None = None, **headers: str) -> requests.Response:
    if accept:
        headers["Accept"] = accept
    return requests.get(server + path, headers=headers, timeout=30, allow_redirects=False)


def triples(response: requests.Response, fmt: ox.RdfFormat) -> set[tuple[str, str, str]]:
    return {
        (t.subject.value, t.predicate.value, t.object.value)
        for t in ox.parse(response.content, format=fmt)
    }


@pytest.mark.parametrize(
    ("accept", "media_type", "fmt"),
    [
        ("text/turtle", "text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/json", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/n-quads", "application/n-quads", ox.RdfFormat.N_QUADS),
        ("application/trig", "application/trig", ox.RdfFormat.TRIG),
    ],
)
def test_cable_in_every_rdf_format(server: str, accept: str, media_type: str, fmt) -> None:
    response = get(server, "/cable/07MUSCAT920", accept)
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == media_type
    assert response.headers["Vary"].startswith("Accept")
    found = triples(response, fmt)
    subject = "GOVERNMENT OFFICIALS ASSURE AMBASSADOR LAGON OF COMMITMENT ON TIP"
    assert (CABLE, "http://purl.org/dc/terms/title", subject) in found
    # The cable's paragraphs come with it, text and portion marking included.
    assert (BASE + "paragraph/07MUSCAT920-4", "https://w3id.org/cablekg/ontology#portionMarking",
            "C") in found  # fmt: skip


def test_browsers_get_html(server: str) -> None:
    response = get(server, "/cable/07MUSCAT920", "text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "GOVERNMENT OFFICIALS ASSURE AMBASSADOR LAGON" in response.text
    assert response.headers["Vary"].startswith("Accept")


@pytest.mark.parametrize(
    ("suffix", "media_type"),
    [("ttl", "text/turtle"), ("jsonld", "application/ld+json"),
     ("nt", "application/n-triples"), ("html", "text/html"), ("rdf", "application/rdf+xml")],
)  # fmt: skip
def test_suffix_wins_over_accept(server: str, suffix: str, media_type: str) -> None:
    response = get(server, f"/cable/07MUSCAT920.{suffix}", "text/plain;q=0.1")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(media_type)
    assert "Vary" not in response.headers or "Accept" not in response.headers["Vary"]
    assert "07MUSCAT920" in response.text


def test_unknown_iri_is_a_helpful_404(server: str) -> None:
    response = get(server, "/cable/07MUSCAT999", "text/html")
    assert response.status_code == 404
    assert "07MUSCAT999" in response.text and 'href="/search' in response.text
    machine = get(server, "/cable/07MUSCAT999", "application/json")
    assert machine.status_code == 404 and machine.json()["error"] == "not found"
    assert get(server, "/cable/07MUSCAT999.ttl").status_code == 404


def test_unacceptable_media_type_is_406(server: str) -> None:
    response = get(server, "/cable/07MUSCAT920", "image/png")
    assert response.status_code == 406
    assert "text/turtle" in response.text


def test_cited_cable_outside_the_corpus_is_a_stub(server: str) -> None:
    response = get(server, "/cable/07MUSCAT883", "text/html")
    assert response.status_code == 200
    assert "not in the corpus" in response.text
    # The page shows who cites it, by label: the citing cable's subject and the REF text.
    rdf = triples(get(server, "/cable/07MUSCAT883", "application/n-triples"),
                  ox.RdfFormat.N_TRIPLES)  # fmt: skip
    assert (BASE + "reference/07MUSCAT920-D", "https://w3id.org/cablekg/ontology#target",
            BASE + "cable/07MUSCAT883") in rdf  # fmt: skip


def test_etag_and_last_modified_give_304(server: str) -> None:
    first = get(server, "/cable/07MUSCAT920", "text/turtle")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag.startswith('W/"')
    assert get(server, "/cable/07MUSCAT920", "text/turtle", **{"If-None-Match": etag}
               ).status_code == 304  # fmt: skip
    assert get(server, "/cable/07MUSCAT920", "text/turtle", **{"If-Modified-Since": modified}
               ).status_code == 304  # fmt: skip
    # Another representation has another validator.
    assert get(server, "/cable/07MUSCAT920", "application/ld+json").headers["ETag"] != etag
    assert get(server, "/cable/07MUSCAT920", "text/turtle", **{"If-None-Match": '"other"'}
               ).status_code == 200  # fmt: skip


def test_head_answers_without_a_body(server: str) -> None:
    response = requests.head(server + "/cable/07MUSCAT920", headers={"Accept": "text/turtle"},
                             timeout=10)  # fmt: skip
    assert response.status_code == 200 and response.content == b""
    assert response.headers["Content-Type"].startswith("text/turtle")


@pytest.mark.parametrize(
    "path",
    ["/cable/../../etc/passwd", "/cable/%2e%2e/%2e%2e/etc/passwd", "/dumps/../store/CURRENT",
     "/dumps/%2e%2e%2fCURRENT", "/cable/a\\..\\b"],
)  # fmt: skip
def test_path_traversal_is_refused(server: str, path: str) -> None:
    # `requests` would normalise dot segments away; send the path as written.
    session = requests.Session()
    request = requests.Request("GET", server + "/x").prepare()
    request.url = server + path
    response = session.send(request, timeout=10)
    assert response.status_code in (400, 404)
    assert "root:" not in response.text and "MANIFEST" not in response.text


def test_cable_text_is_escaped_in_html_and_jsonld(server: str) -> None:
    response = get(server, f"/cable/{HOSTILE_ID}", "text/html")
    assert response.status_code == 200
    html = response.text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in html
    assert "AT&amp;amp;T" in html  # the entity in the text is shown as typed, not decoded
    # The embedded JSON-LD block cannot be closed by the text, and still says the same thing.
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    block = html[start : html.index("</script>", start)]
    assert "<" not in block
    assert HOSTILE_TEXT in values(json.loads(block))


def values(node: object) -> list[str]:
    """Every `@value` of a JSON-LD document."""
    if isinstance(node, list):
        return [v for item in node for v in values(item)]
    if isinstance(node, dict):
        own = [node["@value"]] if "@value" in node else []
        return own + [v for key, item in node.items() if key != "@value" for v in values(item)]
    return []


def test_labels_not_iris_on_cable_page(server: str) -> None:
    html = get(server, "/cable/07MUSCAT920", "text/html").text
    for label in ("AMEMBASSY MUSCAT", "Mark Lagon", "Royal Oman Police", "Confidential",
                  "Human Rights"):  # fmt: skip
        assert label in html
    assert ">https://w3id.org/cablekg/person/mark-lagon<" not in html
    assert "(SBU)" in html and "¶4." in html


def test_post_lists_its_cables_by_year(server: str) -> None:
    html = get(server, "/post/MUSCAT", "text/html").text
    assert "AMEMBASSY MUSCAT" in html
    assert '<span class="y">2007</span>' in html and '<span class="y">2010</span>' in html
    assert "GOVERNMENT OFFICIALS ASSURE AMBASSADOR LAGON" in html


def test_vocabulary_terms_resolve(server: str) -> None:
    response = get(server, "/vocab/tag/PHUM", "text/html")
    assert response.status_code == 200
    assert "Human Rights" in response.text and "GOVERNMENT OFFICIALS" in response.text


def test_provenance_footer_shows_source_and_repairs(server: str) -> None:
    cable = get(server, "/cable/07MUSCAT920", "text/html").text
    footer = cable.split("<footer>")[1]
    assert "SIPDIS read as STPDIS" in footer and "07MUSCAT920.txt" in footer
    # A post is stated in many cable graphs: no single source to show.
    assert "Provenance" not in get(server, "/post/MUSCAT", "text/html").text


def test_inbound_links_are_counted_and_paged(server: str) -> None:
    html = get(server, "/vocab/tag/PREL", "text/html").text
    assert "2 cables" in html and "07MUSCAT920 · 2007-09-29" in html
    focused = get(server, "/vocab/tag/PREL?in=http%3A%2F%2Fpurl.org%2Fdc%2Fterms%2Fsubject"
                          "&year=2008", "text/html").text  # fmt: skip
    assert "08TRIPOLI36 · 2008-01-22" in focused and "07MUSCAT920 · " not in focused


def test_not_found_page_suggests_search_hits(server: str) -> None:
    html = get(server, "/cable/TRIPOLI", "text/html").text
    assert 'href="/cable/08TRIPOLI36"' in html


def test_search_and_listing_pages_carry_validators(server: str) -> None:
    for path in ("/search?q=ambassador", "/dumps/", "/", "/void", "/ontology"):
        first = get(server, path, "text/html")
        assert "ETag" in first.headers and "Last-Modified" in first.headers, path
        assert get(server, path, "text/html", **{"If-None-Match": first.headers["ETag"]}
                   ).status_code == 304, path  # fmt: skip


def test_iris_outside_the_base_have_pages(server: str) -> None:
    html = get(server, "/resource?iri=http://www.wikidata.org/entity/Q842", "text/html").text
    assert 'href="/vocab/country/OM"' in html  # who links here
    turtle = get(server, "/resource?iri=http://www.wikidata.org/entity/Q842&format=ttl")
    assert turtle.headers["Content-Type"].startswith("text/turtle")
    assert "Q842" in turtle.text
    assert get(server, "/resource?iri=http://example.org/nothing", "text/html").status_code == 404


def test_serve_refuses_a_directory_without_a_store(tmp_path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "cablekg", "serve", "--store", str(tmp_path), "--port", "1"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "holds no cablekg store" in result.stderr
