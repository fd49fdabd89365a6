"""The worked example: 07MUSCAT920.txt must give 07MUSCAT920.expected.json (../shared/README.md)."""

from __future__ import annotations

import json

import jsonschema
import pytest

from cablekg import parse_text
from cablekg.model import RECORD_FIELDS

# Compared exactly; officials and agencies belong to the entity extractor.
EXACT = [
    f
    for f in RECORD_FIELDS
    if f not in ("paragraphs", "summary", "officials", "agencies", "source", "repairs")
]


@pytest.fixture(scope="module")
def seed(shared):
    text = (shared / "examples" / "07MUSCAT920.txt").read_text(encoding="utf-8")
    expected = json.loads((shared / "examples" / "07MUSCAT920.expected.json").read_text())
    return parse_text(text).to_record(), expected


@pytest.mark.parametrize("field", EXACT)
def test_seed_field_matches_expected(seed, field):
    record, expected = seed
    if field in expected:
        assert record[field] == expected[field]


def test_seed_paragraphs_by_number_and_marking(seed):
    record, expected = seed
    got = [{"number": p["number"], "marking": p["marking"]} for p in record["paragraphs"]]
    assert got == expected["paragraphs"]


def test_seed_summary_text_and_repairs(seed):
    record, expected = seed
    assert record["summary"].startswith(expected["summary_starts_with"])
    assert record["summary"].endswith("the government already has taken to combat TIP.")
    assert len(record["repairs"]) >= expected["repairs_min"]
    assert "caveat STPDIS read as SIPDIS" in record["repairs"]
    assert "dropped garbled duplicate TAGS line" in record["repairs"]


def test_seed_text_holds_no_debris(seed):
    record, expected = seed
    texts = [p["text"] for p in record["paragraphs"]] + [record["subject"], record["summary"]]
    for debris in expected["text_must_not_contain"]:
        assert not any(debris in t for t in texts), debris
    third = record["paragraphs"][2]["text"]
    assert "24-hour abuse hotline, which, the Minister said" in third  # joined across the blank
    fifth = record["paragraphs"][4]["text"]
    assert "prosecution and victim protection" in fifth  # joined across the page break


def test_seed_record_is_valid(seed, record_schema):
    record, _ = seed
    jsonschema.validate(record, record_schema)
