"""One pass over a text segment that cuts it into chunks of name-like words, shared by the
people and organisation finders.

In mixed-case text a chunk is a run of capitalised words with the particles between them
("Juma bin Ali al-Juma", "Royal Oman Police", "NEA/ARP"); lone common words ("The", "However")
are dropped at once. Upper-case text has no such cue: the whole segment is one chunk of tokens,
with breaks at punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cablekg.entities.lexicon import lexicon
from cablekg.entities.patterns import LOWER_BODY, patterns
from cablekg.entities.words import (
    DICTIONARY,
    HONORIFIC,
    INITIAL,
    NAME,
    PLACE,
    STOP,
    TITLE,
    token_kind,
)

_BREAK = re.compile(r"[,.;:!?)\]\"\u201d-]$")
_LEAD = re.compile(r"^[(\[\"\u201c'\u2018]+")
_TOKEN = re.compile(r"[^ \n-]+(?:-[^ \n-]+)*-?")  # "MANDELA--WHO" is two tokens
_USELESS_ALONE = frozenset("STNPHIO")  # kinds of lone words that name nothing by themselves


@dataclass(slots=True)
class Chunk:
    tokens: list[str]
    kinds: list[str]
    offsets: list[int]
    breaks: list[bool]  # a token ends a phrase (punctuation after it)


def chunks(text: str, upper: bool) -> list[Chunk]:
    return _upper_chunks(text) if upper else _mixed_chunks(text)


def _mixed_chunks(text: str) -> list[Chunk]:
    found: list[Chunk] = []
    lex = lexicon()
    known = lex.organisation_starts
    given = lex.given
    kind_of = token_kind
    for match in patterns().chunk.finditer(text):
        chunk = match.group()
        start = match.start()
        single = " " not in chunk
        if single:  # most chunks are one word: "The", "Oman", "Lagon", "ROP"
            first = kind_of(chunk, False)
            useless = first in _USELESS_ALONE and chunk.lower() not in known
            if useless and (first != PLACE or not LOWER_BODY.match(text, match.end())):
                continue  # but keep "Turkish" of "the Turkish military"
        else:
            first = None
        if start:
            before = text[start - 1]
            if before == "-" or (before == " " and first in (NAME, None)):
                lead = _lead_particle(text, start)  # "al-Hilali", "van Voorst", "de la Fuente"
                if lead is not None:
                    start = lead
                    chunk = text[start : match.end()]
                    single = False
            elif before != " " and (before.isalnum() or before in "_/&.'\u2019"):
                continue  # "eBay"
        if single:
            found.append(Chunk([chunk], [first], [start], [False]))
            continue
        tokens = chunk.split(" ")
        offsets = []
        pos = start
        for token in tokens:
            offsets.append(pos)
            pos += len(token) + 1
        kinds = [kind_of(t, False) for t in tokens]
        for i in range(len(kinds) - 1):
            # "Christian Poncelet", "Jordan Smith": a given name that is also a people or place
            if kinds[i] == PLACE and kinds[i + 1] == NAME and tokens[i].lower() in given:
                kinds[i] = NAME
        found.append(Chunk(tokens, kinds, offsets, [False] * len(tokens)))
    return found


def _lead_particle(text: str, start: int) -> int | None:
    """Where a name begins when particles written in lower case precede its first capital."""
    lex = lexicon()
    cut = start - 1
    if text[cut] == " " and not (cut > 1 and text[cut - 1].islower()):
        return None
    if text[cut] == "-":
        begin = max(text.rfind(" ", 0, cut), text.rfind("(", 0, cut)) + 1
        return begin if text[begin:cut].lower() + "-" in lex.joined_particles else None
    found = None
    for _ in range(2):  # "de la", "bin", "van der"
        begin = text.rfind(" ", 0, cut) + 1
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
        lead = _LEAD.match(raw)
        skip = lead.end() if lead else 0
        token = raw[skip:]
        if lead and breaks:
            breaks[-1] = True  # an opening bracket or quote starts afresh
        tokens.append(token)
        offsets.append(match.start() + skip)
        breaks.append(bool(_BREAK.search(token)) or text.startswith("\n", match.end()))
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
    return [Chunk(tokens, kinds, offsets, breaks)]
