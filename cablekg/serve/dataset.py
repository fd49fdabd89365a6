"""The served graph: the embedded store opened read-only, and the questions pages ask of it.

A resource is described by its outgoing triples (from every graph) and its incoming triples
(counted per property, paged); every IRI on a page is shown by its label. The store is opened
once per process with `Store.read_only`: the server never writes it.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote

import pyoxigraph as ox

from cablekg.resources import data_path, ontology_path
from cablekg.serve import vocab
from cablekg.store import database_dir, open_store

# Files RocksDB rewrites on a read-only open; they say nothing about the data.
_VOLATILE = ("LOG", "LOCK")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Version:
    """What identifies the store's content: a digest for ETags, a time for Last-Modified."""

    digest: str
    modified: float

    @property
    def http_date(self) -> str:
        return formatdate(self.modified, usegmt=True)


def store_version(directory: Path) -> Version:
    """Digest of the database's file names, sizes and times (SST files never change in place)."""
    digest = hashlib.sha256()
    newest = 0.0
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            if name.startswith(_VOLATILE):
                continue
            stat = (Path(root) / name).stat()
            digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
            newest = max(newest, stat.st_mtime)
    return Version(digest.hexdigest()[:20], int(newest))


def _vocabulary() -> ox.Store:
    """The ontology and the TAGS vocabulary shipped with cablekg, for labels the store lacks
    (a store built without `--with-vocabulary` has TAG codes but not their meanings)."""
    store = ox.Store()
    for directory, name in vocab.VOCABULARY_FILES:
        try:
            path = (ontology_path if directory == "ontology" else data_path)(name)
        except FileNotFoundError:
            continue
        if path.is_file():
            store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def local_name(iri: str) -> str:
    """The last segment of an IRI, decoded: a readable fallback when there is no label."""
    tail = iri.rstrip("/#")
    for sep in ("#", "/", ":"):
        if sep in tail:
            tail = tail.rsplit(sep, 1)[1]
            break
    return unquote(tail) or iri


def sparql_iri(iri: str) -> str:
    if any(c in iri for c in '<>"{}|\\^` \n'):
        raise ValueError(f"not an IRI: {iri!r}")
    return f"<{iri}>"


class Dataset:
    """Read-only access to the store, with the lookups the pages need."""

    def __init__(self, store_dir: Path) -> None:
        self.path = store_dir
        self.store = open_store(store_dir)
        self.vocabulary = _vocabulary()
        self.version = store_version(database_dir(store_dir))
        self._label_props = [ox.NamedNode(p) for p in vocab.LABELS]
        self._memo: dict[str, object] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Aggregates over the whole graph, computed once (by one thread; others wait for it):
        the store never changes under us."""
        with self._lock:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._memo:
                self._memo[key] = compute()
            return self._memo[key]  # type: ignore[return-value]

    def select(self, query: str) -> list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode]]:
        """SELECT over the union of all graphs; each solution as a dict of bound variables."""
        solutions = self.store.query(query, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        return [{name: row[name] for name in names if row[name] is not None} for row in solutions]

    def quads_about(self, iri: str) -> Iterator[ox.Quad]:
        return self.store.quads_for_pattern(ox.NamedNode(iri), None, None, None)

    def quads_to(self, iri: str) -> Iterator[ox.Quad]:
        return self.store.quads_for_pattern(None, None, ox.NamedNode(iri), None)

    def exists(self, iri: str) -> bool:
        """True when the IRI is the subject or object of some triple."""
        return (
            next(self.quads_about(iri), None) is not None
            or next(self.quads_to(iri), None) is not None
        )

    def has_types(self, iri: str) -> set[str]:
        node = ox.NamedNode(iri)
        return {
            q.object.value
            for q in self.store.quads_for_pattern(node, ox.NamedNode(vocab.RDF_TYPE), None, None)
        }

    def labels(self, iris: Iterable[str]) -> dict[str, str]:
        """The best label of each IRI that has one (see `vocab.LABELS`), English first.

        Index lookups per IRI and property: a SPARQL `VALUES` join here scanned every label
        of the store (200 ms per page at 20,000 cables).
        """
        found: dict[str, str] = {}
        for iri in dict.fromkeys(i for i in iris if i):
            node = ox.NamedNode(iri)
            for prop in self._label_props:
                labels = [
                    q.object
                    for store in (self.store, self.vocabulary)
                    for q in store.quads_for_pattern(node, prop, None, None)
                    if isinstance(q.object, ox.Literal)
                ]
                if labels:
                    best = min(labels, key=lambda lit: (lit.language not in (None, "en"),
                                                        lit.value))  # fmt: skip
                    found[iri] = best.value
                    break
        return found

    def values(self, iri: str, prop: str) -> list[ox.NamedNode | ox.Literal | ox.BlankNode]:
        """Objects of one property of one resource, from every graph (and the shipped
        vocabularies when the store has none), without duplicates."""
        node, pred = ox.NamedNode(iri), ox.NamedNode(prop)
        for store in (self.store, self.vocabulary):
            found = dict.fromkeys(q.object for q in store.quads_for_pattern(node, pred, None, None))
            if found:
                return list(found)
        return []

    def in_corpus(self, cable: str) -> bool:
        """True for a cable the store holds (the primary topic of a cable graph), False for a
        cable known only because others cite it."""
        pattern = (None, ox.NamedNode(vocab.PRIMARY_TOPIC), ox.NamedNode(cable), None)
        return next(self.store.quads_for_pattern(*pattern), None) is not None

    def incoming_counts(self, iri: str) -> list[tuple[str, int]]:
        """(property, number of subjects linking here with it), most frequent first."""
        rows = self.select(
            f"SELECT ?p (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p {sparql_iri(iri)} }}"
            " GROUP BY ?p ORDER BY DESC(?n) ?p"
        )
        return [(row["p"].value, int(row["n"].value)) for row in rows]

    def incoming(
        self, iri: str, prop: str, offset: int, limit: int, year: str | None = None
    ) -> list[str]:
        """Subjects linking to `iri` with `prop`, newest cables first, then by IRI."""
        year_filter = f'FILTER(STRSTARTS(STR(?date), "{int(year):04d}"))' if year else ""
        rows = self.select(
            f"SELECT DISTINCT ?s ?date WHERE {{ ?s {sparql_iri(prop)} {sparql_iri(iri)} "
            f"OPTIONAL {{ ?s <{vocab.CREATED}> ?date }} {year_filter} }}"
            f" ORDER BY DESC(?date) ?s OFFSET {int(offset)} LIMIT {int(limit)}"
        )
        return [row["s"].value for row in rows if isinstance(row["s"], ox.NamedNode)]

    def incoming_years(self, iri: str, prop: str) -> list[tuple[str, int]]:
        """(year, count) of the dated subjects linking here with `prop` (cables by year)."""
        rows = self.select(
            f"SELECT ?y (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s {sparql_iri(prop)} "
            f"{sparql_iri(iri)} . ?s <{vocab.CREATED}> ?date BIND(SUBSTR(STR(?date), 1, 4) AS ?y)"
            " } GROUP BY ?y ORDER BY ?y"
        )
        return [(row["y"].value, int(row["n"].value)) for row in rows]

    def graph_quads(self, graph: str | None) -> Iterator[ox.Quad]:
        """Every quad of one named graph, or of the whole store when `graph` is None."""
        return self.store.quads_for_pattern(
            None, None, None, ox.NamedNode(graph) if graph else None
        )
