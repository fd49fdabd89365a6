"""One pass over a text segment that cuts it into chunks of name-like words, shared by the
people and organisation finders.

In mixed-case text a chunk is a run of capitalised words with the particles between them
("Juma bin Ali al-Juma", "Royal Oman Police", "NEA/ARP"); lone common words ("The", "However")
are dropped at once. Upper-case text has no such cue: the whole segment is one chunk of tokens,
with breaks at punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from cablekg.entities.lexicon import lexicon
from cablekg.entities.patterns import LOWER_BODY, patterns
from cablekg.entities.words import (
    ABBREVIATIONS,
    ACRONYM,
    DICTIONARY,
    HONORIFIC,
    INITIAL,
    NAME,
    PARTICLE,
    PLACE,
    STOP,
    TITLE,
    base,
    token_kind,
)

_ABBREVIATED = frozenset(a.lower() + "." for a in ABBREVIATIONS)
_NO_BREAKS = (False,) * 64  # mixed-case chunks: capitalisation, not punctuation, bounds them
_CLOSERS = ',.;:!?)]"\u201d-'  # punctuation that ends a phrase
_OPENERS = "([\"\u201c'\u2018"
_TOKEN = re.compile(r"[^ \n-]+(?:-[^ \n-]+)*-?")  # "MANDELA--WHO" is two tokens
_USELESS_ALONE = frozenset("STNPHIO")  # kinds of lone words that name nothing by themselves


@dataclass(slots=True)
class Chunk:
    tokens: Sequence[str]
    kinds: Sequence[str]
    offsets: list[int]
    breaks: Sequence[bool]  # a token ends a phrase (punctuation after it)
    capitals: tuple[int, ...] = ()  # tokens written in capitals, which may be acronyms
    known: bool = False  # a token may begin an organisation known by a bare name


def chunks(text: str, upper: bool) -> list[Chunk]:
    return _upper_chunks(text) if upper else _mixed_chunks(text)


def _mixed_chunks(text: str) -> list[Chunk]:
    found: list[Chunk] = []
    for match in patterns().chunk.finditer(text):
        chunk = match.group()
        start = match.start()
        tokens, kinds, useful = _shape(chunk)
        body = kinds[-1] == PLACE and LOWER_BODY.match(text, match.end())
        if not useful and not body:
            continue  # a lone common word; but keep "Turkish" of "the Turkish military"
        if start:
            before = text[start - 1]
            if before == "-" or (before == " " and (NAME in kinds or PARTICLE in kinds)):
                lead = _lead_particle(text, start)  # "al-Hilali", "van Voorst", "de la Fuente"
                if lead is not None:
                    start = lead
                    tokens, kinds, useful = _shape(text[start : match.end()])
            elif before != " " and (before.isalnum() or before in "_/&.'\u2019"):
                continue  # "eBay"
        offsets = []
        pos = start
        for token in tokens:
            offsets.append(pos)
            pos += len(token) + 1
        capitals, known = _marks(tokens)
        found.append(Chunk(tokens, kinds, offsets, _NO_BREAKS[: len(tokens)], capitals, known))
    return found


@lru_cache(maxsize=32768)
def _marks(tokens: tuple[str, ...]) -> tuple[tuple[int, ...], bool]:
    """Which tokens may be acronyms ("UN", "GoB"), and whether one may begin a known name."""
    capitals = tuple(
        i for i, t in enumerate(tokens) if t[1:2].isupper() or t.startswith("Go") or t[1:2] == "."
    )
    starts = lexicon().organisation_starts
    return capitals, any(base(t).lower() in starts for t in tokens)


@lru_cache(maxsize=32768)
def _shape(chunk: str) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """The tokens and word kinds of a chunk (cached: chunks recur from cable to cable), and
    whether any finder has a use for it."""
    lex = lexicon()
    tokens = tuple(chunk.split(" "))
    kinds = [token_kind(t, False) for t in tokens]
    for i in range(len(kinds) - 1):
        # "Christian Poncelet", "Jordan Smith": a given name that is also a people or place
        low = tokens[i].lower()
        if (
            kinds[i] == PLACE
            and kinds[i + 1] == NAME
            and low in lex.given
            and low not in lex.places
        ):
            kinds[i] = NAME
    useful = (
        len(tokens) > 1
        or kinds[0] not in _USELESS_ALONE
        or base(chunk).lower() in lex.organisation_starts
    )
    return tokens, tuple(kinds), useful


def _lead_particle(text: str, start: int) -> int | None:
    """Where a name begins when particles written in lower case precede its first capital."""
    lex = lexicon()
    cut = start - 1
    if text[cut] == " " and not (cut > 1 and text[cut - 1].islower()):
        return None
    if text[cut] == "-":  # looks back a few letters only: particles are short
        low = max(0, cut - 8)
        begin = max(text.rfind(" ", low, cut), text.rfind("(", low, cut)) + 1
        if not begin and low:
            return None
        return begin if text[begin:cut].lower() + "-" in lex.joined_particles else None
    found = None
    for _ in range(2):  # "de la", "bin", "van der"
        begin = text.rfind(" ", max(0, cut - 7), cut) + 1
        if cut - begin > 5:
            break
        word = text[begin:cut]
        if not word or word not in lex.particles or not word.islower():
            break
        found = begin
        cut = begin - 1
        if cut < 0:
            break
    return found


def _upper_chunks(text: str) -> list[Chunk]:
    tokens: list[str] = []
    offsets: list[int] = []
    breaks: list[bool] = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        skip = 0
        if raw[0] in _OPENERS:
            skip = len(raw) - len(raw.lstrip(_OPENERS))
            if breaks:
                breaks[-1] = True  # an opening bracket or quote starts afresh
        token = raw[skip:]
        tokens.append(token)
        offsets.append(match.start() + skip)
        end = match.end()
        initial = (len(token) == 2 and token[1] == ".") or token.lower() in _ABBREVIATED
        breaks.append((raw[-1] in _CLOSERS and not initial) or text[end : end + 1] == "\n")
    kinds = [token_kind(t, True) if t else STOP for t in tokens]
    given = lexicon().given
    for i in range(1, len(kinds)):
        # An English word right after a title or a given name is a name: "PRESIDENT BUSH",
        # "COL. CHARLES RAY".
        if kinds[i] != DICTIONARY or breaks[i - 1]:
            continue
        previous = kinds[i - 1]
        after_given = previous == NAME and tokens[i - 1].lower() in given
        if previous in (TITLE, HONORIFIC, INITIAL) or after_given:
            kinds[i] = NAME
    starts = lexicon().organisation_starts
    capitals = tuple(
        i
        for i, (t, k) in enumerate(zip(tokens, kinds, strict=True))
        if k == ACRONYM or "/" in t or t[:2] == "GO" or t[1:2] == "."
    )
    known = any(base(t).lower() in starts for t in tokens)
    return [Chunk(tokens, kinds, offsets, breaks, capitals, known)]
