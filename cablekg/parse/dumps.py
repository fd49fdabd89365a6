"""Database records pasted into a cable's text, taken out and kept as embedded metadata.

Some Cablegate pages carry, inside their text, the cable's row from a database dump: a
`cables.csv` row (comma- or tab-separated, or space-separated when the line breaks were lost),
a `key: value` block (`id:`, `date:`, `refid:`, `origin:`, `classification:`, `header:`), or the
same fields one per line. The record's fields are not cable text; they are returned as metadata
found in the text (a weaker witness than the telegram grammar) and their lines are removed.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Final

from cablekg.sources.base import Metadata

_CLASSES: Final = (
    r"UNCLASSIFIED//FOR OFFICIAL USE ONLY|UNCLASSIFIED|LIMITED OFFICIAL USE|CONFIDENTIAL//NOFORN"
    r"|CONFIDENTIAL|SECRET//NOFORN|SECRET|TOP SECRET"
)
_DATE: Final = (
    r"\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}|\d{4}-\d\d-\d\d(?: \d\d:\d\d(?::\d\d)?)?"
    r"|\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}:\d{2}"
)
ROW: Final = re.compile(
    rf"^[\s\",]*(?:(?P<rowid>\d{{1,7}})\"?[\t, ]+\"?)?(?P<date>{_DATE})\"?[\t, ]+"
    r"\"?(?P<id>\d{2}[A-Z][A-Z0-9]*\d)\"?"
    rf"[\t, ]+\"?(?P<origin>[^\"\t,]{{1,60}}?)\"?[\t, ]+\"?(?P<cls>{_CLASSES})\"?[\t, ]+\"?"
    r"(?P<refs>(?:\d{2}[A-Z][A-Z0-9]*\d+[| ]?)*)\"?(?:[\t, ]+\"?|$)(?P<rest>.*)$"
)
_ROW_START: Final = re.compile(
    rf"^[\s\",]*\d{{1,7}}\"?[\t, ]+\"?(?:{_DATE})\"?[\t, ]+\"?\d{{2}}[A-Z]"
)
_KEY: Final = re.compile(
    r"^(id|date|refid|origin|classification|destination|header|body|tags|subject):\s?(.*)$"
)
_ALONE_DATE: Final = re.compile(rf"^\s*({_DATE})\s*$")
_ALONE_ID: Final = re.compile(r"^\s*(\d{2}[A-Z][A-Z0-9]*\d)\s*$")
_ALONE_CLASS: Final = re.compile(rf"^\s*({_CLASSES})\s*$")
_ALONE_NUMBER: Final = re.compile(r"^\s*\d{1,7}\s*$")
_ALONE_REFS: Final = re.compile(r"^\s*(?:\d{2}[A-Z][A-Z0-9]*\d+\|?)+\s*$")
_ORIGIN: Final = re.compile(
    r"^\s*(?:Embassy|Consulate|US |USUN|UNVIE|Mission|Secretary|Iran|American|REO|PRT|USEU)\b"
    r".{0,50}$"
)


def take_dumps(lines: list[str]) -> tuple[list[str], list[Metadata]]:
    """Lines without embedded database records, and the records found."""
    if not _worth_looking(lines):
        return lines, []
    found: list[Metadata] = []
    out: list[str] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        match = ROW.match(line) if len(line) > 20 and line[:12].strip(' ",')[:1].isdigit() else None
        if not match and i + 1 < n and _ROW_START.match(line):
            joined = f"{line} {lines[i + 1]}"  # a quoted field broke the row over two lines
            match = ROW.match(joined)
            if match:
                i += 1
        if match:
            found.append(
                _meta(match["id"], match["date"], match["origin"], match["cls"], match["refs"])
            )
            rest = match["rest"].strip().lstrip('"')
            if rest:
                out.append(rest)
            i += 1
            continue
        if _KEY.match(line) and line.startswith(("id:", "date:", "refid:")):
            record, i = _key_block(lines, i)
            if record:
                found.append(record)
                continue
            out.append(line)
            i += 1
            continue
        if _ALONE_DATE.match(line) or _ALONE_NUMBER.match(line):
            record, j = _field_lines(lines, i)
            if record:
                found.append(record)
                i = j
                continue
        out.append(line)
        i += 1
    return out, found


# Every record has `id:`/`refid:`/`date:` keys, or a date alone on its line, or a date followed
# by the cable's id. The lookahead takes only lines whose first character can start a record.
_HINT: Final = re.compile(
    r"^(?=[0-9 \t\",idr])(?:id:|date:|refid:|[\s\",]*(?:\d{1,7}[\"\t, ]+)?\"?"
    r"(?:\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}-\d\d-\d\d)(?:[\d: ]*$|[\d: ]*[\"\t, ]+\"?\d\d[A-Z]))",
    re.M,
)


def _worth_looking(lines: list[str]) -> bool:
    """Cheap test: does any line look like the start of a record (they all carry a date)?"""
    return any(map(_HINT.match, lines))


def _key_block(lines: list[str], i: int) -> tuple[Metadata | None, int]:
    values: dict[str, str] = {}
    j = i
    while j < len(lines):
        match = _KEY.match(lines[j])
        if not match or match[1] in ("header", "body"):
            if match:
                j += 1
            break
        values[match[1]] = match[2].strip()
        j += 1
    if "refid" not in values and "date" not in values:
        return None, i
    record = _meta(
        values.get("refid"),
        values.get("date"),
        values.get("origin"),
        values.get("classification"),
        "",
    )
    return record, j


def _field_lines(lines: list[str], i: int) -> tuple[Metadata | None, int]:
    """`24576 / 2004-12-23 / 04THEHAGUE3333 / Embassy The Hague / CONFIDENTIAL`, one per line."""
    values: dict[str, str] = {}
    j = i
    filled = 0
    while j < len(lines) and filled < 7:
        text = lines[j].strip()
        j += 1
        if not text:
            continue
        filled += 1
        if "date" not in values and _ALONE_DATE.match(text):
            values["date"] = text
        elif "id" not in values and _ALONE_ID.match(text):
            values["id"] = text
        elif "rowid" not in values and "date" not in values and _ALONE_NUMBER.match(text):
            values["rowid"] = text
        elif "origin" not in values and _ORIGIN.match(text):
            values["origin"] = text
        elif "cls" not in values and _ALONE_CLASS.match(text):
            values["cls"] = text
        elif _ALONE_REFS.match(text):
            values["refs"] = text
        else:
            j -= 1
            break
    if not ("date" in values and "id" in values and ("origin" in values or "cls" in values)):
        return None, i
    return _meta(
        values["id"],
        values["date"],
        values.get("origin"),
        values.get("cls"),
        values.get("refs", ""),
    ), j


def _meta(cable_id, date, origin, classification, refs) -> Metadata:
    return Metadata(
        id=cable_id or None,
        date=iso_date(date),
        origin=(origin or "").strip() or None,
        classification=(classification or "").strip() or None,
        references=tuple(r for r in re.split(r"[| ]+", refs or "") if r),
    )


_US_DATE_TIME: Final = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}) (\d{1,2}):(\d\d)", re.ASCII)


def iso_date(text: str | None) -> str | None:
    """`6/16/2006 16:39`, `2006-06-16 16:39:00` or `2006-06-16` as ISO 8601 UTC."""
    if not text:
        return None
    text = text.strip()
    usual = _US_DATE_TIME.fullmatch(text)
    if usual:  # the cables.csv form, without the cost of `strptime`; checked the same way
        month, day, year, hour, minute = map(int, usual.groups())
        try:
            return datetime(year, month, day, hour, minute).strftime("%Y-%m-%dT%H:%M:00Z")
        except ValueError:
            pass
    for fmt in (
        "%m/%d/%Y %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d",
        "%m/%d/%Y",
        "%m.%d.%Y %H:%M",
    ):
        try:
            return datetime.strptime(text, fmt).strftime("%Y-%m-%dT%H:%M:00Z")
        except ValueError:
            continue
    return None
