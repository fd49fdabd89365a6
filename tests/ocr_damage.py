"""Damage a clean telegram text the way printing and OCR damage cables (../shared/README.md).

Each kind of damage is a small function of the text's lines and a random generator; `damage`
applies a chosen list of them. The kinds are those seen in the wild (`07MUSCAT920.txt`):

- `blank_header_lines`: a blank line after every header line;
- `pilcrow_as_one` / `pilcrow_as_dash_one`: `¶1.` read as `11.` or `- 11.`;
- `ref_bullets`: REF labels `B.` read as `¶B.` or `1B.`;
- `garbled_tags`: a garbled copy of the TAGS line printed before the good one;
- `caveat_letter`: one letter of SIPDIS misread (`STPDIS`);
- `latex`: a LaTeX fragment dropped inside a sentence;
- `split_subject`: a blank line inside the subject;
- `page_break`: a page-continuation line (`MUSCAT 00000920 002 OF 002`) inside a paragraph.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

_BANNER = re.compile(
    r"^(?:C O N F I D E N T I A L|S E C R E T|UNCLAS|CONFIDENTIAL|SECRET)\b"
    r".*?\b([A-Z][A-Z ]*?) (\d{3,7})\s*$"
)
_PARAGRAPH = re.compile(r"^¶(\d{1,2})\.")
_REF = re.compile(r"^REF", re.I)
_LATEX = (
    r"$% \left\{ 1,2,\ldots ,n\right\}$",
    r"$\mathrm{x}_{i}$",
    r"$% \frac{a}{b}$",
)
_OCR_LETTERS = {"I": "T", "S": "5", "P": "F", "D": "O", "F": "P"}


def _banner_index(lines: list[str]) -> int | None:
    for n, line in enumerate(lines):
        if _BANNER.match(line.strip()):
            return n
    return None


def blank_header_lines(lines: list[str], rng: random.Random) -> list[str]:
    end = _banner_index(lines)
    if not end:
        return lines
    out: list[str] = []
    for line in lines[:end]:
        out.extend([line, ""])
    return out + lines[end:]


def pilcrow_as_one(lines: list[str], rng: random.Random) -> list[str]:
    return [_PARAGRAPH.sub(lambda m: f"1{m[1]}.", line) for line in lines]


def pilcrow_as_dash_one(lines: list[str], rng: random.Random) -> list[str]:
    return [_PARAGRAPH.sub(lambda m: f"- 1{m[1]}.", line) for line in lines]


def ref_bullets(lines: list[str], rng: random.Random) -> list[str]:
    out = list(lines)
    for n, line in enumerate(lines):
        if _REF.match(line):
            for k in range(n, min(n + 6, len(lines))):
                if k > n and not lines[k].strip():
                    break
                out[k] = re.sub(
                    r"(?<=\s)([B-H])\.(?=\s)", lambda m: rng.choice(("¶", "1")) + m[1] + ".", out[k]
                )
                out[k] = re.sub(
                    r"^\s*([B-H])\.(?=\s)", lambda m: rng.choice(("¶", "1")) + m[1] + ".", out[k]
                )
            break
    return out


def garbled_tags(lines: list[str], rng: random.Random) -> list[str]:
    for n, line in enumerate(lines):
        if line.startswith("TAGS:"):
            codes = line[5:].split()
            garbled = []
            for code in codes:
                if len(code) >= 3 and rng.random() < 0.6:
                    i = rng.randrange(len(code))
                    code = code[:i] + rng.choice("ABCDEFGHIJKLMNOPRSTUVWY") + code[i + 1 :]
                garbled.append(code)
            if garbled and rng.random() < 0.5:
                garbled[-1] = garbled[-1][:-1]
            return [*lines[:n], "TAGS: " + " ".join(garbled), "", *lines[n:]]
    return lines


def caveat_letter(lines: list[str], rng: random.Random) -> list[str]:
    out = list(lines)
    for n, line in enumerate(lines):
        if line.strip() == "SIPDIS":
            i = rng.choice((1, 2, 3, 4))
            word = "SIPDIS"
            letter = {"I": "T", "P": "F", "D": "O"}.get(word[i], "T")
            out[n] = word[:i] + letter + word[i + 1 :]
            break
    return out


def latex(lines: list[str], rng: random.Random) -> list[str]:
    body = [n for n, line in enumerate(lines) if _PARAGRAPH.match(line) and len(line.split()) > 12]
    if not body:
        return lines
    n = rng.choice(body)
    words = lines[n].split(" ")
    at = rng.randrange(6, len(words) - 2)
    out = list(lines)
    out[n] = " ".join([*words[:at], rng.choice(_LATEX), *words[at:]])
    return out


def split_subject(lines: list[str], rng: random.Random) -> list[str]:
    for n, line in enumerate(lines):
        if line.startswith("SUBJECT:"):
            if (
                n + 1 < len(lines)
                and lines[n + 1].strip()
                and not re.match(r"^(REF|Classified|¶|E\.O)", lines[n + 1])
            ):
                return [*lines[: n + 1], "", *lines[n + 1 :]]
            words = line.split(" ")
            if len(words) < 5:
                return lines
            at = rng.randrange(3, len(words) - 1)
            return [*lines[:n], " ".join(words[:at]), "", " ".join(words[at:]), *lines[n + 1 :]]
    return lines


def page_break(lines: list[str], rng: random.Random) -> list[str]:
    banner = _banner_index(lines)
    if banner is None:
        return lines
    match = _BANNER.match(lines[banner].strip())
    station, serial = match[1].strip(), int(match[2])
    body = [n for n, line in enumerate(lines) if _PARAGRAPH.match(line) and len(line.split()) > 20]
    if not body:
        return lines
    n = rng.choice(body[1:] or body)
    words = lines[n].split(" ")
    at = rng.randrange(10, len(words) - 5)
    head, tail = " ".join(words[:at]), " ".join(words[at:])
    page = f"{station} {serial:08d} 002 OF 00{rng.choice((2, 3))}"
    return [*lines[:n], head, "", page, "", tail, *lines[n + 1 :]]


DAMAGES: dict[str, Callable[[list[str], random.Random], list[str]]] = {
    "blank_header_lines": blank_header_lines,
    "pilcrow_as_one": pilcrow_as_one,
    "pilcrow_as_dash_one": pilcrow_as_dash_one,
    "ref_bullets": ref_bullets,
    "garbled_tags": garbled_tags,
    "caveat_letter": caveat_letter,
    "latex": latex,
    "split_subject": split_subject,
    "page_break": page_break,
}


def damage(text: str, kinds: Sequence[str], seed: int) -> str:
    """`text` with the given kinds of damage applied in order."""
    rng = random.Random(seed)
    lines = text.split("\n")
    for kind in kinds:
        lines = DAMAGES[kind](lines, rng)
    return "\n".join(lines)
