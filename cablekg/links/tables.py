"""Read the link tables shipped in `data/links/` (plain CSV, built and reviewed offline)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cablekg.resources import data_path

# TAG kinds that are not countries; such rows carry their reason in `note`.
NON_COUNTRY_KINDS = frozenset(
    {"region", "organisation", "not-geographic", "ambiguous", "unassigned"}
)
PLACE_KINDS = frozenset({"country", "territory", "historic"})


@dataclass(frozen=True)
class Country:
    """A geographic TAG (FIPS 10-4 based) and the place it stands for."""

    tag: str
    name: str
    kind: str
    iso_alpha2: str
    iso_alpha3: str
    iso_numeric: str
    wikidata: str
    geonames: str
    dbpedia: str
    source: str
    note: str

    @property
    def is_place(self) -> bool:
        return self.kind in PLACE_KINDS

    @property
    def has_links(self) -> bool:
        return bool(self.wikidata or self.geonames or self.dbpedia)


def read_rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    """The rows of a CSV file with a header line (a TSV with `delimiter="\t"`), as dicts."""
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def read_csv(name: str) -> list[dict[str, str]]:
    """The rows of a shipped link table, `data/links/NAME`."""
    return read_rows(data_path("links", name))


def _records(name: str, key: str, record: type, lists: tuple[str, ...]) -> dict[str, Any]:
    """A link table's rows as `record`s keyed by column `key`; `lists` columns hold `|`-joined
    values, read as tuples."""
    out = {}
    for r in read_csv(name):
        for column in lists:
            r[column] = tuple(filter(None, r[column].split("|")))
        out[r[key]] = record(**r)
    return out


@cache
def countries() -> dict[str, Country]:
    """Every known geographic TAG, keyed by its code (MU, AU, XR, UR ...)."""
    return {r["tag"]: Country(**r) for r in read_csv("countries.csv")}


@dataclass(frozen=True)
class Post:
    """A station that sends or receives cables: embassy, consulate, mission, collective ..."""

    station: str
    kind: str
    name: str
    addresses: tuple[str, ...]
    routing_indicators: tuple[str, ...]
    host_country: str
    city: str
    city_geonames: str
    city_wikidata: str
    method: str
    note: str


@cache
def posts() -> dict[str, Post]:
    """Posts keyed by station code (MUSCAT, STATE, USNATO ...)."""
    return _records("posts.csv", "station", Post, ("addresses", "routing_indicators"))


@cache
def post_by_address() -> dict[str, Post]:
    """Posts keyed by plain-language address (AMEMBASSY MUSCAT) and routing indicator."""
    out: dict[str, Post] = {}
    for p in posts().values():
        for key in (*p.addresses, *p.routing_indicators):
            out.setdefault(key, p)
    return out


@dataclass(frozen=True)
class Organization:
    """An organisation or agency named in cables or TAGS, with its Wikidata item."""

    key: str
    kind: str
    name: str
    names: tuple[str, ...]
    wikidata: str
    tag: str
    note: str


@cache
def organizations() -> dict[str, Organization]:
    """Organisations keyed by their key."""
    return _records("organizations.csv", "key", Organization, ("names",))


def _name_key(name: str) -> str:
    return " ".join(name.replace(".", "").upper().split())


@cache
def _organizations_by_name() -> dict[str, Organization]:
    out: dict[str, Organization] = {}
    for org in organizations().values():
        for name in (*org.names, org.tag):
            if name:
                out.setdefault(_name_key(name), org)
    return out


def organization(name: str) -> Organization | None:
    """The organisation a name, acronym or organisation TAG stands for (exact, case-blind)."""
    return _organizations_by_name().get(_name_key(name))
