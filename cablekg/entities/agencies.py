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
from dataclasses import dataclass, field
from functools import lru_cache

from cablekg.entities.lexicon import lexicon
from cablekg.entities.patterns import LOWER_BODY, patterns, starts_word
from cablekg.entities.scan import Chunk
from cablekg.entities.words import (
    ACRONYM,
    NAME,
    ORG,
    PLACE,
    PORTFOLIO,
    base,
    kind,
)

_MARKING = re.compile(r"^(?:[A-Z]{1,3}/)?(?:NF|REL|FOUO|SBU|NOFORN)$|/(?:NF|REL.*|FOUO)$")
_OFFICE = re.compile(r"^[A-Z]{1,5}(?:/[A-Z]{1,8}){1,2}$")
_GOVERNMENT = re.compile(r"^(?:G[Oo]|RGO)([A-Z]{1,2}|[A-Z][a-z])$")
_DIGIT_AFTER = re.compile(r" ?\d")
_ACRONYM = re.compile(
    r"^[A-Z][A-Za-z]{0,2}[A-Z&][A-Z0-9&]*(?:[/-][A-Z][A-Z0-9&]*)*$|^[A-Z]{1,4}-?[0-9]{1,2}$"
)
_GENERIC_HEADS = frozenset(
    (
        *("government", "administration", "front", "organization", "society", "force"),
        *("forces", "council", "coalition", "alliance", "movement", "committee", "service"),
        *("school",),
    )
)
_PEOPLE_HEADS = frozenset(
    ("delegation", "society", "news", "guards", "guard", "group", "network", "community")
)
_GENERIC_WORDS = frozenset(
    (
        *("new", "transitional", "coalition", "provisional", "interim", "current", "future"),
        *("civil", "previous", "former", "popular", "political", "regional", "international"),
        *("local", "state", "provincial", "armed", "unity", "national", "central", "special"),
        *("high", "general"),
    )
)
_EMBASSY_WORDS = frozenset(("Embassy", "Consulate", "EMBASSY", "CONSULATE"))
_EMBASSY_IN = re.compile(r" in (?P<place>[A-Z][a-z'-]+(?: [A-Z][a-z'-]+)?)")
_INITIALISM = re.compile(r"^(?:[A-Z]\.){2,4}$")
_NAME_CONNECTORS = frozenset(("of", "for", "and", "the", "de", "la", "del", "y", "on", "&"))
_CAPITAL_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'\u2019&/.-]*$")
_UPPER_WORD = re.compile(r"^[A-Z][A-Z'\u2019&/.-]*$")


@dataclass(slots=True)
class OrgMention:
    name: str
    acronym: str | None = None
    order: int = 0
    spelled: bool = True  # the cable spells the name out (not only an acronym)


@dataclass
class Found:
    """What a cable's text says about organisations, gathered segment by segment."""

    orgs: list[OrgMention] = field(default_factory=list)
    definitions: dict[str, str] = field(default_factory=dict)  # acronym -> organisation name
    plain: set[str] = field(default_factory=set)  # acronyms defined for other things (TIP)
    uses: list[tuple[str, int, bool]] = field(default_factory=list)  # acronym, order, upper


def defined_acronyms(text: str) -> set[str]:
    """Acronyms written in brackets anywhere in the text (a cheap pre-pass)."""
    return {m.group("acr") for m in patterns().definition.finditer(text)}


