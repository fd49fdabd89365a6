"""Mentions of people in running text: name runs and the titles around them.

A name run is a stretch of name-like words: capitalised words in mixed-case text, words outside the
common vocabulary in upper-case text, with particles (`bin`, `al-`, `de la`) and initials. A run is
a person on its own evidence (a title, rank or honorific before it, an appositive title after it, a
known given name, an Arabic `bin`/`ibn` chain, an initial, a verb of speech or "who" after a full
name, "led by" before it); otherwise it is kept as a weak mention that only counts when it names
someone already found ("Lagon" after "Mark Lagon") or stands in a list with people ("QOTEZADEH,
YAZDI, CHAMRAN").
"""

from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache
from typing import Final

from cablekg.entities.lexicon import lexicon
from cablekg.entities.patterns import patterns, trie
from cablekg.entities.scan import Chunk
from cablekg.entities.words import (
    DICTIONARY,
    GIVEN,
    INITIAL,
    NAME,
    ORG,
    PARTICLE,
    POSSESSIVE_ENDINGS,
    STOP,
    TITLE,
    base,
    kind,
    possessive,
    singular,
)

CHAIN_PARTICLES: Final = frozenset(("bin", "bint", "ibn", "ould", "binti"))
KUNYAS: Final = frozenset(("abu", "umm"))  # "Abu Mazen": a name by itself
# endings of English abstract nouns, which no name has
_ABSTRACT: Final = re.compile(r"..(?:tion|sion|ment|ness|ism)$", re.I)
# a name after these words is a newspaper's, a magazine's or a website's
_MEDIA_BEFORE: Final = frozenset(("newspaper", "daily", "weekly", "magazine", "tabloid", "website"))
# a single name after these words is a place: "the youth prison in Togliatti"
_IN_PLACE: Final = frozenset(("in", "into", "near", "outside", "IN", "INTO", "NEAR", "OUTSIDE"))
_LONE_FOLLOWERS: Final = frozenset((", ", " (", "'s", "\u2019s"))
_TITLE_CONNECTORS: Final = frozenset(
    ("of", "for", "the", "and", "&", "at", "to", "in", "on", "de", "del")
)
_DETERMINERS: Final = ("the", "its", "his", "her", "their", "a", "an")
# Things named after a person: "Leahy vetting", "the Monroe Doctrine", "the Marshall Plan",
# "Fulbright grantees" (a word that may be a verb only capitalised: "Trade Minister van Gennip
# plan to represent")
_EPONYM_NOUNS: Final = (
    "act", "amendment", "law", "vetting", "doctrine", "prize", "award", "program", "programe",
    "programm", "programme", "grants", "grantee", "grantees", "scholar", "scholars", "scholarship",
    "scholarships", "fellow", "fellows", "fellowship", "fellowships", "alumni",
)  # fmt: skip
_EPONYM: Final = re.compile(
    rf" (?:{trie(sorted(_EPONYM_NOUNS), caseless=True)}|Plan|Initiative|Fund|Report|Line)\b"
)
# A body named after a person: "the Rene Rachou Research Center", "Woodrow Wilson International
# Center" (the words before the head are checked to be English words)
_EPONYM_BODY: Final = re.compile(r" (?P<words>(?:[A-Z][a-z]+ ){1,2})(?P<head>[A-Z][a-z]+)\b")
# What joins the items of a list of people: "QOTEZADEH, YAZDI, CHAMRAN, AND BAZARGAN"
_GLUE: Final = r"(?:,? (?:and|AND|or|OR) |, )"
_LIST_GLUE: Final = re.compile(_GLUE)
_LIST_GLUE_BEFORE: Final = re.compile(_GLUE + r"\Z")
_SUCH_AS: Final = re.compile(
    r"(?<![A-Za-z])(?P<kind>[A-Za-z]{2,20}[sS]),? (?i:such as|including|like) \Z"
)
_PEOPLE_WORDS: Final = frozenset(
    ("people", "figures", "personalities", "individuals", "politicians")
)
_HEADED_BY: Final = re.compile(r"\b(led|headed|chaired) by $", re.I)  # the run starts at its end
_HEADS_OF: Final = {"led": "leader", "headed": "head", "chaired": "chairman"}
_LED_BY: Final = re.compile(
    trie(["chaired by", "commanded by", "founded by", "headed by", "leadership of", "led by"],
         caseless=True) + r" \Z"
)  # fmt: skip
_TITLE_ADJECTIVES: Final = frozenset(
    ("new", "former", "current", "acting", "incoming", "outgoing", "previous", "late", "then")
)
_WINDOW: Final = 160
_BRACKETED: Final = re.compile(r"\([A-Z][\w/&.-]*\) \Z")  # an acronym in brackets after a title
# Looks back from a name stop after this many characters, so that time stays linear on texts
# with no spaces or line breaks; no word of the lexicon is that long.
_LONGEST_WORD: Final = 48


