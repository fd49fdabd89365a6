"""The year of a cable whose text lost its date-time group (partial extracts).

Witnesses, weakest last: the declassification date (most often ten years after the cable), and
the latest year the cable's subject and text mention that is not after that date.
"""

from __future__ import annotations

import re

from cablekg.parse.telegram import Parts

_YEAR = re.compile(r"(?<![\d/.-])(19[6-9]\d|200\d|2010)(?![\d/])")


def estimate_year(parts: Parts) -> tuple[int | None, str]:
    """(year, how it was found) or (None, '')."""
    decl = parts.declassification
    decl_year = int(decl.date[:4]) if decl and decl.date else None
    texts = [parts.subject or ""] + [p.text for p in parts.paragraphs]
    mentioned = [int(y) for text in texts for y in _YEAR.findall(text)]
    if decl_year:
        mentioned = [y for y in mentioned if y < decl_year]
    latest = max(mentioned) if mentioned else None
    if decl_year:
        base = decl_year - 10
        if latest is None or latest <= base:
            return base, "the declassification date"
        return latest, "the years the text mentions"
    if latest:
        return latest, "the years the text mentions"
    return None, ""
