"""Accuracy of the parser on Cablegate pages, reading the cable text alone.

Usage: python benchmarks/accuracy.py [CABLEGATE_DIR] [--show N]

Each page's two <pre> blocks are parsed without the page's metadata table (`use_metadata=False`),
and the result is compared with that table: id (Reference ID), date (same day as Created),
classification (the link text), origin (Origin), and TAGS (the tag links, micro-averaged F1).

Some metadata is itself wrong, and some pages join two cables. Every disagreement the script can
explain is listed with its reason under "metadata wrong" (never hidden), and the figures are given
both against the metadata as it is and with those explained cases set aside. Partial extracts
whose text carries no date at all cannot give their date from text; their year is estimated
(`cablekg/parse/year.py`), and id figures are also given for the pages whose text is dated.
The year estimate is also measured where the answer is known: on every page whose text holds a
date-time group, with that group hidden from the estimate (the estimate never reads the header).
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
from cablekg.parse.copies import read_copies  # noqa: E402
from cablekg.parse.dumps import take_dumps  # noqa: E402
from cablekg.parse.ids import _one_edit, canonical_id  # noqa: E402
from cablekg.parse.stations import stations  # noqa: E402
from cablekg.parse.tags import read_tags, tag_line_text  # noqa: E402
from cablekg.parse.text import normalise  # noqa: E402
from cablekg.parse.vocab import tag_codes  # noqa: E402
from cablekg.parse.year import estimate_year  # noqa: E402
from cablekg.sources.base import RawCable  # noqa: E402
from cablekg.sources.cablegate import read_page  # noqa: E402

_TAG_LINK = re.compile(r"<a href='/tag/[^']*'>([^<]*)</a>")
_DE = re.compile(r"^DE\s+R[A-Z0-9]+\s+#\s?\d+(?:/\d+)?\s+(\d{3})\d{4}", re.M)
_MARKING = re.compile(r"¶\d+\.\s*\(([A-Z/]+)\)")
_LEVELS = {"U": 0, "SBU": 0, "C": 2, "S": 3, "TS": 4}
_CLASS_LEVEL = {
    "UNCLASSIFIED": 0,
    "LIMITED OFFICIAL USE": 1,
    "CONFIDENTIAL": 2,
    "SECRET": 3,
    "TOP SECRET": 4,
}


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


def spliced(cable) -> str | None:
    for repair in cable.repairs:
        if "contradicts the header" in repair or "may come from different cables" in repair:
            return f"page joins two cables: {repair}"
    return None


def explain_date(raw: RawCable, cable) -> str | None:
    """The DTG and the DE line's Julian day agree with each other, not with Created."""
    match = _DE.search(raw.text)
    if cable.date and match:
        from datetime import date

        day = date.fromisoformat(cable.date[:10]).timetuple().tm_yday
        if abs(int(match[1]) - day) <= 1:
            created, dtg = raw.metadata.date[:10], cable.date[:10]
            return f"Created {created}, but DTG {dtg} and DE Julian day {match[1]} agree"
    return spliced(cable)


def explain_class(raw: RawCable, cable, truth: str) -> str | None:
    markings = {_LEVELS.get(m.split("/")[0]) for m in _MARKING.findall(raw.text)} - {None}
    level = _CLASS_LEVEL.get((cable.classification or "").split("//")[0])
    truth_level = _CLASS_LEVEL.get(truth.split("//")[0])
    if level is not None and markings and max(markings) == level and truth_level != level:
        return f"metadata {truth}, but banner and portion markings say {cable.classification}"
    if (
        truth.endswith("OFFICIAL USE ONLY")
        and "SBU" in cable.caveats
        and cable.classification == "UNCLASSIFIED"
    ):
        return "Cablegate marks some SENSITIVE BUT UNCLASSIFIED cables FOUO and others not"
    return spliced(cable)


