"""Text normalisation shared by all readers: one clean list of lines per cable."""

from __future__ import annotations

import re
from typing import Final

# Characters that carry no text (controls other than newline, BOMs, zero-width marks), and spaces
# that are not plain spaces.
_JUNK: Final = re.compile("[\x00-\x09\x0b-\x1f\x7f\u00a0\u00ad\u2007\u200b-\u200d\u202f\ufeff]")
# `_JUNK`'s characters that Latin-1 has, as bytes.
_LATIN1_JUNK: Final = bytes([*range(0x00, 0x0A), *range(0x0B, 0x20), 0x7F, 0xA0, 0xAD])
_SPACES: Final = frozenset("\t\u00a0\u2007\u202f")

# Database dumps pasted into Cablegate pages end their lines with a backslash continuation.
_TRAILING_BACKSLASH: Final = re.compile(r"(?<!\s)\s*\\$")


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group() in _SPACES else ""


def _may_have_junk(text: str) -> bool:
    """False when `text` surely has no `_JUNK` character. Most texts are Latin-1: as bytes, they
    are checked several times faster than the regular expression scans them."""
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        return True
    return len(data.translate(None, _LATIN1_JUNK)) != len(data)


def normalise(text: str) -> list[str]:
    """Lines of `text` without line-end variants, control characters or trailing blanks."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    if _may_have_junk(text):
        text = _JUNK.sub(_replacement, text)
    lines = text.split("\n")
    if "\\\n" in text or text.endswith("\\"):
        return [_TRAILING_BACKSLASH.sub("", line).rstrip() for line in lines]
    return list(map(str.rstrip, lines))


def squash(text: str) -> str:
    """Collapse runs of whitespace to single spaces."""
    return " ".join(text.split())


def is_upper(text: str) -> bool:
    """True when `text` has letters and none of them is lower case."""
    return text.isupper()


def has_lower(text: str) -> bool:
    """True when some letter of `text` is lower case."""
    return text != text.upper()
