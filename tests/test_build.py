"""`cablekg build` and `cablekg export`: the embedded store, idempotent and incremental."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from cablekg.cli import main
from cablekg.rdf.namespaces import DEFAULT_BASE
from cablekg.store import open_store
from cablekg.store.build import build
from cablekg.store.lock import StoreBusy, exclusive

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
EPOCH = "1700000000"


@pytest.fixture(autouse=True)
def reproducible(monkeypatch):
    """Fixed generation time, so two builds of the same input give the same bytes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def dump(store_dir: Path) -> bytes:
    result = CliRunner().invoke(main, ["export", "--store", str(store_dir), "--format", "nq"])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def cable_graphs(store_dir: Path) -> set[str]:
    """The graphs the metadata graph describes as cable graphs (not vocabulary, not links)."""
    answer = open_store(store_dir).query(
        "SELECT ?g WHERE { GRAPH ?m { ?g a <https://w3id.org/cablekg/ontology#CableGraph> } }"
    )
    return {row["g"].value for row in answer}


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    store_dir = tmp_path_factory.mktemp("store") / "sample"
    report = build([SAMPLE], store_dir, jobs=2, quiet=True)
    assert report.rejected == 0
    return store_dir


def test_sample_builds_every_cable_into_its_own_graph(sample_store):
    graphs = cable_graphs(sample_store)
    csv_rows = 15  # the excerpt of cables.csv (one row holds a quote that fools naive readers)
    cables = sum(1 for _ in SAMPLE.rglob("*.html")) + sum(1 for _ in SAMPLE.rglob("*.txt"))
    assert len(graphs) == cables + csv_rows == 77
    assert f"{DEFAULT_BASE}graph/07MUSCAT920" in graphs
    answer = open_store(sample_store).query(
        "SELECT ?date ?title WHERE { GRAPH ?g { ?c <http://purl.org/dc/terms/identifier> "
        '"07MUSCAT920" ; <http://purl.org/dc/terms/created> ?date ; '
        "<http://purl.org/dc/terms/title> ?title } }"
    )
    row = next(iter(answer))
    assert row["date"].value == "2007-09-29T07:28:00Z"
    assert row["title"].value.startswith("GOVERNMENT OFFICIALS ASSURE AMBASSADOR LAGON")
    text = (sample_store / "validation.txt").read_text()
    assert "77 graphs" in text and "conforms" in text
    assert (sample_store / "rejects.jsonl").read_text() == ""


def test_second_build_skips_unchanged_sources_and_changes_nothing(sample_store):
    before = dump(sample_store)
    report = build([SAMPLE], sample_store, jobs=1, quiet=True)
    assert (report.built, report.skipped) == (0, 77)
    assert dump(sample_store) == before


def test_forced_rebuild_and_another_job_count_give_the_same_store(sample_store, tmp_path):
    before = dump(sample_store)
    report = build([SAMPLE], sample_store, jobs=1, force=True, quiet=True)
    assert report.built == 77
    assert dump(sample_store) == before
    fresh = tmp_path / "fresh"
    build([SAMPLE], fresh, jobs=1, quiet=True)
    assert dump(fresh) == before


def test_a_changed_source_replaces_its_graph(tmp_path):
    seed = tmp_path / "in" / "07MUSCAT920.txt"
    seed.parent.mkdir()
    seed.write_bytes((SAMPLE / "telegrams" / "07MUSCAT920.txt").read_bytes())
    store_dir = tmp_path / "store"
    build([seed.parent], store_dir, jobs=1, quiet=True)
    seed.write_text(seed.read_text().replace("COMMITMENT ON TIP", "COMMITMENT ON TRAFFICKING"))
    report = build([seed.parent], store_dir, jobs=1, quiet=True)
    assert report.built == 1
    titles = [
        row["t"].value
        for row in open_store(store_dir).query(
            "SELECT ?t WHERE { GRAPH ?g { ?c a <https://w3id.org/cablekg/ontology#Cable> ; "
            "<http://purl.org/dc/terms/title> ?t } }"
        )
    ]
    assert titles == ["GOVERNMENT OFFICIALS ASSURE AMBASSADOR LAGON OF COMMITMENT ON TRAFFICKING"]
    derived = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
    sources = open_store(store_dir).query(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?m {{ ?g {derived} ?s }} }}"
    )
    assert next(iter(sources))["n"].value == "1"


