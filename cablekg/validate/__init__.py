"""SHACL validation of mapped cables, RDF files and stores, with two engines.

`validate_units(units, engine("fast"))` validates each cable graph (with its metadata) on its
own and returns a `Report` grouped by shape and message.
"""

from cablekg.validate.engines import ENGINES, Engine, FastEngine, PyshaclEngine, Violation, engine
from cablekg.validate.report import Report, validate_units
from cablekg.validate.units import Unit, from_cables, from_file, from_quads, from_store

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
    "from_quads",
    "from_store",
    "validate_units",
]
