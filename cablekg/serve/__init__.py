"""The linked-data web server (`cablekg serve`): every IRI dereferenceable, SPARQL beside it.

`create_app(ServeConfig(store=...))` gives the ASGI app; `run(config, host, port)` serves it
with uvicorn. See `cablekg.serve.app` for the routes.
"""

from __future__ import annotations

from cablekg.serve.app import create_app
from cablekg.serve.config import ServeConfig


def run(config: ServeConfig, host: str = "127.0.0.1", port: int = 8080) -> None:
    """Serve until interrupted (one process; SPARQL queries in their own worker processes)."""
    import uvicorn

    from cablekg.serve.memory import bound_malloc_arenas

    bound_malloc_arenas()  # before the request threads start: see `cablekg.serve.memory`
    uvicorn.run(create_app(config), host=host, port=port, log_level="info", access_log=False)


__all__ = ["ServeConfig", "create_app", "run"]
