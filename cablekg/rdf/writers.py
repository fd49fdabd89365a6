"""Streaming writers: one cable at a time in, text out, whatever the corpus size.

Every writer takes `CableTriples` from the mapping and writes them at once; none keeps more
than one cable in memory, so exporting the whole corpus never builds one big graph. Formats
with named graphs (N-Quads, TriG, JSON-LD) put each cable in its own graph, the descriptions of
the entities it names in the entities graph and its provenance in the metadata graph; N-Triples
and Turtle write the union. A writer writes each entity description once (`Described`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from cablekg.rdf import jsonld
from cablekg.rdf.formats import RdfFormat
from cablekg.rdf.iris import Iris
from cablekg.rdf.jsonld import DATA_PREFIXES, VOCAB_PREFIXES
from cablekg.rdf.mapping import CableTriples, Described, Triple, nquad_lines
from cablekg.rdf.namespaces import DEFAULT_BASE, PREFIXES, VOCAB
from cablekg.rdf.turtle import TurtleTerms


def turtle_prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """The prefixes of Turtle and TriG output: vocabularies, then data kinds under `base`."""
    base = Iris(base).base
    prefixes = dict(PREFIXES)
    prefixes.update({p: base + path for p, path in DATA_PREFIXES.items()})
    prefixes.update({p: VOCAB + path for p, path in VOCAB_PREFIXES.items()})
    return prefixes


class Writer:
    """Base of the writers: `start`, then `write` per cable, then `finish`."""

    def __init__(self, out: TextIO, base: str = DEFAULT_BASE) -> None:
        self.out = out
        self.base = base
        self.triples = 0
        self.described = Described()

    def start(self, metadata: list[Triple], metadata_graph: str) -> None:
        """Open the document; `metadata` (the software agent) goes into the metadata graph."""
        if metadata:
            self.write_triples(metadata, metadata_graph)

    def write(self, cable: CableTriples) -> None:
        raise NotImplementedError

    def new_descriptions(self, cable: CableTriples) -> list[Triple]:
        """The cable's entity descriptions this writer has not written yet, counted."""
        descriptions = self.described.new(cable.descriptions)
        self.triples += len(cable.triples) + len(descriptions) + len(cable.metadata)
        return descriptions

    def write_triples(self, triples: list[Triple], graph: str) -> None:
        """Triples that belong to no cable (the software agent, vocabularies)."""
        raise NotImplementedError

    def finish(self) -> None:
        """Close the document."""


class NQuadsWriter(Writer):
    def write(self, cable: CableTriples) -> None:
        self.out.write(cable.nquads(self.new_descriptions(cable)))

    def write_triples(self, triples: list[Triple], graph: str) -> None:
        self.out.write(nquad_lines(triples, graph))
        self.triples += len(triples)


class NTriplesWriter(Writer):
    def write(self, cable: CableTriples) -> None:
        rows = cable.triples + self.new_descriptions(cable) + cable.metadata
        self.out.write("".join([f"{s} {p} {o} .\n" for s, p, o in rows]))

    def write_triples(self, triples: list[Triple], graph: str) -> None:
        self.out.write("".join(f"{s} {p} {o} .\n" for s, p, o in triples))
        self.triples += len(triples)


class TurtleWriter(Writer):
    def __init__(self, out: TextIO, base: str = DEFAULT_BASE) -> None:
        super().__init__(out, base)
        self.terms = TurtleTerms(turtle_prefixes(base))

    def start(self, metadata: list[Triple], metadata_graph: str) -> None:
        self.out.write(self.terms.header())
        super().start(metadata, metadata_graph)

    def write(self, cable: CableTriples) -> None:
        rows = cable.triples + self.new_descriptions(cable) + cable.metadata
        self.out.write(self.terms.block(rows) + "\n")

    def write_triples(self, triples: list[Triple], graph: str) -> None:
        self.out.write(self.terms.block(triples) + "\n")
        self.triples += len(triples)


class TrigWriter(TurtleWriter):
    def write(self, cable: CableTriples) -> None:
        descriptions = self.new_descriptions(cable)
        graphs = [(cable.graph, cable.triples), (cable.entities_graph, descriptions)]
        graphs.append((cable.metadata_graph, cable.metadata))
        term, block = self.terms.term, self.terms.block
        self.out.write(
            "".join(f"{term(g)} {{\n{block(rows, '    ')}}}\n\n" for g, rows in graphs if rows)
        )

    def write_triples(self, triples: list[Triple], graph: str) -> None:
        term = self.terms.term
        self.out.write(f"{term(graph)} {{\n{self.terms.block(triples, '    ')}}}\n\n")
        self.triples += len(triples)


class JsonLdWriter(Writer):
    """One JSON-LD document: the context, then a named graph object per cable and metadata."""

    def __init__(self, out: TextIO, base: str = DEFAULT_BASE) -> None:
        super().__init__(out, base)
        self.compactor = jsonld.Compactor(base)
        self._first = True

    def start(self, metadata: list[Triple], metadata_graph: str) -> None:
        ctx = json.dumps(self.compactor.context, ensure_ascii=False, indent=1)
        self.out.write(f'{{\n"@context": {ctx},\n"@graph": [\n')
        super().start(metadata, metadata_graph)

    def _item(self, value: dict) -> None:
        if not self._first:
            self.out.write(",\n")
        self._first = False
        self.out.write(json.dumps(value, ensure_ascii=False, indent=1))

    def write(self, cable: CableTriples) -> None:
        descriptions = self.new_descriptions(cable)
        self._item(self.compactor.graph(cable.graph, cable.triples, cable.cable))
        if descriptions:
            self._item(self.compactor.graph(cable.entities_graph, descriptions))
        self._item(self.compactor.graph(cable.metadata_graph, cable.metadata, cable.graph))

    def write_triples(self, triples: list[Triple], graph: str) -> None:
        if triples:
            self._item(self.compactor.graph(graph, triples))
            self.triples += len(triples)

    def finish(self) -> None:
        self.out.write("\n]\n}\n")


WRITERS: dict[RdfFormat, type[Writer]] = {
    RdfFormat.NQUADS: NQuadsWriter,
    RdfFormat.NTRIPLES: NTriplesWriter,
    RdfFormat.TURTLE: TurtleWriter,
    RdfFormat.TRIG: TrigWriter,
    RdfFormat.JSONLD: JsonLdWriter,
}


def writer(fmt: RdfFormat, out: TextIO, base: str = DEFAULT_BASE) -> Writer:
    return WRITERS[fmt](out, base)


def write_all(
    cables: Iterable[CableTriples], w: Writer, metadata: list[Triple], metadata_graph: str
) -> int:
    """Write every mapped cable with `w`; returns the number of cables."""
    w.start(metadata, metadata_graph)
    count = 0
    for cable in cables:
        w.write(cable)
        count += 1
    w.finish()
    return count
