"""Organisations named in running text, the acronyms a cable defines, and acronym-only mentions.

Names are found from their head word ("Ministry of Manpower", "Royal Oman Police", "Office to
Monitor and Combat Trafficking in Persons") and from a list of organisations known by a bare name
(Hamas, Interpol). An acronym in brackets after a name defines it ("Royal Oman Police (ROP)");
acronyms used alone resolve to the name the cable defined, else to the acronym table, else they
are left out: most of the acronyms of cables are not organisations (GDP, FTA, SIPDIS).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Final

from cablekg.entities.lexicon import lexicon
from cablekg.entities.patterns import LOWER_BODY, patterns, starts_word, trie
from cablekg.entities.scan import Chunk
from cablekg.entities.words import (
    ACRONYM,
    ATTRIBUTIVE,
    NAME,
    OPENERS,
    ORG,
    PLACE,
    PORTFOLIO,
    QUOTES,
    base,
    kind,
    possessive,
    singular,
)

_MARKING: Final = re.compile(r"^(?:[A-Z]{1,3}/)?(?:NF|REL|FOUO|SBU|NOFORN)$|/(?:NF|REL.*|FOUO)$")
_OFFICE: Final = re.compile(r"^[A-Z]{1,5}(?:/[A-Z]{1,8}){1,2}$")
_GOVERNMENT: Final = re.compile(r"^(?:G[Oo]|RGO)([A-Z]{1,2}|[A-Z][a-z])$")
_DIGIT_AFTER: Final = re.compile(r" ?\d")
_ACRONYM: Final = re.compile(
    r"^[A-Z][A-Za-z]{0,2}[A-Z&][A-Z0-9&]*(?:[/-][A-Z][A-Z0-9&]*)*$|^[A-Z]{1,4}-?[0-9]{1,2}$"
)
_GENERIC_HEADS: Final = frozenset(
    (
        *("government", "administration", "organization", "society", "force"),
        *("forces", "council", "coalition", "alliance", "movement", "committee", "service"),
        *("school",),
    )
)
_TOPIC_HEADS: Final = frozenset(("group", "force", "forum", "panel", "team"))  # "Group on Somalia"
_FIRM_HEADS: Final = frozenset(("bank", "company", "corporation", "group", "brothers", "sons"))
_PEOPLE_HEADS: Final = frozenset(
    ("delegation", "society", "news", "guards", "guard", "group", "network", "community")
)
_GENERIC_WORDS: Final = frozenset(
    (
        *("new", "transitional", "coalition", "provisional", "interim", "current", "future"),
        *("civil", "previous", "former", "popular", "political", "regional", "international"),
        *("local", "state", "provincial", "armed", "unity", "national", "central", "special"),
        *("high", "general"),
    )
)
_RESOLUTIONS: Final = {"UNSCR": "UNSC", "UNGAR": "UNGA"}  # resolution symbol -> the body passing it
_EMBASSY_WORDS: Final = frozenset(("Embassy", "Consulate", "EMBASSY", "CONSULATE"))
# words that name a US post by its city or country: "Embassy La Paz", "ConGen Sao Paulo",
# "U.S. Mission Indonesia"
_POST_WORDS: Final = _EMBASSY_WORDS | {"Mission", "Congen", "ConGen", "CONGEN", "MISSION"}
_EMBASSY_IN: Final = re.compile(r" in (?P<place>[A-Z][a-z'-]+(?: [A-Z][a-z'-]+)?)")
_INITIALISM: Final = re.compile(r"^(?:[A-Z]\.){2,4}$")
_MINISTRY_CASE: Final = re.compile(r"^Mo[A-Z]{1,3}$")  # "MoD", "MoFA"
_NAME_CONNECTORS: Final = frozenset(
    (
        *("of", "for", "and", "the", "on", "at", "in", "&", "de", "la", "del", "y", "el", "los"),
        *("las", "por", "para", "da", "do", "dos", "das", "des", "du", "et", "e", "to", "off"),
    )
)
_CAPITAL_WORD: Final = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'\u2019&/.-]*$")
_UPPER_WORD: Final = re.compile(r"^[A-Z][A-Z'\u2019&/.-]*$")

# Where an organisation is named in a text: start, end and, when the words there are not its name
# as such, the name ("Interior Ministry" of "the Interior and Foreign Ministry").
NameSpan = tuple[int, int] | tuple[int, int, str]


class OrgMention:
    """One mention of an organisation. A plain class: compiled, a dataclass's `__init__` would
    stay interpreted."""

    __slots__ = ("acronym", "name", "order", "spelled")

    def __init__(
        self, name: str, acronym: str | None = None, order: int = 0, spelled: bool = True
    ) -> None:
        self.name = name
        self.acronym = acronym
        self.order = order
        self.spelled = spelled  # the cable spells the name out (not only an acronym)


@dataclass
class Found:
    """What a cable's text says about organisations, gathered segment by segment."""

    orgs: list[OrgMention] = field(default_factory=list)
    definitions: dict[str, str] = field(default_factory=dict)  # acronym -> organisation name
    plain: set[str] = field(default_factory=set)  # acronyms defined for other things (TIP)
    uses: list[tuple[str, int, bool]] = field(default_factory=list)  # acronym, order, upper
    cued: set[str] = field(default_factory=set)  # GOx words written as a body: "THE GOT'S"
    bodies: set[str] = field(default_factory=set)  # acronyms written with a role: "ODC Chief"


def bracketed_acronyms(text: str) -> list[re.Match[str]]:
    """Acronyms written in brackets anywhere in the text: found once per segment, for the
    people finder (words, not names) and the organisation finder (definitions)."""
    return list(patterns().definition.finditer(text))


