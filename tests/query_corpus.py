"""The developer corpus in an embedded store, for testing the named queries.

The cables are read once per session (with the parser when it is installed, else from the plainly
marked-up parts of the Cablegate pages), their officials and agencies extracted, mapped to RDF
with the vocabulary graph, and bulk-loaded into an on-disk Oxigraph store laid out like the one
`cablekg build` writes (`DIR/oxigraph/`). The parsed cables are kept beside the store so that
tests can compute what a query must answer independently, in plain Python.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdf_cables import corpus_cables, gold_entities

from cablekg.entities import extract
from cablekg.model import Agency, Cable, Official
from cablekg.queries import named_queries
from cablekg.rdf import write
from cablekg.store import database_dir
from cablekg.store.query import query_store

try:
    from cablekg import read as _read  # noqa: F401  (the parser)

    HAS_PARSER = True
except ImportError:
    HAS_PARSER = False


@dataclass
class Corpus:
    directory: Path
    store: ox.Store
    cables: list[Cable]

    def by_id(self, cable_id: str) -> Cable:
        return next(c for c in self.cables if c.id == cable_id)

    def answer(self, name: str, **params: object) -> list[dict[str, str]]:
        """Rows of the named query as {variable: value} (unbound variables left out)."""
        text = named_queries()[name].bind({k: str(v) for k, v in params.items()})
        bindings = query_store(self.store, text)["results"]["bindings"]
        return [{k: v["value"] for k, v in row.items()} for row in bindings]


def with_entities(cables: Iterator[Cable], root: Path) -> Iterator[Cable]:
    """Officials and agencies from the extractor; the hand-made gold set where it finds none."""
    gold = gold_entities(root)
    for cable in cables:
        if cable.officials or cable.agencies:
            yield cable
            continue
        officials, agencies = extract(cable)
        if not (officials or agencies) and cable.id in gold:
            entry = gold[cable.id]
            officials = tuple(Official(**o) for o in entry["officials"])
            agencies = tuple(Agency(**a) for a in entry["agencies"])
        if officials or agencies:
            cable = cable.with_changes(officials=officials, agencies=agencies)
        yield cable


def build_corpus(shared: Path, root: Path, directory: Path) -> Corpus:
    cables = list(with_entities(corpus_cables(shared, root), root))
    nquads = directory / "corpus.nq"
    write(cables, nquads, "nq", with_vocabulary=True)
    store = ox.Store(str(database_dir(directory)))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    nquads.unlink()
    return Corpus(directory, store, cables)
