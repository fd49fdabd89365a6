"""Texts that hold the cable more than once (a partial extract followed by a database dump of the
full cable, or a header printed twice) are read copy by copy and merged: the copy with the longest
body gives the paragraphs, the others fill fields it lacks. Copies that are different sections of
one cable (`SECTION 01 OF 02`, `SECTION 02 OF 02`) are joined in section order instead.
"""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Final

from cablekg.parse.banner import read_banner
from cablekg.parse.dtg import DTG, DTG_ANYWHERE
from cablekg.parse.header import DE, TRANSMISSION
from cablekg.parse.paragraphs import PARAGRAPH_FIRST, PARAGRAPH_START
from cablekg.parse.telegram import Parts, read_parts


def read_copies(lines: list[str]) -> Parts:
    copies = split_copies(lines) if _may_repeat(lines) else [lines]
    parts = [read_parts(copy) for copy in copies]
    if len(parts) == 1:
        return parts[0]
    return merge(parts)


# Lines that may open a copy (transmission, DE, date-time group, banner) or a paragraph.
_WORTH: Final = re.compile(r"^[\s\",]*(?:VZCZC|DE\s|[ZOPR]\s|[CSUTLcsutl]|¶|-|\d)")


# A line that opens like a banner (its first character tested case-sensitively).
_BANNER_OPENER: Final = re.compile(
    r"(?-i:(?=[CSUTLcsutl \"\t,]))"
    r"[\s\",]*(?:S\s?|C\s?)?(?:C\s?O\s?N\s?F|S\s?E\s?C\s?R\s?E\s?T|UNCLAS|LIMITED OFF|TOP SEC)",
    re.I,
)


# First characters of a stripped date-time group line.
_DTG_FIRST: Final = frozenset("NZOPR0123456789")


def _may_repeat(lines: list[str]) -> bool:
    """Cheap test: could the cable start more than once (two transmission lines, DE lines or
    banner-like lines), or its header follow its body?"""
    text = "\n".join(lines)
    if text.count("VZCZC") > 1 or text.count("\nDE R") > 1:
        return True
    banners = 0
    for line in filter(_BANNER_OPENER.match, lines):
        if len(line) < 200:
            banners += 1
            if banners > 1:
                return True
    return bool(DTG_ANYWHERE.search(text, max(0, len(text) // 2 - 1)))


def split_copies(lines: list[str]) -> list[list[str]]:
    """Cut the lines where the cable starts again after some body text."""
    starts = [0]
    body_seen = False
    banner_seen = False
    sections: set[int | None] = set()
    for n, line in enumerate(lines):
        if not _WORTH.match(line):
            continue
        text = line.strip()
        first = text[:1]
        if (body_seen or banner_seen) and (
            (first == "V" and TRANSMISSION.match(text))
            or (first == "D" and DE.match(text))
            or (body_seen and first in _DTG_FIRST and DTG.match(text))
        ):
            starts.append(_header_start(lines, n, starts[-1]))
            body_seen = banner_seen = False
            sections = set()
            continue
        banner = read_banner(text) if len(text) < 160 and text[:1] in '"CSUTLcsutl, ' else None
        if banner:
            if banner_seen and banner.section in sections:
                starts.append(_header_start(lines, n, starts[-1]))
                body_seen = False
                sections = set()
            banner_seen = True
            sections.add(banner.section)
            continue
        if banner_seen and first in PARAGRAPH_FIRST and PARAGRAPH_START.match(text):
            body_seen = True
    starts = sorted(set(starts))
    return [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]


def _header_start(lines: list[str], n: int, floor: int) -> int:
    """Back up from a restart to the transmission line that opens its header, if close by."""
    for k in range(n, max(floor, n - 40), -1):
        if TRANSMISSION.match(lines[k].strip()):
            return k
    return n


def _section(copy: Parts) -> int:
    """The section number of a copy's banner (0 when it has none)."""
    return (copy.banner.section or 0) if copy.banner else 0


def merge(copies: list[Parts]) -> Parts:
    """One `Parts` from several copies of the same cable."""
    sections = [_section(c) for c in copies]
    if len(set(sections)) > 1 and all(sections):
        ordered = sorted(copies, key=_section)
        merged = _fill(ordered[0], ordered[1:])
        merged.paragraphs = [p for c in ordered for p in c.paragraphs]
        merged.signers = ordered[-1].signers or merged.signers
        merged.repairs.append(f"joined {len(copies)} sections of the cable")
        return merged
    own = _serial(copies[0])
    same = [c for c in copies if own is None or _serial(c) in (None, own)]
    primary = max(same, key=lambda c: c.body_size)
    others = [c for c in same if c is not primary]
    merged = _fill(primary, others)
    if len(same) > 1:
        merged.repairs.append(f"text holds {len(same)} copies of the cable; kept the fullest")
    if len(same) < len(copies):
        merged.repairs.append("ignored another cable pasted into the text")
    return merged


def _serial(parts: Parts) -> int | None:
    """The cable's serial (last four digits, as the DE line carries them), if the copy shows it."""
    if parts.banner:
        return int(parts.banner.serial) % 10000
    if parts.header.sequence:
        return int(parts.header.sequence) % 10000
    return None


def _fill(primary: Parts, others: list[Parts]) -> Parts:
    for other in others:
        for f in fields(Parts):
            if f.name in ("repairs", "paragraphs", "signers"):
                continue
            mine, theirs = getattr(primary, f.name), getattr(other, f.name)
            if f.name == "header":
                for hf in fields(type(mine)):
                    if not getattr(mine, hf.name) and getattr(theirs, hf.name):
                        setattr(mine, hf.name, getattr(theirs, hf.name))
            elif f.name == "caveats":
                primary.caveats = list(dict.fromkeys([*mine, *theirs]))
            elif not mine and theirs:
                setattr(primary, f.name, theirs)
        primary.repairs.extend(r for r in other.repairs if r not in primary.repairs)
    return primary
