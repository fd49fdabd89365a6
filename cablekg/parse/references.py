"""REF/REFTEL blocks: every referenced item, with canonical ids for the cables among them.

Items are labelled (`A.`, `(A)`, `A)`, `[A]`, `1.`, OCR `¶B.` and `1C.`) or separated by `;`/`:`.
A cable reference is a known station and a serial, with an optional year before it (`06 STATE
1234`) or in parentheses after it (`STATE 1234 (06)`); a bare serial after one (`STATE 1234 AND
2764`) keeps its station. A station name one letter off exactly one known station (a letter
wrong, missing, extra, or two letters swapped: `MANAGAU 345`) is that station, and the repair is
recorded. Anything else (e-mails, telcons, memos, reports) is a reference with id null.

Year inference when the reference gives none (a station's serials restart every January):
- same station as the citing cable: a serial above the citing cable's own serial is last year's;
- other stations: a serial above what the station could have sent by the citing cable's day of
  the year (`1.5 x day-of-year x daily rate + 50`; rate 1000 a day for STATE, 40 for posts) is
  last year's;
- otherwise the citing cable's year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Final

from cablekg.model import Reference
from cablekg.parse.ids import _one_edit, make_id
from cablekg.parse.stations import code_of, stations

REF_LINE: Final = re.compile(
    r"^\s*(?:REFS?|REFTELS?|REFERENCES?|REF\(S\)|REF\s?TEL)\b\s*(?::|\.(?!\w)|-\s)?\s*(.*)$", re.I
)
_LABEL: Final = re.compile(
    r"(?<![^\s;,:(])(?:¶\s?|1(?=[A-Z][.)]))?(?:\(([A-Z]|\d{1,2})\)|\[([A-Z])\]|([A-Z]|\d{1,2})[.)])(?=[\s(]|$|[A-Z0-9])"
)
_CABLE: Final = re.compile(
    r"(?<![A-Z0-9])(?:(?P<y1>(?:19|20)?\d{2})\s+)?"
    r"(?P<station>[A-Z][A-Z.'-]*(?: [A-Z][A-Z.'-]*){0,3})"
    r"\s+(?P<serial>\d{1,6})(?![\d/:-])(?:\s*\((?P<y2>(?:19|20)?\d{2})\))?"
)
_MORE: Final = re.compile(r"^\s*(?:,|AND|&|/)\s*(\d{2,6})(?![\d/:-])(?=\s*(?:$|[,;.)]|AND\b|\())")
_ASCII_UPPER: Final = {c: c - 32 for c in range(ord("a"), ord("z") + 1)}
DAILY_RATE: Final = {"STATE": 1000}
POST_RATE: Final = 40


@dataclass(frozen=True)
class Citing:
    """What the year inference needs to know about the citing cable."""

    year: int | None
    station: str | None = None
    serial: int | None = None
    day_of_year: int | None = None


def read_references(text: str, citing: Citing, repairs: list[str] | None = None) -> list[Reference]:
    """Every reference of a REF block's text (the text after `REF:`); station names read with
    a repair are reported in `repairs`."""
    text = " ".join(text.split())
    if not text:
        return []
    refs: list[Reference] = []
    for label, item in _items(text):
        found = _cables(item, citing, repairs if repairs is not None else [])
        if found:
            refs.extend(Reference(text=t, id=i, label=label) for t, i in found)
        else:
            item = item.strip(" ,;:.")
            if item:
                refs.append(Reference(text=item, id=None, label=label))
    return refs


def _items(text: str) -> list[tuple[str | None, str]]:
    """(label, text) of each item, labels accepted only in sequence (A, B, C... or 1, 2, 3...)."""
    accepted: list[tuple[int, int, str]] = []
    expected: str | None = None
    for match in _LABEL.finditer(text):
        label = match[1] or match[2] or match[3]
        if expected is None:
            if label not in ("A", "1"):
                continue
        elif label != expected:
            continue
        accepted.append((match.start(), match.end(), label))
        expected = chr(ord(label) + 1) if label.isalpha() else str(int(label) + 1)
    if not accepted:
        parts = re.split(r"(?<!\s)\s*;\s*|(?<=\d):\s+", text)
        return [(None, p) for p in parts if p.strip()]
    items: list[tuple[str | None, str]] = []
    if accepted[0][0] > 0 and text[: accepted[0][0]].strip(" ,;:"):
        items.append((None, text[: accepted[0][0]]))
    for n, (_start, end, label) in enumerate(accepted):
        stop = accepted[n + 1][0] if n + 1 < len(accepted) else len(text)
        items.append((label, text[end:stop]))
    return items


def _cables(item: str, citing: Citing, repairs: list[str]) -> list[tuple[str, str | None]]:
    """(text as written, canonical id) of each cable reference in one item."""
    upper = item.translate(_ASCII_UPPER)
    table = stations()
    found: list[tuple[str, str | None]] = []
    for match in _CABLE.finditer(upper):
        station = _station(match["station"], table)
        if not station:
            station = _misspelled_station(match["station"], table)
            if not station:
                continue
            repairs.append(f"reference station {station[1]} read as {station[0]}")
        word_starts = [m.start() for m in re.finditer(r"\S+", match["station"])]
        start = match.start("station") + word_starts[len(word_starts) - len(station[1].split())]
        if match["y1"] and start == match.start("station"):
            start = match.start()
        explicit = match["y1"] or match["y2"]
        serial = int(match["serial"])
        year = _year(explicit, station[0], serial, citing)
        written = item[start : match.end()].strip()
        found.append((written, make_id(year, station[0], serial) if year is not None else None))
        rest = upper[match.end() :]
        offset = match.end()
        more = _MORE.match(rest)
        while more:
            serial = int(more[1])
            year = _year(None, station[0], serial, citing)
            found.append((more[1], make_id(year, station[0], serial) if year is not None else None))
            offset += more.end()
            more = _MORE.match(upper[offset:])
    return found


def _station(words: str, table) -> tuple[str, str] | None:
    """(code, written) of the longest known station ending `words`."""
    parts = words.split()
    for n in range(len(parts)):
        candidate = " ".join(parts[n:])
        if candidate in table.written:
            return table.written[candidate], candidate
        code = code_of(candidate)
        if table.is_known(code) and len(code) > 2:
            return code, candidate
    return None


def _misspelled_station(words: str, table) -> tuple[str, str] | None:
    """(code, written) of the one known station a letter off the last word(s) of `words`."""
    parts = words.split()
    index = _deletion_index()
    for n in range(max(0, len(parts) - 3), len(parts)):
        candidate = " ".join(parts[n:])
        if len(candidate) < 5 or not candidate[0].isalpha():
            continue
        near = {w for key in _deletions(candidate) for w in index.get(key, ())}
        codes = {table.written[w] for w in near if _near(w, candidate)}
        if len(codes) == 1:
            return codes.pop(), candidate
    return None


def _deletions(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


@cache
def _deletion_index() -> dict[str, tuple[str, ...]]:
    """Written station names by themselves and by every one-letter deletion of them: any name a
    letter off (or with two letters swapped) shares a key with the misspelling."""
    index: dict[str, list[str]] = {}
    for written in stations().written:
        for key in _deletions(written):
            index.setdefault(key, []).append(written)
    return {key: tuple(names) for key, names in index.items()}


def _near(a: str, b: str) -> bool:
    """One letter wrong, missing or extra, or two neighbouring letters swapped."""
    if _one_edit(a, b):
        return True
    if len(a) != len(b):
        return False
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and a[diffs[0]] == b[diffs[1]]
        and a[diffs[1]] == b[diffs[0]]
    )


def _year(explicit: str | None, station: str, serial: int, citing: Citing) -> int | None:
    if explicit:
        year = int(explicit)
        return year if year > 99 else (1900 + year if year >= 66 else 2000 + year)
    if citing.year is None:
        return None
    if station == citing.station and citing.serial is not None:
        return citing.year - 1 if serial > citing.serial else citing.year
    if citing.day_of_year is not None:
        rate = DAILY_RATE.get(station, POST_RATE)
        if serial > 1.5 * citing.day_of_year * rate + 50:
            return citing.year - 1
    return citing.year
