"""The vocabularies the mapping writes, as rdflib `DefinedNamespace` classes.

`CKG` is cablekg's own ontology (`ontology/cablekg.ttl`); every other namespace is a vocabulary
linked-data users already know. The fixed namespace of the controlled vocabularies (TAGS,
classification, precedence, caveats, classification reasons) is `VOCAB`: those concepts mean the
same in every deployment, so they do not move with `--base-iri`.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    XSD,
    DefinedNamespace,
)

ONTOLOGY = "https://w3id.org/cablekg/ontology#"
VOCAB = "https://w3id.org/cablekg/vocab/"
DEFAULT_BASE = "https://w3id.org/cablekg/"


class CKG(DefinedNamespace):
    """cablekg's ontology: only what no established vocabulary says."""

    _NS = Namespace(ONTOLOGY)
    _fail = True

    # Classes
    Cable: URIRef
    Paragraph: URIRef
    TextBlock: URIRef
    Reference: URIRef
    DiplomaticPost: URIRef
    Embassy: URIRef
    Consulate: URIRef
    Mission: URIRef
    Department: URIRef
    Address: URIRef
    Position: URIRef
    Agency: URIRef
    Country: URIRef
    CableGraph: URIRef
    SourceRecord: URIRef

    # Cable
    origin: URIRef
    precedence: URIRef
    caveat: URIRef
    sectionNumber: URIRef
    sectionCount: URIRef
    hasReference: URIRef
    classifiedBy: URIRef
    classifierTitle: URIRef
    classificationReason: URIRef
    declassificationOrder: URIRef
    declassifyOn: URIRef
    declassificationInstruction: URIRef
    signature: URIRef
    signedBy: URIRef
    official: URIRef
    agency: URIRef
    # Paragraph and Reference
    paragraphNumber: URIRef
    portionMarking: URIRef
    referenceLabel: URIRef
    target: URIRef
    # Posts, addresses, organisations
    stationCode: URIRef
    plainLanguageAddress: URIRef
    routingIndicator: URIRef
    addressOf: URIRef
    hostCountry: URIRef
    acronym: URIRef
    # Countries (targets of `foaf:focus` from geographic TAGS)
    fipsCode: URIRef
    isoCode: URIRef
    # Provenance (metadata graph)
    repair: URIRef
    sourceFormat: URIRef
    sourcePath: URIRef
    sourceRow: URIRef
    sha256: URIRef


class RICO(DefinedNamespace):
    """Records in Contexts ontology (ICA), the archival vocabulary the ontology aligns with."""

    _NS = Namespace("https://www.ica.org/standards/RiC/ontology#")
    _fail = True

    Record: URIRef
    RecordPart: URIRef
    hasSender: URIRef
    hasAddressee: URIRef
    hasOrHadPart: URIRef
    hasOrHadSubject: URIRef
    identifier: URIRef


PREFIXES: dict[str, str] = {
    "ckg": ONTOLOGY,
    "ckv": VOCAB,
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "rico": str(RICO._NS),
    "schema": str(SDO),
    "skos": str(SKOS),
    "xsd": str(XSD),
}
