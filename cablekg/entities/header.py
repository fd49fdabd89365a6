"""People and offices named by the parts of a cable around its text: `Classified By`, the signature,
person TAGS and the action-office lines ("DEPARTMENT OF LABOR FOR JAMES RUDE")."""

from __future__ import annotations

import re

from cablekg.entities.agencies import STATE_OFFICES, OrgMention
from cablekg.entities.lexicon import lexicon
from cablekg.entities.patterns import patterns
from cablekg.entities.people import Mention, is_organisation
from cablekg.entities.words import title_case
from cablekg.model import ClassifiedBy

_NAME_WORD = re.compile(r"^(?:[A-Za-zÀ-ÖØ-öø-ÿ][\w'\u2019-]*\.?|[A-Z]\.(?:[A-Z]\.)*)$")
_REDACTED = re.compile(r"X{4,}", re.I)
_TRAILING = re.compile(
    r"(?:,?\s*(?:a\.\s?i\.|ad interim|acting|reasons?\b.*|for reasons?\b.*|1\.[456].*))+$", re.I
)
_OFFICE_SPLIT = re.compile(r"\s+((?:ALSO )?FOR|PASS TO|PASS|ATTN:?)\s+", re.I)
_ITEM_SPLIT = re.compile(r"\s*(?:,|;|\bAND\b)\s*", re.I)
_OFFICE_CODE = re.compile(r"^[A-Z]{1,6}(?:/[A-Z0-9]{1,8})+$")
_SIGN_NOISE = frozenset(
    [
        "bt",
        "nnnn",
        "end",
        "text",
        "minimize",
        "considered",
        "sipdis",
        "cleared",
        "approved",
        "drafted",
    ]
)
_LINE_KEYWORDS = re.compile(r"\b(?:FOR|PASS)\b", re.I)


def classified_by_mention(classified: ClassifiedBy | None, order: int) -> Mention | None:
    """The person of the `Classified By` line, with the title written there."""
    if classified is None or not classified.name:
        return None
    text = " ".join(classified.name.split())
    text = re.sub(r"^(?:Classified\s+by:?\s*)", "", text, flags=re.I)
    text = _TRAILING.sub("", text).strip(" ,;:.")
    title = classified.title
    found = patterns().title_start.match(text + " ")
    if found:
        title = title or found.group("title").strip()
        text = text[found.end() :].strip()
    if ", " in text:
        name, rest = text.split(", ", 1)
        rest_title = rest.split(",")[0].strip(" ,.")
        if rest_title and patterns().title_start.match(rest_title + " "):
            title = title or rest_title
        text = name
    words = text.split()
    lex = lexicon()
    cut = next(
        (
            i
            for i, w in enumerate(words)
            if i and (w.lower() in lex.title_words or w.lower() in lex.org_last)
        ),
        None,
    )
    if cut:  # "DEBORAH SCHNEIDER SENIOR WATCH OFFICE": the name, then the position
        title = title or (" ".join(words[cut:]) if _has_title(words[cut:]) else None)
        words = words[:cut]
    if not words or not _plausible_name(words):
        return None
    organization = None
    if title:
        title, organization = _split_title(title)
    return Mention(
        words=tuple(words),
        title=title,
        organization=organization,
        quality=3 if organization else (2 if title else 0),
        strong=True,
        order=order,
    )


def signer_mentions(signers: tuple[str, ...], order: int) -> list[Mention]:
    """The signature names ("FONTENEAU"; "RICE"), as surname mentions."""
    mentions = []
    for signer in signers:
        for part in re.split(r"\s*(?:/|,|&|\bAND\b)\s*", signer.strip(), flags=re.I):
            words = part.split()
            part = " ".join(words)
            if words and _plausible_name(words) and len(words) <= 4:
                low = " ".join(words).lower()
                if low in _SIGN_NOISE or low in lexicon().organisations:
                    continue
                mentions.append(Mention(words=tuple(words), strong=True, order=order))
    return mentions


def tag_mentions(tags: tuple[str, ...], order: int) -> list[Mention]:
    """Person TAGS: "RICE, CONDOLEEZZA" becomes the name CONDOLEEZZA RICE."""
    mentions = []
    for tag in tags:
        if "," not in tag:
            continue
        surname, _, given = tag.partition(",")
        words = (given.strip() + " " + surname.strip()).split()
        if words and _plausible_name(words):
            mentions.append(Mention(words=tuple(words), strong=True, order=order))
    return mentions


