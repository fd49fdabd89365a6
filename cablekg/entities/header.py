"""People and offices named by the parts of a cable around its text: `Classified By`, the signature,
person TAGS, the writers of emails in REF lines and the action-office lines ("DEPARTMENT OF LABOR
FOR JAMES RUDE")."""

from __future__ import annotations

import re
from typing import Final

from cablekg.entities.lexicon import Lexicon, lexicon
from cablekg.entities.patterns import patterns
from cablekg.entities.people import Mention, is_organisation
from cablekg.entities.words import SUFFIXES
from cablekg.model import ClassifiedBy, Reference

_NAME_WORD: Final = re.compile(r"^(?:[A-Za-zÀ-ÖØ-öø-ÿ][\w'\u2019-]*\.?|[A-Z]\.(?:[A-Z]\.)*)$")
_REDACTED: Final = re.compile(r"X{4,}", re.I)
_TRAILING: Final = re.compile(
    r"(?:,?\s*(?:a\.\s?i\.|ad interim|acting|reasons?\b.*|for reasons?\b.*|1\.[456].*))+$", re.I
)


def classified_by_mention(classified: ClassifiedBy | None, order: int) -> Mention | None:
    """The person of the `Classified By` line, with the title written there."""
    if classified is None or not (classified.name or classified.title):
        return None
    # Without a name, the title field may hold both: "Ambassador Clark T. Randt, Jr".
    title = classified.title if classified.name else None
    text = " ".join((classified.name or classified.title or "").split())
    text = re.sub(r"^(?:Classified\s+by:?\s*)", "", text, flags=re.I)
    # A name with its title is under 100 characters in the corpus: a longer field is damage, and
    # cutting it bounds the end-anchored `_TRAILING` (quadratic in its input) to 300 characters.
    text = _TRAILING.sub("", text[:300]).strip(" ,;:.")
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
    # the name stays as the record's Classified By writes it ("Eduardo Aguirre Jr."), which
    # the graph names the classifier by; its suffix is no name word
    if not words or not _plausible_name(_without_suffix(words)):
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
        written=True,
    )


def _without_suffix(words: list[str]) -> list[str]:
    """A name's words without a generational suffix: "Eduardo Aguirre Jr.", "TIMKEN JR"."""
    while len(words) > 1 and words[-1].lower().rstrip(".") in SUFFIXES:
        words = words[:-1]
    return words


def signer_mentions(signers: tuple[str, ...], order: int) -> list[Mention]:
    """The signature names ("FONTENEAU"; "RICE"), as surname mentions."""
    mentions = []
    for signer in signers:
        for part in re.split(r"(?:(?<!\s)\s+)?(?:/|,|&|\bAND\b)\s*", signer.strip(), flags=re.I):
            words = _without_suffix(part.split())
            part = " ".join(words)
            if words and _plausible_name(words) and len(words) <= 4:
                low = " ".join(words).lower()
                if low in lexicon().signature_noise or low in lexicon().organisations:
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


# A reference to correspondence names its writers before the kind of message: "NARDI-GODFREY/
# POMPER EMAIL 08/22/2008", "U/S LEVEY - AMB. ERELI OCTOBER 31 E-MAIL", "KUBISKE-MCMULLEN 9/11
# TELCON"; a date may come first ("2/15/08 STEINFELD-BELOOSHI TELCON").
_CORRESPONDENCE: Final = re.compile(
    r"^(?:\(?[A-Z]\)\s*)?(?:[\d/.-]+\s+)?(?P<writers>[A-Za-z][\w.' /&-]*?)\s+(?:[\d/.-]+\s+)?"
    r"(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\s+)?"
    r"(?i:e-?mails?|telcons?|memcons?)\b"
)
# writers are joined by dashes, ampersands and slashes; "U/S" is one word
_WRITER: Final = re.compile(
    r"(?:(?<!\s)\s+)?(?:[-&]|(?:(?<=[A-Za-z]{2})|(?<=[A-Za-z]{2}\s))/(?=\s*[A-Za-z]{2}))\s*"
)
_CODE: Final = re.compile(
    r"\b([A-Z]{1,6})(?:/[A-Z][A-Z0-9]{0,7})+\b"
)  # an office symbol: "WHA/CEN"


