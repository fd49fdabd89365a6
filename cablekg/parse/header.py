"""The ACP-127 message header, everything before the classification banner.

```
VZCZCXRO1730                   transmission line
RR RUEHDE RUEHDIR              precedence prosigns and relay routing indicators
DE RUEHMS #0920/01 2720728     originating routing indicator, sequence, section, Julian day+time
ZNY CCCCC ZZH                  classification indicator
R 290728Z SEP 07               date-time group
FM AMEMBASSY MUSCAT            sender
TO RUEHC/SECSTATE WASHDC 8810  action addressees (route/name precedence continuity-number)
INFO ...                       info addressees, one per line
XMT ...                        exclusions
```
1970s printouts add `PAGE 01 ...`, `ACTION EAP-00`, `INFO LOG-00 NP-00 ...` office codes and a
dashed line; some extracts carry `Cable dated:` stamps. Lines that lost their breaks
(`...ZZHO 101234Z OCT 09FM AMEMBASSY CAIROTO RUEHC/...`) are split again at the grammar's
keywords first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from cablekg.model import Addressee
from cablekg.parse.banner import BANNER_INSIDE, read_banner
from cablekg.parse.dtg import DateTimeGroup, read_dtg
from cablekg.parse.text import has_lower

PRECEDENCES: Final = ("FLASH", "NIACT IMMEDIATE", "IMMEDIATE", "PRIORITY", "ROUTINE")
_PRECEDENCE_DAMAGE: Final = {
    "PRORITY": "PRIORITY", "PRIORTY": "PRIORITY", "PRIOIRTY": "PRIORITY",
    "IMMEDIAT": "IMMEDIATE", "IMEDIATE": "IMMEDIATE", "ROUTIN": "ROUTINE",
}  # fmt: skip
ZNY_CLASS: Final = {"CCCCC": "CONFIDENTIAL", "SSSSS": "SECRET", "UUUUU": "UNCLASSIFIED",
             "EEEEE": "UNCLASSIFIED", "TTTTT": "TOP SECRET"}  # fmt: skip
ROUTE_PRECEDENCE: Final = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE"}

TRANSMISSION: Final = re.compile(r"^VZCZC[A-Z0-9]*$")
ROUTING: Final = re.compile(r"^([ZOPR])[ZOPR]?\s+(?:R[A-Z0-9]{3,7}\s*)+$")
ROUTING_MORE: Final = re.compile(r"^R[A-Z]{3,6}(?:\s+R[A-Z]{3,6})*$")
DE: Final = re.compile(r"^DE\s+(R[A-Z0-9]{3,7})\s+#\s?(\d{1,6})(?:/(\d{1,3}))?(?:\s+(\d{7}))?")
ZNY: Final = re.compile(r"^ZN[YR]\s+([A-Z]{5})\b")
FM: Final = re.compile(r"^FM\s+(\S.*)$")
TO: Final = re.compile(r"^TO\s+(\S.*)$")
INFO: Final = re.compile(r"^INFO\s+(\S.*)$")
XMT: Final = re.compile(r"^XMT\s+(\S.*)$")
BT: Final = re.compile(r"^(?:BT|NNNN)$")
# 1970s printouts: page heading, action and info office codes, the dashed transmission line.
PAGE: Final = re.compile(r"^PAGE\s+\d{1,3}\b")
OFFICE_CODES: Final = re.compile(
    r"^(?:(?:ACTION|INFO)\s+)?[A-Z][A-Z0-9]*-\d\d(?:\s+[A-Z][A-Z0-9]*-\d\d)*(?:\s+/\d+\s*[A-Z]?)?$"
)
DASHED: Final = re.compile(r"^-{5,}\s*[0-9A-F]{4,}")
PRINTOUT_CLASS: Final = re.compile(
    r"^(UNCLASSIFIED|LIMITED OFFICIAL USE|CONFIDENTIAL|SECRET|TOP SECRET)\s+PTQ\d+$"
    r"|^\d{4}[A-Z]+\d+\s+-\s+(UNCLASSIFIED|LIMITED OFFICIAL USE|CONFIDENTIAL|SECRET|TOP SECRET)$"
)
NOTE: Final = re.compile(
    r"^(?:This record is a partial extract|-+\s*header ends\s*-+$|TelegramRestricted)", re.I
)
ADDRESS_CHARS: Final = re.compile(r"^[A-Z0-9][A-Z0-9 .,&'()/:-]*$")
_ROUTE: Final = re.compile(r"^(R[A-Z0-9]{3,7})\s*/\s*")
_NUMBER: Final = re.compile(r"(?<!\s)\s*\b(\d{1,4}(?:-\d{1,4})?)$")
_PRECEDENCE_WORDS: Final = (
    "NIACT IMMEDIATE",
    "FLASH",
    "IMMEDIATE",
    "PRIORITY",
    "ROUTINE",
    *_PRECEDENCE_DAMAGE,
)
_PRECEDENCE_ENDINGS: Final = tuple(" " + word for word in _PRECEDENCE_WORDS)
# Where a line that lost its breaks must be cut again.
_CUTS: Final = re.compile(
    r"(?<=\S)(?=DE\s+R[A-Z0-9]{3,7}\s+#\s?\d)"
    r"|(?<=\S)(?=ZN[YR]\s+[A-Z]{5}\b)"
    r"|(?<=ZN[YR] [A-Z]{5} ZZH)(?=\S)"
    r"|(?<=\d)(?=FM\s+[A-Z])"
    r"|(?<=\d{6}Z [A-Z]{3} \d\d )(?=FM\s+[A-Z])"
    r"|(?<=\s)(?=-{5,}[0-9A-F]*\s+\d{6}Z)"
    r"|(?<=\s)(?=[ZOPR](?:\s[ZOPR])?\s\d{6}Z\s[A-Z]{3}\s\d\d)"
    r"|(?<=[A-Z0-9])(?=TO\s+R[A-Z0-9]{3,7}/)"
    r"|(?<=[A-Z0-9])(?=INFO\s+R[A-Z0-9]{3,7}/)"
    r"|(?<=\d)(?=(?:TO|INFO|XMT)\s+[A-Z])"
    r"|(?<=[^\s/])(?=R[UH][A-Z0-9]{2,5}/[A-Z])"
    r"|(?<!TO )(?<!INFO )(?<!XMT )(?<=[A-Z0-9]\s)(?=R[UH][A-Z0-9]{2,5}/[A-Z])"
)
# Lines that open the preamble after the header (no banner seen).
_PREAMBLE_START: Final = re.compile(
    r"^(?:SIPDIS|NOFORN|E\.\s?O\.?\s?\d|EO\s\d|TAGS?\b|SUBJ(?:ECT)?:|REFS?:"
    r"|CLASSIFIED BY|Classified By|¶?\s?1\.\s)"
)
# Something that starts a header line, found inside a line: the line may have lost breaks.
# Every branch starts with a literal, which lets the search skip ahead to where one can begin
# (a branch starting with a class or a repeat would make it try all branches at every
# position); the time group is found from its literal Z instead.
_GLUED_HINT: Final = re.compile(
    r"DE\sR|ZN[YR]\s|ZZH\S|FM\s[A-Z]|TO\s+R[A-Z]|INFO\s|R[UH][A-Z0-9]{2,5}/|-----"
)
_GLUED_TIME: Final = re.compile(r"Z(?<=\d{6}Z)\s")  # `\d{6}Z\s` found from its literal Z
_HEADERISH: Final = re.compile(
    r"^(?:VZCZC|[ZOPR]{2}\s+R[A-Z]|DE\s+R|ZN[YR]\s|FM\s|TO\s|INFO\s|XMT\s|R[UH][A-Z0-9]{2,5}/|[ZOPR]\s+\d{6}Z)"
)


@dataclass
class Header:
    transmission: str | None = None
    route_precedence: str | None = None
    originator_route: str | None = None
    sequence: str | None = None
    section: int | None = None
    zny_class: str | None = None
    dtg: DateTimeGroup | None = None
    sender: str | None = None
    recipients: list[Addressee] = field(default_factory=list)
    info_recipients: list[Addressee] = field(default_factory=list)
    exclusions: list[Addressee] = field(default_factory=list)
    printout_class: str | None = None
    seen: bool = False
    repairs: list[str] = field(default_factory=list)


def may_be_glued(line: str) -> bool:
    """Cheap test: False when `split_glued` surely leaves `line` whole (no header keyword after
    its start, no classification word)."""
    return bool(_HEADERISH.match(line)) and (_glued_hint(line, 1) or _banner_words(line))


def _glued_hint(line: str, start: int) -> bool:
    return bool(_GLUED_HINT.search(line, start) or _GLUED_TIME.search(line, start + 6))


def split_glued(line: str) -> list[str]:
    """Cut a header line that lost its line breaks at the grammar's keywords."""
    if not _HEADERISH.match(line):
        return [line]
    rest = (
        line.split(None, 1)[1]
        if line.startswith(("TO ", "INFO ", "XMT ")) and " " in line
        else line
    )
    glued = _glued_hint(rest, 1)
    cuts = [m.start() for m in _CUTS.finditer(line) if m.start() > 0] if glued else []
    inside = BANNER_INSIDE.search(line) if _banner_words(line) else None
    if inside and inside.start() > 0:
        cuts = [c for c in cuts if c < inside.start()] + [inside.start()]
    if not cuts:
        return [line]
    parts, last = [], 0
    for cut in sorted(set(cuts)):
        parts.append(line[last:cut].strip())
        last = cut
    parts.append(line[last:].strip())
    return [p for p in parts if p]


