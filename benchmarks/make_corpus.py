"""A realistic synthetic `cables.csv` of N cables, made by recombining real cables.

    python benchmarks/make_corpus.py 251287 -o cables.csv [--seed 1] [--templates DIR_OR_FILE ...]

Every generated cable is a real cable of the developer corpus (its header, body, TAGS, caveats,
paragraphs) given a new serial, date-time group and id, so all N ids are distinct and each text
agrees with its own id (banner, continuation lines, DTG, the `created` column). REF blocks are
rewritten to cite earlier generated cables, chosen by preferential attachment (half the time a
cable already cited is cited again), so the citation graph has the heavy-tailed in-degree of the
real corpus rather than a uniform one. The file is written as a stream in the real file's layout
(8 double-quoted columns, quotes escaped with a backslash); the same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cablekg.parse.references import REF_LINE  # noqa: E402
from cablekg.parse.stations import code_of  # noqa: E402
from cablekg.sources import RawCable, read_sources  # noqa: E402

# The developer corpus: `shared/corpus` beside the checkout or beside one of its parents.
DEFAULT_TEMPLATES = [
    next(
        (p / "shared" / "corpus" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()),
        ROOT.parent / "shared" / "corpus",
    )
]
_ID = re.compile(r"^(\d\d)([A-Z]+?)(\d+)$")
_DTG = re.compile(r"\b\d{6}Z(\s+)(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(\s+\d{2})\b")
_DE_LINE = re.compile(r"^(DE [A-Z]{5,7} #)\d+", re.M)
_REF_ITEM = re.compile(r"^\s*(?:¶\s?)?(?:\([A-Za-z]\)|[A-Za-z][.)])\s")
_MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_LABELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
REATTACH = 0.5  # share of citations that go to an already cited cable


@dataclass(frozen=True, slots=True)
class Template:
    """A real cable cut where its serial, DTG and REF block sit, ready to be given new ones."""

    year: int
    station: str  # the id's station code, e.g. BUENOSAIRES
    origin: str
    classification: str
    header: str
    body: str
    serial: re.Pattern[str]  # the serial where the text repeats it (banner, continuation lines)
    references: int  # cables the REF block cites (0: no REF block)


def templates(paths: list[Path]) -> list[Template]:
    """Every cable of `paths` that has an id, a date and its serial in its text."""
    found = []
    for item in read_sources(paths):
        if isinstance(item, RawCable) and (template := _template(item)):
            found.append(template)
    found.sort(key=lambda t: (t.year, t.station, t.header, t.body))
    return found


def _template(raw: RawCable) -> Template | None:
    meta = raw.metadata
    match = _ID.match(meta.id or "")
    if not match or not meta.date or code_of(match[2]) != match[2]:
        return None
    _yy, station, serial = match.groups()
    number = str(int(serial))
    pattern = re.compile(rf"(?<=[A-Za-z] )0*{number}(?![\d])")
    text = raw.text.replace("\r\n", "\n")
    banner = pattern.search(text)
    if not banner:
        return None
    cut = text.rfind("\n", 0, banner.start()) + 1
    header, body = text[:cut].rstrip("\n"), text[cut:]
    body, references = _without_refs(body, len(meta.references))
    return Template(
        year=int(meta.date[:4]),
        station=station,
        origin=meta.origin or "",
        classification=meta.classification or "",
        header=header,
        body=body,
        serial=pattern,
        references=references,
    )


def _without_refs(body: str, cited: int) -> tuple[str, int]:
    """The body with its REF block replaced by a `{REF}` slot, and how many cables it cited."""
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if REF_LINE.match(line) and line.lstrip().upper().startswith("REF"):
            end = i + 1
            while end < len(lines) and (
                lines[end].strip()
                or _REF_ITEM.match(lines[end + 1 :][0] if end + 1 < len(lines) else "")
            ):
                end += 1
            lines[i:end] = ["{REF}"]
            return "\n".join(lines), max(cited, 1)
    return body, 0


class Corpus:
    """Generated cables, one at a time; remembers ids so later cables can cite earlier ones."""

    def __init__(self, pool: list[Template], seed: int) -> None:
        self.pool = pool
        self.random = random.Random(seed)
        self.serials: dict[tuple[int, str], int] = {}
        self.ids: list[tuple[int, str, int]] = []  # (year, station, serial) of every cable made
        self.cited: list[int] = []  # one entry per citation: preferential attachment

    def rows(self, count: int) -> Iterator[list[str]]:
        order: list[Template] = []
        for row in range(1, count + 1):
            if not order:
                order = list(self.pool)
                self.random.shuffle(order)
            yield self._row(row, order.pop())

    def _row(self, row: int, t: Template) -> list[str]:
        rnd = self.random
        key = (t.year, t.station)
        serial = self.serials[key] = self.serials.get(key, 0) + 1
        month = rnd.randrange(12)
        day = rnd.randint(1, _DAYS[month])
        hour, minute = rnd.randrange(24), rnd.randrange(60)
        dtg = f"{day:02d}{hour:02d}{minute:02d}Z"
        yy = t.year % 100
        cable_id = f"{yy:02d}{t.station}{serial}"

        def renumber(text: str) -> str:
            text = t.serial.sub(lambda m: f"{serial:0{len(m[0])}d}", text)
            text = _DE_LINE.sub(lambda m: f"{m[1]}{serial % 10000:04d}", text)
            return _DTG.sub(lambda m: f"{dtg}{m[1]}{_MONTHS[month]}{m[2]}", text)

        targets = self._cite(t.references)
        body = renumber(t.body)
        if t.references:
            items = " ".join(
                f"{_LABELS[i % 26]}. {y % 100:02d} {s} {n}" for i, (y, s, n) in enumerate(targets)
            )
            body = body.replace("{REF}", f"REF: {items}" if items else "", 1)
        self.ids.append((t.year, t.station, serial))
        created = f"{month + 1}/{day}/{t.year} {hour}:{minute:02d}"
        references = "|".join(f"{y % 100:02d}{s}{n}" for y, s, n in targets)
        return [
            str(row),
            created,
            cable_id,
            t.origin,
            t.classification,
            references,
            renumber(t.header),
            body,
        ]

    def _cite(self, count: int) -> list[tuple[int, str, int]]:
        """`count` distinct earlier cables, heavy-tailed: cited ones are likelier to be cited."""
        if not self.ids:
            return []
        chosen: dict[int, None] = {}
        for _ in range(count * 3):
            if len(chosen) == count:
                break
            if self.cited and self.random.random() < REATTACH:
                index = self.random.choice(self.cited)
            else:
                index = self.random.randrange(len(self.ids))
            chosen[index] = None
        self.cited.extend(chosen)
        return [self.ids[i] for i in chosen]


def csv_row(fields: list[str]) -> str:
    """One row as the real file writes it: every field quoted, `"` and `\\` escaped."""
    return ",".join('"' + f.replace("\\", "\\\\").replace('"', '\\"') + '"' for f in fields) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of cables to write")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--templates", type=Path, nargs="+", default=DEFAULT_TEMPLATES)
    args = parser.parse_args(argv)
    pool = templates(args.templates)
    if not pool:
        parser.error("no usable template cables found")
    corpus = Corpus(pool, args.seed)
    with args.output.open("w", encoding="utf-8", newline="") as out:
        for fields in corpus.rows(args.count):
            out.write(csv_row(fields))
    print(f"{args.count:,} cables from {len(pool):,} templates -> {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
