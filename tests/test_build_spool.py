"""The build's spool: cables are written to files and loaded in segments; a build that stops
between spooling cables and loading them must leave no cable marked built that is not in the
store, and the next build must end with the store an uninterrupted build gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablekg.cli import main
from cablekg.store import build as build_module
from cablekg.store import open_store
from cablekg.store.build import build
from cablekg.store.spool import SPOOL_DIR

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
SMALL_SEGMENTS = 2_000  # triples: about ten cables per load, so the sample takes several


@pytest.fixture(autouse=True)
def reproducible(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def dump(store_dir: Path) -> bytes:
    result = CliRunner().invoke(main, ["export", "--store", str(store_dir), "--format", "nq"])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


class Stop(Exception):
    """The build's input failing midway."""


def stopping_after(count: int):
    """`read_sources`, failing after `count` items (the build stops with cables spooled)."""
    read = build_module.read_sources

    def read_sources(sources) -> Iterator:
        for number, item in enumerate(read(sources)):
            if number == count:
                raise Stop
            yield item

    return read_sources


def graph_sizes(store_dir: Path) -> dict[str, int]:
    """Triples per graph that the metadata graph marks as a built cable graph."""
    answer = open_store(store_dir).query(
        "SELECT ?g (COUNT(?s) AS ?n) WHERE { "
        "GRAPH ?m { ?g a <https://w3id.org/cablekg/ontology#CableGraph> } "
        "OPTIONAL { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g"
    )
    return {row["g"].value: int(row["n"].value) for row in answer}


def test_segments_give_the_same_store_as_one_load(tmp_path):
    build([SAMPLE], tmp_path / "one", jobs=1, quiet=True)
    report = build([SAMPLE], tmp_path / "many", jobs=1, quiet=True, segment_triples=SMALL_SEGMENTS)
    assert report.built == 77
    assert dump(tmp_path / "many") == dump(tmp_path / "one")
    assert not (tmp_path / "many" / SPOOL_DIR).exists()


def test_a_build_stopped_with_cables_spooled_marks_none_of_them_built(tmp_path, monkeypatch):
    whole = tmp_path / "whole"
    build([SAMPLE], whole, jobs=1, quiet=True)
    complete = graph_sizes(whole)
    stopped = tmp_path / "stopped"
    monkeypatch.setattr(build_module, "read_sources", stopping_after(70))  # after a chunk of 64
    with pytest.raises(Stop):
        build([SAMPLE], stopped, jobs=1, quiet=True, segment_triples=SMALL_SEGMENTS)
    monkeypatch.undo()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    marked = graph_sizes(stopped)
    assert 0 < len(marked) < 64  # some segments were loaded, the spooled rest was not
    assert {graph: complete[graph] for graph in marked} == marked  # each marked graph is whole
    assert any((stopped / SPOOL_DIR).iterdir())
    report = build([SAMPLE], stopped, jobs=1, quiet=True, segment_triples=SMALL_SEGMENTS)
    assert (report.built, report.skipped) == (77 - len(marked), len(marked))
    assert dump(stopped) == dump(whole)
