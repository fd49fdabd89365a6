"""Entity extraction on real cables: the seed's expected officials and agencies, and the patterns
of the genre (titles before and after names, ranks, particles, upper-case cables, header parts)."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from cablekg.entities import extract
from tests.crude_cables import load


def matches(expected: dict, found: list[dict]) -> bool:
    """The seed's matching rule: same name (case-insensitive); a listed title, organization or
    acronym contained in the output's, or the other way round."""
    for item in found:
        if item["name"].lower() != expected["name"].lower():
            continue
        fields = [(k, v) for k, v in expected.items() if k != "name" and v is not None]
        if all(
            item.get(k) and (v.lower() in item[k].lower() or item[k].lower() in v.lower())
            for k, v in fields
        ):
            return True
    return False


def entities(path):
    cable, office = load(path)
    officials, agencies = extract(cable, office)
    return [asdict(o) for o in officials], [asdict(a) for a in agencies]


@pytest.fixture(scope="module")
def seed(shared):
    expected = json.loads((shared / "examples" / "07MUSCAT920.expected.json").read_text())
    return (*entities(shared / "examples" / "07MUSCAT920.txt"), expected)


def test_seed_officials(seed):
    officials, _, expected = seed
    missing = [e for e in expected["officials_include"] if not matches(e, officials)]
    assert not missing, (missing, officials)


def test_seed_agencies(seed):
    _, agencies, expected = seed
    missing = [e for e in expected["agencies_include"] if not matches(e, agencies)]
    assert not missing, (missing, agencies)


def test_seed_has_one_entry_per_person_and_no_roles_or_places(seed):
    officials, _, _ = seed
    names = [o["name"].lower() for o in officials]
    assert not set(names) & {"poloff", "emboffs", "ambassador", "oman", "muscat", "sipdis", "lagon"}
    assert len(names) == len({n.split()[-1] for n in names})
