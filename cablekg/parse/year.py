"""The year of a cable whose text lost its date-time group (partial extracts).

Every year from 1966 to 2010 is scored against what the text says, and the best wins:
- the declassification date: most often ten years after the cable, else five, fifteen, twenty or
  twenty-five years; never before it;
- the executive order in force (11652 1972-78, 12065 1978-82, 12356 1982-95, 12958 1995-2009,
  13292 2003-09, 13526 from 2009);
- references written with a year (`04 STATE 1234`): the cable is not older, and usually a year
  younger, since posts write the year of last year's cables;
- years the subject and text mention: a cable rarely mentions a year more than two years after it
  was written, and mostly mentions its own year or earlier ones.
"""

from __future__ import annotations

import re

from cablekg.parse.telegram import Parts

_YEAR = re.compile(r"(?<![\d/.$-])(19[6-9]\d|200\d|2010)(?![\d/%])")
_REF_YEAR = re.compile(
    r"(?<![\d/])(\d{2})\s+[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?\s+\d{1,6}\b|\((\d{2})\)"
)
ORDERS = {"11652": (1972, 1978), "12065": (1978, 1982), "12356": (1982, 1995),
          "12958": (1995, 2010), "13292": (2003, 2009), "13526": (2009, 2010)}  # fmt: skip
_DECL_OFFSETS = {10: 0.0, 5: 1.0, 15: 1.5, 20: 1.8, 25: 2.0}


def estimate_year(parts: Parts) -> tuple[int | None, str]:
    """(year, what it rests on) or (None, '') when the text gives no clue."""
    decl = parts.declassification
    decl_year = int(decl.date[:4]) if decl and decl.date else None
    order = ORDERS.get(decl.order or "") if decl else None
    texts = [parts.subject or ""] + [p.text for p in parts.paragraphs]
    mentioned = [int(y) for text in texts for y in _YEAR.findall(text)]
    if decl_year:
        mentioned = [y for y in mentioned if y < decl_year]
    ref_years = [_full(a or b) for a, b in _REF_YEAR.findall(parts.ref_text or "")]
    ref_years = [y for y in ref_years if 1966 <= y <= 2010]
    if not (decl_year or mentioned or ref_years):
        return None, ""

    def score(year: int) -> float:
        penalty = 0.0
        if decl_year:
            if year > decl_year:
                return float("inf")
            penalty += _DECL_OFFSETS.get(decl_year - year, 3.0)
        if order and not order[0] - 1 <= year <= order[1]:
            penalty += 4.0
        if ref_years:
            newest = max(ref_years)
            if year < newest:
                return float("inf")
            penalty += 0.0 if year == newest + 1 else 0.6 if year == newest else 1.2
        if mentioned:
            penalty += 1.5 * sum(1 for y in mentioned if y > year + 2) / len(mentioned) * 2
            penalty += 0.4 * sum(1 for y in mentioned if y > year) / len(mentioned)
            latest = (
                max(y for y in mentioned if y <= year + 2)
                if any(y <= year + 2 for y in mentioned)
                else None
            )
            if latest is not None and not decl_year:
                penalty += 0.3 * max(0, year - latest)
        return penalty

    best = min(range(1966, 2011), key=lambda y: (score(y), -y))
    if score(best) == float("inf"):
        return None, ""
    witnesses = (
        ("the declassification date", decl_year),
        ("dated references", ref_years),
        ("the years the text mentions", mentioned),
    )
    clues = [clue for clue, present in witnesses if present]
    return best, " and ".join(clues)


def _full(two: str) -> int:
    year = int(two)
    return 1900 + year if year >= 66 else 2000 + year
