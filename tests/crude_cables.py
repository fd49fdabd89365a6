"""A crude reader of real cables into `Cable` objects, for entity tests and benchmarks.

It stands in for the parser until `cablekg.parse_text` exists: it splits the header from the
body, picks out TAGS, SUBJECT, `Classified By`, the action-office lines and the signature, and cuts
the body into paragraphs at blank lines and paragraph numbers. It repairs nothing.
"""

from __future__ import annotations

import csv
import html
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from cablekg.model import Cable, ClassifiedBy, Paragraph, Source

_PRE = re.compile(r"<pre>(.*?)</pre>", re.S)
_TAG = re.compile(r"<[^>]+>")
_BANNER = re.compile(r"(?:[A-Z] ){4,}[A-Z]\b|^\s*(?:UNCLAS|UNCLASSIFIED|SECRET|CONFIDENTIAL)\b")
_EO = re.compile(r"^\s*E\.?\s?O\.?\s*1\d{4}")
_TAGS = re.compile(r"^\s*TAGS:?\s*(.*)$")
_SUBJECT = re.compile(r"^\s*SUBJ(?:ECT)?:?\s*(.*)$", re.I)
_CLASSIFIED = re.compile(r"^\s*Classified\s+By:?\s*(.*)$", re.I)
_PARA_START = re.compile(r"^\s*(?:¶|Â¶)?(\d{1,2})\s*\.\s+(?:\(([A-Z/]{1,5})\))?")
_CAVEAT = re.compile(r"^\s*(SIPDIS|STPDIS|NOFORN|EXDIS|NODIS|LIMDIS|CXBERN\S*|\S+ DISSEM)\s*$")
_TAIL_SIGNER = re.compile(r"[.!?)\"]\s+((?:[A-Z][A-Z'-]+ ){0,2}[A-Z][A-Z'-]{2,})\s*$")
_SIGNER = re.compile(r"^[A-Za-z][A-Za-z.'\- ]{1,40}$")
_REASON_TAIL = re.compile(
    r"[,;.]?\s*(?:-\s*)?(?:for\s+)?(?:reasons?|reason:)\b.*$|\s*1\.[45]\s*\(.*$", re.I
)


def read_cablegate(path: Path) -> tuple[str, str]:
    """Header and body text of a Cablegate page."""
    blocks = [
        html.unescape(_TAG.sub("", b.replace("&#x000A;", "\n")))
        for b in _PRE.findall(path.read_text(encoding="utf-8", errors="replace"))
    ]
    if len(blocks) >= 2:
        return blocks[0], blocks[1]
    return "", blocks[0] if blocks else ""


def read_csv_rows(path: Path) -> Iterator[tuple[str, str, str]]:
    """(reference id, header, body) of each row of a `cables.csv` file."""
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        for row in csv.reader(handle, escapechar="\\", doublequote=False):
            if len(row) >= 8:
                yield row[2], row[6], row[7]


def read_telegram(path: Path) -> str:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n")


def cable_from_text(header: str, body: str, source: Source, cable_id: str | None = None):
    """A `Cable` and its action-office lines from a header and body, read crudely."""
    lines = (header + "\n" + body).split("\n")
    tags: tuple[str, ...] = ()
    subject_lines: list[str] = []
    classified: ClassifiedBy | None = None
    office: list[str] = []
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    number = marking = None
    in_subject = seen_banner = seen_eo = in_body = False

    def flush() -> None:
        nonlocal current, number, marking
        text = " ".join(x.strip() for x in current).strip()
        if text:
            paragraphs.append(Paragraph(text=text, number=number, marking=marking))
        current, number, marking = [], None, None

    for raw in lines:
        line = raw.strip()
        if not in_body:
            if _BANNER.search(line) and not seen_banner:
                seen_banner = True
                continue
            if _EO.match(line):
                seen_eo = True
            if m := _TAGS.match(line):
                tags = tuple(t for t in re.split(r"[,\s]+", m.group(1)) if t)
                in_subject = False
                continue
            if m := _SUBJECT.match(line):
                subject_lines = [m.group(1)]
                in_subject = True
                continue
            if m := _CLASSIFIED.match(line):
                classified = _classified(m.group(1))
                in_body = True
                continue
            if in_subject:
                if line and not line.startswith("REF"):
                    subject_lines.append(line)
                    continue
                in_subject = False
            if seen_banner and not seen_eo and line and not _CAVEAT.match(line):
                if len(line) < 400:
                    office.append(line)
                continue
            if _PARA_START.match(line) and seen_banner:
                in_body = True
            elif (
                not (seen_banner and seen_eo and subject_lines)
                or not line
                or line.startswith(("REF", "(A)", "(B)", "A.", "B.", "C."))
            ):
                continue
            else:
                in_body = True
        if m := _CLASSIFIED.match(line):
            classified = _classified(m.group(1))
            continue
        if not line:
            flush()
            continue
        if m := _PARA_START.match(line):
            flush()
            number, marking = int(m.group(1)), m.group(2)
            line = line[m.end() :]
        current.append(line)
    flush()
    if not paragraphs:  # a header the crude rules do not follow: keep the body whole
        paragraphs = [Paragraph(text=" ".join(p.split())) for p in body.split("\n\n") if p.strip()]
    signers: tuple[str, ...] = ()
    if paragraphs and paragraphs[-1].number is None and _SIGNER.match(paragraphs[-1].text):
        signers = (paragraphs[-1].text,)
        paragraphs.pop()
    elif paragraphs and (tail := _TAIL_SIGNER.search(paragraphs[-1].text)):
        signers = (tail.group(1),)  # "... cleared this cable. FONTENEAU"
        last = paragraphs[-1]
        paragraphs[-1] = Paragraph(last.text[: tail.start(1)].rstrip(), last.number, last.marking)
    cable = Cable(
        source=source,
        id=cable_id,
        tags=tags,
        subject=" ".join(subject_lines).strip() or None,
        classified_by=classified,
        paragraphs=tuple(paragraphs),
        signers=signers,
    )
    return cable, tuple(office)


def _classified(text: str) -> ClassifiedBy:
    text = _REASON_TAIL.sub("", text).strip(" ,;.")
    return ClassifiedBy(name=text or None)


def load(path: Path) -> tuple[Cable, tuple[str, ...]]:
    """One cable file (Cablegate page or telegram) as a `Cable` and its office lines."""
    if path.suffix == ".html":
        header, body = read_cablegate(path)
        return cable_from_text(header, body, Source("cablegate-html", str(path)), path.stem)
    text = read_telegram(path)
    return cable_from_text("", text, Source("telegram-text", str(path)), path.stem)


def iter_corpus(shared: Path, skip: set[str] = frozenset()) -> Iterator[tuple[Cable, tuple]]:
    """Every cable of the developer corpus whose id is not in `skip`."""
    for path in sorted((shared / "corpus" / "cablegate").rglob("*.html")):
        if path.stem not in skip:
            yield load(path)
    for path in sorted((shared / "corpus" / "telegrams").glob("*.txt")):
        if path.stem not in skip:
            yield load(path)
    csv_path = shared / "corpus" / "cables.csv"
    for row, (ref, header, body) in enumerate(read_csv_rows(csv_path), 1):
        if ref not in skip:
            yield cable_from_text(header, body, Source("cables-csv", str(csv_path), row), ref)
