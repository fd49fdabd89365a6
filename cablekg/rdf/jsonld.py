"""JSON-LD that reads like the cable's JSON record: `id`, `date`, `origin`, `tags` ...

`context(base)` is the JSON-LD context (shipped for the default base as `data/context.jsonld`).
Controlled values compact to their codes (`"classification": "CONFIDENTIAL"`,
`"tags": ["PHUM", "MU"]`, `"cites": ["07MUSCAT375"]`) through property-scoped `@vocab`s, and
nodes that only their cable points at (paragraphs, references, the classifier) are embedded
where the record has them.

`compact_graph` compacts one cable's triples with that context directly from the N-Triples
terms, so writing JSON-LD is as streaming as N-Quads. (pyld's `from_rdf` grows far worse than
linearly, and rdflib needs a graph object per cable.)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cablekg.rdf import terms as t
from cablekg.rdf.iris import Iris
from cablekg.rdf.namespaces import DEFAULT_BASE, ONTOLOGY, PREFIXES, VOCAB

Triple = tuple[str, str, str]

# Prefixes for data IRIs (relative to the base) and controlled vocabularies.
DATA_PREFIXES = {
    "cable": "cable/", "paragraph": "paragraph/", "reference": "reference/", "post": "post/",
    "addr": "address/", "person": "person/", "agency": "agency/", "pos": "position/",
    "graph": "graph/", "src": "source/", "sw": "software/",
}  # fmt: skip
VOCAB_PREFIXES = {
    "tag": "tag/", "tags": "tags/", "classification": "classification/",
    "precedence": "precedence/", "caveat": "caveat/", "reason": "reason/", "country": "country/",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class TermDef:
    """One short key of the context: the property it stands for and how its values read."""

    name: str
    prop: str  # compact IRI, e.g. "dcterms:identifier"
    kind: str = "literal"  # literal | id | vocab | typed
    vocab: str | None = None  # namespace key for kind "vocab": ("data"|"vocab", path)
    datatype: str | None = None  # for kind "typed"
    many: bool = False

    def definition(self, base: str) -> str | dict[str, Any]:
        entry: dict[str, Any] = {"@id": self.prop}
        if self.kind == "id":
            entry["@type"] = "@id"
        elif self.kind == "vocab":
            entry["@type"] = "@vocab"
            entry["@context"] = {"@vocab": _vocab_namespace(self.vocab or "", base)}
        elif self.kind == "typed":
            entry["@type"] = self.datatype
        if self.many:
            entry["@container"] = "@set"
        return self.prop if len(entry) == 1 else entry


def _vocab_namespace(spec: str, base: str) -> str:
    where, path = spec.split(":", 1)
    return (base if where == "data" else VOCAB) + path


TERMS: tuple[TermDef, ...] = (
    # The cable, in the order of its JSON record.
    TermDef("id", "dcterms:identifier"),
    TermDef("date", "dcterms:created", "typed", datatype="xsd:dateTime"),
    TermDef("origin", "ckg:origin"),
    TermDef("station", "schema:sender", "vocab", "data:post/"),
    TermDef("precedence", "ckg:precedence", "vocab", "vocab:precedence/"),
    TermDef("classification", "dcterms:accessRights", "vocab", "vocab:classification/"),
    TermDef("caveats", "ckg:caveat", "vocab", "vocab:caveat/", many=True),
    TermDef("section", "ckg:sectionNumber"),
    TermDef("sections", "ckg:sectionCount"),
    TermDef("recipients", "schema:toRecipient", "id", many=True),
    TermDef("info_recipients", "schema:ccRecipient", "id", many=True),
    TermDef("tags", "dcterms:subject", "vocab", "vocab:tag/", many=True),
    TermDef("subject", "dcterms:title"),
    TermDef("references", "ckg:hasReference", "id", many=True),
    TermDef("cites", "dcterms:references", "vocab", "data:cable/", many=True),
    TermDef("classified_by", "ckg:classifiedBy", "id"),
    TermDef("classifier_title", "ckg:classifierTitle"),
    TermDef("reasons", "ckg:classificationReason", "vocab", "vocab:reason/", many=True),
    TermDef("declassification_order", "ckg:declassificationOrder"),
    TermDef("declassify_on", "ckg:declassifyOn", "typed", datatype="xsd:date"),
    TermDef("declassification_instruction", "ckg:declassificationInstruction"),
    TermDef("paragraphs", "dcterms:hasPart", "id", many=True),
    TermDef("summary", "dcterms:abstract"),
    TermDef("signers", "ckg:signature", many=True),
    TermDef("signed_by", "ckg:signedBy", "id", many=True),
    TermDef("officials", "ckg:official", "id", many=True),
    TermDef("agencies", "ckg:agency", "id", many=True),
    # Paragraphs, references, addresses, posts, people, positions, agencies, TAGS.
    TermDef("number", "ckg:paragraphNumber"),
    TermDef("position", "schema:position"),
    TermDef("marking", "ckg:portionMarking"),
    TermDef("label", "ckg:referenceLabel"),
    TermDef("text", "schema:text"),
    TermDef("target", "ckg:target", "vocab", "data:cable/"),
    TermDef("station_code", "ckg:stationCode"),
    TermDef("address", "ckg:plainLanguageAddress"),
    TermDef("route", "ckg:routingIndicator"),
    TermDef("name", "foaf:name"),
    TermDef("holds", "org:holds", "id", many=True),
    TermDef("member_of", "org:memberOf", "id", many=True),
    TermDef("title", "rdfs:label"),
    TermDef("organization", "org:postIn", "id"),
    TermDef("acronym", "ckg:acronym"),
    TermDef("notation", "skos:notation"),
    TermDef("scheme", "skos:inScheme", "vocab", "vocab:tags/"),
    TermDef("focus", "foaf:focus", "id"),
    # The metadata graph.
    TermDef("topic", "foaf:primaryTopic", "id"),
    TermDef("source", "prov:wasDerivedFrom", "id"),
    TermDef("generated", "prov:generatedAtTime", "typed", datatype="xsd:dateTime"),
    TermDef("software", "prov:wasAttributedTo", "id"),
    TermDef("repairs", "ckg:repair", many=True),
    TermDef("format", "ckg:sourceFormat"),
    TermDef("path", "ckg:sourcePath"),
    TermDef("row", "ckg:sourceRow"),
    TermDef("sha256", "ckg:sha256"),
    TermDef("version", "schema:softwareVersion"),
)
TYPE_TERMS = {"Person": "foaf:Person", "Concept": "skos:Concept", "Agent": "prov:SoftwareAgent"}
_TERM_NAMES = {term.name for term in TERMS} | set(TYPE_TERMS)


def context(base: str = DEFAULT_BASE) -> dict[str, Any]:
    """The JSON-LD context for data under `base`."""
    base = Iris(base).base
    ctx: dict[str, Any] = {"@version": 1.1, "@vocab": ONTOLOGY}
    ctx.update({p: ns for p, ns in PREFIXES.items() if p not in ("ckv", "owl")})
    ctx.update({p: base + path for p, path in DATA_PREFIXES.items()})
    # Prefixes named like a key (classification, precedence) are left to the key.
    ctx.update({p: VOCAB + path for p, path in VOCAB_PREFIXES.items() if p not in _TERM_NAMES})
    ctx["type"] = "@type"
    ctx.update(TYPE_TERMS)
    ctx.update({term.name: term.definition(base) for term in TERMS})
    return ctx


class Compactor:
    """Compacts triples to JSON-LD node objects with `context(base)`."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.context = context(base)
        self._prefixes = sorted(
            (
                (ns, p)
                for p, ns in self.context.items()
                if isinstance(ns, str) and ns[-1] in "/#" and not p.startswith("@")
            ),
            key=lambda x: -len(x[0]),
        )
        self._terms: dict[str, tuple[int, TermDef, str | None, str | None]] = {}
        for order, term in enumerate(TERMS):
            vocab = _vocab_namespace(term.vocab, Iris(base).base) if term.vocab else None
            datatype = self._expand(term.datatype) if term.datatype else None
            self._terms[self._expand(term.prop)] = (order, term, vocab, datatype)
        self._types = {self._expand(v): k for k, v in TYPE_TERMS.items()}
        self._reserved = frozenset(self.context)  # a code spelled like a key or prefix

    def _expand(self, compact: str) -> str:
        prefix, _, local = compact.partition(":")
        return self.context[prefix] + local

    def compact_iri(self, iri: str) -> str:
        for namespace, prefix in self._prefixes:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{prefix}:{iri[len(namespace) :]}"
        return iri

    def graph(self, name: str, triples: Iterable[Triple], root: str | None = None) -> dict:
        """A named graph object: `{"@id": name, "@graph": [nodes]}`, `root` first."""
        return {
            "@id": self.compact_iri(t.parse_term(name).value),
            "@graph": self.nodes(triples, root),
        }

    def nodes(self, triples: Iterable[Triple], root: str | None = None) -> list[dict]:
        subjects: dict[str, list[tuple[str, str]]] = {}
        for s, p, o in triples:
            subjects.setdefault(s, []).append((p, o))
        referrers: dict[str, int] = {}
        for pairs in subjects.values():
            for _p, o in pairs:
                if o in subjects:
                    referrers[o] = referrers.get(o, 0) + 1
        embeddable = {
            o
            for pairs in subjects.values()
            for p, o in pairs
            if referrers.get(o) == 1 and o != root and self._kind(p) == "id"
        }
        order = ([root] if root in subjects else []) + [s for s in subjects if s != root]
        done: set[str] = set()
        nodes = []
        for s in order:
            if s not in embeddable and s not in done:
                nodes.append(self._node(s, subjects, embeddable, done))
        for s in order:  # nodes embeddable only in a cycle are still written
            if s not in done:
                nodes.append(self._node(s, subjects, set(), done))
        return nodes

    def _kind(self, predicate: str) -> str | None:
        entry = self._terms.get(predicate[1:-1])
        return entry[1].kind if entry else None

    def _node(self, s: str, subjects: dict, embeddable: set[str], done: set[str]) -> dict:
        done.add(s)
        node: dict[str, Any] = {"@id": self.compact_iri(s[1:-1])}
        types = []
        keyed: dict[str, tuple[int, list[Any], bool]] = {}
        for p, o in subjects[s]:
            if p == t.RDF_TYPE:
                types.append(self._type(o))
                continue
            predicate = p[1:-1]
            entry = self._terms.get(predicate)
            if entry is None:
                key, order, many = self.compact_iri(predicate), 10_000, False
                value = _expanded(t.parse_term(o), self)
            else:
                order, term, vocab, datatype = entry
                key, many = term.name, term.many
                if term.kind == "id" and o in embeddable and o not in done:
                    value = self._node(o, subjects, embeddable, done)
                else:
                    value = self._value(t.parse_term(o), term, vocab, datatype)
            keyed.setdefault(key, (order, [], many))[1].append(value)
        if types:
            node["type"] = types[0] if len(types) == 1 else types
        for key, (_, values, many) in sorted(keyed.items(), key=lambda kv: (kv[1][0], kv[0])):
            node[key] = values if many or len(values) > 1 else values[0]
        return node

    def _type(self, o: str) -> str:
        iri = o[1:-1]
        if iri in self._types:
            return self._types[iri]
        local = iri[len(ONTOLOGY) :]
        if iri.startswith(ONTOLOGY) and _PLAIN.fullmatch(local) and local not in _TERM_NAMES:
            return local
        return self.compact_iri(iri)

    def _value(self, term: t.Term, d: TermDef, vocab: str | None, datatype: str | None) -> Any:
        if d.kind == "id" and term.is_iri:
            return self.compact_iri(term.value)
        if d.kind == "vocab" and term.is_iri and vocab and term.value.startswith(vocab):
            code = term.value[len(vocab) :]
            if code and ":" not in code and code not in self._reserved and code[0] != "@":
                return code
        if d.kind == "typed" and not term.is_iri and term.datatype == datatype:
            return term.value
        if d.kind in ("literal",) and not term.is_iri and not term.language:
            return _native(term) if term.datatype != t.XSD_STRING else term.value
        return _expanded(term, self)


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_CANONICAL_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]{0,15})")


def _native(term: t.Term) -> Any:
    if term.datatype == t.XSD_INTEGER and _CANONICAL_INTEGER.fullmatch(term.value):
        return int(term.value)
    return {"@value": term.value, "@type": term.datatype}


def _expanded(term: t.Term, compactor: Compactor) -> dict[str, Any]:
    if term.is_iri:
        return {"@id": term.value}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype == t.XSD_STRING:
        return {"@value": term.value}
    return {"@value": term.value, "@type": term.datatype}


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)