@lru_cache(maxsize=4096)
def read_addressee(text: str) -> Addressee | None:
    """`RUEHC/SECSTATE WASHDC PRIORITY 8810` -> route, name, precedence. Cables share their
    addressee lines (collectives, the Secretary of State), so each is read once."""
    text = " ".join(text.split())
    if not ADDRESS_CHARS.match(text):
        return None
    route = None
    match = _ROUTE.match(text)
    if match:
        route, text = match[1], text[match.end() :]
    if text[-1:].isdigit():
        text = _NUMBER.sub("", text)
    precedence = None
    if text.endswith(_PRECEDENCE_ENDINGS):
        for word in _PRECEDENCE_WORDS:
            if text.endswith(" " + word):
                precedence = _PRECEDENCE_DAMAGE.get(word, word)
                text = text[: -len(word) - 1]
                break
    name = text.strip(" ,")
    return Addressee(name=name, route=route, precedence=precedence) if name else None


def looks_like_addressee(line: str) -> bool:
    """An upper-case, short line of routing and address words (a TO/INFO continuation)."""
    text = line.strip()
    if not text or len(text) > 90 or has_lower(text):
        return False
    if text.startswith(("SIPDIS", "E.O", "TAGS", "SUBJ", "REF")):
        return False
    return bool(ADDRESS_CHARS.match(text))


