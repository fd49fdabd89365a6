"""The summary: text between `Summary` and `End Summary`.

It opens with `Summary:`, `BEGIN SUMMARY`, `Summary and Comment` or a `Summary` heading, usually in
the first paragraphs, and closes with `End Summary` (or the end of the paragraph when the cable
never closes it).
"""

from __future__ import annotations

import re
from typing import Final

from cablekg.model import Paragraph

_OPEN: Final = re.compile(
    r"^(?:\(?[A-Z/]{1,6}\)\s*)?(?:BEGIN\s+)?SUMMARY"
    r"(?:\s+AND\s+(?:COMMENT|INTRODUCTION|ACTION REQUESTED))?"
    r"(?:\s*\(continued\))?\s*(?:[:.\-]+\s*|\s+(?=[A-Z])|$)",
    re.I,
)
_CLOSE: Final = re.compile(r"\bEND\s+(?:OF\s+)?SUMMARY\b\s*\)?[.:]?", re.I)
_NEXT_PART: Final = re.compile(r"^\s*(?:\(?[A-Z/]{1,6}\)\s*)?(?:COMMENT|BACKGROUND)\b", re.I)
_HEADING: Final = re.compile(r"^(?:BEGIN\s+)?SUMMARY(?:\s+AND\s+\w+)?\s*[:.]?$", re.I)


def find_summary(paragraphs: list[Paragraph], search: int = 6) -> str | None:
    """The summary text of the first paragraphs, if any."""
    parts: list[str] = []
    opened = False
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text
        if not opened:
            if index >= search:
                return None
            if _HEADING.match(text):
                opened = True
                continue
            match = _OPEN.match(text)
            if not match:
                continue
            opened = True
            text = text[match.end() :]
        close = _CLOSE.search(text) if "ummary" in text or "UMMARY" in text else None
        if close:
            parts.append(text[: close.start()].rstrip(" ("))
            break
        parts.append(text)
        if paragraph.number is not None and not _continued(paragraphs, index):
            break
    summary = " ".join(" ".join(parts).split()).strip()
    return summary or None


def _continued(paragraphs: list[Paragraph], index: int) -> bool:
    """Whether a later paragraph closes the summary (so it spans several paragraphs)."""
    for paragraph in paragraphs[index + 1 : index + 6]:
        if ("ummary" in paragraph.text or "UMMARY" in paragraph.text) and _CLOSE.search(
            paragraph.text
        ):
            return True
        if _NEXT_PART.match(paragraph.text):
            return False
    return False
