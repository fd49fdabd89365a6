"""Vocabularies the parser checks its readings against, loaded once on first use.

TAGS codes come from the shipped lists in `data/vocab/`: WikiLeaks' tag list (only entries with a
real description; WikiLeaks also lists run-together damage such as `VTPREL` with itself as
description), the subject and organisation TAGS lists, the 1970s subject TAGS, and the FIPS 10-4
country codes (geographic TAGS are FIPS, not ISO).
"""

from __future__ import annotations

import csv
from functools import cache
from typing import Final

from cablekg.resources import data_path

# Handling and dissemination markings, as spelled canonically in records, most common first.
CAVEATS: Final[tuple[str, ...]] = (
    "SIPDIS", "NOFORN", "NODIS", "EXDIS", "LIMDIS", "STADIS", "ROGER", "ORCON", "PROPIN",
    "NOCONTRACT", "WNINTEL", "SBU", "FOUO", "EFTO", "SPECAT", "TERREP", "CHEROKEE", "DISSENT",
    "CODEL", "MEDIA", "VISAS",
)  # fmt: skip


@cache
def tag_codes() -> frozenset[str]:
    """Known TAGS codes (subject, program, organisation and geographic), upper case."""
    codes: set[str] = set()
    with open(
        data_path("vocab", "whoiskieran__Neo4jWikiLeaks__tag_nodes.csv"), encoding="utf-8"
    ) as f:
        for row in csv.reader(f):
            if len(row) < 2 or "," in row[0]:
                continue
            name, description = row[0].strip().upper(), row[1].strip().lstrip("- ").upper()
            if description and description != name:
                codes.add(name)
    for name in ("subject-tags.txt", "organization-tags.txt"):
        with open(data_path("vocab", name), encoding="utf-8") as f:
            codes.update(line.strip().upper() for line in f if line.strip())
    for name in ("nara_cfpf_subject_tags_1973_1979.csv", "tags_1974_handbook_subject_tags.csv"):
        with open(data_path("vocab", name), encoding="utf-8") as f:
            codes.update(row["tag"].strip().upper() for row in csv.DictReader(f) if row["tag"])
    codes.update(fips_codes())
    return frozenset(codes)


@cache
def fips_codes() -> frozenset[str]:
    """FIPS 10-4 country codes (the geographic TAGS)."""
    with open(
        data_path("vocab", "datasets__country-codes__country-codes.csv"), encoding="utf-8"
    ) as f:
        return frozenset(row["FIPS"].strip() for row in csv.DictReader(f) if row["FIPS"].strip())


@cache
def person_tags() -> frozenset[str]:
    """Person TAGS as WikiLeaks spells them (`RICE, CONDOLEEZZA`)."""
    with open(
        data_path("vocab", "whoiskieran__Neo4jWikiLeaks__tag_nodes.csv"), encoding="utf-8"
    ) as f:
        return frozenset(row[0].strip().upper() for row in csv.reader(f) if row and "," in row[0])


@cache
def wikileaks_tags() -> frozenset[str]:
    """Every spelling WikiLeaks lists as a tag, damaged ones included (`KBIO`, `VTPREL`)."""
    with open(
        data_path("vocab", "whoiskieran__Neo4jWikiLeaks__tag_nodes.csv"), encoding="utf-8"
    ) as f:
        return frozenset(row[0].strip().upper() for row in csv.reader(f) if row and row[0].strip())
