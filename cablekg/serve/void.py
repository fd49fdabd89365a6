"""The dataset described in VoID and DCAT (`/void`, `/.well-known/void`, `/dataset`).

Counts, class and property partitions and link sets are read from the store (once per store
version); the SPARQL endpoint and dump URLs are those of the server answering the request.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from cablekg import __version__
from cablekg.serve import vocab
from cablekg.serve.dataset import Dataset
from cablekg.serve.dumps import Dump
from cablekg.serve.site import Site

TITLE = "cablekg: US diplomatic cables as linked data"
DESCRIPTION = (
    "US diplomatic cables released by WikiLeaks (Cablegate pages, cables.csv, raw telegrams), "
    "parsed, repaired and mapped to RDF by cablekg: one named graph per cable, with posts, "
    "people, agencies, TAGS, paragraphs and references, PROV-O provenance and link sets."
)
# Works of the US Government are not subject to copyright in the US (17 U.S.C. 105); the graph
# cablekg derives from them is marked the same way.
LICENSE = "https://creativecommons.org/publicdomain/mark/1.0/"
RIGHTS = (
    "Cables: works of the United States Government, not subject to copyright in the US "
    "(17 U.S.C. 105), released by WikiLeaks. The derived graph carries no further rights."
)
EXAMPLES = 3


def statistics(data: Dataset) -> dict[str, Any]:
    """Counts for VoID: triples, subjects, classes and properties (partitions), graphs."""

    def compute() -> dict[str, Any]:
        def rows(query: str) -> list[dict]:
            return data.select(query)

        triples = int(rows("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"].value)
        classes = [(r["c"].value, int(r["n"].value)) for r in rows(
            "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) }"
            " GROUP BY ?c ORDER BY DESC(?n)")]  # fmt: skip
        properties = [(r["p"].value, int(r["n"].value)) for r in rows(
            "SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?p"
            " ORDER BY DESC(?n)")]  # fmt: skip
        subjects = int(rows("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")[0]["n"].value)
        graphs = sum(1 for _ in data.store.named_graphs())
        linksets = [r["l"].value for r in rows(
            f"SELECT DISTINCT ?l WHERE {{ ?l a <{vocab.VOID}Linkset> }} ORDER BY ?l")]  # fmt: skip
        examples = [r["c"].value for r in rows(
            f"SELECT DISTINCT ?c WHERE {{ ?g <{vocab.PRIMARY_TOPIC}> ?c . "
            f"?c <{vocab.HAS_PART}> ?p }} LIMIT {EXAMPLES}")]  # fmt: skip
        return {"triples": triples, "classes": classes, "properties": properties,
                "subjects": subjects, "graphs": graphs, "linksets": linksets,
                "examples": examples}  # fmt: skip

    return data.memo("void-statistics", compute)


def description(data: Dataset, site: Site, root: str, dumps: list[Dump]) -> list[ox.Quad]:
    """VoID + DCAT triples of the dataset; `root` is the server's URL (no trailing slash)."""
    stats = statistics(data)
    ds = ox.NamedNode(site.dataset_iri)
    out: list[ox.Triple] = []

    def add(s: ox.NamedNode | ox.BlankNode, p: str, o: ox.NamedNode | ox.Literal | ox.BlankNode):
        out.append(ox.Triple(s, ox.NamedNode(p), o))

    def iri(value: str) -> ox.NamedNode:
        return ox.NamedNode(value)

    def num(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=iri(vocab.XSD + "integer"))

    add(ds, vocab.RDF_TYPE, iri(vocab.VOID + "Dataset"))
    add(ds, vocab.RDF_TYPE, iri(vocab.DCAT + "Dataset"))
    add(ds, vocab.DCTERMS + "title", ox.Literal(TITLE, language="en"))
    add(ds, vocab.DCTERMS + "description", ox.Literal(DESCRIPTION, language="en"))
    add(ds, vocab.DCTERMS + "license", iri(LICENSE))
    add(ds, vocab.DCTERMS + "rights", ox.Literal(RIGHTS, language="en"))
    add(ds, vocab.DCTERMS + "modified", ox.Literal(
        data.version.http_date and _iso(data.version.modified),
        datatype=iri(vocab.XSD + "dateTime")))  # fmt: skip
    add(ds, vocab.DCTERMS + "creator", ox.Literal(f"cablekg {__version__}"))
    add(ds, vocab.VOID + "sparqlEndpoint", iri(f"{root}/sparql"))
    add(ds, vocab.VOID + "uriSpace", ox.Literal(site.base))
    add(ds, vocab.VOID + "uriLookupEndpoint", iri(f"{root}/search?q="))
    for namespace in (
        vocab.ONTOLOGY,
        vocab.DCTERMS,
        vocab.SKOS,
        vocab.FOAF,
        vocab.PROV,
        vocab.RICO,
    ):
        add(ds, vocab.VOID + "vocabulary", iri(namespace))
    add(ds, vocab.VOID + "triples", num(stats["triples"]))
    add(ds, vocab.VOID + "distinctSubjects", num(stats["subjects"]))
    add(ds, vocab.VOID + "classes", num(len(stats["classes"])))
    add(ds, vocab.VOID + "properties", num(len(stats["properties"])))
    add(ds, vocab.VOID + "entities", num(sum(n for _, n in stats["classes"])))
    add(ds, vocab.VOID + "documents", num(stats["graphs"]))
    for example in stats["examples"]:
        add(ds, vocab.VOID + "exampleResource", iri(example))
    for cls, count in stats["classes"]:
        node = ox.BlankNode()
        add(ds, vocab.VOID + "classPartition", node)
        add(node, vocab.VOID + "class", iri(cls))
        add(node, vocab.VOID + "entities", num(count))
    for prop, count in stats["properties"]:
        node = ox.BlankNode()
        add(ds, vocab.VOID + "propertyPartition", node)
        add(node, vocab.VOID + "property", iri(prop))
        add(node, vocab.VOID + "triples", num(count))
    dump_of = {d.graph: d for d in dumps}
    for dump in dumps:
        url = iri(f"{root}/dumps/{dump.name}")
        if dump.graph is None:
            add(ds, vocab.VOID + "dataDump", url)
        node = ox.BlankNode()
        add(ds if dump.graph is None else iri(dump.graph), vocab.DCAT + "distribution", node)
        add(node, vocab.RDF_TYPE, iri(vocab.DCAT + "Distribution"))
        add(node, vocab.DCTERMS + "title", ox.Literal(dump.title, language="en"))
        add(node, vocab.DCAT + "downloadURL", url)
        add(node, vocab.DCAT + "mediaType", iri(
            "https://www.iana.org/assignments/media-types/application/n-quads"))  # fmt: skip
        add(node, vocab.DCAT + "compressFormat", iri(
            "https://www.iana.org/assignments/media-types/application/gzip"))  # fmt: skip
        add(node, vocab.DCTERMS + "license", iri(LICENSE))
    service = ox.BlankNode()
    add(ds, vocab.DCAT + "distribution", service)
    add(service, vocab.RDF_TYPE, iri(vocab.DCAT + "Distribution"))
    add(service, vocab.DCAT + "accessURL", iri(f"{root}/sparql"))
    add(service, vocab.DCTERMS + "title", ox.Literal("SPARQL endpoint", language="en"))
    linkset_graphs = linkset_graph_of(data, stats["linksets"])
    for linkset in stats["linksets"]:
        node = iri(linkset)
        add(ds, vocab.VOID + "subset", node)
        add(node, vocab.VOID + "subjectsTarget", ds)
        graph = linkset_graphs.get(linkset)
        if graph in dump_of:
            add(node, vocab.VOID + "dataDump", iri(f"{root}/dumps/{dump_of[graph].name}"))
        described = list(data.quads_about(linkset))
        targets = [q.object.value for q in described
                   if q.predicate.value == vocab.VOID + "objectsTarget"]  # fmt: skip
        for quad in [*described, *(q for t in targets for q in data.quads_about(t))]:
            out.append(ox.Triple(quad.subject, quad.predicate, quad.object))
    graph = ox.NamedNode(site.base + "void")
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in dict.fromkeys(out)]


def linkset_graph_of(data: Dataset, linksets: list[str]) -> dict[str, str]:
    """The named graph each link set is described in (and whose dump holds its links)."""
    found = {}
    for linkset in linksets:
        node = ox.NamedNode(linkset)
        for quad in data.store.quads_for_pattern(node, ox.NamedNode(vocab.RDF_TYPE), None, None):
            if isinstance(quad.graph_name, ox.NamedNode):
                found[linkset] = quad.graph_name.value
    return found


def _iso(timestamp: float) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
