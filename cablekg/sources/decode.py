"""Bytes to text: UTF-8, UTF-16 or cp1252, with or without a byte order mark."""

from __future__ import annotations

import codecs
import re

_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


class Undecodable(ValueError):
    """The bytes are not text (binary data)."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes or mostly control characters: not a text file."""
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return controls / len(sample) > 0.05


def decode(data: bytes) -> tuple[str, list[str]]:
    """(text, repairs). Invalid UTF-8 is read as cp1252 unless the file is mostly valid UTF-8."""
    if looks_binary(data):
        raise Undecodable("binary data, not text")
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if len(_MULTIBYTE.findall(data)) > bad:
        return text, [f"replaced {bad} undecodable byte sequence(s)"]
    text = data.decode("cp1252", errors="replace")
    bad = text.count("\ufffd")
    return text, [f"replaced {bad} undecodable byte(s)"] if bad else []
