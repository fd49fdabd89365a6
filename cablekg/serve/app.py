"""The ASGI application: routes, content negotiation at resource IRIs, and start-up.

`create_app(config)` returns a Starlette app; `cablekg serve` runs it under uvicorn. Page
handlers are plain functions (Starlette runs them in its thread pool); SPARQL queries run in
worker processes (`cablekg.serve.sparql`), so a slow query never holds a page request.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from cablekg.serve import pages, rdf
from cablekg.serve.config import ServeConfig
from cablekg.serve.dataset import Dataset
from cablekg.serve.describe import INBOUND_FULL_PAGE, Describer
from cablekg.serve.formats import Format, negotiate
from cablekg.serve.http import LimitRequests, not_modified, validators
from cablekg.serve.site import Site
from cablekg.serve.sparql import SparqlEndpoint
from cablekg.serve.workers import WorkerPool
from cablekg.store import database_dir


@dataclass(frozen=True)
class Alternate:
    name: str
    media_type: str
    href: str


class Server:
    """Everything one running server shares between requests."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.site = Site(config.base_iri)
        self.data = Dataset(config.store)
        self.describer = Describer(self.data, self.site, {})

    # -- resources -------------------------------------------------------------------------

    def resolve(self, path: str) -> tuple[str | None, Format | None]:
        """The IRI a path names, and the format its suffix asks for (None: negotiate)."""
        for iri in self.site.candidates(path):
            if self.data.exists(iri):
                return iri, None
        stem, dot, suffix = path.rpartition(".")
        fmt = Format.from_suffix(suffix) if dot else None
        if fmt is not None:
            for iri in self.site.candidates(stem):
                if self.data.exists(iri):
                    return iri, fmt
        return None, None

    def resource(self, request: Request) -> Response:
        path = request.path_params["path"]
        iri, fmt = self.resolve(path)
        if iri is None:
            return self.not_found(request, f"/{path}")
        return self.represent(request, iri, fmt, f"/{path.rpartition('.')[0] if fmt else path}")

    def resource_by_iri(self, request: Request) -> Response:
        """`/resource?iri=...`: any IRI the store knows, including ones outside the base."""
        iri = request.query_params.get("iri", "")
        if not iri or not self.data.exists(iri):
            return self.not_found(request, iri or "/resource")
        fmt = Format.from_suffix(request.query_params.get("format", "")) or None
        return self.represent(request, iri, fmt, "/resource?iri=" + quote(iri, safe=""))

    def represent(self, request: Request, iri: str, fmt: Format | None, href: str) -> Response:
        negotiated = fmt is None
        fmt = fmt or negotiate(request.headers.get("accept"))
        if fmt is None:
            return _not_acceptable()
        headers = validators(self.data.version, iri, fmt.suffix, str(request.query_params))
        headers["Link"] = f'<{iri}>; rel="canonical"' if fmt is Format.HTML else f"<{iri}>"
        if negotiated:
            headers["Vary"] = "Accept"
        if (cached := not_modified(request, headers)) is not None:
            return cached
        if fmt is not Format.HTML:
            body = rdf.serialize(rdf.description(self.data, iri), fmt)
            return Response(body, media_type=fmt.content_type, headers=headers)
        return HTMLResponse(self.page(request, iri, href), headers=headers)

    def page(self, request: Request, iri: str, href: str) -> str:
        focus = request.query_params.get("in")
        year = request.query_params.get("year")
        year = year if year and year.isdigit() and len(year) == 4 else None
        page = _page_number(request)
        d = self.describer.describe(iri)
        year_total = 0
        if focus:
            d.inbound = self.describer.inbound(iri, only=focus, page=page, year=year)
            year_total = sum(n for group in d.inbound for y, n in group.years if y == year)
        sep = "&" if "?" in href else "?"
        alternates = [
            Alternate(f.label, f.media_type,
                      f"{href}.{f.suffix}" if sep == "?" else f"{href}&format={f.suffix}")
            for f in Format if f is not Format.HTML
        ]  # fmt: skip
        jsonld = rdf.serialize(rdf.description(self.data, iri)[:500], Format.JSONLD)
        return pages.render(
            "resource.html",
            d=d,
            focus=focus,
            year=year,
            year_total=year_total,
            page=page,
            page_size=INBOUND_FULL_PAGE,
            alternates=alternates,
            jsonld=pages.script_json(jsonld.decode()),
            citation_svg=None,
        )

    def not_found(self, request: Request, what: str) -> Response:
        """404 with a page that helps: what was asked, and where to look instead."""
        fmt = negotiate(request.headers.get("accept"), (Format.HTML, Format.JSONLD))
        text = f"Nothing is known about {what} in this dataset."
        if fmt is Format.JSONLD:
            return Response(
                json.dumps({"error": "not found", "detail": text}),
                404,
                media_type="application/json",
            )
        if fmt is not Format.HTML:
            return PlainTextResponse(text, 404)
        lines = [
            text,
            "Resource paths look like /cable/07MUSCAT920, /post/MUSCAT, /vocab/tag/PHUM.",
        ]
        body = pages.render("message.html", title="Not found", lines=lines, suggestions=[])
        return HTMLResponse(body, 404)


def _page_number(request: Request) -> int:
    value = request.query_params.get("page", "1")
    return max(1, min(int(value), 100_000)) if value.isdigit() else 1


def _not_acceptable() -> Response:
    offered = ", ".join(f.media_type for f in Format)
    return PlainTextResponse(f"Not acceptable. This resource is available as: {offered}", 406)


def create_app(config: ServeConfig) -> Starlette:
    """The ASGI app serving the store of `config`."""
    server = Server(config)
    pool = WorkerPool(database_dir(config.store), config.sparql_workers, config.sparql_timeout)
    sparql = SparqlEndpoint(pool, server.site, config.result_limit, config.sparql_timeout)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            await pool.stop()

    routes = [
        Mount("/static", StaticFiles(packages=[("cablekg.serve", "static")]), name="static"),
        Route("/sparql", sparql.handle, methods=["GET", "POST"]),
        Route("/resource", server.resource_by_iri),
        Route("/{path:path}", server.resource),
    ]
    middleware = [
        Middleware(LimitRequests, max_bytes=config.max_request_bytes),
        Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "HEAD"],
                   allow_headers=["Accept", "Content-Type"], max_age=86400),
    ]  # fmt: skip
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.server = server
    return app
