"""Map one `Cable` onto the cablekg ontology, as N-Triples term strings.

A cable becomes one named graph (`{base}graph/<id>`) holding everything the cable says, plus a
few triples for the shared metadata graph (`{base}graph/metadata`) that describe that graph with
PROV-O: its source file and row, the source's SHA-256, the software and the generation time,
and the repairs the parser applied.

What the entities a cable names (posts, addresses, people, agencies, positions, TAGS and other
concepts, cited cables) are goes to the shared entities graph (`{base}graph/entities`): their
types, codes (station codes, addresses and routing indicators, TAG notations and schemes),
acronyms, the organisation of a position and the ids of cited cables. Those descriptions are the
same from cable to cable, so an output writes each one once (`Described`). What the cable says
stays in its graph: that it sent, received or names an entity, the names and titles as it spells
them (people and agencies are keyed by folded names, so spellings differ from cable to cable),
and which positions a person holds. A cable is validated with its descriptions.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from cablekg.model import Cable
from cablekg.rdf import terms as t
from cablekg.rdf.iris import Iris, cable_key, scheme_iri, tag_iri, tag_scheme_iri, vocab_iri
from cablekg.rdf.namespaces import DEFAULT_BASE, ONTOLOGY
from cablekg.rdf.vocabulary import controlled_concepts, tag_kind

Triple = tuple[str, str, str]

_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _p(namespace: str, name: str) -> str:
    return f"<{namespace}{name}>"


def _ckg(name: str) -> str:
    return _p(ONTOLOGY, name)


DCT = "http://purl.org/dc/terms/"
SDO = "https://schema.org/"
FOAF = "http://xmlns.com/foaf/0.1/"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"

A = t.RDF_TYPE
# Classes
CABLE, PARAGRAPH, REFERENCE = _ckg("Cable"), _ckg("Paragraph"), _ckg("Reference")
TEXT_BLOCK = _ckg("TextBlock")
DIPLOMATIC_POST, ADDRESS, POSITION = _ckg("DiplomaticPost"), _ckg("Address"), _ckg("Position")
AGENCY, CABLE_GRAPH, SOURCE_RECORD = _ckg("Agency"), _ckg("CableGraph"), _ckg("SourceRecord")
PERSON, CONCEPT = _p(FOAF, "Person"), _p(SKOS, "Concept")
SOFTWARE_AGENT = _p(PROV, "SoftwareAgent")
# Properties
IDENTIFIER, CREATED, TITLE = _p(DCT, "identifier"), _p(DCT, "created"), _p(DCT, "title")
SUBJECT, REFERENCES, HAS_PART = _p(DCT, "subject"), _p(DCT, "references"), _p(DCT, "hasPart")
ACCESS_RIGHTS, ABSTRACT = _p(DCT, "accessRights"), _p(DCT, "abstract")
SENDER, TO, CC, TEXT = (
    _p(SDO, "sender"),
    _p(SDO, "toRecipient"),
    _p(SDO, "ccRecipient"),
    _p(SDO, "text"),
)
SOFTWARE_VERSION, POSITION_IN = _p(SDO, "softwareVersion"), _p(SDO, "position")
NAME, FOCUS, PRIMARY_TOPIC = _p(FOAF, "name"), _p(FOAF, "focus"), _p(FOAF, "primaryTopic")
HOLDS, POST_IN, MEMBER_OF = _p(ORG, "holds"), _p(ORG, "postIn"), _p(ORG, "memberOf")
NOTATION, IN_SCHEME = _p(SKOS, "notation"), _p(SKOS, "inScheme")
LABEL = _p(RDFS, "label")
DERIVED_FROM, GENERATED_AT = _p(PROV, "wasDerivedFrom"), _p(PROV, "generatedAtTime")
ATTRIBUTED_TO = _p(PROV, "wasAttributedTo")
ORIGIN, PRECEDENCE, CAVEAT = _ckg("origin"), _ckg("precedence"), _ckg("caveat")
SECTION_NUMBER, SECTION_COUNT = _ckg("sectionNumber"), _ckg("sectionCount")
HAS_REFERENCE, REFERENCE_LABEL, TARGET = (
    _ckg("hasReference"),
    _ckg("referenceLabel"),
    _ckg("target"),
)
CLASSIFIED_BY, CLASSIFIER_TITLE = _ckg("classifiedBy"), _ckg("classifierTitle")
REASON = _ckg("classificationReason")
DECL_ORDER, DECLASSIFY_ON = _ckg("declassificationOrder"), _ckg("declassifyOn")
DECL_INSTRUCTION = _ckg("declassificationInstruction")
SIGNATURE, OFFICIAL, MENTIONS_AGENCY = _ckg("signature"), _ckg("official"), _ckg("agency")
PARAGRAPH_NUMBER, PORTION_MARKING = _ckg("paragraphNumber"), _ckg("portionMarking")
STATION_CODE, PLA, ROUTING = (
    _ckg("stationCode"),
    _ckg("plainLanguageAddress"),
    _ckg("routingIndicator"),
)
ACRONYM, REPAIR = _ckg("acronym"), _ckg("repair")
SOURCE_FORMAT, SOURCE_PATH, SOURCE_ROW = _ckg("sourceFormat"), _ckg("sourcePath"), _ckg("sourceRow")
SHA256 = _ckg("sha256")

# Plain-language address prefixes that say what kind of post sent a cable.
_POST_KINDS = (
    (("AMEMBASSY", "AMEMB ", "USEMBASSY"), "Embassy"),
    (("AMCONSUL", "AMCONGEN", "AMCONSULATE"), "Consulate"),
    (("USMISSION", "US MISSION", "USUN", "USEU", "USNATO", "USDEL", "USOSCE", "USLO"), "Mission"),
    (("SECSTATE", "DEPT OF STATE"), "Department"),
)


def post_kind(origin: str | None, station: str | None) -> str | None:
    """Embassy, Consulate, Mission or Department, read from the FM line's address."""
    if station == "STATE":
        return "Department"
    address = (origin or "").upper()
    for prefixes, kind in _POST_KINDS:
        if address.startswith(prefixes):
            return kind
    return None