def find_organisations(
    text: str,
    upper: bool,
    chunk_list: list[Chunk],
    person_spans: list[tuple[int, int]],
    order: int,
    found: Found,
    bracketed: list[re.Match[str]],
) -> None:
    """Add the organisations, definitions and acronym uses of one text segment to `found`;
    `bracketed` are the segment's acronyms in brackets (`bracketed_acronyms`)."""
    pats = patterns()
    taken: list[tuple[int, int]] = []
    ends: set[int] = set()  # where the names taken end, looked up once per definition

    def add(start: int, end: int, name: str | None = None, acronym: str | None = None) -> None:
        # "External Relations' (MRE)", "the \u201cJERUSALEM WORKING GROUP\u201d (JWG -- ...)"
        name = name or text[start:end].strip('"\u201c\u201d').rstrip("'\u2019")
        taken.append((start, end))
        ends.add(end)
        definition = pats.definition.match(text, end)
        acronym = acronym or (definition.group("acr") if definition else None)
        bare = acronym is None and not upper and bool(_ACRONYM.match(name))
        if bare:  # "the terrorist group ETA": the ETA the cable or the table may spell out
            found.orgs.append(OrgMention(name, name, order + start, spelled=False))
            return
        if acronym:
            found.definitions.setdefault(acronym, name)
        found.orgs.append(OrgMention(name=name, acronym=acronym, order=order + start))

    spans: list[NameSpan] = []
    position = 0
    search = pats.org[upper].search
    while match := search(text, position):
        position = match.end()
        if starts_word(text, match.start()):
            org_span = organisation_span(text, match, upper, person_spans)
            if org_span is not None:
                spans.extend(_coordinated(text, org_span, match))
                # a complement cut short may hold the next name: "Division of the Justice Ministry"
                position = min(position, max(org_span[1], match.end("head")))
    spans.extend(_national_bodies(text, chunk_list))
    for span in _longest(spans):  # "ANA Trust Fund", not also "ANA Trust"
        add(*span)
    taken.sort()
    for chunk in chunk_list:
        if chunk.starts:
            for start, end in _known_organisations(chunk, upper):
                if not _inside(taken, start) and not _term_of_office(text, start, end):
                    add(start, end)
    taken.sort()
    for span in _cued_organisations(text, upper, person_spans):
        if not _inside(taken, span[0]) and not _inside(taken, span[1] - 1):
            add(*span)
    taken.sort()
    definitions = [*bracketed, *_DEFINITION_OPEN.finditer(text)]
    for match in definitions:
        if match.start() in ends:
            continue
        named = _defined_name(text, match, person_spans)
        if named is None:
            if _spelled_name(text, match):
                found.plain.add(match.group("acr"))  # "Trafficking in Persons (TIP)"
            continue  # else no definition: "Okiharu Yasuoka (LDP)", a person's party
        # the spelled-out name replaces a shorter one found inside it: "Hefei National
        # Laboratory" of "Hefei National Laboratory for Physical Science at the Microscale (HFNL)"
        inside = {order + s for s, e in taken if named <= s and e < match.start()}
        if inside:
            found.orgs[:] = [o for o in found.orgs if o.order not in inside]
        if _thing(text[named : match.start()], match.group("acr")):
            found.plain.add(match.group("acr"))  # "Foreign Military Financing (FMF)"
            continue
        # "... Control Regime (MTCR)"
        add(named, match.start(), _ministry(text, named, match.start()), match.group("acr"))
    taken.sort()
    for expansion in _expansions(text):
        start, end = expansion.span("name")
        if not _inside(taken, start) and _expands(expansion.group("acr"), expansion.group("name")):
            add(start, end, None, expansion.group("acr"))  # "Bet El DCL (District ... Liaison)"
    for word, offset in _upper_bodies(text) if upper else ():
        if not _inside(person_spans, offset):  # "FONOFF OFFICIALS", "THE ADOC LEADERSHIP"
            found.bodies.add(word)
            found.uses.append((word, order + offset, upper))
    for coded, offset in _coded_acronyms(text):
        if not _inside(person_spans, offset):
            found.uses.append((coded, order + offset, False))  # "the G8 in Italy"
    taken.sort()
    for chunk in chunk_list:
        for i in chunk.capitals:
            token, offset = chunk.tokens[i], chunk.base + chunk.offsets[i]
            special = "/" in token or token[:2] == "GO" or token[1:2] == "."
            plain = chunk.kinds[i] != ACRONYM and base(token) not in found.definitions
            # in capitals, only table acronyms, office symbols, GOx, or words with a role
            acronym = None if upper and plain and not special else _acronym_shape(token, upper)
            if acronym is None and upper and not special:
                body = _body_acronym(text, token, offset)  # "ADOC LEADER GUILLERMO FORD"
                if body and not _inside(person_spans, offset):
                    found.bodies.add(body)
                    found.uses.append((body, order + offset, upper))
                continue
            joined = "-" in token and not upper and acronym not in lexicon().acronyms
            parts = _joined_uses(token, order + offset) if joined else []
            if parts:
                found.uses.extend(parts)  # "FARC-ETA", "EU-Latam"
                continue
            if not acronym or _inside(person_spans, offset):
                continue
            if _leads_name(taken, offset, len(token)):
                continue  # "UN Security Council": the name's first word, no use of its own
            end = offset + len(acronym)
            if _ROLE_AFTER.match(text, end) and _no_word(acronym):
                found.bodies.add(acronym)  # "ODC Chief", "the OCPA officials"
            if _DIGIT_AFTER.match(text, end) and acronym not in _RESOLUTIONS:
                continue  # "EUR 5 million", but "UNSCR 1559"
            if text[offset - 1 : offset] == "(" and offset - 2 in ends:
                continue  # the definition itself
            if upper and _GOVERNMENT.match(acronym) and _government_cue(text, offset, acronym):
                found.cued.add(acronym)  # "THE GOT'S RELIGIOUS AFFAIRS", not "I GOT A LAUGH"
            found.uses.append((acronym, order + offset, upper))


_CUE_WORD: Final = r"[A-Z][\w'\u2019&.-]*"
_CUE_LINK: Final = "(?:de|del|della|di|da|do|la|le|el|al) "
_CUE_NAME: Final = rf"[A-Z0-9][\w'\u2019&.-]*(?: (?:{_CUE_LINK})?{_CUE_WORD}){{0,3}}"
_MEDIA: Final = ("newspaper", "magazine", "tabloid", "news agency")
# A bare name is an organisation when a common noun says so: "the daily La Repubblica",
# "opposition party FIDESZ", "Canadian company Forsys"; "the Gulen movement", "a Gallup poll".
_CUES_BEFORE: Final = {
    cue: re.compile(rf"{cue} (?P<name>{_CUE_NAME})")
    for cue in (
        *_MEDIA,
        *("daily", "weekly", "paper", "company", "firm", "airline", "bank", "party", "NGO"),
        "group",
    )
}
_CUES_AFTER: Final = (*_MEDIA, "poll", "TV", "television", "investment firm", "movement")
# Every cue noun after a space, in one scan: the literal space lets the engine skip ahead,
# where a search per noun would read the whole text some twenty times. A look-ahead, so that
# "firm" is found inside "investment firm" too.
_CUE_NOUNS: Final = re.compile(" (?=(?P<noun>" + trie(sorted({*_CUES_BEFORE, *_CUES_AFTER})) + "))")
_CUE_RANKS: Final = {
    **{(noun, False): rank for rank, noun in enumerate(_CUES_BEFORE)},
    **{(noun, True): len(_CUES_BEFORE) + rank for rank, noun in enumerate(_CUES_AFTER)},
}
_NAME_BEFORE: Final = re.compile(rf"(?P<name>{_CUE_NAME})\Z")
_CUES_UPPER: Final = {
    cue: re.compile(rf"{cue} (?P<name>[A-Z][A-Z'-]{{3,}})")
    for cue in ("NEWSPAPER", "DAILY", "WEEKLY", "MAGAZINE", "PAPER")
}
_NOT_NAME_SUFFIX: Final = re.compile(r"-[a-z]+$|^[A-Z]+s$|XXXX|SIPDIS")  # "Moscow-based", "CEOs"


def _cued_organisations(
    text: str, upper: bool, person_spans: list[tuple[int, int]]
) -> list[NameSpan]:
    """Spans of bare names that a common noun beside them calls a newspaper, company, party,
    movement or pollster (the noun itself is left out: "Gulen", not "Gulen movement")."""
    found: list[tuple[int, str, str | None]] = []  # start, name, cue after it
    if upper:
        for noun, pattern in _CUES_UPPER.items():
            if noun + " " in text:
                found.extend(
                    (m.start("name"), m.group("name"), None)
                    for m in pattern.finditer(text)
                    if starts_word(text, m.start())
                )
    else:
        found = _mixed_cues(text)
    spans: list[NameSpan] = []
    if not upper:
        spans += _departments_named_for_canada(text)
        spans += _state_in_lists(text)
        spans += [m.span() for m in _DEMOCRATS.finditer(text)] if "Democrats" in text else []
    if "Dep" in text or "DEP" in text:
        spans += _the_department(text)
    for start, raw, cue in found:
        after = cue is not None
        if after and not starts_word(text, start):
            continue  # "anti-CAFTA movement"
        words = _cue_words(raw, after)
        if not words or (after and possessive(words[-1])):
            continue  # "Arias's firm direction", "Milennio's poll"
        if cue == "movement" and _movement_word(words):
            continue  # "FARC movement" (progress), "Peronist movement"
        start += raw.index(words[0])
        name = " ".join(words)
        if possessive(name):
            name = name[:-2]
        if _plausible_bare_name(name, upper) and not _inside(person_spans, start):
            end = start + len(name)
            if cue == "movement" and text.startswith(" movement", end):
                end += len(" movement")  # the movement's name: "the Gulen movement"
            spans.append((start, end))
    return spans


def _mixed_cues(text: str) -> list[tuple[int, str, str | None]]:
    """(start, name, cue after it) of the names a cue noun stands before or after, in the
    order of the cues (then of the text), which decides between overlapping names."""
    ranked: list[tuple[int, int, tuple[int, str, str | None]]] = []
    named: tuple[int, str, str | None]
    for cue in _CUE_NOUNS.finditer(text):
        noun, position = cue.group("noun"), cue.start()
        before = _CUES_BEFORE.get(noun)
        match = before.match(text, position + 1) if before else None
        if match:
            named = (match.start("name"), match.group("name"), None)
            ranked.append((_CUE_RANKS[noun, False], position, named))
        end = cue.end("noun")
        if noun in _CUES_AFTER and not text[end : end + 1].isalnum():
            match = _NAME_BEFORE.search(text, max(0, position - 60), position)
            if match:
                named = (match.start("name"), match.group("name"), noun)
                ranked.append((_CUE_RANKS[noun, True], position, named))
    ranked.sort(key=lambda item: item[:2])
    return [named for *_, named in ranked]