def office_entities(lines, order: int) -> tuple[list[Mention], list[OrgMention]]:
    """People and offices of action-office lines: "DEPARTMENT FOR NEA/ARP, G/TIP, DRL AND
    NEA/MEPI DEPARTMENT OF LABOR FOR JAMES RUDE"; "State for S/WCI Ambassador Williamson"."""
    people: list[Mention] = []
    orgs: list[OrgMention] = []
    for line in lines:
        line = " ".join(line.split())
        if len(line) > 400 or not _LINE_KEYWORDS.search(line) or not _mostly_upper(line):
            continue
        parts = _OFFICE_SPLIT.split(line)
        clauses = [(parts[0], False)] + [
            (parts[i + 1], parts[i].upper().endswith("FOR") or parts[i].upper().startswith("ATTN"))
            for i in range(1, len(parts) - 1, 2)
        ]
        addressee: str | None = None
        for clause, after_for in clauses:
            last_org = None
            for item in _ITEM_SPLIT.split(clause):
                item_orgs, person = _office_item(item, after_for, addressee)
                for org in item_orgs:
                    orgs.append(OrgMention(name=org[0], acronym=org[1], order=order))
                    last_org = org[0]
                if person:
                    if person.organization is None and addressee:
                        person.organization, person.quality = addressee, 3
                    person.order = order
                    people.append(person)
            addressee = last_org or addressee
    return people, orgs


def _has_title(words: list[str]) -> bool:
    lex = lexicon()
    return any(w.lower() in lex.titles for w in words)


def _mostly_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 0.6 * len(letters) if letters else False


def _office_item(
    item: str, allow_person: bool, addressee: str | None
) -> tuple[list[tuple[str, str | None]], Mention | None]:
    """Offices and at most one person of one item of an office line; people only come after a
    FOR ("DEPARTMENT OF LABOR FOR JAMES RUDE")."""
    lex = lexicon()
    words = item.split()
    orgs: list[tuple[str, str | None]] = []
    rest: list[str] = []
    i = 0
    while i < len(words):
        word = words[i].strip(".,;:")
        if _is_office(word):
            orgs.append((lex.acronyms.get(word, word), word))
            i += 1
            continue
        rest = words[i:]
        break
    if not rest:
        return orgs, None
    text = " ".join(rest)
    found = patterns().org[text.isupper()].search(text)
    if found and found.start() == 0:
        end = found.end()
        name = text[:end]
        if is_organisation(name):
            orgs.append((title_case(name) if name.isupper() else name, None))
            rest = text[end:].split()
    leading = len(orgs)
    while rest and _is_office(rest[-1].strip(".,;:")):  # "CMERVENNE DOL": DOL starts anew
        word = rest.pop().strip(".,;:")
        orgs.append((lex.acronyms.get(word, word), word))
    if not rest or not allow_person:
        return orgs, None
    title = None
    found = patterns().title_start.match(" ".join(rest) + " ")
    if found:
        title = found.group("title").strip()
        rest = " ".join(rest)[found.end() :].split()
    if not rest or not _plausible_name(rest) or len(rest) > 4:
        return orgs, None
    if all(
        w.lower() in lexicon().function_words or w.lower() in ("department", "dept", "state")
        for w in rest
    ):
        return orgs, None
    if " ".join(rest).isupper() and not title:
        if len(rest) == 1 and not leading and not addressee:
            return orgs, None
        if len(rest) > 1 and rest[0].lower() not in lex.given:
            return orgs, None  # "FOR ILAB MMITTELHAUSER"
    organization = orgs[leading - 1][0] if leading else None
    person = Mention(words=tuple(rest), title=title, organization=organization, strong=True)
    person.quality = 3 if organization else (2 if title else 0)
    return orgs, person


def _is_office(word: str) -> bool:
    return bool(_OFFICE_CODE.match(word)) or word in lexicon().acronyms or word in STATE_OFFICES


def _plausible_name(words: list[str]) -> bool:
    """A name has letters only, is not redacted and is not made of title or boilerplate words."""
    lex = lexicon()
    if any(not _NAME_WORD.match(w) or _REDACTED.search(w) for w in words):
        return False
    lows = [w.lower().strip(".") for w in words]
    if all(w in lex.title_words or w in lex.titles or w in lexicon().function_words for w in lows):
        return False
    if any(w in lex.not_names or w in lex.org_first or w in lex.org_last for w in lows):
        return False
    return not all(len(w) <= 1 for w in lows)


def _split_title(title: str) -> tuple[str, str | None]:
    """ "Deputy Inspector General of the ROP" -> ("Deputy Inspector General", "ROP")."""
    found = patterns().title_start.match(title + " ")
    if found and found.group("of") and is_organisation(found.group("of")):
        return title[: found.start("of")].strip().removesuffix(" the").removesuffix(
            " of"
        ).strip(), found.group("of").strip()
    return title, None
