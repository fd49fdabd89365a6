"""cablekg: US diplomatic cables as a published, validated linked-data knowledge graph."""

__version__ = "0.1.0"

from cablekg.model import Cable
from cablekg.rdf import RdfFormat, map_cable, to_quads, write
from cablekg.validate import validate

__all__ = ["Cable", "RdfFormat", "__version__", "map_cable", "to_quads", "validate", "write"]
