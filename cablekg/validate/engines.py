"""Two SHACL engines with one result type, so their reports can be compared.

- `pyshacl`: the reference (pure Python, ~20-40 ms per cable).
- `fast`: the `shacl` package (Rust), ~1 ms per cable: the one for the whole corpus.

Both read a unit of N-Triples text (one cable graph with its metadata) and return
`Violation`s whose terms are in N-Triples syntax.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import rdflib
from rdflib.namespace import SH

from cablekg.validate.shapes import compiled_shapes, rdflib_shapes


@dataclass(frozen=True, slots=True, order=True)
class Violation:
    """One SHACL result. `shape` is the named shape that raised it."""

    shape: str
    focus: str
    path: str | None
    component: str
    value: str | None
    message: str
    severity: str = "Violation"
    value_term: str | None = field(default=None, compare=False)  # the value in N-Triples syntax

    def key(self) -> tuple:
        """What two engines must agree on: shape, focus node, path, constraint and value."""
        return (self.shape, self.focus, self.path, self.component, self.value)


class Engine(Protocol):
    name: str

    def validate(self, ntriples: str) -> list[Violation]: ...


class FastEngine:
    """The `shacl` package: shapes compiled once, each unit validated from N-Triples text."""

    name = "fast"

    def __init__(self) -> None:
        self.shapes = compiled_shapes()

    def validate(self, ntriples: str) -> list[Violation]:
        report = self.shapes.validate_text(ntriples, format="ntriples")
        if report.conforms and not report.results:
            return []
        return [
            Violation(
                shape=r.root_shape or r.source_shape or "",
                focus=r.focus_node,
                path=r.path,
                component=r.component,
                value=r.value_plain,
                message=r.message or "",
                severity=r.severity,
                value_term=r.value,
            )
            for r in report.results
        ]


class PyshaclEngine:
    """pyshacl on rdflib's default memory store, no inference (the reference engine)."""

    name = "pyshacl"

    def __init__(self) -> None:
        self.shapes = rdflib_shapes()

    def validate(self, ntriples: str) -> list[Violation]:
        import pyshacl  # imported here: it takes longer to import than the fast engine to run

        data = rdflib.Graph().parse(data=ntriples, format="nt")
        conforms, results, _ = pyshacl.validate(
            data, shacl_graph=self.shapes, inference="none", allow_warnings=True
        )
        if conforms:
            return []
        violations = []
        for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
            shape = results.value(result, SH.sourceShape)
            path = results.value(result, SH.resultPath)
            value = results.value(result, SH.value)
            component = results.value(result, SH.sourceConstraintComponent)
            severity = results.value(result, SH.resultSeverity)
            violations.append(
                Violation(
                    shape=shape.n3() if isinstance(shape, rdflib.URIRef) else str(shape),
                    focus=results.value(result, SH.focusNode).n3(),
                    path=path.n3() if isinstance(path, rdflib.URIRef) else None,
                    component=_local(component),
                    value=None if value is None else str(value),
                    message=str(results.value(result, SH.resultMessage) or ""),
                    severity=_local(severity),
                    value_term=None if value is None else value.n3(),
                )
            )
        return violations


def _local(iri: rdflib.term.Node | None) -> str:
    text = str(iri or "")
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


ENGINES: dict[str, Callable[[], Engine]] = {"fast": FastEngine, "pyshacl": PyshaclEngine}


def engine(name: str) -> Engine:
    try:
        return ENGINES[name]()
    except KeyError:
        raise ValueError(f"unknown SHACL engine {name!r}; known: {', '.join(ENGINES)}") from None
