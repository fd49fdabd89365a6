"""Organisations and agencies -> Wikidata (curated by hand, certain items only)."""

from __future__ import annotations

import re

from cablekg.links.tables import organization, organizations

HAND_CHECKED = {
    "NATO": "Q7184",
    "United Nations": "Q1065",
    "UNSC": "Q37470",
    "IAEA": "Q48583",
    "OSCE": "Q81299",
    "WTRO": "Q7825",
    "World Trade Organization": "Q7825",
    "IMF": "Q7804",
    "IBRD": "Q7164",
    "EUN": "Q458",
    "European Union": "Q458",
    "CIA": "Q37230",
    "Federal Bureau of Investigation": "Q8333",
    "Department of Homeland Security": "Q11231",
    "Department of State": "Q789915",
    "Hizballah": "Q41053",
    "Taliban": "Q42418",
}


def test_hand_checked_organizations() -> None:
    for name, qid in HAND_CHECKED.items():
        org = organization(name)
        assert org is not None and org.wikidata == qid, name


def test_ambiguous_names_stay_unlinked() -> None:
    # TAGS read ICC as the Interstate Commerce or International Control Commission, AU is
    # Austria, and a bare Congress or Senate is as often another country's assembly.
    for name in ("ICC", "AU", "Congress", "Senate", "Parliament", "Ministry of Foreign Affairs"):
        assert organization(name) is None, name


def test_organisation_tags_exist(shared) -> None:
    listed = set((shared / "vocab" / "organization-tags.txt").read_text().split())
    for org in organizations().values():
        assert re.fullmatch(r"Q\d+", org.wikidata), org.key
        if org.tag:
            assert org.tag in listed, org.tag
