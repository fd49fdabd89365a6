"""Entity extraction measured: precision and recall against the hand-annotated gold set, and
throughput on the developer corpus.

    python benchmarks/entities.py [--gold FILE ...] [--shared ../shared]

By default it reads the nine hand-annotated sets of tests/data: `entities_gold.jsonl` (the
extractor was tuned on it), `entities_heldout_dev.jsonl` (annotated later, from cables the
extractor had not been tuned on, then used to find general faults) and
`entities_heldout_test.jsonl` (annotated at the same time, never used for tuning): the last is
the fairest estimate of accuracy on cables nobody here has seen. `entities_heldout_dev2.jsonl`
and `entities_heldout_dev3.jsonl` were annotated later in the same way, each measured once, then
used like the first dev set; `entities_heldout_test2.jsonl` like the test set;
`entities_heldout_dev4.jsonl` and `entities_heldout_dev5.jsonl` like dev2; and
`entities_heldout_test3.jsonl`, annotated last, like the test sets.
Half of test2 was annotated again by a third reader (`..._second_reader.jsonl`): the agreement of
the two readers, scored the same way, is printed after the sets.

Cables are read as the product reads them (`cablekg.sources` + `cablekg.parse`, which calls the
extractor). Throughput is given for parsing plus extraction and for extraction alone (timed
inside parsing), over the whole developer corpus.

Matching (the gold set's conventions, tests/data and the annotation guidelines):
- officials: the same case-insensitive normalised name, or surname-consistent variants ("Lagon"
  and "Mark Lagon"; "FONTENEAU" and "Alfred F. Fonteneau"); one gold entry per output entry.
- title / organization: over matched officials whose gold entry states one; correct when one
  normalised value contains the other (the seed's rule), a title that is an abbreviation of the
  extractor's table spelled out on either side ("FM" is "Foreign Minister").
- agencies: the same normalised name (case, accents, punctuation, "the" ignored; a ministry named
  "X Ministry" or "Ministry of X (Affairs)" is one name), or the same non-null acronym, or one
  entry's name is the other's acronym.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cablekg.entities  # noqa: E402
from cablekg import parse as _parse  # noqa: E402
from cablekg.entities.coref import org_key  # noqa: E402
from cablekg.entities.lexicon import lexicon  # noqa: E402
from cablekg.entities.patterns import patterns  # noqa: E402
from cablekg.entities.words import SUFFIXES, spelled_title  # noqa: E402
from cablekg.sources import RawCable, read_sources  # noqa: E402

_ASSEMBLY = importlib.import_module("cablekg.parse.assemble")  # where parsing calls the extractor

_PUNCT = re.compile(r"[^\w\s]")


def normalise(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = _PUNCT.sub(" ", text.replace("'s ", " ")).split()
    return " ".join(w for w in words if w != "the")


def name_words(name: str) -> list[str]:
    """The words that tell people apart: no particles, initials or generational suffixes
    ("Robert Blake, Jr." is "Robert Blake")."""
    particles = {"bin", "bint", "ibn", "al", "el", "de", "da", "del", "la", "van", "von", "der"}
    words = normalise(name).split()
    return [w for w in words if w not in particles and w not in SUFFIXES and len(w) > 1]


def same_person(a: str, b: str) -> bool:
    """Equal names, or one a surname-consistent part of the other; a mail handle of an office
    line ("JMEYERS") is the same as the name it glues ("J. MEYERS")."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return False
    if wa == wb or normalise(a).replace(" ", "") == normalise(b).replace(" ", ""):
        return True
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return short[-1] == long_[-1] and all(w in long_ for w in short)


def contains(a: str | None, b: str | None) -> bool:
    na, nb = normalise(spelled_title(a)), normalise(spelled_title(b))
    return bool(na and nb) and (na in nb or nb in na)


def same_organisation(a: str | None, b: str | None) -> bool:
    """One contains the other, or one is the other's acronym ("NSC", "National Security
    Council"), or they are one ministry written two ways."""
    if not a or not b:
        return False
    if contains(a, b) or org_key(a) == org_key(b):
        return True
    table = lexicon().acronyms
    return any(
        short in table and contains(table[short], long_) for short, long_ in ((a, b), (b, a))
    )


