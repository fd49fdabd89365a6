"""Build `data/stations.csv`, the station alias table, from the shared vocabularies.

Run from the repository root: `python data/build_stations.py [SHARED_VOCAB_DIR]` (default
`../shared/vocab`). The result is committed; the package only reads the CSV.

A *station* is the code a post uses in reference ids (`07MUSCAT920`, `09STATE1234`,
`08USUNNEWYORK12`). Every row of the table maps one alias of a station to its code:

- `code`: the code itself; `origin` is the post's default Cablegate origin name.
- `written`: the station as written in banners and references (`SAO PAULO`, `UNVIE`).
- `address`: a plain-language address (`AMCONSUL SAO PAULO`, `USEU BRUSSELS`); `origin` is the
  Cablegate origin name of cables sent from that address.
- `routing`: a routing indicator of the station (`RUEHSO`).

The code is the written name without spaces or punctuation (`HO CHI MINH CITY` ->
`HOCHIMINHCITY`); addresses lose their office prefix first (`USMISSION USUN NEW YORK` ->
`USUNNEWYORK`). Origin names follow Cablegate's spelling: observed names first
(`derived_posts.tsv`), then renamed cities, then the rules `AMEMBASSY X` -> `Embassy X`,
`AMCONSUL X` -> `Consulate X`.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "stations.csv"

# Office prefixes of plain-language addresses that name a State Department post.
PREFIXES = ("AMEMBASSY", "AMCONSUL", "USMISSION", "USOFFICE", "USINT", "USEU", "USLO", "AIT")

# Addresses whose station or origin does not follow the rules.
SPECIAL = {
    "SECSTATE WASHDC": ("STATE", "Secretary of State"),
    "USDEL SECRETARY": ("PARTO", "US Delegation, Secretary"),
    "IRAN RPO DUBAI": ("IRANRPODUBAI", "Iran RPO Dubai"),
    "RPO DUBAI": ("RPODUBAI", "Iran RPO Dubai"),
    "USMISSION USNATO": ("USNATO", "Mission USNATO"),
    "USMISSION USUN NEW YORK": ("USUNNEWYORK", "USUN New York"),
    "USMISSION UNVIE VIENNA": ("UNVIEVIENNA", "UNVIE"),
    "USMISSION USOSCE": ("USOSCE", "Mission USOSCE"),
    "USMISSION GENEVA": ("GENEVA", "US Mission Geneva"),
    "USEU BRUSSELS": ("BRUSSELS", "USEU Brussels"),
    "USINT HAVANA": ("HAVANA", "US Interests Section Havana"),
    "USINT BAGHDAD": ("BAGHDAD", "US Interests Section Baghdad"),
    "AIT TAIPEI": ("TAIPEI", "American Institute Taiwan, Taipei"),
    "USLO TRIPOLI": ("TRIPOLI", "Embassy Tripoli"),
}

# WikiLeaks ids with banner debris before the station (`EFTOLONDON`, `SECTION01OF02...`).
MALFORMED = re.compile(r"^EFTO|\d+OF\d+")

# Cablegate names posts by their current city name.
RENAMED = {"CALCUTTA": "Kolkata", "KIEV": "Kyiv", "BOMBAY": "Mumbai", "MADRAS": "Chennai"}

# How some stations are written in banners and references besides their address name.
EXTRA_WRITTEN = {
    "STATE": ("STATE", "SECSTATE", "DEPT", "DEPTEL", "SECSTATE WASHDC"),
    "UNVIEVIENNA": ("UNVIE", "UNVIE VIENNA"),
    "USUNNEWYORK": ("USUN", "USUN NEW YORK", "USUN NEWYORK"),
    "THEHAGUE": ("THE HAGUE", "HAGUE"),
    "HOCHIMINHCITY": ("HO CHI MINH CITY", "HO CHI MINH", "HCMC"),
    "RPODUBAI": ("RPO DUBAI",),
    "IRANRPODUBAI": ("IRAN RPO DUBAI",),
    "PARTO": ("PARTO",),
    "SECTO": ("SECTO",),
    "USOSCE": ("USOSCE",),
    "USNATO": ("USNATO",),
}


def code_of(name: str) -> str:
    """Station code of a written name: letters and digits only."""
    return re.sub(r"[^A-Z0-9]", "", name.upper())


def station_of(address: str) -> tuple[str, str] | None:
    """(station, written name) of a post's address, or None for non-post addresses."""
    address = " ".join(address.split())
    if address in SPECIAL:
        return SPECIAL[address][0], ""
    first, _, rest = address.partition(" ")
    if first not in PREFIXES or not rest or "/" in rest:
        return None
    if re.search(r" [A-Z]{2}$", rest) or (first == "USOFFICE" and " " in rest):
        return None  # a state or country suffix, or a service centre rather than a post
    return code_of(rest), rest


