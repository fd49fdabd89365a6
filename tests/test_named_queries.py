"""Every named query answers real rows from the developer corpus.

The store is the build of the developer corpus. Each test checks a query's answer against the
cables: the same question computed independently in Python over the parsed cables, and values
read from the cables themselves (their REF lines, TAGS, file names).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from cablekg.model import Cable
from cablekg.rdf.iris import code_key, name_key
from tests.query_corpus import Corpus, corpus_once

CLASSIFIED = {"CONFIDENTIAL", "SECRET", "TOP SECRET"}
ISO_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")
ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


@pytest.fixture(scope="session")
def corpus(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return corpus_once(shared, tmp_path_factory)


@pytest.fixture(scope="session")
def with_officials(corpus: Corpus) -> Corpus:
    if not any(c.officials for c in corpus.cables.values()):
        pytest.skip("the entity extractor found no officials (not installed yet)")
    return corpus


def year(cable: Cable) -> int | None:
    """The year of the cable's date, when the date is an xsd:dateTime the store can read."""
    if cable.date and ISO_DATETIME.fullmatch(cable.date):
        return int(cable.date[:4])
    return None


def dated_ids(corpus: Corpus) -> set[str]:
    return {c.id for c in corpus.cables.values() if c.id and c.date}


def people(cable: Cable) -> dict[str, tuple[set[str], set[str], bool]]:
    """The cable's people as its graph holds them: by IRI key, (names, titles, is official).

    IRIs fold names and titles (`Col` and `Col.` are one position), so a person's titles are
    all the labels the cable gives the positions they hold.
    """
    names: dict[str, set[str]] = defaultdict(set)
    holds: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    officials: set[str] = set()

    def add(name: str, title: str | None, organisation: str | None) -> str:
        names[name_key(name)].add(name)
        if title:
            position = f"{organisation}--{name_key(title)}" if organisation else name_key(title)
            holds[name_key(name)].add(position)
            labels[position].add(title)
        return name_key(name)

    for o in cable.officials:
        officials.add(add(o.name, o.title, o.organization and name_key(o.organization)))
    by = cable.classified_by
    if by is not None and by.name:
        add(by.name, by.title, cable.station)
    return {
        key: (names[key], {t for p in holds[key] for t in labels[p]}, key in officials)
        for key in names
    }


def naming(corpus: Corpus, name: str) -> list[Cable]:
    """Cables whose officials include the person named `name` (an IRI is a folded name)."""
    key = name_key(name)
    return [
        c
        for c in corpus.cables.values()
        if key in people(c) and people(c)[key][2] and name in people(c)[key][0]
    ]


# ---- citations ----------------------------------------------------------------------------


def citation_edges(corpus: Corpus, centre: str, depth: int) -> set[tuple[str, str, str, int]]:
    """The citation network of `centre` by breadth-first search over the parsed references."""
    cites: dict[str, set[str]] = defaultdict(set)
    cited_by: dict[str, set[str]] = defaultdict(set)
    for cable in corpus.cables.values():
        for reference in cable.references:
            if reference.id and cable.id:
                cites[cable.id].add(reference.id)
                cited_by[reference.id].add(cable.id)
    edges: dict[tuple[str, str, str], int] = {}
    for direction, graph in (("cites", cites), ("cited-by", cited_by)):
        frontier, seen = {centre}, {centre}
        for level in range(1, depth + 1):
            following = set()
            for node in frontier:
                for other in graph[node]:
                    edge = (node, other) if direction == "cites" else (other, node)
                    edges.setdefault((direction, *edge), level)
                    following.add(other)
            frontier = following - seen
            seen |= following
    return {(d, a, b, level) for (d, a, b), level in edges.items()}


@pytest.mark.parametrize("depth", [1, 2, 4])
def test_citation_network_matches_a_search_over_the_references(corpus: Corpus, depth: int):
    rows = corpus.answer("citation-network", cable="09TRIPOLI273", depth=depth)
    found = {(r["direction"], r["from_id"], r["to_id"], int(r["level"])) for r in rows}
    assert found == citation_edges(corpus, "09TRIPOLI273", depth)
    dated = dated_ids(corpus)
    for row in rows:
        far = row["to_id"] if row["direction"] == "cites" else row["from_id"]
        assert (row["in_corpus"] == "yes") == (far in dated)


