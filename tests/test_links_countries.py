"""Geographic TAGS -> countries: coverage of the corpus and hand-checked links."""

from __future__ import annotations

import csv

import pytest

from cablekg.links.tables import NON_COUNTRY_KINDS, countries

# Checked by hand against Wikidata, GeoNames and DBpedia: TAG -> (QID, GeoNames id, DBpedia name).
HAND_CHECKED = {
    "MU": ("Q842", "286963", "Oman"),
    "AU": ("Q40", "2782113", "Austria"),
    "AS": ("Q408", "2077456", "Australia"),
    "GM": ("Q183", "2921044", "Germany"),
    "UK": ("Q145", "2635167", "United_Kingdom"),
    "US": ("Q30", "6252001", "United_States"),
    "FR": ("Q142", "3017382", "France"),
    "CH": ("Q148", "1814991", "China"),
    "RS": ("Q159", "2017370", "Russia"),
    "JA": ("Q17", "1861060", "Japan"),
    "CA": ("Q16", "6251999", "Canada"),
    "IN": ("Q668", "1269750", "India"),
    "BR": ("Q155", "3469034", "Brazil"),
    "EG": ("Q79", "357994", "Egypt"),
    "IR": ("Q794", "130758", "Iran"),
    "IS": ("Q801", "294640", "Israel"),
    "MX": ("Q96", "3996063", "Mexico"),
    "SP": ("Q29", "2510769", "Spain"),
    "IT": ("Q38", "3175395", "Italy"),
    "SZ": ("Q39", "2658434", "Switzerland"),
    "SW": ("Q34", "2661886", "Sweden"),
    "CS": ("Q800", "3624060", "Costa_Rica"),
    "IC": ("Q189", "2629691", "Iceland"),
    "IZ": ("Q796", "99237", "Iraq"),
    "GG": ("Q230", "614540", "Georgia_(country)"),
    "NL": ("Q55", "2750405", "Netherlands"),
    "TU": ("Q43", "298795", "Turkey"),
    "UR": ("Q15180", "", "Soviet_Union"),
    "YO": ("Q83286", "", "Socialist_Federal_Republic_of_Yugoslavia"),
    "GC": ("Q16957", "", "East_Germany"),
    "XR": ("Q18", "6255150", "South_America"),
    "XF": ("Q7204", "", "Middle_East"),
    "EU": ("Q458", "", "European_Union"),
    "KV": ("Q1246", "831053", "Kosovo"),
}


@pytest.mark.parametrize("tag", sorted(HAND_CHECKED))
def test_hand_checked_country_links(tag: str) -> None:
    row = countries()[tag]
    assert (row.wikidata, row.geonames, row.dbpedia) == HAND_CHECKED[tag]


def test_fips_is_not_iso() -> None:
    table = countries()
    assert (table["MU"].iso_alpha2, table["AU"].iso_alpha2, table["AS"].iso_alpha2) == (
        "OM",
        "AT",
        "AU",
    )
    assert table["GM"].iso_alpha3 == "DEU" and table["GM"].iso_numeric == "276"


def test_every_non_country_code_gives_its_reason() -> None:
    for row in countries().values():
        if row.kind in NON_COUNTRY_KINDS:
            assert row.note, row.tag
        else:  # a place without links says why (AX: the datasets only have Akrotiri and Dhekelia)
            assert row.is_place and (row.has_links or row.note), row.tag


def test_ambiguous_codes_stay_unlinked() -> None:
    for tag in ("GE", "WB"):
        row = countries()[tag]
        assert row.kind == "ambiguous" and not row.has_links


def test_every_geographic_tag_of_the_corpus_resolves(shared) -> None:
    """100% of two-letter TAGS seen in the developer corpus are places or explained codes."""
    with (shared / "vocab" / "derived_tags_observed.tsv").open(encoding="utf-8") as f:
        observed = {r["tag"] for r in csv.DictReader(f, delimiter="\t") if len(r["tag"]) == 2}
    assert len(observed) > 190
    table = countries()
    missing = sorted(observed - table.keys())
    assert not missing
    places = [t for t in observed if table[t].is_place]
    assert all(table[t].has_links or table[t].note for t in places)
    assert all(table[t].note for t in observed if not table[t].is_place)
