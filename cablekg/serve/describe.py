"""What a resource page shows: a resource's triples turned into labelled rows and lists.

Everything here is data for the templates; nothing is HTML. Every IRI becomes a `Link` that
carries its label, so no page shows a raw IRI where the graph has a label.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pyoxigraph as ox

from cablekg.serve import vocab
from cablekg.serve.dataset import Dataset, local_name, sparql_iri
from cablekg.serve.site import Site

# Shown in their own sections of a cable page rather than in its table of fields.
CABLE_SECTIONS = {
    vocab.HAS_PART,
    vocab.DCTERMS + "references",  # the same citations as the REF list, shown there
    vocab.HAS_REFERENCE,
    vocab.SUBJECT,
    vocab.OFFICIAL,
    vocab.AGENCY,
}
# Fields a reader looks for first, in this order; the others follow alphabetically.
FIRST_FIELDS = (
    vocab.IDENTIFIER,
    vocab.CREATED,
    vocab.SENDER,
    vocab.ONTOLOGY + "origin",
    vocab.CLASSIFICATION,
    vocab.ONTOLOGY + "precedence",
    vocab.ONTOLOGY + "caveat",
    vocab.TITLE,
)
# Inbound links a cable page shows elsewhere ("cited by", provenance) than as lists of links.
CITATIONS = {vocab.TARGET, vocab.DCTERMS + "references", vocab.PRIMARY_TOPIC}
# Resources whose graph is their own: the cable, its paragraphs and references.
OWN_GRAPH = {vocab.CABLE, vocab.PARAGRAPH, vocab.TEXT_BLOCK, vocab.REFERENCE}
INBOUND_PAGE = 20  # inbound links listed per property on a resource page
INBOUND_FULL_PAGE = 100  # per page when one property's inbound links are paged through


@dataclass(frozen=True, slots=True)
class Link:
    iri: str
    label: str
    href: str
    note: str | None = None  # what a code means, e.g. "Human Rights" for PHUM

    @property
    def labelled(self) -> bool:
        return self.label != self.iri


@dataclass(frozen=True, slots=True)
class Text:
    value: str
    datatype: str | None = None
    language: str | None = None


@dataclass(slots=True)
class Row:
    prop: Link
    values: list[Link | Text]


@dataclass(slots=True)
class Inbound:
    prop: Link
    count: int
    items: list[Link]
    years: list[tuple[str, int]] = field(default_factory=list)


@dataclass(slots=True)
class Paragraph:
    number: str | None
    marking: str | None
    text: str
    iri: str


@dataclass(slots=True)
class Citation:
    label: str | None
    text: str | None
    target: Link | None
    in_corpus: bool


@dataclass(slots=True)
class CableView:
    tags: list[Link]
    paragraphs: list[Paragraph]
    references: list[Citation]
    cited_by: list[Link]
    cited_by_count: int
    officials: list[Link]
    agencies: list[Link]


@dataclass(slots=True)
class Description:
    iri: str
    label: str
    types: list[Link]
    rows: list[Row]
    inbound: list[Inbound]
    provenance: list[Row]
    cable: CableView | None = None
    stub: bool = False  # known only as the object of links (a cited cable outside the corpus)


class Describer:
    """Builds `Description`s of resources of one dataset for one site."""

    def __init__(self, dataset: Dataset, site: Site, term_labels: dict[str, str]) -> None:
        self.data = dataset
        self.site = site
        self.term_labels = term_labels  # property names the pages use, over any in the store

    def links(self, iris: list[str]) -> dict[str, Link]:
        labels = {**self.data.labels(iris), **self.term_labels}
        described = {i for i in iris if next(self.data.quads_about(i), None) is not None}
        return {
            iri: Link(
                iri,
                labels.get(iri) or _readable(iri),
                self.site.href(iri, described=iri in described),
            )
            for iri in iris
        }

    def describe(self, iri: str, cited_page: int = 1) -> Description:
        quads = list(self.data.quads_about(iri))
        types = [q.object.value for q in quads if q.predicate.value == vocab.RDF_TYPE]
        is_cable = vocab.CABLE in types or self._cited(iri)
        iris = [iri, *types]
        for q in quads:
            iris.append(q.predicate.value)
            if isinstance(q.object, ox.NamedNode):
                iris.append(q.object.value)
        links = self.links(iris)
        skip = CABLE_SECTIONS if is_cable else set()
        rows = property_rows(quads, links, skip | {vocab.RDF_TYPE})
        description = Description(
            iri=iri,
            label=links[iri].label,
            types=[links[t] for t in dict.fromkeys(types)],
            rows=rows,
            inbound=self.inbound(iri, skip=CITATIONS if is_cable else set()),
            provenance=self.provenance(iri) if OWN_GRAPH & set(types) else [],
            stub=not self.data.in_corpus(iri) if is_cable else not quads,
        )
        if is_cable:
            description.cable = self.cable(iri, quads, links, cited_page)
        return description

    def _cited(self, iri: str) -> bool:
        return (
            next(
                self.data.store.quads_for_pattern(
                    None, ox.NamedNode(vocab.TARGET), ox.NamedNode(iri), None
                ),
                None,
            )
            is not None
        )

    def inbound(
        self, iri: str, skip: set[str] = frozenset(), only: str | None = None,
        page: int = 1, year: str | None = None,
    ) -> list[Inbound]:  # fmt: skip
        """Inbound links grouped by property: counts, cables by year, the first page of each."""
        counts = [(p, n) for p, n in self.data.incoming_counts(iri) if p not in skip]
        if only is not None:
            counts = [(p, n) for p, n in counts if p == only]
        size = INBOUND_FULL_PAGE if only else INBOUND_PAGE
        groups = []
        for prop, count in counts:
            subjects = self.data.incoming(iri, prop, (page - 1) * size, size, year)
            years = self.data.incoming_years(iri, prop)
            links = self.links([prop, *subjects])
            notes = self.cable_notes(subjects)
            items = [replace(links[s], note=notes.get(s)) for s in subjects]
            groups.append(Inbound(links[prop], count, items, years))
        return groups

    def cable_notes(self, iris: list[str]) -> dict[str, str]:
        """`07MUSCAT920 · 2007-09-29` for each cable among `iris`: what tells cables apart."""
        notes = {}
        for iri in iris:
            if vocab.CABLE not in self.data.has_types(iri):
                continue
            ids = self.data.values(iri, vocab.IDENTIFIER)
            dates = self.data.values(iri, vocab.CREATED)
            parts = [ids[0].value if ids else None, dates[0].value[:10] if dates else None]
            notes[iri] = " · ".join(p for p in parts if p)
        return notes

    def provenance(self, iri: str) -> list[Row]:
        """What the metadata graph says about the cable graph a resource belongs to: its
        source (PROV-O) and the repairs made while reading it.

        Only for what a cable graph is about (`OWN_GRAPH`: the cable, its paragraphs and
        references); a post or a person is stated in thousands of cable graphs.
        """
        node = sparql_iri(iri)
        rows = self.data.select(
            f"SELECT DISTINCT ?g ?p ?o WHERE {{ {{ ?g <{vocab.PRIMARY_TOPIC}> {node} }} UNION "
            f"{{ ?g <{vocab.PRIMARY_TOPIC}> ?c . ?c <{vocab.HAS_PART}>|<{vocab.HAS_REFERENCE}> "
            f"{node} }} ?g ?p ?o }}"
        )
        rows = [r for r in rows if r["p"].value != vocab.PRIMARY_TOPIC]
        sources = [r["o"].value for r in rows if isinstance(r["o"], ox.NamedNode)]
        quads = [q for s in dict.fromkeys(sources) for q in self.data.quads_about(s)]
        iris = [r["p"].value for r in rows] + sources
        iris += [q.predicate.value for q in quads]
        iris += [q.object.value for q in quads if isinstance(q.object, ox.NamedNode)]
        links = self.links(iris)
        graph_rows = [ox.Quad(r["g"], r["p"], r["o"]) for r in rows]
        return property_rows(graph_rows + quads, links, {vocab.RDF_TYPE})

    def cable(
        self, iri: str, quads: list[ox.Quad], links: dict[str, Link], cited_page: int = 1
    ) -> CableView:
        node = sparql_iri(iri)

        def objects(prop: str) -> list[str]:
            return list(
                dict.fromkeys(
                    q.object.value
                    for q in quads
                    if q.predicate.value == prop and isinstance(q.object, ox.NamedNode)
                )
            )

        tag_links = []
        for tag in objects(vocab.SUBJECT):
            codes = self.data.values(tag, vocab.NOTATION)
            meanings = self.data.values(tag, vocab.PREF_LABEL)
            code = codes[0].value if codes else local_name(tag)
            meaning = meanings[0].value if meanings else None
            tag_links.append(Link(tag, code, self.site.href(tag), meaning))
        tag_links.sort(key=lambda link: link.label)
        text_props = " ".join(sparql_iri(p) for p in vocab.TEXT)
        paragraphs = [
            Paragraph(
                r["n"].value if "n" in r else None,
                r["m"].value if "m" in r else None,
                r["t"].value if "t" in r else "",
                r["p"].value,
            )
            for r in self.data.select(
                f"SELECT ?p ?n ?m ?t WHERE {{ {node} <{vocab.HAS_PART}> ?p "
                f"OPTIONAL {{ ?p <{vocab.POSITION}> ?i }} "
                f"OPTIONAL {{ ?p <{vocab.PARAGRAPH_NUMBER}> ?n }} "
                f"OPTIONAL {{ ?p <{vocab.PORTION_MARKING}> ?m }} "
                f"OPTIONAL {{ VALUES ?tp {{ {text_props} }} ?p ?tp ?t }} }} ORDER BY ?i ?n ?p"
            )
        ]
        refs = self.data.select(
            f"SELECT ?r ?l ?x ?t ?known WHERE {{ {node} <{vocab.HAS_REFERENCE}> ?r "
            f"OPTIONAL {{ ?r <{vocab.REFERENCE_LABEL}> ?l }} "
            f"OPTIONAL {{ ?r <{vocab.TEXT[0]}> ?x }}"
            f" OPTIONAL {{ ?r <{vocab.TARGET}> ?t "
            f"BIND(EXISTS {{ ?g <{vocab.PRIMARY_TOPIC}> ?t }} AS ?known) }} }} ORDER BY ?l ?r"
        )
        target_links = self.links([r["t"].value for r in refs if "t" in r])
        references = [
            Citation(
                r["l"].value if "l" in r else None,
                r["x"].value if "x" in r else None,
                target_links[r["t"].value] if "t" in r else None,
                "known" in r and r["known"].value == "true",
            )
            for r in refs
        ]
        citing = self.data.select(
            f"SELECT DISTINCT ?c ?date WHERE {{ ?r <{vocab.TARGET}> {node} . "
            f"?c <{vocab.HAS_REFERENCE}> ?r OPTIONAL {{ ?c <{vocab.CREATED}> ?date }} }}"
            f" ORDER BY DESC(?date) ?c OFFSET {(cited_page - 1) * INBOUND_PAGE}"
            f" LIMIT {INBOUND_PAGE}"
        )
        count = self.data.select(
            f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?r <{vocab.TARGET}> {node} . "
            f"?c <{vocab.HAS_REFERENCE}> ?r }}"
        )
        citing_links = self.links([r["c"].value for r in citing])
        notes = self.cable_notes(list(citing_links))
        return CableView(
            tags=tag_links,
            paragraphs=paragraphs,
            references=references,
            cited_by=[
                replace(citing_links[r["c"].value], note=notes.get(r["c"].value)) for r in citing
            ],
            cited_by_count=int(count[0]["n"].value),
            officials=[links[o] for o in objects(vocab.OFFICIAL)],
            agencies=[links[o] for o in objects(vocab.AGENCY)],
        )


def property_rows(quads: list[ox.Quad], links: dict[str, Link], skip: set[str]) -> list[Row]:
    """One row per property, values in a stable order, duplicates (across graphs) dropped."""
    rows: dict[str, Row] = {}
    seen = set()
    for q in quads:
        prop = q.predicate.value
        if prop in skip or (prop, q.object) in seen:
            continue
        seen.add((prop, q.object))
        row = rows.setdefault(prop, Row(links.get(prop) or _plain_link(prop), []))
        obj = q.object
        if isinstance(obj, ox.NamedNode):
            row.values.append(links.get(obj.value) or _plain_link(obj.value))
        elif isinstance(obj, ox.Literal):
            row.values.append(Text(obj.value, obj.datatype.value, obj.language))
        else:
            row.values.append(Text(str(obj)))
    for row in rows.values():
        row.values.sort(key=lambda v: v.label if isinstance(v, Link) else v.value)
    first = {prop: i for i, prop in enumerate(FIRST_FIELDS)}
    return sorted(
        rows.values(), key=lambda r: (first.get(r.prop.iri, len(first)), r.prop.label.lower())
    )


def _plain_link(iri: str) -> Link:
    return Link(iri, _readable(iri), iri)


def _readable(iri: str) -> str:
    """A label made from the IRI's last segment: `hasReference` becomes `has reference`."""
    name = local_name(iri)
    spaced = "".join(f" {c.lower()}" if c.isupper() and i and name[i - 1].islower() else c
                     for i, c in enumerate(name))  # fmt: skip
    return spaced
