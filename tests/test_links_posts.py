"""Stations -> diplomatic posts: coverage of the corpus and hand-checked links."""

from __future__ import annotations

import csv

import pytest

from cablekg.links.tables import countries, post_by_address, posts

# Checked by hand: station -> (kind, host country TAG, city GeoNames id, city Wikidata id).
HAND_CHECKED = {
    "MUSCAT": ("embassy", "MU", "287286", "Q3826"),
    "LONDON": ("embassy", "UK", "2643743", "Q84"),
    "PARIS": ("embassy", "FR", "2988507", "Q90"),
    "BERLIN": ("embassy", "GM", "2950159", "Q64"),
    "MOSCOW": ("embassy", "RS", "524901", "Q649"),
    "CAIRO": ("embassy", "EG", "360630", "Q85"),
    "MADRID": ("embassy", "SP", "3117735", "Q2807"),
    "ROME": ("embassy", "IT", "3169070", "Q220"),
    "TOKYO": ("embassy", "JA", "1850147", "Q1490"),
    "BEIJING": ("embassy", "CH", "1816670", "Q956"),
    "VIENNA": ("embassy", "AU", "2761369", "Q1741"),
    "CANBERRA": ("embassy", "AS", "2172517", "Q3114"),
    "SANJOSE": ("embassy", "CS", "3621849", "Q3070"),
    "REYKJAVIK": ("embassy", "IC", "3413829", "Q1764"),
    "TRIPOLI": ("embassy", "LY", "2210247", "Q3579"),
    "MANAMA": ("embassy", "BA", "290340", "Q3882"),
    "THEHAGUE": ("embassy", "NL", "2747373", "Q36600"),
    "NEWDELHI": ("embassy", "IN", "1261481", "Q987"),
    "KABUL": ("embassy", "AF", "1138958", "Q5838"),
    "BAGHDAD": ("embassy", "IZ", "98182", "Q1530"),
    "KINGSTON": ("embassy", "JM", "3489854", "Q34692"),
    "GEORGETOWN": ("embassy", "GY", "3378644", ""),
    "SAOPAULO": ("consulate", "BR", "3448439", "Q174"),
    "MUMBAI": ("consulate", "IN", "1275339", "Q1156"),
    "HAMILTON": ("consulate", "BD", "3573197", ""),
    "HAVANA": ("interests-section", "CU", "3553478", "Q1563"),
    "STATE": ("department", "US", "4140963", "Q61"),
    "USNATO": ("mission", "BE", "2800866", "Q239"),
    "USUNNEWYORK": ("mission", "US", "5128581", "Q60"),
    "GENEVA": ("mission", "SZ", "2660646", "Q71"),
    "UNVIEVIENNA": ("mission", "AU", "2761369", "Q1741"),
    "GRENADA": ("embassy", "GJ", "3579925", ""),
}


@pytest.mark.parametrize("station", sorted(HAND_CHECKED))
def test_hand_checked_post_links(station: str) -> None:
    p = posts()[station]
    assert (p.kind, p.host_country, p.city_geonames, p.city_wikidata) == HAND_CHECKED[station]


def test_addresses_and_routing_indicators_find_their_post() -> None:
    by = post_by_address()
    assert by["AMEMBASSY MUSCAT"].station == "MUSCAT"
    assert by["RUEHMS"].station == "MUSCAT"
    assert by["SECSTATE WASHDC"].station == "STATE"
    assert by["RUEHC"].station == "STATE"
    assert by["GULF COOPERATION COUNCIL COLLECTIVE"].kind == "collective"


def test_host_countries_are_known_tags() -> None:
    tags = countries()
    for p in posts().values():
        if p.host_country:
            assert tags[p.host_country].is_place, p.station


def _vocab(shared, name):
    with (shared / "vocab" / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_every_origin_of_the_corpus_is_a_located_post(shared) -> None:
    table = posts()
    for row in _vocab(shared, "derived_posts.tsv"):
        p = table[row["refid_post_code"]]
        assert p.kind, p.station
        # Every origin has a host country, except the two posts whose notes say why.
        assert p.host_country or p.note, p.station


def test_every_post_addressee_of_the_corpus_is_a_post(shared) -> None:
    """Every embassy, consulate, mission and collective seen in headers is in the table."""
    by = post_by_address()
    prefixes = ("AMEMBASSY ", "AMCONSUL ", "USMISSION ", "SECSTATE ")
    seen = [
        r
        for r in _vocab(shared, "derived_routing_indicators.tsv")
        if r["plain_language_address"].startswith(prefixes)
        or r["plain_language_address"].endswith("COLLECTIVE")
    ]
    found = [r for r in seen if r["routing_indicator"] in by]
    assert len(seen) > 350
    assert len(found) / len(seen) > 0.98