# "the Department", "Department's", "DEPARTMENT, CIA": standing alone, a cable's Department is
# the Department of State; "of"/"for", a name or an office in brackets after it, or a
# capitalised word before it (not a sentence's first), make it another or an office of it
# ("Department of Labor", "the Game Department", "the Department (WHA/CEN)")
# (its literal first letter lets the engine skip to each "D": "\bD" would test every position)
_DEPARTMENT_WORD: Final = re.compile(
    r"D(?<!\wD)(?:epartment|EPARTMENT|ept\.?|EPT\.?)(?=['\u2019][sS]\b|[,.;:)]| (?![Oo][Ff]\b|"
    r"[Ff][Oo][Rr]\b|[A-Z][a-z]|[A-Z]{2}|\())"
)
_DEPARTMENT_BEFORE: Final = frozenset(("the", "to", "and", "from", "with", "by", "that"))


def _the_department(text: str) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for match in _DEPARTMENT_WORD.finditer(text):
        before = text[max(0, match.start() - 8) : match.start()]
        word = before.split()[-1] if before.strip() else ""
        opens = not word or word.endswith((".", ";", ":", "(")) or before.endswith("\n")
        if opens or word[:1].islower() or word.lower() in _DEPARTMENT_BEFORE:
            spans.append((match.start(), match.end(), "Department of State"))
    return spans


# European parties named for their members: "the opposition Social Democrats"
_DEMOCRATS: Final = re.compile(r"(?<![\w-])(?:Social|Christian|Free|Liberal) Democrats(?![\w-])")
_LIST_ITEM: Final = re.compile(r"[A-Z][A-Z/&-]+")


def _state_in_lists(text: str) -> list[tuple[int, int, str]]:
    """ "State" as an item of a list of US agencies is the Department of State: "(EUCOM,
    CENTCOM, State, OCPA Baghdad)", "DOD, State and USAID"."""
    lex = lexicon()
    spans: list[tuple[int, int, str]] = []
    position = text.find("State")
    while position > 0:
        end = position + 5
        before = text[max(0, position - 12) : position]
        after = text[end : end + 12]
        listed_before = before.endswith((", ", "(")) or before.endswith(" and ")
        listed_after = after[:1] in (",", ")") or after.startswith(" and ")
        if listed_before and listed_after:
            items = _LIST_ITEM.findall(before) + _LIST_ITEM.findall(after)
            if any(item in lex.acronyms for item in items):
                spans.append((position, end, "Department of State"))
        position = text.find("State", end)
    return spans


def _departments_named_for_canada(text: str) -> list[tuple[int, int]]:
    """Canadian federal departments are named by portfolio and country: "Industry Canada",
    "Public Safety Canada", "Foreign Affairs and International Trade Canada"."""
    lex = lexicon()
    found = []
    position = text.find(" Canada")
    while position > 0:
        words = text[max(0, position - 60) : position].split(" ")
        name: list[str] = []
        for word in reversed(words):
            portfolio = word[:1].isupper() and base(word) == word and word.lower() in lex.portfolios
            if not (portfolio or (word == "and" and name and "and" not in name)):
                break
            name.insert(0, word)
        while name and name[0] == "and":
            name.pop(0)
        after = text[position + 7 : position + 9]
        if name and not (after[:1] == " " and after[1:].isupper()):  # not "Investment Canada Act"
            start = position - len(" ".join(name))
            found.append((start, position + len(" Canada")))
        position = text.find(" Canada", position + 7)
    return found


def _cue_words(name: str, after: bool) -> list[str]:
    """The words of a cued name, cut at a sentence end or a title ("Citizen Participation
    Executive Director"); a date before a cue noun is left out ("March 22 Gallup poll")."""
    lex = lexicon()
    words: list[str] = []
    for word in name.split(" "):
        low = base(word).lower()
        if words and (low in lex.titles or low in lex.honorifics):
            break
        words.append(word.rstrip("."))
        if word.endswith(".") and len(word) > 2:
            break  # "ETA. Acebes stated"
    while after and words and (words[0][:1].isdigit() or words[0].lower() in lex.function_words):
        words.pop(0)  # "a March 22 Gallup poll", "The Gulen movement"
    while len(words) > 1 and base(words[-1]).lower() in lex.title_words:
        words.pop()  # "NGO Citizen Participation Executive (Director)"
    if words and (words[0].isdigit() and len(words) == 1):
        return []
    if len(words) > 1 and all(w.isupper() for w in words):
        return []  # a heading in capitals: "NGO REPORT CALLS ..."
    return words


def _movement_word(words: list[str]) -> bool:
    return len(words) == 1 and (words[0].isupper() or words[0].endswith(("ist", "ists")))


def _plausible_bare_name(name: str, upper: bool) -> bool:
    """Not a title, place, nationality, month, marking or English word standing alone."""
    lex = lexicon()
    words = name.split(" ")
    low = [base(w).lower() for w in words]
    first, joined = low[0], " ".join(low)
    if not name or _NOT_NAME_SUFFIX.search(name) or name.replace(".", "") in ("US", "UK", "USA"):
        return False
    if first in lex.function_words or first in lex.title_words or first in lex.honorifics:
        return False
    if low[-1] in lex.nationalities or joined in lex.nationalities or joined in lex.places:
        return False
    if first in lex.places or any(w in _CALENDAR for w in low) or name in lex.not_agencies:
        return False
    if len(words) == 1 and (first in lex.common or (upper and first in lex.dictionary)):
        return False
    return kind(base(words[0]), upper) != PORTFOLIO


_CALENDAR: Final = frozenset(
    (
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december", "monday", "tuesday", "wednesday"),
        *("thursday", "friday", "saturday", "sunday"),
    )
)


_ROLES: Final = (
    "official", "officials", "officer", "officers", "chief", "director", "leader", "leaders",
    "leadership", "spokesman", "spokeswoman", "spokesperson", "member", "members", "chairman",
    "president", "secretary-general", "secretary general", "headquarters", "commander",
    "delegation", "representative", "representatives",
)  # fmt: skip
_ROLE_AFTER: Final = re.compile(rf"(?:['\u2019][sS])? {trie(sorted(_ROLES), caseless=True)}\b")


_UPPER_ROLES: Final = (
    *(" OFFICIALS", " OFFICIAL ", " LEADER", " SPOKESMAN", " CHIEF ", " DIRECTOR"),
    *(" CHAIRMAN", " HEADQUARTERS", " COMMANDER", " DELEGATION", " REPRESENTATIVE"),
)


def _upper_bodies(text: str) -> list[tuple[str, int]]:
    """Words of an upper-case text written before a role ("FONOFF OFFICIALS") that are no
    English word, name or place: acronyms of organisations the lexicon does not list. Found
    from the role words, which are rare, not from every word."""
    lex = lexicon()
    found = []
    for role in _UPPER_ROLES:
        position = text.find(role)
        while position > 0:
            start = max(text.rfind(" ", 0, position), text.rfind("\n", 0, position)) + 1
            word = text[start:position]
            if word[-2:] in ("'S", "\u2019S"):
                word = word[:-2]
            body = _body_acronym(text, word, start) if word.isalpha() else None
            if body and body not in lex.acronyms and body.lower() not in lex.title_words:
                found.append((body, start))
            position = text.find(role, position + len(role))
    return found


def _body_acronym(text: str, token: str, offset: int) -> str | None:
    """A word of an upper-case text that is no English word, written with a role after it:
    an organisation's acronym ("ADOC LEADERSHIP")."""
    word = base(token)
    if not (2 <= len(word) <= 6 and word.isalpha() and _ROLE_AFTER.match(text, offset + len(word))):
        return None
    return word if _no_word(word) else None


