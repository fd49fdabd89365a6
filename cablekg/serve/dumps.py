"""`/dumps/`: gzip N-Quads of the whole dataset and of each link set, written once per store
version into the cache directory and served as files (with ETag, Last-Modified and ranges)."""

from __future__ import annotations

import gzip
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from cablekg.serve import vocab
from cablekg.serve.dataset import Dataset

WHOLE = "cablekg.nq.gz"
_NAME = re.compile(r"[A-Za-z0-9._-]+\.nq\.gz")


@dataclass(frozen=True, slots=True)
class Dump:
    name: str  # file name under /dumps/
    title: str
    graph: str | None  # the named graph it holds, None for the whole dataset


def planned(data: Dataset) -> list[Dump]:
    """The whole dataset, then one dump per link set graph (a named graph that describes its
    links as `void:Linkset`s, as `cablekg links` writes them)."""
    dumps = [Dump(WHOLE, "The whole dataset (every named graph)", None)]
    rows = data.select(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?l a <{vocab.VOID}Linkset> }} }} ORDER BY ?g"
    )
    for row in rows:
        graph = row["g"].value
        tail = graph.rstrip("/").rsplit("/graph/", 1)[-1]
        name = re.sub(r"[^A-Za-z0-9._-]+", "-", tail).strip("-") or "links"
        dumps.append(Dump(f"{name}.nq.gz", f"Link set graph {tail}", graph))
    return dumps


def write(data: Dataset, dump: Dump, directory: Path) -> Path:
    """Write one dump atomically (a half-written file is never served)."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / dump.name
    partial = directory / f".{dump.name}.partial"
    with gzip.open(partial, "wb", compresslevel=6) as out:
        ox.serialize(data.graph_quads(dump.graph), out, format=ox.RdfFormat.N_QUADS)
    os.replace(partial, target)
    return target


def safe_name(name: str) -> bool:
    """Only plain dump file names: no separators, no dot segments."""
    return bool(_NAME.fullmatch(name)) and not name.startswith(".")