def test_citation_network_reads_the_ref_lines(corpus: Corpus):
    rows = corpus.answer("citation-network", cable="09TRIPOLI273", depth=2)
    found = {(r["direction"], r["from_id"], r["to_id"], r["level"], r["in_corpus"]) for r in rows}
    # 09TRIPOLI273's REF: A. ROME 205 B. TRIPOLI 212 C. VALLETTA 143; 09TRIPOLI637 cites it
    # (its REF C); 09TRIPOLI212 cites 08TRIPOLI896, which is in the corpus.
    assert ("cites", "09TRIPOLI273", "09TRIPOLI212", "1", "yes") in found
    assert ("cites", "09TRIPOLI273", "09ROME205", "1", "no") in found
    assert ("cites", "09TRIPOLI273", "09VALLETTA143", "1", "no") in found
    assert ("cited-by", "09TRIPOLI637", "09TRIPOLI273", "1", "yes") in found
    assert ("cites", "09TRIPOLI212", "08TRIPOLI896", "2", "yes") in found
    assert not any(r[3] == "3" for r in found)


def test_most_cited_cables_count_distinct_citing_cables(corpus: Corpus):
    rows = corpus.answer("most-cited-cables")
    citing: dict[str, set[str]] = defaultdict(set)
    for cable in corpus.cables.values():
        for reference in cable.references:
            if reference.id and reference.id != cable.id:
                citing[reference.id].add(cable.id)
    expected = {cited: len(by) for cited, by in citing.items()}
    assert len(rows) == min(100, len(expected))
    counts = [int(r["citations"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    cut = counts[-1]
    above = {r["cited_id"]: int(r["citations"]) for r in rows if int(r["citations"]) > cut}
    assert above == {k: v for k, v in expected.items() if v > cut}
    assert all(expected[r["cited_id"]] == cut for r in rows if int(r["citations"]) == cut)
    dated = dated_ids(corpus)
    for row in rows:
        assert (row["in_corpus"] == "yes") == (row["cited_id"] in dated)
        if "subject" in row:
            assert corpus.cables[row["cited_id"]].subject == row["subject"]
    # the REF lines of 08ANKARA1426, 08BERLIN1095, 08PRAGUE535, 08ROME1018, 08THEHAGUE680 and
    # 08USNATO282 all cite STATE 85678, a cable the corpus does not hold
    top = {r["cited_id"]: r for r in rows}["08STATE85678"]
    assert int(top["citations"]) >= 6 and top["in_corpus"] == "no"


def test_citations_outside_corpus_list_every_ref_item_of_missing_cables(corpus: Corpus):
    rows = corpus.answer("citations-outside-corpus", post="TRIPOLI", year=2009)
    dated = dated_ids(corpus)
    expected = {
        (c.id, r.label, r.id, r.text)
        for c in corpus.of_post("TRIPOLI")
        if year(c) == 2009
        for r in c.references
        if r.id and r.id not in dated
    }
    found = {(r["cable_id"], r.get("label"), r["cited_id"], r["reference"]) for r in rows}
    assert found == expected
    # 09TRIPOLI2 (REF: A. LA PAZ 2055) cites a Bolivian cable the corpus does not hold
    assert ("09TRIPOLI2", "A", "08LAPAZ2055") in {
        (r["cable_id"], r.get("label"), r["cited_id"]) for r in rows
    }


# ---- posts, years, classification ----------------------------------------------------------


def test_cables_per_post_per_year_counts_every_dated_cable(corpus: Corpus, shared: Path):
    rows = corpus.answer("cables-per-post-per-year")
    found = {(r["post"], int(r["year"])): int(r["cables"]) for r in rows}
    expected = Counter(
        (c.station, year(c)) for c in corpus.cables.values() if c.station and year(c)
    )
    assert found == expected
    # the Cablegate tree files each cable under its year: cable/2009/MM/09TRIPOLI*.html, and
    # 09SECTION02OF03QRIPOLI583.html, whose mangled name the header corrects to 09TRIPOLI583
    pages = list((shared / "corpus" / "cablegate" / "cable").glob("2009/*/09*RIPOLI*.html"))
    assert found[("TRIPOLI", 2009)] == len(pages) > 50


def test_classification_mix_of_a_post_by_year(corpus: Corpus):
    rows = corpus.answer("classification-by-post", post="CAIRO")
    found = {(int(r["year"]), r["level"]): int(r["cables"]) for r in rows}
    cables = [c for c in corpus.of_post("CAIRO") if year(c)]
    expected = Counter((year(c), code_key(c.classification)) for c in cables if c.classification)
    assert found == expected
    totals = Counter(year(c) for c in cables)
    for row in rows:
        share = int(row["cables"]) / totals[int(row["year"])]
        assert float(row["share"]) == pytest.approx(share, abs=0.0006)
    assert {level for _, level in found} >= {"CONFIDENTIAL", "SECRET"}


def test_noforn_share_by_year(corpus: Corpus):
    rows = corpus.answer("noforn-share-by-year")
    expected: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for cable in corpus.cables.values():
        if year(cable):
            counts = expected[year(cable)]
            counts[0] += 1
            counts[1] += cable.classification in CLASSIFIED
            counts[2] += "NOFORN" in cable.caveats
    found = {
        int(r["year"]): [int(r["cables"]), int(r["classified"]), int(r["noforn"])] for r in rows
    }
    assert found == dict(expected)
    assert found[2009][2] > 50  # SECRET//NOFORN and S/NF cables of 2009
    for row in rows:
        percent = 100 * int(row["noforn"]) / int(row["cables"])
        assert float(row["percent"]) == pytest.approx(percent, abs=0.06)


def test_signers_of_a_post_over_time(corpus: Corpus):
    rows = corpus.answer("signers-of-post", post="TRIPOLI")
    dates: dict[str, list[str]] = defaultdict(list)
    for cable in corpus.of_post("TRIPOLI"):
        if cable.date:
            for signer in {s.upper() for s in cable.signers}:
                dates[signer].append(cable.date)
    expected = {s: (min(d), max(d), len(d)) for s, d in dates.items()}
    assert {r["signer"]: (r["first"], r["last"], int(r["cables"])) for r in rows} == expected
    # Ambassador Cretz signed Tripoli's cables from his arrival at the end of 2008
    assert rows[[r["signer"] for r in rows].index("CRETZ")]["first"].startswith("2008-12")


def test_cables_a_post_sent_to_an_addressee(corpus: Corpus):
    rows = corpus.answer("cables-to-addressee", post="MANAMA", addressee="comusnavcent")
    expected = {
        (c.id, role, a.name)
        for c in corpus.of_post("MANAMA")
        for role, addressees in (("TO", c.recipients), ("INFO", c.info_recipients))
        for a in addressees
        if "COMUSNAVCENT" in a.name.upper()
    }
    assert {(r["cable_id"], r["role"], r["address"]) for r in rows} == expected
    assert len(expected) > 20  # the Fifth Fleet, in Bahrain, is on most of Manama's INFO lines


def test_declassification_due_in_a_year(corpus: Corpus):
    rows = corpus.answer("declassification-due", post="TRIPOLI", year=2019)
    expected = {
        (c.declassification.date, c.id, code_key(c.classification))
        for c in corpus.of_post("TRIPOLI")
        if c.declassification
        and ISO_DATE.fullmatch(c.declassification.date or "")
        and c.declassification.date.startswith("2019-")
        and c.date
        and c.classification
    }
    assert {(r["declassify_on"], r["cable_id"], r["level"]) for r in rows} == expected
    assert len(expected) > 20


def test_declassification_schedule(corpus: Corpus):
    rows = corpus.answer("declassification-schedule")
    expected = Counter(
        (int(c.declassification.date[:4]), code_key(c.classification))
        for c in corpus.cables.values()
        if c.declassification
        and ISO_DATE.fullmatch(c.declassification.date or "")
        and c.classification
    )
    assert {(int(r["year"]), r["level"]): int(r["cables"]) for r in rows} == expected


# ---- TAGS and subjects ---------------------------------------------------------------------


def test_tag_cooccurrence_with_one_tag(corpus: Corpus):
    rows = corpus.answer("tag-cooccurrence", tag="KDEM")
    tagged = [c for c in corpus.cables.values() if "KDEM" in c.tags]
    expected = Counter(t for c in tagged for t in set(c.tags) - {"KDEM"})
    assert {r["other"]: int(r["cables"]) for r in rows} == expected
    for row in rows:
        assert float(row["share"]) == pytest.approx(int(row["cables"]) / len(tagged), abs=6e-4)
    meanings = {r["other"]: r.get("meaning") for r in rows}
    assert meanings["PGOV"].startswith("Political Affairs--Government")
    assert meanings["EG"] == "Egypt"


def test_tags_cooccurrence_over_the_corpus(corpus: Corpus):
    rows = corpus.answer("tags-cooccurrence")
    pairs = Counter(
        pair
        for c in corpus.cables.values()
        for pair in {(a, b) for a in c.tags for b in c.tags if a < b}
    )
    found = {(r["tag"], r["other"]): int(r["cables"]) for r in rows}
    assert len(found) == len(rows) <= 200
    cut = min(found.values())
    above = {pair: n for pair, n in pairs.items() if n > cut}
    assert {pair: n for pair, n in found.items() if n > cut} == above
    assert all(pairs[p] == cut for p, n in found.items() if n == cut)
    assert max(found, key=found.get) == ("PGOV", "PREL")


def test_cables_with_a_tag_in_a_year(corpus: Corpus):
    rows = corpus.answer("cables-with-tag-in-year", tag="KDEM", year=2009)
    expected = {c.id for c in corpus.cables.values() if "KDEM" in c.tags and year(c) == 2009}
    assert {r["cable_id"] for r in rows} == expected and len(rows) == len(expected)
    assert [r["created"] for r in rows] == sorted(r["created"] for r in rows)


@pytest.mark.parametrize("word", ["smuggling", "oil", "U.S."])
def test_cables_whose_subject_contains_a_word(corpus: Corpus, word: str):
    rows = corpus.answer("cables-with-subject-word", word=word)
    words = re.sub(r"[^a-z0-9]+", " ", word.lower()).strip()

    def matches(subject: str) -> bool:
        return f" {words} " in " " + re.sub(r"[^a-z0-9]+", " ", subject.lower()) + " "

    expected = {
        c.id for c in corpus.cables.values() if c.subject and word.lower() in c.subject.lower()
    }
    assert {r["cable_id"] for r in rows} == {
        i for i in expected if matches(corpus.cables[i].subject)
    }
    assert rows
    if word == "oil":  # TURMOIL and BOILING do not count
        assert not any(re.search(r"[a-z]oil|oil[a-z]", r["subject"].lower()) for r in rows)


# ---- one cable ------------------------------------------------------------------------------


def test_one_cable_at_a_glance(corpus: Corpus, shared: Path):
    [row] = corpus.answer("cable", cable="09TRIPOLI273")
    cable = corpus.cables["09TRIPOLI273"]
    assert row["created"] == cable.date and row["post"] == "TRIPOLI"
    assert row["level"] == "CONFIDENTIAL" and row["subject"] == cable.subject
    assert row["tags"].split() == sorted(set(cable.tags))
    assert int(row["paragraphs"]) == len({p.number for p in cable.paragraphs if p.number})
    assert int(row["references"]) == len(cable.references) == 3
    # the TAGS links of the Cablegate page
    page = next((shared / "corpus" / "cablegate").rglob("09TRIPOLI273.html")).read_text()
    assert set(row["tags"].split()) == set(re.findall(r"<a href='/tag/[^']*'>([^<]+)</a>", page))
    assert corpus.answer("cable", cable="09ROME205") == []  # cited, not in the corpus


def test_cable_provenance(corpus: Corpus, shared: Path):
    [row] = corpus.answer("cable-provenance", cable="09TRIPOLI273")
    page = next((shared / "corpus" / "cablegate").rglob("09TRIPOLI273.html"))
    assert row["format"] == "cablegate-html"
    assert row["path"].endswith("cable/2009/04/09TRIPOLI273.html")
    assert row["sha256"] == hashlib.sha256(page.read_bytes()).hexdigest()
    assert row["graph"].endswith("/graph/09TRIPOLI273")
    assert row["software"].startswith("cablekg ")
    assert set(filter(None, row.get("repairs", "").split(" ; "))) == set(
        corpus.cables["09TRIPOLI273"].repairs
    )


# ---- officials and agencies ------------------------------------------------------------------


def test_officials_mentioned_with_an_official(with_officials: Corpus):
    corpus, name = with_officials, "Muammar al-Qadhafi"
    rows = corpus.answer("officials-mentioned-with", name=name)
    dates: dict[str, list[str]] = defaultdict(list)
    for cable in naming(corpus, name):
        for key, (names, _, official) in people(cable).items():
            if official and key != name_key(name) and cable.date:
                for other in names:
                    dates[other].append(cable.date)
    expected = {other: (len(d), min(d), max(d)) for other, d in dates.items()}
    assert {r["other"]: (int(r["cables"]), r["first"], r["last"]) for r in rows} == expected
    assert int(rows[0]["cables"]) == max(n for n, _, _ in expected.values())


def test_officials_by_post_and_year(with_officials: Corpus):
    corpus = with_officials
    rows = corpus.answer("officials-by-post-and-year", post="TRIPOLI", year=2009)
    counts: Counter[str] = Counter()
    titles: dict[str, set[str]] = defaultdict(set)
    for cable in corpus.of_post("TRIPOLI"):
        if year(cable) == 2009:
            for names, held, official in people(cable).values():
                if official:
                    counts.update(names)
                    for name in names:
                        titles[name] |= held
    assert {r["official"]: int(r["cables"]) for r in rows} == counts
    for row in rows:
        assert set(filter(None, row.get("titles", "").split(" | "))) == titles[row["official"]]


def test_cables_naming_an_official(with_officials: Corpus):
    corpus, name = with_officials, "Gene A. Cretz"
    rows = corpus.answer("cables-naming-official", name=name)
    cables = naming(corpus, name)
    assert {r["cable_id"] for r in rows} == {c.id for c in cables}
    for row in rows:
        held = people(corpus.cables[row["cable_id"]])[name_key(name)][1]
        assert set(filter(None, row.get("titles", "").split(" | "))) == held


def test_officials_named_like(with_officials: Corpus):
    corpus = with_officials
    rows = corpus.answer("officials-named-like", text="qadhafi")
    expected: Counter[str] = Counter()
    for cable in corpus.cables.values():
        for names, _, official in people(cable).values():
            if official:
                expected.update(n for n in names if "qadhafi" in n.lower())
    assert {r["name"]: int(r["cables"]) for r in rows} == expected


def test_secret_paragraphs_mentioning_a_person(with_officials: Corpus):
    corpus, name = with_officials, "Muammar al-Qadhafi"
    rows = corpus.answer("secret-paragraphs-mentioning", name=name)
    surname = name.split()[-1].lower()
    expected = {
        (c.id, p.number, p.marking)
        for c in naming(corpus, name)
        for p in c.paragraphs
        if p.marking and re.match(r"T?S(/|$)", p.marking) and surname in p.text.lower()
    }
    found = {(r["cable_id"], int(r["paragraph"]) if "paragraph" in r else None, r["marking"])
             for r in rows}  # fmt: skip
    assert found == expected and expected
    assert all(surname in r["text"].lower() for r in rows)


def test_agencies_most_discussed_about_a_country(with_officials: Corpus):
    corpus = with_officials
    rows = corpus.answer("agencies-by-country", country="LY")
    counts: Counter[str] = Counter()
    for cable in corpus.cables.values():
        if "LY" in cable.tags:
            # an agency is named by every spelling its IRI (the folded name) has in the cable,
            # as an agency or as an official's organisation
            names: dict[str, set[str]] = defaultdict(set)
            for agency in [a.name for a in cable.agencies] + [
                o.organization for o in cable.officials if o.organization
            ]:
                names[name_key(agency)].add(agency)
            counts.update({n for a in cable.agencies for n in names[name_key(a.name)]})
    expected = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:50]
    assert [(r["agency"], int(r["cables"])) for r in rows] == expected
    assert {r["country_name"] for r in rows} == {"Libya"}
