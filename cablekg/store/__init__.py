"""The embedded store: a directory holding the Oxigraph database and the build's reports.

DIR/oxigraph/            the pyoxigraph (RocksDB) database: one named graph per cable, the
                         metadata graph, the link sets
DIR/rejects.jsonl        inputs that gave no cable, one JSON line each (path, row, reason)
DIR/validation.txt       the SHACL report of the last build, for people
DIR/validation.ttl       the same as a SHACL validation report graph
DIR/spool/               N-Quads of built cables on their way into the store (a fresh
                         build's whole stream, else segments), during a build only
DIR/.lock                held by the one process writing the store
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

T = TypeVar("T")


def database_dir(store_dir: Path) -> Path:
    return Path(store_dir) / "oxigraph"


def open_store(store_dir: Path, *, read_only: bool = True) -> ox.Store:
    """Open the store's database; read-only opens may run beside a writer."""
    database = database_dir(store_dir)
    if read_only:
        if not database.is_dir():
            raise FileNotFoundError(f"{store_dir} holds no cablekg store (run `cablekg build`)")
        return ox.Store.read_only(str(database))
    database.mkdir(parents=True, exist_ok=True)
    return ox.Store(str(database))


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of `size` items (the last one shorter): `itertools.batched` before Python 3.12."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