def reference_mentions(references: tuple[Reference, ...], order: int) -> list[Mention]:
    """The writers of emails and telephone calls a cable refers to, as surname mentions."""
    lex = lexicon()
    mentions = []
    for reference in references:
        found = _CORRESPONDENCE.match(reference.text)
        if not found:
            continue
        writers = _CODE.sub(_office_code, found.group("writers"))
        for part in _WRITER.split(writers):
            title = patterns().title_start.match(part + " ")
            words = part[title.end() :].split() if title else part.split()
            if not 0 < len(words) <= 3 or not _plausible_name(words):
                continue
            lows = [w.lower().rstrip(".") for w in words]
            if any(_not_a_writer(w, lex) for w in lows) or " ".join(lows) in lex.places:
                continue  # an office, post or desk: "KOSNETT-STATE/DOD", "KARP/DESK"
            upper = all(w.isupper() for w in words)  # the body's "Tremont" is written better
            mentions.append(Mention(words=tuple(words), strong=True, order=order, upper=upper))
    return mentions


def _office_code(match: re.Match[str]) -> str:
    """An office symbol written among the writers is none of them: "SAN JOSE-WHA/CEN"."""
    lex = lexicon()
    return (
        "-"
        if match.group(1) in lex.state_offices or match.group(1) in lex.acronyms
        else match.group()
    )


def _not_a_writer(low: str, lex: Lexicon) -> bool:
    """Whether a word among the writers of an email is an office, a place or an English word."""
    return (
        low.upper() in lex.state_offices
        or low.upper() in lex.acronyms
        or low in lex.office_noise
        or low in lex.place_words
        or low in lex.nationalities
        or low in lex.portfolios
        or low in lex.common
        or (low in lex.dictionary and low not in lex.capitalised and low not in lex.surnames)
    )


# A form's name field, up to the label of the next field or the line's end: "Name: WILLIAM,
# Roderick Anthony Gender: Male", "/Name: MAJ WEAM MOHAMED GALAL EBRAHEM" (lists of people
# proposed for US training).
_NAME_FIELD: Final = re.compile(r"(?<![\w-])(?i:name):[ \t]+(?P<value>[^:\n]{3,100})(?P<label>:)?")


def field_mentions(texts: list[str], order: int) -> list[Mention]:
    """People of `Name:` fields, their rank as title: "SURNAME, Given" is Given SURNAME."""
    mentions = []
    for text in texts:
        if "ame:" not in text and "AME:" not in text:
            continue
        for match in _NAME_FIELD.finditer(text):
            words = match.group("value").split()
            if match.group("label") and words:
                words.pop()  # the next field's label: "Gender", "Date of Birth"
                while words and (words[-1][:1].islower() or _label_word(words[-1])):
                    words.pop()
            surname, comma, given = " ".join(words).partition(",")
            words = (given.split() + surname.split()) if comma else words
            while words and not words[-1].isalpha():
                words.pop()  # a service number after the name
            rank = []
            while words and _rank_word(words[0]):
                rank.append(words.pop(0))  # "MAJ", "COL", "Attache"
            if 1 < len(words) < 8 and _plausible_name(words):
                title = " ".join(rank) or None
                mentions.append(
                    Mention(
                        words=tuple(words),
                        title=title,
                        quality=int(bool(title)),
                        strong=True,
                        order=order,
                    )
                )
    return mentions


def _rank_word(word: str) -> bool:
    """A rank or title before a name in a `Name:` field: "MAJ", "COL.", "Attache"."""
    lex = lexicon()
    low = word.lower().rstrip(".")
    return low in lex.ranks or low in lex.titles


def _label_word(word: str) -> bool:
    """A word of a form's field label ("Date", "Birth"), not of a name."""
    low = word.lower().rstrip(".")
    lex = lexicon()
    return (low in lex.dictionary or low in lex.common) and low not in lex.given


def _has_title(words: list[str]) -> bool:
    lex = lexicon()
    return any(w.lower() in lex.titles for w in words)


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