class Mention:
    """One mention of a person. `strong` mentions stand on their own; weak ones only join others.
    A plain class: compiled, a dataclass's `__init__` would stay interpreted."""

    __slots__ = (
        "alias",
        "order",
        "organization",
        "quality",
        "strong",
        "title",
        "upper",
        "words",
        "written",
    )

    def __init__(
        self,
        words: tuple[str, ...],
        title: str | None = None,
        organization: str | None = None,
        quality: int = 0,
        strong: bool = False,
        order: int = 0,
        upper: bool = False,
        alias: str | None = None,
        written: bool = False,
    ) -> None:
        self.words = words
        self.title = title
        self.organization = organization
        # how informative the title is: 0 none, 1 rank, 2 position, 3 with an organisation
        self.quality = quality
        self.strong = strong
        self.order = order
        self.upper = upper
        self.alias = alias  # acronym the cable defines for the person: "(HBJ)"
        self.written = written  # the name the record keeps (Classified By): the person is named so


class Run:
    """A run of name words in a text: a person's name, perhaps."""

    __slots__ = ("end", "kinds", "lone", "next_kind", "start", "triggered", "words")

    def __init__(
        self,
        words: tuple[str, ...],
        kinds: tuple[str, ...],
        start: int,
        end: int,
        next_kind: str | None,
        triggered: bool | None = None,
        lone: bool | None = None,
    ) -> None:
        self.words = words
        self.kinds = kinds
        self.start = start
        self.end = end
        self.next_kind = next_kind
        self.triggered = triggered  # known already: a title may stand before the run
        self.lone = lone  # known already: a lone surname that names a person


def find_people(
    text: str, upper: bool, chunk_list: list[Chunk], order: int, local: frozenset[str]
) -> tuple[list[Mention], list[tuple[int, int]]]:
    """Person mentions in one text segment and the character spans they cover.
    `local` are the acronyms the cable defines: words, but not names."""
    mentions: list[Mention] = []
    spans: list[tuple[int, int]] = []
    weak: list[tuple[Run, Mention]] = []
    for chunk in chunk_list:
        if len(chunk.tokens) == 1:
            if chunk.kinds[0] != NAME or chunk.tokens[0] in local:
                continue
            word = base(chunk.tokens[0])
            start = chunk.base + chunk.offsets[0]
            end = start + len(word)
            triggered = _triggers(text, start)
            lone = None
            if not triggered:
                lone = _lone_person(word)
                if lone is None:
                    lone = bool(patterns().speaks.match(text, end))
            if not triggered and not lone and text[end : end + 2] not in _LONE_FOLLOWERS:
                continue  # a lone capitalised word with nothing around it to say it is a person
            runs = [Run((word,), (NAME,), start, end, None, triggered, lone)]
        else:
            at = chunk.base
            runs = [Run(w, k, at + s, at + e, n) for w, k, s, e, n in chunk.runs]
        for run in runs:
            if len(run.words) == 1 and run.words[0] in local:
                continue
            if not upper and run.next_kind in (STOP, DICTIONARY, TITLE):
                run = _with_word_surname(text, run)
            mention = _judge(text, run, upper, local)
            if mention is None:
                continue
            if not mention.strong:
                weak.append((run, mention))  # a bare surname: a person only beside others
                continue
            mention.order = order + run.start
            mention.upper = upper
            mentions.append(mention)
            spans.append((run.start, run.end))
    for run, mention in _listed_with_people(text, weak, spans, upper):
        mention.strong, mention.order, mention.upper = True, order + run.start, upper
        mentions.append(mention)
        spans.append((run.start, run.end))
    spans.sort()
    return mentions, spans