def read_header(lines: list[str], start: int = 0) -> tuple[Header, int]:
    """Read header lines from `start`; return the header and the index of the first other line.

    Lines around the header that belong to no cable grammar (mail wrappers, printout distribution
    lists, `This record is a partial extract`) are skipped when a header line or the banner
    follows within a few lines.
    """
    header = Header()
    block: list[Addressee] | None = None
    i = start
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        if block is not None and _ROUTE.match(line) and '"' not in line and not _banner_words(line):
            _add(block, line)  # the common case: the next routed addressee of a TO/INFO block
            header.seen = True
            i += 1
            continue
        if read_banner(line):
            break
        kind = _read_line(header, line)
        if kind == "address":
            block = {
                "TO": header.recipients,
                "INFO": header.info_recipients,
                "XMT": header.exclusions,
            }[line.split()[0]]
            _add(block, line.split(None, 1)[1])
        elif kind:
            block = None if kind != "skip" else block
        elif block is not None and looks_like_addressee(line):
            _add(block, line)
        else:
            if header.seen and _PREAMBLE_START.match(line):
                break
            ahead = _next_strong(lines, i + 1, 12 if header.seen else 40)
            if ahead is None:
                break
            header.repairs.append("skipped lines outside the cable grammar around the header")
            block = None
            i = ahead
            continue
        header.seen = header.seen or kind not in (None, "skip")
        i += 1
    return header, i


def _next_strong(lines: list[str], start: int, window: int) -> int | None:
    """Index of the next line within `window` that surely belongs to a header or is the banner."""
    for j in range(start, min(len(lines), start + window)):
        line = lines[j].strip()
        if not line:
            continue
        if _PREAMBLE_START.match(line) and not read_banner(line):
            return None
        if TRANSMISSION.match(line) or DE.match(line) or ZNY.match(line) or read_banner(line):
            return j
        if read_dtg(line) or (FM.match(line) and not has_lower(line)):
            return j
    return None


def _banner_words(line: str) -> bool:
    """Cheap test for a classification word in an upper-case line (a banner glued to it)."""
    return (
        "SECRET" in line
        or "UNCLAS" in line
        or "CONFIDENTIAL" in line
        or "C O N F" in line
        or "S E C R" in line
        or "LIMITED OFF" in line
    )


def _add(block: list[Addressee], text: str) -> None:
    addressee = read_addressee(text)
    if addressee:
        block.append(addressee)


def _read_line(header: Header, line: str) -> str | None:
    """Record one header line; return its kind, or None when it is not a header line."""
    if TRANSMISSION.match(line):
        header.transmission = header.transmission or line
        return "transmission"
    match = ROUTING.match(line)
    if match:
        header.route_precedence = header.route_precedence or ROUTE_PRECEDENCE[match[1]]
        return "routing"
    if ROUTING_MORE.match(line) and header.route_precedence and not header.sender:
        return "routing"
    match = DE.match(line)
    if match:
        header.originator_route = header.originator_route or match[1]
        header.sequence = header.sequence or match[2]
        if match[3] and header.section is None:
            header.section = int(match[3])
        return "de"
    match = ZNY.match(line)
    if match:
        header.zny_class = header.zny_class or ZNY_CLASS.get(match[1])
        return "zny"
    if OFFICE_CODES.match(line) or PAGE.match(line) or DASHED.match(line) or NOTE.match(line):
        return "skip"
    match = PRINTOUT_CLASS.match(line)
    if match:
        header.printout_class = header.printout_class or match[1] or match[2]
        return "skip"
    dtg = read_dtg(line)
    if dtg:
        header.dtg = header.dtg or dtg
        return "dtg"
    match = FM.match(line)
    if (match and line.isupper()) or (match and "/" not in line and len(line) < 60):
        sender = match[1].strip().rstrip("/").strip()
        header.sender = header.sender or sender
        return "fm"
    if (TO.match(line) or INFO.match(line) or XMT.match(line)) and not has_lower(line):
        return "address"
    if BT.match(line):
        return "skip"
    return None
