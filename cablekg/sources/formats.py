"""The input formats cablekg reads, and how each is recognised from content."""

from __future__ import annotations

import re
from enum import Enum


class InputFormat(Enum):
    """An input format with its record name, media type and usual file extension."""

    TELEGRAM = ("telegram-text", "text/plain", ".txt")
    CABLEGATE = ("cablegate-html", "text/html", ".html")
    CABLES_CSV = ("cables-csv", "text/csv", ".csv")

    def __init__(self, label: str, media_type: str, extension: str) -> None:
        self.label = label
        self.media_type = media_type
        self.extension = extension


_HTML = re.compile(rb"<(?:!doctype|html|head|body|table|pre|code|div|p|a)\b", re.I)
_CSV_ROW = re.compile(rb'^"?\d+"?,"?\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}"?,')
_CSV_HEADER = re.compile(rb'^"?(?:id|row|rowid|#)"?,"?(?:date|created)"?,', re.I)


def sniff(head: bytes) -> InputFormat:
    """The format of a file from its first bytes (a few kilobytes)."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<") and _HTML.search(text[:4096]):
        return InputFormat.CABLEGATE
    if b"<pre" in text[:65536].lower() and _HTML.search(text[:65536]):
        return InputFormat.CABLEGATE
    first = text.split(b"\n", 1)[0]
    if _CSV_ROW.match(first) or _CSV_HEADER.match(first):
        return InputFormat.CABLES_CSV
    return InputFormat.TELEGRAM
