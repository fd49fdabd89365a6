"""Canonical cable ids: two-digit year, station code, serial without leading zeros.

One canonicaliser serves cables and reference targets alike. Source-given ids are read with the
same rules, and malformed WikiLeaks ids are repaired by rule:

- a banner fragment glued before the station (`08ECTION01OF02MANAMA492`,
  `09SECTION02OF03QRIPOLI583`, `09EFTOLONDON2240`) is dropped;
- a station that is not in the station table but is one letter away from exactly one known
  station (`QRIPOLI`) is read as that station (`TRIPOLI`).
"""

from __future__ import annotations

import re
from typing import Final

from cablekg.parse.stations import code_of, stations

_ID: Final = re.compile(r"^(\d{2})([A-Z][A-Z0-9]*?)0*(\d{1,7})$")
_BANNER_FRAGMENT: Final = re.compile(r"^(?:S?E?C?T?I?O?N?)\d{1,2}OF\d{1,2}|^EFTO")


def make_id(year: int, station: str, serial: int | str) -> str:
    """`make_id(2007, "MUSCAT", "000920")` -> `07MUSCAT920`."""
    return f"{year % 100:02d}{code_of(station)}{int(serial)}"


def canonical_id(raw: str | None) -> str | None:
    """A source-given id in canonical form, repaired when malformed; None when unreadable."""
    if not raw:
        return None
    match = _ID.match(code_of(raw))
    if not match:
        return None
    year, station, serial = match.groups()
    return f"{year}{repair_station(station)}{int(serial)}"


def repair_station(station: str) -> str:
    """A station code with banner debris and single-letter damage repaired (see module doc)."""
    table = stations()
    if table.is_known(station):
        return station
    stripped = _BANNER_FRAGMENT.sub("", station)
    if stripped != station and stripped:
        return repair_station(stripped)
    near = near_stations(station)
    return near[0] if len(near) == 1 else station


def near_stations(station: str) -> list[str]:
    """Known station codes one substitution, insertion or deletion away from `station`."""
    if len(station) < 4:
        return []
    codes = stations().codes
    return [
        code for code in codes if abs(len(code) - len(station)) <= 1 and _one_edit(code, station)
    ]


def _one_edit(a: str, b: str) -> bool:
    if a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1 :] == a for i in range(len(b)))


def split_id(cable_id: str) -> tuple[int, str, int] | None:
    """(two-digit year, station, serial) of a canonical id."""
    match = _ID.match(cable_id)
    if not match:
        return None
    return int(match.group(1)), match.group(2), int(match.group(3))
