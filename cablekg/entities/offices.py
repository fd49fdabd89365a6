"""People and offices of the action-office lines under a cable's banner.

The lines route the cable inside Washington and to other posts, in a terse grammar:
"ADDRESSEE FOR ITEM, ITEM AND ITEM", lines wrapping anywhere, several clauses in a row:

    DEPARTMENT FOR NEA/ARP, G/TIP, DRL AND NEA/MEPI DEPARTMENT OF LABOR FOR JAMES RUDE
    STATE FOR EB/ESC/ESP/GLASS, S/CT (FOX), EUR/ERA(PARKER)
    NSC FOR SENIOR DIRECTOR RESTREPO; DEPT FOR WHA DAS JACOBSON
    USDOE FOR NNSA/SCHEIMAN, GOOREVICH    STATE FOR EAP/CM-BRAUNOHLER    LONDON FOR TUELLER

Offices are office symbols (NEA/ARP), acronyms of the organisation table (NSC, USTR), US
departments by their short names (TREASURY) and organisation names (DEPARTMENT OF LABOR). A person
is a name after FOR, in brackets, or after a title; their organisation is the office written with
them, else the addressee before FOR.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Final

from cablekg.entities.agencies import OrgMention, organisation_span
from cablekg.entities.lexicon import lexicon
from cablekg.entities.patterns import patterns
from cablekg.entities.people import Mention
from cablekg.entities.words import title_case

# Spaces before a separator are taken from the start of their run only (`(?<!\s)`): a search
# restarting at every space of a long run would be quadratic.
_KEYWORD: Final = re.compile(
    r"(?:(?<!\s)\s+)?\b((?:PLEASE |PLS )?PASS TO|(?:ALSO )?FOR|(?:PLS )?PASS|ATTN:?)\s+", re.I
)
_END: Final = re.compile(r"\b(?:E\.\s?[O0]\.|EO \d|TAGS:?|SUBJECT:)")  # "E.0.": OCR's zero
_ITEM: Final = re.compile(r"(?:(?<!\s)\s+)?(?:[,;]|\bAND\b)\s*", re.I)
_BRACKETED: Final = re.compile(r"\(([^()]*)\)")
_GLUED: Final = re.compile(r"(?<=[A-Z])[-:](?=[A-Z]{3})")  # EAP/CM-BRAUNOHLER, NEA/FO:ATACHCO
_OFFICE_CODE: Final = re.compile(r"^[A-Z]{1,6}(?:/[A-Z][A-Z0-9]{0,7})+$")
_NAME_PART: Final = re.compile(r"^[A-Z][A-Z'-]*[A-Z]$")
_BRACKET: Final = "\x00"  # where a bracket stood in an item
_NAME_WORD: Final = re.compile(r"^[A-Za-z][A-Za-z'.-]*$")
_DEPARTMENTS: Final = {
    "TREASURY": "Department of the Treasury",
    "JUSTICE": "Department of Justice",
    "COMMERCE": "Department of Commerce",
    "INTERIOR": "Department of the Interior",
    "AGRICULTURE": "Department of Agriculture",
    "WHITE HOUSE": "White House",
    "WHITEHOUSE": "White House",
}


def office_entities(lines: Sequence[str], order: int) -> tuple[list[Mention], list[OrgMention]]:
    """The people and offices named in the action-office lines of a cable header."""
    text = " ".join(" ".join(line.split()) for line in lines if len(line) < 400)
    text = _END.split(text, 1)[0]  # the E.O. line or TAGS, when run together with the last line
    if not _KEYWORD.search(text):
        return [], []
    parts = _KEYWORD.split(text)
    clauses = [(parts[0], False)] + [
        (parts[i + 1], parts[i].upper().endswith("FOR") or parts[i].upper().startswith("ATTN"))
        for i in range(1, len(parts) - 1, 2)
    ]
    people: list[Mention] = []
    orgs: list[OrgMention] = []
    addressee: str | None = None
    for index, (clause, after_for) in enumerate(clauses):
        last: str | None = None
        items = [(item, False) for item in _items(clause)]
        last_item = items[-1][0].rstrip()
        cut = last_item.rfind(" ") + 1
        followed = index + 1 < len(clauses) and clauses[index + 1][1]  # by FOR, not PASS TO
        if followed and after_for and "/" in last_item[cut:]:
            # its last word is the office the next clause addresses: "... FOR CANEDO; DRL/NESCA
            # FOR BERGLUND", not a name written into an office symbol
            items[-1:] = (
                [(last_item[:cut], False), (last_item[cut:], True)] if cut else [(last_item, True)]
            )
        for item, next_office in items:
            item_orgs, persons = _item(item, after_for and not next_office, next_office)
            for name, acronym in item_orgs:
                orgs.append(OrgMention(name=name, acronym=acronym, order=order, spelled=False))
                last = name
            for person in persons:
                if person.organization is None and addressee:
                    person.organization = addressee
                person.quality = 3 if person.organization else (2 if person.title else 0)
                person.order = order
                people.append(person)
            if item.strip() and not item_orgs:
                last = None  # an addressee that is a post: "LONDON FOR TUELLER"
        addressee = last
    return people, orgs


def _items(clause: str) -> list[str]:
    """The items of a clause, split at commas and AND outside brackets: "S/WCI (RICCI, GOREY),
    L (SCHWARTZ)" is two items."""
    items = []
    begin = 0
    for separator in _ITEM.finditer(clause):
        item = clause[begin : separator.start()]
        if item.count("(") > item.count(")"):
            closing = clause.find(")", separator.end())
            opening = clause.find("(", separator.end())
            if closing >= 0 and not 0 <= opening < closing:
                continue  # a separator inside brackets
            item += ")"  # a bracket left open: "ISN/NESS (WHAMMACK, EUR/WE (FETCHKO)"
        items.append(item)
        begin = separator.end()
    items.append(clause[begin:])
    return items


