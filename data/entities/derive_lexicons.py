"""Rebuild the derived word lists of `data/entities/` from the shared developer material.

Run from the repository root with the shared directory beside it:

    python data/entities/derive_lexicons.py ../shared --exclude tests/data/entities_gold.jsonl

- `common_words.txt`: words that mixed-case cables write in lower case at least as often as
  capitalised inside a sentence ("said", "labor", "mark"). In upper-case cables they end a name.
- `given_names.txt`: first forenames of the Office of the Historian's persons (public domain) plus
  `given_names_extra.txt`, a hand list of Arabic, Persian, Turkic, South Asian, Chinese, Korean,
  Russian, Spanish and other given names common in cables.
- `dictionary_words.txt` (with `--dictionary`, e.g. Debian's `wamerican` list): lower-case English
  words outside `common_words.txt`, less the words cables mostly capitalise ("Bush", "Rice"). In
  upper-case cables they end a name unless a title stands right before them.
- `surnames.txt`: surnames of the Historian's persons (foreign leaders, diplomats, US officials),
  less English words, given names and places: a capitalised word on this list is a person even
  with no title ("Pinochet", "Bhutto").
- `places.txt`: country names, official names and capitals (country-codes table), post cities
  (observed posts) and regions (`places_extra.txt`).

- `attested_acronyms.txt`: acronyms that cables of the developer corpus define for an
  organisation ("Independence Party (IP)"), with the name most of them give and the countries
  those cables are tagged with, read by the product's own parser: the extractor resolves them
  where a cable about one of those countries uses them undefined (an acronym means one thing in
  Iceland and another in Brazil). Kept when
  two cables define them so (one, for an acronym of the shared list), when at least 60% of the
  cables that define them at all define an organisation, and when they are no title ("PM").

- `complement_words.txt`: words that mixed-case cables write capitalised after an organisation
  head and "of"/"for" at least three times ("Bank of England", "Front for the Liberation of
  ..."): in upper-case cables, where capitals tell nothing, they may continue a body's name.

Cables whose ids appear in the `--exclude` files (the hand-annotated gold set) are not read.
Lists added later also leave out the cables of the `--held-out` files (the held-out sets), so
that those sets stay a fair measure.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORD = re.compile(r"[A-Za-z][a-z]+(?:['\u2019][a-z]+)?")
SENTENCE_END = re.compile(r"[.!?:;)\]\"\u201d]\s*$|^\s*$")


def cable_texts(shared: Path, exclude: set[str]):
    """Body texts of the developer corpus, gold cables left out."""
    for path in sorted((shared / "corpus" / "cablegate").rglob("*.html")):
        if path.stem in exclude:
            continue
        blocks = re.findall(r"<pre>(.*?)</pre>", path.read_text(errors="replace"), re.S)
        if blocks:
            text = html.unescape(re.sub(r"<[^>]+>", "", blocks[-1].replace("&#x000A;", "\n")))
            yield text


def mixed_case(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) < 0.5 * len(letters)


def word_counts(shared: Path, exclude: set[str]) -> tuple[Counter[str], Counter[str]]:
    """How often each word is written in lower case, and capitalised inside a sentence."""
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for text in cable_texts(shared, exclude):
        if not mixed_case(text):
            continue
        for match in WORD.finditer(text):
            word = match.group()
            if word[0].islower():
                lower[word] += 1
            elif not SENTENCE_END.search(text[max(0, match.start() - 3) : match.start()]):
                capital[word.lower()] += 1
    return lower, capital


def common_words(lower: Counter[str], capital: Counter[str]) -> list[str]:
    return sorted(w for w, n in lower.items() if n >= 3 and n >= capital[w])


def dictionary_words(path: Path, common: list[str], capital: Counter[str], lower) -> list[str]:
    """English words outside the common list, which cables do not mostly capitalise."""
    known = set(common)
    words = set()
    for word in _english(path):
        if word not in known and capital[word] <= lower[word]:
            words.add(word)
    return sorted(words)


def capitalised_words(path: Path, capital: Counter[str], lower: Counter[str]) -> list[str]:
    """English words that cables mostly write capitalised, as names: "Rice", "Baker", "Hill"."""
    return sorted(w for w in _english(path) if capital[w] > lower[w])


def _english(path: Path) -> set[str]:
    words = set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        word = line.strip()
        if re.fullmatch(r"[a-z]{2,}", word):
            words.add(word)
    return words


def given_names(shared: Path) -> list[str]:
    names: set[str] = set()
    with (shared / "historian" / "people.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            preferred = json.loads(line)["preferred"]
            if ", " not in preferred:
                continue
            forenames = preferred.split(", ", 1)[1].replace(".", " ").split()
            if forenames and re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?", forenames[0]):
                names.add(forenames[0])
    extra = HERE / "given_names_extra.txt"
    names.update(w for w in _lines(extra))
    return sorted(names)


def surnames(shared: Path, common: list[str], given: list[str], places_: list[str]) -> list[str]:
    skip = {w.lower() for w in common + given} | {w.lower() for p in places_ for w in p.split()}
    found: set[str] = set()
    with (shared / "historian" / "people.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            person = json.loads(line)
            for form in [person["preferred"], *person.get("alternates", [])]:
                if ", " not in form:
                    continue
                for word in form.split(", ")[0].replace("-", " ").split():
                    if re.fullmatch(r"[A-Z][a-z]{2,}", word) and word.lower() not in skip:
                        found.add(word)
    return sorted(found)


def places(shared: Path) -> list[str]:
    found: set[str] = set()
    table = shared / "vocab" / "datasets__country-codes__country-codes.csv"
    with table.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for key in ("UNTERM English Short", "official_name_en", "CLDR display name", "Capital"):
                value = re.sub(r"\s*\(.*?\)\s*", " ", row.get(key) or "").strip()
                value = re.sub(r"^the ", "", value)
                if value and "," not in value:
                    found.add(value)
    posts = shared / "vocab" / "derived_posts.tsv"
    with posts.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            name = row.get("origin_name") or ""
            city = re.sub(
                r"^(?:Embassy|Consulate|Mission|US Office|USUN|REO|American Institute)\s+", "", name
            )
            if city and city != name:
                found.add(city.strip())
    countries = sorted(found, key=len, reverse=True)
    nodes = shared / "vocab" / "whoiskieran__Neo4jWikiLeaks__location_nodes.csv"
    with nodes.open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            name = (row or [""])[0]
            for country in countries:  # "France Paris": the post city after its country
                if name.startswith(country + " ") and name[len(country) + 1 :].istitle():
                    found.add(name[len(country) + 1 :])
                    break
    found.update(_lines(HERE / "places_extra.txt"))
    return sorted(found)


def complement_words(shared: Path, exclude: set[str], given: list[str]) -> list[str]:
    """Words capitalised after an organisation head and "of"/"for" in mixed-case cables, given
    names left out ("Embassy of David ...")."""
    heads = "|".join(line.split("\t")[0] for line in _lines(HERE / "org_heads.txt"))
    function = set(_lines(HERE / "function_words.txt"))
    pattern = re.compile(
        rf"\b(?:{heads}) (?:of|for) (?:the )?((?:[A-Z][a-z]+ (?:and |of |for |the ){{0,2}}){{0,4}})"
    )
    counts: Counter[str] = Counter()
    for text in cable_texts(shared, exclude):
        if not mixed_case(text):
            continue
        seen = set()
        for match in pattern.finditer(" ".join(text.split())):
            seen.update(w.lower() for w in WORD.findall(match.group(1)) if w[0].isupper())
        counts.update(seen - function)
    names = {name.lower() for name in given}
    return sorted(word for word, count in counts.items() if count >= 3 and word not in names)


def attested_acronyms(shared: Path, exclude: set[str]) -> list[str]:
    """`ACRONYM<TAB>name` lines: organisations the corpus defines (see the module docstring)."""
    import sys

    sys.path.insert(0, str(HERE.parent.parent))
    from cablekg.entities.agencies import _GOVERNMENT  # GOI, GoB: the TAGS tell the country
    from cablekg.entities.lexicon import lexicon
    from cablekg.parse import parse_raw
    from cablekg.sources import RawCable, read_sources

    lex = lexicon()
    lex.attested.clear()  # derived from the cables alone, not from an earlier derivation
    known = set(_lines(shared / "vocab" / "acronyms.txt"))
    names: dict[str, Counter[str]] = {}
    countries: dict[str, set[str]] = {}  # the geographic TAGS of the cables defining each
    defined: Counter[str] = Counter()  # cables writing "(ACR)" after capitalised words
    for raw in read_sources([shared / "corpus" / "cablegate"]):
        if not isinstance(raw, RawCable) or raw.metadata is None or raw.metadata.id in exclude:
            continue
        text = " ".join(raw.text.split())
        cable = parse_raw(raw)
        for acronym in set(re.findall(r"[A-Z][a-z]+ \(([A-Z][A-Za-z/&-]{1,9})\)", text)):
            defined[acronym] += 1
        for agency in cable.agencies:
            acronym, name = agency.acronym, agency.name
            if not acronym or name == acronym or acronym in lex.acronyms:
                continue
            spelled = rf"{re.escape(name)}['\u2019s]* \({re.escape(acronym)}\)"
            if re.search(spelled, text):
                names.setdefault(acronym, Counter())[name] += 1
                countries.setdefault(acronym, set()).update(
                    t for t in cable.tags if t in lex.countries
                )
    lines = []
    for acronym, counts in sorted(names.items()):
        total = sum(counts.values())
        low = acronym.lower()
        if low in lex.titles or low in lex.title_words or total < (1 if acronym in known else 2):
            continue
        if total < 0.6 * max(defined[acronym], total):
            continue
        name = max(counts, key=lambda n: (counts[n], len(n)))
        last = name.split()[-1].lower()
        headed = (last in lex.org_first or last in lex.org_last) and last not in lex.not_org_heads
        if _GOVERNMENT.match(acronym) or not (headed or name.lower() in lex.organisations):
            continue  # GOx: the TAGS tell which country; "Liquefied Natural Gas (LNG)"
        if countries.get(acronym):
            lines.append(f"{acronym}\t{name}\t{' '.join(sorted(countries[acronym]))}")
    return lines


def _lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [s for s in (x.strip() for x in path.read_text().splitlines()) if s and s[0] != "#"]


def _excluded(paths: list[Path]) -> set[str]:
    ids: set[str] = set()
    for path in paths:
        for line in path.read_text().splitlines():
            line = line.strip()
            if line.startswith("{"):
                ids.add(json.loads(line).get("id") or "")
            elif line:
                ids.add(re.split(r"[/#]", line)[-1].rsplit(".", 1)[0])
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path)
    parser.add_argument("--exclude", type=Path, action="append", default=[])
    parser.add_argument("--held-out", type=Path, action="append", default=[])
    parser.add_argument("--dictionary", type=Path)
    parser.add_argument("--attested", action="store_true", help="also attested_acronyms.txt")
    args = parser.parse_args()
    exclude = _excluded(args.exclude)
    held_out = exclude | _excluded(args.held_out)
    header = "# Derived by derive_lexicons.py; do not edit by hand.\n"
    lower, capital = word_counts(args.shared, exclude)
    common = common_words(lower, capital)
    if args.dictionary:
        notice = (HERE / "dictionary_words.NOTICE").read_text()
        words = dictionary_words(args.dictionary, common, capital, lower)
        text = "".join("# " + line + "\n" for line in notice.splitlines())
        (HERE / "dictionary_words.txt").write_text(header + text + "\n".join(words) + "\n")
        print(f"dictionary_words.txt: {len(words)} entries")
        names = capitalised_words(args.dictionary, capital, lower)
        (HERE / "capitalised_words.txt").write_text(header + text + "\n".join(names) + "\n")
        print(f"capitalised_words.txt: {len(names)} entries")
    given = given_names(args.shared)
    place_names = places(args.shared)
    outputs = {
        "common_words.txt": common,
        "given_names.txt": given,
        "places.txt": place_names,
        "surnames.txt": surnames(args.shared, common, given, place_names),
        "complement_words.txt": complement_words(args.shared, held_out, given),
    }
    if args.attested:
        outputs["attested_acronyms.txt"] = attested_acronyms(args.shared, held_out)
    for name, words in outputs.items():
        (HERE / name).write_text(header + "\n".join(words) + "\n")
        print(f"{name}: {len(words)} entries")


if __name__ == "__main__":
    main()
