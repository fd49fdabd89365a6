"""The word lists entity extraction relies on, read once from `data/entities/` and `data/vocab/`.

Everything is keyed in lower case: cables write the same word as `Minister`, `MINISTER` or
`minister`, and the lists answer "what kind of word is this" whatever the case.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from typing import Final

from cablekg.resources import data_path

_NOTE: Final = re.compile(r"\s*\(.*?\)")  # a note in brackets in a tag's meaning


@dataclass(frozen=True)
class Lexicon:
    titles: frozenset[str]  # position heads, multi-word ones included ("prime minister")
    title_abbreviations: dict[str, str]  # upper-cased abbreviation -> title ("FM" -> ...)
    title_words: frozenset[str]  # every word of a title, modifier or rank
    modifiers: frozenset[str]
    ranks: frozenset[str]
    honorifics: frozenset[str]
    particles: frozenset[str]  # "bin", "al", "de la" parts written apart
    joined_particles: frozenset[str]  # "al-", "as-": written joined to the next word
    portfolios: frozenset[str]
    org_modifiers: frozenset[str]
    org_first: frozenset[str]  # heads taking a complement: "Ministry of ..."
    org_last: frozenset[str]  # heads ending a name: "... Police"
    org_lead: frozenset[str]  # heads taking a complement with no connector: "Banco Macro"
    org_heads: tuple[tuple[str, str], ...]  # (head as spelled, first|last|both)
    nationalities: frozenset[str]
    places: frozenset[str]  # lower-cased, multi-word ones included
    cities: frozenset[str]  # lower-cased one-word names of cities: a lone one is no person
    place_words: frozenset[str]  # single words of places
    complement_words: frozenset[str]  # words continuing a body's name in capitals ("ENGLAND")
    common: frozenset[str]
    dictionary: frozenset[str]  # other English words: in upper case, names only after a title
    capitalised: frozenset[str]  # English words cables mostly capitalise, as names ("Rice")
    given: frozenset[str]
    surnames: frozenset[str]  # known surnames that are no English word: a person even untitled
    acronyms: dict[str, str]  # organisation acronym -> full name
    # acronyms known only as the meaning of an organisation TAG: in the text, the organisation
    # only when the cable carries the TAG ("PSI" is more often the Proliferation Security
    # Initiative than the Italian Socialist Party, "DC" the District of Columbia)
    tag_only: frozenset[str]
    # acronyms the developer corpus defines for an organisation: name, countries (FIPS TAGS)
    attested: dict[str, tuple[str, frozenset[str]]]
    org_tags: frozenset[str]  # organisation TAGS
    countries: dict[str, str]  # FIPS code (geographic TAG) -> country name
    tag_codes: frozenset[str]  # the TAGS of subjects, programmes and organisations ("ETRD")
    known_acronyms: frozenset[str]  # the general acronym list of the shared vocabulary
    ambiguous_acronyms: frozenset[str]  # also English words: in upper case only when defined
    organisations: dict[str, str]  # lower-cased known organisation name -> name as spelled
    known_names: frozenset[str]  # lower-cased: the organisations and the acronyms spelled out
    organisation_starts: dict[str, tuple[int, ...]]  # first words: name lengths
    not_names: frozenset[str]  # capitalised words that never name a person
    not_org_heads: frozenset[str]  # last words of defined names that are no organisations
    function_words: frozenset[str]
    office_noise: frozenset[str]
    signature_noise: frozenset[str]
    state_offices: frozenset[str]
    not_agencies: frozenset[str]
    place_prefixes: frozenset[str]
    triggers: frozenset[str]  # words that can end a title, rank or honorific before a name


def _lines(*parts: str) -> list[str]:
    text = data_path(*parts).read_text(encoding="utf-8")
    return [s for s in (x.strip() for x in text.splitlines()) if s and not s.startswith("#")]


def _tag_meanings() -> dict[str, str]:
    """Organisation TAGS and their meanings, cleaned to a usable name ("- UN Security Council")."""
    orgs = set(_lines("vocab", "organization-tags.txt"))
    meanings: dict[str, str] = {}
    path = data_path("vocab", "whoiskieran__Neo4jWikiLeaks__tag_nodes.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) < 2 or row[0] not in orgs:
                continue
            meaning = row[1].removeprefix("- ").split(";")[0]
            meaning = _NOTE.sub("", meaning).strip()
            if meaning and meaning != row[0] and re.fullmatch(r"[A-Z][A-Z0-9&/.\-]+", row[0]):
                meanings[row[0]] = meaning
    return meanings


def _tag_codes() -> frozenset[str]:
    with data_path("tags.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return frozenset(r["code"] for r in rows if r["kind"] not in ("person", "geographic"))


def _countries() -> dict[str, str]:
    path = data_path("vocab", "datasets__country-codes__country-codes.csv")
    names: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            fips = (row.get("FIPS") or "").strip()
            name = row.get("CLDR display name") or row.get("UNTERM English Short") or ""
            if fips and name:
                names[fips] = name.strip()
    return names


def _starts(names: dict[str, str]) -> dict[str, tuple[int, ...]]:
    """The first words of names (lower-cased), each with the word counts of the names it starts,
    longest first: "bank" -> (2,) for "Bank Melli" and "Bank Mellat"."""
    lengths: dict[str, set[int]] = {}
    for name in names:
        words = name.split()
        lengths.setdefault(words[0], set()).add(len(words))
    return {word: tuple(sorted(sizes, reverse=True)) for word, sizes in lengths.items()}


def _attested() -> dict[str, tuple[str, frozenset[str]]]:
    table = {}
    for line in _lines("entities", "attested_acronyms.txt"):
        acronym, name, countries = line.split("\t")
        table[acronym] = (name, frozenset(countries.split()))
    return table


_BUILT: Final[list[Lexicon]] = []


def lexicon() -> Lexicon:
    """The shared, read-only lexicon (built on first use, a few milliseconds). Kept in a list,
    not an `lru_cache`: compiled, its callers (hundreds a cable) then call it directly."""
    if not _BUILT:
        _BUILT.append(_build())
    return _BUILT[0]


def _build() -> Lexicon:
    titles = [t for t in _lines("entities", "titles.txt")]
    modifiers = _lines("entities", "title_modifiers.txt")
    ranks = _lines("entities", "ranks.txt")
    particles = _lines("entities", "particles.txt")
    heads = [line.split("\t") for line in _lines("entities", "org_heads.txt")]
    places = _lines("entities", "places.txt")
    acronyms = _tag_meanings()
    curated = dict(line.split("\t", 1) for line in _lines("entities", "agency_acronyms.tsv"))
    acronyms.update(curated)
    countries = _countries()
    for acronym, name in acronyms.items():  # names spelled out: "UN Security Council"
        if name.startswith("UN "):
            acronyms[acronym] = "United Nations " + name[3:]
    organisations = {name.lower(): name for name in _lines("entities", "organisations.txt")}
    honorifics = {h.lower() for h in _lines("entities", "honorifics.txt")}
    title_words = {w.lower() for t in titles + modifiers + ranks for w in t.split()}
    lower_titles = {t.lower() for t in titles + ranks}
    given = {g.lower() for g in _lines("entities", "given_names.txt")}
    dictionary = frozenset(_lines("entities", "dictionary_words.txt"))
    nationalities = {n.lower() for n in _lines("entities", "nationalities.txt")}
    return Lexicon(
        titles=frozenset(lower_titles),
        title_abbreviations={
            short.upper(): long_
            for short, long_ in (
                line.split("\t") for line in _lines("entities", "title_abbreviations.tsv")
            )
        },
        title_words=frozenset(title_words),
        modifiers=frozenset(m.lower() for m in modifiers),
        ranks=frozenset(r.lower() for r in ranks),
        honorifics=frozenset(honorifics),
        particles=frozenset(p.lower() for p in particles if not p.endswith("-")),
        joined_particles=frozenset(p.lower() for p in particles if p.endswith("-")),
        portfolios=frozenset(p.lower() for p in _lines("entities", "portfolios.txt")),
        org_modifiers=frozenset(m.lower() for m in _lines("entities", "org_modifiers.txt")),
        org_first=frozenset(h.lower() for h, kind in heads if kind in ("first", "both", "lead")),
        org_last=frozenset(h.lower() for h, kind in heads if kind in ("last", "both")),
        org_lead=frozenset(h for h, kind in heads if kind == "lead"),
        org_heads=tuple((h, kind) for h, kind in heads),
        nationalities=frozenset(nationalities),
        places=frozenset(p.lower() for p in places),
        cities=frozenset(c.lower() for c in _lines("entities", "cities.txt")),
        place_words=frozenset(p.lower() for p in places if " " not in p),
        complement_words=frozenset(_lines("entities", "complement_words.txt")),
        common=frozenset(_lines("entities", "common_words.txt")),
        dictionary=dictionary,
        capitalised=frozenset(_lines("entities", "capitalised_words.txt")),
        given=frozenset(given - honorifics - lower_titles - nationalities),
        surnames=frozenset(
            w.lower()
            for name in ("surnames.txt", "public_figures.txt")
            for w in _lines("entities", name)
        )
        - dictionary,
        acronyms=acronyms,
        tag_only=frozenset(acronyms) - frozenset(curated),
        attested=_attested(),
        # a curated acronym used as a TAG names its organisation too ("LTTE", "UNHRC", "EU"),
        # unless the TAG is also a country's code
        org_tags=frozenset(_lines("vocab", "organization-tags.txt"))
        | {acronym for acronym in curated if acronym not in countries},
        countries=countries,
        tag_codes=_tag_codes(),
        known_acronyms=frozenset(_lines("vocab", "acronyms.txt")),
        ambiguous_acronyms=frozenset(_lines("entities", "ambiguous_acronyms.txt")),
        organisations=organisations,
        known_names=frozenset(organisations) | {n.lower() for n in acronyms.values()},
        organisation_starts=_starts(organisations),
        not_names=frozenset(w.lower() for w in _lines("entities", "not_names.txt")),
        not_org_heads=frozenset(
            w.lower() for w in _lines("entities", "not_organisation_heads.txt")
        ),
        function_words=frozenset(_lines("entities", "function_words.txt")),
        office_noise=frozenset(_lines("entities", "office_noise.txt")),
        signature_noise=frozenset(_lines("entities", "signature_noise.txt")),
        state_offices=frozenset(_lines("entities", "state_offices.txt")),
        not_agencies=frozenset(_lines("entities", "not_agencies.txt")),
        place_prefixes=frozenset(_lines("entities", "place_prefixes.txt")),
        triggers=frozenset(
            title_words
            | honorifics
            | {h.rstrip(".") for h in honorifics}
            | lower_titles
            | {p.lower() for p in _lines("entities", "portfolios.txt")}
            | {h.lower() for h, _ in heads}
        ),
    )
