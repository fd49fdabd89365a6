"""Real cables for the RDF tests, read from the shared developer corpus.

Once the parser is on main (`cablekg.read`), `corpus_cables` reads the developer corpus with
it. Until then, and as an independent second source, `cablegate_cable` builds a record from
the plainly marked-up parts of a Cablegate page (metadata table, FM line, TAGS links, SUBJECT,
paragraph anchors): real values from real cables, no invented ones.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

from cablekg.model import RECORD_FIELDS, Agency, Cable, Official, Paragraph, Source

_CELL = re.compile(r"<td>\s*<a href='[^']*'[^>]*>([^<]*)</a>\s*</td>")
_TAG = re.compile(r"<a href='/tag/[^']*'>([^<]+)</a>")
_PARAGRAPH = re.compile(
    r"<a id='par(\d+)' href='#par\d+'>¶</a>\d+\.(.*?)(?=<a id='par\w+'|</pre>)", re.S
)
_MARKING = re.compile(r"^\s*\(([A-Z]{1,3}(?:/[A-Z]{1,5})?)\)\s*")
_FM = re.compile(r"(?:^|\n)FM (.+)")
_SUBJECT = re.compile(r"SUBJECT: (.*?)(?:\n\s*\n|\nREF|\nClassified)", re.S)
_ID = re.compile(r"^\d{2}([A-Z]+)\d+$")


def seed_cable(shared: Path) -> Cable:
    """07MUSCAT920 as its expected record gives it, with the listed officials and agencies."""
    expected = json.loads((shared / "examples" / "07MUSCAT920.expected.json").read_text())
    record = {k: v for k, v in expected.items() if k in RECORD_FIELDS}
    record["paragraphs"] = [
        dict(p, text=f"Paragraph {p['number']}.") for p in expected["paragraphs"]
    ]
    text = (shared / "examples" / "07MUSCAT920.txt").read_bytes()
    record.update(
        summary=expected["summary_starts_with"],
        officials=[
            {"title": None, "organization": None, **o} for o in expected["officials_include"]
        ],
        agencies=expected["agencies_include"],
        repairs=["caveat STPDIS read as SIPDIS", "removed page-break line"],
        source={"path": "examples/07MUSCAT920.txt", "format": "telegram-text",
                "sha256": hashlib.sha256(text).hexdigest()},
    )  # fmt: skip
    return Cable.from_record(record)


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment.replace("&#x000A;", "\n")))


def cablegate_cable(path: Path, shared: Path, gold: dict[str, dict] | None = None) -> Cable:
    page = path.read_text(encoding="utf-8")
    cells = _CELL.findall(page)
    cable_id, created, classification = cells[0], cells[1], cells[3]
    body = page.replace("&#x000A;", "\n")
    header = _text(body)
    origin = _FM.search(header)
    subject = _SUBJECT.search(header)
    station = _ID.match(cable_id)
    paragraphs = []
    for number, text in _PARAGRAPH.findall(body):
        text = _text(text).strip()
        marking = _MARKING.match(text)
        paragraphs.append(
            Paragraph(
                text=text[marking.end() :] if marking else text,
                number=int(number),
                marking=marking.group(1) if marking else None,
            )
        )
    caveats: tuple[str, ...] = ()
    if "//" in classification and not classification.endswith("OFFICIAL USE ONLY"):
        classification, caveat = classification.split("//", 1)
        caveats = (caveat,)  # SECRET//NOFORN: the control marking is a caveat
    entities = (gold or {}).get(cable_id, {})
    return Cable(
        source=Source(
            format="cablegate-html",
            path=str(path.relative_to(shared)),
            sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        ),
        id=cable_id,
        date=created.replace(" ", "T") + ":00Z",
        origin=origin.group(1).strip() if origin else None,
        station=station.group(1) if station else None,
        classification=classification,
        caveats=caveats,
        tags=tuple(dict.fromkeys(_TAG.findall(page))),
        subject=" ".join(subject.group(1).split()) if subject else None,
        paragraphs=tuple(paragraphs),
        officials=tuple(Official(**o) for o in entities.get("officials", ())),
        agencies=tuple(Agency(**a) for a in entities.get("agencies", ())),
    )


def gold_entities(root: Path) -> dict[str, dict]:
    gold = {}
    for line in (root / "tests" / "data" / "entities_gold.jsonl").read_text().splitlines():
        entry = json.loads(line)
        gold[entry["id"]] = entry
    return gold


def cablegate_cables(shared: Path, root: Path, limit: int | None = None) -> Iterator[Cable]:
    gold = gold_entities(root)
    pages = sorted((shared / "corpus" / "cablegate" / "cable").rglob("*.html"))
    for path in pages[:limit]:
        yield cablegate_cable(path, shared, gold)


def corpus_cables(shared: Path, root: Path, limit: int | None = None) -> Iterator[Cable]:
    """The developer corpus through the parser when it is there, else from the Cablegate pages."""
    try:
        from cablekg import read
    except ImportError:
        yield from cablegate_cables(shared, root, limit)
        return
    corpus = shared / "corpus"
    paths = [corpus / "cablegate", corpus / "telegrams", corpus / "cables.csv"]
    for count, cable in enumerate(read(paths)):
        if limit is not None and count >= limit:
            return
        yield cable