def load_cable(shared: Path, source: str):
    """The officials and agencies the product finds for the cable of a gold `source` entry."""
    path, _, ref = source.partition("#")
    for raw in read_sources([shared / path]):
        if isinstance(raw, RawCable) and (not ref or raw.metadata.id == ref):
            cable = _parse.parse_raw(raw)
            return cable.officials, cable.agencies
    raise KeyError(source)


def match_pairs(gold: list[dict], found: list[dict], same) -> list[tuple[dict, dict]]:
    pairs = []
    free = list(found)
    for item in gold:
        for candidate in free:
            if same(item, candidate):
                pairs.append((item, candidate))
                free.remove(candidate)
                break
    return pairs


def same_agency(a: dict, b: dict) -> bool:
    """Same normalised name (a ministry's two word orders count as one name: "Foreign Ministry"
    and "Ministry of Foreign Affairs"), or the same non-null acronym ("U.N." is "UN"), or one's
    name is the other's acronym (the guidelines give an acronym as the name when the reader is
    not sure of the full one: "BBC" and "British Broadcasting Corporation [BBC]")."""
    if normalise(a["name"]) == normalise(b["name"]) or org_key(a["name"]) == org_key(b["name"]):
        return True
    acronym_a, acronym_b = (_acronym_key(x.get("acronym")) for x in (a, b))
    if acronym_a and acronym_a == acronym_b:
        return True
    name_a, name_b = (_acronym_key(x["name"]) for x in (a, b))
    return bool(acronym_a and acronym_a == name_b) or bool(acronym_b and acronym_b == name_a)


def _acronym_key(text: str | None) -> str:
    return (text or "").replace(".", "")


def evaluate(gold_path: Path, shared: Path, verbose: bool) -> dict[str, Counter]:
    totals: dict[str, Counter] = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        officials, agencies = load_cable(shared, entry["source"])
        found_people = [asdict(o) for o in officials]
        found_orgs = [asdict(a) for a in agencies]
        for case in ("all", entry.get("case", "mixed")):
            tally(totals.setdefault(case, Counter()), entry, found_people, found_orgs)
        if verbose:
            _show(entry, found_people, found_orgs)
    return totals


def tally(count: Counter, entry: dict, found_people: list[dict], found_orgs: list[dict]) -> None:
    """Add one cable's matches to `count`: the gold `entry` against what was found."""
    count["cables"] += 1
    people = match_pairs(
        entry["officials"], found_people, lambda g, f: same_person(g["name"], f["name"])
    )
    count["people_gold"] += len(entry["officials"])
    count["people_found"] += len(found_people)
    count["people_matched"] += len(people)
    for g, f in people:
        if g.get("title"):
            count["title_gold"] += 1
            count["title_given"] += bool(f.get("title"))
            count["title_right"] += contains(g["title"], f.get("title"))
        if g.get("organization"):
            count["org_gold"] += 1
            count["org_right"] += same_organisation(g["organization"], f.get("organization"))
    orgs = match_pairs(entry["agencies"], found_orgs, same_agency)
    count["orgs_gold"] += len(entry["agencies"])
    count["orgs_found"] += len(found_orgs)
    count["orgs_matched"] += len(orgs)
    for g, f in orgs:
        if g.get("acronym"):
            count["acronym_gold"] += 1
            count["acronym_right"] += g["acronym"] == f.get("acronym")


