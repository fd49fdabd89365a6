"""The whole developer corpus: every record is schema-valid, and the text alone reads true.

Accuracy is measured in full by `benchmarks/accuracy.py`; these tests hold the floors on what the
text can tell (partial extracts without any date cannot give their date or year from text).
"""

from __future__ import annotations

import re

import jsonschema
import pytest

from cablekg import Cable, read_outcomes
from cablekg.parse import parse_text
from cablekg.parse.ids import canonical_id
from cablekg.parse.stations import stations
from tests.corpus import cablegate_pages, page

_TAG_LINK = re.compile(r"<a href='/tag/[^']*'>([^<]*)</a>")


@pytest.fixture(scope="module")
def text_only(shared):
    """(page name, raw cable, text-only parse, tag links) for every Cablegate page."""
    out = []
    for path in cablegate_pages(shared):
        raw = page(shared, path.stem)
        html = path.read_text(encoding="utf-8", errors="replace")
        links = list(
            dict.fromkeys(
                t.upper() for t in _TAG_LINK.findall(html[html.find("<table class='cable'>") :])
            )
        )
        out.append((path.stem, raw, parse_text(raw.text, raw.source, None), links))
    return out


def test_every_record_of_every_format_is_schema_valid(shared, record_schema):
    validator = jsonschema.Draft202012Validator(record_schema)
    corpus = shared / "corpus"
    count = 0
    for outcome in read_outcomes(
        [corpus / "cablegate", corpus / "telegrams", corpus / "cables.csv"]
    ):
        assert isinstance(outcome, Cable), outcome
        errors = list(validator.iter_errors(outcome.to_record()))
        assert not errors, (outcome.source.path, errors[0].message)
        count += 1
    assert count == 2329 + 14 + 15


def _share(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def test_classification_and_origin_from_text_alone(text_only):
    table = stations()
    classes = origins = 0
    for _name, raw, cable, _links in text_only:
        truth = raw.metadata.classification.upper()
        truth = truth if truth.endswith("OFFICIAL USE ONLY") else truth.split("//")[0]
        classes += cable.classification == truth
        origins += (
            table.origin(cable.origin, cable.station) or ""
        ).lower() == raw.metadata.origin.lower()
    assert _share(classes, len(text_only)) >= 0.995
    assert _share(origins, len(text_only)) >= 0.995


def test_id_and_date_from_text_alone_where_the_text_is_dated(text_only):
    dated = [
        (raw, cable) for _n, raw, cable, _l in text_only if cable.date and not _estimated(cable)
    ]
    assert len(dated) > 2100
    ids = sum(cable.id == canonical_id(raw.metadata.id) for raw, cable in dated)
    days = sum((cable.date or "")[:10] == raw.metadata.date[:10] for raw, cable in dated)
    assert _share(ids, len(dated)) >= 0.995
    assert _share(days, len(dated)) >= 0.995


def _estimated(cable: Cable) -> bool:
    return any("estimated" in repair for repair in cable.repairs)


def test_tags_f1_against_the_tag_links(text_only):
    tp = fp = fn = 0
    for _name, _raw, cable, links in text_only:
        if not links:
            continue
        mine, gold = set(cable.tags), set(links)
        tp, fp, fn = tp + len(mine & gold), fp + len(mine - gold), fn + len(gold - mine)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.99
