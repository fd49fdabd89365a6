"""The text of the cable: numbered paragraphs with portion markings, unnumbered text, signature.

A paragraph starts a line with its number (`¶1.`, `1.`, and the OCR forms `11.` / `- 11.` where
the pilcrow was read as a `1`), optionally followed by its portion marking (`(SBU)`, `(C/NF)`).
Numbers must follow each other; an out-of-sequence number that is a `1` glued to the expected one
is the OCR form. Text after a blank line continues the paragraph when it starts in lower case, with
a sub-item (`A.`, `--`, `(a)`), or when the paragraph had not ended its sentence; otherwise it is
an unnumbered paragraph (number null). Underlines (`-----`) are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from cablekg.model import Paragraph

PARAGRAPH_START: Final = re.compile(
    r"^\s*(?:[-\u2013\u2022]\s*)?(?:¶\s*|M-6)?(?P<num>\d{1,3})\s*\.(?!\d)\s*"
    r"(?:\(\s*(?P<mark>[A-Za-z]{1,5}(?:\s*/\s*[A-Za-z]{1,6}){0,2})\s*\)\s*[-:.]?\s*)?(?P<rest>.*)$"
)
# First characters of a stripped line that `PARAGRAPH_START` matches.
PARAGRAPH_FIRST: Final = frozenset("-\u2013\u2022¶M0123456789")
_ENTIRE_TEXT: Final = re.compile(
    r"^\(?\s*(?P<cls>UNCLASSIFIED|LIMITED OFFICIAL USE|CONFIDENTIAL|SECRET|U|LOU|C|S)"
    r"\s*[-\u2013]*\s*ENTIRE\s+TEXT\b",
    re.I,
)
MARKINGS: Final = re.compile(r"^(?:U|SBU|C|S|TS|LOU|FOUO|NF|SBU|[A-Z]{1,4}/[A-Z/]{1,12})$")
_CLASS_MARK: Final = {
    "UNCLASSIFIED": "U",
    "LIMITED OFFICIAL USE": "LOU",
    "CONFIDENTIAL": "C",
    "SECRET": "S",
}
# A numbered paragraph with its portion marking inside a line (`... Cobos 2.  (U) On August 16`).
_MARKED: Final = re.compile(r"\.\s{1,4}\((?:U|SBU|C|S|TS|LOU|FOUO|[CS]/NF|SBU/NF|U/FOUO)\)")
_NUMBER_BEFORE: Final = re.compile(r"(?:(?<=\s)|(?<=-)|^)(?:¶\s?)?(?P<num>\d{1,3})$")
_UNDERLINE_CHARS: Final = frozenset("-=_*~")
# Three underline characters after any indent, then nothing but those and spaces; written
# without adjacent quantifiers that share spaces, which made a long line cost cubic time.
_UNDERLINE: Final = re.compile(r"^(?=\s*[-=_*~ ]{3})[-=_*~\s]*+$")
_SUBITEM: Final = re.compile(r"^\s*(?:[A-Z][.)]\s|\([a-zA-Z0-9]{1,3}\)|--|-\s|\*|•|o\s)")
_SENTENCE_ENDS: Final = frozenset(".!?:;\"')]")


@dataclass
class Paragraphs:
    paragraphs: list[Paragraph] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)


def read_paragraphs(lines: list[str]) -> Paragraphs:
    """Paragraphs of the body lines (page lines and debris already removed)."""
    out = Paragraphs()
    number: int | None = None
    marking: str | None = None
    text: list[str] = []
    last_number = 0
    gap = False

    def flush() -> None:
        joined = _join(text)
        if joined or number is not None:
            out.paragraphs.append(Paragraph(text=joined, number=number, marking=marking))

    split: list[str] = []  # the rest of a line cut where a glued paragraph starts
    index, count = 0, len(lines)
    while split or index < count:
        if split:
            line = split.pop()
        else:
            line = lines[index]
            index += 1
        stripped = line.strip()
        if not stripped:
            gap = gap or bool(text)
            continue
        if len(stripped) > 12 and "(" in stripped and _MARKED.search(stripped, 2):
            inside = _inside_start(stripped, last_number)
            if inside:
                out.repairs.append("split a paragraph glued to the line before it")
                split.extend((stripped[inside:], stripped[:inside]))
                continue
        first = stripped[0]
        if first in _UNDERLINE_CHARS and _UNDERLINE.match(stripped):
            gap = True
            continue
        start = _start(stripped, last_number) if first in PARAGRAPH_FIRST else None
        if start:
            flush()
            number, marking, rest, repair = start
            if repair:
                out.repairs.append(repair)
            last_number = number
            text = [rest] if rest else []
            gap = False
            continue
        if gap and text:
            if not _continues(text[-1], stripped):
                flush()
                number, marking, text = None, None, []
            elif number is not None:
                out.repairs.append(f"joined paragraph {number} split by a blank line")
        text.append(stripped)
        gap = False
    flush()
    return out


def _start(line: str, last: int) -> tuple[int, str | None, str, str | None] | None:
    match = PARAGRAPH_START.match(line)
    if not match:
        return None
    raw = int(match["num"])
    expected = last + 1
    repair = None
    pilcrow = line.lstrip().startswith("¶")
    if raw == expected or (last and expected < raw <= expected + 2) or (pilcrow and raw > last):
        number = raw
    elif _pilcrow_read_as_one(match["num"], expected):
        number = int(match["num"][1:])
        repair = f"paragraph number {match['num']}. read as ¶{number}."
    elif last == 0 and raw <= 3:
        number = raw
    else:
        return None
    rest = match["rest"].strip()
    mark = match["mark"]
    marking = None
    if mark:
        marking = _marking(mark)
        if marking is None:
            rest = f"({mark}) {rest}".strip()
    if marking is None:
        entire = _ENTIRE_TEXT.match(rest)
        if entire:
            marking = _CLASS_MARK.get(entire["cls"].upper(), entire["cls"].upper())
    return number, marking, rest, repair


@lru_cache(maxsize=1024)
def _marking(mark: str) -> str | None:
    """A portion marking as written (`C`, `S / NF`) in its canonical form, if it is one; a cable
    repeats the same few markings, so they are read once."""
    candidate = "".join(mark.split()).upper()
    return candidate if MARKINGS.match(candidate) else None


def _inside_start(line: str, last: int) -> int | None:
    """Where the next numbered, marked paragraph starts inside a line that lost its breaks."""
    for match in _MARKED.finditer(line, 2):  # one at 0 or 1 has no text before its number
        if not any(map(str.isalnum, line[: match.start() - 1])):
            continue  # the usual case: the line's own number (after a dash, bullet or pilcrow)
        before = _NUMBER_BEFORE.search(line[max(0, match.start() - 8) : match.start()])
        if not before:
            continue
        start = match.start() - (len(before[0]))
        if not any(c.isalnum() for c in line[:start]):
            continue  # only a dash or bullet before it: the line starts the paragraph
        digits = before["num"]
        if last < int(digits) <= last + 3 or _pilcrow_read_as_one(digits, last + 1):
            return start
    return None


def _pilcrow_read_as_one(digits: str, expected: int) -> bool:
    """`12.` where ¶2 is due (or a number or two after it): OCR read the pilcrow as a 1."""
    return (
        digits.startswith("1") and len(digits) > 1 and expected <= int(digits[1:]) <= expected + 2
    )


def _continues(previous: str, line: str) -> bool:
    """Whether text after a blank line carries on the paragraph before it."""
    first = line.lstrip()[:1]
    if first.islower() or _SUBITEM.match(line):
        return True
    return previous.rstrip()[-1:] not in _SENTENCE_ENDS


def _join(lines: list[str]) -> str:
    """One paragraph's lines as one line; a word broken with a hyphen at a line end is rejoined."""
    if len(lines) == 1:
        return _squash(lines[0])
    text = "\n".join(lines)  # lines hold no newline: a word broken at a line end shows as "-\n"
    if "-\n" not in text and "" not in lines:
        return _squash(text.replace("\n", " "))
    pieces: list[str] = []
    for line in lines:
        if not line:
            continue
        last = pieces[-1] if pieces else ""
        if last.endswith("-") and len(last) > 1 and last[-2].isalpha():
            pieces[-1] = last + line
        else:
            pieces.append(line)
    return _squash(" ".join(pieces))


def _squash(text: str) -> str:
    """Runs of whitespace in stripped lines as one space. Normalised ASCII text has no whitespace
    but the plain space, whose runs `replace` shortens faster than splitting and joining."""
    if "  " not in text:
        return text
    if not text.isascii():
        return " ".join(text.split())
    while "  " in text:
        text = text.replace("  ", " ")
    return text
