"""The Cable model's JSON form is the documented record."""

from __future__ import annotations

import json

import jsonschema

from cablekg.model import RECORD_FIELDS, Cable, Source


def seed_record(shared) -> dict:
    expected = json.loads((shared / "examples" / "07MUSCAT920.expected.json").read_text())
    record = {k: v for k, v in expected.items() if k in RECORD_FIELDS}
    record["paragraphs"] = [dict(p, text="") for p in expected["paragraphs"]]
    record.update(
        summary=None,
        officials=[],
        agencies=[],
        repairs=[],
        source={"path": "07MUSCAT920.txt", "format": "telegram-text", "row": None},
    )
    return record


def test_record_round_trip_keeps_every_field(shared, record_schema):
    record = seed_record(shared)
    cable = Cable.from_record(record)
    again = cable.to_record()
    assert list(again) == list(RECORD_FIELDS)
    assert again["references"][3] == {"text": "MUSCAT 883", "id": "07MUSCAT883", "label": "D"}
    assert again["classified_by"]["reasons"] == ["1.4(b)", "1.4(d)"]
    assert again["section"] == {"number": 1, "of": 2}
    jsonschema.validate(again, record_schema)
    assert Cable.from_record(json.loads(cable.to_json())) == cable


def test_empty_cable_is_a_valid_record(record_schema):
    cable = Cable(source=Source(format="cables-csv", path="cables.csv", row=7))
    record = cable.to_record()
    jsonschema.validate(record, record_schema)
    assert record["tags"] == [] and record["id"] is None and record["source"]["row"] == 7