def _item(
    item: str, after_for: bool, addressee: bool = False
) -> tuple[list[tuple[str, str | None]], list[Mention]]:
    """Offices and people of one item: "S/CT (FOX)", "WHA DAS JACOBSON", "NNSA/SCHEIMAN",
    "ABRAMS/DORAN", "EAP/CM-BRAUNOHLER", "JAMES RUDE". An `addressee` (the word before FOR)
    names no one in its office symbol: "DRL/NESCA FOR BERGLUND"."""
    office, colon, named = item.partition(": ")
    if colon and 0 < len(office.split()) < 6 and not _BRACKETED.search(item):
        return _labelled(office, named)
    bracketed = [  # (words of a name, which bracket): "S/WCI (RICCI, GOREY)" is two people
        (names.replace(".", ". ").split(), k)
        for k, m in enumerate(_BRACKETED.finditer(item))
        for names in _ITEM.split(m.group(1))
    ]
    item = _GLUED.sub(_unglue, _BRACKETED.sub(f" {_BRACKET} ", item)).replace(" - ", " ")
    orgs: list[tuple[str, str | None]] = []
    glued: list[list[str]] = []  # names written into office symbols: NNSA/SCHEIMAN
    before: str | None = None  # the last office written before the name
    bracket_offices: list[str | None] = []  # the office written before each bracket
    rest: list[str] = []
    for part in _sequence(item):
        if isinstance(part, tuple):
            orgs.append(part)
            if not rest:
                before = part[0]
        elif isinstance(part, list):
            glued.extend([name] for name in part)
        elif part == _BRACKET:
            bracket_offices.append(orgs[-1][0] if orgs else None)
        else:
            rest.append(part)
    title = None
    if rest:
        found = patterns().title_start.match(" ".join(rest) + " ")
        if found:
            title = found.group("title").strip()
            rest = " ".join(rest)[found.end() :].split()
    people = []
    # a name after an office: "STATE FOR EB/IPC WILSON"; after PASS TO only a name that ends
    # the item ("PASS TO USTR KALVAREZ, DOC LASHLEY", not "JUSTICE DEPARTMENT ANTI-TRUST ...")
    person = _person(rest, before is not None)
    ends_item = person is not None and len(person.words) == len(rest)
    candidates = [(rest, after_for or bool(title) or ends_item, title, before)]
    # "GENERAL COUNSEL (AUFHAUSER)", "OFAC DIRECTOR (NEWCOMB)": the title is the bracketed name's
    bracket_title = title if title and not rest and len(bracketed) == 1 else None
    candidates += [(names, not addressee, None, before) for names in glued]
    for names, k in bracketed:
        found = patterns().title_start.match(" ".join(names) + " ")  # "(AMB. WALLACE)"
        if found:
            names = " ".join(names)[found.end() :].split()
        bracket_office = bracket_offices[k] if k < len(bracket_offices) else before
        candidates.append(
            (names, True, found.group("title").strip() if found else bracket_title, bracket_office)
        )
    for names, allowed, name_title, organization in candidates:
        person = _person(names, allowed)
        if person:
            person.title = name_title
            person.organization = organization
            people.append(person)
    return orgs, people


