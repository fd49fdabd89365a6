"""Officials and agencies named in a cable (the `officials` and `agencies` of its record).

Rules and word lists only, no statistical model: about 1.3 ms of CPU a cable, compiled.
The stages, one module each: `words` (what kind of word a token is), `people` (name runs and
their titles), `agencies` (organisation names and acronyms), `header` (Classified By, signature,
person TAGS, action-office lines) and `coref` (one entry per person and per organisation).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Sequence
from typing import Final

from cablekg.entities.agencies import (
    Found,
    bracketed_acronyms,
    classified_by_agencies,
    find_organisations,
    resolve_uses,
    tag_agencies,
)
from cablekg.entities.coref import agency_lookup, merge_agencies, merge_people
from cablekg.entities.header import (
    classified_by_mention,
    field_mentions,
    reference_mentions,
    signer_mentions,
    tag_mentions,
)
from cablekg.entities.lexicon import lexicon as load_lexicon
from cablekg.entities.offices import office_entities
from cablekg.entities.patterns import patterns as compile_patterns
from cablekg.entities.people import Mention, find_people
from cablekg.entities.scan import chunks
from cablekg.entities.words import is_upper_text
from cablekg.model import Agency, Cable, Official

__all__ = ["extract", "settle"]

_COMMA_GLUED: Final = re.compile(r",(?=[A-Za-z]{2})")
# an apostrophe that the cable's encoding turned into a comma: "the Government,s position",
# "Michael L,Estrange", "O,Driscoll"
_COMMA_APOSTROPHE: Final = re.compile(r",(?:(?<=[A-Za-z],)(?=[sS]\b)|(?<=\b[A-Z],)(?=[A-Z][a-z]))")
# a particle's hyphen split from the name after it: "AL- QAIDA CAMPS"
_SPLIT_PARTICLE: Final = re.compile(r"-(?<=\b(?:[Aa]l|AL|[Ee]l|EL)-) (?=[A-Z])")
_WEBSITE: Final = re.compile(r"(?i)\bvisit [^.:]{0,60}classified web ?site\b")
# An ayn written as an apostrophe before a capital in a transliterated name; upper-case cables
# quote with double quotes, so there it opens no quotation
_AYN: Final = re.compile(r"'(?<![\w'-]')(?=[A-Z]{2})")


def extract(
    cable: Cable, office_lines: Sequence[str] = ()
) -> tuple[tuple[Official, ...], tuple[Agency, ...]]:
    """People and organisations named in `cable`, each once.

    `office_lines` are the header's action-office lines (`DEPARTMENT OF LABOR FOR JAMES RUDE`),
    which the record does not keep.
    """
    mentions: list[Mention] = []
    found = Found()
    order = 0
    segments = _segments(cable)
    bracketed = [bracketed_acronyms(text) for text, _ in segments]
    local = frozenset(match.group("acr") for matches in bracketed for match in matches)
    for (text, upper), defined in zip(segments, bracketed, strict=True):
        chunk_list = chunks(text, upper)
        people, spans = find_people(text, upper, chunk_list, order, local)
        mentions.extend(people)
        find_organisations(text, upper, chunk_list, spans, order, found, defined)
        order += len(text) + 1
    header_order = -1  # header people come before the text in order of mention
    classified = classified_by_mention(cable.classified_by, header_order)
    if classified:
        mentions.append(classified)
    if cable.classified_by:
        found.orgs.extend(classified_by_agencies(cable.classified_by.title, header_order))
    mentions.extend(tag_mentions(cable.tags, header_order))
    mentions.extend(reference_mentions(cable.references, header_order))
    mentions.extend(field_mentions([p.text for p in cable.paragraphs], header_order))
    office_people, office_orgs = office_entities(office_lines, header_order)
    mentions.extend(office_people)
    found.orgs.extend(office_orgs)
    mentions.extend(signer_mentions(cable.signers, order))
    aliases = {m.alias for m in mentions if m.alias}
    resolve_uses(found, aliases, cable.tags)
    found.orgs.extend(tag_agencies(cable.tags, order))
    agencies = merge_agencies(found.orgs)
    officials = merge_people(mentions, agency_lookup(agencies))
    return tuple(officials), tuple(agencies)


_settled = False


def settle() -> None:
    """Load the word lists and patterns, then take everything alive out of the garbage
    collector's walks, once per process (for one that reads many cables).

    The tables live as long as the process, and walking their containers on every full
    collection cost about 3% of a cable's parse. The collection before the freeze untracks the
    tuples that hold only strings and numbers; frozen while still tracked, they would keep every
    tuple that shares them (the word caches) in the walks. (The builders are imported under
    other names: `lexicon` and `patterns` stay the names of the submodules.)
    """
    global _settled
    if _settled:
        return
    load_lexicon()
    compile_patterns()
    gc.collect()
    gc.freeze()
    _settled = True


def _segments(cable: Cable) -> list[tuple[str, bool]]:
    """The cable's subject and paragraphs, whitespace normalised, consecutive texts of the same
    case joined by newlines (names never run across a newline)."""
    texts = [cable.subject or ""] + [p.text for p in cable.paragraphs]
    segments: list[tuple[list[str], bool]] = []
    for raw in texts:
        if "  " in raw or "\n" in raw or "\t" in raw or "\r" in raw:
            raw = " ".join(raw.split())
        text = raw.strip()
        if "," in text:
            text = _COMMA_GLUED.sub(", ", _COMMA_APOSTROPHE.sub("'", text))  # "HIZBALLAH,SIGNS"
        if "- " in text:
            text = _SPLIT_PARTICLE.sub("-", text)
        if "lassified" in text or "LASSIFIED" in text:
            text = _WEBSITE.sub("", text)  # boilerplate: "Visit Embassy Cairo's Classified ..."
        if not text:
            continue
        upper = is_upper_text(text)
        if upper and "'" in text:
            text = _AYN.sub("", text)  # "'ADNAN 'UQLA", "CROWN PRINCE 'ABDALLAH": no quote
        if segments and segments[-1][1] == upper:
            segments[-1][0].append(text)
        else:
            segments.append(([text], upper))
    return [("\n".join(parts), upper) for parts, upper in segments]
