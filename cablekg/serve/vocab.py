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
SCHEMA = "https://schema.org/"
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
    ONTOLOGY + "plainLanguageAddress",  # posts and addressees: AMEMBASSY MUSCAT
    SKOS + "notation",
    DCTERMS + "identifier",
    ONTOLOGY + "stationCode",
)
# What a code means (a TAG's title), shown beside the code.
MEANINGS = (SKOS + "prefLabel", SKOS + "definition", RDFS + "comment", DCTERMS + "description")

# cablekg's own terms, and the established ones the mapping writes for cables.
CABLE = ONTOLOGY + "Cable"
PARAGRAPH = ONTOLOGY + "Paragraph"
TEXT_BLOCK = ONTOLOGY + "TextBlock"
REFERENCE = ONTOLOGY + "Reference"
CABLE_GRAPH = ONTOLOGY + "CableGraph"
SENDER = SCHEMA + "sender"  # the sending post
CLASSIFICATION = DCTERMS + "accessRights"
HAS_REFERENCE = ONTOLOGY + "hasReference"
TARGET = ONTOLOGY + "target"
REFERENCE_LABEL = ONTOLOGY + "referenceLabel"
PARAGRAPH_NUMBER = ONTOLOGY + "paragraphNumber"
PORTION_MARKING = ONTOLOGY + "portionMarking"
POSITION = SCHEMA + "position"  # order of a part in its cable
OFFICIAL = ONTOLOGY + "official"
AGENCY = ONTOLOGY + "agency"
REPAIR = ONTOLOGY + "repair"
HAS_PART = DCTERMS + "hasPart"
PRIMARY_TOPIC = FOAF + "primaryTopic"  # a cable graph's cable, in the metadata graph
CREATED = DCTERMS + "created"
TITLE = DCTERMS + "title"
IDENTIFIER = DCTERMS + "identifier"
SUBJECT = DCTERMS + "subject"
NOTATION = SKOS + "notation"
PREF_LABEL = SKOS + "prefLabel"
# Properties whose value is a paragraph's or a REF item's text.
TEXT = (SCHEMA + "text", RDF_VALUE)
# Files whose labels the pages use when the store lacks them (ontology terms, TAGS meanings).
VOCABULARY_FILES = (("ontology", "cablekg.ttl"), ("data", "tags.ttl"))

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
