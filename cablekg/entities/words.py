"""What kind of word a token is, for names and organisations, in mixed- and upper-case text."""

from __future__ import annotations

import re
from typing import Final, TypeVar

from cablekg.entities.lexicon import lexicon

# Word kinds
NAME: Final = "W"  # may be part of a personal name
GIVEN: Final = "G"  # a given name that is also a common word ("MARK"): a name only where one starts
PARTICLE: Final = "X"  # bin, al, de, van ...
INITIAL: Final = "I"  # F., E.A.
HONORIFIC: Final = "H"
TITLE: Final = "T"  # title, modifier or rank word
ORG: Final = "O"  # organisation head (Ministry, Police)
PLACE: Final = "N"  # nationality, country, place
PORTFOLIO: Final = "P"
ACRONYM: Final = "A"
DICTIONARY: Final = (
    "D"  # an English word outside the cables' common words: a name only after a title
)
STOP: Final = "S"  # anything else: common words, boilerplate

_INITIAL: Final = re.compile(r"[A-Z]\.(?:-?[A-Z]\.)*$")
_POSSESSIVE: Final = re.compile(r"(?:['\u2019]|(?<=[A-Za-z]{3}),(?=[sS]$))[sS]?$")
# Abbreviations written with a full stop ("Dr.", "Gen."): not sentence ends.
ABBREVIATIONS: Final = (
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Gen",
    "Col",
    "Lt",
    "Maj",
    "Capt",
    "Adm",
    "Brig",
    "Jr",
    "Sr",
    "St",
    "Prof",
    "Rev",
    "Sgt",
    "Cmdr",
    "Cdr",
    "Gov",
    "Sen",
    "Rep",
    "Amb",
    "Cpl",
    "Fr",
    "Msgr",
    "Mme",
    "Messrs",
    "Hon",
    "Eng",
    "Sra",
    "Drs",
    "Dir",
    "Asst",
    "Dep",
)
_PLURAL_ACRONYM: Final = re.compile(r"^[A-Z]{2,}s$")
_DIGIT: Final = re.compile(r"\d")
_GOVERNMENT_SHAPE: Final = re.compile(r"^G[Oo][A-Z]{1,3}$")
_WORD_PREFIXES: Final = frozenset(("anti", "pro", "non", "post", "pre", "self", "multi", "inter"))
_ABBREVIATED: Final = frozenset(a.lower() for a in ABBREVIATIONS)
# four lower-case words in a row, from a word's start (the letter class first: the engine then
# skips to each lower-case letter instead of trying every position)
_LOWER_WORDS: Final = re.compile(r"[a-z](?<![a-z][a-z])[a-z]* [a-z]+ [a-z]+ [a-z]+")
_UPPER_LETTERS: Final = re.compile(r"[A-Z]")
_LOWER_LETTERS: Final = re.compile(r"[a-z]")
_CAPITAL_PARTICLES: Final = frozenset(("bin", "bint", "ibn", "al", "el", "abu", "ould"))


_Value = TypeVar("_Value")
CACHE_LIMIT: Final = 1 << 16


def remember(cache: dict[str, _Value], key: str, value: _Value) -> _Value:
    """Keep `value` for `key` in a cache of the word functions and return it.

    The hot word functions read a plain dict (`cache.get(key)`) instead of an `lru_cache`: the
    compiled build reaches a dict directly, where calling through `lru_cache` costs an
    interpreter call each time. A full cache is emptied; a corpus's working set refills it.
    """
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value


_BASES: Final[dict[str, str]] = {}


def base(token: str) -> str:
    """The token without a possessive ending or trailing punctuation: "Lagon's" -> "Lagon",
    "GEMAYEL." -> "GEMAYEL", "KIRCHNER,S" -> "KIRCHNER" (typewriters had no apostrophe)."""
    found = _BASES.get(token)
    return found if found is not None else remember(_BASES, token, _base(token))


def _base(token: str) -> str:
    token = token.rstrip(',;:!?)"\u201d-')
    if len(token) > 3 and token[-1] in "sS'\u2019":
        token = _POSSESSIVE.sub("", token)
    if token.endswith(".") and len(token) > 2 and token[-3] != "." and token[:-1].isalpha():
        low = token[:-1].lower()
        if low not in _ABBREVIATED:
            token = token[:-1]
    return token


QUOTES: Final = "\"\u201c'\u2018"  # quotation marks that may open a name
OPENERS: Final = "(" + QUOTES  # and a bracket
# generational suffixes: part of a name as written, but no word that tells people apart
SUFFIXES: Final = frozenset(("jr", "sr", "ii", "iii", "iv", "junior"))
# compound adjectives that describe a name rather than belong to it: "the London-based
# International Institute ...", "the Raul Castro-led government"
ATTRIBUTIVE: Final = (
    *("-led", "-based", "-backed", "-funded", "-owned", "-run", "-linked", "-affiliated"),
    "-controlled",
)


def singular(word: str) -> str:
    """A lower-case plural made singular the simple way: "secretaries" -> "secretary",
    "activists" -> "activist"."""
    return word[:-3] + "y" if word.endswith("ies") else word.removesuffix("s")


POSSESSIVE_ENDINGS: Final = ("'s", "\u2019s", "'S", "\u2019S")


def possessive(token: str) -> bool:
    """Whether a token ends in a possessive `'s` ("Qaboos's", "OMAN'S")."""
    return token.endswith(POSSESSIVE_ENDINGS)


def token_kind(raw: str, upper: bool) -> str:
    """The kind of a token as it stands in the text, punctuation and possessive included (not
    cached itself: its callers in `scan` cache per token already)."""
    return kind(base(raw), upper)


_ROUTING: Final = re.compile(r"^RUEH[A-Z]{1,4}$")


