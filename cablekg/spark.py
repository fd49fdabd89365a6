"""The per-cable pipeline on Apache Spark, for a corpus that outgrows one machine.

`cablekg build` keeps everything on one machine. Past that, the parse -> RDF stage is a pure
function of each row of `cables.csv`, so any distributed engine can run it; this module runs it
on Spark (`pip install 'cablekg[spark]'`) and writes N-Quads shards that a SPARQL server's bulk
loader ingests (`oxigraph load`, Virtuoso's `ld_dir` + `rdf_loader_run`). Nothing here
schedules, ships or retries work: Spark does.

The driver reads the file once to cut it into splits at record boundaries (`split_points`: rows
can span lines, so a split cannot start at an arbitrary byte); each Spark task reads its byte range
with cablekg's own reader and maps every cable with cablekg's own parser and mapper, so a shard
holds exactly the quads `cablekg build` would write for those rows (same graphs, same source
rows and offsets, the officials' links), plus the software description once (in the first
shard). What `cablekg build` writes once per store (the TAGS vocabulary, the table-built link
sets, the officials' descriptions) is not per cable and not in the shards.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from cablekg.links.linksets import Iris
from cablekg.parse import parse_raw
from cablekg.rdf.mapping import Described, Mapper, generation_time, nquad_lines
from cablekg.rdf.namespaces import DEFAULT_BASE
from cablekg.sources import RawCable
from cablekg.sources.cables_csv import read_rows, split_points
from cablekg.store.shared_graphs import cable_link_nquads

ROWS_PER_SPLIT = 2000


@dataclass(frozen=True, slots=True)
class Split:
    """A byte range of `cables.csv` holding whole records, and the rows before it."""

    path: str
    offset: int
    length: int
    rows_before: int


def splits(path: str | os.PathLike[str], rows: int = ROWS_PER_SPLIT) -> list[Split]:
    """The file cut into splits of about `rows` records (one sequential read, in the driver)."""
    with open(path, "rb") as stream:
        return [Split(str(path), *point) for point in split_points(stream, rows)]


def split_nquads(split: Split, mapper: Mapper, described: Described | None = None) -> Iterator[str]:
    """The N-Quads of every cable in `split` (its graph, the descriptions of its entities that
    `described` has not seen, its officials' links, its metadata), one string per cable. Rejected
    rows are skipped (the rejects report is `cablekg build`'s job; `cablekg parse --rejects`
    lists them too)."""
    links = Iris(mapper.iris.base)
    described = described or Described()
    with open(split.path, "rb") as stream:
        stream.seek(split.offset)
        data = io.BytesIO(stream.read(split.length))
    for item in read_rows(data, split.path, rows_before=split.rows_before, offset=split.offset):
        if isinstance(item, RawCable):
            cable = parse_raw(item, True)
            mapped = mapper.map(cable)
            descriptions = described.new(mapped.descriptions)
            yield mapped.nquads(descriptions) + cable_link_nquads(links, cable)


def _partition(base_iri: str, generated: str):
    """The function Spark runs on each partition (a list of splits): N-Quads text out."""

    def run(index: int, items: Iterable[Split]) -> Iterator[str]:
        mapper = Mapper(base_iri, generated=generated)
        described = Described()  # each description once per partition
        if index == 0:
            yield nquad_lines(mapper.agent_triples(), mapper.metadata_graph)
        for split in items:
            yield from split_nquads(split, mapper, described)

    return run


def build_shards(
    spark_context: Any,
    source: str | os.PathLike[str],
    output: str,
    *,
    base_iri: str = DEFAULT_BASE,
    rows_per_split: int = ROWS_PER_SPLIT,
) -> int:
    """Write `source`'s quads as N-Quads text shards (`output/part-NNNNN`); returns the splits.

    `source` must be readable at the same path by every executor (a shared file system);
    `output` is any path Spark's `saveAsTextFile` accepts (local, HDFS, S3...).
    """
    parts = splits(source, rows_per_split)
    rdd = spark_context.parallelize(parts, len(parts))
    nquads = rdd.mapPartitionsWithIndex(_partition(base_iri, generation_time()))
    # Each cable's quads end with a newline; saveAsTextFile adds one per element.
    nquads.map(lambda text: text.rstrip("\n")).filter(bool).saveAsTextFile(output)
    return len(parts)


def main(argv: list[str] | None = None) -> None:
    """`spark-submit .../cablekg/spark.py cables.csv OUTPUT` (cablekg installed on executors);
    run with plain `python -m cablekg.spark` it uses every local core (`local[*]`)."""
    import argparse

    from pyspark import SparkConf, SparkContext

    parser = argparse.ArgumentParser(description="cables.csv -> N-Quads shards on Spark")
    parser.add_argument("source")
    parser.add_argument("output")
    parser.add_argument("--base-iri", default=DEFAULT_BASE)
    parser.add_argument("--rows-per-split", type=int, default=ROWS_PER_SPLIT)
    args = parser.parse_args(argv)
    conf = (
        SparkConf()
        .setIfMissing("spark.master", "local[*]")
        .setIfMissing("spark.app.name", "cablekg")
    )
    context = SparkContext.getOrCreate(conf)
    try:
        count = build_shards(
            context, args.source, args.output, base_iri=args.base_iri,
            rows_per_split=args.rows_per_split,
        )  # fmt: skip
        print(f"{count} splits -> {args.output}")
    finally:
        context.stop()


if __name__ == "__main__":
    main()