# nouns after a given name that name a place or a thing after a person
_NOT_SURNAMES: Final = frozenset(
    ("town", "city", "hotel", "island", "square", "street", "plan", "tech")
)
# an English word after a given name, ending the capitalised words
_WORD_SURNAME: Final = re.compile(r" ([A-Z][a-z]+)(?=[,.;:)]| [a-z(]|'s\b|$)")


def _with_word_surname(text: str, run: Run) -> Run:
    """A given name and an English word make one name between titles: "Lt. General Peter
    Wall, and", "BW CEO Erik Prince plans", "Sue Else, President of ..."."""
    found = _WORD_SURNAME.match(text, run.end)
    lex = lexicon()
    given = run.words[-1].lower()
    if not found or given not in lex.given or given in lex.dictionary or given in lex.common:
        return run
    if given in lex.capitalised:
        return run  # "Green March", "Red September": English words both
    word = found.group(1)
    if word.endswith(("s", "ed")) or kind(word, False) == TITLE or word.lower() in _NOT_SURNAMES:
        return run  # "Dayton Accords", "Turner Chaired", "Lula Chief", "Hamad Town"
    after = text.startswith(", ", found.end()) and patterns().title_after[False].match(
        text, found.end()
    )
    if not after and not (len(run.words) == 1 and _triggers(text, run.start)):
        return run
    words, kinds = (*run.words, found.group(1)), (*run.kinds, NAME)
    return Run(words, kinds, run.start, found.end(), None, run.triggered, run.lone)


def _listed_with_people(
    text: str, weak: list[tuple[Run, Mention]], spans: list[tuple[int, int]], upper: bool
) -> list[tuple[Run, Mention]]:
    """Weak mentions listed with people: "SUCH AS QOTEZADEH, YAZDI, CHAMRAN" when one of them
    is known to be a person (each one found makes its neighbours people too)."""
    starts = {start for start, _ in spans}
    ends = {end for _, end in spans}
    left = [item for item in weak if _listable(item[0], upper)] if spans else []
    found: list[tuple[Run, Mention]] = []
    changed = True
    while changed and left:
        changed = False
        unlisted = []
        for item in left:
            run = item[0]
            after = _LIST_GLUE.match(text, run.end)
            before = _LIST_GLUE_BEFORE.search(text, max(0, run.start - 6), run.start)
            if (after and after.end() in starts) or (before and before.start() in ends):
                found.append(item)
                starts.add(run.start)
                ends.add(run.end)
                changed = True
            else:
                unlisted.append(item)
        left = unlisted
    return found


def _people_such_as(text: str, start: int) -> bool:
    """Whether people of some kind introduce the run: "activists such as Sunita Narain",
    "OFFICIALS, INCLUDING ..." (not "firms such as Odebrecht")."""
    found = _SUCH_AS.search(text, max(0, start - 40), start)
    if not found:
        return False
    kind = found.group("kind").lower()
    one = singular(kind)
    lex = lexicon()
    return one in lex.titles or one in lex.title_words or kind in _PEOPLE_WORDS


def _listable(run: Run, upper: bool) -> bool:
    """Whether a run could be a person by the company it keeps: a full name ("Danilo Astori"),
    or in capitals a surname ("YAZDI"); not a lone capitalised word in mixed case, which as often
    names a firm or a town ("Peugeot, Pfizer, Philip Morris"), an office code ("AF/SPG"), an
    English word, a joined place ("Bosnia-Herzegovina") or a name led by an article ("La
    Repubblica")."""
    lex = lexicon()
    if run.kinds[0] == PARTICLE or run.words[0].lower() in lex.particles:
        return False
    if any("/" in word for word in run.words):
        return False
    if len(run.words) > 1:
        return True
    low = run.words[0].lower()
    plain = "-" not in low and low not in lex.dictionary and low not in lex.common
    return upper and len(low) > 3 and plain


