"""Full-text search over cable subjects and paragraphs: SQLite FTS5 (standard library).

The index is built from the store (`build`), one row per cable subject and one per paragraph,
with the facets of each cable (TAGS, post, year, classification) in plain tables. `search`
ranks cables by BM25 of their best matching row (subjects weigh 4x paragraphs) and counts the
facets over every matching cable.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from cablekg.serve import vocab
from cablekg.serve.dataset import Dataset, local_name

MARK_START, MARK_END = "\x02", "\x03"  # snippet highlight markers, turned into <mark> safely
FACETS = ("tag", "post", "year", "classification")
FACET_SCOPE = 5000
_TOKEN = re.compile(r'"([^"]+)"|(\w+\*?)', re.UNICODE)

# Each indexed row's rowid is `cable number * PARTS + part` (part 0 the subject): the cable of a
# match is rowid / PARTS, read without touching the row's content (reading a text column of
# every match made broad queries 4x slower).
PARTS = 4096
# Facet values of the hits: each hit's values found through the index on the cable number.
FACET_COUNTS = (
    "SELECT f.value, MIN(f.label), COUNT(*) AS n FROM hits h CROSS JOIN facet_values f "
    "ON f.cable = h.cable WHERE f.facet = ? GROUP BY f.value"
)

SCHEMA = """
CREATE TABLE cables (no INTEGER PRIMARY KEY, iri TEXT UNIQUE, id TEXT, subject TEXT, date TEXT,
    year TEXT, post TEXT, classification TEXT);
CREATE TABLE facet_values (cable INTEGER, facet TEXT, value TEXT, label TEXT);
CREATE INDEX facet_values_by_cable ON facet_values (cable);
CREATE VIRTUAL TABLE docs USING fts5 (subject, body,
    tokenize = 'porter unicode61 remove_diacritics 2');
"""


def build(data: Dataset, path: Path) -> None:
    """Write the index for every cable of the store into `path` (replaced atomically)."""
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    db.executescript(SCHEMA)
    numbers = _insert_cables(data, db)
    _insert_facets(data, db)
    text_props = " ".join(f"<{p}>" for p in vocab.TEXT)
    parts = data.store.query(
        f"SELECT ?c ?t WHERE {{ ?g <{vocab.PRIMARY_TOPIC}> ?c . ?c <{vocab.HAS_PART}> ?p . "
        f"VALUES ?tp {{ {text_props} }} ?p ?tp ?t }}",
        use_default_graph_as_union=True,
    )
    counts: dict[int, int] = {}
    rows = []
    for row in parts:
        number = numbers[row["c"].value]
        part = counts[number] = counts.get(number, 0) + 1
        if part < PARTS:  # a cable of more than 4,095 paragraphs: the rest is not indexed
            rows.append((number * PARTS + part, row["t"].value))
        if len(rows) >= 5000:
            db.executemany("INSERT INTO docs (rowid, body) VALUES (?, ?)", rows)
            rows = []
    db.executemany("INSERT INTO docs (rowid, body) VALUES (?, ?)", rows)
    db.execute("INSERT INTO docs (docs) VALUES ('optimize')")
    db.commit()
    db.close()
    partial.replace(path)


def _insert_cables(data: Dataset, db: sqlite3.Connection) -> dict[str, int]:
    """One row per cable of the corpus, and its subject as part 0; the cables' numbers."""
    cables = data.store.query(
        f"SELECT ?c ?id ?subject ?date ?post ?class WHERE {{ ?g <{vocab.PRIMARY_TOPIC}> ?c "
        f"OPTIONAL {{ ?c <{vocab.IDENTIFIER}> ?id }} OPTIONAL {{ ?c <{vocab.TITLE}> ?subject }} "
        f"OPTIONAL {{ ?c <{vocab.CREATED}> ?date }} OPTIONAL {{ ?c <{vocab.SENDER}> ?post }} "
        f"OPTIONAL {{ ?c <{vocab.CLASSIFICATION}> ?class }} }}",
        use_default_graph_as_union=True,
    )
    numbers: dict[str, int] = {}
    batch = []
    for row in cables:
        iri = row["c"].value
        if iri in numbers:  # a cable with two values of a field: the first row is kept
            continue
        number = numbers[iri] = len(numbers) + 1
        v = {k: row[k].value if row[k] is not None else None
             for k in ("id", "subject", "date", "post", "class")}  # fmt: skip
        year = (v["date"] or "")[:4] or None
        batch.append((number, iri, v["id"] or local_name(iri), v["subject"], v["date"], year,
                      v["post"], v["class"]))  # fmt: skip
    db.executemany("INSERT INTO cables VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch)
    db.executemany(
        "INSERT INTO docs (rowid, subject) VALUES (?, ?)",
        [(row[0] * PARTS, row[3]) for row in batch if row[3]],
    )
    return numbers


def _insert_facets(data: Dataset, db: sqlite3.Connection) -> None:
    """Facet values with their labels: TAG codes, post names, classification names, years."""
    numbers = dict(db.execute("SELECT iri, no FROM cables"))
    tags = data.store.query(
        f"SELECT DISTINCT ?c ?t ?code WHERE {{ ?g <{vocab.PRIMARY_TOPIC}> ?c . "
        f"?c <{vocab.SUBJECT}> ?t OPTIONAL {{ ?t <{vocab.NOTATION}> ?code }} }}",
        use_default_graph_as_union=True,
    )
    rows = [
        (
            numbers[r["c"].value],
            "tag",
            r["t"].value,
            r["code"].value if r["code"] else local_name(r["t"].value),
        )
        for r in tags
        if isinstance(r["t"], ox.NamedNode) and r["c"].value in numbers
    ]
    for facet in ("post", "classification"):
        values = [v for (v,) in db.execute(f"SELECT DISTINCT {facet} FROM cables") if v]
        labels = data.labels(values)
        rows += [
            (cable, facet, value, labels.get(value) or local_name(value))
            for cable, value in db.execute(f"SELECT no, {facet} FROM cables")
            if value
        ]
    rows += [(c, "year", y, y) for c, y in db.execute("SELECT no, year FROM cables") if y]
    db.executemany("INSERT INTO facet_values VALUES (?, ?, ?, ?)", rows)
    db.execute("CREATE INDEX facet_values_by_value ON facet_values (facet, value)")


@dataclass(slots=True)
class Hit:
    iri: str
    id: str
    subject: str | None
    date: str | None
    snippet: list[tuple[str, bool]]  # (text, highlighted)


@dataclass(slots=True)
class Results:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)  # value, label, n
    facet_scope: int = 0  # how many of the best matches the facet counts cover