def test_rejects_are_written_beside_the_store_and_the_batch_goes_on(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (inputs / "07MUSCAT920.txt").write_bytes(
        (SAMPLE / "telegrams" / "07MUSCAT920.txt").read_bytes()
    )
    store_dir = tmp_path / "store"
    result = CliRunner().invoke(main, ["build", str(inputs), "--store", str(store_dir), "-q"])
    assert result.exit_code == 0, result.output
    rejects = [json.loads(line) for line in (store_dir / "rejects.jsonl").read_text().splitlines()]
    assert sorted(Path(r["path"]).name for r in rejects) == ["binary.txt", "empty.txt"]
    assert all(r["reason"] for r in rejects)
    assert "rejected           2" in result.stderr
    strict = CliRunner().invoke(main, ["build", str(inputs), "--store", str(store_dir), "--strict"])
    assert strict.exit_code == 1


def test_a_second_writer_is_refused(tmp_path):
    store_dir = tmp_path / "store"
    with exclusive(store_dir), pytest.raises(StoreBusy, match="being written"):
        build([SAMPLE / "telegrams"], store_dir, quiet=True)


@pytest.mark.parametrize("fmt", ["nq", "nt", "ttl", "trig", "jsonld"])
def test_export_in_every_format_reads_back_to_the_same_triples(sample_store, tmp_path, fmt):
    out = tmp_path / f"dump.{fmt}.gz"
    result = CliRunner().invoke(
        main, ["export", "--store", str(sample_store), "--format", fmt, "--gzip", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    rdf_format = {
        "nq": ox.RdfFormat.N_QUADS, "nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE,
        "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD,
    }[fmt]  # fmt: skip
    read_back = ox.Store()
    read_back.load(gzip.decompress(out.read_bytes()), rdf_format)
    original = open_store(sample_store)
    triples = {(q.subject, q.predicate, q.object) for q in original}
    assert {(q.subject, q.predicate, q.object) for q in read_back} == triples
    if rdf_format.supports_datasets:
        assert set(read_back.named_graphs()) == set(original.named_graphs())


@pytest.mark.parametrize("after", [0.8, 1.6, 2.4])
def test_a_killed_build_resumed_ends_like_an_uninterrupted_one(shared, tmp_path, after):
    corpus = shared / "corpus" / "cablegate" / "cable" / "2008"
    command = [sys.executable, "-m", "cablekg", "build", str(corpus), "-q", "-j", "1", "--store"]
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    whole = tmp_path / "whole"
    subprocess.run([*command, str(whole)], check=True, env=env, capture_output=True)
    killed = tmp_path / "killed"
    process = subprocess.Popen([*command, str(killed)], env=env, stderr=subprocess.DEVNULL)
    time.sleep(after)
    process.send_signal(signal.SIGKILL)
    process.wait()
    subprocess.run([*command, str(killed)], check=True, env=env, capture_output=True)
    assert dump(killed) == dump(whole)


def test_the_report_times_every_stage(tmp_path):
    report = build([SAMPLE / "cables.csv"], tmp_path / "store", jobs=2, quiet=True)
    assert report.built == 15
    stages = report.stages
    assert list(stages) == ["read", "parse", "entities", "map", "validate", "load"]
    assert all(stages[s] > 0 for s in ("read", "parse", "map", "validate", "load"))
    assert stages["validate"] == pytest.approx(report.validation.seconds)


def test_the_store_carries_the_vocabulary_and_the_link_sets(sample_store):
    store = open_store(sample_store)
    graphs = {g.value for g in store.named_graphs()}
    for name in ("vocabulary", "links-countries", "links-posts", "links-organizations",
                 "links-officials"):  # fmt: skip
        assert f"{DEFAULT_BASE}graph/{name}" in graphs
    oman = store.query(
        "SELECT ?wikidata WHERE { GRAPH ?g { <https://w3id.org/cablekg/vocab/tag/MU> "
        "<http://xmlns.com/foaf/0.1/focus> ?country . ?country ?same ?wikidata "
        'FILTER(STRSTARTS(STR(?wikidata), "http://www.wikidata.org/entity/")) } }'
    )
    assert [row["wikidata"].value for row in oman] == ["http://www.wikidata.org/entity/Q842"]
    signed = store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { "
        "?c <https://w3id.org/cablekg/ontology#signedBy> ?official } }"
    )
    links = int(next(iter(signed))["n"].value)
    described = store.query(
        "SELECT ?n WHERE { GRAPH ?g { ?ls <http://rdfs.org/ns/void#linkPredicate> "
        "<https://w3id.org/cablekg/ontology#signedBy> ; <http://rdfs.org/ns/void#triples> ?n } }"
    )
    assert links > 0
    assert [int(row["n"].value) for row in described] == [links]


def test_entities_are_described_once_in_the_entities_graph(sample_store):
    store = open_store(sample_store)
    entities = ox.NamedNode(f"{DEFAULT_BASE}graph/entities")
    typed = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    person = ox.NamedNode("http://xmlns.com/foaf/0.1/Person")
    # Types of people are descriptions: none in a cable graph, all in the entities graph.
    cables = {ox.NamedNode(g) for g in cable_graphs(sample_store)}
    people = list(store.quads_for_pattern(None, typed, person))
    assert not [q for q in people if q.graph_name in cables]
    described = {q.subject for q in people if q.graph_name == entities}
    official = ox.NamedNode("https://w3id.org/cablekg/ontology#official")
    named = store.quads_for_pattern(None, official, None)
    assert {q.object for q in named if q.graph_name in cables} == described
    # The post of 07MUSCAT920 (in the sample) is described there, its station code once.
    muscat = ox.NamedNode(f"{DEFAULT_BASE}post/MUSCAT")
    code = ox.NamedNode("https://w3id.org/cablekg/ontology#stationCode")
    assert [q.object.value for q in store.quads_for_pattern(muscat, code, None, entities)] == [
        "MUSCAT"
    ]
