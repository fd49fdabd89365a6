"""Where each IRI lives on this server, and which IRI a request path names.

With `--base-iri https://w3id.org/cablekg/`, `GET /cable/07MUSCAT920` describes
`https://w3id.org/cablekg/cable/07MUSCAT920`. cablekg's fixed namespace (the ontology and the
controlled vocabularies, which do not move with the base) is served at the same paths, so
`/vocab/tag/PHUM` and `/ontology` resolve under any base. Other IRIs the store describes are
shown at `/resource?iri=...`; IRIs it only points to (Wikidata, GeoNames) link out.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from cablekg.serve import vocab

# Paths that are the server's own pages, never resource IRIs.
RESERVED = (
    "sparql",
    "search",
    "void",
    ".well-known",
    "dumps",
    "static",
    "resource",
    "ontology",
)


class Site:
    def __init__(self, base_iri: str) -> None:
        if not base_iri.endswith(("/", "#")):
            base_iri += "/"
        self.base = base_iri
        self.namespaces = [base_iri]
        if base_iri != vocab.DEFAULT_BASE:
            self.namespaces.append(vocab.DEFAULT_BASE)

    @property
    def dataset_iri(self) -> str:
        return self.base + "dataset"

    def candidates(self, path: str) -> list[str]:
        """The IRIs a request path may name, most likely first (`path` without leading `/`)."""
        return [namespace + path for namespace in self.namespaces]

    def local_path(self, iri: str) -> str | None:
        """The path on this server of an IRI in one of its namespaces, else None."""
        for namespace in self.namespaces:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                rest = iri[len(namespace) :]
                head, sep, fragment = rest.partition("#")
                if head.split("/", 1)[0] in RESERVED and head != "ontology":
                    continue
                return "/" + quote(head, safe="/()~.-_%!$&'*+,;=:@") + sep + fragment
        return None

    def href(self, iri: str, described: bool = True) -> str:
        """Where a link to `iri` goes: its local page, the generic page, or the IRI itself."""
        path = self.local_path(iri)
        if path is not None:
            return path
        if described:
            return "/resource?" + urlencode({"iri": iri})
        return iri
