"""Render SPARQL JSON results as a table, CSV, TSV or JSON (`cablekg query --format`)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

FORMATS = ("table", "csv", "tsv", "json")


def rows(results: dict[str, Any]) -> tuple[list[str], list[list[dict[str, str] | None]]]:
    """Variables and, per solution, each variable's binding (None when unbound)."""
    names = list(results.get("head", {}).get("vars", []))
    bindings = results.get("results", {}).get("bindings", [])
    return names, [[binding.get(name) for name in names] for binding in bindings]


def render(results: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(results, ensure_ascii=False, indent=1) + "\n"
    if "boolean" in results:
        return ("true" if results["boolean"] else "false") + "\n"
    names, table = rows(results)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(names)
        writer.writerows([[term["value"] if term else "" for term in row] for row in table])
        return out.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{name}" for name in names)]
        lines += ["\t".join(_ntriples(term) for term in row) for row in table]
        return "\n".join(lines) + "\n"
    if fmt == "table":
        return _table(names, [[_short(term) for term in row] for row in table])
    raise ValueError(f"unknown results format {fmt!r}; use one of {', '.join(FORMATS)}")


def _ntriples(term: dict[str, str] | None) -> str:
    """A term in the N-Triples syntax the SPARQL TSV format uses."""
    if term is None:
        return ""
    value = term["value"]
    if term["type"] == "uri":
        return f"<{value}>"
    if term["type"] == "bnode":
        return f"_:{value}"
    escaped = (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    if "xml:lang" in term:
        return f'"{escaped}"@{term["xml:lang"]}'
    datatype = term.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


def _short(term: dict[str, str] | None, limit: int = 80) -> str:
    if term is None:
        return ""
    value = " ".join(term["value"].split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _table(names: list[str], table: list[list[str]]) -> str:
    widths = [max([len(name), *(len(row[i]) for row in table)]) for i, name in enumerate(names)]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    header = "|" + "|".join(f" {n:<{w}} " for n, w in zip(names, widths, strict=True)) + "|"
    body = [
        "|" + "|".join(f" {v:<{w}} " for v, w in zip(row, widths, strict=True)) + "|"
        for row in table
    ]
    return "\n".join([line, header, line, *body, line]) + f"\n{len(table)} row(s)\n"