def fts_query(text: str) -> str | None:
    """User words as an FTS5 query that cannot be a syntax error: every word or "phrase"
    quoted, all required; a trailing `*` keeps prefix search."""
    terms = []
    for phrase, word in _TOKEN.findall(text):
        if phrase:
            words = re.findall(r"\w+", phrase)
            if words:
                terms.append('"' + " ".join(words) + '"')
        elif word:
            star = word.endswith("*")
            terms.append(f'"{word.rstrip("*")}"' + ("*" if star else ""))
    return " ".join(terms) or None


def search(
    path: Path, text: str, filters: dict[str, str], offset: int = 0, limit: int = 20
) -> Results:
    """Cables matching `text` (and every facet filter), best first, with facet counts."""
    match = fts_query(text)
    if match is None and not any(filters.get(f) for f in FACETS):
        return Results(text, 0, [])
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        conditions, params = [], [match]
        for facet, value in filters.items():
            if facet in FACETS and value:
                conditions.append(
                    "EXISTS (SELECT 1 FROM facet_values f WHERE f.cable = h.cable "
                    "AND f.facet = ? AND f.value = ?)"
                )
                params += [facet, value]
        where = " AND ".join(conditions) or "1"
        if match is None:  # browsing by facets alone: every cable, newest first
            params.pop(0)
            matched = "SELECT no AS cable, 0 AS score, NULL AS part FROM cables"
        else:
            matched = (
                "WITH matched AS MATERIALIZED (SELECT rowid AS part, "
                f"bm25(docs, 4.0, 1.0) AS score FROM docs WHERE docs MATCH ?) "
                f"SELECT part / {PARTS} AS cable, MIN(score) AS score, part FROM matched "
                "GROUP BY cable"
            )
        # Typed temporary tables: an untyped `part / PARTS` column kept SQLite from using the
        # facet index in the joins below (a full scan of the hits per facet row).
        db.execute("CREATE TEMP TABLE ranked (cable INTEGER, score REAL, part INTEGER)")
        db.execute(
            f"INSERT INTO ranked SELECT h.cable, h.score, h.part FROM ({matched}) h WHERE {where}",
            params,
        )
        total = db.execute("SELECT COUNT(*) FROM ranked").fetchone()[0]
        # Facets count the best FACET_SCOPE matches: a word found in most of the corpus would
        # otherwise cost a join over every cable; the page says when this applies.
        db.execute("CREATE TEMP TABLE hits (cable INTEGER, score REAL, part INTEGER)")
        db.execute("INSERT INTO hits SELECT * FROM ranked ORDER BY score LIMIT ?", (FACET_SCOPE,))
        db.execute("CREATE INDEX temp.hits_by_cable ON hits (cable)")
        rows = [
            (*row[:4], _snippet(db, match, row[4]))
            for row in db.execute(
                "SELECT c.iri, c.id, c.subject, c.date, h.part FROM hits h JOIN cables c "
                "ON c.no = h.cable ORDER BY h.score, c.date DESC LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
        ]
        facets: dict[str, list[tuple[str, str, int]]] = {}
        for facet in FACETS:
            order = "f.value DESC" if facet == "year" else "n DESC, f.label"
            facets[facet] = db.execute(
                f"{FACET_COUNTS} ORDER BY {order} LIMIT 30", (facet,)
            ).fetchall()
    finally:
        db.close()
    hits = [Hit(iri, id_, subject, date, _segments(snip)) for iri, id_, subject, date, snip in rows]
    return Results(text, total, hits, facets, min(total, FACET_SCOPE))


def _snippet(db: sqlite3.Connection, match: str | None, part: int | None) -> str | None:
    """The best passage of one matching row (computed for the shown hits only)."""
    if match is None or part is None:
        return None
    row = db.execute(
        f"SELECT snippet(docs, -1, '{MARK_START}', '{MARK_END}', ' … ', 24) FROM docs "
        "WHERE docs MATCH ? AND rowid = ?",
        (match, part),
    ).fetchone()
    return row[0] if row else None


def _segments(snippet: str | None) -> list[tuple[str, bool]]:
    """A snippet as (text, highlighted) pieces, so the template escapes every piece."""
    pieces = []
    for i, chunk in enumerate(re.split(f"[{MARK_START}{MARK_END}]", snippet or "")):
        if chunk:
            pieces.append((chunk, i % 2 == 1))
    return pieces