def find_organisations(
    text: str,
    upper: bool,
    chunk_list: list[Chunk],
    person_spans: list[tuple[int, int]],
    order: int,
    found: Found,
) -> None:
    """Add the organisations, definitions and acronym uses of one text segment to `found`."""
    pats = patterns()
    taken: list[tuple[int, int]] = []
    ends: set[int] = set()  # where the names taken end, looked up once per definition

    def add(start: int, end: int, name: str | None = None) -> None:
        name = name or text[start:end]
        taken.append((start, end))
        ends.add(end)
        definition = pats.definition.match(text, end)
        acronym = definition.group("acr") if definition else None
        if acronym:
            found.definitions.setdefault(acronym, name)
        found.orgs.append(OrgMention(name=name, acronym=acronym, order=order + start))

    spans = []
    position = 0
    search = pats.org[upper].search
    while match := search(text, position):
        position = match.end()
        if starts_word(text, match.start()):
            span = organisation_span(text, match, upper, person_spans)
            if span is not None:
                spans.extend(_coordinated(text, span, match))
                # a complement cut short may hold the next name: "Division of the Justice Ministry"
                position = min(position, max(span[1], match.end("head")))
    spans.extend(_national_bodies(text, chunk_list))
    for span in _longest(spans):  # "ANA Trust Fund", not also "ANA Trust"
        add(*span)
    taken.sort()
    for chunk in chunk_list:
        if chunk.known:
            for start, end in _known_organisations(chunk, upper):
                if not _inside(taken, start):
                    add(start, end)
    taken.sort()
    for match in pats.definition.finditer(text):
        if match.start() in ends:
            continue
        start = _defined_name(text, match, person_spans)
        if start is None:
            found.plain.add(match.group("acr"))  # "Trafficking in Persons (TIP)"
        else:
            add(start, match.start())  # "Missile Technology Control Regime (MTCR)"
    for chunk in chunk_list:
        for i in chunk.capitals:
            token, offset = chunk.tokens[i], chunk.offsets[i]
            special = "/" in token or token[:2] == "GO" or token[1:2] == "."
            plain = chunk.kinds[i] != ACRONYM and base(token) not in found.definitions
            if upper and plain and not special:
                continue  # in capitals, only table acronyms, office symbols, GOx
            acronym = _acronym_shape(token, upper)
            if not acronym or _inside(person_spans, offset):
                continue
            end = offset + len(acronym)
            if _DIGIT_AFTER.match(text, end):
                continue  # "EUR 5 million"
            if text[offset - 1 : offset] == "(" and offset - 2 in ends:
                continue  # the definition itself
            found.uses.append((acronym, order + offset, upper))


def _national_bodies(text: str, chunk_list: list[Chunk]) -> list[tuple[int, int]]:
    """Bodies named by a nationality and a common noun ("the Turkish military", "the UK embassy
    in Brasilia") and embassies by their city ("Embassy Cairo"), read off the chunks."""
    lex = lexicon()
    spans = []
    for chunk in chunk_list:
        tokens, kinds, offsets = chunk.tokens, chunk.kinds, chunk.offsets
        if PLACE not in kinds:
            continue
        if not _EMBASSY_WORDS.isdisjoint(tokens):
            spans.extend(_embassies_by_city(chunk))
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


def _embassies_by_city(chunk: Chunk) -> list[tuple[int, int]]:
    """ "Embassy Cairo", "the British Embassy Baghdad": an embassy word before a place."""
    tokens, kinds, offsets = chunk.tokens, chunk.kinds, chunk.offsets
    spans = []
    for i, token in enumerate(tokens[:-1]):
        if kinds[i] == ORG and base(token) in _EMBASSY_WORDS and kinds[i + 1] == PLACE:
            start = offsets[i - 1] if i and kinds[i - 1] == PLACE else offsets[i]
            spans.append((start, offsets[i + 1] + len(base(tokens[i + 1]))))
    return spans


def _coordinated(text: str, span: tuple[int, int], match: re.Match) -> list[tuple]:
    """Two ministries written as one ("the Interior and Foreign Ministry") are two: the span of
    "Foreign Ministry", and "Interior Ministry" with its name spelled out."""
    name = text[span[0] : span[1]]
    head = match.group("head")
    first, _, rest = name.partition(" and ")
    if head.lower() != "ministry" or not rest.endswith(head) or " " in first or not first:
        return [span]
    return [(span[0] + len(first) + 5, span[1]), (span[0], span[0] + len(first), f"{first} {head}")]


def _longest(spans: list[tuple]) -> list[tuple]:
    """The spans (start, end[, name]) that no longer span overlaps, in text order (the kept
    spans never overlap, so one look at the kept span starting next before an end suffices)."""
    kept: list[tuple] = []
    starts: list[int] = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        index = bisect.bisect_left(starts, span[1])
        if index and kept[index - 1][1] > span[0]:
            continue
        starts.insert(index, span[0])
        kept.insert(index, span)
    return kept


def _defined_name(text: str, match: re.Match, person_spans: list[tuple[int, int]]) -> int | None:
    """Where the name that an acronym in brackets abbreviates begins, when that name is an
    organisation: capitalised words whose initials give the acronym, ending in no word of a
    treaty, programme or concept ("Free Trade Agreement", "Trafficking in Persons")."""
    lex = lexicon()
    acronym = re.sub(r"[^A-Z]", "", match.group("acr"))
    words = text[max(0, match.start() - 120) : match.start()].split(" ")[1:][-10:]
    name: list[str] = []
    for word in reversed(words):
        if (word[:1].isupper() and word.strip(",.;:") == word) or (
            word in _NAME_CONNECTORS and name
        ):
            name.insert(0, word)
        else:
            break
    while name and name[0] in _NAME_CONNECTORS:
        name.pop(0)
    last = base(name[-1]).lower() if name else ""
    if len(name) < 2 or last in lex.not_org_heads or last in lex.titles:
        return None  # "Free Trade Agreement (FTA)", "Foreign Minister (FM)"
    capitals = [w for w in name if w not in _NAME_CONNECTORS]
    if any(w.lower() in lex.function_words for w in capitals):
        return None  # "Area To Be Avoided (ATBA)"
    if len(capitals) < 3 and match.group("acr") not in lex.known_acronyms:
        return None  # "Safety Navigation (SN)": too short to tell
    initials = "".join(part[0] for w in name for part in w.split("-") if part[:1].isupper())
    if (
        len(acronym) < 2
        or not initials.startswith(acronym[0])
        or not _subsequence(acronym, initials)
    ):
        return None
    start = match.start() - len(" ".join(name))
    joined = " ".join(name).lower()
    if joined in lex.places or _inside(person_spans, start):
        return None
    return start


