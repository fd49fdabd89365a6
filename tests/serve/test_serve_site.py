"""Request paths and IRIs: the base IRI maps paths to resources, both ways."""

from __future__ import annotations

from cablekg.serve.http import unsafe_path
from cablekg.serve.site import Site


def test_paths_name_iris_under_the_base() -> None:
    site = Site("https://example.org/kg")
    assert site.candidates("cable/07MUSCAT920") == [
        "https://example.org/kg/cable/07MUSCAT920",
        "https://w3id.org/cablekg/cable/07MUSCAT920",  # the fixed vocabulary namespace
    ]
    assert site.local_path("https://example.org/kg/post/MUSCAT") == "/post/MUSCAT"
    assert site.local_path("https://w3id.org/cablekg/vocab/tag/PHUM") == "/vocab/tag/PHUM"
    assert site.local_path("https://w3id.org/cablekg/ontology#Cable") == "/ontology#Cable"
    assert site.local_path("http://www.wikidata.org/entity/Q842") is None
    assert site.href("http://www.wikidata.org/entity/Q842", described=False) == (
        "http://www.wikidata.org/entity/Q842"
    )
    assert site.href("http://www.wikidata.org/entity/Q842") == (
        "/resource?iri=http%3A%2F%2Fwww.wikidata.org%2Fentity%2FQ842"
    )
    # A reason code keeps its parentheses; spaces are encoded.
    assert site.local_path("https://example.org/kg/person/a b") == "/person/a%20b"


def test_unsafe_paths() -> None:
    assert unsafe_path("/cable/../x") and unsafe_path("/a/./b") and unsafe_path("/a\\b")
    assert unsafe_path("/a\x00b")
    assert not unsafe_path("/reason/1.4(b)") and not unsafe_path("/cable/07MUSCAT920.ttl")
