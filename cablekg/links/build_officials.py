"""Build `data/links/officials.csv` and `data/links/persons.csv` from the Office of the Historian.

Source: *Principal Officers and Chiefs of Mission* (POCOM; chiefs of mission per country and
international organisation, and the Department's principal officers, with appointment, start and
end dates) and the Office's `people.jsonl` (name variants, VIAF ids). Both are US government works
in the public domain.

Only what resolution needs is kept: tenures that were running in 1960 or later, with the
geographic TAGS (for country missions) or station codes (for missions to organisations and the
Department's signing officers) that say where the holder served, the Department's other
principal officers (to resolve officials named with their title), and the persons who held them.

Run from a checkout with the shared material beside it: `python -m cablekg.links.build_officials`.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from cablekg.links.tables import countries
from cablekg.resources import data_path

SINCE = "1960"

# POCOM country missions whose id is not the slug of the country's name in countries.csv,
# mapped to the geographic TAGS cables use for them (historic codes included).
COUNTRY_TAGS = {
    "bahamas": ("BF",),
    "bosnia-herzegovina": ("BK",),
    "burma": ("BM",),
    "congo-democratic-republic": ("CG",),
    "congo-republic": ("CF",),
    "cote-divoire": ("IV",),
    "czech-republic": ("EZ",),
    "czechoslovakia": (),
    "german-democratic-republic": ("GC", "GE"),
    "germany": ("GM", "GW"),
    "holy-see": ("VT",),
    "korea": ("KS",),
    "macedonia": ("MK",),
    "micronesia": ("FM",),
    "gambia": ("GA",),
    "antigua-barbuda": ("AC",),
    "saint-kitts-nevis": ("SC",),
    "saint-vincent-grenadines": ("VC",),
    "sao-tome-and-principe": ("TP",),
    "trinidad-and-tobago": ("TD",),
    "swaziland": ("WZ",),
    "timor-leste": ("TT",),
    "south-sudan": ("OD",),
    "vietnam-south": (),
    "russia": ("RS", "UR"),
    "serbia": ("SR", "RI"),
    "yugoslavia": ("YO", "YI"),
    "united-kingdom": ("UK",),
    "yemen": ("YM",),
    "china": ("CH",),
    "hawaii": (),
    "texas": (),
    "two-sicilies": (),
}

# Missions to international organisations and the stations (reference-id codes) they send from.
ORG_STATIONS = {
    "representative-to-nato": ("USNATO",),
    "representative-to-un": ("USUNNEWYORK",),
    "representative-to-eu": ("USEUBRUSSELS", "BRUSSELS"),
    "representative-to-osce": ("USOSCE",),
    "representative-to-iaea": ("UNVIEVIENNA",),
    "representative-uneo": ("GENEVA",),
    "representative-to-unafa": ("UNROME",),
    "representative-to-au": ("USAUADDISABABA",),
    "representative-to-oas": ("USOAS",),
    "representative-to-oecd": ("USOECD",),
    "representative-to-unesco": ("UNESCO",),
    "representative-to-icao": ("MONTREALICAO",),
    "representative-to-asean": ("USASEAN",),
}

# Department principal officers whose names sign cables sent from the Department; the other
# principal positions (Assistant Secretaries, Counselor, Legal Adviser ...) are kept to resolve
# officials named with their title.
SIGNING_POSITIONS = (
    "secretary",
    "secretary-ad-interim",
    "deputy-secretary",
    "under-secretary-for-political-affairs",
)

TENURE_COLUMNS = (
    "tenure",
    "kind",
    "person",
    "role",
    "mission",
    "tags",
    "stations",
    "appointed",
    "started",
    "ended",
)
PERSON_COLUMNS = ("person", "surname", "forenames", "altnames", "birth", "death", "viaf")


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def text(el: ET.Element | None, path: str) -> str:
    found = el.find(path) if el is not None else None
    return (found.text or "").strip() if found is not None else ""


def country_tags() -> dict[str, tuple[str, ...]]:
    """POCOM country id -> TAGS, by name, then by the overrides above."""
    by_slug = {slug(c.name): (c.tag,) for c in countries().values() if c.kind == "country"}
    by_slug |= {slug(c.name): (c.tag,) for c in countries().values() if "FIPS" in c.source}
    return by_slug | COUNTRY_TAGS


def tenures(pocom: Path) -> list[dict[str, str]]:
    tags = country_tags()
    rows = []
    sources = [
        (f, "chief", tags.get(f.stem, ()), ()) for f in sorted(pocom.glob("missions-countries/*"))
    ]
    sources += [
        (f, "chief", (), ORG_STATIONS.get(f.stem, ()))
        for f in sorted(pocom.glob("missions-orgs/*"))
    ]
    sources += [
        (f, "principal", (), ("STATE",) if f.stem in SIGNING_POSITIONS else ())
        for f in sorted(pocom.glob("positions-principals/*"))
    ]
    for path, element, where_tags, where_stations in sources:
        if element == "chief" and not where_tags and not where_stations:
            print(f"no TAGS or station for {path.stem}", file=sys.stderr)
            continue
        for el in ET.parse(path).getroot().iter(element):
            ended = text(el, "ended/date")
            began = text(el, "started/date") or text(el, "appointed/date")
            if (ended or began or "0") < SINCE:
                continue
            rows.append(
                {
                    "tenure": text(el, "id"),
                    "kind": element,
                    "person": text(el, "person-id"),
                    "role": text(el, "role-title-id"),
                    "mission": path.stem,
                    "tags": "|".join(where_tags),
                    "stations": "|".join(where_stations),
                    "appointed": text(el, "appointed/date"),
                    "started": text(el, "started/date"),
                    "ended": ended,
                }
            )
    return rows


def persons(pocom: Path, people_jsonl: Path, ids: set[str]) -> list[dict[str, str]]:
    viaf: dict[str, str] = {}
    seen_as: dict[str, list[str]] = {}  # name forms found in the Office's publications
    with people_jsonl.open(encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            for url in p["source_urls"]:
                if "/departmenthistory/people/" not in url:
                    continue
                pid = url.rsplit("/", 1)[-1]
                seen_as[pid] = p["originals"]
                if p["authorities"].get("viaf"):
                    viaf[pid] = p["authorities"]["viaf"]
    rows = []
    for pid in sorted(ids):
        path = pocom / "people" / pid[0] / f"{pid}.xml"
        if not path.exists():
            print(f"no person record {pid}", file=sys.stderr)
            continue
        root = ET.parse(path).getroot()
        names = [(a.text or "").strip() for a in root.iter("altname")] + seen_as.get(pid, [])
        preferred = f"{text(root, 'persName/surname')}, {text(root, 'persName/forename')}"
        rows.append(
            {
                "person": pid,
                "surname": text(root, "persName/surname"),
                "forenames": text(root, "persName/forename"),
                "altnames": "|".join(dict.fromkeys(n for n in names if n and n != preferred)),
                "birth": text(root, "birth"),
                "death": text(root, "death"),
                "viaf": viaf.get(pid, ""),
            }
        )
    return rows


def write(rows: list[dict[str, str]], columns: tuple[str, ...], out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("..") / "shared")
    args = parser.parse_args(argv)
    historian = args.shared / "historian"
    held = tenures(historian / "pocom")
    people = persons(historian / "pocom", historian / "people.jsonl", {t["person"] for t in held})
    write(held, TENURE_COLUMNS, data_path("links", "officials.csv"))
    write(people, PERSON_COLUMNS, data_path("links", "persons.csv"))
    with_viaf = sum(1 for p in people if p["viaf"])
    print(f"{len(held)} tenures, {len(people)} persons ({with_viaf} with VIAF)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
