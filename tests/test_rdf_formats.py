"""Every serialisation reads back as the graph that was written, and reads well."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from cablekg import write
from cablekg.rdf import RdfFormat
from cablekg.rdf.jsonld import context
from cablekg.rdf.mapping import Mapper
from cablekg.resources import data_path
from tests.rdf_cables import corpus_cables, seed_cable

ROOT = Path(__file__).resolve().parent.parent
GENERATED = "2024-01-01T00:00:00Z"


def written(cables, fmt: RdfFormat, base: str = "https://w3id.org/cablekg/") -> str:
    out = io.StringIO()
    write(cables, out, fmt, base, mapper=Mapper(base, generated=GENERATED))
    return out.getvalue()


def reference_dataset(cables, base: str = "https://w3id.org/cablekg/") -> rdflib.Dataset:
    ds = rdflib.Dataset()
    ds.parse(data=written(cables, RdfFormat.NQUADS, base), format="nquads")
    return ds


def union(ds: rdflib.Dataset) -> rdflib.Graph:
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads():
        g.add((s, p, o))
    return g


@pytest.mark.parametrize("fmt", list(RdfFormat), ids=lambda f: f.key)
@pytest.mark.parametrize("base", ["https://w3id.org/cablekg/", "http://localhost:8080/kg/"])
def test_one_cable_round_trips_in_every_format(shared, fmt, base):
    cables = [seed_cable(shared)]
    expected = reference_dataset(cables, base)
    again = rdflib.Dataset()
    again.parse(data=written(cables, fmt, base), format=fmt.rdflib_name)
    if fmt.has_graphs:
        names = {g.identifier for g in expected.graphs() if len(g)}
        assert names == {g.identifier for g in again.graphs() if len(g)}
        assert len(names) == 3  # the cable's graph, the entities graph and the metadata graph
        for name in names:
            assert isomorphic(expected.graph(name), again.graph(name)), name
    else:
        assert isomorphic(union(expected), union(again))
    assert len(union(again)) == len(union(expected)) > 200


def quad_set(text: str, fmt: RdfFormat) -> set[tuple[str, str, str, str]]:
    quads = ox.parse(text.encode("utf-8"), format=fmt.oxigraph)
    if fmt.has_graphs:
        return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in quads}
    return {(str(q.subject), str(q.predicate), str(q.object), "") for q in quads}


@pytest.mark.slow
def test_a_500_cable_dataset_round_trips_in_every_format(shared):
    cables = list(corpus_cables(shared, ROOT, limit=500))
    assert len(cables) == 500
    expected = quad_set(written(cables, RdfFormat.NQUADS), RdfFormat.NQUADS)
    triples = {(s, p, o, "") for s, p, o, _ in expected}
    assert len(expected) > 40_000
    for fmt in RdfFormat:
        # No blank nodes anywhere, so isomorphic means equal sets of quads.
        again = quad_set(written(cables, fmt), fmt)
        assert again == (expected if fmt.has_graphs else triples), fmt


def test_jsonld_cable_reads_like_its_record(shared):
    cable = seed_cable(shared)
    document = json.loads(written([cable], RdfFormat.JSONLD))
    graphs = {g["@id"]: g["@graph"] for g in document["@graph"]}
    node = graphs["graph:07MUSCAT920"][0]
    assert node["@id"] == "cable:07MUSCAT920"
    assert node["id"] == "07MUSCAT920"
    assert node["date"] == "2007-09-29T07:28:00Z"
    assert node["origin"] == "AMEMBASSY MUSCAT"
    assert node["station"] == "MUSCAT"
    assert node["classification"] == "CONFIDENTIAL"
    assert node["precedence"] == "ROUTINE"
    assert node["caveats"] == ["SIPDIS"]
    assert node["tags"] == list(cable.tags)
    assert node["subject"] == cable.subject
    assert node["cites"] == [r.id for r in cable.references]
    assert [r["label"] for r in node["references"]] == ["A", "B", "C", "D"]
    assert [(p["number"], p["marking"]) for p in node["paragraphs"]] == [
        (p.number, p.marking) for p in cable.paragraphs
    ]
    assert node["reasons"] == ["1.4(b)", "1.4(d)"]
    assert node["declassify_on"] == "2017-09-25"
    assert node["signers"] == ["FONTENEAU"]
    metadata = graphs["graph:metadata"]
    described = next(n for n in metadata if n["@id"] == "graph:07MUSCAT920")
    assert described["topic"] == "cable:07MUSCAT920"
    assert described["repairs"] == list(cable.repairs)


def test_jsonld_compacted_with_the_shipped_context_gives_short_keys(shared):
    shipped = json.loads(data_path("context.jsonld").read_text())
    assert shipped == {"@context": context()}
    expected = reference_dataset([seed_cable(shared)])
    graph = union(expected)
    compacted = json.loads(graph.serialize(format="json-ld", context=shipped["@context"]))
    node = next(n for n in compacted["@graph"] if n.get("@id") == "cable:07MUSCAT920")
    for key in ("id", "date", "origin", "station", "classification", "tags", "subject"):
        assert key in node, key
    # rdflib compacts the values to prefixed names (tag:PHUM); our writer to codes (PHUM).
    assert sorted(tag.removeprefix("tag:") for tag in node["tags"]) == sorted(
        seed_cable(shared).tags
    )


def test_turtle_is_readable(shared):
    text = written([seed_cable(shared)], RdfFormat.TURTLE)
    assert text.startswith("@prefix ckg: <https://w3id.org/cablekg/ontology#> .")
    assert "cable:07MUSCAT920 a ckg:Cable ;" in text
    assert "    dcterms:subject tag:PHUM, tag:PREL," in text
    assert "ckg:paragraphNumber 4 ;" in text
    trig = written([seed_cable(shared)], RdfFormat.TRIG)
    assert "graph:07MUSCAT920 {\n    cable:07MUSCAT920 a ckg:Cable ;" in trig


@pytest.mark.parametrize("fmt", list(RdfFormat), ids=lambda f: f.key)
def test_writing_streams_one_cable_at_a_time(shared, fmt):
    """Each cable is on the page before the next one is even read."""
    out = io.StringIO()
    sizes = []

    def cables():
        for cable in corpus_cables(shared, ROOT, limit=4):
            sizes.append(len(out.getvalue()))
            yield cable

    write(cables(), out, fmt)
    assert len(sizes) == 4
    assert sizes[0] < sizes[1] < sizes[2] < sizes[3] < len(out.getvalue())


@pytest.mark.parametrize("fmt", list(RdfFormat), ids=lambda f: f.key)
def test_one_cable_document_in_every_format(shared, fmt):
    from cablekg.rdf import serialize

    cable = seed_cable(shared)
    text = serialize(cable, fmt)
    quads = quad_set(text, fmt)
    mapped = Mapper().map(cable)
    assert len(quads) == len(mapped)  # the cable's graph, its descriptions and its metadata
    assert any(s == mapped.cable for s, _, _, _ in quads)


def test_jsonld_codes_spelled_like_a_key_still_round_trip(shared):
    # A person TAG (CLINTON, HILLARY) is in the scheme tags/person, and `person` is a prefix.
    cable = seed_cable(shared).with_changes(tags=("PREL", "CLINTON, HILLARY", "ID"))
    document = written([cable], RdfFormat.JSONLD)
    assert quad_set(document, RdfFormat.JSONLD) == quad_set(
        written([cable], RdfFormat.NQUADS), RdfFormat.NQUADS
    )
    graphs = {g["@id"]: g["@graph"] for g in json.loads(document)["@graph"]}
    nodes = graphs["graph:entities"]  # the TAG's description
    scheme = next(n["scheme"] for n in nodes if n.get("notation") == "CLINTON, HILLARY")
    assert scheme == {"@id": "https://w3id.org/cablekg/vocab/tags/person"}
