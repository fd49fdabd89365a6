"""`Classified By: Charge d'Affaires Alfred F. Fonteneau, reasons 1.4 b/d.`

The classifier is written title-first (`Political Counselor John S. Creamer`) or name-first with
a comma (`Kathleen Allegrone, Political Minister-Counselor`). The name is the run of capitalised
name words at the end (or start) of the classifier that are not title words; a generational
suffix (`Clark T. Randt, Jr.`) stays with the name, a surname alone after a title is the name
(`Ambassador Wayne`), and the words that lead to the reasons (`per`, `for`, a `reasons` broken
by a stray space) are not part of it. Reasons are normalised to `1.4(b)` whatever their
spelling: `1.4 b/d`, `1.4 (b) and (d)`, `1.5 (B,D)`.
"""

from __future__ import annotations

import re
from typing import Final

from cablekg.model import ClassifiedBy

CLASSIFIED_LINE: Final = re.compile(r"^\s*(?:\([A-Z/]+\)\s*)?CLASSIFIED\s+BY\b\s*:?\s*(.*)$", re.I)
_REASONS: Final = re.compile(
    r"(?:\b(?:FOR\s+)?(?:REASONS?|REA ?SONS?|REAS ?ONS?|REASO ?NS?)\b\s*:?"
    r"|\bE\.?\s?O\.?\s*\d{5}\b|(?<![\d.])(?=1\.[4-6](?!\d)))",
    re.I,
)
_SECTION: Final = re.compile(r"(?<![\d.])(1\.[4-6])(?![\d])|(?<![A-Za-z])([A-Ha-h])(?![A-Za-z])")
_TITLE_WORDS: Final = frozenset(
    [
        "ambassador",
        "amb",
        "adcm",
        "cda",
        "congen",
        "embassy",
        "consulate",
        "u.s.",
        "charge",
        "chargé",
        "d'affaires",
        "affaires",
        "a.i.",
        "ai",
        "deputy",
        "chief",
        "mission",
        "dcm",
        "political",
        "economic",
        "econ",
        "pol",
        "polcouns",
        "econcouns",
        "poloff",
        "econoff",
        "counselor",
        "counsellor",
        "couns",
        "minister",
        "minister-counselor",
        "section",
        "officer",
        "director",
        "consul",
        "general",
        "principal",
        "acting",
        "assistant",
        "secretary",
        "state",
        "defense",
        "secretary's",
        "head",
        "unit",
        "rso",
        "attache",
        "attaché",
        "advisor",
        "adviser",
        "senior",
        "special",
        "representative",
        "envoy",
        "coordinator",
        "manager",
        "affairs",
        "office",
        "of",
        "the",
        "for",
        "and",
        "a/s",
        "das",
        "pao",
        "polmil",
        "pol-mil",
        "pol/econ",
        "econ/pol",
        "chief,",
        "charg",
    ]
)
_NAME_WORD: Final = re.compile(
    r"^(?:[A-Z][A-Za-z'`-]*\.?|[A-Z]\.|[A-Z]\.[A-Z][A-Za-z'-]+|(?:der|den|dos|da|del)|Mc[A-Z][a-z]+|[A-Z][a-z]+-[A-Z][a-z]+|(?:de|van|von|al|el|bin|la|le|du)(?:-[A-Z][a-z]+)?)$"
)


# A generational suffix ending the name, and words that lead to the reasons.
# Searches start where a match can first begin (a comma, or the first of a run of spaces) and
# take at most 20 lead-out words, so their time stays linear in the text.
_SUFFIX: Final = re.compile(r"(?:,|(?<![\s,]))\s+(Jr\.?|Sr\.?|JR\.?|SR\.?|II|III|IV)$")
_LEAD_OUT: Final = re.compile(r"(?<!\s)(?:\s+(?:per|for|fo r|under|by)){1,20}$", re.I)
_LEAD_IN: Final = re.compile(
    r"^(?:\([A-Z/]+\)\s*)?Classified\s+By\b\s*:?\s*", re.I
)  # written twice


def read_classified_by(text: str) -> ClassifiedBy:
    """Name, title and reasons of what follows `Classified By:` (continuation lines joined)."""
    text = " ".join(text.split())
    cut = _REASONS.search(text)
    who, reasons_text = (text[: cut.start()], text[cut.start() :]) if cut else (text, "")
    who = _LEAD_OUT.sub("", _LEAD_IN.sub("", who.strip(" ,;.:-"))).strip(" ,;.:-")
    suffix = _SUFFIX.search(who)
    if suffix:
        who = who[: suffix.start()]
    name, title = _split_who(who)
    if suffix and name:
        name += suffix[0]  # as written: `Randt, Jr` or `Mills Jr`
    return ClassifiedBy(name=name, title=title, reasons=tuple(read_reasons(reasons_text)))


def read_reasons(text: str) -> list[str]:
    """`1.4 (b) and (d)` -> ['1.4(b)', '1.4(d)']."""
    reasons: list[str] = []
    section = None
    for match in _SECTION.finditer(text):
        if match[1]:
            if section and not any(r.startswith(section) for r in reasons):
                reasons.append(section)
            section = match[1]
        elif section:
            reason = f"{section}({match[2].lower()})"
            if reason not in reasons:
                reasons.append(reason)
    if section and not any(r.startswith(section) for r in reasons):
        reasons.append(section)
    return reasons


def _split_who(who: str) -> tuple[str | None, str | None]:
    if not who:
        return None, None
    parts = [p.strip() for p in who.split(",") if p.strip()]
    if len(parts) > 1:
        for n, part in enumerate(parts):
            if _is_name(part.split()):
                title = ", ".join(parts[:n] + parts[n + 1 :]) or None
                return part, title
        name, title = _name_at_end(parts[0])
        if name:
            rest = ", ".join(parts[1:])
            return name, f"{title}, {rest}" if title else rest
    return _name_at_end(who)


def _name_at_end(who: str) -> tuple[str | None, str | None]:
    """`Political Counselor John S. Creamer` -> (name, title); a surname alone after titles."""
    words = who.split()
    n = len(words)
    while (
        n > 0
        and len(words) - n < 4
        and _NAME_WORD.match(words[n - 1])
        and not _is_title(words[n - 1])
    ):
        n -= 1
    if len(words) - n >= 2 or (
        len(words) - n == 1
        and len(words[n]) >= 4
        and n > 0
        and all(_is_title(w) for w in words[:n])
    ):
        return " ".join(words[n:]), " ".join(words[:n]) or None
    return None, who


def _is_title(word: str) -> bool:
    return word.lower().strip(",.;:") in _TITLE_WORDS or "/" in word


def _is_name(words: list[str]) -> bool:
    return 2 <= len(words) <= 4 and all(_NAME_WORD.match(w) and not _is_title(w) for w in words)
