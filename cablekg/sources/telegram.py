"""Raw telegram text files: UTF-8 or cp1252, CRLF, BOM, and the 5-line metadata header variant.

The variant starts with five lines of metadata before the telegram: reference id, subject, date
(`Wed May 17 00:00:00 +0200 2000`), classification and origin (`Consulate Ho Chi Minh City`).
They are taken out as source metadata; the date keeps its local day.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

from cablekg.model import Source
from cablekg.sources.base import Metadata, RawCable, Reject
from cablekg.sources.decode import Undecodable, decode

_ID_LINE = re.compile(r"^\s*\d{2}[A-Z][A-Z0-9]*\d+\s*$")
_DATE_LINE = re.compile(
    r"^\s*[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} \d\d:\d\d:\d\d [+-]\d{4} \d{4}\s*$"
)
FORMAT = "telegram-text"


def read_text_file(data: bytes, path: str | None) -> RawCable | Reject:
    try:
        text, repairs = decode(data)
    except Undecodable as error:
        return Reject(path=path, reason=str(error), offset=0)
    if not text or text.isspace():
        return Reject(
            path=path, reason="empty file" if not data else "no text (only blanks)", offset=0
        )
    text, meta = split_metadata_header(text)
    source = Source(format=FORMAT, path=path, sha256=hashlib.sha256(data).hexdigest())
    return RawCable(text=text, source=source, metadata=meta, repairs=tuple(repairs))


def split_metadata_header(text: str) -> tuple[str, Metadata]:
    """(telegram text, metadata) of a text that may start with the 5-line metadata header."""
    head = text.lstrip("\ufeff").split("\n", 5)
    if len(head) < 6 or not _ID_LINE.match(head[0]) or not _DATE_LINE.match(head[2]):
        return text, Metadata()
    stamp = datetime.strptime(head[2].strip(), "%a %b %d %H:%M:%S %z %Y")
    meta = Metadata(
        id=head[0].strip(),
        subject=head[1].strip() or None,
        date=stamp.strftime("%Y-%m-%dT00:00:00Z"),
        classification=head[3].strip() or None,
        origin=head[4].strip() or None,
    )
    return head[5], meta
