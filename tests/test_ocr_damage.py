"""Damaged renderings of real cables read like the clean ones (the damage list of
../shared/README.md, applied by `tests/ocr_damage.py`), and no input crashes the parser."""

from __future__ import annotations

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablekg import parse_text
from cablekg.model import Cable
from tests.corpus import cablegate_pages, page
from tests.ocr_damage import DAMAGES, damage

FIELDS = ("id", "date", "classification", "tags", "subject", "references", "paragraphs",
          "classified_by", "declassification")  # fmt: skip
SAMPLE = 60


@pytest.fixture(scope="module")
def cables(shared) -> list[tuple[str, dict]]:
    """Clean texts of real cables with a full header, banner, TAGS, SUBJECT and ¶ paragraphs."""
    texts = []
    for path in cablegate_pages(shared):
        text = page(shared, path.stem).text
        if (
            text.startswith("VZCZC")
            and "\nTAGS:" in text
            and "\nSUBJECT:" in text
            and "\n¶1." in text
        ):
            texts.append(text)
    step = max(1, len(texts) // SAMPLE)
    return [(text, fields(parse_text(text))) for text in texts[::step][:SAMPLE]]


def fields(cable: Cable) -> dict:
    """What damage must not change, per field."""
    record = cable.to_record()
    out = {f: record[f] for f in FIELDS}
    out["references"] = [(r["label"], r["id"]) for r in record["references"]]
    out["paragraphs"] = [
        (p["number"], p["marking"]) for p in record["paragraphs"] if p["number"] is not None
    ]
    return out


plans = st.tuples(
    st.integers(min_value=0, max_value=SAMPLE - 1),
    st.lists(st.sampled_from(sorted(DAMAGES)), min_size=1, max_size=5, unique=True),
    st.integers(min_value=0, max_value=2**16),
)
_HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


def examples(n: int) -> settings:
    return settings(max_examples=n, deadline=None, suppress_health_check=_HEALTH)


@examples(4)
@given(batch=st.lists(plans, min_size=40, max_size=40))
def test_damaged_cables_agree_with_clean_ones_on_97_percent_of_fields(cables, batch):
    agree = total = 0
    for index, kinds, seed in batch:
        text, clean = cables[index % len(cables)]
        damaged = fields(parse_text(damage(text, kinds, seed)))
        for field in FIELDS:
            total += 1
            agree += damaged[field] == clean[field]
    assert agree / total >= 0.97


@examples(40)
@given(plan=plans)
def test_damaged_cables_give_valid_records_with_repairs(cables, record_schema, plan):
    index, kinds, seed = plan
    text, _clean = cables[index % len(cables)]
    cable = parse_text(damage(text, kinds, seed))
    jsonschema.validate(cable.to_record(), record_schema)
    if "caveat_letter" in kinds and "\nSIPDIS\n" in text:
        assert "SIPDIS" in cable.caveats


@examples(150)
@given(text=st.text(max_size=3000))
def test_no_text_crashes_the_parser(record_schema, text):
    jsonschema.validate(parse_text(text).to_record(), record_schema)


_PIECES = st.sampled_from([
    "VZCZCXRO1730", "RR RUEHDE", "DE RUEHMS #0920/01 2720728", "ZNY CCCCC ZZH", "R 290728Z SEP 07",
    "FM AMEMBASSY MUSCAT", "TO RUEHC/SECSTATE WASHDC 8810", "INFO RUEHZM/GCC COLLECTIVE",
    "C O N F I D E N T I A L SECTION 01 OF 02 MUSCAT 000920", "SIPDIS", "STPDIS",
    "E.O. 12958: DECL: 09/25/2017", "TAGS: PHUM PREL", "SUBJECT: GOVERNMENT OFFICIALS",
    "REF: A. MUSCAT 375", "¶B. MUSCAT 822", "¶1. (SBU) Summary: text.", "- 12. (C) more",
    "Classified By: Charge d'Affaires Alfred F. Fonteneau, reasons 1.4 b/d.",
    "MUSCAT 00000920 002 OF 002", "$% \\left\\{ 1,2 \\right\\}$", "", "FONTENEAU", "id: 1",
    "date: 9/29/2007 7:28", "refid: 07MUSCAT920", "\t", '","',
    "1,9/29/2007 7:28,07MUSCAT920,x,SECRET,,",
])  # fmt: skip


@examples(150)
@given(lines=st.lists(_PIECES, max_size=40))
def test_shuffled_cable_pieces_never_crash_the_parser(record_schema, lines):
    jsonschema.validate(parse_text("\n".join(lines)).to_record(), record_schema)
