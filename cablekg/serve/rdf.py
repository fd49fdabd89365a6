"""RDF representations of a resource: which triples describe it, written in a chosen format."""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import islice

import pyoxigraph as ox

from cablekg.rdf.jsonld import Compactor
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


def serialize(
    quads: Iterable[ox.Quad], fmt: Format, root: str | None = None, base: str | None = None
) -> bytes:
    """Quads in a dataset format; triples (graph names dropped, duplicates merged) otherwise.

    JSON-LD is compacted with cablekg's context (a cable reads like its JSON record: `id`,
    `date`, `tags`, `paragraphs` ...) when `base` is given and the terms allow it.
    """
    assert fmt.rdf is not None
    quads = list(quads)
    if fmt is Format.JSONLD and base is not None and (compact := compact_jsonld(quads, root, base)):
        return compact
    if fmt.rdf.supports_datasets:
        return ox.serialize(quads, format=fmt.rdf, prefixes=_prefixes(fmt))
    triples = dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    return ox.serialize(triples, format=fmt.rdf, prefixes=_prefixes(fmt))


def _prefixes(fmt: Format) -> dict[str, str] | None:
    return vocab.PREFIXES if fmt in (Format.TURTLE, Format.TRIG, Format.RDFXML) else None


def compact_jsonld(quads: list[ox.Quad], root: str | None, base: str) -> bytes | None:
    """The quads as compacted JSON-LD, one graph object per named graph, context inline (a
    client needs nothing else); None when a term is outside what the compactor reads (blank
    nodes, language-tagged literals), which then go out expanded."""
    for q in quads:
        if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
            return None
        if isinstance(q.object, ox.Literal) and q.object.language:
            return None
        if not isinstance(q.graph_name, ox.NamedNode):
            return None
    compactor = Compactor(base)
    graphs: dict[str, list[tuple[str, str, str]]] = {}
    for q in quads:
        graphs.setdefault(str(q.graph_name), []).append(
            (str(q.subject), str(q.predicate), str(q.object))
        )
    top = f"<{root}>" if root else None
    document = {
        "@context": compactor.context,
        "@graph": [compactor.graph(name, triples, top) for name, triples in graphs.items()],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()
