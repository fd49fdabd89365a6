"""Content negotiation: what each Accept header a linked-data client sends gets."""

from __future__ import annotations

import pytest

from cablekg.serve.formats import Format, negotiate

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (BROWSER, Format.HTML),
        (None, Format.HTML),
        ("*/*", Format.HTML),
        ("text/turtle", Format.TURTLE),
        ("application/ld+json", Format.JSONLD),
        ("application/json", Format.JSONLD),
        ("application/n-triples", Format.NTRIPLES),
        ("application/rdf+xml", Format.RDFXML),
        ("application/n-quads", Format.NQUADS),
        ("text/html;q=0.5, text/turtle", Format.TURTLE),
        ("text/turtle;q=0.2, application/ld+json;q=0.8", Format.JSONLD),
        ("application/*", Format.JSONLD),
        ("text/html;q=0, */*", Format.TURTLE),
        ("image/png", None),
        ("text/turtle;q=0", None),
    ],
)
def test_negotiate(accept: str | None, expected: Format | None) -> None:
    assert negotiate(accept) is expected


def test_suffixes_name_formats() -> None:
    assert Format.from_suffix("ttl") is Format.TURTLE
    assert Format.from_suffix("jsonld") is Format.JSONLD
    assert Format.from_suffix("nt") is Format.NTRIPLES
    assert Format.from_suffix("html") is Format.HTML
    assert Format.from_suffix("exe") is None
