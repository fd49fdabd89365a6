"""OCR and transmission debris removed from body lines, each removal recorded as a repair.

- page-continuation lines (`MUSCAT 00000920 002 OF 002`) and printout page headings
  (`PAGE 02 STATE 023763 071504Z`), also when glued into a text line;
- printout page marks (a classification alone on a line, `CONFIDENTIAL PTQ1866`) and
  end-of-message lines (`BT`, `NNNN`, `#0920`);
- LaTeX and similar markup debris (`$% \\left\\{ 1,2,\\ldots ,n\\right\\}$`).
"""

from __future__ import annotations

import re
from typing import Final

from cablekg.parse.stations import stations

# `(?<!\d)0{2,}\d{2,6}...` written from its literal `00`, so that a search skips ahead to it.
CONTINUATION: Final = re.compile(r"00(?<!\d00)0*\d{2,6}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}(?!\d)\s*")
_WORDS_BEFORE: Final = re.compile(r"(?<![A-Z.'-])[.'-]*+((?:[A-Z][A-Z.'-]*+\s++){1,4})$")
PAGE_HEADING: Final = re.compile(
    r"\bPAGE\s+\d{2,3}\s+[A-Z][A-Z .'-]{1,20}?\s+\d{4,6}\s+(?:\d{2}\s+OF\s+\d{2}\s+)?\d{6}Z"
    r"(?:\s+[A-Z][A-Z-]+-\d\d)?\s*"
)
PAGE_MARK: Final = re.compile(
    r"^\s*(?:UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE|CONFIDENTIAL|SECRET|TOP SECRET)"
    r"(?:\s+PTQ\d+)?\s*$"
    r"|^\s*(?:BT|NNNN|#\d{3,5}|ZZ)\s*$"
)
LATEX: Final = re.compile(
    r"\$[^$\n]{0,300}?\\[A-Za-z]+[^$\n]{0,300}?\$|\\(?:left|right|ldots|cdots|frac|mathrm|mathbf|text)\b[^\s]*"
)


def _without_station(before: str) -> str:
    """Text before a page-continuation serial without the station's name (`... THE HAGUE`): the
    longest run of trailing words that names a known station, else the last word."""
    words = _WORDS_BEFORE.search(before[-80:])
    if not words:
        return before
    names = words[1].split()
    written = stations().written
    for count in range(len(names), 0, -1):
        if " ".join(names[-count:]) in written or count == 1:
            cut = before.rstrip()
            for _ in range(count):
                cut = cut[: cut.rstrip().rfind(" ") + 1] if " " in cut.rstrip() else ""
            return cut
    return before


def clean_body_line(line: str, repairs: list[str], special: bool = True) -> str | None:
    """The line without debris, or None when nothing of it is text.

    `special` False says the line starts like prose, so it cannot be a page mark.
    """
    if special and PAGE_MARK.match(line):
        repairs.append("removed page mark line")
        return None
    if " OF " in line and "00" in line:
        match = CONTINUATION.search(line)
        while match:
            before = _without_station(line[: match.start()])
            line = before.rstrip() + " " + line[match.end() :]
            repairs.append("removed page-break line")
            match = CONTINUATION.search(line)
    if "PAGE " in line:
        cleaned = PAGE_HEADING.sub(" ", line)
        if cleaned != line:
            repairs.append("removed printout page heading")
            line = cleaned
    if "\\" in line or "$" in line:
        cleaned = LATEX.sub(" ", line)
        if cleaned != line:
            repairs.append("removed LaTeX debris")
            line = re.sub(r"  +", " ", cleaned)
    if not line.strip():
        return None
    return line.rstrip()
