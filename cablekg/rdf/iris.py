"""Deterministic IRIs: the same cable always gets the same names, so dumps diff cleanly.

Data IRIs sit under a configurable base (`--base-iri`, default `https://w3id.org/cablekg/`),
one flat path prefix per kind of thing (rdflib's Turtle serialiser is quadratic on deep paths):

| kind      | IRI                                     | key                                        |
|-----------|-----------------------------------------|--------------------------------------------|
| cable     | `{base}cable/07MUSCAT920`               | canonical reference id                     |
| paragraph | `{base}paragraph/07MUSCAT920-1`         | cable id + number (`-p<position>` if none) |
| reference | `{base}reference/07MUSCAT920-A`         | cable id + label (`-r<position>` if none)  |
| post      | `{base}post/MUSCAT`                     | station code                               |
| address   | `{base}address/SECSTATE_WASHDC`         | plain-language address, as a code          |
| person    | `{base}person/mark-lagon`               | name, folded to ASCII lower case           |
| agency    | `{base}agency/royal-oman-police`        | name, folded the same way                  |
| position  | `{base}position/MUSCAT--charge-d-affaires` | organisation key + title      |
| graph     | `{base}graph/07MUSCAT920`, `{base}graph/metadata` | one named graph per cable        |
|           | `{base}graph/entities`                  | what cables name: descriptions       |
| source    | `{base}source/<sha256>`                 | SHA-256 of the cable's source bytes        |

Controlled vocabularies have fixed IRIs under `https://w3id.org/cablekg/vocab/`: TAGS
`tag/PHUM` (schemes `tags/geographic` ...), `classification/CONFIDENTIAL`, `precedence/ROUTINE`,
`caveat/SIPDIS`, `reason/1.4(b)`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from cablekg.rdf.namespaces import DEFAULT_BASE, VOCAB

_SAFE_SEGMENT = re.compile(r"[A-Za-z0-9._~()-]+")
_NOT_CODE = re.compile(r"[^A-Z0-9-]+")
_NOT_NAME = re.compile(r"[^a-z0-9]+")

TAG_KINDS = ("geographic", "subject", "program", "organization", "person")


def segment(text: str) -> str:
    """`text` as one IRI path segment: kept when already safe, percent-encoded otherwise."""
    if _SAFE_SEGMENT.fullmatch(text):
        return text
    return quote(text, safe="()") or "_"


def code_key(code: str) -> str:
    """Codes (TAGS, caveats, addresses): upper case, other runs of characters become `_`.

    `PHUM` stays `PHUM`, `RICE, CONDOLEEZZA` becomes `RICE_CONDOLEEZZA`.
    """
    key = _NOT_CODE.sub("_", code.upper()).strip("_")
    return key or segment(code)


def name_key(name: str) -> str:
    """Names (people, agencies, titles): ASCII-folded lower case words joined by `-`.

    `Juma bin Ali al-Juma` becomes `juma-bin-ali-al-juma`. A name with no Latin letter keeps a
    stable digest instead, so it still gets an IRI.
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    key = _NOT_NAME.sub("-", folded.lower()).strip("-")
    if key:
        return key
    return "x" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]


def vocab_iri(kind: str, code: str) -> str:
    """A concept of a controlled vocabulary, e.g. `vocab_iri("classification", "SECRET")`."""
    key = segment(code) if kind == "reason" else code_key(code)
    return f"{VOCAB}{kind}/{key}"


def tag_iri(code: str) -> str:
    return f"{VOCAB}tag/{code_key(code)}"


def tag_scheme_iri(kind: str) -> str:
    return f"{VOCAB}tags/{kind}"


def scheme_iri(kind: str) -> str:
    """The concept scheme of a controlled list: `classification`, `precedence`, ..."""
    return f"{VOCAB}{kind}"


class Iris:
    """The data IRIs of one deployment, all under `base`."""

    __slots__ = ("base",)

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        if not base.endswith(("/", "#")):
            base += "/"
        self.base = base

    def cable(self, key: str) -> str:
        return f"{self.base}cable/{key}"

    def paragraph(self, cable_key: str, key: str) -> str:
        return f"{self.base}paragraph/{cable_key}-{key}"

    def reference(self, cable_key: str, key: str) -> str:
        return f"{self.base}reference/{cable_key}-{key}"

    def post(self, station: str) -> str:
        return f"{self.base}post/{segment(station)}"

    def address(self, name: str) -> str:
        return f"{self.base}address/{code_key(name)}"

    def person(self, name: str) -> str:
        return f"{self.base}person/{name_key(name)}"

    def agency(self, name: str) -> str:
        return f"{self.base}agency/{name_key(name)}"

    def position(self, organization_key: str | None, title: str) -> str:
        prefix = f"{organization_key}--" if organization_key else ""
        return f"{self.base}position/{prefix}{name_key(title)}"

    def graph(self, cable_key: str) -> str:
        return f"{self.base}graph/{cable_key}"

    def metadata_graph(self) -> str:
        return f"{self.base}graph/metadata"

    def vocabulary_graph(self) -> str:
        return f"{self.base}graph/vocabulary"

    def entities_graph(self) -> str:
        return f"{self.base}graph/entities"

    def source(self, key: str) -> str:
        return f"{self.base}source/{key}"

    def software(self, version: str) -> str:
        return f"{self.base}software/cablekg-{segment(version)}"


def cable_key(cable_id: str | None, fallback: str) -> str:
    """The IRI key of a cable: its id, or `unidentified-<digest>` of `fallback` when it has none.

    A cable without an id still gets a stable IRI so it can be mapped, validated and reported.
    """
    if cable_id:
        return segment(cable_id)
    return "unidentified-" + hashlib.sha256(fallback.encode("utf-8")).hexdigest()[:16]