def _no_word(acronym: str) -> bool:
    """Whether an acronym is no English word, title, name, place or nationality ("THE", "VICE",
    "SYRIAN" in a heading)."""
    low = acronym.lower()
    lex = lexicon()
    if len(acronym) < 3 or not acronym.replace("-", "").isalpha():
        return False  # "PC", "FS-04": too short to tell, or a grade
    if "-" in acronym and not all(_no_word(part) for part in acronym.split("-")):
        return False  # "HIGH-LEVEL"
    return not (
        low in lex.common
        or low in lex.capitalised
        or low in lex.org_first
        or low in lex.org_last
        or low in lex.dictionary
        or low in lex.title_words
        or low in lex.given
        or low in lex.places
        or low in lex.nationalities
        or low in lex.surnames
    )


@cache
def _coded_names() -> re.Pattern[str]:
    """Table acronyms with a number ("G8", "G-20", "MI6"), which no capitals scan picks up, as
    one pattern (not "G-8/G-20" halves, not "G8s")."""
    coded = sorted(a for a in lexicon().acronyms if any(c.isdigit() for c in a) and "/" not in a)
    return re.compile(trie(coded) + r"(?![\w/-])")


def _coded_acronyms(text: str) -> list[tuple[str, int]]:
    """Where the text uses a coded table acronym."""
    found = _coded_names().finditer(text)
    return [(m.group(), m.start()) for m in found if starts_word(text, m.start())]


def _joined_uses(token: str, order: int) -> list[tuple[str, int, bool]]:
    """Table acronyms joined by hyphens to other words: "a FARC-ETA connection", "the EU-Latam
    Summit" name FARC, ETA and the EU."""
    lex = lexicon()
    uses = []
    position = order
    for part in base(token).split("-"):
        if (part in lex.acronyms and part.isupper()) or _GOVERNMENT.match(part):
            uses.append((part, position, False))  # "PA-GOI security coordination"
        position += len(part) + 1
    return uses


def _government_cue(text: str, offset: int, acronym: str) -> bool:
    """Whether a capitalised GOx that is also a word ("GOT", "GOV") is written as a body:
    after THE or with a possessive ("THE GOT'S RELIGIOUS AFFAIRS DIRECTORATE")."""
    after = text[offset + len(acronym) : offset + len(acronym) + 2]
    return text[max(0, offset - 4) : offset] == "THE " or after in ("'S", "\u2019S")


def _national_bodies(text: str, chunk_list: list[Chunk]) -> list[NameSpan]:
    """Bodies named by a nationality and a common noun ("the Turkish government", "the UK embassy
    in Brasilia") and embassies by their city ("Embassy Cairo"), read off the chunks."""
    lex = lexicon()
    spans: list[NameSpan] = []
    if "mbassies " in text or "MBASSIES " in text:
        spans.extend(_listed_embassies(text))
    for chunk in chunk_list:
        tokens, kinds = chunk.tokens, chunk.kinds
        if not _POST_WORDS.isdisjoint(tokens):
            spans.extend(_embassies_by_city(chunk))
            if "IN" in tokens:
                spans.extend(_embassies_in(chunk))
        if PLACE not in kinds:
            continue
        at = chunk.base
        offsets = [at + offset for offset in chunk.offsets[-2:]]
        last = base(tokens[-1])
        end = offsets[-1] + len(last)
        if last in _EMBASSY_WORDS:
            found = _EMBASSY_IN.match(text, end)  # "U.S. Embassy in Tripoli"
            if found and found.group("place").lower() in lex.places:
                start = offsets[-2] if len(tokens) > 1 and kinds[-2] == PLACE else offsets[-1]
                spans.append((start, found.end()))
            continue
        if kinds[-1] != PLACE or last.lower() not in lex.nationalities:
            continue
        found = LOWER_BODY.match(text, end)
        if found and (not found.group("place") or found.group("place").lower() in lex.places):
            start = offsets[-2] if len(tokens) > 1 and kinds[-2] == PLACE else offsets[-1]
            spans.append((start, found.end()))
    return spans


_EMBASSIES: Final = re.compile(r"(?<![\w-])(?:Embassies|EMBASSIES) (?=[A-Z])")
_LIST_PLACE: Final = re.compile(r"[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,2}")


def _listed_embassies(text: str) -> list[NameSpan]:
    """ "Embassies Riyadh, Kuwait, Abu Dhabi, Doha, and Islamabad": an embassy for each city
    the plural names, while the words are places."""
    places = lexicon().places
    spans: list[NameSpan] = []
    for head in _EMBASSIES.finditer(text):
        one = "EMBASSY" if head.group().isupper() else "Embassy"
        position = head.end()
        while found := _LIST_PLACE.match(text, position):
            words = found.group().split(" ")
            while words and " ".join(words).lower() not in places:
                words.pop()  # "Cairo Station": the place is "Cairo"
            if not words:
                break
            place = " ".join(words)
            spans.append((position, position + len(place), f"{one} {place}"))
            separator = _LIST_SEPARATOR.match(text, position + len(place))
            if separator is None:
                break
            position = separator.end()
    return spans


def _embassies_by_city(chunk: Chunk) -> list[tuple[int, int]]:
    """ "Embassy Cairo", "the British Embassy Baghdad", "U.S. Embassy La Paz", "ConGen Sao
    Paulo": an embassy or post word before a place of up to three words."""
    tokens, kinds, at = chunk.tokens, chunk.kinds, chunk.base
    offsets = [at + offset for offset in chunk.offsets]
    spans = []
    for i, token in enumerate(tokens[:-1]):
        if token not in _POST_WORDS:
            continue  # "MOD Mission, New York": a comma parts the word from the place
        size = _place_size(tokens, i + 1, 3)
        if size:
            start = offsets[i - 1] if i and kinds[i - 1] in (PLACE, ACRONYM) else offsets[i]
            spans.append((start, offsets[i + size] + len(base(tokens[i + size]))))
    return spans


def _embassies_in(chunk: Chunk) -> list[tuple[int, int]]:
    """ "THE ISRAELI EMBASSY IN PARIS": an embassy word, IN and a place, in capitals (where the
    whole text is one chunk)."""
    tokens, kinds, at = chunk.tokens, chunk.kinds, chunk.base
    spans = []
    for i, token in enumerate(tokens[:-2]):
        if token not in _EMBASSY_WORDS or tokens[i + 1] != "IN" or chunk.breaks[i]:
            continue
        size = _place_size(tokens, i + 2, 2)
        if size:
            last = i + 1 + size
            start = at + chunk.offsets[i - 1 if i and kinds[i - 1] == PLACE else i]
            spans.append((start, at + chunk.offsets[last] + len(base(tokens[last]))))
    return spans


def _place_size(tokens: Sequence[str], i: int, longest: int) -> int:
    """How many tokens from `i` on name a place, the most that do up to `longest` (0: none)."""
    places = lexicon().places
    for size in range(longest, 0, -1):
        words = [base(t) for t in tokens[i : i + size]]
        if len(words) == size and " ".join(words).lower() in places:
            return size
    return 0


def _coordinated(text: str, span: tuple[int, int], match: re.Match[str]) -> list[NameSpan]:
    """Two ministries written as one ("the Interior and Foreign Ministry") are two: the span of
    "Foreign Ministry", and "Interior Ministry" with its name spelled out. So are the ministries
    of a plural head ("the Ministries of Labor, Health, and Justice")."""
    name = text[span[0] : span[1]]
    head = match.group("head")
    if head.lower() in _PLURAL_HEADS and name.startswith(head):
        return _listed_bodies(name, span[0], head)
    first, _, rest = name.partition(" and ")
    low = head.lower()
    if (
        low not in ("ministry", "ministries")
        or not rest.endswith(head)
        or " " in first
        or not first
    ):
        return [span]
    one = _PLURAL_HEADS.get(low, head)  # "the Finance and Economics Ministries": a Ministry each
    one = one.upper() if head.isupper() else one
    second = (span[0] + len(first) + 5, span[1], f"{rest[: -len(head)]}{one}")
    return [second, (span[0], span[0] + len(first), f"{first} {one}")]


_PLURAL_HEADS: Final = {"ministries": "Ministry", "departments": "Department"}
_LIST_SEPARATOR: Final = re.compile(r",? (?:and|AND) |, ")
_ADJECTIVE: Final = re.compile(r"(?i:[a-z]+(?:al|ic|ous)|foreign|home)$")  # a portfolio's adjective