def kind(token: str, upper: bool) -> str:
    """The kind of `token` (already stripped of punctuation) in mixed- or upper-case text.

    Not cached: its main callers in `scan` cache per token, and a cache here would answer one
    call in seven while each of its entries costs the garbage collector a visit on every full
    collection."""
    lex = lexicon()
    low = token.lower()
    bare = low.rstrip(".")
    routing = token[:4] == "RUEH" and _ROUTING.match(token)
    if "xxxx" in low or not token[:1].isalpha() or routing:
        return STOP  # "XXXXXXXXXXXX", "RUEHBUL" (a routing indicator of the header)
    if not token.isalpha() and _DIGIT.search(token):
        return ACRONYM if token in lex.acronyms else STOP  # "G8", not "1st"
    if low in lex.particles and (upper or token.islower() or low in _CAPITAL_PARTICLES):
        return PARTICLE
    if "-" in low:
        prefix = low.split("-", 1)[0]
        if prefix + "-" in lex.joined_particles:
            return NAME  # al-Juma, as-Sadr
        if prefix in _WORD_PREFIXES:
            return STOP  # anti-Western, pro-government
    if low in lex.nationalities or low in lex.place_words:
        return PLACE
    if low.endswith("s") and low[:-1] in lex.nationalities:
        return PLACE  # Turks, Kurds, Americans
    if low.endswith(("er", "ers")) and low[: low.rindex("er")] in lex.place_words:
        return PLACE  # Icelander, Londoners
    if _INITIAL.match(token):
        return INITIAL
    if low in lex.honorifics or bare in lex.honorifics:
        return HONORIFIC
    if low in lex.title_words or low in lex.ranks or bare in lex.ranks:
        return TITLE
    if low.endswith("s") and singular(low) in lex.titles:
        return TITLE  # "Secretaries Clinton and Gates", "AYATOLLAHS"
    if low in lex.org_first or low in lex.org_last:
        return ORG
    if low in lex.portfolios:
        return PORTFOLIO
    if low in lex.function_words:
        return STOP
    if low in lex.not_names:
        return ACRONYM if not upper and token in lex.acronyms else STOP  # "LEGATT", not "Legatt"
    if "-" in low and low.rsplit("-", 1)[1] in lex.org_last:
        return ORG  # "Sub-Committee", "Sub-Commission"
    if "-" in low and low.split("-", 1)[0] in lex.titles:
        return TITLE  # "Minister-equivalent", "Ambassador-designate"
    if "-" in low and (
        all(_plain_word(part) for part in low.split("-"))
        or any(part in lex.nationalities for part in low.split("-"))
    ):
        return STOP  # "STAY-AWAY", "ISLAMIST-KURDISH": compounds of plain words
    if not upper:
        if _PLURAL_ACRONYM.match(token):
            return ACRONYM  # "NAAs", "NGOs"
        if len(token) > 1 and token.isupper():
            if token in lex.acronyms or token in lex.known_acronyms or not _has_vowel(token):
                return ACRONYM
            if _GOVERNMENT_SHAPE.match(token):
                return ACRONYM  # GOT, GONL: the government of a country
            if (low in lex.common or low in lex.dictionary) and low not in lex.given:
                return STOP  # a heading in capitals: "TRIP SIGNALS DESIRE"
            return NAME
        if not token[0].isupper():
            return STOP
        if low in lex.common and low not in lex.given:
            return STOP
        return NAME
    if token in lex.acronyms and token not in lex.ambiguous_acronyms:
        return ACRONYM
    if low in lex.common:
        return GIVEN if low in lex.given else STOP
    if low in lex.dictionary and low not in lex.given:
        return DICTIONARY
    return NAME


def _plain_word(word: str) -> bool:
    lex = lexicon()
    return (
        word in lex.common
        or word in lex.dictionary
        or word in lex.nationalities
        or word in lex.function_words
    ) and word not in lex.given


def _has_vowel(token: str) -> bool:
    return any(c in "AEIOUY" for c in token)


def is_upper_text(text: str) -> bool:
    """True when the text is (almost) all upper case, as in older cables and most subjects."""
    sample = text[:1500]
    if not sample.isupper() and _LOWER_WORDS.search(sample):
        return False  # four lower-case words in a row: mixed case, found at once
    if len(sample) > 300:
        return True
    return len(_UPPER_LETTERS.findall(sample)) > 4 * len(_LOWER_LETTERS.findall(sample))


SMALL_WORDS: Final = frozenset(
    [
        "of",
        "for",
        "and",
        "the",
        "on",
        "in",
        "to",
        "de",
        "del",
        "la",
        "des",
        "du",
        "y",
        "et",
        "at",
        "by",
        "with",
        "a",
        "an",
    ]
)


def title_case(text: str) -> str:
    """An upper-case organisation name in the usual case: "DEPARTMENT OF LABOR" -> "Department of
    Labor"; acronyms ("NEA/ARP") stay as they are."""
    lex = lexicon()
    words = []
    for i, word in enumerate(text.split(" ")):
        low = word.lower()
        short = len(word) <= 2 or "." in word or not _has_vowel(word.upper())
        if word in lex.acronyms or "/" in word or short:
            words.append(word if low not in SMALL_WORDS or i == 0 else low)
        elif low in SMALL_WORDS and i:
            words.append(low)
        else:
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(words)


def spelled_title(title: str | None) -> str | None:
    """A title that is an abbreviation spelled out ("FM" -> "Foreign Minister", "A/S" ->
    "Assistant Secretary"): one position, one title across cables. Other titles as written."""
    if not title:
        return title
    table = lexicon().title_abbreviations
    key = title.strip().upper()
    return table.get(key) or table.get(key.rstrip(".")) or title