def _show(entry: dict, people: list[dict], orgs: list[dict]) -> None:
    print(f"== {entry['id']} ({entry.get('case')})")
    matched = {
        id(f)
        for _, f in match_pairs(
            entry["officials"], people, lambda g, f: same_person(g["name"], f["name"])
        )
    }
    for g in entry["officials"]:
        hit = next((f for f in people if same_person(g["name"], f["name"])), None)
        mark = "  " if hit else "- "
        print(
            f"  {mark}{g['name']} | {g.get('title')} | {g.get('organization')}"
            + (f"   <= {hit['name']} | {hit['title']} | {hit['organization']}" if hit else "")
        )
    for f in people:
        if id(f) not in matched:
            print(f"  + {f['name']} | {f['title']} | {f['organization']}")
    hits = {id(f) for _, f in match_pairs(entry["agencies"], orgs, same_agency)}
    for g in entry["agencies"]:
        if not any(same_agency(g, f) for f in orgs):
            print(f"  - AGENCY {g['name']} [{g.get('acronym')}]")
    for f in orgs:
        if id(f) not in hits:
            print(f"  + AGENCY {f['name']} [{f.get('acronym')}]")


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def report(totals: dict[str, Counter]) -> None:
    print(
        f"{'':8} {'cables':>6} {'name P':>7} {'name R':>7} {'title':>7} {'given':>7} "
        f"{'org':>7} {'agcy P':>7} {'agcy R':>7} {'acron':>7}"
    )
    for case in ("all", "mixed", "upper"):
        c = totals.get(case)
        if not c:
            continue
        print(
            f"{case:8} {c['cables']:>6} {ratio(c['people_matched'], c['people_found']):>7} "
            f"{ratio(c['people_matched'], c['people_gold']):>7} "
            f"{ratio(c['title_right'], c['title_gold']):>7} "
            f"{ratio(c['title_given'], c['title_gold']):>7} "
            f"{ratio(c['org_right'], c['org_gold']):>7} "
            f"{ratio(c['orgs_matched'], c['orgs_found']):>7} "
            f"{ratio(c['orgs_matched'], c['orgs_gold']):>7} "
            f"{ratio(c['acronym_right'], c['acronym_gold']):>7}"
        )
    print("name P/R: officials found; title: right where the gold states one (given: any title")
    print("output); org: organization right where the gold states one; agcy: agencies; acron:")
    print("acronym right where the gold gives one.")


def agreement(first_path: Path, second_path: Path) -> None:
    """How far two readers of the same cables agree, scored like the extractor (the first
    reader as the gold): the ceiling the floors are set under."""
    first = {}
    for line in first_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            first[entry["source"]] = entry
    count: Counter = Counter()
    for line in second_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        second = json.loads(line)
        tally(count, first[second["source"]], second["officials"], second["agencies"])
    print(f"\nagreement of two readers ({second_path.name} against {first_path.name})")
    report({"all": count})


def throughput(shared: Path) -> None:
    """Cables per second of extraction alone over the developer corpus (each cable read just
    before it is timed, never the whole corpus at once), and of parsing plus extraction when the
    parser is there. CPU time is given beside wall-clock time: a busy machine disturbs it less."""
    spent = {"wall": 0.0, "cpu": 0.0}
    original = cablekg.entities.extract

    def timed(*args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent["wall"] += time.perf_counter() - wall
            spent["cpu"] += time.process_time() - cpu

    lexicon()
    patterns()  # built once at start-up, not per cable
    count = 0
    total = {"wall": 0.0, "cpu": 0.0}
    _ASSEMBLY.entities.extract = timed
    try:
        for raw in read_sources([shared / "corpus"]):
            if isinstance(raw, RawCable):
                wall, cpu = time.perf_counter(), time.process_time()
                _parse.parse_raw(raw)
                total["wall"] += time.perf_counter() - wall
                total["cpu"] += time.process_time() - cpu
                count += 1
    finally:
        _ASSEMBLY.entities.extract = original
    _rate("parse + entities", count, total)
    _rate("entity extraction", count, spent)


def _rate(label: str, count: int, spent: dict[str, float]) -> None:
    print(
        f"{label}: {count} cables, {count / spent['wall']:.0f} cables/s wall clock, "
        f"{count / spent['cpu']:.0f} cables/s of CPU time ({spent['cpu'] / count * 1000:.2f} ms "
        "CPU per cable)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    data = ROOT / "tests" / "data"
    sets = (
        "entities_gold",
        "entities_heldout_dev",
        "entities_heldout_dev2",
        "entities_heldout_dev3",
        "entities_heldout_dev4",
        "entities_heldout_dev5",
        "entities_heldout_test",
        "entities_heldout_test2",
        "entities_heldout_test3",
    )
    parser.add_argument(
        "--gold", type=Path, nargs="+", default=[data / f"{name}.jsonl" for name in sets]
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--verbose", action="store_true", help="print each cable's differences")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args()
    for gold in args.gold:
        if gold.exists():
            print(f"\n{gold.name}")
            report(evaluate(gold, args.shared, args.verbose))
        else:
            print(f"no gold set at {gold}")
    second = data / "entities_heldout_test2_second_reader.jsonl"
    if second.exists():
        agreement(data / "entities_heldout_test2.jsonl", second)
    if not args.no_speed:
        print(f"\nspeed, cablekg {'compiled' if cablekg.compiled() else 'pure Python'}")
        throughput(args.shared)


if __name__ == "__main__":
    main()