def _judge(text: str, run: Run, upper: bool, local: frozenset[str]) -> Mention | None:
    """The mention a run makes, or None when it is not a person (an organisation, a place)."""
    if _leader_of(text, run):
        return Mention(words=run.words, strong=True)  # "the Maliki government", "Saddam era"
    if run.next_kind == ORG:
        return None  # "Sultan Qaboos University", "Juma Foundation"
    facts = _run_facts(run.words, run.kinds, upper)
    if facts is None or _EPONYM.match(text, run.end) or _eponym_body(text, run):
        return None  # a place, an organisation, "the Leahy Amendment"
    if _firm_partner(text, run):
        return None  # "Crowell & Moring", "Smith & Wesson": a firm's name
    lone, named, chained = facts
    if text[run.start - 1 : run.start] == " ":
        previous = text[max(0, run.start - _LONGEST_WORD) : run.start - 1]
        before = previous[previous.rfind(" ") + 1 :]
        after_of = previous[: -len(before)].endswith((" of ", " OF ")) and run.kinds[0] != PARTICLE
        lex = lexicon()
        if before.lower() in lex.org_first and not after_of:
            return None  # "University La Cantuta", "Ministry Sharif"; not "Chief of Mission X"
        if f"{before} {' '.join(run.words)}".lower() in lex.places:
            return None  # "the Mission in New York, who": a place of two words
        if before.lower() in _MEDIA_BEFORE and not _named_before(previous[: -len(before)]):
            return None  # "the newspaper El Norte", not "Al-Wasat newspaper Mansour Al-Jamri"
        if (
            len(run.words) == 1
            and before in _IN_PLACE
            and not text.startswith(POSSESSIVE_ENDINGS, run.end)
        ):
            return None  # "the youth prison in Togliatti"; not "in Putin's view"
    pats = patterns()
    end = run.end
    follows = text[end : end + 2]
    triggered = run.triggered
    if triggered is None:
        triggered = _triggers(text, run.start, upper)
    if run.lone is not None:
        lone = run.lone
    elif lone is None:
        lone = bool(pats.speaks.match(text, end))  # "Nasrallah said"
    if named is None:
        # "Niall Connolly, who", "led by Nabih Berri"; in capitals not "... WAS": too common
        speech = pats.speaks if upper else pats.speech
        named = (
            bool(speech.match(text, end))
            or bool(_LED_BY.search(text, max(0, run.start - 26), run.start))
            or _people_such_as(text, run.start)
        )
    if chained and not (lone or named):
        chained = _kunya_alone(text, run)
    if not (triggered or lone or named or chained) and follows not in _LONE_FOLLOWERS:
        return None  # nothing around the words says they name a person
    mention = Mention(words=run.words)
    if triggered:
        # the title may end before an acronym in brackets: "Deputy Secretary General (D/SYG) X"
        bracketed = _BRACKETED.search(text, max(0, run.start - 16), run.start)
        title_end = bracketed.start() if bracketed else run.start
        window = _title_window(text, title_end, upper)
        found = _title_before(window, upper) if window else None
        if found and (found.group("title") or found.group("rank")):
            opening = text[: title_end - len(window)].rstrip(" ")
            _apply_title_before(mention, found, local, opening)
    definition = pats.definition.match(text, run.end)
    if definition:
        mention.alias = definition.group("acr")
    end = definition.end() if definition else run.end
    if text.startswith((", ", "'s, ", "\u2019s, ", "'S, "), end):
        after = pats.title_after[upper].match(text, end)
        if after:
            title, org, quality = title_parts(after, local)
            if quality + 1 > mention.quality:
                mention.title, mention.organization, mention.quality = title, org, quality + 1
            mention.strong = True
    if not mention.quality:
        later = pats.became[upper].match(text, end)  # "Raul Castro became president"
        if later:
            mention.title, mention.organization, mention.quality = title_parts(later, local)
            mention.strong = True
    headed = None if mention.quality else _HEADED_BY.search(text, max(0, run.start - 12), run.start)
    if headed:
        noun = _HEADS_OF[headed.group(1).lower()]
        mention.title, mention.quality = (noun.upper() if upper else noun), 1  # "led by Berri"
    mention.strong = bool(mention.strong or lone or chained or named)
    return mention


