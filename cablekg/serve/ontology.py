"""`/ontology`: cablekg's ontology as RDF and as an HTML reference, one anchor per term, so
every term IRI (`.../ontology#Cable`) dereferences to its documentation."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from cablekg.resources import ontology_path
from cablekg.serve import vocab
from cablekg.serve.dataset import Dataset, local_name
from cablekg.serve.describe import Describer, Row, property_rows

ONTOLOGY_FILE = "cablekg.ttl"
_CLASSES = {vocab.OWL + "Class", vocab.RDFS + "Class"}
_PROPERTY_KINDS = [
    ("Object properties", vocab.OWL + "ObjectProperty"),
    ("Datatype properties", vocab.OWL + "DatatypeProperty"),
    ("Annotation properties", vocab.OWL + "AnnotationProperty"),
    ("Properties", vocab.RDF + "Property"),
]


@dataclass(slots=True)
class Term:
    iri: str
    anchor: str
    label: str
    curie: str
    comment: str | None
    rows: list[Row]


def load(data: Dataset) -> list[ox.Triple]:
    """The ontology's triples: the shipped file, else what the store says about its terms
    (found through their types: a scan of every subject would be slow on a large store)."""
    try:
        path = ontology_path(ONTOLOGY_FILE)
    except FileNotFoundError:
        path = None
    if path is not None and path.is_file():
        return [ox.Triple(q.subject, q.predicate, q.object)
                for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]  # fmt: skip
    kinds = " ".join(f"<{k}>" for k in (*_CLASSES, *(k for _, k in _PROPERTY_KINDS),
                                         vocab.OWL + "Ontology"))  # fmt: skip
    rows = data.select(
        f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?kind {{ {kinds} }} ?s a ?kind . ?s ?p ?o "
        f'FILTER(STRSTARTS(STR(?s), "{vocab.ONTOLOGY.rstrip("#/")}")) }}'
    )
    return [ox.Triple(r["s"], r["p"], r["o"]) for r in rows]


def term_labels(triples: list[ox.Triple]) -> dict[str, str]:
    """English rdfs:label of every term, for the pages' property names."""
    labels: dict[str, str] = {}
    for t in triples:
        if not (t.predicate.value == vocab.RDFS + "label" and isinstance(t.object, ox.Literal)):
            continue
        if t.object.language in (None, "en") or t.subject.value not in labels:
            labels[t.subject.value] = t.object.value
    return labels


def sections(triples: list[ox.Triple], describer: Describer) -> tuple[list[Row], list]:
    """(rows about the ontology itself, [(heading, [Term])]) for the HTML reference."""
    by_subject: dict[str, list[ox.Quad]] = {}
    types: dict[str, set[str]] = {}
    for t in triples:
        if not isinstance(t.subject, ox.NamedNode):
            continue
        by_subject.setdefault(t.subject.value, []).append(ox.Quad(t.subject, t.predicate, t.object))
        if t.predicate.value == vocab.RDF_TYPE:
            types.setdefault(t.subject.value, set()).add(t.object.value)
    iris = {t.predicate.value for t in triples} | {
        t.object.value for t in triples if isinstance(t.object, ox.NamedNode)
    }
    links = describer.links(sorted(iris | set(by_subject)))
    labels = term_labels(triples)
    skip = {vocab.RDF_TYPE, vocab.RDFS + "label", vocab.RDFS + "comment"}

    def term(iri: str) -> Term:
        comment = next((q.object.value for q in by_subject[iri]
                        if q.predicate.value == vocab.RDFS + "comment"), None)  # fmt: skip
        rows = property_rows(by_subject[iri], links, skip)
        name = local_name(iri)
        return Term(iri, name, labels.get(iri, name), f"ckg:{name}", comment, rows)

    ontology = [s for s, ts in types.items() if vocab.OWL + "Ontology" in ts]
    header = property_rows(by_subject[ontology[0]], links, {vocab.RDF_TYPE}) if ontology else []
    terms = sorted((s for s in by_subject if s.startswith(vocab.ONTOLOGY)), key=str.lower)
    result = [("Classes", [term(s) for s in terms if types.get(s, set()) & _CLASSES])]
    placed = {t.iri for t in result[0][1]}
    for heading, kind in _PROPERTY_KINDS:
        chosen = [term(s) for s in terms if kind in types.get(s, set()) and s not in placed]
        placed |= {t.iri for t in chosen}
        result.append((heading, chosen))
    result.append(("Other terms", [term(s) for s in terms if s not in placed]))
    return header, result
