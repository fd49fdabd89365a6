"""Handling and dissemination markings: SIPDIS, NOFORN, EXDIS, SBU ...

A caveat line holds nothing but markings. OCR damage is repaired against the caveat list: a token
one letter away from exactly one known marking of five or more letters is that marking
(`STPDIS` -> `SIPDIS`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from cablekg.parse.text import has_lower
from cablekg.parse.vocab import CAVEATS

_TOKEN: Final = re.compile(r"[A-Z][A-Z/-]*")
# Multi-word markings and their canonical spelling.
_PHRASES: Final = (
    (re.compile(r"\bSENSITIVE\s+BUT\s+UNCLASSIFIED\b", re.I), "SBU"),
    (re.compile(r"\bFOR\s+OFFICIAL\s+USE\s+ONLY\b", re.I), "FOUO"),
    (re.compile(r"\bE\s?F\s?T\s?O\b"), "EFTO"),
)
_SEPARATORS: Final = re.compile(r"[\s,;/]+")
_TOKENS: Final = re.compile(r"[\s,;]+")
_PHRASE_STARTS: Final = ("SENSITIVE", "FOR OFFICIAL", "E F T O", "EFTO")
_ALIASES: Final = {"SENSITIVE": "SBU", "SBU": "SBU", "NOFORN": "NOFORN", "NF": "NOFORN"}
_KNOWN: Final = frozenset(CAVEATS)
_LONG: Final = tuple(c for c in CAVEATS if len(c) >= 5 and " " not in c)


@lru_cache(maxsize=4096)
def caveat_of(token: str) -> tuple[str | None, bool]:
    """(canonical marking, repaired?) of one token; (None, False) when it is no marking."""
    token = token.upper().strip(",.;:")
    if token in _ALIASES:
        return _ALIASES[token], False
    if token in _KNOWN:
        return token, False
    if len(token) >= 5:
        near = _near_long(token)
        if near is not None:
            return near, True
    return None, False


def _build_index() -> dict[tuple[int | str, str], set[int]]:
    """Ranks in `_LONG` of the markings found from a token one edit away, by key: the marking
    itself (the token has a letter more), each deletion of it (the token lacks that letter),
    and each deletion with its position (the token has another letter there)."""
    index: dict[tuple[int | str, str], set[int]] = {}
    for rank, marking in enumerate(_LONG):
        keys: list[tuple[int | str, str]] = [("=", marking)]
        for i in range(len(marking)):
            shorter = marking[:i] + marking[i + 1 :]
            keys += [("-", shorter), (i, shorter)]
        for key in keys:
            index.setdefault(key, set()).add(rank)
    return index


_EDITS: Final = _build_index()


def _near_long(token: str) -> str | None:
    """The first marking of `_LONG` (CAVEATS is ordered by how common a marking is) one letter
    away from `token` (substituted, added or left out), found through `_EDITS` instead of
    comparing the token with every marking."""
    ranks = set(_EDITS.get(("-", token), ()))
    for i in range(len(token)):
        shorter = token[:i] + token[i + 1 :]
        ranks.update(_EDITS.get(("=", shorter), ()), _EDITS.get((i, shorter), ()))
    return _LONG[min(ranks)] if ranks else None


def read_caveat_line(line: str) -> tuple[list[str], list[str]] | None:
    """(markings, repairs) when `line` holds only markings, else None."""
    text = line.strip().strip("-*. ")
    if not text or len(text) > 80 or has_lower(text):
        return None
    first = _SEPARATORS.split(text, 1)[0]
    if not caveat_of(first)[0] and not text.startswith(_PHRASE_STARTS):
        return None  # the usual case: an office line or a field, not markings
    found: list[str] = []
    for pattern, canonical in _PHRASES:
        if pattern.search(text):
            found.append(canonical)
            text = pattern.sub(" ", text)
    repairs: list[str] = []
    for token in _TOKENS.split(text):
        token = token.strip("/")
        if not token:
            continue
        caveat, repaired = caveat_of(token)
        if not caveat:
            return None
        if repaired:
            repairs.append(f"caveat {token} read as {caveat}")
        found.append(caveat)
    return (found, repairs) if found else None


def edge_caveats(line: str) -> tuple[str, list[str]]:
    """Markings glued to the start or end of an office line: (line without them, markings)."""
    words = line.split()
    found: list[str] = []
    while words:
        caveat = _plain_caveat(words[0])
        if not caveat:
            break
        found.append(caveat)
        words.pop(0)
    tail: list[str] = []
    while words:
        caveat = _plain_caveat(words[-1])
        if not caveat:
            break
        tail.insert(0, caveat)
        words.pop()
    return " ".join(words), found + tail


def _plain_caveat(word: str) -> str | None:
    """A marking spelled right (no repair) that cannot be an office word."""
    caveat, repaired = caveat_of(word)
    if (
        not caveat
        or repaired
        or (caveat in ("CODEL", "MEDIA", "VISAS", "SBU") and word != "SENSITIVE")
    ):
        return None
    return caveat