@lru_cache(maxsize=1 << 15)
def _run_facts(
    words: tuple[str, ...], kinds: tuple[str, ...], upper: bool
) -> tuple[bool | None, bool | None, bool] | None:
    """What the words of a run say wherever they stand (cached: names recur): None when they
    name no person (a place, an organisation, a code); else whether they are a lone surname
    naming a person and whether they make a name by themselves (None for either: a verb of
    speech after them decides), and whether a `bin` chain starts them."""
    lex = lexicon()
    joined = " ".join(words).lower()
    if joined in lex.places or joined in lex.organisations or words[-1].lower() in lex.org_last:
        return None  # "Inversiones y Representaciones S.A.": a firm's legal form
    if len(words) > 1 and words[-1][-1:] in "sS" and _plural_phrase(words):
        return None  # "Liberal Democrats", "Red Devils": English words, a plural noun last
    names = [w for w, k in zip(words, kinds, strict=True) if k in (NAME, GIVEN)]
    if upper and all(len(w) < 3 for w in names):
        return None  # "CH GG": codes, not names
    if words[0].lower() in lex.place_prefixes:
        return None  # Sao Bernardo dos Campos, Puerto Cabezas
    if len(names) == 1 and _ABSTRACT.search(names[0]) and names[0].lower() not in lex.surnames:
        return None  # "GENERAL INCOMPREHENSION", "Director of Nutrition": an English noun
    lone = len(names) == 1 and _lone_person(names[0], upper)
    named = len(names) >= 2 and _name_evidence(words, kinds, names, upper)
    first = words[0].lower()
    chained = bool((first in CHAIN_PARTICLES or first in KUNYAS) and names)  # "bin Laden"
    return lone, named, chained


def _name_evidence(
    words: tuple[str, ...], kinds: tuple[str, ...], names: list[str], upper: bool
) -> bool | None:
    """Whether two or more name words make a name by themselves: a given name first, a `bin`
    chain, an initial, a surname in capitals in mixed-case text; None when only a verb of speech
    after them could tell."""
    lower = [w.lower() for w in words]
    if (
        (_given(names[0]) and kinds[0] != GIVEN and _given_first(names))
        or CHAIN_PARTICLES.intersection(lower)
        or INITIAL in kinds
        or (not upper and any(len(w) > 2 and w.isupper() for w in names))
    ):
        return True
    return None


def _title_window(text: str, start: int, upper: bool = False) -> str:
    """The text before a run that a title could occupy: back over capitalised words, title
    words and connectors, never past a line break or a lower-case word."""
    lex = lexicon()
    line_start = text.rfind("\n", max(0, start - _WINDOW), start) + 1
    segment = text[max(line_start, start - _WINDOW) : start]
    words = segment.split(" ")
    i = len(words) - 1
    while i > 0 and len(words) - i < 16:
        word = words[i - 1]
        if word.endswith(".") and len(word) > 4 and word.count(".") == 1:
            break  # a sentence ends here: "... in April. Japanese Ambassador Miyamoto"
        bare = word.strip(',()"').lower()
        # "Assistant Secretary Johnnie Carson and Djiboutian Foreign Minister X"
        name_before = i > 2 and words[i - 3][:1].isupper()
        if bare == "and" and name_before and kind(base(words[i - 2]), upper) == NAME:
            break
        if not bare or not (
            word[:1].isupper()
            or bare in _TITLE_CONNECTORS
            or bare in lex.title_words
            or bare in _DETERMINERS  # "its new President, Cosimo Lacirignola"
            or bare in _TITLE_ADJECTIVES
        ):
            break
        i -= 1
    # The title regex runs from a few words before the first title word: "ROP Deputy ...".
    triggers = lex.triggers
    for j in range(i, len(words)):
        bare = words[j].strip(',()"').lower()
        if bare in triggers or bare.rstrip(".") in triggers:
            # more in capitals, where an organisation may stand before: "AMERICAN UNIVERSITY
            # OF BEIRUT PRESIDENT"
            return " ".join(words[max(i, j - (5 if upper else 3)) :])
    return ""


