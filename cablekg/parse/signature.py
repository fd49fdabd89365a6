"""The signature: the sender's name(s) closing the cable (`FONTENEAU`, `Scobey`, `van Voorst`).

It stands on its own last line, or ends the last paragraph after its final sentence
(`... cleared this cable. FONTENEAU`). End-of-cable markers after it (`=====CABLE ENDS=====`,
`Classification: UNCLASSIFIED`, `NNNN`, `Nnnn`) are removed first, and so is debris around it:
trailing dots and quotes (`CRETZ .`, `BEYRLE ..`), a date stamp (`SOBEL 2008-01-08`), a
separator line of asterisks glued before it (`****** ****** ERELI`), and a
`Visit ... Classified Web Site` footer after it. Names are written in any case (`Brownfield`,
`LeBaron`, and a lone lower-case word on the last line, `kurtzer`), with a generational suffix
(`TIMKEN JR`). Closing formulas (`END SUMMARY`, `BT`) are not names.
"""

from __future__ import annotations

import re
from typing import Final

_WORD: Final = r"(?:[A-Z][A-Za-z'`-]+|[A-Z]\.|JR\.|Jr\.|van|von|de|del|da|al|bin)"
_NAME: Final = rf"{_WORD}(?:\s+{_WORD}){{0,2}}"
_NAMES: Final = rf"{_NAME}(?:\s*/\s*{_NAME})*"
_STANDALONE: Final = re.compile(rf"^\s*({_NAMES})\s*$")
_LOWER_ALONE: Final = re.compile(r"^\s*([a-z]{4,})\s*$")  # `kurtzer`: a lone lower-case last line
# A separator of asterisks (and a redaction) glued before a standalone name.
_SEPARATOR: Final = re.compile(r"^[\sX]*\*{3,}[\s*]*")
# Debris after the name: dots after a space or in a run, quotes, commas, a date. (A redaction
# there is the signer, redacted: `... CLINTON End Cable Text XXXXXXXXXXXX`.)
# Each piece is taken whole (atomic, possessive): no backtracking into it. A search starts only
# where a match can first begin (not after a space, quote, comma, `..` or ` .`, which an earlier
# start takes in its stride) and takes at most 80 pieces (the caller searches 80 characters), so
# its time stays linear in the text.
_DEBRIS: Final = re.compile(
    r"(?<![\s\",])(?<!\.\.)(?<!\s\.)"
    r"(?>\s++\.++|\.{2,}+|\s*+[\",]|\s++(?:\d{1,2}\s++)?\d{1,2}/\d{1,2}/\d{4}"
    r"|\s++\d{4}-\d\d-\d\d){1,80}\s*$"
)
_SUFFIXES: Final = frozenset({"JR", "JR.", "Jr", "Jr.", "SR", "SR.", "Sr", "Sr.", "II", "III"})
_TRAILING: Final = re.compile(
    r"(?:(?<=[.!?\"')*\]])|(?<=XXXX)|(?<=END COMMENT)|(?<=End Comment)|(?<=End comment))"
    rf"\s+({_NAMES})\s*$"
)
# "Visit Embassy X's Classified Website: <address>" closes many cables just before the name.
# The same footer closing the text after the name (`JEFFREY Visit Ankara's Classified Web Site`).
_FOOTER_AFTER: Final = re.compile(r"\s*\"?Visit\b[^.]{0,60}?Classified\s+Web\s?[Ss]ite\b.*$")
_FOOTER: Final = re.compile(
    r"(?<!\*)(?:\*+\s*)?Visit\b[^.]{0,60}?Classified\s+Web\s?[Ss]ite\b.*?(?=\s\S+\s*$)"
)
# Each marker is taken whole (an atomic group) with all the space before it (possessive), so a
# run of markers or spaces that ends in text is refused in one pass: spaces that two quantifiers
# could share (`(\s*X\s*)+`) made `> > > ... z` take time exponential in the number of markers.
# The search tries each start once: never inside a run of spaces or of `=` (the run's start
# matches whenever a later start would), and at most 50 markers from there (more never end a
# cable), so time stays linear in the text however long a run of markers it holds.
END_MARKERS: Final = re.compile(
    r"(?<!\s)(?>\s*+(?:(?<!=)=+\s*CABLE ENDS?\s*=*|\"?\s*Classification:\s*[A-Z/ ]+\"?"
    r"|>?\s*\d{4}[A-Z]+\d+\s*-\s*(?:Classification:.*|UNCLASSIFIED|CONFIDENTIAL|SECRET)"
    r"|>|\bBT|\b(?i:NNNN)|#\d{3,5}|End Cable Text|\")){1,50}"
    r"\s*$"
)
_NOT_NAMES_TEXT: Final = """
END SUMMARY COMMENT TEXT QUOTE UNQUOTE BT NNNN SIPDIS NOFORN CONFIDENTIAL SECRET UNCLASSIFIED
UNCLAS LIMITED OFFICIAL USE MINIMIZE CONSIDERED NOTE ACTION INFO PAGE CORRECTED COPY SENSITIVE
THE AND OF FOR TO IN ON AT BY WITH NOT DEPT STATE REFTEL PARA PARAS ABOVE BELOW AS EXDIS NODIS
UNQTE QTE ENDS GOA GOB USG GOM GOI FYI TFG FM AM PM YES NO OK THANKS THANK YOU REGARDS
"""
_NOT_NAMES: Final = frozenset(_NOT_NAMES_TEXT.split())