def origin_of(address: str, observed: dict[str, str]) -> str | None:
    address = " ".join(address.split())
    if address in SPECIAL:
        return SPECIAL[address][1]
    found = station_of(address)
    if not found:
        return None
    station, written = found
    city = RENAMED.get(station, written.title())
    if address.startswith("AMEMBASSY "):
        return f"Embassy {city}"
    if address.startswith("AMCONSUL "):
        return f"Consulate {city}"
    return observed.get(station)


def _shared_vocab() -> Path:
    """`shared/vocab` beside the checkout or beside one of its parents."""
    for parent in ROOT.parents:
        if (parent / "shared" / "vocab").is_dir():
            return parent / "shared" / "vocab"
    raise SystemExit("shared/vocab not found; pass its path")


def main(vocab: Path) -> None:
    observed: dict[str, str] = {}
    with open(vocab / "derived_posts.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if not MALFORMED.search(row["refid_post_code"]):
                observed[row["refid_post_code"]] = row["origin_name"]

    routes: dict[str, set[str]] = defaultdict(set)  # address -> routing indicators
    with open(vocab / "route2name.csv", encoding="utf-8") as f:
        for ri, name, *_ in csv.reader(f):
            routes[" ".join(name.split())].add(ri.strip())
    with open(vocab / "derived_routing_indicators.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            address = " ".join(row["plain_language_address"].split())
            if re.search(r"\d|PRIORITY|IMMEDIATE|//", address):
                continue  # addresses with precedence or numbers glued on are damage
            routes[address].add(row["routing_indicator"])

    rows: set[tuple[str, str, str, str]] = set()
    defaults: dict[str, str] = dict(observed)
    ri_station: dict[str, set[str]] = defaultdict(set)
    for address in sorted(set(routes) | set(SPECIAL)):
        found = station_of(address)
        if not found:
            continue
        station, written = found
        origin = origin_of(address, observed) or ""
        rows.add((station, "address", address, origin))
        if written:
            rows.add((station, "written", written, ""))
        for ri in routes.get(address, ()):
            rows.add((station, "routing", ri, ""))
            ri_station[ri].add(station)
        if origin and station not in defaults and not address.startswith("USEU"):
            defaults[station] = origin
    # A renamed post keeps its routing indicator: CALCUTTA and KOLKATA share RUEHCI.
    for stations in ri_station.values():
        known = [defaults[s] for s in sorted(stations) if s in observed]
        for station in stations:
            if known and station not in observed:
                defaults[station] = known[0]
    for station, names in EXTRA_WRITTEN.items():
        for name in names:
            rows.add((station, "written", name, ""))
    for station in {r[0] for r in rows} | set(defaults):
        rows.add((station, "code", station, defaults.get(station, "")))
        rows.add((station, "written", station, ""))

    order = {"code": 0, "written": 1, "address": 2, "routing": 3}
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["station", "kind", "alias", "origin"])
        for row in sorted(rows, key=lambda r: (r[0], order[r[1]], r[2])):
            writer.writerow(row)
    print(f"wrote {len(rows)} aliases of {len({r[0] for r in rows})} stations to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else _shared_vocab())