def generation_time() -> str:
    """Now, or `SOURCE_DATE_EPOCH` when set, so rebuilds can be byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class CableTriples:
    """One mapped cable: its named graph, the descriptions of the entities it names (for the
    entities graph) and the metadata graph's triples about it."""

    cable_id: str | None
    graph: str
    metadata_graph: str
    entities_graph: str
    cable: str
    triples: list[Triple]
    descriptions: list[Triple]
    metadata: list[Triple]

    def quads(self) -> Iterator[tuple[str, str, str, str]]:
        for s, p, o in self.triples:
            yield s, p, o, self.graph
        for s, p, o in self.descriptions:
            yield s, p, o, self.entities_graph
        for s, p, o in self.metadata:
            yield s, p, o, self.metadata_graph

    def __len__(self) -> int:
        return len(self.triples) + len(self.descriptions) + len(self.metadata)

    def nquads(self, descriptions: list[Triple] | None = None) -> str:
        """The cable's quads; with `descriptions` (those an output has not written yet, see
        `Described`), only those go to the entities graph."""
        entities = self.descriptions if descriptions is None else descriptions
        return (
            nquad_lines(self.triples, self.graph)
            + nquad_lines(entities, self.entities_graph)
            + nquad_lines(self.metadata, self.metadata_graph)
        )

    def ntriples(self, with_metadata: bool = True) -> str:
        """The cable's triples with its descriptions (and its metadata): what is validated."""
        rows = self.triples + self.descriptions
        if with_metadata:
            rows += self.metadata
        return "".join([f"{s} {p} {o} .\n" for s, p, o in rows])


def nquad_lines(triples: Iterable[Triple], graph: str) -> str:
    """`triples` (terms in N-Triples syntax) as N-Quads lines in `graph`."""
    end = f" {graph} .\n"
    return "".join([f"{s} {p} {o}{end}" for s, p, o in triples])


