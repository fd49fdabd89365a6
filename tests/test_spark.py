"""The per-cable pipeline on Spark (local mode): shards hold exactly what `cablekg build` writes.

Needs pyspark and a Java runtime: the test set-up installs both (`.[test]` and `.ci/run`).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from cablekg.rdf.namespaces import DEFAULT_BASE
from cablekg.sources.cables_csv import read_rows
from cablekg.spark import build_shards, splits

pyspark = pytest.importorskip("pyspark")
pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs a Java runtime")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def reproducible(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def test_splits_cut_at_records_and_keep_row_numbers(shared):
    path = shared / "corpus" / "cables.csv"
    with path.open("rb") as stream:
        whole = [(r.source.row, r.metadata.id) for r in read_rows(stream, str(path))]
    parts = splits(path, rows=4)
    assert [p.rows_before for p in parts] == [0, 4, 8, 12]
    pieces = []
    for part in parts:
        with path.open("rb") as stream:
            stream.seek(part.offset)
            data = stream.read(part.length)
        assert data.startswith(b'"')
        pieces += [
            (r.source.row, r.metadata.id)
            for r in read_rows(
                io.BytesIO(data), str(path),
                rows_before=part.rows_before, offset=part.offset,
            )
        ]  # fmt: skip
    assert pieces == whole and len(whole) == 15 and whole[0] == (1, "66BUENOSAIRES2481")


@pytest.mark.slow  # starts a JVM: about a minute on a busy 2-core machine
def test_spark_shards_equal_the_build_and_load_into_oxigraph(shared, tmp_path, monkeypatch):
    from pyspark import SparkConf, SparkContext

    from cablekg.store import open_store
    from cablekg.store.build import build

    source = shared / "corpus" / "cables.csv"
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    conf = SparkConf().setMaster("local[2]").setAppName("cablekg-test")
    conf = conf.set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
    context = SparkContext(conf=conf)
    try:
        count = build_shards(context, str(source), str(tmp_path / "shards"), rows_per_split=5)
    finally:
        context.stop()
    assert count == 3
    shards = sorted((tmp_path / "shards").glob("part-*"))
    assert len(shards) == 3

    spark = ox.Store()
    for shard in shards:
        spark.bulk_load(path=str(shard), format=ox.RdfFormat.N_QUADS)
    build([str(source)], tmp_path / "store", jobs=1, quiet=True, validate=False)
    built = open_store(tmp_path / "store")
    # Every cable graph and the metadata graph are the same; the officials' link set holds the
    # same per-cable links (the build adds the Historian's records and VoID once per store).
    graphs = {q.graph_name for q in spark}
    linkset = ox.NamedNode(f"{DEFAULT_BASE}graph/links-officials")
    ours = {q for q in spark if q.graph_name != linkset}
    theirs = {q for q in built if q.graph_name in graphs and q.graph_name != linkset}
    assert ours == theirs and len(ours) > 15 * 50
    assert {q for q in spark if q.graph_name == linkset} <= set(built)

    # A server's offline bulk loader takes the shards as they are.
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(oxigraph).exists():
        pytest.skip("no oxigraph server binary")
    database = tmp_path / "server"
    for shard in shards:
        subprocess.run(
            [oxigraph, "load", "--location", str(database), "--file", str(shard), "--format", "nq"],
            check=True, capture_output=True,
        )  # fmt: skip
    served = ox.Store.read_only(str(database))
    assert len(served) == len(spark)
    answer = served.query(
        "SELECT ?t WHERE { GRAPH ?g { ?c <http://purl.org/dc/terms/identifier> "
        '"66BUENOSAIRES2481" ; <http://purl.org/dc/terms/title> ?t } }'
    )
    assert next(iter(answer))["t"].value.startswith("EXTENDED NATIONAL JURISDICTIONS")
