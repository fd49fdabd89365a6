"""The synthetic corpus generator: real cables recombined under new ids the parser reads back."""

from __future__ import annotations

import io
from collections import Counter

import pytest

from benchmarks.make_corpus import Corpus, csv_row, templates
from cablekg.parse import parse_raw
from cablekg.sources import RawCable
from cablekg.sources.cables_csv import read_rows


@pytest.fixture(scope="module")
def pool(shared):
    corpus = shared / "corpus"
    return templates([corpus / "cables.csv", corpus / "cablegate" / "cable" / "2008"])


def _generate(pool, count: int, seed: int = 1) -> bytes:
    return "".join(csv_row(f) for f in Corpus(pool, seed).rows(count)).encode("utf-8")


def test_generated_rows_parse_back_to_their_ids_and_references(pool):
    data = _generate(pool, 400)
    raws = list(read_rows(io.BytesIO(data), "generated.csv"))
    assert len(raws) == 400 and all(isinstance(r, RawCable) for r in raws)
    ids = [r.metadata.id for r in raws]
    assert len(set(ids)) == 400
    records = [parse_raw(r).to_record() for r in raws]
    assert sum(rec["id"] == i for rec, i in zip(records, ids, strict=True)) >= 396
    cited = [(r, rec) for r, rec in zip(raws, records, strict=True) if r.metadata.references]
    assert len(cited) > 100
    resolved = sum(
        set(r.metadata.references) <= {ref["id"] for ref in rec["references"]} for r, rec in cited
    )
    assert resolved >= 0.9 * len(cited)
    # every cited id is an earlier generated cable
    seen: set[str] = set()
    for raw in raws:
        assert set(raw.metadata.references) <= seen
        seen.add(raw.metadata.id)


def test_citations_are_heavy_tailed(pool):
    raws = list(read_rows(io.BytesIO(_generate(pool, 3000)), None))
    indegree = Counter(ref for r in raws for ref in r.metadata.references)
    counts = sorted(indegree.values(), reverse=True)
    assert counts[0] >= 10 * (sum(counts) / len(counts))


def test_same_seed_same_bytes(pool):
    assert _generate(pool, 50, seed=7) == _generate(pool, 50, seed=7)
    assert _generate(pool, 50, seed=7) != _generate(pool, 50, seed=8)