def _listed_bodies(name: str, start: int, head: str) -> list[NameSpan]:
    """ "Ministries of Labor, Health, and Justice": a span and a name for each ministry."""
    connector = name[len(head) :].split(" ", 2)  # ["", "of", "Labor, Health, and Justice"]
    if len(connector) < 3:
        return []
    singular = _PLURAL_HEADS[head.lower()]
    if head.isupper():
        singular = singular.upper()
    offset = start + len(head) + len(connector[1]) + 2
    spans: list[NameSpan] = []
    position = 0
    items = connector[2]
    noun = items.rsplit(" ", 1)[-1]
    for separator in [*_LIST_SEPARATOR.finditer(items), None]:
        end = separator.start() if separator else len(items)
        item = items[position:end]
        if _ADJECTIVE.match(item):
            item = f"{item} {noun}"  # "Ministries of Foreign and Home Affairs"
        if item:
            spans.append((offset + position, offset + end, f"{singular} {connector[1]} {item}"))
        position = separator.end() if separator else end
    return spans


def _longest(spans: list[NameSpan]) -> list[NameSpan]:
    """The spans (start, end[, name]) that no longer span overlaps, in text order (the kept
    spans never overlap, so one look at the kept span starting next before an end suffices)."""
    kept: list[NameSpan] = []
    starts: list[int] = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        index = bisect.bisect_left(starts, span[1])
        if index and kept[index - 1][1] > span[0]:
            continue
        starts.insert(index, span[0])
        kept.insert(index, span)
    return kept


def _defined_name(
    text: str, match: re.Match[str], person_spans: list[tuple[int, int]]
) -> int | None:
    """Where the name that an acronym in brackets abbreviates begins, when that name is an
    organisation: capitalised words whose initials give the acronym, ending in no word of a
    treaty, programme or concept ("Free Trade Agreement", "Trafficking in Persons")."""
    lex = lexicon()
    name = _spelled_name(text, match)
    last = base(name[-1]).lower() if name else ""
    # "World Food Program (WFP)": a programme the table knows as a body
    listed = match.group("acr") in lex.acronyms and last in ("program", "programme")
    if len(name) < 2 or (last in lex.not_org_heads and not listed) or last in lex.titles:
        return None  # "Free Trade Agreement (FTA)", "Foreign Minister (FM)"
    capitals = [w for w in name if w.lower() not in _NAME_CONNECTORS]
    # the first word, or one before "in", "at", "of": "Declaration on Security in the Americas"
    ends = [w for w, n in zip(name, [*name[1:], ""], strict=True) if n.lower() in _NAME_CONNECTORS]
    concept = any(base(w).lower() in lex.not_org_heads for w in [capitals[0], *ends])
    if concept and match.group("acr") not in lex.acronyms:
        return None  # "Declaration on Security in the Americas (DSA)"
    if any(w.lower() in lex.function_words for w in capitals):
        return None  # "Area To Be Avoided (ATBA)"
    if len(capitals) < 3 and match.group("acr") not in lex.known_acronyms:
        return None  # "Safety Navigation (SN)": too short to tell
    start = match.start() - len(" ".join(name))
    joined = " ".join(name).lower()
    if joined in lex.places or _inside(person_spans, start):
        return None
    return start


# last words of bodies no head word list holds: what parties and movements are named for
# ("Rally for Culture and Democracy"), firms' and factions' last words
_BODY_ENDINGS: Final = frozenset(
    (
        *("democracy", "development", "justice", "progress", "renewal", "reconciliation"),
        *("change", "solidarity", "liberation", "freedom", "independence", "unity", "reform"),
        *("disarmament", "headquarters", "faction", "establishment", "international", "first"),
        *("appeal", "list", "incorporated", "worldwide", "broadcasting", "intelligence"),
        *("community", "democracies", "lab", "body", "congresses"),
    )
)


def _thing(name: str, acronym: str) -> bool:
    """Whether a spelled-out name names a thing, not a body: it ends in an English word, no word
    of it heads an organisation, and no table knows the acronym ("Phased Adaptive Approach
    (PAA)", "Excess Defense Articles (EDA)")."""
    lex = lexicon()
    if acronym in lex.acronyms or acronym in lex.attested:
        return False
    words = [base(w).lower() for w in name.split()]
    last = words[-1]
    if (last not in lex.dictionary and last not in lex.common) or last in _BODY_ENDINGS:
        return False
    if words[0] in lex.org_first:
        return False  # "Ministry of Social Solidarity (MSS)"
    # a head before a complement: "Sudan Liberation Army Unity Faction", "Council for X and Y"
    heads = lex.org_last | lex.org_first
    return not any(
        (w in heads or singular(w) in heads) and (nxt in _NAME_CONNECTORS or nxt == "")
        for w, nxt in zip(words, [*words[1:], ""], strict=True)
    )


def _spelled_name(text: str, match: re.Match[str]) -> list[str]:
    """The words before an acronym in brackets that it abbreviates: the longest run of
    capitalised words (and connectors) starting with the acronym's first letter whose initials
    hold its letters, no more capitalised words than it has letters when a run that short fits
    ("MOVEMENT FOR DEMOCRATIC CHANGE (MDC)", not "RICE MET MOVEMENT ..."). Empty when none."""
    acronym = re.sub(r"[^A-Z]", "", match.group("acr"))
    if len(acronym) < 2:
        return []
    words = text[max(0, match.start() - 120) : match.start()].split(" ")[1:][-10:]
    run: list[str] = []
    for word in reversed(words):
        bare = word.strip('"\u201c\u201d')  # a name may be in quotes
        closes = bare != word.lstrip('"\u201c')  # a closing quote: only on the last word
        capital = bare[:1].isupper() or _JOINED_WORD.match(bare)
        if (capital and bare.strip(",.;:") == bare and not (closes and run)) or (
            word.lower() in _NAME_CONNECTORS and run
        ):
            run.insert(0, word)
            if bare != word.rstrip('"\u201d'):
                break  # the opening quote
        else:
            break
    if run and possessive(run[-1]):
        return []  # "the General Assembly's (GA) decision": no name, the acronym of another
    fitting: list[list[str]] = []
    for i, word in enumerate(run):
        if word.lower() in _NAME_CONNECTORS or _initial(word) != acronym[0]:
            continue
        rest = run[i:]
        initials = "".join(_initial(part) for w in rest for part in w.split("-") if part)
        if _letters_in(acronym, initials):
            fitting.append(rest)
    if not fitting:
        return []
    short = [f for f in fitting if _capital_count(f) <= len(acronym)]
    return short[0] if short else fitting[-1]


_MINISTER_OF: Final = re.compile(r"(?:Minister|MINISTER)(?= (?:of|for|OF|FOR) )")


def _ministry(text: str, start: int, end: int) -> str | None:
    """ "Minister of the Interior (MOI)": the acronym names the ministry, which is the body
    (None: the name as written)."""
    minister = _MINISTER_OF.match(text, start, end)
    if minister is None:
        return None
    return ("MINISTRY" if minister.group().isupper() else "Ministry") + text[minister.end() : end]


# "(JWG -- since inactive)", "(SMOM, a sovereign order)": an acronym opening a remark
_DEFINITION_OPEN: Final = re.compile(r" \((?P<acr>[A-Z][A-Za-z]{0,3}[A-Z&][A-Z0-9&]*)(?= --|, )")
_JOINED_WORD: Final = re.compile(r"^(?:al|el|an|as|ad|ash)-[A-Z]")


# An acronym with its name spelled out in brackets after it: "DCL (District Coordination
# Liaison)", "the PSOE (Spanish Socialist Workers Party)"
_EXPANSION: Final = re.compile(
    r"(?P<acr>[A-Z][A-Z&]{1,7}) \((?P<name>[A-Z][\w'&-]*"
    r"(?: (?:(?:of|for|and|the|on|in|to|de|del|des|du|la|el) ){0,2}[A-Z][\w'&-]*){1,9})\)"
)


