"""The RDF serialisations cablekg writes, each with its media type and file extension."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import pyoxigraph as ox


class RdfFormat(Enum):
    """A serialisation; `has_graphs` says whether it keeps the named graphs."""

    NQUADS = ("nq", "application/n-quads", ".nq", True, "nquads")
    NTRIPLES = ("nt", "application/n-triples", ".nt", False, "nt")
    TURTLE = ("ttl", "text/turtle", ".ttl", False, "turtle")
    TRIG = ("trig", "application/trig", ".trig", True, "trig")
    JSONLD = ("jsonld", "application/ld+json", ".jsonld", True, "json-ld")

    def __init__(
        self, key: str, media_type: str, extension: str, has_graphs: bool, rdflib_name: str
    ) -> None:
        self.key = key
        self.media_type = media_type
        self.extension = extension
        self.has_graphs = has_graphs
        self.rdflib_name = rdflib_name

    @property
    def oxigraph(self) -> ox.RdfFormat:
        return ox.RdfFormat.from_media_type(self.media_type)

    @classmethod
    def named(cls, name: str) -> RdfFormat:
        """By short name (`nq`), extension (`.nq`) or media type (`application/n-quads`)."""
        wanted = name.lower().strip()
        for fmt in cls:
            if wanted in (fmt.key, fmt.extension, fmt.extension[1:], fmt.media_type):
                return fmt
        aliases = {"nquads": cls.NQUADS, "ntriples": cls.NTRIPLES, "turtle": cls.TURTLE}
        aliases.update({"json-ld": cls.JSONLD, "json": cls.JSONLD})
        if wanted in aliases:
            return aliases[wanted]
        raise ValueError(f"unknown RDF format {name!r}; known: {', '.join(f.key for f in cls)}")

    @classmethod
    def of_path(cls, path: str | Path) -> RdfFormat:
        return cls.named(Path(path).suffix)

    @classmethod
    def keys(cls) -> list[str]:
        return [fmt.key for fmt in cls]
