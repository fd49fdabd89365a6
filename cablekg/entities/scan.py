"""One pass over a text segment that cuts it into chunks of name-like words, shared by the
people and organisation finders.

In mixed-case text a chunk is a run of capitalised words with the particles between them
("Juma bin Ali al-Juma", "Royal Oman Police", "NEA/ARP"); lone common words ("The", "However")
are dropped at once. Upper-case text has no such cue: the whole segment is one chunk of tokens,
with breaks at punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Final, TypeVar, cast

from cablekg.entities.lexicon import lexicon
from cablekg.entities.patterns import LOWER_BODY, patterns
from cablekg.entities.words import (
    ABBREVIATIONS,
    ACRONYM,
    ATTRIBUTIVE,
    DICTIONARY,
    GIVEN,
    HONORIFIC,
    INITIAL,
    NAME,
    OPENERS,
    PARTICLE,
    PLACE,
    STOP,
    TITLE,
    base,
    possessive,
    remember,
    token_kind,
)

_ABBREVIATED: Final = frozenset(a.lower() + "." for a in ABBREVIATIONS)
_NO_BREAKS: Final = (False,) * 64  # mixed-case chunks: capitalisation, not punctuation, bounds them
_CLOSERS: Final = ',.;:!?)]"\u201d-'  # punctuation that ends a phrase
_TOKEN: Final = re.compile(r"[^ \n-]+(?:-[^ \n-]+)*-?")  # "MANDELA--WHO" is two tokens
_USELESS_ALONE: Final = frozenset("STNPHIO")  # kinds of lone words that name nothing by themselves
RUN_KINDS: Final = frozenset((NAME, PARTICLE, INITIAL))
_RUN_STARTS: Final = RUN_KINDS | {GIVEN}  # a chunk holds a name run only with one of these
_ROMAN: Final = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$(?<=.)")


# A name run of a chunk: its words and their kinds, start and end, and the kind of the word
# right after it (None after punctuation or at the end of the chunk).
RunSpan = tuple[tuple[str, ...], tuple[str, ...], int, int, str | None]


class Chunk:
    """A chunk of a text segment. A plain class, not a dataclass: compiled, a dataclass keeps an
    interpreted `__init__`, and a cable makes about ninety chunks."""

    __slots__ = ("base", "breaks", "capitals", "kinds", "offsets", "runs", "starts", "tokens")

    def __init__(
        self,
        tokens: Sequence[str],
        kinds: Sequence[str],
        offsets: Sequence[int],
        breaks: Sequence[bool],
        capitals: tuple[int, ...] = (),
        starts: tuple[int, ...] = (),
        runs: Sequence[RunSpan] = (),
        base: int = 0,
    ) -> None:
        self.tokens = tokens
        self.kinds = kinds
        self.offsets = offsets  # where the tokens start, counted from `base`
        self.breaks = breaks  # a token ends a phrase (punctuation after it)
        self.capitals = capitals  # tokens written in capitals, which may be acronyms
        self.starts = starts  # tokens that may begin an organisation known by a bare name
        self.runs = runs  # its name runs, offsets counted from `base`
        self.base = base  # where the chunk starts in the text (0 for an upper-case segment)


def chunks(text: str, upper: bool) -> list[Chunk]:
    return _upper_chunks(text) if upper else _mixed_chunks(text)


def _mixed_chunks(text: str) -> list[Chunk]:
    found: list[Chunk] = []
    for match in patterns().chunk.finditer(text):
        shape = _shape(match.group())
        if not shape[_USEFUL] and not (shape[_PLACE_LAST] and LOWER_BODY.match(text, match.end())):
            continue  # a lone common word; but keep "Turkish" of "the Turkish government"
        tokens, kinds, offsets, breaks, capitals, starts, _, named, _, runs = shape
        start = match.start()
        if start:
            before = text[start - 1]
            # particles written in lower case end right before: "al-", "van ", "de la "
            particle = before == " " and named and start > 2 and text[start - 2].islower()
            if before == "-" or particle:
                lead = _lead_particle(text, start)  # "al-Hilali", "van Voorst", "de la Fuente"
                if lead is not None:
                    start = lead
                    tokens, kinds, offsets, breaks, capitals, starts, *_, runs = _shape(
                        text[start : match.end()]
                    )
            elif before != " " and (before.isalnum() or before in "_/&.'\u2019"):
                continue  # "eBay"
        found.append(Chunk(tokens, kinds, offsets, breaks, capitals, starts, runs, start))
    return found


# What a mixed-case chunk is, wherever it stands, computed once per distinct chunk: a plain
# tuple (tokens, kinds, token offsets from the chunk's start, breaks, capitals, starts, useful,
# named, place_last, runs), which the garbage collector stops tracking once cached. `useful`: some
# finder has a use for the chunk; `named`: it holds a name word or a particle, so particles
# before it may belong to it; `place_last`: it ends in a people or place word ("the Turkish
# military").
_Shape = tuple[
    tuple[str, ...],
    tuple[str, ...],
    tuple[int, ...],
    tuple[bool, ...],
    tuple[int, ...],
    tuple[int, ...],
    bool,
    bool,
    bool,
    tuple[RunSpan, ...],
]


_USEFUL: Final = 6  # where a shape keeps `useful` and `place_last`, read before unpacking it
_PLACE_LAST: Final = 8
_SHAPES: Final[dict[str, _Shape]] = {}


def _shape(chunk: str) -> _Shape:
    """The tokens, word kinds and marks of a chunk (cached: chunks recur from cable to cable)."""
    found = _SHAPES.get(chunk)
    return found if found is not None else remember(_SHAPES, chunk, _chunk_shape(chunk))


def _chunk_shape(chunk: str) -> _Shape:
    tokens = tuple(chunk.split(" "))
    if len(tokens) == 1:
        kind, capital, known = _mixed_token(chunk)
        useful = kind not in _USELESS_ALONE or known or _table_initialism(chunk)
        named = kind in (NAME, PARTICLE)
        return (tokens, (kind,), (0,), (False,), (0,) * capital, (0,) * known, useful, named,
                kind == PLACE, ())  # fmt: skip
    kinds = []
    offsets = []
    capitals = []
    org_starts = []
    position = 0
    for i, token in enumerate(tokens):
        kind, capital, starts = _mixed_token(token)
        kinds.append(kind)
        offsets.append(position)
        position += len(token) + 1
        if capital:
            capitals.append(i)
        if starts:
            org_starts.append(i)
    lex = lexicon()
    for i in range(len(kinds) - 1):
        # "Christian Poncelet", "Jordan Smith": a given name that is also a people or place
        if kinds[i] == PLACE and kinds[i + 1] == NAME:
            low = tokens[i].lower()
            if low in lex.given and low not in lex.places:
                kinds[i] = NAME
        # "Nawaz Sharif", "Fahmida Mirza": an honorific after a name, with no name after it,
        # is a surname; so is one after a title that is a known surname ("President Sharif")
        elif (
            kinds[i + 1] == HONORIFIC
            and (
                kinds[i] == NAME
                or (kinds[i] == TITLE and base(tokens[i + 1]).lower() in lex.surnames)
            )
            and len(base(tokens[i + 1])) > 3  # not "EXCELLENCY MR"
            and (i + 2 == len(kinds) or kinds[i + 2] not in (NAME, GIVEN, INITIAL))
        ):
            kinds[i + 1] = NAME
        # "Minister PR Kyndiah", "President LK Advani": initials written without full stops
        elif (
            kinds[i] == ACRONYM
            and i
            and kinds[i - 1] == TITLE
            and kinds[i + 1] == NAME
            and len(tokens[i]) == 2
            and tokens[i].isalpha()
        ):
            kinds[i] = INITIAL
    breaks = _shared(_NO_BREAKS[: len(tokens)])
    return (
        tokens,
        _shared(tuple(kinds)),
        tuple(offsets),
        breaks,
        _shared(tuple(capitals)),
        _shared(tuple(org_starts)),
        True,
        NAME in kinds or PARTICLE in kinds,
        kinds[-1] == PLACE,
        tuple(name_runs(tokens, kinds, offsets, breaks)) if _RUN_STARTS.intersection(kinds) else (),
    )


_MIXED_TOKENS: Final[dict[str, tuple[str, bool, bool]]] = {}


def _mixed_token(token: str) -> tuple[str, bool, bool]:
    """A token's kind in mixed-case text, whether it may be an acronym ("UN", "GoB"), and
    whether it may begin an organisation known by a bare name."""
    found = _MIXED_TOKENS.get(token)
    return found if found is not None else remember(_MIXED_TOKENS, token, _mixed_kind(token))


def _mixed_kind(token: str) -> tuple[str, bool, bool]:
    capital = token[1:2].isupper() or token.startswith(("Go", "Mo")) or token[1:2] == "."
    return token_kind(token, False), capital, base(token).lower() in lexicon().organisation_starts


def _table_initialism(token: str) -> bool:
    """ "U.N.", "E.U.": an organisation of the acronym table written with dots."""
    return token.count(".") > 1 and token.replace(".", "") in lexicon().acronyms


def _lead_particle(text: str, start: int) -> int | None:
    """Where a name begins when particles written in lower case precede its first capital."""
    lex = lexicon()
    cut = start - 1
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
    kinds: list[str] = []
    capitals: list[int] = []
    org_starts: list[int] = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        skip = 0
        if raw[0] in OPENERS:
            skip = len(raw) - len(raw.lstrip(OPENERS))
            if breaks:
                breaks[-1] = True  # an opening bracket or quote starts afresh
        token = raw[skip:]
        kind, initial, capital, starts = _upper_token(token)
        if capital:
            capitals.append(len(tokens))
        if starts:
            org_starts.append(len(tokens))
        tokens.append(token)
        kinds.append(kind)
        offsets.append(match.start() + skip)
        end = match.end()
        breaks.append((raw[-1] in _CLOSERS and not initial) or text[end : end + 1] == "\n")
    given = lexicon().given
    for i in range(1, len(kinds)):
        # An English word right after a title or a given name is a name: "PRESIDENT BUSH",
        # "COL. CHARLES RAY".
        if kinds[i] != DICTIONARY or breaks[i - 1]:
            continue
        previous = kinds[i - 1]
        after_given = previous == NAME and tokens[i - 1].lower() in given
        if after_given or (previous in (TITLE, HONORIFIC, INITIAL) and _name_like(tokens[i])):
            kinds[i] = NAME
    runs = list(name_runs(tokens, kinds, offsets, breaks)) if len(tokens) > 1 else []
    return [Chunk(tokens, kinds, offsets, breaks, tuple(capitals), tuple(org_starts), runs)]


@lru_cache(maxsize=1 << 14)
def _name_like(token: str) -> bool:
    """Whether an English word in capitals may be a name: one that mixed-case cables capitalise
    or a known surname ("BUSH", "RAY"), not "PRESIDENT EVALUATES" or "GENERAL INCOMPREHENSION"."""
    low = base(token).lower()
    lex = lexicon()
    return low in lex.capitalised or low in lex.surnames or low in lex.given


_UPPER_TOKENS: Final[dict[str, tuple[str, bool, bool, bool]]] = {}


def _upper_token(token: str) -> tuple[str, bool, bool, bool]:
    """A token's kind in upper-case text, whether it is an initial or an abbreviation ("F.",
    "GEN."), whether it may be an acronym or an office symbol, and whether it may begin an
    organisation known by a bare name."""
    found = _UPPER_TOKENS.get(token)
    return found if found is not None else remember(_UPPER_TOKENS, token, _upper_kind(token))


def _upper_kind(token: str) -> tuple[str, bool, bool, bool]:
    kind = token_kind(token, True) if token else STOP
    initial = (len(token) == 2 and token[1] == ".") or token.lower() in _ABBREVIATED
    capital = kind == ACRONYM or "/" in token or token[:2] == "GO" or token[1:2] == "."
    return kind, initial, capital, base(token).lower() in lexicon().organisation_starts


_SHARED: Final[dict[tuple[object, ...], tuple[object, ...]]] = {}
_Tuple = TypeVar("_Tuple", bound=tuple[object, ...])


def _shared(value: _Tuple) -> _Tuple:
    """One copy of a small recurring tuple (word kinds, breaks): the chunk cache then holds
    fewer objects, and the garbage collector runs less often as it fills."""
    if len(_SHARED) < 1 << 16:
        return cast(_Tuple, _SHARED.setdefault(value, value))
    return cast(_Tuple, _SHARED.get(value, value))


def _attributive(word: str) -> str:
    """A name word that ends in a compound adjective, without it ("Castro-led" -> "Castro")."""
    if "-" not in word:
        return ""
    return word[: word.rfind("-")] if word.lower().endswith(ATTRIBUTIVE) else ""


def name_runs(
    tokens: Sequence[str], kinds: Sequence[str], offsets: Sequence[int], breaks: Sequence[bool]
) -> Iterator[RunSpan]:
    """The runs of name words, particles and initials in a chunk that hold a name word."""
    n = len(tokens)
    i = 0
    while i < n:
        first = kinds[i]
        if first not in _RUN_STARTS:
            i += 1
            continue
        j = i + 1
        ended = breaks[i] or possessive(tokens[i])
        while j < n and not ended and kinds[j] in RUN_KINDS:
            ended = breaks[j] or possessive(tokens[j])
            j += 1
        if j < n and not ended and len(tokens[j]) > 1 and _ROMAN.match(base(tokens[j])):
            j += 1  # "John Paul II", "Benedict XVI"
        words = [base(t) for t in tokens[i:j]]
        run_kinds = [k if k != ACRONYM else NAME for k in kinds[i:j]]
        for k, word in enumerate(words):
            cut = _attributive(word)
            if cut:  # "the Raul Castro-led government": the name ends in "Castro"
                words[k:] = [cut]
                run_kinds[k + 1 :] = []
                j = i + k + 1
                break
        while run_kinds and run_kinds[-1] == PARTICLE:
            words.pop()
            run_kinds.pop()
            j -= 1
        while (
            run_kinds and run_kinds[0] == PARTICLE and len(run_kinds) > 1 and run_kinds[1] != NAME
        ):
            words.pop(0)
            run_kinds.pop(0)
        if NAME in run_kinds or (GIVEN in run_kinds and len(run_kinds) > 1):
            start = offsets[j - len(words)]
            end = offsets[j - 1] + len(words[-1])
            next_kind = kinds[j] if j < n and not breaks[j - 1] else None
            yield tuple(words), _shared(tuple(run_kinds)), start, end, next_kind
        i = max(j, i + 1)
