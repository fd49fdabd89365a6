"""The TAGS line: subject, program, organisation, geographic and person tags.

Codes are separated by spaces, commas or semicolons and may wrap over lines. Repairs, all checked
against the TAGS vocabulary:
- run-together codes are split when every part is a known code (`PRELEAGR` -> PREL EAGR,
  `ITPHUM` -> IT PHUM);
- a code one letter away from exactly one known code is read as that code (`PHIM` -> PHUM);
- of two TAGS lines (OCR printed a garbled copy) the one with more known codes wins.
Person tags are kept as written: `RICE, CONDOLEEZZA`, `OVIP (CLINTON, HILLARY)`.
"""

from __future__ import annotations

import re
from typing import Final

from cablekg.parse.ids import _one_edit
from cablekg.parse.vocab import tag_codes, wikileaks_tags

TAGS_LINE: Final = re.compile(r"^\s*(?:T\s?A\s?G\s?S?|AGS)\s*(?::|\s)\s*(.*)$", re.I)
_PAREN_PERSON: Final = re.compile(r"\(([A-Z][A-Z'.-]+,\s*[A-Z][A-Z' .-]+)\)")
_TOKEN: Final = re.compile(r"([^\s,;()]+)([\s,;()]*)")
_SPLIT: Final = re.compile(r"[\s,;]+")
_TAGS_WORD: Final = re.compile(r"^\s*(?:TAGS?|AGS)\b", re.I)
_TAGS_SPACED: Final = re.compile(r"^\s*T\s?A\s?G\s?S")


def tag_line_text(line: str) -> str | None:
    """What follows `TAGS:` (or a damaged `AGS:`), when `line` is a TAGS line."""
    match = TAGS_LINE.match(line)
    if not match:
        return None
    head = line.lstrip()[:5].upper()
    if head.startswith("AGS") and ":" not in line[:6]:
        return None
    if not _TAGS_WORD.match(line) and not _TAGS_SPACED.match(line):
        return None
    return match[1]


def known_share(text: str) -> float:
    """Share of the tokens of a TAGS text that are known codes."""
    tokens = [t for t in _SPLIT.split(text.upper()) if t]
    if not tokens:
        return 0.0
    codes = tag_codes()
    return sum(t in codes for t in tokens) / len(tokens)


def read_tags(text: str) -> tuple[list[str], list[str]]:
    """(tags in order, deduplicated; repairs) of the text after `TAGS:`."""
    codes = tag_codes()
    tags: list[str] = []
    repairs: list[str] = []
    upper = text.upper()
    for match in _PAREN_PERSON.finditer(upper):  # OVIP (CLINTON, HILLARY)
        upper = upper.replace(match[0], " ")
    tokens = _TOKEN.findall(upper)
    i = 0
    while i < len(tokens):
        token, separator = tokens[i]
        token = token.strip(".:/-\"'")
        if i + 1 < len(tokens) and "," in separator and _is_name(token, codes):
            following = tokens[i + 1][0].strip(".:/-")
            if _is_name(following, codes):
                tags.append(f"{token}, {following}")  # a person tag: RICE, CONDOLEEZZA
                i += 2
                continue
        if token.isalpha() and token in codes:  # the usual token: a known code
            tags.append(token)
            i += 1
            continue
        for code, repair in _repair(token, codes) if any(c.isalpha() for c in token) else ():
            tags.append(code)
            if repair:
                repairs.append(repair)
        i += 1
    for match in _PAREN_PERSON.finditer(text.upper()):
        tags.append(", ".join(part.strip() for part in match[1].split(",", 1)))
    return list(dict.fromkeys(tags)), repairs


def _is_name(token: str, codes: frozenset[str]) -> bool:
    return (
        len(token) >= 3
        and token.replace("'", "").replace("-", "").isalpha()
        and token not in codes
        and not _split_run(token, codes)
    )


def _repair(token: str, codes: frozenset[str]) -> list[tuple[str, str | None]]:
    if token in codes or not token.isalpha():
        return [(token, None)]
    split = _split_run(token, codes)
    if split:
        return [(split[0], f"TAGS {token} split into {' '.join(split)}")] + [
            (s, None) for s in split[1:]
        ]
    if token in wikileaks_tags():
        return [(token, None)]  # a spelling WikiLeaks itself uses as a tag: kept as written
    if len(token) >= 4:
        near = [c for c in codes if _near_code(c, token)]
        if len(near) == 1:
            return [(near[0], f"TAGS {token} read as {near[0]}")]
    return [(token, None)]


def _near_code(code: str, token: str) -> bool:
    """One substitution away, or one letter more or less for tokens of five letters or more."""
    if len(code) == len(token):
        return code.isalpha() and _one_edit(code, token)
    return (
        len(token) >= 5
        and len(code) >= 4
        and abs(len(code) - len(token)) == 1
        and _one_edit(code, token)
    )


def _split_run(token: str, codes: frozenset[str]) -> list[str] | None:
    """`PRELEAGR` -> [PREL, EAGR]: the split into fewest known codes (fewest two-letter ones on
    a tie); only tokens of five letters or more, and only when a part has four letters or more."""
    n = len(token)
    if n < 5 or n > 48:
        return None
    best: list[tuple[int, int, list[str]] | None] = [None] * (n + 1)
    best[0] = (0, 0, [])
    for end in range(2, n + 1):
        for length in range(2, min(end, 8) + 1):
            prev = best[end - length]
            part = token[end - length : end]
            if prev is None or part not in codes:
                continue
            candidate = (prev[0] + 1, prev[1] + (length == 2), [*prev[2], part])
            current = best[end]
            if current is None or candidate[:2] < current[:2]:
                best[end] = candidate
    found = best[n]
    if not found or found[0] < 2 or max(len(p) for p in found[2]) < 4:
        return None
    return found[2]