@lru_cache(maxsize=1 << 14)
def _title_before(window: str, upper: bool) -> re.Match[str] | None:
    """The title, rank or honorific ending a window (cached: the same few titles stand before
    many names, "Foreign Minister ", "Ambassador ")."""
    return patterns().title_before[upper].search(window)


def _given(word: str) -> bool:
    """A given name, or given names joined by a hyphen ("Jean-Jacques", "Abdul-Aziz")."""
    lex = lexicon()
    low = word.lower()
    if low in lex.given:
        return True
    parts = low.split("-")
    return len(parts) > 1 and all(
        p in lex.given and p not in lex.particles and len(p) > 2 for p in parts
    )


def _given_first(names: list[str]) -> bool:
    """A given name starts the run; a given name that is also a common word ("Mark", "Red")
    counts only before a surname that is no English word ("Mark Lagon", not "Red Cross")."""
    lex = lexicon()
    if names[0].lower() not in lex.common:
        return True
    second = names[1].lower()
    return second not in lex.common and second not in lex.dictionary


def _named_before(text: str) -> bool:
    """Whether `text` ends in a name ("Al-Wasat "), not a nationality ("Colombian ")."""
    word = text.rstrip().rsplit(" ", 1)[-1]
    return word[:1].isupper() and word.lower() not in lexicon().nationalities


@lru_cache(maxsize=1 << 15)
def _lone_person(word: str, upper: bool = False) -> bool | None:
    """Whether a surname standing alone names a person: a known surname that is no English word
    ("Pinochet", "BHUTTO"), or, in mixed case, an unknown word that speaks ("Nasrallah said":
    None, for the text after it to tell)."""
    lex = lexicon()
    low = word.lower()
    if low in lex.dictionary or low in lex.given or low in lex.common or low in lex.capitalised:
        return False
    if upper:
        return len(low) > 4 and low in lex.surnames and low not in lex.cities
    if word.isupper() or (low.endswith("s") and low not in lex.surnames):
        return False  # "GONL", "Democrats", "Fujimoristas"
    # a city's name says nothing by itself ("Cienfuegos and Holguin"): "Valencia said" may
    return True if low in lex.surnames and low not in lex.cities else None


def _triggers(text: str, start: int, upper: bool = False) -> bool:
    """Whether the words before `start` could hold a title, rank or honorific (a cheap check)."""
    end = start
    while end > 0 and text[end - 1] in " ,":
        end -= 1
    if end == 0 or text[end - 1] == "\n":
        return False
    triggers = lexicon().triggers
    if end == start - 1:  # a plain space before: look at the word before first
        space = text.rfind(" ", max(0, end - _LONGEST_WORD), end)
        previous = text[space + 1 : end] if space >= 0 or end <= _LONGEST_WORD else ""
        if previous.islower() and previous not in _TITLE_CONNECTORS:
            return previous.removeprefix("ex-") in triggers  # "said Juma": no title
    line = text.rfind("\n", max(0, end - 60), end) + 1
    words = text[max(line, end - 60) : end].split(" ")[-6:]
    last = words[-1].lstrip("(")
    if not upper and (last.isupper() or (last[:1].isupper() and end < start and text[end] == ",")):
        return True
    for word in words:  # as written: "(Minister", "Dr.", "ex-President"
        low = word.strip("(\"',").lower().removeprefix("ex-")
        if low in triggers or low.rstrip(".") in triggers:
            return True
    return False


def _apply_title_before(
    mention: Mention, found: re.Match[str], local: frozenset[str], opening: str
) -> None:
    """Give the mention the title of a match; `opening` is the text before the match's window,
    which tells whether a title followed by a comma starts a sentence."""
    if found.group("comma") and found.group("title"):
        lex = lexicon()
        words = found.string[: found.start("title")].split()
        while words and (
            words[-1].lower() in lex.modifiers
            or words[-1].lower() in lex.titles
            or words[-1].lower() in _TITLE_ADJECTIVES
            or words[-1].lower() in lex.nationalities  # "the French Ambassador, X"
        ):
            words.pop()
        last = words[-1] if words else ""
        # "3.(C) Former French Ambassador to Tripoli, Jean-Jacques Beaussou": a sentence opens
        opens = not last and (not opening or opening.endswith((".", ")", ":", "\n")))
        if last.lower() not in _DETERMINERS and not possessive(last) and not opens:
            return  # "by Consul General, Claudio Hummes": the title is not his
    title, org, quality = title_parts(found, local)
    if quality == 0:
        rank = _rank(found.group("rank"))
        if rank:
            title, quality = rank, 1
    mention.strong = True
    if quality > mention.quality:
        mention.title, mention.organization, mention.quality = title, org, quality


