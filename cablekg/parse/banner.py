"""The classification banner: `C O N F I D E N T I A L SECTION 01 OF 02 MUSCAT 000920`.

Classification (spaced, plain or lower case, `UNCLAS` or `UNCLASSIFIED`), optional markings
(`E F T O`, `SENSITIVE`), optional `SECTION nn OF nn`, the station as written and the serial.
What follows the serial on the same line (caveats, or the next header lines when breaks were lost)
is handed back as `rest`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final


def _spaced(word: str) -> str:
    r"""`S\s?E\s?C...`: letters optionally spaced, the first possibly doubled (`SS E C R E T`)."""
    return rf"(?:{word[0]}\s?)?" + r"\s?".join(word)


_CLASS: Final = (
    rf"(?P<cls>{_spaced('TOP')}\s+{_spaced('SECRET')}|{_spaced('UNCLASSIFIED')}|{_spaced('UNCLAS')}"
    rf"|{_spaced('CONFIDENTIAL')}|{_spaced('SECRET')}|LIMITED\s+OFFICIAL\s+USE)"
)
_MARKS: Final = r"(?:(?P<marks>(?:(?:E\s?F\s?T\s?O|SENSITIVE|NOFORN|EXDIS|NODIS|LIMDIS|SBU)\s+)+))?"
_MARK: Final = re.compile(r"E\s?F\s?T\s?O|SENSITIVE|NOFORN|EXDIS|NODIS|LIMDIS|SBU", re.I)
_SECTION: Final = r"(?:SECTION\s*(?P<sec>\d{1,2})\s*OF\s*(?P<of>\d{1,2})\s*)?"
_STATION: Final = r"(?P<station>[A-Za-z][A-Za-z.'-]*(?: +[A-Za-z][A-Za-z.'-]*){0,5})"
_SERIAL: Final = r" *(?P<serial>\d{2,7})(?!\d)"
_BODY: Final = rf"{_CLASS}(?:\s*//\s*(?P<control>[A-Z]+))?\s+{_MARKS}{_SECTION}{_STATION}{_SERIAL}"

BANNER: Final = re.compile(rf"^[\s\",]*{_BODY}(?P<rest>.*)$", re.I)
# A banner anywhere in a line whose breaks were lost (`Cable dated:... C O N F I D E N T I A L`).
BANNER_ANYWHERE: Final = re.compile(
    rf"(?<![A-Za-z]){_BODY.replace('(?P<', '(?P<any_')}(?!\d)", re.I
)
# A banner glued to the end of another line (`INFO AMEMBASSY HANOIUNCLAS SECTION 01 OF 03 ...`).
BANNER_INSIDE: Final = re.compile(rf"{_BODY.replace('(?P<', '(?P<in_')}\s*$")
# The rest of a banner line is trusted only when it is markings or a known field keyword.
_REST_OK: Final = re.compile(
    r"^(?:\s*$|\s*+(?-i:[A-Z/ ,]+)$"
    r"|\s*(?:SIPDIS|NOFORN|SENSITIVE|NODIS|EXDIS|LIMDIS|E\.\s?O|TAGS|FOR\s|STATE\s|DEPT\s"
    r"|C O R R))",
    re.I,
)

CLASSIFICATIONS: Final = {
    "UNCLAS": "UNCLASSIFIED",
    "UNCLASSIFIED": "UNCLASSIFIED",
    "CONFIDENTIAL": "CONFIDENTIAL",
    "SECRET": "SECRET",
    "TOPSECRET": "TOP SECRET",
    "LIMITEDOFFICIALUSE": "LIMITED OFFICIAL USE",
}


@dataclass(frozen=True)
class Banner:
    classification: str
    station_written: str
    serial: str
    section: int | None = None
    of: int | None = None
    marks: tuple[str, ...] = ()
    rest: str = ""


def classification_of(text: str) -> str | None:
    """Canonical classification of a (possibly spaced, first letter doubled) classification word."""
    letters = re.sub(r"[^A-Z]", "", text.upper())
    if letters not in CLASSIFICATIONS and letters[:1] == letters[1:2]:
        letters = letters[1:]
    return CLASSIFICATIONS.get(letters)


# Cheap test before `BANNER`: a classification word's first letters, a digit further on.
_QUICK: Final = re.compile(
    r"[\s\",]*(?:(?:C\s?)?C\s?O\s?N|(?:S\s?)?S\s?E\s?C|(?:U\s?)?U\s?N\s?C|(?:T\s?)?T\s?O\s?P|LIMITED)"
    r"[^\d\n]{0,160}\d",
    re.I,
)


# First characters `_QUICK` can match at (U+017F, long s, is an s under IGNORECASE); lines starting
# otherwise with anything but a space, quote or comma are no banner.
_QUICK_FIRST: Final = frozenset('CSUTLcsutl\u017f",')


def read_banner(line: str) -> Banner | None:
    """The banner at the start of `line`, if the line is one."""
    first = line[:1]
    if first not in _QUICK_FIRST and not first.isspace():
        return None
    if len(line) > 400 or not _QUICK.match(line):
        return None
    match = BANNER.match(line)
    if not match or not _REST_OK.match(match["rest"].lstrip(' ",')):
        return None
    classification = classification_of(match["cls"])
    if not classification:
        return None
    marks = tuple(m.replace(" ", "").upper() for m in _MARK.findall(match["marks"] or ""))
    if match["control"]:
        marks += (match["control"].upper(),)
    station = " ".join(match["station"].upper().split())
    if station in ("SECTION", "OF") or station.startswith(("SECTION ", "PTQ")):
        return None
    return Banner(
        classification=classification,
        station_written=station,
        serial=match["serial"],
        section=int(match["sec"]) if match["sec"] else None,
        of=int(match["of"]) if match["of"] else None,
        marks=_normal_marks(marks),
        rest=match["rest"].strip(),
    )


def _normal_marks(marks: tuple[str, ...]) -> tuple[str, ...]:
    """`E F T O` was read letter by letter; `SENSITIVE` is the SBU marking."""
    out = []
    for mark in marks:
        out.append({"SENSITIVE": "SBU"}.get(mark, mark))
    return tuple(out)
