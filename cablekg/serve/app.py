"""The ASGI application: routes, content negotiation at resource IRIs, and start-up.

`create_app(config)` returns a Starlette app; `cablekg serve` runs it under uvicorn. Page
handlers are plain functions (Starlette runs them in its thread pool); SPARQL queries run in
worker processes (`cablekg.serve.workers`), so a slow query never holds a page request.

Routes: `/` overview, `/{path}` any resource under the base IRI (suffixes `.ttl`, `.jsonld`,
`.nt`, `.nq`, `.trig`, `.rdf`, `.html`), `/resource?iri=` any other IRI the store knows,
`/sparql`, `/search`, `/void` (also `/.well-known/void`, `/dataset`), `/dumps/`, `/ontology`,
`/static/`.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from cablekg.serve import dumps, ontology, overview, pages, rdf, search, vocab, void
from cablekg.serve.config import ServeConfig
from cablekg.serve.dataset import Dataset
from cablekg.serve.describe import INBOUND_FULL_PAGE, INBOUND_PAGE, Describer
from cablekg.serve.formats import Format, negotiate
from cablekg.serve.http import LimitRequests, not_modified, validators
from cablekg.serve.prepare import Preparer
from cablekg.serve.site import Site
from cablekg.serve.sparql import SparqlEndpoint
from cablekg.serve.vocab import ONTOLOGY
from cablekg.serve.workers import WorkerPool
from cablekg.store import database_dir

SEARCH_PAGE = 20


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
        self.ontology = ontology.load(self.data)
        labels = {**ontology.term_labels(self.ontology), **vocab.PROPERTY_LABELS}
        self.describer = Describer(self.data, self.site, labels)
        self.prepared = Preparer(
            self.data, config.cache, lambda: overview.overview(self.data, self.site)
        )

    # -- shared response logic -------------------------------------------------------------

    def conditional(
        self, request: Request, fmt: Format, negotiated: bool, key: str,
        body: Callable[[], bytes | str], extra: dict[str, str] | None = None,
    ) -> Response:  # fmt: skip
        """A GET answer with validators, Vary and 304 handling; `body` runs only when needed."""
        headers = validators(self.data.version, key, fmt.suffix, str(request.query_params))
        headers.update(extra or {})
        if negotiated:
            headers["Vary"] = "Accept"
        if (cached := not_modified(request, headers)) is not None:
            return cached
        return Response(body(), media_type=fmt.content_type, headers=headers)

    def rdf_or_page(
        self, request: Request, suffix: str | None, key: str,
        quads: Callable[[], list[ox.Quad]], page: Callable[[list[Alternate]], str],
        href: str,
    ) -> Response:  # fmt: skip
        fmt = Format.from_suffix(suffix) if suffix else None
        negotiated = fmt is None
        fmt = fmt or negotiate(request.headers.get("accept"))
        if fmt is None:
            return _not_acceptable()
        if fmt is not Format.HTML:
            return self.conditional(request, fmt, negotiated, key,
                                    lambda: rdf.serialize(quads(), fmt))  # fmt: skip
        alternates = [Alternate(f.label, f.media_type, f"{href}.{f.suffix}")
                      for f in Format if f is not Format.HTML]  # fmt: skip
        return self.conditional(request, fmt, negotiated, key, lambda: page(alternates))

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
        href = "/" + (path.rpartition(".")[0] if fmt else path)
        return self.represent(request, iri, fmt, href)

    def resource_by_iri(self, request: Request) -> Response:
        """`/resource?iri=...`: any IRI the store knows, including ones outside the base."""
        iri = request.query_params.get("iri", "")
        if not iri or not self.data.exists(iri):
            return self.not_found(request, iri or "/resource")
        fmt = Format.from_suffix(request.query_params.get("format", ""))
        return self.represent(request, iri, fmt, "/resource?iri=" + quote(iri, safe=""))

    def represent(self, request: Request, iri: str, fmt: Format | None, href: str) -> Response:
        negotiated = fmt is None
        fmt = fmt or negotiate(request.headers.get("accept"))
        if fmt is None:
            return _not_acceptable()
        link = f'<{iri}>; rel="canonical"' if fmt is Format.HTML else f'<{iri}>; rel="describes"'
        if fmt is not Format.HTML:
            body = lambda: rdf.serialize(  # noqa: E731
                rdf.description(self.data, iri), fmt, iri, self.site.base
            )
        else:
            body = lambda: self.page(request, iri, href)  # noqa: E731
        return self.conditional(request, fmt, negotiated, iri, body, {"Link": link})

    def page(self, request: Request, iri: str, href: str) -> str:
        focus = request.query_params.get("in")
        year = request.query_params.get("year")
        year = year if year and year.isdigit() and len(year) == 4 else None
        page = _page_number(request)
        d = self.describer.describe(iri, page if request.query_params.get("cited") else 1)
        year_total = 0
        if focus:
            d.inbound = self.describer.inbound(iri, only=focus, page=page, year=year)
            year_total = sum(n for group in d.inbound for y, n in group.years if y == year)
        if "?" in href:
            alternates = [Alternate(f.label, f.media_type, f"{href}&format={f.suffix}")
                          for f in Format if f is not Format.HTML]  # fmt: skip
        else:
            alternates = [Alternate(f.label, f.media_type, f"{href}.{f.suffix}")
                          for f in Format if f is not Format.HTML]  # fmt: skip
        jsonld = rdf.serialize(rdf.description(self.data, iri)[:500], Format.JSONLD)
        citations = overview.citation_svg(self.data, self.site, iri) if d.cable else None
        return pages.render(
            "resource.html", d=d, focus=focus, year=year, year_total=year_total, page=page,
            page_size=INBOUND_FULL_PAGE, alternates=alternates, inbound_page=INBOUND_PAGE,
            cited_page=page if request.query_params.get("cited") else 1,
            jsonld=pages.script_json(jsonld.decode()), citation_svg=citations,
        )  # fmt: skip

    def not_found(self, request: Request, what: str) -> Response:
        """404 with a page that helps: what was asked, and where to look instead."""
        fmt = negotiate(request.headers.get("accept"), (Format.HTML, Format.JSONLD))
        text = f"Nothing is known about {what} in this dataset."
        if fmt is Format.JSONLD:
            body = json.dumps({"error": "not found", "detail": text})
            return Response(body, 404, media_type="application/json")
        if fmt is not Format.HTML:
            return PlainTextResponse(text, 404)
        guess = what.rstrip("/").rsplit("/", 1)[-1].rpartition(".")[0] or what.rsplit("/", 1)[-1]
        lines = [
            text,
            "Resource paths look like /cable/07MUSCAT920, /post/MUSCAT or /vocab/tag/PHUM.",
        ]
        suggestions = []
        if "search" in self.prepared.ready and guess:
            found = search.search(self.prepared.search_path, guess, {}, 0, 5)
            suggestions = [_Suggestion(hit.subject or hit.id, self.site.href(hit.iri))
                           for hit in found.hits]  # fmt: skip
        body = pages.render("message.html", title="Not found", lines=lines,
                            suggestions=suggestions, q=guess)  # fmt: skip
        return HTMLResponse(body, 404)

    # -- dataset-level pages ---------------------------------------------------------------

    def home(self, request: Request) -> Response:
        o = overview.overview(self.data, self.site)
        return self.conditional(
            request, Format.HTML, False, "/",
            lambda: pages.render("overview.html", title="Overview", o=o),
        )  # fmt: skip

    def search(self, request: Request) -> Response:
        q = request.query_params.get("q", "").strip()[:500]
        filters = {f: request.query_params[f] for f in search.FACETS if request.query_params.get(f)}
        ready = "search" in self.prepared.ready
        page = _page_number(request)
        results = None
        if ready and (q or filters):
            results = search.search(self.prepared.search_path, q, filters,
                                    (page - 1) * SEARCH_PAGE, SEARCH_PAGE)  # fmt: skip
        base = {"q": q, **filters}

        def with_(facet: str, value: str) -> str:
            return "/search?" + urlencode({**base, facet: value})

        def without(facet: str) -> str:
            return "/search?" + urlencode({k: v for k, v in base.items() if k != facet})

        labels = {}
        if results:
            labels = {v: label for values in results.facets.values() for v, label, _ in values}
        body = pages.render(
            "search.html", title=f"Search: {q}" if q else "Search", q=q, filters=filters,
            results=results, ready=ready, with_=with_, without=without, labels=labels,
            href=self.site.href, page=page, page_size=SEARCH_PAGE,
            page_href="/search?" + urlencode(base),
            facet_names={"tag": "TAGS", "post": "Post", "year": "Year",
                         "classification": "Classification"},
        )  # fmt: skip
        if not ready:
            return HTMLResponse(body, 503 if q or filters else 200, headers={"Retry-After": "30"})
        return self.conditional(request, Format.HTML, False, "/search", lambda: body)

    def void(self, request: Request) -> Response:
        suffix = request.path_params.get("suffix")
        root = _root(request)
        quads = lambda: void.description(self.data, self.site, root, self.prepared.dumps)  # noqa: E731

        def page(alternates: list[Alternate]) -> str:
            stats = void.statistics(self.data)
            iris = [c for c, _ in stats["classes"]] + [p for p, _ in stats["properties"]]
            links = self.describer.links(iris + stats["examples"] + stats["linksets"])
            return pages.render(
                "void.html", title=void.TITLE, dataset=self.site.dataset_iri,
                description=void.DESCRIPTION, license=void.LICENSE, rights=void.RIGHTS,
                root=root, dumps=self.prepared.dumps, stats=stats,
                examples=[links[e] for e in stats["examples"]],
                linksets=[links[ls] for ls in stats["linksets"]],
                classes=[(links[c], n) for c, n in stats["classes"]],
                properties=[(links[p], n) for p, n in stats["properties"]],
                alternates=alternates,
            )  # fmt: skip

        return self.rdf_or_page(request, suffix, "/void", quads, page, "/void")

    def ontology_doc(self, request: Request) -> Response:
        suffix = request.path_params.get("suffix")
        triples = self.ontology
        quads = lambda: [ox.Quad(t.subject, t.predicate, t.object) for t in triples]  # noqa: E731

        def page(alternates: list[Alternate]) -> str:
            header, sections = ontology.sections(triples, self.describer)
            return pages.render(
                "ontology.html", title="The cablekg ontology", iri=ONTOLOGY.rstrip("#"),
                header=header, sections=sections, alternates=alternates,
            )  # fmt: skip

        return self.rdf_or_page(request, suffix, "/ontology", quads, page, "/ontology")

    def dump_list(self, request: Request) -> Response:
        listed = []
        for dump in self.prepared.dumps:
            path = self.prepared.dumps_dir / dump.name
            ready = dump.name in self.prepared.ready and path.is_file()
            listed.append((dump, path.stat().st_size if ready else None))
        body = pages.render("dumps.html", title="Dumps", dumps=listed)
        ready = ",".join(sorted(self.prepared.ready))  # the listing changes as dumps get ready
        return self.conditional(request, Format.HTML, False, "/dumps/" + ready, lambda: body)

    def dump_file(self, request: Request) -> Response:
        name = request.path_params["name"]
        known = {d.name for d in self.prepared.dumps}
        if not dumps.safe_name(name) or name not in known:
            return self.not_found(request, f"/dumps/{name}")
        if name not in self.prepared.ready:
            return PlainTextResponse("This dump is being prepared; try again soon.", 503,
                                     headers={"Retry-After": "30"})  # fmt: skip
        return FileResponse(self.prepared.dumps_dir / name, media_type="application/gzip",
                            filename=name)  # fmt: skip


@dataclass(frozen=True)
class _Suggestion:
    label: str
    href: str


def _root(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _page_number(request: Request) -> int:
    value = request.query_params.get("page", "1")
    return max(1, min(int(value), 100_000)) if value.isdigit() else 1


def _not_acceptable() -> Response:
    offered = ", ".join(f.media_type for f in Format)
    return PlainTextResponse(f"Not acceptable. This resource is available as: {offered}", 406)


def create_app(config: ServeConfig) -> Starlette:
    """The ASGI app serving the store of `config`."""
    server = Server(config)
    pool = WorkerPool(
        database_dir(config.store), config.sparql_workers, config.sparql_timeout,
        config.sparql_queue, config.sparql_queue_wait,
    )  # fmt: skip
    sparql = SparqlEndpoint(
        pool, server.data, server.site, config.result_limit, config.sparql_timeout
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if config.prepare:
            server.prepared.start()
        await pool.start()
        try:
            yield
        finally:
            await pool.stop()

    routes = [
        Route("/", server.home),
        Mount("/static", StaticFiles(packages=[("cablekg.serve", "static")]), name="static"),
        Route("/sparql", sparql.handle, methods=["GET", "POST"]),
        Route("/search", server.search),
        Route("/void", server.void),
        Route("/void.{suffix}", server.void),
        Route("/.well-known/void", server.void),
        Route("/dataset", server.void),
        Route("/dataset.{suffix}", server.void),
        Route("/ontology", server.ontology_doc),
        Route("/ontology.{suffix}", server.ontology_doc),
        Route("/dumps/", server.dump_list),
        Route("/dumps/{name}", server.dump_file),
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