def title_parts(found: re.Match[str], local: frozenset[str]) -> tuple[str | None, str | None, int]:
    """(title, organisation, quality) from a title match: "Deputy Inspector General of the ROP"
    gives the title and the organisation apart; "Minister of Manpower" stays whole."""
    title = found.group("title")
    if not title:
        return None, None, 0
    organization = None
    complement = found.group("of")
    if complement:
        complement = _trim_complement(complement)
        if complement is None:
            return None, None, 0
        if complement and is_organisation(complement, local):
            organization = complement
        elif complement:
            title = found.string[found.start("title") : found.start("of")] + complement
    pre = (found.group("pre") or "").split()
    lex = lexicon()
    while pre and (pre[-1].lower() in lex.modifiers or pre[-1].lower() in lex.titles):
        title = pre.pop() + " " + title  # "Public" of "Public Prosecutor" is part of the title
    prefix = _clean_prefix(" ".join(pre))
    if prefix and organization is None and is_organisation(prefix, local):
        organization = prefix
    return title.strip(), organization, 3 if organization else 2


def _rank(text: str) -> str | None:
    """The rank words of a "Major General Dr." run, honorifics dropped."""
    lex = lexicon()
    words = [w for w in text.split() if w.lower() in lex.ranks or w.lower() in lex.title_words]
    return " ".join(words) or None


def _trim_complement(text: str) -> str | None:
    """The complement of a title without trailing function words; None when it runs into a
    person's honorific or title ("Council and Sheikh"): then the title is someone else's."""
    lex = lexicon()
    words = text.split(" ")
    for previous, word in itertools.pairwise(words):
        low = word.lower()
        if low in lex.honorifics or (previous.lower() == "and" and low in lex.title_words):
            return None
        if _given_then_name(previous, word):
            return None  # "Minister of State for Finance James Smith": another's title
    while words and words[-1].lower() in lexicon().function_words:
        words.pop()
    return " ".join(words).rstrip(",.;:")


def _given_then_name(first: str, second: str) -> bool:
    """Whether two words of a complement are a person's given name and surname."""
    lex = lexicon()
    low = first.lower()
    if low not in lex.given or low in lex.common or low in lex.portfolios:
        return False
    after = base(second).lower()
    return (
        second[:1].isupper()
        and after not in lex.org_first
        and after not in lex.org_last
        and after not in lex.portfolios
        and after not in lex.place_words
        and after not in lex.function_words
    )


def _clean_prefix(text: str) -> str:
    """An organisation written before a title ("ROP", "Foreign Ministry", "the ROP's")."""
    lex = lexicon()
    words = text.split()
    while words and (
        words[0].lower() in lexicon().function_words or words[0].lower() in lex.nationalities
    ):
        words.pop(0)
    if words and possessive(words[-1]):
        words[-1] = base(words[-1])  # "the ROP's Deputy Inspector General"
    return " ".join(words)


def is_organisation(text: str, local: frozenset[str] = frozenset()) -> bool:
    """Whether a complement or prefix names an organisation rather than a portfolio or place;
    `local` are the acronyms the cable defines."""
    lex = lexicon()
    words = text.split()
    if len(words) == 1:
        word = base(words[0])
        return word in local or word in lex.acronyms or word in lex.known_acronyms
    if text.lower() in lex.organisations:
        return True
    return any(w.lower() in lex.org_first or w.lower() in lex.org_last for w in words)


# A single name word joined by "&" to another: the partners of a firm's name
_PARTNER_BEFORE: Final = re.compile(r"(?<![\w&-])(?P<word>[A-Z][\w'-]*) & \Z")
_PARTNER_AFTER: Final = re.compile(r" & (?P<word>[A-Z][\w'-]*)(?![\w&-])")


