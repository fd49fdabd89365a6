"""SHACL validation of mapped cables, RDF files and stores, with two engines.

`validate_units(units, engine("fast"))` validates each cable graph (with its metadata) on its
own and returns a `Report` grouped by shape and message.
"""

from pathlib import Path

from cablekg.validate.engines import ENGINES, Engine, FastEngine, PyshaclEngine, Violation, engine
from cablekg.validate.report import Report, validate_units
from cablekg.validate.units import (
    Unit,
    from_cables,
    from_file,
    from_paths,
    from_quads,
    from_store,
)

__all__ = [
    "ENGINES",
    "Engine",
    "FastEngine",
    "PyshaclEngine",
    "Report",
    "Unit",
    "Violation",
    "engine",
    "from_cables",
    "from_file",
    "from_paths",
    "from_quads",
    "from_store",
    "validate",
    "validate_units",
]


def validate(
    paths: list[Path] | tuple[Path, ...] = (),
    store: Path | None = None,
    engine_name: str = "fast",
    base: str | None = None,
) -> Report:
    """Validate RDF files, raw or recorded cables (mapped under `base`), or a store."""
    from cablekg.rdf.mapping import Mapper
    from cablekg.rdf.namespaces import DEFAULT_BASE

    units = (
        from_store(store) if store is not None else from_paths(paths, Mapper(base or DEFAULT_BASE))
    )
    return validate_units(units, engine(engine_name))