def _expansions(text: str) -> Iterator[re.Match[str]]:
    """The matches of `_EXPANSION`, looked for only where a bracket opens after a word of
    capitals (a scan for capitals all through the text would cost more than the rest)."""
    position = text.find(" (")
    while position > 0:
        start = position
        while (
            start > 0
            and position - start < 8
            and (text[start - 1].isupper() or text[start - 1] == "&")
        ):
            start -= 1
        free = start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_/&-")
        if position - start >= 2 and free and text[start] != "&":
            found = _EXPANSION.match(text, start)
            if found:
                yield found
        position = text.find(" (", position + 2)


def _expands(acronym: str, name: str) -> bool:
    """Whether a name in brackets spells out the acronym before it, initial by initial, and
    names a body (not "NPT (Non-Proliferation Treaty)", a treaty)."""
    lex = lexicon()
    words = name.split()
    capitals = [w for w in words if w.lower() not in _NAME_CONNECTORS]
    initials = "".join(_initial(part) for w in capitals for part in w.split("-") if part)
    last = base(words[-1]).lower()
    if last in lex.not_org_heads or last in lex.titles or name.lower() in lex.places:
        return False
    if base(capitals[0]).lower() in lex.not_org_heads:
        return False  # "BAMS (Bulletin of the American Meteorological Society)": a journal
    letters = acronym.replace("&", "")
    return initials == letters or (len(capitals) == len(letters) and _letters_in(letters, initials))


def _initial(word: str) -> str:
    """The letter a word (or a hyphenated part: "al-Qaeda" gives A and Q) gives an acronym."""
    return word.lstrip('"\u201c')[:1].upper()


def _capital_count(words: list[str]) -> int:
    return sum(w.lower() not in _NAME_CONNECTORS for w in words)


def _letters_in(acronym: str, initials: str) -> bool:
    """Whether every letter of the acronym is among the initials, as often as it occurs there:
    "MPRP" in "Muslim Republican Peoples Party" (word order may differ in translation)."""
    pool = list(initials)
    for letter in acronym:
        if letter not in pool:
            return False
        pool.remove(letter)
    return True


# What is won, sought or held in turn is the office, not the institution: "wins the Presidency",
# "election to the Presidency", "the Dutch EU Presidency", "the UNSC Presidency"
_TERM_BEFORE: Final = re.compile(
    r"(?:\b(?:wins?|won|winning|captur\w+|seek\w*|sought|bid for|run for|race for|candidate"
    r" for|elect\w* to|hold\w*|held)(?: the)?|\b[A-Z][A-Z0-9-]+) $"
)


def _term_of_office(text: str, start: int, end: int) -> bool:
    """Whether the known body at `start` is a Presidency held or won, not the institution."""
    return text[start:end] == "Presidency" and bool(
        _TERM_BEFORE.search(text, max(0, start - 30), start)
    )


# bodies known by a bare name that a country's adjective before them makes that country's
_LEGISLATURES: Final = frozenset(("congress", "parliament", "senate", "duma", "majlis", "knesset"))


def _known_organisations(chunk: Chunk, upper: bool) -> Iterator[tuple[int, int]]:
    """Spans of organisations known by a bare name ("Hamas", "Human Rights Watch") in a chunk."""
    lex = lexicon()
    tokens = chunk.tokens
    for i in chunk.starts:
        for size in lex.organisation_starts[base(tokens[i]).lower()]:
            if i + size > len(tokens):
                continue
            name = " ".join([base(t) for t in tokens[i : i + size]])
            if name.lower() in lex.organisations:
                start = chunk.base + chunk.offsets[i]
                end = start + len(name)
                legislature = size == 1 and i and name.lower() in _LEGISLATURES
                if legislature and base(tokens[i - 1]).lower() in lex.nationalities:
                    start = chunk.base + chunk.offsets[i - 1]  # "the Brazilian Congress"
                yield start, end
                break


@lru_cache(maxsize=1 << 14)
def _acronym_shape(token: str, upper: bool) -> str | None:
    """The acronym a token is, if it is one: "ROP", "G/TIP", "NEA/ARP" (not "U.S.")."""
    word = token.rstrip(",;:)'\"\u201d")
    if possessive(word):
        word = word[:-2]  # "GOC\u2019S TREATMENT"
    if _INITIALISM.match(word):
        return word if word.replace(".", "") in lexicon().acronyms else None  # "U.N."
    word = word.rstrip(".")
    if len(word) < 2 or not word[0].isupper() or "." in word:
        return None
    if not upper:
        return word if _ACRONYM.match(word) else None
    lex = lexicon()
    if word in lex.acronyms or "/" in word or _GOVERNMENT.match(word):
        return word if _ACRONYM.match(word) else None
    return None


def _span_at(spans: list[tuple[int, int]], position: int) -> tuple[int, int] | None:
    """The one of `spans` (sorted, not overlapping) that `position` falls in, if any."""
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    if index >= 0 and spans[index][0] <= position < spans[index][1]:
        return spans[index]
    return None


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    return _span_at(spans, position) is not None


def _leads_name(spans: list[tuple[int, int]], position: int, length: int) -> bool:
    """Whether a word at `position` starts one of `spans` and the span goes on."""
    span = _span_at(spans, position)
    return span is not None and span[0] == position and span[1] > position + length


# A participle hyphenated to the last word of a name describes what follows it
_PARTICIPLE: Final = re.compile(r"(?<=[a-z])-(?:[a-z]+ed|led|run|owned|built|equivalent|level)$")


