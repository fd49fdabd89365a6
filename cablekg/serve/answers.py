"""SPARQL answers in the formats of the SPARQL 1.1 Protocol, cut at a result limit.

The worker collects at most `limit + 1` solutions (or triples) before writing anything, so an
answer over the limit is refused honestly instead of being truncated without a word.
"""

from __future__ import annotations

from enum import Enum
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from cablekg import results
from cablekg.serve.formats import Format, negotiate


class ResultFormat(Enum):
    """Formats of SELECT and ASK answers: (media type, `format=` name)."""

    JSON = ("application/sparql-results+json", "json")
    XML = ("application/sparql-results+xml", "xml")
    CSV = ("text/csv", "csv")
    TSV = ("text/tab-separated-values", "tsv")

    def __init__(self, media_type: str, key: str) -> None:
        self.media_type = media_type
        self.key = key


class TooManyResults(Exception):
    """The answer has more rows or triples than the server hands out."""


_RESULT_ALIASES = {
    "application/json": ResultFormat.JSON,
    "application/xml": ResultFormat.XML,
    "text/xml": ResultFormat.XML,
    **{f.media_type: f for f in ResultFormat},
}


def result_format(accept: str | None, name: str | None) -> ResultFormat:
    """`format=json|xml|csv|tsv` wins; then the Accept header; JSON by default."""
    for fmt in ResultFormat:
        if name and name.lower() in (fmt.key, fmt.media_type):
            return fmt
    best, best_q = ResultFormat.JSON, 0.0
    for part in (accept or "").split(","):
        media, _, params = part.strip().partition(";")
        q = 1.0
        if "q=" in params:
            try:
                q = float(params.split("q=", 1)[1].split(";")[0])
            except ValueError:
                q = 0.0
        fmt = _RESULT_ALIASES.get(media.strip().lower())
        if fmt is not None and q > best_q:
            best, best_q = fmt, q
    return best


def graph_format(accept: str | None, name: str | None) -> Format:
    """The RDF format of a CONSTRUCT or DESCRIBE answer: `format=` suffix, Accept, or Turtle."""
    named = Format.from_suffix(name or "")
    if named is not None and named is not Format.HTML:
        return named
    rdf_formats = tuple(f for f in Format if f is not Format.HTML)
    return negotiate(accept, rdf_formats) or Format.TURTLE


def answer(
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
    accept: str | None,
    name: str | None,
    limit: int,
) -> tuple[str, bytes]:
    """(content type, body) of a query result, or TooManyResults."""
    if isinstance(result, ox.QueryBoolean):
        fmt = result_format(accept, name)
        return _boolean(bool(result), fmt)
    if isinstance(result, ox.QuerySolutions):
        fmt = result_format(accept, name)
        names = [v.value for v in result.variables]
        rows = []
        for solution in result:
            if len(rows) == limit:
                raise TooManyResults(f"the answer has more than {limit} rows")
            rows.append({n: _term(solution[n]) for n in names if solution[n] is not None})
        return _solutions(names, rows, fmt)
    fmt = graph_format(accept, name)
    triples = []
    for triple in result:
        if len(triples) == limit:
            raise TooManyResults(f"the answer has more than {limit} triples")
        triples.append(triple)
    return fmt.content_type, ox.serialize(triples, format=fmt.rdf)


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {
        "subject": _term(term.subject), "predicate": _term(term.predicate),
        "object": _term(term.object)}}  # fmt: skip


def _solutions(
    names: list[str], rows: list[dict[str, Any]], fmt: ResultFormat
) -> tuple[str, bytes]:
    document = {"head": {"vars": names}, "results": {"bindings": rows}}
    if fmt is ResultFormat.XML:
        return fmt.media_type + "; charset=utf-8", _xml(names, rows).encode()
    text = results.render(document, fmt.key)
    return fmt.media_type + "; charset=utf-8", text.encode()


def _boolean(value: bool, fmt: ResultFormat) -> tuple[str, bytes]:
    if fmt is ResultFormat.XML:
        body = (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n"
        )
        return fmt.media_type + "; charset=utf-8", body.encode()
    if fmt in (ResultFormat.CSV, ResultFormat.TSV):
        # CSV and TSV have no boolean form; a one-cell table says it plainly.
        return fmt.media_type + "; charset=utf-8", f"{'true' if value else 'false'}\n".encode()
    document = {"head": {}, "boolean": value}
    return ResultFormat.JSON.media_type + "; charset=utf-8", results.render(
        document, "json"
    ).encode()


def _xml(names: list[str], rows: list[dict[str, Any]]) -> str:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    out += ["<head>", *(f"<variable name={quoteattr(n)}/>" for n in names), "</head><results>"]
    for row in rows:
        out.append("<result>")
        for name, term in row.items():
            out.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "\n".join(out)


def _xml_term(term: dict[str, Any]) -> str:
    if term["type"] == "uri":
        return f"<uri>{escape(term['value'])}</uri>"
    if term["type"] == "bnode":
        return f"<bnode>{escape(term['value'])}</bnode>"
    if term["type"] == "triple":
        parts = "".join(f"<{k}>{_xml_term(v)}</{k}>" for k, v in term["value"].items())
        return f"<triple>{parts}</triple>"
    attrs = ""
    if "xml:lang" in term:
        attrs = f" xml:lang={quoteattr(term['xml:lang'])}"
    elif "datatype" in term:
        attrs = f" datatype={quoteattr(term['datatype'])}"
    return f"<literal{attrs}>{escape(term['value'])}</literal>"
