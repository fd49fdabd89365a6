"""The telegram grammar, walked line by line: header, banner and preamble, body.

`read_parts(lines)` reads one cable text into `Parts`, the raw readings that `cablekg.parse`
turns into a `Cable`. The walk is a single pass over the lines with a small state (which
multi-line element is open); every element has its own reader module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Final

from cablekg.model import ClassifiedBy, Declassification, Paragraph
from cablekg.parse.banner import BANNER_ANYWHERE, Banner, read_banner
from cablekg.parse.caveats import edge_caveats, read_caveat_line
from cablekg.parse.classified_by import CLASSIFIED_LINE, read_classified_by
from cablekg.parse.cleanup import CONTINUATION, clean_body_line
from cablekg.parse.declass import DECL_LINE, eo_classifier, read_eo, read_instruction
from cablekg.parse.header import (
    OFFICE_CODES,
    Header,
    may_be_glued,
    read_header,
    split_glued,
)
from cablekg.parse.paragraphs import PARAGRAPH_START, read_paragraphs
from cablekg.parse.references import REF_LINE
from cablekg.parse.signature import split_signature, strip_end_markers
from cablekg.parse.tags import known_share, read_tags, tag_line_text
from cablekg.parse.text import is_upper, squash

SUBJECT_LINE: Final = re.compile(r"^\s*SUBJ(?:ECT)?\b\s*[:.]?\s*(.*)$", re.I)
_SUBJECT_MARKING: Final = re.compile(
    r"^\s*\((?:U|C|S|SBU|LOU|TS|FOUO|[A-Z]{1,4}/[A-Z]{1,4})\)\s*|(?<!\s)\s*\((?:U|C|S|SBU|LOU|TS)\)\s*$",
    re.I,
)
_SUMMARY_HEAD: Final = re.compile(r"^\s*(?:BEGIN\s+)?SUMMARY\b(?!\s+(?:OF|FOR)\b)", re.I)
_NOTE: Final = re.compile(
    r"^\s*(?:Declassified/Released|C\s?O\s?R\s?R\s?E\s?C\s?T\s?E\s?D\s+C\s?O\s?P\s?Y"
    r"|Original Telegram was|de-classified\s*$|Copy from the National Archives|RG \d+:|File:"
    r"|\d{4}-\d{2} Central Foreign Policy"
    r"|This record is a partial extract|-+\s*header ends|TelegramRestricted|Cable dated:)",
    re.I,
)
_SBU_NOTICE: Final = re.compile(r"^SENSITIVE BUT UNCLASSIFIED\b", re.I)
_SENSITIVE: Final = re.compile(r"\bSENSITIVE\b(?!\s+BUT\b)")
# The SBU notice run into a subject line that lost its line breaks ("SUBJECT: EGYPT'S 55th BIRD
# FLU VICTIM, ANOTHER CHILD Sensitive but Unclassified. Please handle accordingly. (SBU) On ..."),
# its request whole: a subject may be about "SENSITIVE BUT UNCLASSIFIED INFORMATION"
_NOTICE_INSIDE: Final = re.compile(
    r"\sSENSITIVE BUT UNCLASSIFIED[\s.,;:-]+PLEASE (?:HANDLE|PROTECT) ACCORDINGLY\b\.?", re.I
)
_DASHES: Final = re.compile(r"^[\s\-=_*]{3,}$")
# First characters of lines that are prose for sure (none of the special lines starts so).
_PROSE_FIRST: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789¶-'")
# A body line that may be more than text: a restart, office codes, a page mark, a late
# Classified By. Prose lines (most of them) skip those checks.
_SPECIAL: Final = re.compile(
    r"[\s\",]*(?:VZCZC|ACTION\s|INFO\s|[ZOPR]\s|FM\s|DE\s|PAGE\s|BT\s*$|NNNN|#\d|ZZ\s*$|\(|"
    r"(?:S\s?|C\s?)?(?:C\s?O\s?N|S\s?E\s?C|U\s?N\s?C|T\s?O\s?P|LIMITED|CLASSIFIED)|[A-Z]+-\d\d"
    r"|S e c|C o n|Unclas|Secret|Confidential|Classified)"
)
# A body line that may open a repeated section header (checked by `_section_restart`).
_RESTART: Final = re.compile(
    r"^(?:VZCZC|(?:ACTION|INFO)\s+[A-Z]+-\d\d|[ZOPR](?:\s[ZOPR])?\s\d{6}Z\s|FM\s+[A-Z]{2,}\s[A-Z]|DE\s+R[A-Z]{3})"
)
# Where a preamble line that lost its breaks is cut again. Every cut starts at a space, at the
# first letter of a keyword or after SIPDIS: the first line skips all other places at once.
_PREAMBLE_CUTS: Final = re.compile(
    r"(?:(?=[\sETASRC])|(?<=SIPDIS))(?:"
    r"(?<=\S)\s*(?=E\.\s?O\.\s?\d{5}\b)"
    r"|(?<=\S)\s+(?=T?AGS\s*:)"
    r"|(?<=[a-z0-9)\].,;\"])(?=TAGS\s*:)"
    r"|(?<=\S)\s+(?=SUBJ(?:ECT)?\s*:)"
    r"|(?<=\S)\s+(?=REFS?\s*:)"
    r"|(?<=[0-9a-z)\].,;\"])(?=REFS?\s*:)"
    r"|(?<=\S)\s+(?=CLASSIFIED\s+BY\b)"
    r"|(?<=\S)\s+(?=Classified\s+By\b)"
    r"|(?<=[0-9A-Z])(?=SIPDIS)"
    r"|(?<=SIPDIS)(?=\S)"
    r"|(?<=SIPDIS)\s+(?=\S)"
    r"|(?<=\S)\s+(?=\d{1,2}\.\s?\((?:U|C|S|SBU|TS|LOU)(?:/{1,2}[A-Z]{2,6})?\)\s+[A-Z\"(]))",
)
# Cheap test before `_PREAMBLE_CUTS` (searched from the line's second character): every cut
# comes before one of these keywords, or after SIPDIS. The `AGS` of a line's own `TAGS:` is none.
_CUTS_HINT: Final = re.compile(
    r"E\.\s?O\.\s?\d|(?<!^T)AGS\s*:|SUBJ|REFS?\s*:|CLASSIFIED\s+BY|Classified\s+By|SIPDIS"
    r"|\s\d{1,2}\.\s?\((?:U|C|S|SBU|TS|LOU)\b"
)
_BANNER_WORD: Final = re.compile(
    r"[\s\",]*(?:S\s?|C\s?)?(?:C\s?O\s?N\s?F|S\s?E\s?C\s?R|U\s?N\s?C\s?L|T\s?O\s?P|LIMITED)", re.I
)
_BANNER_ANY_WORD: Final = re.compile(r"C\s?O\s?N\s?F|S\s?E\s?C\s?R\s?E\s?T|UNCLAS", re.I)
_CUT_HINT: Final = re.compile(
    r"E\.\s?O\.|AGS|SUBJ|REF|CLASSIFIED|Classified|SIPDIS"
    r"|C O N F|S E C R|UNCLAS|CONFIDENTIAL|SECRET"
)
# A first paragraph run into a line before it: "REF: B) TRIPOLI 480  1. (U) The Government ..."
# (looked for only where ".(" or ". (" is in the line: a search at every position costs)
_GLUED_PARAGRAPH: Final = re.compile(r"[\w.,;:)\]\"]\s+\d{1,2}\.\s?\((?:U|C|S|SBU|TS|LOU)\b")
_LABEL_START: Final = re.compile(r"^\s*(?:¶\s?|1(?=[A-Z][.)]))?(?:\([A-Z]\)|\[[A-Z]\]|[A-Z][.)])\s")


def _body_marking(words: int) -> re.Pattern[str]:
    """A portion marking followed by prose (two lower-case words in a row) within `words`."""
    return re.compile(
        r"(?<![\w(])(?:\d{1,2}[.,]\s?)?\((?P<mark>U|C|S|SBU|TS|LOU)(?P<caveat>/{1,2}[A-Z]{2,6})?\)\s+"
        rf"(?=[A-Z\"]\S*(?:\s+\S+){{0,{words - 1}}}?\s+[a-z]{{2,}}[,;]?\s+[a-z]{{2,}}\b)"
    )


# A body that lost its line break after REF or Classified By starts at a portion marking followed
# by prose: "STATE 43799 (SBU) Poloff delivered reftel ...", "reasons 1.4 (b) and (d). (C) Poloff
# discussed ...", with its number if it has one. The prose must come within ten words in a REF,
# which a REF item labelled (C) ("(C) STATE 1234") has not; within twenty after Classified By,
# where no item is labelled ("(C) On June 7, Egyptian Initiative for Personal Rights Executive
# Director Hossam Bahgat confirmed for us ...").
_BODY_MARKING: Final = {"refs": _body_marking(10), "classified": _body_marking(20)}
# or at a numbered portion marking that ends the line, the paragraph's text on the next line
# ("REF: VILNIUS 663 1. (SBU)"): REF items are never numbered and marked so
_NUMBERED_MARKING_END: Final = re.compile(
    r"(?<![\w(])\d{1,2}\.\s?\((?:U|C|S|SBU|TS|LOU)(?:/{1,2}[A-Z]{2,6})?\)$"
)
_EO_FULL: Final = re.compile(r"\d{5}\s*:|DECL|N/A|OADR", re.I)
_LEADING: Final = re.compile(r"^(?:OF|ON|AND|TO|FOR|IN|WITH|AT|BY|FROM|OR|THE|ITS|AS)\b", re.I)
_DANGLING: Final = re.compile(
    r"\b(?:OF|ON|AND|THE|TO|FOR|IN|WITH|A|AN|AT|BY|FROM|OR|ITS|AS)\s*$|[,:;/-]\s*$", re.I
)


@dataclass
class Parts:
    """What one cable text says, element by element, before normalisation into a Cable."""

    header: Header = field(default_factory=Header)
    banner: Banner | None = None
    caveats: list[str] = field(default_factory=list)
    office_lines: list[str] = field(default_factory=list)
    declassification: Declassification | None = None
    tags: list[str] = field(default_factory=list)
    subject: str | None = None
    ref_text: str | None = None
    classified_by: ClassifiedBy | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    signers: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    sensitive: bool = False  # a bare SENSITIVE marking: Cablegate's UNCLASSIFIED//FOUO

    @property
    def body_size(self) -> int:
        return sum(len(p.text) for p in self.paragraphs)


def read_parts(lines: list[str]) -> Parts:
    """Read one cable text (normalised lines) into its parts."""
    parts = Parts()
    lines = _unglue_head(lines, parts.repairs)
    header, i = read_header(lines)
    parts.header = header
    parts.repairs.extend(header.repairs)
    i = _read_preamble(lines, i, parts)
    _read_body(lines[i:], parts)
    return parts


def _unglue_head(lines: list[str], repairs: list[str]) -> list[str]:
    """Split header and preamble lines that lost their line breaks (only before the body)."""
    out: list[str] = []
    for n, line in enumerate(lines):
        if n > 100 or (n > 8 and line[:1] in "¶123456789" and PARAGRAPH_START.match(line)):
            out.extend(lines[n:])
            break
        glued = may_be_glued(line)
        marked = (".(" in line or ". (" in line) and _GLUED_PARAGRAPH.search(line)
        if len(line) < 8 or not (glued or marked or _CUT_HINT.search(line, 1)):
            out.append(line)  # the usual line: no keyword but at its start, nothing to cut
            continue
        pieces = split_glued(line) if glued else [line]
        if len(pieces) > 1:
            repairs.append("split header line that lost its line breaks")
        for piece in pieces:
            cut = _cut_preamble(piece)
            if len(cut) > 1:
                repairs.append("split preamble line that lost its line breaks")
            out.extend(cut)
    return out


def _cut_preamble(line: str) -> list[str]:
    """A preamble line cut where its fields (banner, E.O., TAGS, SUBJECT ...) were run together."""
    if len(line) < 8:
        return [line]
    hint = _CUT_HINT.search(line)
    alone = not hint or (hint.start() == 0 and not _CUT_HINT.search(line, hint.end()))
    if alone and not _GLUED_PARAGRAPH.search(line):
        return [line]  # no field keyword, or just the one the line starts with
    head: list[str] = []
    banner = read_banner(line)
    if banner is None and _BANNER_ANY_WORD.search(line):
        inside = BANNER_ANYWHERE.search(line)
        if inside and inside.start() > 0 and line[inside.start() - 1] in ' \t:,"0123456789':
            head, line = [line[: inside.start()].rstrip()], line[inside.start() :]
            banner = read_banner(line)
    if banner and banner.rest:
        cut_at = line.rfind(banner.rest)
        head, line = [*head, line[:cut_at].rstrip()], line[cut_at:]
    if "SIPDIS" in line or _CUTS_HINT.search(line, 1):
        pieces = [p.strip() for p in _PREAMBLE_CUTS.split(line) if p and p.strip()]
    else:
        pieces = [line.strip()] if line.strip() else []
    return head + pieces if pieces else head or [line]


def _read_preamble(lines: list[str], i: int, parts: Parts) -> int:
    """Read banner, caveats, office lines, E.O., TAGS, SUBJECT, REF and Classified By."""
    state: str | None = None
    subject: list[str] = []
    refs: list[str] = []
    classified: list[str] = []
    tag_lines: list[str] = []
    seen_fields = False
    while i < len(lines):  # lines may be cut in two as they are read
        line = lines[i]
        text = line.strip()
        if not text:
            if state == "subject" and _subject_goes_on(lines, i, subject):
                parts.repairs.append("joined subject split by a blank line")
                i = _next_filled(lines, i)
                continue
            if state == "refs" and _refs_go_on(lines, i, refs):
                i = _next_filled(lines, i)
                continue
            state = None if state != "eo" else state
            i += 1
            continue
        if _NOTE.match(text) or (_DASHES.match(text) and state is None and not seen_fields):
            i += 1
            continue
        banner = read_banner(text)
        if banner:
            if parts.banner is None:
                parts.banner = banner
                parts.caveats.extend(banner.marks)
                rest = read_caveat_line(banner.rest) if banner.rest else None
                parts.caveats.extend(rest[0] if rest else ())
                parts.sensitive = bool(_SENSITIVE.search(text))
            state = None
            i += 1
            continue
        caveats = read_caveat_line(text)
        if not caveats and _SBU_NOTICE.match(text):
            caveats = (["SBU"], [])  # SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY
        if caveats and (state not in ("subject", "refs", "classified") or _SBU_NOTICE.match(text)):
            parts.sensitive = parts.sensitive or bool(_SENSITIVE.search(text))
            parts.caveats.extend(caveats[0])
            parts.repairs.extend(caveats[1])
            i += 1
            continue
        eo = read_eo(text)
        if eo and (
            parts.declassification is None or (eo.order and not parts.declassification.order)
        ):
            parts.declassification = eo
            parts.classified_by = parts.classified_by or eo_classifier(text)
            seen_fields = True
            state = "eo" if eo.date is None and eo.instruction is None else None
            i += 1
            continue
        decl = DECL_LINE.match(text) if state == "eo" else None
        if decl and parts.declassification:
            order = parts.declassification.order
            parts.declassification = read_instruction(decl[0], order)
            state = None
            i += 1
            continue
        tags_text = tag_line_text(text)
        if tags_text is not None:
            tag_lines.append(tags_text)
            seen_fields = True
            state = "tags"
            i += 1
            continue
        match = SUBJECT_LINE.match(text)
        if match and (parts.subject is None and not subject):
            notice = _NOTICE_INSIDE.search(match[1])
            if notice:  # the subject, the SBU notice and the body on one line
                repair = "split the SBU notice and the body from the subject line"
                _split_line(lines, i, match[1], (notice.start(), notice.end()), repair, parts)
                continue
            subject = [match[1]]
            seen_fields = True
            state = "subject"
            i += 1
            continue
        match = REF_LINE.match(text)
        if match and not refs and (seen_fields or parts.banner):
            if _cut_body(lines, i, match[1], "refs", parts):
                continue
            refs = [match[1]]
            state = "refs"
            i += 1
            continue
        match = CLASSIFIED_LINE.match(text)
        if match and not classified:
            if _cut_body(lines, i, match[1], "classified", parts):
                continue
            classified = [match[1]]
            state = "classified"
            i += 1
            continue
        if PARAGRAPH_START.match(text) or _SUMMARY_HEAD.match(text):
            break
        if state == "subject" and (
            not _is_field(text) or (read_eo(text) and not _EO_FULL.search(text))
        ):
            subject.append(text)
            i += 1
            continue
        if _is_page_line(text):
            parts.repairs.append("removed page-break line")
            i += 1
            continue
        if state in ("refs", "classified"):
            before = " ".join(refs) if state == "refs" else ""  # a (C) after item B is item C
            start = _cut_body(lines, i, text, state, parts, before)
            if start == 0:
                break  # the body right after the field, with no blank line between
            if start:
                continue
        if state == "refs":
            refs.append(text)
            i += 1
            continue
        if state == "classified" and len(classified) < 4:
            classified.append(text)
            i += 1
            continue
        if state == "tags" and _tags_continue(text):
            tag_lines[-1] += " " + text
            i += 1
            continue
        if not seen_fields and not subject and (_office_line(text) or _field_follows(lines, i + 1)):
            office, marks = edge_caveats(text)
            parts.sensitive = parts.sensitive or ("SBU" in marks and bool(_SENSITIVE.search(text)))
            if office:
                parts.office_lines.append(office)
            parts.caveats.extend(marks)
            i += 1
            continue
        break
    _finish_preamble(parts, subject, refs, classified, tag_lines)
    return i


def _finish_preamble(parts: Parts, subject, refs, classified, tag_lines) -> None:
    if subject:
        text = _without_page_lines(squash(" ".join(subject)))
        parts.subject = _SUBJECT_MARKING.sub("", text).strip() or None
    if refs:
        parts.ref_text = _without_page_lines(squash(" ".join(refs)))
    if classified:
        parts.classified_by = read_classified_by(" ".join(classified))
    if tag_lines:
        best = tag_lines[0]
        if len(tag_lines) > 1:
            best = max(tag_lines, key=known_share)
            parts.repairs.append("dropped garbled duplicate TAGS line")
        tags, repairs = read_tags(best)
        parts.tags = tags
        parts.repairs.extend(repairs)


def _without_page_lines(text: str) -> str:
    """A preamble field without page-continuation fragments (`TRIPOLI 00000868 001.2 OF 002`)."""
    if " OF " not in text:
        return text
    return squash(clean_body_line(text, []) or "")


def _next_filled(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _is_field(text: str) -> bool:
    return bool(
        REF_LINE.match(text) or CLASSIFIED_LINE.match(text) or tag_line_text(text) is not None
        or read_eo(text) or PARAGRAPH_START.match(text) or _SUMMARY_HEAD.match(text)
    )  # fmt: skip


def _subject_goes_on(lines: list[str], i: int, subject: list[str]) -> bool:
    """A subject split by a blank line: the next line carries on an unfinished subject.

    It does when the subject so far ends with a word that needs a follower (`OF`, `AND`, a comma),
    when the next line starts with or ends with such a word, or when the next line stands alone
    between the subject and the next field (`REF:`, `Classified By`, `¶1.`).
    """
    j = _next_filled(lines, i)
    while j < len(lines) and _is_page_line(lines[j]):
        j = _next_filled(lines, j + 1)
    if j >= len(lines) or not subject:
        return False
    following = lines[j].strip()
    if (
        _is_field(following)
        or read_banner(following)
        or _NOTE.match(following)
        or _DASHES.match(following)
    ):
        return False
    last = subject[-1]
    if len(following) > 200 or (_letters(following) and is_upper(last) != is_upper(following)):
        return False
    if _DANGLING.search(last) or _LEADING.match(following) or _DANGLING.search(following):
        return True
    if len(" ".join(subject).split()) <= 2:
        return True  # a subject of a word or two was cut short
    k = _next_filled(lines, j + 1)
    while k < len(lines) and _is_page_line(lines[k]):
        k = _next_filled(lines, k + 1)
    after = lines[k].strip() if k < len(lines) else ""
    return bool(after) and _is_field(after)


def _letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _is_page_line(line: str) -> bool:
    """A page-continuation line (`NAIROBI 00001373 001.4 OF 004`)."""
    return bool(CONTINUATION.search(line)) and len(line.strip()) < 60


def _body_start(text: str, field: str, before: str = "") -> int | None:
    """Where a body that lost its line break starts in the text of a field (`refs` or
    `classified`), if it does; `before` is the REF text of earlier lines (after item B, a (C)
    is item C, no marking)."""
    if "(" not in text:
        return None
    for match in _BODY_MARKING[field].finditer(text):
        mark, start = match["mark"], match.start()
        if len(mark) > 1 or match["caveat"] or not _labelled(f"{before} {text[:start]}", mark):
            return start
    ending = _NUMBERED_MARKING_END.search(text) if text.endswith(")") else None
    return ending.start() if ending else None


def _cut_body(
    lines: list[str], i: int, field_text: str, field: str, parts: Parts, before: str = ""
) -> int | None:
    """Where a body starts in the REF or Classified By text ending line `i` (`_body_start`);
    past its start, the line is cut there, the body following after a blank line, as before its
    break was lost."""
    start = _body_start(field_text, field, before)
    if start:
        repair = "split the body from a preamble line that lost its line break"
        _split_line(lines, i, field_text, (start,), repair, parts)
    return start


def _split_line(
    lines: list[str], i: int, field_text: str, cuts: tuple[int, ...], repair: str, parts: Parts
) -> None:
    """Cut line `i` at `cuts` (offsets into the field text that ends it) into lines of their
    own, a blank line before the last piece (the body), which is left out when empty."""
    line = lines[i].rstrip()
    at = [len(line) - len(field_text.rstrip()) + cut for cut in cuts]
    pieces = [line[: at[0]].rstrip(), *(line[a:b].strip() for a, b in pairwise(at))]
    body = line[at[-1] :].strip()
    lines[i : i + 1] = [*pieces, "", body] if body else [*pieces, ""]
    parts.repairs.append(repair)


def _labelled(text: str, letter: str) -> bool:
    """Whether a REF text has the item label before `letter` ("B." or "(B)" before C)."""
    previous = chr(ord(letter) - 1)
    return bool(re.search(rf"(?:^|\s|\(|\[|¶|1){previous}[.)\]]", text))


def _refs_go_on(lines: list[str], i: int, refs: list[str]) -> bool:
    """A REF block goes on after a blank line when the next item is labelled in sequence.

    The label must be `A` or `B`, or follow a label the block already has: `(U) Econ Off
    delivered ...` after `Ref: STATE 66814` is the body's portion marking, not item U.
    """
    j = _next_filled(lines, i)
    if j >= len(lines) or PARAGRAPH_START.match(lines[j]):
        return False
    label = _LABEL_START.match(lines[j])
    if not label:
        return False
    letter = next(c for c in label[0] if c.isalpha() and c.isupper())
    return letter in "AB" or _labelled(" ".join(refs), letter)


def _tags_continue(text: str) -> bool:
    tokens = text.replace(",", " ").replace(";", " ").split()
    return bool(tokens) and len(text) < 80 and is_upper(text) and known_share(text) >= 0.5


def _field_follows(lines: list[str], start: int, window: int = 8) -> bool:
    """Whether E.O., TAGS or SUBJECT comes within a few lines (so the lines before are offices)."""
    seen = 0
    for j in range(start, len(lines)):
        text = lines[j].strip()
        if not text:
            continue
        if read_eo(text) or tag_line_text(text) is not None or SUBJECT_LINE.match(text):
            return True
        if PARAGRAPH_START.match(text) or _SUMMARY_HEAD.match(text):
            return False
        seen += 1
        if seen >= window:
            return False
    return False


def _office_line(text: str) -> bool:
    """An action-office line (`DEPARTMENT FOR NEA/ARP`): mostly upper case, not prose."""
    if len(text) > 400:
        return False
    letters = "".join(filter(str.isalpha, text))
    return bool(letters) and sum(map(str.isupper, letters)) / len(letters) > 0.6


def _read_body(lines: list[str], parts: Parts) -> None:
    """Paragraphs and signature of the body; a late Classified By line is taken too."""
    cleaned: list[str] = []
    repairs: list[str] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if not line or line.isspace():
            cleaned.append("")
            i += 1
            continue
        special = line[0] not in _PROSE_FIRST and _SPECIAL.match(line) is not None
        if special:
            resume = _section_restart(lines, i)
            if resume > i:
                repairs.append("skipped a repeated section header")
                i = resume
                continue
            if OFFICE_CODES.match(line.strip()):
                i += 1
                continue
            near_top = parts.classified_by is None and len(cleaned) < 15
            classified = CLASSIFIED_LINE.match(line) if near_top else None
            if classified:
                parts.classified_by = read_classified_by(classified[1])
                i += 1
                continue
        i += 1
        if special or not (  # a prose line without any debris `clean_body_line` removes
            " OF " not in line and "PAGE " not in line and "\\" not in line and "$" not in line
        ):
            kept = clean_body_line(line, repairs, special)
        else:
            kept = line
        if kept is not None:
            cleaned.append(kept)
    parts.repairs.extend(dict.fromkeys(repairs))
    while cleaned and not cleaned[-1].strip():
        cleaned.pop()
    while cleaned:
        cleaned[-1], removed = strip_end_markers(cleaned[-1])
        if not removed:
            break
        parts.repairs.append("removed end-of-cable marker")
        while cleaned and not cleaned[-1].strip():
            cleaned.pop()
    standalone = len(cleaned) > 1 and not PARAGRAPH_START.match(cleaned[-1])
    signers: list[str] = []
    if standalone:
        _rest, signers = split_signature(
            cleaned[-1], standalone=True, after_sentence=_sentence_done(cleaned[-2])
        )
        if signers:
            cleaned.pop()
    read = read_paragraphs(cleaned)
    paragraphs = read.paragraphs
    parts.repairs.extend(dict.fromkeys(read.repairs))
    if not signers and paragraphs:
        last = paragraphs[-1]
        text, signers = split_signature(last.text, standalone=False)
        if signers:
            paragraphs[-1] = Paragraph(text=text, number=last.number, marking=last.marking)
    parts.paragraphs = paragraphs
    parts.signers = signers


def _sentence_done(line: str) -> bool:
    """Whether a line ends its text, so a last line after it that needs its debris taken off
    may be a name (`... cleared by EUR` + `Stephens.` carries on the sentence)."""
    end = line.rstrip()[-1:]
    return not end or not (end.isalnum() or end in ",;(&")


def _section_restart(lines: list[str], i: int) -> int:
    """Where the body resumes when a later section repeats the header and banner at line `i`.

    Printouts and multi-section telegrams repeat the header (`INFO LOG-00 ...`, `O 031203Z JUL 01`,
    `FM ...`) and the banner with its preamble before each section. The repeat counts only when
    a banner follows; otherwise `i` is returned unchanged.
    """
    text = lines[i].strip()
    if not (
        _RESTART.match(text) or (len(text) < 160 and _BANNER_WORD.match(text) and read_banner(text))
    ):
        return i
    pieces: list[str] = []
    k = i
    while k < len(lines) and k < i + 60:
        pieces.extend(split_glued(lines[k].strip()) if lines[k].strip() else [""])
        if read_banner(lines[k].strip()) or (pieces and read_banner(pieces[-1])):
            break
        k += 1
    else:
        return i
    _header, j = read_header(pieces)
    if j >= len(pieces) or not read_banner(pieces[j]):
        return i
    scratch = Parts()
    end = _read_preamble(pieces + [line for line in lines[k + 1 : k + 60]], j, scratch)
    consumed = end - len(pieces)  # lines of `lines` after the banner that the preamble used
    return k + 1 + max(consumed, 0)
