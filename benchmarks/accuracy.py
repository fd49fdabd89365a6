"""Accuracy of the parser on Cablegate pages, reading the cable text alone.

Usage: python benchmarks/accuracy.py [CABLEGATE_DIR] [--show N]

Each page's two <pre> blocks are parsed without the page's metadata table (`use_metadata=False`),
and the result is compared with that table: id (Reference ID), date (same day as Created),
classification (the link text), origin (Origin), and TAGS (the tag links, micro-averaged F1).
Metadata that is itself wrong is reported as such, with the reason, and not hidden: the figures
are given both against the page's metadata as is and with those cases set aside.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cablekg.parse import parse_text  # noqa: E402
from cablekg.parse.ids import canonical_id  # noqa: E402
from cablekg.parse.stations import stations  # noqa: E402
from cablekg.sources.base import RawCable  # noqa: E402
from cablekg.sources.cablegate import read_page  # noqa: E402

_TAG_LINK = re.compile(r"<a href='/tag/[^']*'>([^<]*)</a>")


def default_corpus() -> Path:
    for parent in ROOT.parents:
        candidate = parent / "shared" / "corpus" / "cablegate"
        if candidate.is_dir():
            return candidate
    raise SystemExit("no Cablegate corpus found; pass its directory")


def truth_tags(page: str) -> list[str]:
    start = page.find("<table class='cable'>")
    tags = [t.strip().upper() for t in _TAG_LINK.findall(page[max(start, 0) :])]
    return list(dict.fromkeys(t for t in tags if t))


def truth_class(text: str) -> str:
    text = text.strip().upper()
    return text if text == "UNCLASSIFIED//FOR OFFICIAL USE ONLY" else text.split("//")[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path)
    parser.add_argument("--show", type=int, default=15, help="failures to list per field")
    args = parser.parse_args()
    corpus = args.corpus or default_corpus()
    table = stations()

    totals: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    failures: dict[str, list[str]] = defaultdict(list)
    metadata_wrong: dict[str, list[str]] = defaultdict(list)
    tp = fp = fn = 0
    no_date_in_text = 0
    tag_pages = 0

    for path in sorted(corpus.rglob("*.html")):
        data = path.read_bytes()
        raw = read_page(data, str(path))
        if not isinstance(raw, RawCable):
            failures["page"].append(f"{path.name}: {raw.reason}")
            continue
        meta = raw.metadata
        cable = parse_text(raw.text, raw.source, None)  # the text alone
        name = path.stem

        # id
        totals["id"] += 1
        truth_id = canonical_id(meta.id)
        if cable.id == truth_id:
            correct["id"] += 1
            if truth_id != meta.id:
                metadata_wrong["id"].append(
                    f"{name}: Reference ID {meta.id} is malformed; canonical {truth_id}"
                )
        else:
            failures["id"].append(f"{name}: text {cable.id} != metadata {truth_id}")

        # date: same day as Created
        totals["date"] += 1
        if cable.date is None:
            no_date_in_text += 1
            failures["date"].append(f"{name}: no date in text (Created {meta.date[:10]})")
        elif cable.date[:10] == (meta.date or "")[:10]:
            correct["date"] += 1
        else:
            failures["date"].append(f"{name}: text {cable.date[:10]} != Created {meta.date[:10]}")

        # classification
        totals["classification"] += 1
        truth = truth_class(meta.classification or "")
        if cable.classification == truth:
            correct["classification"] += 1
        else:
            failures["classification"].append(
                f"{name}: text {cable.classification} != metadata {truth}"
            )

        # origin
        totals["origin"] += 1
        ours = table.origin(cable.origin, cable.station)
        if (ours or "").lower() == (meta.origin or "").lower():
            correct["origin"] += 1
        else:
            failures["origin"].append(
                f"{name}: text {cable.origin} -> {ours} != metadata {meta.origin}"
            )

        # TAGS
        page = data.decode("utf-8", errors="replace")
        gold = truth_tags(page)
        if not gold:
            continue
        tag_pages += 1
        mine = set(cable.tags)
        gold_set = set(gold)
        tp += len(mine & gold_set)
        fp += len(mine - gold_set)
        fn += len(gold_set - mine)
        if mine != gold_set:
            failures["tags"].append(
                f"{name}: +{sorted(mine - gold_set)} -{sorted(gold_set - mine)}"
            )

    print(f"pages: {totals['id']}")
    for field in ("id", "date", "classification", "origin"):
        share = correct[field] / totals[field] if totals[field] else 0.0
        print(f"{field:15s} {share:7.2%}  ({correct[field]}/{totals[field]})")
    dated = totals["date"] - no_date_in_text
    if dated:
        print(
            f"{'date (dated)':15s} {correct['date'] / dated:7.2%}  ({correct['date']}/{dated} pages whose text holds a date;"
            f" {no_date_in_text} partial extracts carry none)"
        )
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(
        f"{'TAGS F1':15s} {f1:7.4f}  (precision {precision:.4f}, recall {recall:.4f}; {tag_pages} pages with tag links)"
    )
    for field, items in metadata_wrong.items():
        print(f"\nmetadata wrong, {field}: {len(items)}")
        for item in items[: args.show]:
            print("  " + item)
    for field, items in failures.items():
        print(f"\nfailures, {field}: {len(items)}")
        for item in items[: args.show]:
            print("  " + item)


if __name__ == "__main__":
    main()
