"""The E.O. line: executive order and declassification instruction.

`E.O. 12958: DECL: 09/25/2017` -> order 12958, date 2017-09-25. Every order of the corpus is read
(11652, 12065, 12356, 12958, 13292, 13526) with dates in US order, ISO order or two-digit years,
and non-date instructions kept as written (`OADR`, `N/A`, `GDS`, `1.6X1`, `25X1`, `TWENTY YEARS`).
Under E.O. 12065 the line also names the classifier and their office: `E.O. 12065: GDS 9/7/85
(XUX, DENNIS) CR-P`; that is the cable's `classified_by` when it has no Classified By line.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from cablekg.model import ClassifiedBy, Declassification

EO_LINE: Final = re.compile(r"^\s*E\.?\s?O\.?\s*(\d{5})\b\s*:?\s*(.*)$", re.I)
DECL_LINE: Final = re.compile(r"^\s*(?:DECL(?:ASSIFY)?(?:\s+ON)?|DNG)\s*:\s*(.*)$", re.I)
_DECL_WORD: Final = re.compile(r"^(?:DECL(?:ASSIFY)?l?(?:\s+ON)?\s*:?\s*)", re.I)
_US_DATE: Final = re.compile(r"(?<![\d/])(\d{1,2})\s?/\s?(\d{1,2})\s?/\s?(\d{4}|\d{2})(?![\d/])")
_ISO_DATE: Final = re.compile(r"(?<!\d)(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?!\d)")
_CLASSIFIER: Final = re.compile(
    r"\((?P<surname>[A-Z][A-Za-z'-]+(?: [A-Z][A-Za-z'-]+)?), ?"
    r"(?P<given>[A-Z][A-Za-z'-]*\.?(?: [A-Z][A-Za-z'-]*\.?){0,2})\)"
    r"(?: (?P<office>[A-Z0-9/-]{1,10}))?$"
)


def eo_classifier(line: str) -> ClassifiedBy | None:
    """The classifier an E.O. line names, given name first: `(TOMSETH, VICTOR L.) OR-P`."""
    match = EO_LINE.match(line)
    found = _CLASSIFIER.search(" ".join(match[2].split()).strip(" :;")) if match else None
    if not found:
        return None
    return ClassifiedBy(name=f"{found['given']} {found['surname']}", title=None, reasons=())


def read_eo(line: str) -> Declassification | None:
    """The declassification of an `E.O.` (or bare `DECL:`) line."""
    match = EO_LINE.match(line)
    if match:
        return read_instruction(match[2], order=match[1])
    match = DECL_LINE.match(line)
    if match:
        return read_instruction(line, order=None)
    return None


def read_instruction(text: str, order: str | None) -> Declassification:
    """Date and instruction of what follows the order number."""
    text = " ".join(text.split()).strip(" :;.")
    iso = None
    found = _ISO_DATE.search(text)
    if found:
        iso = _iso(int(found[1]), int(found[2]), int(found[3]))
    else:
        found = _US_DATE.search(text)
        if found:
            month, day, year = int(found[1]), int(found[2]), int(found[3])
            if month > 12 >= day:
                month, day = day, month
            iso = _iso(
                year if year > 99 else (2000 + year if year < 66 else 1900 + year), month, day
            )
    classifier = _CLASSIFIER.search(text)
    if classifier:
        text = text[: classifier.start()].strip()
    instruction = text
    if found and iso:
        instruction = (text[: found.start()] + " " + text[found.end() :]).strip()
    instruction = " ".join(_DECL_WORD.sub("", instruction).split()).strip(" :;.,")
    return Declassification(order=order, date=iso, instruction=instruction or None)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
