"""The station alias table (`data/stations.csv`): codes, written names, addresses, origins.

A station code is what a post is called in reference ids (`MUSCAT` in `07MUSCAT920`). Cable ids
and reference targets both go through this table so that reference edges meet cable nodes.
Unknown names fall back to the rule the table itself is built with: drop the office prefix of an
address (`AMEMBASSY`, `AMCONSUL`, `USMISSION` ...) and every space or punctuation mark.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Final

from cablekg.resources import data_path

OFFICE_PREFIXES: Final = (
    "AMEMBASSY",
    "AMCONSUL",
    "USMISSION",
    "USOFFICE",
    "USINT",
    "USEU",
    "USLO",
    "AIT",
)
_NOT_CODE: Final = re.compile(r"[^A-Z0-9]")


def code_of(name: str) -> str:
    """Station code of a written name by rule: `HO CHI MINH CITY` -> `HOCHIMINHCITY`."""
    return _NOT_CODE.sub("", name.upper())


@dataclass
class StationTable:
    codes: dict[str, str] = field(default_factory=dict)  # code -> default origin name
    written: dict[str, str] = field(default_factory=dict)  # written name -> code
    addresses: dict[str, tuple[str, str]] = field(default_factory=dict)  # address -> (code, origin)
    routing: dict[str, str] = field(default_factory=dict)  # routing indicator -> code
    by_code: dict[str, list[str]] = field(default_factory=dict)  # code -> its addresses

    def from_written(self, name: str) -> str:
        """Code of a station as written in a banner or reference (`SAO PAULO`, `UNVIE`)."""
        key = " ".join(name.upper().split())
        return self.written.get(key) or self.written.get(code_of(key)) or code_of(key)

    def from_address(self, address: str) -> str | None:
        """Code of the post at a plain-language address, None when it names no post."""
        key = " ".join(address.upper().split())
        if (
            key not in self.addresses
            and re.search(r" [A-Z]{2}$", key)
            and key[:-3] in self.addresses
        ):
            key = key[:-3]  # a country or state suffix: AMEMBASSY TRIPOLI LY
        if key in self.addresses:
            return self.addresses[key][0]
        first, _, rest = key.partition(" ")
        if first in OFFICE_PREFIXES and rest:
            return self.from_written(rest)
        for known, (code, _origin) in self.addresses.items():
            if key.startswith(known + " "):  # trailing country or state suffix
                return code
        return None

    def origin(self, address: str | None = None, station: str | None = None) -> str | None:
        """Cablegate origin name of an address, else of a station code."""
        if address:
            key = " ".join(address.upper().split())
            if key not in self.addresses and re.search(r" [A-Z]{2}$", key):
                key = key[:-3]  # a country or state suffix: AMEMBASSY TRIPOLI LY
            if key in self.addresses and self.addresses[key][1]:
                return self.addresses[key][1]
            first, _, rest = key.partition(" ")
            if first == "AMEMBASSY" and rest:
                return f"Embassy {rest.title()}"
            if first == "AMCONSUL" and rest:
                return f"Consulate {rest.title()}"
            station = station or self.from_address(key)
        if station:
            return self.codes.get(station) or None
        return None

    def is_known(self, code: str) -> bool:
        return code in self.codes


@cache
def stations() -> StationTable:
    """The shipped table, read once."""
    table = StationTable()
    with open(data_path("stations.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code, kind, alias, origin = row["station"], row["kind"], row["alias"], row["origin"]
            if kind == "code":
                table.codes[code] = origin
            elif kind == "written":
                table.written.setdefault(alias, code)
            elif kind == "address":
                table.addresses[alias] = (code, origin)
                table.by_code.setdefault(code, []).append(alias)
            elif kind == "routing":
                table.routing.setdefault(alias, code)
    for code in table.codes:
        table.written.setdefault(code, code)
    return table
