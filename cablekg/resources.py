"""Locate the files cablekg ships beside its code: `data/`, `ontology/`, `shapes/`, `queries/`.

They sit at the project root. `cablekg/_files/<dir>` are symlinks to them, so a built wheel carries
them inside the package; a source checkout or editable install reads them through the same links.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
SHIPPED_DIRS = ("data", "ontology", "shapes", "queries")


@cache
def _root(directory: str) -> Path:
    for candidate in (_PACKAGE / "_files" / directory, _PACKAGE.parent / directory):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cablekg cannot find its {directory}/ directory")


def data_path(*parts: str) -> Path:
    """A file under `data/`, e.g. `data_path("vocab", "acronyms.txt")`."""
    return _root("data").joinpath(*parts)


def ontology_path(*parts: str) -> Path:
    return _root("ontology").joinpath(*parts)


def shapes_path(*parts: str) -> Path:
    return _root("shapes").joinpath(*parts)


def queries_path(*parts: str) -> Path:
    return _root("queries").joinpath(*parts)
