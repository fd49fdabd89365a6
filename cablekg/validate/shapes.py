"""The SHACL shapes (`shapes/cablekg.ttl`), loaded once per process for each engine."""

from __future__ import annotations

from functools import cache

import rdflib
import shacl

from cablekg.resources import shapes_path

SHAPES_FILE = "cablekg.ttl"


@cache
def shapes_text() -> str:
    return shapes_path(SHAPES_FILE).read_text(encoding="utf-8")


@cache
def rdflib_shapes() -> rdflib.Graph:
    """The shapes as an rdflib graph on the default memory store (what pyshacl needs)."""
    return rdflib.Graph().parse(data=shapes_text(), format="turtle")


@cache
def compiled_shapes() -> shacl.Shapes:
    """The shapes compiled by the `shacl` engine."""
    return shacl.Shapes.from_turtle(shapes_text())
