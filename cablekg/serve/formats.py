"""The representations a resource is served in, and content negotiation between them.

Each format carries its media type, its file suffix and the pyoxigraph format that writes it.
`negotiate` picks one from an `Accept` header the way linked-data clients expect: HTML for
browsers (and for `*/*`), RDF when asked for, JSON-LD for `application/json`.
"""

from __future__ import annotations

from enum import Enum

import pyoxigraph as ox


class Format(Enum):
    """A representation: media type, suffix, pyoxigraph format (None for HTML), name."""

    HTML = ("text/html", "html", None, "HTML")
    TURTLE = ("text/turtle", "ttl", ox.RdfFormat.TURTLE, "Turtle")
    JSONLD = ("application/ld+json", "jsonld", ox.RdfFormat.JSON_LD, "JSON-LD")
    NTRIPLES = ("application/n-triples", "nt", ox.RdfFormat.N_TRIPLES, "N-Triples")
    NQUADS = ("application/n-quads", "nq", ox.RdfFormat.N_QUADS, "N-Quads")
    TRIG = ("application/trig", "trig", ox.RdfFormat.TRIG, "TriG")
    RDFXML = ("application/rdf+xml", "rdf", ox.RdfFormat.RDF_XML, "RDF/XML")

    def __init__(self, media_type: str, suffix: str, rdf: ox.RdfFormat | None, label: str) -> None:
        self.media_type = media_type
        self.suffix = suffix
        self.rdf = rdf
        self.label = label

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8"

    @classmethod
    def from_suffix(cls, suffix: str) -> Format | None:
        return _SUFFIXES.get(suffix.lower())


# Media types clients send that mean one of ours (old or generic names included).
_ALIASES: dict[str, Format] = {
    **{f.media_type: f for f in Format},
    "application/xhtml+xml": Format.HTML,
    "application/json": Format.JSONLD,
    "application/x-turtle": Format.TURTLE,
    "text/n3": Format.TURTLE,
    "text/plain": Format.NTRIPLES,
    "text/x-nquads": Format.NQUADS,
    "application/xml": Format.RDFXML,
    "text/xml": Format.RDFXML,
}
_SUFFIXES: dict[str, Format] = {
    **{f.suffix: f for f in Format},
    "json": Format.JSONLD,
    "htm": Format.HTML,
    "owl": Format.RDFXML,
}


def parse_accept(header: str | None) -> list[tuple[str, float, int]]:
    """`(media range, q, position)` per entry of an Accept header, malformed parts skipped."""
    ranges = []
    for position, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media, q, position))
    return ranges


def negotiate(accept: str | None, offered: tuple[Format, ...] = tuple(Format)) -> Format | None:
    """The offered format the client prefers; the first offered when it states no preference;
    None when it accepts none of them (406).

    Each format takes the q-value of the most specific range that names it (exact type, then
    `type/*`, then `*/*`); ties go to the more specific range, then the client's order, then the
    order of `offered` (HTML first, so `*/*` gets the page).
    """
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]
    best: tuple[float, int, int, int] | None = None
    chosen = None
    for rank, fmt in enumerate(offered):
        matches = [(_match(media, fmt), q, position) for media, q, position in ranges]
        matches = [m for m in matches if m[0] >= 0]
        if not matches:
            continue
        specificity, q, position = max(matches, key=lambda m: (m[0], m[1]))
        key = (q, specificity, -position, -rank)
        if q > 0 and (best is None or key > best):
            best, chosen = key, fmt
    return chosen


def _match(media: str, fmt: Format) -> int:
    """How specifically `media` names `fmt`: 2 exact, 1 `type/*`, 0 `*/*`, -1 not at all."""
    if media == "*/*":
        return 0
    if media.endswith("/*"):
        return 1 if fmt.media_type.startswith(media[:-1]) else -1
    return 2 if _ALIASES.get(media) is fmt else -1
