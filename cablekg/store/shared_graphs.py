"""The store's graphs that belong to no single cable: the vocabulary and the link sets.

- `graph/vocabulary`: the ontology with its controlled vocabularies and the TAGS schemes, so
  labels and TAG meanings can be queried beside the cables.
- `graph/links-countries|posts|organizations`: built from the tables in `data/links/`, replaced
  whole on every build.
- `graph/links-officials`: the Office of the Historian's persons and tenures, plus the links a
  cable's signers, classifier and officials resolve to. Those cable links are replaced with their
  cable; the VoID description of the link set is recounted at the end of each build.
"""

from __future__ import annotations

import os
from collections import Counter
from datetime import UTC, date, datetime

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, VOID

from cablekg.links.linksets import (
    Iris,
    cable_links,
    countries_linkset,
    officials_linkset,
    organizations_linkset,
    posts_linkset,
)
from cablekg.model import Cable
from cablekg.rdf import vocabulary_triples
from cablekg.rdf.namespaces import CKG

STATIC_LINKSETS = (countries_linkset, posts_linkset, organizations_linkset)
CABLE_LINK_PREDICATES = (CKG.signedBy, CKG.classifiedBy, CKG.official)


def created() -> date:
    """Today, or the day of `SOURCE_DATE_EPOCH` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch else datetime.now(UTC).date()


def write_static(store: ox.Store, iris: Iris) -> None:
    """Replace the vocabulary graph and the table-built link sets; add the Historian's records."""
    vocabulary = ox.NamedNode(iris.vocabulary_graph())
    text = "".join(f"{s} {p} {o} <{vocabulary.value}> .\n" for s, p, o in vocabulary_triples())
    _replace(store, vocabulary, ox.parse(text.encode("utf-8"), ox.RdfFormat.N_QUADS))
    for build in STATIC_LINKSETS:
        w = build(iris)
        _replace(store, w.graph, [*w.quads, *w.describe(created())])
    store.extend(officials_linkset(iris).quads)


def cable_link_nquads(
    iris: Iris, cable: Cable, counts: Counter[tuple[str, str]] | None = None
) -> str:
    """The officials a cable names, resolved to the Historian's records, as N-Quads; `counts`
    adds up the links by (target, predicate)."""
    quads = cable_links(iris, cable, Counter() if counts is None else counts)
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8") if quads else ""


def remove_cable_links(store: ox.Store, iris: Iris, cable_iri: str) -> None:
    """Drop what an earlier build linked for this cable (before it is rebuilt)."""
    graph = ox.NamedNode(iris.linkset_graph("officials"))
    cable = ox.NamedNode(cable_iri)
    source = ox.NamedNode(str(OWL.annotatedSource))
    axioms = [q.subject for q in store.quads_for_pattern(None, source, cable, graph)]
    for subject in [cable, *axioms]:
        for quad in list(store.quads_for_pattern(subject, None, None, graph)):
            store.remove(quad)


def officials_description(iris: Iris, counts: Counter[tuple[str, str]]) -> list[ox.Quad]:
    """The VoID description of the officials link set, given its links by (target,
    predicate)."""
    w = officials_linkset(iris)
    w.counts.update({key: count for key, count in counts.items() if count})
    return w.describe(created())


def describe_officials(store: ox.Store, iris: Iris) -> None:
    """Recount the officials link set in the store and replace its VoID description."""
    graph = ox.NamedNode(iris.linkset_graph("officials"))
    counts: Counter[tuple[str, str]] = Counter()
    for predicate in CABLE_LINK_PREDICATES:
        node = ox.NamedNode(str(predicate))
        counts["historian", str(predicate)] = sum(
            1 for _ in store.quads_for_pattern(None, node, None, graph)
        )
    description = officials_description(iris, counts)
    stale = {q.subject for q in description}
    linkset_type = (ox.NamedNode(str(RDF.type)), ox.NamedNode(str(VOID.Linkset)))
    stale |= {q.subject for q in store.quads_for_pattern(None, *linkset_type, graph)}
    for subject in stale:
        for quad in list(store.quads_for_pattern(subject, None, None, graph)):
            store.remove(quad)
    store.extend(description)


def _replace(store: ox.Store, graph: ox.NamedNode, quads) -> None:
    if store.contains_named_graph(graph):
        store.remove_graph(graph)
    store.extend(quads)