def strip_end_markers(text: str) -> tuple[str, bool]:
    """Text without trailing end-of-cable markers; True when some were removed."""
    offset = max(0, len(text) - 400)
    if not _may_end_with_marker(text[offset:].rstrip()):
        return text, False
    match = END_MARKERS.search(text, offset)
    if not match:
        return text, False
    return text[: match.start()].rstrip(), True


_MARKER_ENDS: tuple[str, ...] = ("=", '"', ">", "BT", "NNNN", "Nnnn", "nnnn", "End Cable Text")
_MARKER_ENDS += ("CABLE END", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET")


def _may_end_with_marker(tail: str) -> bool:
    """Cheap test: the tail ends as some end marker ends (searching the markers is costly)."""
    return (
        tail.endswith(_MARKER_ENDS)
        or "Classification:" in tail
        or (tail[-1:].isdigit() and "#" in tail)
    )


def split_signature(
    text: str, standalone: bool, after_sentence: bool = True
) -> tuple[str, list[str]]:
    """(text without the signature, signers) of the last piece of body text.

    `after_sentence` False says a standalone line follows a line that does not end its sentence:
    the line is then read as it is, without taking debris off it.
    """
    if standalone and not after_sentence and text.islower():
        return text, []  # a word carrying on the sentence, not a lower-case name
    found = _signature(text, standalone)
    if found or (standalone and not after_sentence):
        return found or (text, [])
    for candidate in _without_debris(text, standalone):
        found = _signature(candidate, standalone)
        if found:
            return found
    return text, []


def _without_debris(text: str, standalone: bool) -> list[str]:
    """The text without what may follow or precede a signature (two readings)."""
    candidates = []
    cleaned = text
    for _ in range(3):  # debris, then markers it hid, then debris they hid
        cleaned, _removed = strip_end_markers(_strip_debris(cleaned))
    if standalone:
        cleaned = _SEPARATOR.sub("", cleaned).rstrip(".")
    if cleaned != text:
        candidates.append(cleaned)
    visit = cleaned.find("Visit", max(0, len(cleaned) - 400))
    footer = _FOOTER_AFTER.match(cleaned, visit - 1 if visit > 0 else 0) if visit >= 0 else None
    if footer and footer.start() > 0:
        candidates.append(_strip_debris(cleaned[: footer.start()]))
    return candidates


def _strip_debris(text: str) -> str:
    """The text without the debris at its end (only the end is searched: it is short)."""
    tail = max(0, len(text) - 80)
    match = _DEBRIS.search(text[tail:])  # a slice: no start in it is barred by what precedes
    return text[: tail + match.start()] if match else text


def _signature(text: str, standalone: bool) -> tuple[str, list[str]] | None:
    match = (_STANDALONE if standalone else _TRAILING).search(text, max(0, len(text) - 200))
    if not match and not standalone:
        footer = _FOOTER.search(text)
        if footer:
            match = _STANDALONE.match(text, footer.end())
    if not match and standalone:
        lower = _LOWER_ALONE.match(text)
        if lower and lower[1].upper() not in _NOT_NAMES:
            return "", [lower[1]]
    if not match:
        return None
    names = [_clean(n) for n in re.split(r"(?<!\s)\s*/\s*", match[1].strip().rstrip("."))]
    if not names or any(not _is_name(n) for n in names):
        return None
    return text[: match.start(1)].rstrip(), names


def _clean(name: str) -> str:
    """Drop redactions (`XXXXXXXXXXXX TUTTLE`) and a doubled word (`SHANNON SHANNON`)."""
    words = [w for w in name.split() if set(w) != {"X"}]
    if len(words) == 2 and words[0].upper() == words[1].upper():
        words = words[:1]
    return " ".join(words)


def _is_name(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 3:
        return False
    if any(w.strip(".").upper() in _NOT_NAMES for w in words):
        return False
    if len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    return len(words[-1].strip(".")) >= 3 and words[-1][0].isupper()
