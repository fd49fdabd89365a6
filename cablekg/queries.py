"""The library of named SPARQL queries in `queries/`.

A named query is a `.rq` file whose leading comment block describes it:

    # Cables per post per year
    # How many cables each post sent, by year.
    # param: post (string) = MUSCAT -- station code of the sending post
    # param: addressee (string) = "SECSTATE WASHDC" -- a default with spaces is quoted
    # requires: network

The first line is its title, the next its one-line description. A `param` binds a variable of
the query (`?post`) to the value given on the command line or to its default; the binding is a
`VALUES` block added to every `WHERE` group of the query (subqueries included, so a subquery can
start from a parameter: its variable means the same value everywhere), so it reads the same on
the embedded store and on any SPARQL 1.1 server (see `bind_values`). `requires: network` marks
federated queries that need the internet (never run in tests). `analytics: whole-graph` marks
queries that scan the whole graph, documented as such in the benchmarks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cablekg.resources import queries_path

_PARAM = re.compile(
    r"^param:\s*(?P<name>[A-Za-z_]\w*)\s*\((?P<kind>string|integer|iri|date)\)"
    r'\s*=\s*(?:"(?P<quoted>[^"]*)"|(?P<default>\S+?))(?:\s+--\s+(?P<doc>.*))?$'
)
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_IRI_SAFE = re.compile(r"^[^\s<>\"{}|\\^`]+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class QueryError(ValueError):
    """A named query is unknown, malformed, or given a bad parameter."""


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    kind: str
    default: str
    doc: str = ""


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    title: str
    description: str
    text: str
    params: tuple[Param, ...] = ()
    tags: frozenset[str] = field(default_factory=frozenset)

    @property
    def needs_network(self) -> bool:
        return "network" in self.tags

    @property
    def whole_graph(self) -> bool:
        return "whole-graph" in self.tags

    def listing(self) -> str:
        """How `cablekg query --list` shows the query: title, description, parameters."""
        labels = {"whole-graph": "whole-graph analytics", "network": "needs network"}
        flags = [label for tag, label in labels.items() if tag in self.tags]
        lines = [f"{self.name}  {self.title}" + (f"  [{', '.join(flags)}]" if flags else "")]
        lines.append(f"    {self.description}")
        for param in self.params:
            default = f'"{param.default}"' if re.search(r"\s", param.default) else param.default
            lines.append(f"    --param {param.name}={default}  ({param.kind}) {param.doc}")
        return "\n".join(lines)

    def bind(self, values: dict[str, str] | None = None) -> str:
        """The query text with every parameter bound (given value or default)."""
        values = dict(values or {})
        unknown = set(values) - {p.name for p in self.params}
        if unknown:
            raise QueryError(f"{self.name}: unknown parameter(s) {', '.join(sorted(unknown))}")
        if not self.params:
            return self.text
        names = " ".join(f"?{p.name}" for p in self.params)
        terms = " ".join(sparql_term(p.kind, values.get(p.name, p.default)) for p in self.params)
        return bind_values(self.text, f"VALUES ({names}) {{ ({terms}) }}")


def bind_values(query: str, values_block: str) -> str:
    """Add a VALUES block at the top and at the end of every WHERE group (subqueries too).

    At the top so that a BIND of the group sees the parameters; at the end too because Virtuoso
    7 fails to compile some queries (SP031) whose parameter variable, bound only by a leading
    VALUES, is not projected. Joining the same one-row block twice changes nothing.
    """
    blanked = _blank_comments(query)
    edits = []
    for match in _WHERE.finditer(blanked):
        edits.append((match.end(), f"\n  {values_block}\n"))
        end = _closing_brace(blanked, match.end() - 1)
        indent = query[query.rfind("\n", 0, end) + 1 : end]
        edits.append((end, f"  {values_block}\n{indent if indent.isspace() else ''}"))
    if not edits:
        raise QueryError("a parameterised query needs an explicit WHERE { ... }")
    for position, text in sorted(edits, reverse=True):
        query = query[:position] + text + query[position:]
    return query


def _closing_brace(text: str, opening: int) -> int:
    """The index of the `}` closing the `{` at `opening` (comments and strings blanked)."""
    depth = 0
    for index in range(opening, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    raise QueryError("unbalanced braces in the query")


def sparql_term(kind: str, value: str) -> str:
    """A parameter value as a SPARQL term, refusing anything that could escape the term."""
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d{1,18}", value):
            raise QueryError(f"not an integer: {value!r}")
        return str(int(value))
    if kind == "iri":
        if not _IRI_SAFE.match(value):
            raise QueryError(f"not an IRI: {value!r}")
        return f"<{value}>"
    if kind == "date":
        if not _DATE.match(value):
            raise QueryError(f"not a date (YYYY-MM-DD): {value!r}")
        return f'"{value}"^^<http://www.w3.org/2001/XMLSchema#date>'
    escaped = (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"'


def parse_named_query(name: str, text: str) -> NamedQuery:
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line.lstrip("#").strip())
    if len(header) < 2 or not header[0] or not header[1]:
        raise QueryError(f"{name}: the query must start with a title and a description comment")
    params, tags = [], set()
    for line in header[2:]:
        if line.startswith("param:"):
            match = _PARAM.match(line)
            if match is None:
                raise QueryError(f"{name}: malformed parameter line {line!r}")
            default = match["default"] if match["quoted"] is None else match["quoted"]
            param = Param(match["name"], match["kind"], default, match["doc"] or "")
            sparql_term(param.kind, param.default)  # the default itself must be valid
            params.append(param)
        elif line.startswith(("requires:", "analytics:")):
            tags.add(line.split(":", 1)[1].strip())
    return NamedQuery(name, header[0], header[1], text, tuple(params), frozenset(tags))


def named_queries(directory: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query of the library, by name (the file name without `.rq`)."""
    directory = directory or queries_path()
    return {
        path.stem: parse_named_query(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(directory.glob("*.rq"))
    }


def resolve_query(query: str, params: dict[str, str] | None = None) -> str:
    """QUERY as the CLI takes it: a library name, a `.rq` file, or SPARQL text."""
    library = named_queries()
    if query in library:
        return library[query].bind(params)
    path = Path(query)
    if query.endswith(".rq") or (len(query) < 4096 and "\n" not in query and path.is_file()):
        if not path.is_file():
            raise QueryError(f"no such query file: {query}")
        return parse_named_query(path.stem, path.read_text(encoding="utf-8")).bind(params)
    if params:
        raise QueryError("--param applies to named queries and query files only")
    return query


def strip_comments(query: str) -> str:
    """The query without its `#` comments (SPARQLWrapper reads words in comments as the query
    form: `# ... addressees` made it send a SELECT as an ADD update)."""
    pieces, start = [], 0
    for begin, end in _scan(query)[1]:
        pieces.append(query[start:begin])
        start = end
    return "".join(pieces) + query[start:]


def _blank_comments(query: str) -> str:
    """Same length as `query`, with comments and string contents blanked for searching."""
    return _scan(query)[0]


def _scan(query: str) -> tuple[str, list[tuple[int, int]]]:
    """`query` with comments and string contents blanked, and where its comments are."""
    out, comments, quote, i = [], [], None, 0
    while i < len(query):
        ch = query[i]
        if quote:
            if ch == "\\":
                out.append("  ")
                i += 2
                continue
            if ch == quote:
                quote = None
            out.append(ch if quote is None else " ")
        elif ch in "\"'":
            quote = ch
            out.append(ch)
        elif ch == "#" and not _inside_iri(query, i):
            end = query.find("\n", i)
            end = len(query) if end < 0 else end
            out.append(" " * (end - i))
            comments.append((i, end))
            i = end
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)[: len(query)], comments


def _inside_iri(query: str, index: int) -> bool:
    """A `#` inside `<...#term>` is part of an IRI, not a comment."""
    opening = query.rfind("<", 0, index)
    if opening < 0 or "\n" in query[opening:index]:
        return False
    return query.rfind(">", opening, index) < 0
