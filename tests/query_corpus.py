"""The developer corpus built into a store, for testing the named queries.

The store is what `cablekg build` makes of the developer corpus (cable graphs, metadata,
vocabulary, link sets). Beside it, the same sources are read again with `cablekg.read`, so that
a test can compute what a query must answer independently, in plain Python over the parsed
cables.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from cablekg import read
from cablekg.model import Cable
from cablekg.queries import named_queries
from cablekg.rdf.iris import cable_key
from cablekg.store import open_store
from cablekg.store.build import build
from cablekg.store.query import query_store


@dataclass
class Corpus:
    directory: Path
    store: ox.Store
    cables: dict[str, Cable]  # by IRI key (the id), the last read winning as in the build

    def answer(self, query: str, /, **params: object) -> list[dict[str, str]]:
        """Rows of the named query as {variable: value} (unbound variables left out)."""
        text = named_queries()[query].bind({k: str(v) for k, v in params.items()})
        bindings = query_store(self.store, text)["results"]["bindings"]
        return [{k: v["value"] for k, v in row.items()} for row in bindings]

    def of_post(self, station: str) -> list[Cable]:
        return [c for c in self.cables.values() if c.station == station]


_BUILT: dict[Path, Corpus] = {}


def corpus_once(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """The corpus store of this test session, built by the first test module that needs it."""
    if shared not in _BUILT:
        _BUILT[shared] = build_corpus(shared, tmp_path_factory.mktemp("query-store") / "store")
    return _BUILT[shared]


def corpus_sources(shared: Path) -> list[Path]:
    corpus = shared / "corpus"
    return [corpus / "cablegate", corpus / "telegrams", corpus / "cables.csv"]


def build_corpus(shared: Path, directory: Path) -> Corpus:
    sources = corpus_sources(shared)
    build(sources, directory, jobs=2, quiet=True, validate=False)
    store = open_store(directory)
    cables = {}
    for cable in read(sources):
        source = cable.source
        cables[cable_key(cable.id, source.sha256 or f"{source.path}#{source.row}")] = cable
    return Corpus(directory, store, cables)