def organisation_span(
    text: str, match: re.Match[str], upper: bool, person_spans: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The span of the organisation name around a head word, or None when it names none."""
    lex = lexicon()
    head_start, head_end = match.span("head")
    head = match.group("head").lower()
    complement = match.group("of") or ""
    lead = _lead_words(text[max(0, head_start - 90) : head_start], upper, head)
    start = head_start - len(" ".join(lead)) - 1 if lead else head_start
    end = head_end
    if complement:
        words = complement.split(" ")
        for i, word in enumerate(words):
            low = base(word).lower()
            title = (
                low in lex.titles
                or singular(low) in lex.titles
                or low.rstrip(".") in lex.honorifics
            )
            # a plural title ends a name ("Committee to Protect Journalists", "Commission of
            # Jurists"); a title after it is someone's
            ends = i == len(words) - 1 or words[i + 1].lower() in ("and", "&", "y", "e")
            closing = ends and low != singular(low)
            if (
                i
                and title
                and not closing
                and low not in lex.portfolios
                and low not in lex.org_last
            ):
                words = words[:i]  # "Department of Justice Attache", "... State Secretaries Dr"
                break
            if "/" in word:
                words = [*words[:i], word.split("/")[0]]  # "Homeland Security/Immigration"
                break
            if low in _CALENDAR:
                words = words[:i]  # "the Arab League on November 3"
                break
            joined = i and words[i - 1].lower() in ("and", "y", "e", "&")
            if joined and (low in lex.place_words or low in lex.places or low in lex.org_first):
                words = words[: i - 1]  # "Ministry of Fisheries and Iceland", "... and Banco X"
                break
            after_the = i > 1 and " ".join(words[i - 2 : i]).lower() == "and the"
            if after_the and (
                _starts_body(words[i:])
                or _place_size(words, i, 3)
                or (not upper and word.isupper())
            ):
                words = words[: i - 2]  # "Bank of England and the Central Bank of Iceland",
                break  # "Government of The Bahamas and the United States", "... and the PAM"
            participle = _PARTICIPLE.search(word)
            if participle:  # "Ministry of Interior-appointed", not "... and Madrid-based"
                words = words[:i] if joined else [*words[:i], word[: participle.start()]]
                break
            if joined and i > 1 and _starts_body(words[i:], complemented=True):
                words = words[: i - 1]  # "... of Magazine Editors and National Association of"
                break
            if possessive(word) and i < len(words) - 1 and kind(base(word), upper) in (NAME, PLACE):
                words = words[: i + 1]  # "University of Sao Paulo's Ribeirao Preto campus"
                break
            if word.endswith(".") and low in lex.org_last and low not in lex.org_first:
                words = words[: i + 1]  # a firm's legal form ends its name: "Grupo Dolphin S.A."
                break
        while words and words[-1].lower() in lex.function_words:
            words.pop()
        if words:
            end = match.start("of") + len(" ".join(words))
            if end == match.end("of"):
                end = _portfolio_list_end(text, end)
    # People's names cut the span short; person spans are sorted and never overlap, so only
    # those from the one around `start` on can touch it.
    index = max(bisect.bisect_right(person_spans, (start, float("inf"))) - 1, 0)
    while index < len(person_spans) and person_spans[index][0] < end:
        s, e = person_spans[index]
        if start <= s:
            end = s
        elif start < e:
            start = e
        index += 1
    if match.group("conn") in ("to", "on", "TO", "ON") and complement.lower() in lex.places:
        end = head_end  # "the Palestinian Authority to Gaza"
    topic = match.group("conn") in ("on", "On") and head in _TOPIC_HEADS
    if complement and head not in lex.org_first and not topic:
        end = head_end  # "Miami Herald on January": "Herald" takes no complement
    elif complement and head in ("department", "dept.", "dept"):
        first = complement.split()[0]
        if first in lex.acronyms or "/" in first or first.lower() in lex.place_words:
            end = head_end  # "Department for EUR", "DEPARTMENT FOR GEORGIA"
    renewed = len(lead) > 1 and base(lead[0]).lower() == "new" and head in _GENERIC_HEADS
    if renewed and f"{lead[0]} {lead[1]}".lower() not in lex.places:  # not "New Zealand"
        start += len(lead[0]) + 1  # "AFGHANISTAN'S NEW REVOLUTIONARY COUNCIL"
        lead = lead[1:]
    generic_lead = all(_generic(w) or _national(w) for w in lead)
    if lead and end == head_end and head in _PEOPLE_HEADS and generic_lead:
        return None  # "Taliban Delegation", "Vietnamese Society"; not "... Society for Science"
    if lead and end == head_end and head in _GENERIC_HEADS and all(map(_generic, lead)):
        return None  # "Transitional Government", "Obama Administration", "Political Front"
    titles_only = all(_title_only(w) for w in lead) and (
        end == head_end or any(base(w).lower() in lexicon().modifiers for w in lead)
    )
    owned = lead and possessive(lead[-1]) and head in ("office", "department", "court")
    if titles_only and owned and not text[:start].endswith(("of ", "OF ")):
        titles_only = False  # "the Prime Minister's Office"; not "the Chief of Staff's Office"
    if lead and (titles_only or len(lead[0].rstrip(".")) == 1):
        return None  # "Chief Cabinet (Secretary)", "Deputy Ministry of"; not "General
        # Administration for Law"
    raw = text[start:end].rstrip()
    while raw.endswith(_DANGLING):
        raw = raw[: raw.rfind(" ")]  # a person's name cut "the Ministry of" short
    name = raw.strip(" ,.;:'\u2019")
    start += len(raw) - len(raw.lstrip(" ,.;:'\u2019"))
    if possessive(name):
        name = name[:-2]  # "Central Bank of Costa Rica's"
    if " " not in name or name.lower() in lex.places:
        return None  # a bare head: "the Ministry", "Police"
    if start and text[start - 1] in QUOTES and name.count(" ") < 2:
        return None  # a quoted phrase, as often a title: 'a report entitled "Lethal Force"'
    national = lead and all(base(w).lower() in lex.nationalities for w in lead)
    if head not in lex.org_last and not complement and not national:
        return None  # "Embassy" needs "of ..." or a nationality: not "Visit Embassy"
    return start, start + len(name)


_PORTFOLIO_ITEM: Final = r"[A-Z][a-z]+(?: [A-Z][a-z]+)?"
_PORTFOLIO_LIST: Final = re.compile(
    rf"(?:, {_PORTFOLIO_ITEM}){{1,4}},? (?:and|&) {_PORTFOLIO_ITEM}(?![\w-])"
)


def _portfolio_list_end(text: str, end: int) -> int:
    """Where a complement ends that lists portfolios with commas: "Ministry of Environment,
    Science and Technology" is one ministry (each listed word a portfolio)."""
    listed = _PORTFOLIO_LIST.match(text, end)
    if listed is None:
        return end
    portfolios = lexicon().portfolios
    words = listed.group().replace(",", " ").split()
    if all(w in ("and", "&") or w.lower() in portfolios for w in words):
        return listed.end()
    # "..., Industry and Trade Executive Secretary": a title after the last portfolio
    lex = lexicon()
    last, before = words[-1].lower(), words[:-1]
    titled = last in lex.title_words or last in lex.org_first or last in lex.org_last
    listing = all(w in ("and", "&") or w.lower() in portfolios for w in before)
    if titled and listing and before[-2] in ("and", "&"):
        return listed.start() + len(" ".join(listed.group().split(" ")[: len(before) + 1]))
    return end


def _starts_body(words: list[str], complemented: bool = False) -> bool:
    """Whether the capitalised words a list starts with hold the head of a body's name; when
    `complemented`, a head followed by "of" or "for" ("National Association of Newspapers", not
    "Commonwealth Office")."""
    lex = lexicon()
    for i, word in enumerate(words[:4]):
        low = base(word).lower()
        if not word[:1].isupper():
            return False
        if complemented:
            following = words[i + 1].lower() if i + 1 < len(words) else ""
            if low in lex.org_first and following in ("of", "for"):
                return True
        elif low in lex.org_first or low in lex.org_last:
            return True
    return False


def _title_only(word: str) -> bool:
    low = base(word).lower()
    lex = lexicon()
    return low in lex.title_words and low not in lex.portfolios and low not in lex.org_modifiers


def _national(word: str) -> bool:
    low = base(word).lower()
    return low in lexicon().nationalities or low in lexicon().organisations


def _generic(word: str) -> bool:
    """A word that does not make a body's name specific: an everyday adjective or a surname."""
    low = base(word).lower()
    lex = lexicon()
    known = low in lex.surnames or low in lex.given
    surname = known and kind(base(word), False) == NAME and low not in lex.org_modifiers
    return low in _GENERIC_WORDS or surname


def _lead_words(before: str, upper: bool, head: str = "") -> list[str]:
    """The words right before a head that belong to the name: "Royal Oman" of "Royal Oman
    Police", not "Oman's" of "Oman's Anti-Trafficking Task Force"; but a firm may bear a
    person's name ("Lloyd's Bank")."""
    if not before.endswith(" "):
        return []
    every = before[:-1].split(" ")
    words = every[-6:]
    skipped = len(every) - len(words)  # the words before those, for a known name's start
    shape = _UPPER_WORD if upper else _CAPITAL_WORD
    lead: list[str] = []
    joined = False
    lex = lexicon()
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word.endswith((".", ",", ";", ":")) and len(word) > 4 and word.count(".") < 2:
            break  # "FALKLANDS. ARGENTINE NAVY": a sentence ends before the name
        if word in ("and", "&", "AND") and lead and i and _joins_lead(every[: skipped + i], upper):
            lead.insert(0, word)  # "Environment and Food Agency", "Game and Wildlife Department"
            joined = True
            continue
        if joined and (base(word).lower() in lex.org_first or base(word).lower() in lex.org_last):
            break  # "Islamic Heritage Society Riyadus-Salikhin Reconnaissance and Sabotage ..."
        dated = word.isdigit() and i > 0 and words[i - 1].lower().rstrip(".,") in _CALENDAR
        if dated:
            break  # "the June 13 EU Parliament elections": a date
        if _NUMBER.match(word) and lead and not (word.isdigit() and _national(lead[0])):
            lead.insert(0, word)  # "101st Airborne Division", "50 Independent Parachute Brigade"
            break  # not "some 10 Turkish Special Forces soldiers"
        quoted = word[:1] in OPENERS and len(word) > 1
        if quoted:
            word = word[1:]  # the name starts after a quote or bracket: '"NATIONAL ALLIANCE ...'
        if not shape.match(word) or not _can_lead(word, upper):
            break
        if quoted:
            lead.insert(0, word)
            break
        if word.lower().endswith(ATTRIBUTIVE):
            break  # "London-based International Institute ...", "Congress-led UPA Alliance"
        if _GOVERNMENT.match(base(word)) or base(word) == "USG":
            break  # "the GOI Ministry of External Affairs": the government's, not its name
        if possessive(word) and (lead or kind(base(word), upper) in (PLACE, NAME, ACRONYM, ORG)):
            if not lead and head in _FIRM_HEADS and kind(base(word), upper) == NAME:
                return [word]
            if lead:
                break
            return []
        lead.insert(0, word)
    while lead and lead[0].lower() in lex.function_words:
        lead.pop(0)
    return lead


def _portfolio(word: str) -> bool:
    low = base(word).lower()
    return word[:1].isupper() and (low in lexicon().portfolios or low in lexicon().org_modifiers)


def _joins_lead(before: list[str], upper: bool) -> bool:
    """Whether the word before an "and" inside a name's lead words (the last of `before`) is a
    part of the name: a portfolio ("EDUCATION AND SCIENCE"), or in mixed case a capitalised
    English word that names no body, place or people and ends no known name ("Game and Wildlife
    Department", "Counseling and Testing Center"; not "UN and European Union", "Missile
    Technology Control Regime and Nuclear Suppliers Group", "National Association of Magazine
    Editors and ...")."""
    word = before[-1]
    if _portfolio(word):
        return True
    low = base(word).lower()
    lex = lexicon()
    if (
        upper
        or not _CAPITAL_WORD.match(word)
        or word.isupper()
        or (low not in lex.common and low not in lex.dictionary)
        or low in lex.org_first
        or low in lex.org_last
        or low in lex.not_org_heads
        or low in lex.title_words
        or low in lex.nationalities
        or low in lex.places
    ):
        return False
    run = len(before) - 1
    while run and _CAPITAL_WORD.match(before[run - 1]):
        run -= 1
    if run and before[run - 1] in ("of", "for", "OF", "FOR"):
        return False  # the complement of another body: "Association of Magazine Editors and"
    tail = [base(w).lower() for w in before[-5:]]
    return not any(" ".join(tail[j:]) in lex.known_names for j in range(len(tail)))


_DANGLING: Final = (" of", " for", " the", " and", " to", " on", " de", " del")
_NUMBER: Final = re.compile(r"^\d{1,3}(?:st|nd|rd|th)?$")


@lru_cache(maxsize=1 << 14)
def _can_lead(word: str, upper: bool) -> bool:
    """Whether a word before a head can belong to the organisation name (cached: the words
    before heads recur)."""
    lex = lexicon()
    low = base(word).lower()
    if low in lexicon().function_words or low in _CALENDAR:
        return False  # "the June Board": a meeting of the IAEA Board, not a body
    if not upper:
        return True
    if low in lex.org_modifiers or low in lex.portfolios or low in lex.nationalities:
        return True
    if low in lex.common or low == "teh":
        return False  # "NAVATT STATES ARGENTINE NAVY", "TEH NATIONAL FRONT" (a typo of THE)
    return kind(base(word), True) in (NAME, ACRONYM, PLACE, PORTFOLIO, ORG)


def resolve_uses(found: Found, person_aliases: set[str], tags: tuple[str, ...]) -> None:
    """Turn the acronym uses of the cable into organisation mentions."""
    lex = lexicon()
    for acronym, order, upper in found.uses:
        if acronym in lex.not_agencies or _MARKING.search(acronym):
            continue
        if acronym in found.definitions:
            name = found.definitions[acronym]
            found.orgs.append(OrgMention(name=name, acronym=acronym, order=order))
            continue
        # "Okiharu Yasuoka (LDP)": a party in brackets after a person is no alias of theirs
        if acronym in found.plain or (acronym in person_aliases and acronym not in lex.acronyms):
            continue
        if upper and acronym in lex.ambiguous_acronyms and acronym not in found.cued:
            continue
        plain = acronym.replace(".", "") if _INITIALISM.match(acronym) else acronym
        body = _RESOLUTIONS.get(plain.removesuffix("S"))
        if body in lex.acronyms:  # "UNSCR 1244" is a resolution of the Security Council
            found.orgs.append(OrgMention(lex.acronyms[body], None, order, spelled=False))
            continue
        if plain not in lex.acronyms and _MINISTRY_CASE.match(plain):
            plain = plain.upper()  # "MoD", "MoJ": the table's MOD, MOJ
        if plain in lex.acronyms and (plain not in lex.tag_only or plain in tags):
            found.orgs.append(
                OrgMention(name=lex.acronyms[plain], acronym=acronym, order=order, spelled=False)
            )
            continue
        parts = plain.split("/")
        joined = len(parts) > 1 and parts[0] not in lex.state_offices
        if joined and all(part in lex.acronyms for part in parts):  # "NATO/ISAF forces": both
            found.orgs.extend(
                OrgMention(lex.acronyms[part], part, order, spelled=False) for part in parts
            )
            continue
        attested, countries = lex.attested.get(plain, ("", frozenset()))
        if attested and not upper and countries.intersection(tags):
            # defined by other cables on the same country: "IP" in Iceland
            found.orgs.append(OrgMention(attested, acronym, order, spelled=False))
            continue
        government = _government(acronym, tags, upper, acronym in found.cued)
        if government:
            found.orgs.append(OrgMention(government, acronym, order, spelled=False))
            continue
        office = _OFFICE.match(acronym) and acronym.split("/")[0] in lex.state_offices
        if office or (acronym in found.bodies and acronym.lower() not in lex.titles):
            found.orgs.append(OrgMention(name=acronym, acronym=acronym, order=order, spelled=False))


def _government(acronym: str, tags: tuple[str, ...], upper: bool, cued: bool) -> str | None:
    """ "GOQ" -> "Government of Qatar" when the cable's country TAGS say which country it is."""
    match = _GOVERNMENT.match(acronym)
    lex = lexicon()
    low = acronym.lower()
    english = low in lex.common or low in lex.dictionary or low in lex.capitalised
    if not match or (upper and english and not cued):
        return None  # GOOD, GOAL in an upper-case cable
    letters = match.group(1).upper()
    countries = [c for c in (country_name(t) for t in tags) if c]
    fits = {c for c in countries if c[0].upper() == letters[0] and _subsequence(letters, c.upper())}
    if len(fits) == 1:
        return f"Government of {fits.pop()}"
    # GOQ, GONL: the government of a country the TAGS do not name; a cued word, or a longer
    # word in a heading ("GOOD NEWS", "GOLD"), must fit one
    return None if english and (upper or len(acronym) > 3) else acronym


def _subsequence(letters: str, name: str) -> bool:
    """Whether `letters` appear in `name` in order: "NL" in "NETHERLANDS", "SL" in "SRI LANKA"."""
    position = 0
    for letter in letters:
        position = name.find(letter, position) + 1
        if not position:
            return False
    return True


def country_name(tag: str) -> str | None:
    return lexicon().countries.get(tag)


_STATE_FIELD: Final = re.compile(
    r"(?i)^(?:U\.?S\.? )?(?:State|DOS|Dep(?:artmen)?t\.? of State|State Dep(?:artmen)?t\.?)$"
)
_EMBASSY_FIELD: Final = re.compile(r"^(?:U\.?S\.? |Am)?Embassy [A-Z][a-z]+(?: [A-Z][a-z]+)?$")


def classified_by_agencies(title: str | None, order: int) -> list[OrgMention]:
    """The agencies among the fields of a Classified By line ("Ambassador, State, EXEC";
    "CDA, Embassy Tripoli, U.S. Dept of State"; "Political Counselor, DOS, POL")."""
    orgs = []
    for field_ in (f.strip(" .") for f in (title or "").split(",")):
        if _STATE_FIELD.match(field_):
            acronym = "DOS" if field_.upper() == "DOS" else None
            orgs.append(OrgMention("Department of State", acronym, order, spelled=False))
        elif _EMBASSY_FIELD.match(field_):
            orgs.append(OrgMention(field_, None, order))
    return orgs


def tag_agencies(tags: tuple[str, ...], order: int) -> list[OrgMention]:
    """Organisation TAGS of the header ("UNSC", "NATO") as organisations."""
    lex = lexicon()
    return [
        OrgMention(name=lex.acronyms[t], acronym=t, order=order, spelled=False)
        for t in tags
        if t in lex.org_tags and t in lex.acronyms
    ]