def _known_organisations(chunk: Chunk, upper: bool):
    """Spans of organisations known by a bare name ("Hamas", "Human Rights Watch") in a chunk."""
    lex = lexicon()
    tokens = chunk.tokens
    for i, token in enumerate(tokens):
        if base(token).lower() not in lex.organisation_starts:
            continue
        for size in (4, 3, 2, 1):
            words = [base(t) for t in tokens[i : i + size]]
            if len(words) < size:
                continue
            name = " ".join(words)
            if name.lower() in lex.organisations:
                start = chunk.offsets[i]
                yield start, start + len(name)
                break


@lru_cache(maxsize=1 << 14)
def _acronym_shape(token: str, upper: bool) -> str | None:
    """The acronym a token is, if it is one: "ROP", "G/TIP", "NEA/ARP" (not "U.S.")."""
    word = token.rstrip(",;:)'\"").removesuffix("'s").removesuffix("\u2019s")
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


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether `position` falls in one of `spans` (sorted, not overlapping)."""
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def organisation_span(
    text: str, match: re.Match, upper: bool, person_spans: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The span of the organisation name around a head word, or None when it names none."""
    lex = lexicon()
    head_start = match.start("head")
    lead = _lead_words(text[max(0, head_start - 90) : head_start], upper)
    start = head_start - sum(len(w) + 1 for w in lead)
    end = match.end("head")
    if match.group("of"):
        words = match.group("of").split(" ")
        for i, word in enumerate(words):
            low = base(word).lower()
            singular = low[:-3] + "y" if low.endswith("ies") else low.removesuffix("s")
            title = low in lex.titles or singular in lex.titles or low.rstrip(".") in lex.honorifics
            if i and title and low not in lex.portfolios and low not in lex.org_last:
                words = words[:i]  # "Department of Justice Attache", "... State Secretaries Dr"
                break
            if "/" in word:
                words = [*words[:i], word.split("/")[0]]  # "Homeland Security/Immigration"
                break
            if i and words[i - 1] == "and" and (low in lex.place_words or low in lex.places):
                words = words[: i - 1]  # "Ministry of Fisheries and Iceland"
                break
        while words and words[-1].lower() in lex.function_words:
            words.pop()
        if words:
            end = match.start("of") + len(" ".join(words))
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
    head = match.group("head").lower()
    complement = match.group("of") or ""
    if match.group("conn") in ("to", "on", "TO", "ON") and complement.lower() in lex.places:
        end = match.end("head")  # "the Palestinian Authority to Gaza"
    if match.group("of") and head not in lex.org_first:
        end = match.end("head")  # "Miami Herald on January": "Herald" takes no complement
    elif match.group("of") and head in ("department", "dept.", "dept"):
        first = match.group("of").split()[0]
        if first in lex.acronyms or "/" in first or first.lower() in lex.place_words:
            end = match.end("head")  # "Department for EUR", "DEPARTMENT FOR GEORGIA"
    if lead and head in _PEOPLE_HEADS and all(_generic(w) or _national(w) for w in lead):
        return None  # "Taliban Delegation", "Vietnamese Society", "American News"
    if lead and head in _GENERIC_HEADS and all(_generic(w) for w in lead):
        return None  # "Transitional Government", "Obama Administration", "Political Front"
    if lead and (all(_title_only(w) for w in lead) or len(lead[0]) == 1):
        return None  # "Chief Cabinet (Secretary)", "Deputy Chief"
    raw = text[start:end]
    name = raw.strip(" ,.;:'\u2019")
    start += len(raw) - len(raw.lstrip(" ,.;:'\u2019"))
    if _possessive(name):
        name = name[:-2]  # "Central Bank of Costa Rica's"
    if " " not in name or name.lower() in lex.places:
        return None  # a bare head: "the Ministry", "Police"
    national = lead and all(base(w).lower() in lex.nationalities for w in lead)
    if head not in lex.org_last and not match.group("of") and not national:
        return None  # "Embassy" needs "of ..." or a nationality: not "Visit Embassy"
    return start, start + len(name)


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
    surname = kind(base(word), False) == NAME and low not in lexicon().org_modifiers
    return low in _GENERIC_WORDS or surname


