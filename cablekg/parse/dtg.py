"""The date-time group: `R 290728Z SEP 07` -> 2007-09-29T07:28:00Z, precedence ROUTINE.

Variants read: one or two precedence prosigns (`P R 281848Z DEC 66`: action PRIORITY, info
ROUTINE), none at all (`061601Z MAY 78`), trailing garble (`ZDK`, `ZFF6`), lower-case months and
four-digit years, and the ISO stamp some extracts carry (`Cable dated:2005-11-29T14:19:00`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

MONTHS: Final = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1
    )
}
PROSIGNS: Final = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE"}

DTG: Final = re.compile(
    r"^(?P<prec>(?:NIACT\s+)?(?:[ZOPR]\s+){0,2}?)(?P<day>[0-3]?\d)(?P<hh>[0-2]\d)(?P<mm>[0-5]\d)\s?Z"
    r"\s+(?P<mon>[A-Za-z]{3})[A-Za-z]*\.?\s+(?P<year>\d{4}|\d{2})\b",
)
# A date-time group line anywhere in a text (a header printed after the body), found with the
# newline before it: a literal first character lets the search skip ahead, where `^` with
# re.M tries every position (four times slower over a whole text).
DTG_ANYWHERE: Final = re.compile(
    r"\n(?:[ZOPR]\s+){1,2}[0-3]\d[0-2]\d[0-5]\d\s?Z\s+[A-Z]{3}\s+\d{2}"
)
_ISO: Final = re.compile(r"(?:Cable dated:\s*)(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)")
# `Tuesday, 03 July 2001, 12:03`, the date line of some extracts.
_LONG: Final = re.compile(
    r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4}),\s+(\d\d):(\d\d)\s*$"
)


@dataclass(frozen=True)
class DateTimeGroup:
    iso: str  # 2007-09-29T07:28:00Z
    year: int
    precedence: str | None  # of the action addressees


def full_year(two_digits: int) -> int:
    """Cables run from 1966 to 2010: 66-99 are 19xx, the rest 20xx."""
    return 1900 + two_digits if two_digits >= 66 else 2000 + two_digits


def read_dtg(line: str) -> DateTimeGroup | None:
    """The date-time group at the start of `line`, if the line is one."""
    match = DTG.match(line)
    if match:
        month = MONTHS.get(match["mon"].upper())
        year = int(match["year"])
        year = year if year > 99 else full_year(year)
        prosigns = match["prec"].split()
        precedence = None
        if prosigns:
            precedence = PROSIGNS.get(prosigns[-1] if prosigns[0] == "NIACT" else prosigns[0])
            if prosigns[0] == "NIACT":
                precedence = "NIACT IMMEDIATE"
        return _make(year, month, match["day"], match["hh"], match["mm"], precedence)
    match = _ISO.search(line) if "dated" in line else None
    if match:
        iso_year, iso_month, day, hh, mm = match.groups()
        return _make(int(iso_year), int(iso_month), day, hh, mm, None)
    match = _LONG.match(line) if "day," in line else None
    if match:
        day, month_name, long_year, hh, mm = match.groups()
        return _make(int(long_year), MONTHS.get(month_name[:3].upper()), day, hh, mm, None)
    return None


def _make(year: int, month: int | None, day: str, hh: str, mm: str, precedence: str | None):
    if not month or int(hh) > 23:
        return None
    try:
        date(year, month, int(day))
    except ValueError:
        return None
    iso = f"{year:04d}-{month:02d}-{int(day):02d}T{hh}:{mm}:00Z"
    return DateTimeGroup(iso=iso, year=year, precedence=precedence)
