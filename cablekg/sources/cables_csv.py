"""The unofficial `cables.csv`: 8 columns (row id, created `M/D/YYYY H:MM`, reference id, origin,
classification, referenced ids, header, body), quotes inside fields escaped with a backslash, CRLF
line ends. The real file is 1.9 GB, so it is streamed line by line and never held whole.

Rows are found by their quoting: a row ends at a line end outside quotes. One known damage is a
body field that lost its closing quote; Python's csv module then reads on into the next row and
returns one row of 15 columns. Here a line that starts a new row (`"19","1/9/1985 15:30","...`)
inside an open field closes the damaged row instead, so both rows are read (and the repair is
recorded). A row whose column count is still not 8 is rejected with its row number and offset.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import BinaryIO

from cablekg.model import Source
from cablekg.parse.dumps import iso_date
from cablekg.sources.base import Metadata, RawCable, Reject

FORMAT = "cables-csv"
COLUMNS = 8
_ROW_START = re.compile(rb'^"\d+","\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}","')
_HEADER_ROW = re.compile(rb'^"?(?:id|row|rowid|#)"?,"?(?:date|created)"?,', re.I)
_ESCAPED = re.compile(rb"\\.")
_FIELD = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)("?)|([^,"]*)', re.S)
_UNESCAPE = re.compile(r"\\(.)", re.S)


def read_rows(
    stream: BinaryIO, path: str | None, *, rows_before: int = 0, offset: int = 0
) -> Iterator[RawCable | Reject]:
    """Every row of a cables.csv stream as a raw cable, or a reject naming its row and offset.

    A stream that starts mid-file (a split, see `split_points`) gives the rows and the byte offset
    before it, so rows and offsets are numbered as in the whole file.
    """
    row = rows_before
    for start, data, closed_early in _records(stream):
        if row == 0 and _HEADER_ROW.match(data):
            continue
        row += 1
        yield _row(data, path, row, offset + start, closed_early)


def split_points(stream: BinaryIO, rows: int) -> Iterator[tuple[int, int, int]]:
    """(byte offset, length, rows before) of consecutive splits of about `rows` records each,
    cut at record boundaries as `read_rows` finds them, for reading a big file in parallel."""
    start = count = before = 0
    end = 0
    for offset, data, _closed_early in _records(stream):
        if count == 0 and before == 0 and _HEADER_ROW.match(data):
            start = end = offset + len(data)
            continue
        if count == rows:
            yield start, offset - start, before
            start, before, count = offset, before + count, 0
        count += 1
        end = offset + len(data)
    if count:
        yield start, end - start, before


def _records(stream: BinaryIO) -> Iterator[tuple[int, bytes, bool]]:
    """(byte offset, bytes, closed early?) of each record.

    Most lines of a record are body text without a quote: they change no state and are only
    kept; offsets advance a record at a time."""
    offset = 0
    pending: list[bytes] = []
    inside = False
    for line in stream:
        if b'"' not in line:
            pending.append(line)
            if inside:
                continue
        else:
            if inside and line.startswith(b'"') and _ROW_START.match(line):
                record = b"".join(pending)
                yield offset, record, True
                offset += len(record)
                pending, inside = [], False
            pending.append(line)
            quotes = line.count(b'"') if b"\\" not in line else _ESCAPED.sub(b"", line).count(b'"')
            if quotes % 2:
                inside = not inside
            if inside:
                continue
        record = b"".join(pending)
        if record and not record.isspace():
            yield offset, record, False
        offset += len(record)
        pending = []
    record = b"".join(pending)
    if record and not record.isspace():
        yield offset, record, inside


def _row(
    data: bytes, path: str | None, row: int, offset: int, closed_early: bool
) -> RawCable | Reject:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    fields, unterminated = split_fields(text.rstrip("\r\n"))
    if len(fields) != COLUMNS:
        reason = f"cables.csv row has {len(fields)} columns, expected {COLUMNS}"
        return Reject(path=path, reason=reason, row=row, offset=offset)
    _row_id, created, ref_id, origin, classification, refs, header, body = fields
    repairs = ()
    if closed_early or unterminated:
        repairs = ("cables.csv body field lacked its closing quote; row closed at the next row",)
    meta = Metadata(
        id=ref_id.strip() or None,
        date=iso_date(created),
        classification=classification.strip() or None,
        origin=origin.strip() or None,
        references=tuple(r for r in refs.split("|") if r.strip()),
    )
    source = Source(format=FORMAT, path=path, row=row, sha256=hashlib.sha256(data).hexdigest())
    text = f"{header.rstrip()}\n\n{body}" if header.strip() else body
    return RawCable(text=text, source=source, metadata=meta, repairs=repairs)


def split_fields(line: str) -> tuple[list[str], bool]:
    """Fields of one record; True when the last quoted field has no closing quote."""
    fields: list[str] = []
    pos = 0
    end = len(line)
    unterminated = False
    while True:
        close = _closing_quote(line, pos) if line.startswith('"', pos) else -1
        if close > 0:  # the usual quoted field, found without the regular expression
            value = line[pos + 1 : close]
            fields.append(_unescape(value) if "\\" in value else value)
            unterminated = False
            pos = close + 1
        else:
            match = _FIELD.match(line, pos)
            if match[1] is not None:
                value = match[1]
                fields.append(_unescape(value) if "\\" in value else value)
                unterminated = not match[2]
            else:
                fields.append(match[3])
            pos = match.end()
        if pos >= end:
            break
        if line[pos] != ",":
            # Stray text after a closing quote: keep it with the field, as csv readers do.
            nxt = line.find(",", pos)
            nxt = end if nxt < 0 else nxt
            fields[-1] += line[pos:nxt]
            pos = nxt
            if pos >= end:
                break
        pos += 1
        if pos == end:
            fields.append("")
            break
    return fields, unterminated


def _closing_quote(line: str, opening: int) -> int:
    """Where the quoted field opening at `opening` closes (as `_FIELD` reads it: a quote after an
    even run of backslashes), or -1 when it does not."""
    start = opening + 1
    quote = line.find('"', start)
    while quote > 0:
        run = quote
        while run > start and line[run - 1] == "\\":
            run -= 1
        if (quote - run) % 2 == 0:
            return quote
        quote = line.find('"', quote + 1)
    return -1


def _unescape(value: str) -> str:
    """`value` with each backslash escape replaced by the character it escapes. In a quoted field
    every backslash escapes a character; without a double one, all backslashes simply go."""
    return _UNESCAPE.sub(r"\1", value) if "\\\\" in value else value.replace("\\", "")
