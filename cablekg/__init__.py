"""cablekg: US diplomatic cables as a published, validated linked-data knowledge graph."""

from cablekg.model import Cable

__version__ = "0.1.0"

__all__ = ["Cable", "__version__"]