def _labelled(office: str, named: str) -> tuple[list[tuple[str, str | None]], list[Mention]]:
    """ "FOREST SERVICE: LIZ MAHEW", "DIR INT AFFAIRS: K WASHBURN", "USTR: SCRONIN/MSULLIVAN":
    an office or a title, a colon and the people there (lines run together: an office after
    the names addresses the next clause, "RESOURCES: JWEBB EPA FOR INTERNATIONAL: ...")."""
    orgs, _ = _item(office, False)
    title = None
    found = patterns().title_start.match(office.strip() + " ")
    if not orgs and found and found.end() >= len(office.strip()):
        title = office.strip()
    elif not orgs and office.split()[-1].lower() in lexicon().org_last and len(office.split()) < 5:
        orgs = [(title_case(office.strip()), None)]  # a body the table does not know
    named_orgs, people = _item(named, True)
    for person in people:
        person.title = person.title or title
        if person.organization is None and orgs:
            person.organization = orgs[-1][0]
    return orgs + named_orgs, people


# An office of an action-office line: its name and the symbol or acronym written (None for a
# name spelled out).
_Office = tuple[str, str | None]


def _sequence(item: str) -> Iterator[_Office | list[str] | str]:
    """The item as offices (name, acronym), lists of names glued to an office symbol and
    words."""
    lex = lexicon()
    spans = []
    for match in patterns().org[True].finditer(item):
        span = organisation_span(item, match, True, [])
        if span:
            spans.append(span)
    position = 0
    words: list[str | _Office] = []
    for start, end in spans:
        words.extend(item[position:start].split())
        name = item[start:end]
        words.append((title_case(name) if name.isupper() else name, None))
        position = end
    words.extend(item[position:].split())
    for i, word in enumerate(words):
        if isinstance(word, tuple):
            yield word
            continue
        bare = word.strip(".,;:/")
        upper = bare.upper()
        following = words[i + 1] if i + 1 < len(words) else ""
        if isinstance(following, str) and f"{upper} {following.upper()}" in _DEPARTMENTS:
            yield _DEPARTMENTS[f"{upper} {following.upper()}"], None
            words[i + 1] = ""
        elif upper in _DEPARTMENTS:
            yield _DEPARTMENTS[upper], None
        elif "/" in bare and bare.lower() not in lex.titles:
            code, names = _split_code(bare)
            for part in _joined_agencies(code) if code else ():
                yield _office(part)
            if names:
                yield names
        elif (
            bare
            and _is_office(bare)
            and (len(bare) > 1 or len(words) == 1 or following in ("", _BRACKET))
        ):
            yield _office(bare)  # one-letter bureaus ("P", "E") only as a whole item
        elif bare:
            yield word


def _unglue(match: re.Match[str]) -> str:
    """A space for the dash or colon between an office and a name ("EAP/CM-BRAUNOHLER"), not
    inside a name of its own ("ISA-NATO")."""
    following = match.string[match.end() :].split(" ", 1)[0].strip(".,;:")
    return " " if following not in lexicon().acronyms else match.group()


def _split_code(word: str) -> tuple[str | None, list[str]]:
    """An office symbol and the names written into it: "OIA/FRIEDMAN" -> ("OIA", ["FRIEDMAN"]),
    "ABRAMS/DORAN" -> (None, ["ABRAMS", "DORAN"]), "EUR/WE" -> ("EUR/WE", [])."""
    parts = [p for p in word.split("/") if p]
    lex = lexicon()
    # The names end the path, after its last office: "3134/USFCS/OIO/EOLSON/DDEVITO"; a surname
    # that is also a word stays in the run ("ABRAMS/DANON/POUNDS").
    k = len(parts)
    while k and not (
        len(parts[k - 1]) <= 3 or parts[k - 1] in lex.acronyms or parts[k - 1] in lex.state_offices
    ):
        k -= 1
    names = [p for p in parts[k:] if _looks_like_name(p)]
    if names:
        start = parts.index(names[0], k)
        code = "/".join(parts[:start])
        return (code if code and _office_like(parts[:start]) else None), names
    code = "/".join(parts)
    return (code if _OFFICE_CODE.match(code) and _office_like(parts) else None), []


