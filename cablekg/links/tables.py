"""Read the link tables shipped in `data/links/` (plain CSV, built and reviewed offline)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

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


def read_csv(name: str) -> list[dict[str, str]]:
    with data_path("links", name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def countries() -> dict[str, Country]:
    """Every known geographic TAG, keyed by its code (MU, AU, XR, UR ...)."""
    return {r["tag"]: Country(**r) for r in read_csv("countries.csv")}
