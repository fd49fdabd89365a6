"""Validation reports: grouped for people, SHACL Turtle for machines."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib.namespace import SH

from cablekg.rdf.terms import XSD_STRING, parse_term
from cablekg.validate.engines import Engine, Violation
from cablekg.validate.units import Unit

EXAMPLES = 3


@dataclass
class Group:
    shape: str
    message: str
    count: int = 0
    examples: list[str] = field(default_factory=list)


@dataclass
class Report:
    """The outcome of validating many units with one engine."""

    engine: str
    units: int = 0
    triples: int = 0
    seconds: float = 0.0
    groups: dict[tuple[str, str], Group] = field(default_factory=dict)
    violations: list[Violation] = field(default_factory=list)
    keep: int = 100_000  # violations kept for the machine report

    @property
    def conforms(self) -> bool:
        return not self.groups

    @property
    def count(self) -> int:
        return sum(group.count for group in self.groups.values())

    def add(self, violations: Iterable[Violation]) -> None:
        for v in violations:
            group = self.groups.setdefault((v.shape, v.message), Group(v.shape, v.message))
            group.count += 1
            if len(group.examples) < EXAMPLES and v.focus not in group.examples:
                group.examples.append(v.focus)
            if len(self.violations) < self.keep:
                self.violations.append(v)

    def text(self) -> str:
        """What a person reads: one block per shape and message, most frequent first."""
        per_unit = 1000 * self.seconds / self.units if self.units else 0.0
        graphs = "graph" if self.units == 1 else "graphs"
        head = (
            f"{self.units} {graphs}, {self.triples} triples validated with the {self.engine} engine"
            f" in {self.seconds:.1f} s ({per_unit:.2f} ms per graph): "
        )
        if self.conforms:
            return head + "conforms, no violations.\n"
        lines = [head + f"{self.count} violations of {len(self.groups)} kinds.", ""]
        for group in sorted(self.groups.values(), key=lambda g: (-g.count, g.shape)):
            lines.append(f"{group.count:>8}  {_short(group.shape)}: {group.message}")
            lines.extend(f"{'':10}e.g. {focus}" for focus in group.examples)
        return "\n".join(lines) + "\n"

    def graph(self) -> rdflib.Graph:
        """The SHACL validation report (sh:ValidationReport) of the kept violations."""
        g = rdflib.Graph()
        g.bind("sh", SH)
        report = rdflib.BNode()
        g.add((report, rdflib.RDF.type, SH.ValidationReport))
        g.add((report, SH.conforms, rdflib.Literal(self.conforms)))
        for v in self.violations:
            result = rdflib.BNode()
            g.add((report, SH.result, result))
            g.add((result, rdflib.RDF.type, SH.ValidationResult))
            g.add((result, SH.focusNode, _node(v.focus)))
            g.add((result, SH.sourceShape, _node(v.shape)))
            g.add((result, SH.sourceConstraintComponent, SH[v.component]))
            g.add((result, SH.resultSeverity, SH[v.severity]))
            g.add((result, SH.resultMessage, rdflib.Literal(v.message)))
            if v.path:
                g.add((result, SH.resultPath, _node(v.path)))
            if v.value_term is not None:
                g.add((result, SH.value, _term(v.value_term)))
        return g

    def write_turtle(self, path: Path) -> None:
        self.graph().serialize(path, format="turtle")


def validate_units(units: Iterable[Unit], engine: Engine) -> Report:
    report = Report(engine.name)
    start = time.perf_counter()
    for unit in units:
        report.units += 1
        report.triples += unit.triples
        report.add(engine.validate(unit.ntriples))
    report.seconds = time.perf_counter() - start
    return report


def _node(text: str) -> rdflib.term.Node:
    if text.startswith("<") and text.endswith(">"):
        return rdflib.URIRef(text[1:-1])
    if text.startswith("_:"):
        return rdflib.BNode(text[2:])
    return rdflib.Literal(text)


def _term(text: str) -> rdflib.term.Node:
    """A term in N-Triples syntax as an rdflib term."""
    if text.startswith("_:"):
        return rdflib.BNode(text[2:])
    term = parse_term(text)
    if term.is_iri:
        return rdflib.URIRef(term.value)
    if term.datatype == XSD_STRING:
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype))


def _short(shape: str) -> str:
    return shape.strip("<>").rsplit("#", 1)[-1]