def _office_like(parts: list[str]) -> bool:
    lex = lexicon()
    return parts[0][:1].isalpha() and all(
        p in lex.acronyms or p in lex.state_offices or len(p) <= 4 for p in parts
    )


def _looks_like_name(part: str) -> bool:
    lex = lexicon()
    if not _NAME_PART.match(part) or part in lex.acronyms or part in lex.state_offices:
        return False
    low = part.lower()
    if low in lex.common or low in lex.dictionary or low in lex.portfolios:
        return False
    vowels = sum(c in "AEIOUY" for c in part)  # none in an office code: "EAP/BCLTV"
    return (len(part) >= 5 and vowels >= 1) or (len(part) == 4 and vowels >= 2)


def _is_office(word: str) -> bool:
    lex = lexicon()
    if word in lex.not_agencies or word.lower() in lex.titles:
        return False  # A/S, DAS: titles written like office symbols
    return bool(_OFFICE_CODE.match(word)) or word in lex.acronyms or word in lex.state_offices


def _joined_agencies(code: str) -> list[str]:
    """An office symbol, or the agencies it joins when each part is a known acronym and the
    first no bureau: "NOAA/NMFS" is NOAA and NMFS, "EUR/CE" is one office of EUR, "USAID/LAC"
    an office of USAID."""
    lex = lexicon()
    parts = code.split("/")
    if parts[0] in lex.state_offices:
        return [code]
    if all(p in lex.acronyms for p in parts):
        return parts
    # "USAID/LAC": an office of an agency the table knows, which the line names too
    return [parts[0], code] if parts[0] in lex.acronyms else [code]


def _office(code: str) -> _Office:
    return lexicon().acronyms.get(code, code), code


def _person(words: list[str], allowed: bool) -> Mention | None:
    """A person named by the first words of `words`, if they make a name and the place allows."""
    lex = lexicon()
    if not allowed:
        return None
    name: list[str] = []
    for word in words:
        bare = word.strip(",;:")
        if len(bare) > 3 and bare.endswith("."):
            bare = bare[:-1]  # "PASS TO TREASURY SSENICH."
        low = bare.lower().rstrip(".")
        if not _NAME_WORD.match(bare) or low in lex.office_noise or low in lex.function_words:
            break
        if low in lex.place_words or low in lex.nationalities or low in lex.portfolios:
            break
        if low in lex.org_first or low in lex.org_last:
            break
        name.append(bare)
    while len(name) > 2 and len(name[0]) <= 3 and name[0].lower() not in lex.given:
        name.pop(0)  # "EAD MIKE MASON": an office abbreviation before the name
    for i in range(len(name) - 1):
        if " ".join(name[i : i + 2]).lower() in lex.places:
            name = name[:i]  # "SANTO DOMINGO", "OPEREZ EL SALVADOR": posts, not names
            break
    lows = [w.lower().rstrip(".") for w in name]
    if not name or len(name) > 4 or all(len(w) <= 1 for w in lows):
        return None
    if all(w in lex.title_words or w in lex.titles or w in lex.not_names for w in lows):
        return None
    if len(name) == 1 and _code_or_word(name[0]):
        return None
    return Mention(words=tuple(name), strong=True)


def _code_or_word(word: str) -> bool:
    """A word standing alone that names no one: an acronym ("CLDP", "CSBM"), a TAG run into the
    line ("EINV"), letters without a vowel ("FCS"). English words stay: "URBAN", "GLASS"."""
    lex = lexicon()
    low = word.lower().rstrip(".")
    if low in lex.surnames or low in lex.given:
        return False
    upper = word.upper().rstrip(".")
    return (
        upper in lex.known_acronyms or upper in lex.tag_codes or not any(c in "aeiouy" for c in low)
    )