def explain_tags(
    raw: RawCable, mine: set[str], gold: set[str]
) -> tuple[set[str], set[str], list[str]]:
    """Extra and missing tags the metadata explains, with reasons."""
    first = next(
        (tag_line_text(line) for line in raw.text.split("\n") if tag_line_text(line) is not None),
        "",
    )
    on_first_line = set(read_tags(first or "")[0])
    codes = tag_codes()
    extra_ok = {t for t in mine - gold if t not in on_first_line}
    missing_ok = set()
    reasons = []
    if extra_ok:
        reasons.append(
            f"Cablegate linked only the first line of a wrapped TAGS line: {sorted(extra_ok)}"
        )
    for tag in gold - mine:
        parts = [t for t in mine if t in tag]
        if len(parts) >= 2 and sum(len(p) for p in parts) >= len(tag) - 1:
            missing_ok.add(tag)
            reasons.append(f"metadata keeps the run-together code {tag}")
        elif tag not in codes and any(_one_edit(tag, t) for t in mine - gold):
            missing_ok.add(tag)
            reasons.append(f"metadata keeps the damaged code {tag}")
    if missing_ok:
        extra_ok |= {t for t in mine - gold if any(t in g or _one_edit(t, g) for g in missing_ok)}
    return extra_ok, missing_ok, reasons


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path)
    parser.add_argument("--show", type=int, default=15, help="failures to list per field")
    args = parser.parse_args()
    corpus = args.corpus or default_corpus()
    table = stations()

    totals: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    explained: Counter[str] = Counter()
    failures: dict[str, list[str]] = defaultdict(list)
    wrong: dict[str, list[str]] = defaultdict(list)
    tp = fp = fn = fp_ok = fn_ok = 0
    tag_pages = 0
    dated = dated_ids = 0
    years: Counter[bool | None] = Counter()  # year with the DTG hidden: right, wrong, none
    undated_years: Counter[bool] = Counter()

    def judge(field: str, name: str, ok: bool, failure: str, reason: str | None) -> None:
        totals[field] += 1
        if ok:
            correct[field] += 1
        elif reason:
            explained[field] += 1
            wrong[field].append(f"{name}: {reason}")
        else:
            failures[field].append(f"{name}: {failure}")

    for path in sorted(corpus.rglob("*.html")):
        data = path.read_bytes()
        raw = read_page(data, str(path))
        if not isinstance(raw, RawCable):
            failures["page"].append(f"{path.name}: {raw.reason}")
            continue
        meta = raw.metadata
        cable = parse_text(raw.text, raw.source, None, entities=False)  # the text alone
        name = path.stem
        estimated = any("estimated" in r for r in cable.repairs)

        truth_id = canonical_id(meta.id)
        if truth_id != meta.id:
            wrong["id"].append(f"{name}: Reference ID {meta.id} is malformed; read as {truth_id}")
        judge(
            "id",
            name,
            cable.id == truth_id,
            f"text {cable.id} != metadata {truth_id}",
            spliced(cable),
        )
        if cable.date and not estimated:
            dated += 1
            dated_ids += cable.id == truth_id
            hidden = estimate_year(read_copies(take_dumps(normalise(raw.text))[0]))[0]
            years[hidden == int(cable.date[:4]) if hidden else None] += 1
        elif estimated or cable.date is None:
            undated_years[bool(cable.id) and cable.id == truth_id] += 1

        if cable.date is None:
            totals["date"] += 1
            failures["date (none in text)"].append(
                f"{name}: partial extract, Created {meta.date[:10]}"
            )
        else:
            same_day = cable.date[:10] == (meta.date or "")[:10]
            failure = f"text {cable.date[:10]} != Created {meta.date[:10]}"
            judge("date", name, same_day, failure, None if same_day else explain_date(raw, cable))

        truth = truth_class(meta.classification or "")
        ok = cable.classification == truth
        failure = f"text {cable.classification} != metadata {truth}"
        judge("classification", name, ok, failure, None if ok else explain_class(raw, cable, truth))

        ours = table.origin(cable.origin, cable.station)
        ok = (ours or "").lower() == (meta.origin or "").lower()
        judge(
            "origin",
            name,
            ok,
            f"text {cable.origin} -> {ours} != metadata {meta.origin}",
            spliced(cable),
        )

        gold = set(truth_tags(data.decode("utf-8", errors="replace")))
        if not gold:
            continue
        tag_pages += 1
        mine = set(cable.tags)
        tp += len(mine & gold)
        fp += len(mine - gold)
        fn += len(gold - mine)
        if mine != gold:
            extra_ok, missing_ok, reasons = explain_tags(raw, mine, gold)
            fp_ok += len(extra_ok)
            fn_ok += len(missing_ok)
            for reason in reasons:
                wrong["tags"].append(f"{name}: {reason}")
            rest_extra, rest_missing = (mine - gold) - extra_ok, (gold - mine) - missing_ok
            if rest_extra or rest_missing:
                failures["tags"].append(f"{name}: +{sorted(rest_extra)} -{sorted(rest_missing)}")

    print(f"pages: {totals['id']}")
    print(f"{'field':16s} {'as is':>8s} {'explained set aside':>22s}")
    for field in ("id", "date", "classification", "origin"):
        plain = correct[field] / totals[field] if totals[field] else 0.0
        rest = totals[field] - explained[field]
        adjusted = correct[field] / rest if rest else 0.0
        print(f"{field:16s} {plain:8.2%} {adjusted:14.2%} ({correct[field]}/{rest})")
    share = dated_ids / dated if dated else 0.0
    print(
        f"{'id, dated text':16s} {share:8.2%}   ({dated_ids}/{dated} pages whose text holds a date)"
    )
    undated = len(failures["date (none in text)"])
    with_date = totals["date"] - undated
    share = correct["date"] / with_date if with_date else 0.0
    counts = f"{correct['date']}/{with_date}"
    print(f"{'date, dated text':16s} {share:8.2%}   ({counts} pages whose text holds a date)")
    print(
        f"  date: {undated} partial extracts carry no date in their text (counted as misses above)"
    )
    print(
        f"{'year, DTG hidden':16s} {years[True] / max(1, dated):8.2%}   ({years[True]} right, "
        f"{years[False]} wrong, {years[None]} not estimated, of {dated} dated pages)"
    )
    undated_total = sum(undated_years.values())
    print(
        f"{'id, no DTG':16s} {undated_years[True] / max(1, undated_total):8.2%}   "
        f"({undated_years[True]}/{undated_total} pages whose year is estimated or unknown)"
    )
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    f1_adj = 2 * tp / (2 * tp + (fp - fp_ok) + (fn - fn_ok)) if tp else 0.0
    print(f"{'TAGS F1':16s} {f1:8.4f} {f1_adj:14.4f}   ({tag_pages} pages with tag links)")
    for field, items in wrong.items():
        print(f"\nmetadata wrong or page joins two cables, {field}: {len(items)}")
        for item in items[: args.show]:
            print("  " + item)
    for field, items in failures.items():
        print(f"\nfailures, {field}: {len(items)}")
        for item in items[: args.show]:
            print("  " + item)


if __name__ == "__main__":
    main()
