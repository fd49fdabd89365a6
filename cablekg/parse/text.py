"""Text normalisation shared by all readers: one clean list of lines per cable."""

from __future__ import annotations

import re

# Characters that carry no text: controls other than newline, BOMs and zero-width marks.
_JUNK = {c: None for c in range(32) if c not in (9, 10)}
_JUNK.update({0x7F: None, 0xFEFF: None, 0x200B: None, 0x200C: None, 0x200D: None, 0x00AD: None})
_JUNK.update({0x09: " ", 0xA0: " ", 0x2007: " ", 0x202F: " "})

# Database dumps pasted into Cablegate pages end their lines with a backslash continuation.
_TRAILING_BACKSLASH = re.compile(r"\s*\\$")


def normalise(text: str) -> list[str]:
    """Lines of `text` without line-end variants, control characters or trailing blanks."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_JUNK)
    lines = text.split("\n")
    return [_TRAILING_BACKSLASH.sub("", line).rstrip() for line in lines]


def squash(text: str) -> str:
    """Collapse runs of whitespace to single spaces."""
    return " ".join(text.split())


def is_upper(text: str) -> bool:
    """True when `text` has letters and none of them is lower case."""
    return any(c.isalpha() for c in text) and not any(c.islower() for c in text)
