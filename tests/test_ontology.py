"""The ontology declares every term the data and the shapes use, and is OWL RL consistent."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import owlrl
import rdflib
from owlrl.Namespaces import ERRNS
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from cablekg.model import CLASSIFICATIONS, PRECEDENCES
from cablekg.rdf.iris import scheme_iri, vocab_iri
from cablekg.rdf.mapping import Mapper
from cablekg.rdf.namespaces import CKG, ONTOLOGY, VOCAB
from cablekg.rdf.vocabulary import build_rows, known_tags
from cablekg.resources import data_path, ontology_path, shapes_path
from tests.rdf_cables import cablegate_cables, seed_cable

ROOT = Path(__file__).resolve().parent.parent
SHAPES_NS = "https://w3id.org/cablekg/shapes#"


@cache
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_path("cablekg.ttl"))


@cache
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(shapes_path("cablekg.ttl"))


def declared() -> set[str]:
    return {str(s) for s in ontology().subjects(RDF.type, None)}


@cache
def corpus_triples(shared: Path) -> tuple[tuple[str, str, str], ...]:
    """Every triple the mapping writes for the seed and the Cablegate corpus, once."""
    mapper = Mapper()
    found = set(mapper.agent_triples())
    for cable in [seed_cable(shared), *cablegate_cables(shared, ROOT)]:
        mapped = mapper.map(cable)
        found.update(mapped.triples)
        found.update(mapped.metadata)
    return tuple(found)


def emitted_terms(shared: Path) -> tuple[set[str], set[str]]:
    """Predicates and classes the mapping wrote."""
    triples = corpus_triples(shared)
    predicates = {p[1:-1] for _, p, _ in triples}
    classes = {o[1:-1] for _, p, o in triples if p == f"<{RDF.type}>"}
    return predicates, classes


def test_ontology_header_has_version_and_namespace():
    g = ontology()
    header = rdflib.URIRef("https://w3id.org/cablekg/ontology")
    assert (header, RDF.type, OWL.Ontology) in g
    assert g.value(header, OWL.versionIRI) == rdflib.URIRef(
        "https://w3id.org/cablekg/ontology/0.1.0"
    )
    assert (
        str(g.value(header, rdflib.URIRef("http://purl.org/vocab/vann/preferredNamespaceUri")))
        == ONTOLOGY
    )


def test_every_own_term_has_label_comment_and_is_in_the_namespace_class():
    g = ontology()
    own = {s for s in g.subjects(RDF.type, None) if str(s).startswith(ONTOLOGY)}
    assert len(own) >= 40
    for term in own:
        assert g.value(term, RDFS.label), term
        assert g.value(term, RDFS.comment), term
    # The DefinedNamespace of the code and the ontology name the same terms.
    assert {str(t) for t in own} == {str(CKG[name]) for name in CKG.__annotations__}


def test_ontology_is_owl_rl_consistent():
    g = rdflib.Graph()
    for triple in ontology():
        g.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    errors = [str(m) for m in g.objects(None, ERRNS.error)]
    assert errors == []
    # The closure follows the alignments: a cable is a RiC-O record and a schema.org message.
    cable = rdflib.URIRef(CKG.Cable)
    assert (
        cable,
        RDFS.subClassOf,
        rdflib.URIRef("https://www.ica.org/standards/RiC/ontology#Record"),
    ) in g
    unit = rdflib.URIRef("http://www.w3.org/ns/org#OrganizationalUnit")
    assert (rdflib.URIRef(CKG.Embassy), RDFS.subClassOf, unit) in g


def test_data_with_the_ontology_is_owl_rl_consistent(shared):
    mapped = Mapper().map(seed_cable(shared))
    g = rdflib.Graph().parse(data=mapped.ntriples(), format="nt")
    for triple in ontology():
        g.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert [str(m) for m in g.objects(None, ERRNS.error)] == []
    position = rdflib.URIRef("https://w3id.org/cablekg/position/MUSCAT--charge-d-affaires")
    fonteneau = rdflib.URIRef("https://w3id.org/cablekg/person/alfred-f-fonteneau")
    assert (position, rdflib.URIRef("http://www.w3.org/ns/org#heldBy"), fonteneau) in g


def test_every_cablekg_iri_in_the_data_is_declared(shared):
    predicates, classes = emitted_terms(shared)
    names = declared()
    ours = {iri for iri in predicates | classes if iri.startswith(ONTOLOGY)}
    assert ours and ours <= names, ours - names
    # Reused terms the data uses are declared too, as what cablekg uses them for.
    assert (predicates | classes) - {str(RDF.type)} <= names, (predicates | classes) - names


def test_every_controlled_value_in_the_data_is_in_a_vocabulary(shared):
    tags = rdflib.Graph().parse(data_path("tags.ttl"))
    concepts = declared() | {str(s) for s in tags.subjects(RDF.type, None)}
    used = {
        o[1:-1]
        for _, _, o in corpus_triples(shared)
        if o.startswith(f"<{VOCAB}") and not o.startswith(f"<{VOCAB}tag/")
    }
    assert used and used <= concepts, used - concepts


def test_every_term_the_shapes_use_is_declared():
    g = shapes()
    names = declared()
    used = set()
    for prop in (SH.path, SH["class"], SH.targetClass, SH.targetObjectsOf):
        used |= {str(o) for o in g.objects(None, prop) if isinstance(o, rdflib.URIRef)}
    assert used and used <= names, used - names
    for values in g.objects(None, SH["in"]):
        for member in rdflib.collection.Collection(g, values):
            assert isinstance(member, rdflib.Literal) or str(member) in names, member


def test_every_shape_has_a_message():
    g = shapes()
    shape_nodes = set(g.subjects(RDF.type, SH.NodeShape)) | set(
        g.subjects(RDF.type, SH.PropertyShape)
    )
    assert len(shape_nodes) > 60
    for shape in shape_nodes:
        assert g.value(shape, SH.message), shape


def test_every_emitted_property_and_class_has_a_shape(shared):
    g = shapes()
    predicates, classes = emitted_terms(shared)
    paths = {str(o) for o in g.objects(None, SH.path)}
    assert predicates - {str(RDF.type)} <= paths, predicates - paths
    targets = {str(o) for o in g.objects(None, SH.targetClass)}
    kinds = {str(SKOS.Concept)} | {
        str(c) for c in (CKG.Embassy, CKG.Consulate, CKG.Mission, CKG.Department)
    }
    assert classes - targets <= kinds  # TAGS are checked as objects of dcterms:subject


def test_controlled_lists_match_the_record_and_the_shapes():
    g, s = ontology(), shapes()
    for kind, values in (("classification", CLASSIFICATIONS), ("precedence", PRECEDENCES)):
        scheme = rdflib.URIRef(scheme_iri(kind))
        members = {str(c) for c in g.subjects(SKOS.inScheme, scheme)}
        assert members == {vocab_iri(kind, v) for v in values}
        shape = rdflib.URIRef(SHAPES_NS + f"Cable-{kind}")
        allowed = {str(m) for m in rdflib.collection.Collection(s, s.value(shape, SH["in"]))}
        assert allowed == members


def test_tags_vocabulary_ships_with_labels_and_focus():
    tags = known_tags()
    assert tags["MU"] == ("geographic", "Oman")
    assert tags["PHUM"] == ("subject", "Political Affairs--Human Rights")
    assert tags["KCRM"][0] == "program"
    assert tags["NATO"][0] == "organization"
    g = rdflib.Graph().parse(data_path("tags.ttl"))
    mu = rdflib.URIRef(VOCAB + "tag/MU")
    oman = g.value(mu, rdflib.URIRef("http://xmlns.com/foaf/0.1/focus"))
    assert str(oman) == VOCAB + "country/OM"
    assert str(g.value(oman, rdflib.URIRef(CKG.fipsCode))) == "MU"
    schemes = set(g.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 5


def test_shipped_tags_are_what_the_build_script_makes():
    with data_path("tags.tsv").open(encoding="utf-8", newline="") as handle:
        rows = [tuple(row) for row in csv.reader(handle, delimiter="\t")][1:]
    assert rows == build_rows(data_path("vocab"))
