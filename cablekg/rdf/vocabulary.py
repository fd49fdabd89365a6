"""The TAGS vocabulary: one SKOS concept scheme per kind of TAG, with labels.

TAGS (Traffic Analysis by Geography and Subject) index every cable. Five kinds, each its own
`skos:ConceptScheme` under `https://w3id.org/cablekg/vocab/tags/`:

- geographic: FIPS 10-4 country codes (MU is Oman, not Mauritius) and regions (XF Middle East);
  a country TAG has `foaf:focus` its country (`vocab/country/<ISO 3166 alpha-2>`);
- subject: four letters, field first (PREL political, ECON economic, ...);
- program: K + three letters (KCRM criminal activity);
- organization: acronyms of organisations (NATO, IAEA, UN);
- person: `SURNAME, FORENAME`.

`data/tags.tsv` (code, kind, label, other labels) is what the mapping reads at run time;
`data/tags.ttl` is the same vocabulary as SKOS for linked-data users. Both are built from the
sources in `data/vocab/` by `python -m cablekg.rdf.vocabulary`.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS

from cablekg.rdf.iris import TAG_KINDS, tag_iri, tag_scheme_iri
from cablekg.rdf.namespaces import CKG, PREFIXES, VOCAB
from cablekg.resources import data_path, ontology_path

_TWO_LETTERS = re.compile(r"[A-Z]{2}")
_PROGRAM = re.compile(r"K[A-Z]{3}")
_SUBJECT = re.compile(r"[ABCEMOPST][A-Z]{3}")
_JUNK = re.compile(r"[0-9]+Z?|[0-9]{6}Z|-- N/A or Blank --")

SCHEME_LABELS = {
    "geographic": "Geographic TAGS (FIPS 10-4 countries and regions)",
    "subject": "Subject TAGS",
    "program": "Program TAGS (K...)",
    "organization": "Organization TAGS",
    "person": "Person TAGS",
}


@cache
def known_tags() -> dict[str, tuple[str, str]]:
    """code -> (kind, label) for every TAG of the shipped vocabulary."""
    with data_path("tags.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        next(rows)
        return {row[0]: (row[1], row[2]) for row in rows}


def tag_kind(code: str) -> str:
    """The scheme of a TAG: from the vocabulary when known, else from the shape of the code."""
    known = known_tags().get(code)
    if known:
        return known[0]
    return guess_kind(code)


def guess_kind(code: str, organizations: frozenset[str] = frozenset()) -> str:
    if "," in code:
        return "person"
    if code in organizations:
        return "organization"
    if _TWO_LETTERS.fullmatch(code):
        return "geographic"
    if _PROGRAM.fullmatch(code):
        return "program"
    if _SUBJECT.fullmatch(code):
        return "subject"
    return "organization"


@cache
def controlled_concepts() -> frozenset[str]:
    """IRIs of the concepts the ontology lists (classifications, precedences, caveats, reasons)."""
    triples = ox.parse(path=str(ontology_path("cablekg.ttl")), format=ox.RdfFormat.TURTLE)
    in_scheme = ox.NamedNode(str(SKOS.inScheme))
    return frozenset(t.subject.value for t in triples if t.predicate == in_scheme)


def country_iri(iso_code: str) -> str:
    return f"{VOCAB}country/{iso_code}"


# ---- building data/tags.tsv and data/tags.ttl from data/vocab/ ----------------------------


def _read_lines(path: Path) -> frozenset[str]:
    return frozenset(line.strip() for line in path.read_text().splitlines() if line.strip())


def _plusd(path: Path) -> dict[str, str]:
    """PlusD meanings; entries whose meaning only repeats the code carry no label."""
    meanings = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for code, meaning, *_ in csv.reader(handle, escapechar="\\"):
            meaning = meaning.removeprefix("- ").replace("''", "'").strip()
            code = code.replace("''", "'").strip()
            if code and not _JUNK.fullmatch(code):
                meanings[code] = "" if meaning == code else meaning
    return meanings


def _titles(path: Path, column: str) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["tag"]: row[column] for row in csv.DictReader(handle) if row["tag"]}


def _countries(path: Path) -> dict[str, tuple[str, str]]:
    """FIPS 10-4 code -> (ISO 3166-1 alpha-2, English short name)."""
    countries = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            fips, iso = row["FIPS"].strip(), row["ISO3166-1-Alpha-2"].strip()
            if fips and iso:
                countries[fips] = (iso, row["CLDR display name"].strip() or row["official_name_en"])
    return countries


def build_rows(vocab: Path) -> list[tuple[str, str, str, str]]:
    """(code, kind, label, other labels joined by ' | ') for every TAG worth shipping.

    A TAG is shipped when an official list names it (subject, organisation, NARA, 1974
    handbook, FIPS) or PlusD gives it a meaning; codes PlusD only repeats (run-together or
    OCR-damaged codes such as VTPREL) are left out.
    """
    plusd = _plusd(vocab / "whoiskieran__Neo4jWikiLeaks__tag_nodes.csv")
    nara = _titles(vocab / "nara_cfpf_subject_tags_1973_1979.csv", "title")
    handbook = _titles(vocab / "tags_1974_handbook_subject_tags.csv", "title_1974")
    subjects = _read_lines(vocab / "subject-tags.txt") | set(nara) | set(handbook)
    organizations = _read_lines(vocab / "organization-tags.txt")
    countries = _countries(vocab / "datasets__country-codes__country-codes.csv")
    named = {c for c, m in plusd.items() if m or "," in c}
    codes = set(subjects) | organizations | set(countries) | named
    rows = []
    for code in sorted(codes):
        kind = "subject" if code in subjects else guess_kind(code, organizations)
        names = [plusd.get(code, ""), nara.get(code, ""), handbook.get(code, "")]
        if code in countries and kind == "geographic":
            names.append(countries[code][1])
        names = list(dict.fromkeys(n for n in names if n))
        label = names[0] if names else code
        rows.append((code, kind, label, " | ".join(names[1:])))
    return rows


def build_graph(rows: list[tuple[str, str, str, str]], vocab: Path) -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for kind in TAG_KINDS:
        scheme = URIRef(tag_scheme_iri(kind))
        graph.add((scheme, RDF.type, SKOS.ConceptScheme))
        graph.add((scheme, SKOS.prefLabel, Literal(SCHEME_LABELS[kind], lang="en")))
        graph.add((scheme, DCTERMS.source, Literal("data/vocab in the cablekg project")))
    countries = _countries(vocab / "datasets__country-codes__country-codes.csv")
    for code, kind, label, others in rows:
        concept = URIRef(tag_iri(code))
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.notation, Literal(code)))
        graph.add((concept, SKOS.inScheme, URIRef(tag_scheme_iri(kind))))
        graph.add((concept, SKOS.prefLabel, Literal(label, lang="en")))
        for other in filter(None, others.split(" | ")):
            graph.add((concept, SKOS.altLabel, Literal(other, lang="en")))
        if kind == "geographic" and code in countries:
            iso, name = countries[code]
            country = URIRef(country_iri(iso))
            graph.add((concept, FOAF.focus, country))
            graph.add((country, RDF.type, CKG.Country))
            graph.add((country, RDFS.label, Literal(name, lang="en")))
            graph.add((country, CKG.isoCode, Literal(iso)))
            graph.add((country, CKG.fipsCode, Literal(code)))
    return graph


def build(root: Path) -> None:
    """Regenerate `tags.tsv` and `tags.ttl` in `root` (the project's `data/`)."""
    vocab = root / "vocab"
    rows = build_rows(vocab)
    with (root / "tags.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(("code", "kind", "label", "other_labels"))
        writer.writerows(rows)
    build_graph(rows, vocab).serialize(root / "tags.ttl", format="turtle")


if __name__ == "__main__":
    build(data_path())
