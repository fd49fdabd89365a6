"""RDF representations of a resource: which triples describe it, written in a chosen format."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

import pyoxigraph as ox

from cablekg.serve import vocab
from cablekg.serve.dataset import Dataset
from cablekg.serve.formats import Format

MAX_INBOUND = 1000  # inbound triples included in a resource's RDF description
# A resource's parts are described with it: a cable's paragraphs and references.
PARTS = (vocab.HAS_PART, vocab.HAS_REFERENCE)


def description(data: Dataset, iri: str) -> list[ox.Quad]:
    """A symmetric bounded description: the resource's triples, its parts' triples, and up to
    `MAX_INBOUND` triples that point to it (all with the named graph they are stated in)."""
    quads = list(data.quads_about(iri))
    parts = [q.object.value for q in quads if q.predicate.value in PARTS]
    for part in dict.fromkeys(parts):
        quads.extend(data.quads_about(part))
    quads.extend(islice(data.quads_to(iri), MAX_INBOUND))
    return quads


def serialize(quads: Iterable[ox.Quad], fmt: Format) -> bytes:
    """Quads in a dataset format; triples (graph names dropped, duplicates merged) otherwise."""
    assert fmt.rdf is not None
    if fmt.rdf.supports_datasets:
        return ox.serialize(quads, format=fmt.rdf, prefixes=_prefixes(fmt))
    triples = dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    return ox.serialize(triples, format=fmt.rdf, prefixes=_prefixes(fmt))


def _prefixes(fmt: Format) -> dict[str, str] | None:
    return vocab.PREFIXES if fmt in (Format.TURTLE, Format.TRIG, Format.RDFXML) else None
