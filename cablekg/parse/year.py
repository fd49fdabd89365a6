"""The year of a cable whose text lost its date-time group (partial extracts).

Every year from 1966 to 2010 gets a penalty from each clue the text gives, and the year with the
smallest sum wins. The clues, strongest first:
- the declassification date: most often ten years after the cable, then twenty, twenty-five,
  five (and a few other periods); never before it;
- the executive order named: 11652 1972-78, 12065 1978-82, 12356 1982-95, 12958 1995-2010
  (posts wrote it until 13526 took effect in mid-2010), 13292 2003-09, 13526 from late 2009;
  classification reasons numbered 1.4 under E.O. 12958 are the 2003 amendment's numbering (the
  original order's reasons were 1.5), so such a cable is from 2003 or later;
- events the text tells in the past (`indicted in 2000`, `since 2004`, `was elected in 1998`):
  the cable is not older than the latest of them;
- references written with a year (`04 STATE 1234`): the cable is not older, and usually a year
  younger, since posts write the year of last year's cables;
- every year the subject and text mention: a cable rarely mentions a year more than two years
  after it was written, and mostly mentions its own year or earlier ones.
Only the year is estimated: a cable without a date-time group keeps its date null.
"""

from __future__ import annotations

import re
from typing import Final

from cablekg.parse.telegram import Parts

_YEAR: Final = re.compile(r"(?<![\d/.$-])(19[6-9]\d|200\d|2010)(?![\d/%]|'?s\b)")  # not `1970s`
_REF_YEAR: Final = re.compile(
    r"(?<![\d/])(\d{2})\s+[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?\s+\d{1,6}\b|\((\d{2})\)"
)
ORDERS: Final = {"11652": (1972, 1978), "12065": (1978, 1982), "12356": (1982, 1995),
          "12958": (1995, 2010), "13292": (2003, 2009), "13526": (2009, 2010)}  # fmt: skip
# Penalty of each declassification period (DECL year - cable year), roughly -log of how often
# cables use it; any other period up to 30 years costs `_OTHER_PERIOD`.
_DECL_PERIODS: Final = {10: 0.0, 20: 2.0, 25: 2.5, 5: 3.0, 9: 3.0, 15: 3.0, 30: 3.5}
_OTHER_PERIOD: Final = 4.5
_ORDER_PENALTY: Final = 8.0  # a year outside the named order's time in force
_AMENDED_PENALTY: Final = 3.0  # 1.4 reasons under E.O. 12958 before its 2003 amendment
_PAST_PENALTY: Final = 4.0  # older than an event the text tells in the past
# A year told as a past event: `in`, `since` or `during` (perhaps with a month, `in March 2000`)
# before it, a past-tense word (or `since`, `ago`) shortly before that in the same clause, and no
# word of the future, of plans or of possibility in the clause before it (`to be issued in
# March 2008`).
_PAST_BEFORE: Final = re.compile(
    r"\b(?:was|were|had|did|since|ago|last|former|previous|earlier|[a-z]{2,}ed)\b[^.;:!?]{0,25}"
    r"\b(?:in|since|during)\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\.?\s+(?:\d{1,2},?\s+)?)?$",
    re.I,
)
_CLAUSE_START: Final = re.compile(r"[.;:!?(]")
_NOT_PAST: Final = re.compile(
    r"\b(?:will|would|shall|could|should|may|might|can|must|be|is|are|next|until|by|through"
    r"|expected|scheduled|planned|proposed|projected|anticipated|intended|slated|targeted"
    r"|estimated|budgeted|requested|supposed|postponed|delayed|predicted|FY|CY)\b",
    re.I,
)


def estimate_year(parts: Parts) -> tuple[int | None, str]:
    """(year, what it rests on) or (None, '') when the text gives no clue."""
    decl = parts.declassification
    decl_year = int(decl.date[:4]) if decl and decl.date else None
    order = ORDERS.get(decl.order or "") if decl else None
    amended = bool(
        decl
        and decl.order == "12958"
        and parts.classified_by
        and any(reason.startswith("1.4") for reason in parts.classified_by.reasons)
    )
    texts = [parts.subject or ""] + [p.text for p in parts.paragraphs]
    mentioned, past = _mentions(texts)
    if decl_year:
        mentioned = [y for y in mentioned if y < decl_year]
        past = [y for y in past if y < decl_year]
    latest_past = max(past) if past else None
    ref_years = [_full(a or b) for a, b in _REF_YEAR.findall(parts.ref_text or "")]
    ref_years = [y for y in ref_years if 1966 <= y <= 2010]
    if not (decl_year or mentioned or ref_years):
        return None, ""

    def score(year: int) -> float:
        penalty = 0.0
        if decl_year:
            if year > decl_year:
                return float("inf")
            penalty += _DECL_PERIODS.get(decl_year - year, _OTHER_PERIOD)
        if order and not order[0] - 1 <= year <= order[1]:
            penalty += _ORDER_PENALTY
        if amended and year < 2003:
            penalty += _AMENDED_PENALTY
        if latest_past is not None and year < latest_past:
            penalty += _PAST_PENALTY
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
            if latest is not None:
                penalty += (0.1 if decl_year else 0.3) * max(0, year - latest)
        return penalty

    best = min(range(1966, 2011), key=lambda y: (score(y), -y))
    if score(best) == float("inf"):
        return None, ""
    witnesses = (
        ("the declassification date", decl_year),
        ("the executive order", order),
        ("dated references", ref_years),
        ("past events the text tells", past),
        ("the years the text mentions", mentioned),
    )
    clues = [clue for clue, present in witnesses if present]
    return best, " and ".join(clues)


def _mentions(texts: list[str]) -> tuple[list[int], list[int]]:
    """Every year the texts mention, and those told as past events."""
    mentioned: list[int] = []
    past: list[int] = []
    for text in texts:
        for match in _YEAR.finditer(text):
            year = int(match[1])
            mentioned.append(year)
            before = _CLAUSE_START.split(text[max(0, match.start() - 60) : match.start()])[-1]
            if _PAST_BEFORE.search(before) and not _NOT_PAST.search(before):
                past.append(year)
    return mentioned, past


def _full(two: str) -> int:
    year = int(two)
    return 1900 + year if year >= 66 else 2000 + year
