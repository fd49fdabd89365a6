"""The IRIs the server reads to lay out its pages, in one place.

The pages work on any RDF (a resource is shown by its outgoing and incoming triples); the terms
below only add the views people expect of cables: TAGS with meanings, paragraphs, references,
posts by year.
"""

from __future__ import annotations

ONTOLOGY = "https://w3id.org/cablekg/ontology#"
VOCAB = "https://w3id.org/cablekg/vocab/"
DEFAULT_BASE = "https://w3id.org/cablekg/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
SCHEMA = "http://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
RICO = "https://www.ica.org/standards/RiC/ontology#"
SD = "http://www.w3.org/ns/sparql-service-description#"

RDF_TYPE = RDF + "type"
RDF_VALUE = RDF + "value"

# Label properties, best first: the page shows the first one a resource has.
LABELS = (
    SKOS + "prefLabel",
    RDFS + "label",
    FOAF + "name",
    SCHEMA + "name",
    DCTERMS + "title",
    SKOS + "notation",
    DCTERMS + "identifier",
)
# What a code means (a TAG's title), shown beside the code.
MEANINGS = (SKOS + "prefLabel", SKOS + "definition", RDFS + "comment", DCTERMS + "description")

# cablekg's own terms.
CABLE = ONTOLOGY + "Cable"
PARAGRAPH = ONTOLOGY + "Paragraph"
REFERENCE = ONTOLOGY + "Reference"
ORIGIN = ONTOLOGY + "origin"
CLASSIFICATION = ONTOLOGY + "classification"
HAS_REFERENCE = ONTOLOGY + "hasReference"
TARGET = ONTOLOGY + "target"
REFERENCE_LABEL = ONTOLOGY + "referenceLabel"
PARAGRAPH_NUMBER = ONTOLOGY + "paragraphNumber"
PORTION_MARKING = ONTOLOGY + "portionMarking"
OFFICIAL = ONTOLOGY + "official"
AGENCY = ONTOLOGY + "agency"
REPAIR = ONTOLOGY + "repair"
HAS_PART = RICO + "hasOrHadPart"
CREATED = DCTERMS + "created"
TITLE = DCTERMS + "title"
IDENTIFIER = DCTERMS + "identifier"
SUBJECT = DCTERMS + "subject"
# Properties whose value is a paragraph's text.
TEXT = (RDF_VALUE, SCHEMA + "text", ONTOLOGY + "text")

PREFIXES = {
    "ckg": ONTOLOGY,
    "ckv": VOCAB,
    "dcat": DCAT,
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "owl": OWL,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "rico": RICO,
    "schema": SCHEMA,
    "skos": SKOS,
    "void": VOID,
    "xsd": XSD,
}