def _lead_words(before: str, upper: bool) -> list[str]:
    """The words right before a head that belong to the name: "Royal Oman" of "Royal Oman
    Police", not "Oman's" of "Oman's Anti-Trafficking Task Force"."""
    if not before.endswith(" "):
        return []
    words = before[:-1].split(" ")[-6:]
    shape = _UPPER_WORD if upper else _CAPITAL_WORD
    lead: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word.endswith((".", ",", ";", ":")) and len(word) > 4 and word.count(".") < 2:
            break  # "FALKLANDS. ARGENTINE NAVY": a sentence ends before the name
        if word in ("and", "&") and lead and i and _portfolio(words[i - 1]) and not upper:
            lead.insert(0, word)  # "Environment and Food Agency"
            continue
        if _NUMBER.match(word) and lead:
            lead.insert(0, word)  # "101st Airborne Division", "50 Independent Parachute Brigade"
            break
        if not shape.match(word) or not _can_lead(word, upper):
            break
        if _possessive(word) and (lead or kind(base(word), upper) in (PLACE, NAME, ACRONYM)):
            if lead:
                break
            return []
        lead.insert(0, word)
    while lead and lead[0].lower() in lexicon().function_words:
        lead.pop(0)
    return lead


def _portfolio(word: str) -> bool:
    low = base(word).lower()
    return word[:1].isupper() and (low in lexicon().portfolios or low in lexicon().org_modifiers)


_NUMBER = re.compile(r"^\d{1,3}(?:st|nd|rd|th)?$")


def _can_lead(word: str, upper: bool) -> bool:
    """Whether a word before a head can belong to the organisation name."""
    lex = lexicon()
    low = base(word).lower()
    if low in lexicon().function_words:
        return False
    if not upper:
        return True
    if low in lex.org_modifiers or low in lex.portfolios or low in lex.nationalities:
        return True
    return kind(base(word), True) in (NAME, ACRONYM, PLACE, PORTFOLIO, ORG)


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "\u2019s", "'S", "\u2019S"))


def resolve_uses(found: Found, person_aliases: set[str], tags: tuple[str, ...]) -> None:
    """Turn the acronym uses of the cable into organisation mentions."""
    lex = lexicon()
    for acronym, order, upper in found.uses:
        if acronym in person_aliases or acronym in lex.not_agencies or _MARKING.search(acronym):
            continue
        if acronym in found.definitions:
            name = found.definitions[acronym]
            found.orgs.append(OrgMention(name=name, acronym=acronym, order=order))
            continue
        if acronym in found.plain:
            continue
        if upper and acronym in lex.ambiguous_acronyms:
            continue
        plain = acronym.replace(".", "") if _INITIALISM.match(acronym) else acronym
        if plain in lex.acronyms:
            found.orgs.append(
                OrgMention(name=lex.acronyms[plain], acronym=acronym, order=order, spelled=False)
            )
            continue
        government = _government(acronym, tags, upper)
        if government:
            found.orgs.append(OrgMention(government, acronym, order, spelled=False))
            continue
        if _OFFICE.match(acronym) and acronym.split("/")[0] in lex.state_offices:
            found.orgs.append(OrgMention(name=acronym, acronym=acronym, order=order, spelled=False))


def _government(acronym: str, tags: tuple[str, ...], upper: bool) -> str | None:
    """ "GOQ" -> "Government of Qatar" when the cable's country TAGS say which country it is."""
    match = _GOVERNMENT.match(acronym)
    lex = lexicon()
    low = acronym.lower()
    english = low in lex.common or low in lex.dictionary or low in lex.capitalised
    if not match or (upper and english):
        return None  # GOOD, GOAL in an upper-case cable
    letters = match.group(1).upper()
    countries = [c for c in (country_name(t) for t in tags) if c]
    fits = {c for c in countries if c[0].upper() == letters[0] and _subsequence(letters, c.upper())}
    if len(fits) == 1:
        return f"Government of {fits.pop()}"
    return acronym  # GOQ, GONL: the government of a country the TAGS do not name


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


def tag_agencies(tags: tuple[str, ...], order: int) -> list[OrgMention]:
    """Organisation TAGS of the header ("UNSC", "NATO") as organisations."""
    lex = lexicon()
    return [
        OrgMention(name=lex.acronyms[t], acronym=t, order=order, spelled=False)
        for t in tags
        if t in lex.org_tags and t in lex.acronyms
    ]