class Described:
    """The entity descriptions an output has written, so that it writes each one once.

    Remembers at most `limit` of them (as hashes) and then starts afresh: a description written
    twice costs a line, never a fact, since an RDF graph is a set."""

    __slots__ = ("limit", "seen")

    def __init__(self, limit: int = 1 << 19) -> None:
        self.limit = limit
        self.seen: set[int] = set()

    def new(self, triples: list[Triple]) -> list[Triple]:
        seen = self.seen
        if len(seen) > self.limit:
            seen.clear()
        fresh = []
        for triple in triples:
            key = hash(triple)
            if key not in seen:
                seen.add(key)
                fresh.append(triple)
        return fresh


class Mapper:
    """Maps cables for one deployment: a base IRI, a software version, a generation time."""

    def __init__(
        self, base: str = DEFAULT_BASE, version: str | None = None, generated: str | None = None
    ) -> None:
        from cablekg import __version__

        self.iris = Iris(base)
        self.version = version or __version__
        self.generated = t.typed(generated or generation_time(), t.XSD_DATETIME)
        self.software = t.iri(self.iris.software(self.version))
        self.metadata_graph = t.iri(self.iris.metadata_graph())
        self.entities_graph = t.iri(self.iris.entities_graph())

    def agent_triples(self) -> list[Triple]:
        """The description of this software, written once per output into the metadata graph."""
        return [
            (self.software, A, SOFTWARE_AGENT),
            (self.software, LABEL, t.literal(f"cablekg {self.version}")),
            (self.software, SOFTWARE_VERSION, t.literal(self.version)),
        ]

    def map(self, cable: Cable) -> CableTriples:
        iris = self.iris
        source = cable.source
        fallback = source.sha256 or f"{source.path}#{source.row}"
        key = cable_key(cable.id, fallback)
        c = t.iri(iris.cable(key))
        out: list[Triple] = [(c, A, CABLE)]
        described: list[Triple] = []
        add = out.append
        lit = t.literal

        if cable.id:
            add((c, IDENTIFIER, lit(cable.id)))
        if cable.date:
            add((c, CREATED, _datetime(cable.date)))
        if cable.origin:
            add((c, ORIGIN, lit(cable.origin)))
        post = None
        if cable.station:
            post = t.iri(iris.post(cable.station))
            add((c, SENDER, post))
            self._post(described, post, cable.station, cable.origin)
        if cable.precedence:
            add((c, PRECEDENCE, t.iri(vocab_iri("precedence", cable.precedence))))
        if cable.classification:
            add((c, ACCESS_RIGHTS, t.iri(vocab_iri("classification", cable.classification))))
        for caveat in dict.fromkeys(cable.caveats):
            add((c, CAVEAT, self._concept(described, "caveat", caveat)))
        if cable.section:
            add((c, SECTION_NUMBER, t.integer(cable.section.number)))
            add((c, SECTION_COUNT, t.integer(cable.section.of)))
        self._addressees(out, described, c, TO, cable.recipients)
        self._addressees(out, described, c, CC, cable.info_recipients)
        for code in dict.fromkeys(cable.tags):
            tag = t.iri(tag_iri(code))
            add((c, SUBJECT, tag))
            described.append((tag, A, CONCEPT))
            described.append((tag, NOTATION, lit(code)))
            described.append((tag, IN_SCHEME, t.iri(tag_scheme_iri(tag_kind(code)))))
        if cable.subject:
            add((c, TITLE, lit(cable.subject)))
        self._references(out, described, c, key, cable)
        self._classification(out, described, c, cable, post)
        self._paragraphs(out, c, key, cable)
        if cable.summary:
            add((c, ABSTRACT, lit(cable.summary)))
        for signer in dict.fromkeys(cable.signers):
            add((c, SIGNATURE, lit(signer)))
        self._mentions(out, described, c, cable)
        graph = t.iri(iris.graph(key))
        return CableTriples(
            cable.id,
            graph,
            self.metadata_graph,
            self.entities_graph,
            c,
            _unique(out),
            _unique(described),
            self._metadata(graph, c, cable),
        )

    def _concept(self, described: list[Triple], kind: str, code: str) -> str:
        """A concept of a controlled list; one the ontology does not list (REL TO USA, GBR)
        is described with the cable, so every concept in the data is declared."""
        concept = t.iri(vocab_iri(kind, code))
        if concept[1:-1] not in controlled_concepts():
            described.append((concept, A, CONCEPT))
            described.append((concept, NOTATION, t.literal(code)))
            described.append((concept, IN_SCHEME, t.iri(scheme_iri(kind))))
        return concept

    def _post(self, described: list[Triple], post: str, station: str, origin: str | None) -> None:
        described.append((post, A, DIPLOMATIC_POST))
        kind = post_kind(origin, station)
        if kind:
            described.append((post, A, _ckg(kind)))
        described.append((post, STATION_CODE, t.literal(station)))
        if origin:
            described.append((post, PLA, t.literal(origin)))

    def _addressees(
        self, out: list[Triple], described: list[Triple], c: str, role: str, addressees: tuple
    ) -> None:
        for addressee in addressees:
            address = t.iri(self.iris.address(addressee.name))
            out.append((c, role, address))
            described.append((address, A, ADDRESS))
            described.append((address, PLA, t.literal(addressee.name)))
            if addressee.route:
                described.append((address, ROUTING, t.literal(addressee.route)))

    def _references(
        self, out: list[Triple], described: list[Triple], c: str, key: str, cable: Cable
    ) -> None:
        labels = [r.label for r in cable.references]
        for index, reference in enumerate(cable.references, 1):
            label = reference.label
            local_key = f"r{index}"
            if label and labels.count(label) == 1 and re.fullmatch(r"[A-Za-z0-9]+", label):
                local_key = label  # a label that is unique in the cable and plain names it
            r = t.iri(self.iris.reference(key, local_key))
            out.append((c, HAS_REFERENCE, r))
            out.append((r, A, REFERENCE))
            if label:
                out.append((r, REFERENCE_LABEL, t.literal(label)))
            out.append((r, TEXT, t.literal(reference.text)))
            if reference.id:
                target = t.iri(self.iris.cable(cable_key(reference.id, "")))
                out.append((r, TARGET, target))
                out.append((c, REFERENCES, target))
                if target != c:  # a stub, so the citation graph is whole
                    described.append((target, A, CABLE))
                    described.append((target, IDENTIFIER, t.literal(reference.id)))

    def _classification(
        self, out: list[Triple], described: list[Triple], c: str, cable: Cable, post: str | None
    ) -> None:
        by = cable.classified_by
        if by is not None:
            if by.title:
                out.append((c, CLASSIFIER_TITLE, t.literal(by.title)))
            if by.name:
                person = self._person(out, described, by.name)
                out.append((c, CLASSIFIED_BY, person))
                if by.title:  # the classifying officer serves at the sending post
                    organization_key = post and _local(post[1:-1])
                    self._position(out, described, person, by.title, organization_key, post)
            for reason in dict.fromkeys(by.reasons):
                out.append((c, REASON, self._concept(described, "reason", reason)))
        decl = cable.declassification
        if decl is not None:
            if decl.order:
                out.append((c, DECL_ORDER, t.literal(decl.order)))
            if decl.date:
                out.append((c, DECLASSIFY_ON, _date(decl.date)))
            if decl.instruction:
                out.append((c, DECL_INSTRUCTION, t.literal(decl.instruction)))

    def _paragraphs(self, out: list[Triple], c: str, key: str, cable: Cable) -> None:
        numbers = [p.number for p in cable.paragraphs]
        for index, paragraph in enumerate(cable.paragraphs, 1):
            number = paragraph.number
            unique = number is not None and numbers.count(number) == 1
            p = t.iri(self.iris.paragraph(key, str(number) if unique else f"p{index}"))
            out.append((c, HAS_PART, p))
            # A numbered paragraph (¶1.) or unnumbered text between them (headings, quotes).
            out.append((p, A, PARAGRAPH if number is not None else TEXT_BLOCK))
            out.append((p, POSITION_IN, t.integer(index)))
            if number is not None:
                out.append((p, PARAGRAPH_NUMBER, t.integer(number)))
            if paragraph.marking:
                out.append((p, PORTION_MARKING, t.literal(paragraph.marking)))
            out.append((p, TEXT, t.literal(paragraph.text)))

    def _mentions(self, out: list[Triple], described: list[Triple], c: str, cable: Cable) -> None:
        for official in cable.officials:
            person = self._person(out, described, official.name)
            out.append((c, OFFICIAL, person))
            organization = None
            if official.organization:
                organization = self._agency(out, described, official.organization)
            if official.title:
                org_key = organization and _local(organization[1:-1])
                self._position(out, described, person, official.title, org_key, organization)
            elif organization:
                out.append((person, MEMBER_OF, organization))
        for agency in cable.agencies:
            a = self._agency(out, described, agency.name)
            out.append((c, MENTIONS_AGENCY, a))
            if agency.acronym:
                described.append((a, ACRONYM, t.literal(agency.acronym)))

    def _person(self, out: list[Triple], described: list[Triple], name: str) -> str:
        """A person, named as this cable spells the name (the IRI folds case and accents)."""
        person = t.iri(self.iris.person(name))
        out.append((person, NAME, t.literal(name)))
        described.append((person, A, PERSON))
        return person

    def _agency(self, out: list[Triple], described: list[Triple], name: str) -> str:
        agency = t.iri(self.iris.agency(name))
        out.append((agency, NAME, t.literal(name)))
        described.append((agency, A, AGENCY))
        return agency

    def _position(
        self,
        out: list[Triple],
        described: list[Triple],
        person: str,
        title: str,
        organization_key: str | None,
        organization: str | None,
    ) -> None:
        """The person holds the position, with the title as the cable gives it; its type and
        organisation describe it."""
        position = t.iri(self.iris.position(organization_key, title))
        out.append((person, HOLDS, position))
        out.append((position, LABEL, t.literal(title)))
        described.append((position, A, POSITION))
        if organization:
            described.append((position, POST_IN, organization))

    def _metadata(self, graph: str, c: str, cable: Cable) -> list[Triple]:
        source = cable.source
        s = t.iri(self.iris.source(source.sha256 or _local(graph[1:-1])))
        meta = [
            (graph, A, CABLE_GRAPH),
            (graph, PRIMARY_TOPIC, c),
            (graph, DERIVED_FROM, s),
            (graph, GENERATED_AT, self.generated),
            (graph, ATTRIBUTED_TO, self.software),
        ]
        meta.extend((graph, REPAIR, t.literal(repair)) for repair in cable.repairs)
        meta.append((s, A, SOURCE_RECORD))
        meta.append((s, SOURCE_FORMAT, t.literal(source.format)))
        if source.path:
            meta.append((s, SOURCE_PATH, t.literal(source.path)))
        if source.row is not None:
            meta.append((s, SOURCE_ROW, t.integer(source.row)))
        if source.sha256:
            meta.append((s, SHA256, t.literal(source.sha256)))
        return meta


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _datetime(value: str) -> str:
    """An xsd:dateTime when the value is ISO 8601, else a plain string (which SHACL reports)."""
    if _ISO_DATETIME.fullmatch(value):
        return t.typed(value, t.XSD_DATETIME)
    return t.literal(value)


def _date(value: str) -> str:
    if _ISO_DATE.fullmatch(value):
        return t.typed(value, t.XSD_DATE)
    return t.literal(value)


def _unique(triples: list[Triple]) -> list[Triple]:
    return list(dict.fromkeys(triples))
