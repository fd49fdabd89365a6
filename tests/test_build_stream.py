"""A fresh store takes the whole build in one bulk load, streamed while the workers compute: an
id given twice must keep its first copy (the later one rejected, as with segments), a build that
stops must load nothing, and the loader must hold one batch at a time (its thread pinned to one
CPU)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from cablekg.store import build as build_module
from cablekg.store import open_store
from cablekg.store.build import REPEATED_ID, build
from cablekg.store.spool import SPOOL_DIR
from cablekg.store.stream import _one_cpu
from tests.test_build_spool import SAMPLE, Stop, dump, graph_sizes, stopping_after

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
TELEGRAM = SAMPLE / "telegrams" / "01DOHA1093.txt"
FIRST, LATER = "WE WILL GET A READ OUT", "WE WILL GET A FULL READ OUT"


@pytest.fixture(autouse=True)
def reproducible(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def paragraph_texts_with(store_dir: Path, words: str) -> int:
    answer = open_store(store_dir).query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?p <https://schema.org/text> ?text } "
        f'FILTER(CONTAINS(?text, "{words}")) }}'
    )
    return int(next(iter(answer))["n"].value)


def test_an_id_given_twice_keeps_the_first_copy_and_rejects_the_later_one(tmp_path):
    """The later input is named in the rejects report, streamed or in segments alike."""
    text = TELEGRAM.read_text(encoding="utf-8")
    assert FIRST in text
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a-first.txt").write_text(text, encoding="utf-8")
    (corpus / "b-later.txt").write_text(text.replace(FIRST, LATER), encoding="utf-8")
    streamed = build([corpus], tmp_path / "streamed", jobs=1, quiet=True)
    segmented = build([corpus], tmp_path / "segmented", jobs=1, quiet=True, segment_triples=10)
    for report in (streamed, segmented):
        assert (report.read, report.built, report.rejects[REPEATED_ID]) == (2, 1, 1)
    assert paragraph_texts_with(tmp_path / "streamed", FIRST) == 1
    assert paragraph_texts_with(tmp_path / "streamed", LATER) == 0
    assert dump(tmp_path / "streamed") == dump(tmp_path / "segmented")
    assert not (tmp_path / "streamed" / SPOOL_DIR).exists()
    rejects = (tmp_path / "streamed" / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(rejects) == 1
    reject = json.loads(rejects[0])
    assert reject["path"].endswith("b-later.txt")
    assert reject["reason"] == f"{REPEATED_ID} (01DOHA1093)"


UNDESCRIBED_AGENCIES = """
SELECT DISTINCT ?agency WHERE {
  GRAPH ?g { ?cable <https://w3id.org/cablekg/ontology#agency> ?agency }
  FILTER NOT EXISTS { GRAPH <https://w3id.org/cablekg/graph/entities> { ?agency a ?type } }
}"""


def test_a_rejected_repeat_keeps_the_entity_descriptions_later_cables_cite(tmp_path):
    """Regression: a worker describes each entity once, so when the cable that first described
    one was rejected as a repeat, a later cable citing it had an agency with no description
    (which builds lost it depended on which worker got which chunk)."""
    text = TELEGRAM.read_text(encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a-first.txt").write_text(text, encoding="utf-8")
    named = text.replace(FIRST, f"{FIRST} FROM THE ROYAL OMAN POLICE (ROP)")
    (corpus / "b-later.txt").write_text(named, encoding="utf-8")
    (corpus / "c-other.txt").write_bytes((SAMPLE / "telegrams" / "07MUSCAT920.txt").read_bytes())
    for name, segments in (("streamed", None), ("segmented", 10)):
        report = build([corpus], tmp_path / name, jobs=1, quiet=True, segment_triples=segments)
        assert (report.built, report.rejects[REPEATED_ID]) == (2, 1)
        store = open_store(tmp_path / name)
        assert list(store.query(UNDESCRIBED_AGENCIES)) == []
        police = ox.NamedNode("https://w3id.org/cablekg/agency/royal-oman-police")
        entities = ox.NamedNode("https://w3id.org/cablekg/graph/entities")
        assert list(store.quads_for_pattern(police, RDF_TYPE, None, entities))
        cited = ox.NamedNode("https://w3id.org/cablekg/ontology#agency")
        assert [q.subject.value for q in store.quads_for_pattern(None, cited, police)] == [
            "https://w3id.org/cablekg/cable/07MUSCAT920"
        ]


def test_a_fresh_build_that_stops_midway_loads_nothing_and_the_next_one_completes(
    tmp_path, monkeypatch
):
    whole = tmp_path / "whole"
    build([SAMPLE], whole, jobs=1, quiet=True)
    stopped = tmp_path / "stopped"
    monkeypatch.setattr(build_module, "read_sources", stopping_after(70))  # after a chunk of 64
    with pytest.raises(Stop):
        build([SAMPLE], stopped, jobs=1, quiet=True)
    monkeypatch.undo()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert graph_sizes(stopped) == {}  # 64 cables were streamed; the load is atomic
    report = build([SAMPLE], stopped, jobs=1, quiet=True)
    assert (report.built, report.skipped) == (77, 0)
    assert dump(stopped) == dump(whole)


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity here")
def test_the_loader_thread_is_pinned_to_one_cpu_and_the_build_process_is_not():
    before = os.sched_getaffinity(0)
    seen: list[set[int]] = []

    def loader() -> None:
        _one_cpu()
        seen.append(os.sched_getaffinity(0))

    thread = threading.Thread(target=loader)
    thread.start()
    thread.join()
    assert len(seen[0]) == 1 and seen[0] <= before
    assert os.sched_getaffinity(0) == before
