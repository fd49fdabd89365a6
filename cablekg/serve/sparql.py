"""`/sparql`: the SPARQL 1.1 Protocol, read-only, with no federation.

- Queries by GET (`?query=`), POST form (`query=`) or POST `application/sparql-query`;
  `default-graph-uri` and `named-graph-uri` as the protocol says; without them the default
  graph is the union of all graphs.
- Answers as JSON, XML, CSV or TSV (SELECT, ASK) and as any RDF format (CONSTRUCT, DESCRIBE),
  by Accept or `format=`; `format=html` shows a table on the query page.
- Refused with 403: SPARQL Update in any form, and `SERVICE` (the server would otherwise fetch
  any URL a client names). 400: syntax errors, answers over the result limit. 503: a query that
  runs past the time limit (its worker process is killed), or that found the wait queue full or
  waited its bound for a worker (with Retry-After); see `cablekg.serve.workers` for admission.
- GET without a query: the HTML query page for browsers, a service description for machines.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from cablekg.queries import named_queries
from cablekg.serve import pages, vocab
from cablekg.serve.dataset import Dataset
from cablekg.serve.formats import Format, negotiate
from cablekg.serve.http import not_modified, validators
from cablekg.serve.site import Site
from cablekg.serve.workers import Job, PoolBusy, QueryTimeout, WorkerDied, WorkerPool

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# What is not SPARQL keywords: strings, IRIs, comments (blanked before looking for keywords).
_NOT_CODE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*",
    re.DOTALL,
)
_UPDATE = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


def _keyword(word: str) -> re.Pattern[str]:
    """A bare keyword: not a variable (`?service`), a prefix (`service:`) or the local part of a
    prefixed name or blank node (`ex:service`, `_:service`). Anything else that reads as the
    keyword counts, so an odd but valid query may be refused; a SERVICE never slips through."""
    return re.compile(rf"(?<![\w?$:]){word}(?![\w:])", re.IGNORECASE)


_SERVICE = _keyword("SERVICE")
_UPDATES = [_keyword(word) for word in _UPDATE]


def refusal(query: str) -> str | None:
    """Why this endpoint will not run `query` (SERVICE or Update), or None.

    Codepoint escapes (`\\u0053ERVICE`) are decoded first, as the SPARQL grammar does.
    """
    decoded = _ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)), query)
    code = _NOT_CODE.sub(" ", decoded)
    if _SERVICE.search(code):
        return (
            "SERVICE is not allowed: this endpoint does not query other endpoints. "
            "Run federated queries from your own client."
        )
    for pattern in _UPDATES:
        if pattern.search(code):
            return "This endpoint is read-only: SPARQL Update is not accepted."
    return None


class SparqlEndpoint:
    def __init__(
        self, pool: WorkerPool, data: Dataset, site: Site, limit: int, timeout: float
    ) -> None:
        self.pool = pool
        self.data = data  # for labels on the HTML result table, and the store version
        self.site = site
        self.limit = limit
        self.timeout = timeout

    async def handle(self, request: Request) -> Response:
        params: dict[str, list[str]] = {}
        for key, value in request.query_params.multi_items():
            params.setdefault(key, []).append(value)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if request.method == "POST":
            if content_type == "application/sparql-update":
                return _refuse("This endpoint is read-only: SPARQL Update is not accepted.")
            if content_type == "application/sparql-query":
                params.setdefault("query", []).append((await request.body()).decode("utf-8"))
            elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
                form = await request.form()
                for key, value in form.multi_items():
                    if isinstance(value, str):
                        params.setdefault(key, []).append(value)
            else:
                return PlainTextResponse(
                    "POST a query as application/sparql-query or as a form field `query`.", 415
                )
        if "update" in params:
            return _refuse("This endpoint is read-only: SPARQL Update is not accepted.")
        queries = params.get("query", [])
        if len(queries) > 1:
            return PlainTextResponse("Give exactly one `query` parameter.", 400)
        fmt_name = (params.get("format") or [None])[0]
        accept = request.headers.get("accept")
        if not queries:
            if negotiate(accept, (Format.HTML, Format.TURTLE)) is Format.TURTLE:
                return self.service_description(request)
            return HTMLResponse(self.page(""))
        query = queries[0]
        if (reason := refusal(query)) is not None:
            return _refuse(reason)
        html = fmt_name == "html" or (
            fmt_name is None and negotiate(accept, (Format.JSONLD, Format.HTML)) is Format.HTML
            and "text/html" in (accept or "")
        )  # fmt: skip
        job = Job(
            query=query,
            accept="application/sparql-results+json" if html else accept,
            format="json" if html else fmt_name,
            limit=self.limit,
            default_graphs=tuple(params.get("default-graph-uri", [])),
            named_graphs=tuple(params.get("named-graph-uri", [])),
        )
        for iri in job.default_graphs + job.named_graphs:
            if not re.fullmatch(r"[^\s<>\"{}|\\^`]+:[^\s<>\"{}|\\^`]*", iri):
                return PlainTextResponse(f"Not an IRI: {iri!r}", 400)
        validated = validators(self.data.version, "/sparql", str(sorted(params.items())),
                               job.accept or "", str(html))  # fmt: skip
        if request.method == "GET" and (cached := not_modified(request, validated)) is not None:
            return cached
        try:
            outcome = await self.pool.run(job)
        except QueryTimeout:
            return self._error(
                html, query, 503,
                f"The query ran longer than {self.timeout:g} s and was stopped. Narrow it, add a "
                "LIMIT, or load the dumps (/dumps/) into your own store.",
            )  # fmt: skip
        except PoolBusy:
            return self._error(
                html, query, 503, "Every query worker is busy and the queue is full; try again "
                "soon.", {"Retry-After": str(math.ceil(self.timeout))},
            )  # fmt: skip
        except WorkerDied as error:
            return self._error(html, query, 500, f"The query worker failed: {error}")
        if outcome.kind == "syntax":
            return self._error(html, query, 400, f"Syntax error: {outcome.body.decode()}")
        if outcome.kind == "limit":
            return self._error(
                html, query, 400,
                f"Result limit exceeded: {outcome.body.decode()}; this endpoint returns at most "
                f"{self.limit}. Add a LIMIT (and OFFSET to page), or use the dumps (/dumps/).",
            )  # fmt: skip
        if outcome.kind != "ok":
            return self._error(html, query, 500, outcome.body.decode())
        headers = {"Vary": "Accept", **(validated if request.method == "GET" else {})}
        if html:
            page = await anyio.to_thread.run_sync(self.page, query, json.loads(outcome.body))
            return HTMLResponse(page, headers=headers)
        return Response(outcome.body, headers={"Content-Type": outcome.content_type, **headers})

    def _error(
        self, html: bool, query: str, status: int, message: str,
        headers: dict[str, str] | None = None,
    ) -> Response:  # fmt: skip
        if html:
            return HTMLResponse(self.page(query, error=message), status, headers=headers)
        return PlainTextResponse(message, status, headers=headers)

    def page(
        self, query: str, answer: dict[str, Any] | None = None, error: str | None = None
    ) -> str:
        examples = [
            (named.title, named.description, named.bind())
            for named in named_queries().values()
            if not named.needs_network
        ]
        default = query or _DEFAULT_QUERY
        head, rows = [], []
        if answer is not None:
            if "boolean" in answer:
                head, rows = ["answer"], [[{"type": "literal", "value": str(answer["boolean"])}]]
            else:
                head = answer["head"]["vars"]
                rows = [[b.get(v) for v in head] for b in answer["results"]["bindings"]]
            # IRIs are shown by their labels (the IRI stays in the link's title).
            iris = [t["value"] for row in rows for t in row if t and t["type"] == "uri"]
            labels = self.data.labels(iris)
            for row in rows:
                for term in row:
                    if term and term["type"] == "uri":
                        term["label"] = labels.get(term["value"], term["value"])
        return pages.render(
            "sparql.html", title="SPARQL endpoint", query=default, examples=examples,
            head=head, rows=rows, answered=answer is not None, error=error,
            href=self.site.href, limit=self.limit, timeout=self.timeout,
        )  # fmt: skip

    def service_description(self, request: Request) -> Response:
        endpoint = str(request.url.replace(query=""))
        sd = vocab.SD
        body = f"""@prefix sd: <{sd}> .
<{endpoint}> a sd:Service ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:feature sd:UnionDefaultGraph ;
  sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>,
    <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
    <http://www.w3.org/ns/formats/SPARQL_Results_CSV>,
    <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
    <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/N-Triples>,
    <http://www.w3.org/ns/formats/JSON-LD>, <http://www.w3.org/ns/formats/RDF_XML> ;
  sd:defaultDataset [ a sd:Dataset ; <http://rdfs.org/ns/void#inDataset>
    <{self.site.dataset_iri}> ] .
"""
        return Response(body, media_type=Format.TURTLE.content_type, headers={"Vary": "Accept"})


_DEFAULT_QUERY = """PREFIX ckg: <https://w3id.org/cablekg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>

SELECT DISTINCT ?cable ?date ?subject WHERE {
  ?cable a ckg:Cable ; dcterms:created ?date ; dcterms:title ?subject .
}
ORDER BY DESC(?date)
LIMIT 20
"""


def _refuse(message: str) -> Response:
    return PlainTextResponse(message, 403)