def _firm_partner(text: str, run: Run) -> bool:
    """Whether a one-word run is half of a firm's name ("Crowell & Moring", "Heckler & Koch"):
    joined by "&" to a capitalised word that is no given name ("Michelle & Hugo" are people)."""
    if len(run.words) > 1 or "&" not in text[max(0, run.start - 3) : run.end + 3]:
        return False
    partner = _PARTNER_BEFORE.search(text, max(0, run.start - _LONGEST_WORD), run.start)
    partner = partner or _PARTNER_AFTER.match(text, run.end)
    return partner is not None and partner.group("word").lower() not in lexicon().given


def _eponym_body(text: str, run: Run) -> bool:
    """Whether a name of one or two words is followed by English words and a head that make
    them a body's name: "Rene Rachou Research Center", "Qadhafi Development Foundation"; not a
    name before a body the lexicon knows ("E. Joe Kipp Federal Bureau of Investigation")."""
    match = _EPONYM_BODY.match(text, run.end)
    if match is None or len(run.words) > 2:
        return False
    lex = lexicon()
    if match.group("head").lower() not in lex.org_last:
        return False
    words = match.group("words").lower().split()
    if not all(w in lex.common or w in lex.dictionary or w in lex.org_modifiers for w in words):
        return False
    return " ".join([*words, match.group("head").lower()]) not in _known_starts()


@cache
def _known_starts() -> frozenset[str]:
    """The first words of the organisation names the lexicon knows ("federal bureau")."""
    starts: set[str] = set()
    for name in lexicon().known_names:
        words = name.split()
        starts.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
    return frozenset(starts)


_PLACE_BEFORE: Final = frozenset(("the", "at", "in", "from", "near", "into"))
_PLACE_NOUNS: Final = frozenset(
    (
        *("prison", "camp", "street", "road", "district", "village", "neighborhood", "area"),
        *("mosque", "square", "base", "checkpoint", "crossing", "town", "quarter", "refinery"),
    )
)


def _kunya_alone(text: str, run: Run) -> bool:
    """Whether "Abu Alaa", "bin Laden" with nothing else around names a person: not after a
    preposition of place or an article, not before a noun of place ("at Abu Salim prison")."""
    if text[run.start - 1 : run.start] == "(":
        return False  # "MG Thiab Mustafa Ali (Abu al-Fatah)": another name of the one before
    before = text[max(0, run.start - 6) : run.start].split()
    if before and before[-1].lower() in _PLACE_BEFORE:
        return False
    after = text[run.end : run.end + 16].split()
    return not (after and after[0].lower().strip(".,;:") in _PLACE_NOUNS)


def _plural_phrase(written: tuple[str, ...]) -> bool:
    """Whether capitalised words are an English phrase ending in a plural noun, no name in them:
    "Liberal Democrats", "Red Cliffs" (not "Otton Solis", "Joan Rivers")."""
    lex = lexicon()
    words = [w.lower() for w in written]

    def english(word: str) -> bool:
        known = word in lex.common or word in lex.dictionary or word in lex.capitalised
        return known and word not in lex.given and word not in lex.surnames

    last = words[-1]
    one = singular(last)
    return (
        one != last
        and last not in lex.surnames
        and english(one)
        and all(english(w) for w in words[:-1])
    )


_LED_NOUN: Final = re.compile(
    " " + trie(["administration", "cabinet", "era", "government", "presidency", "regime"],
               caseless=True) + r"\b"
)  # fmt: skip


def _leader_of(text: str, run: Run) -> bool:
    """Whether a known surname stands alone before a noun naming what its bearer led: "the
    Maliki Government", "the new Obama Administration", "the Saddam era"."""
    if len(run.words) != 1 or not _LED_NOUN.match(text, run.end):
        return False
    low = run.words[0].lower()
    lex = lexicon()
    if low in lex.nationalities or low in lex.place_words:
        return False  # "the Welsh government"
    return low in lex.surnames or (low in lex.given and low not in lex.dictionary)
