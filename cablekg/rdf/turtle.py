"""Readable Turtle and TriG from N-Triples term strings, written one cable at a time.

Subjects are grouped (`;`), repeated predicates share a line (`,`), IRIs become prefixed
names where the local part is plain, integers are bare. This is a streaming writer: it never
sees more than one cable's triples, unlike rdflib's serialiser, which needs the whole graph in
memory and is quadratic on IRIs that differ before their last `/`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cablekg.rdf import terms as t

_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_INTEGER_SUFFIX = f"^^<{t.XSD_INTEGER}>"
_XSD_PREFIX = "^^<" + t.XSD


class TurtleTerms:
    """Shortens N-Triples terms with a fixed set of prefixes (memoised: terms repeat a lot)."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.prefixes = prefixes
        # Longest namespace first, so `tag:` wins over a shorter prefix of the same IRI.
        self._namespaces = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda x: -len(x[0]))
        self._cache: dict[str, str] = {t.RDF_TYPE: "a"}

    def header(self) -> str:
        return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in self.prefixes.items()) + "\n"

    def term(self, term: str) -> str:
        short = self._cache.get(term)
        if short is not None:
            return short
        if term[0] == "<":
            short = self._iri(term)
            if len(self._cache) < 200_000:
                self._cache[term] = short
            return short
        return self._literal(term)

    def _iri(self, term: str) -> str:
        value = term[1:-1]
        for namespace, prefix in self._namespaces:
            if value.startswith(namespace):
                local = value[len(namespace) :]
                if _LOCAL.fullmatch(local):
                    return f"{prefix}:{local}"
                break
        return term

    @staticmethod
    def _literal(term: str) -> str:
        if term.endswith(_INTEGER_SUFFIX):
            lexical = term[1 : -len(_INTEGER_SUFFIX) - 1]
            if _INTEGER.fullmatch(lexical):
                return lexical
        at = term.rfind(_XSD_PREFIX)
        if at > 0 and term.endswith(">") and term[at - 1] == '"':
            return f"{term[:at]}^^xsd:{term[at + len(_XSD_PREFIX) : -1]}"
        return term

    def block(self, triples: Iterable[tuple[str, str, str]], indent: str = "") -> str:
        """Triples as Turtle statements, grouped by subject in order of first appearance."""
        subjects: dict[str, dict[str, list[str]]] = {}
        for s, p, o in triples:
            subjects.setdefault(s, {}).setdefault(p, []).append(o)
        term = self.term
        parts = []
        inner = f" ;\n{indent}    "
        for s, predicates in subjects.items():
            body = inner.join(
                f"{term(p)} {', '.join(term(o) for o in objects)}"
                for p, objects in predicates.items()
            )
            parts.append(f"{indent}{term(s)} {body} .\n")
        return "".join(parts)
