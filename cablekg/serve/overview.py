"""The dataset overview: counts and charts over the whole graph, computed once per store."""

from __future__ import annotations

from dataclasses import dataclass

import markupsafe

from cablekg.serve import charts, vocab, void
from cablekg.serve.dataset import Dataset, local_name
from cablekg.serve.site import Site

TOP = 15


@dataclass(frozen=True, slots=True)
class Overview:
    counts: list[tuple[str, int, str | None]]  # (what, how many, where to see them)
    years: markupsafe.Markup
    posts: markupsafe.Markup
    tags: markupsafe.Markup
    citations: markupsafe.Markup
    cited_cable: tuple[str, str] | None  # (label, href) of the cable whose citations are drawn


def overview(data: Dataset, site: Site) -> Overview:
    return data.memo("overview", lambda: _compute(data, site))


def _compute(data: Dataset, site: Site) -> Overview:
    cables = int(data.select(
        f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?g <{vocab.PRIMARY_TOPIC}> ?c }}"
    )[0]["n"].value)  # fmt: skip
    posts = data.select(
        f"SELECT ?p (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c a <{vocab.CABLE}> ; "
        f"<{vocab.SENDER}> ?p }} GROUP BY ?p ORDER BY DESC(?n) ?p"
    )
    tags = data.select(
        f"SELECT ?t (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?g <{vocab.PRIMARY_TOPIC}> ?c . "
        f"?c <{vocab.SUBJECT}> ?t }} "
        "GROUP BY ?t ORDER BY DESC(?n) ?t"
    )
    people = data.select(f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ ?c <{vocab.OFFICIAL}> ?o }}")[
        0
    ]["n"].value
    agencies = data.select(f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ ?c <{vocab.AGENCY}> ?o }}")[
        0
    ]["n"].value
    per_year: dict[str, dict[str, int]] = {}
    rows = data.select(
        f"SELECT ?y ?class (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c a <{vocab.CABLE}> ; "
        f"<{vocab.CREATED}> ?d BIND(SUBSTR(STR(?d), 1, 4) AS ?y) "
        f"OPTIONAL {{ ?c <{vocab.CLASSIFICATION}> ?cl }} "
        f'BIND(COALESCE(?cl, "unknown") AS ?class) }} GROUP BY ?y ?class'
    )
    for row in rows:
        level = row["class"].value
        # Classifications by notation (UNCLASSIFIED//FOR OFFICIAL USE ONLY): colours and the
        # legend read it.
        notation = data.values(level, vocab.NOTATION) if level.startswith("http") else []
        name = notation[0].value if notation else local_name(level)
        per_year.setdefault(row["y"].value, {})[name] = int(row["n"].value)
    post_labels = data.labels([r["p"].value for r in posts[:TOP]])
    top_posts = [
        charts.Bar(post_labels.get(r["p"].value, local_name(r["p"].value)), int(r["n"].value),
                   site.href(r["p"].value))
        for r in posts[:TOP]
    ]  # fmt: skip
    top_tags = []
    for r in tags[:TOP]:
        tag = r["t"].value
        codes = data.values(tag, vocab.SKOS + "notation")
        meanings = data.values(tag, vocab.SKOS + "prefLabel")
        top_tags.append(charts.Bar(codes[0].value if codes else local_name(tag),
                                   int(r["n"].value), site.href(tag),
                                   meanings[0].value if meanings else None))  # fmt: skip
    citations, cited = _most_connected(data, site)
    counts = [
        ("cables", cables, None),
        ("posts", len(posts), None),
        ("TAGS", len(tags), None),
        ("officials", int(people), None),
        ("agencies", int(agencies), None),
        ("triples", void.statistics(data)["triples"], "/void"),
    ]
    return Overview(
        counts=counts,
        years=charts.stacked_years(per_year),
        posts=charts.horizontal_bars(top_posts, "Top posts by cables sent"),
        tags=charts.horizontal_bars(top_tags, "Top TAGS by cables"),
        citations=citations,
        cited_cable=cited,
    )


def _most_connected(data: Dataset, site: Site) -> tuple[markupsafe.Markup, tuple[str, str] | None]:
    """The citation graph of the most cited cable of the corpus (else of a citing one)."""
    rows = data.select(
        f"SELECT ?c WHERE {{ ?r <{vocab.TARGET}> ?c . ?g <{vocab.PRIMARY_TOPIC}> ?c }} "
        "GROUP BY ?c ORDER BY DESC(COUNT(?r)) ?c LIMIT 1"
    ) or data.select(f"SELECT ?c WHERE {{ ?c <{vocab.HAS_REFERENCE}> ?r }} LIMIT 1")
    if not rows:
        return markupsafe.Markup(""), None
    iri = rows[0]["c"].value
    svg = citation_svg(data, site, iri)
    label = data.labels([iri]).get(iri, local_name(iri))
    return svg, (label, site.href(iri))


def citation_svg(data: Dataset, site: Site, iri: str) -> markupsafe.Markup:
    node = f"<{iri}>"
    cites = data.select(
        f"SELECT DISTINCT ?x ?known WHERE {{ {node} <{vocab.HAS_REFERENCE}> ?r . "
        f"?r <{vocab.TARGET}> ?x BIND(EXISTS {{ ?g <{vocab.PRIMARY_TOPIC}> ?x }} AS ?known) }}"
        " ORDER BY ?x"
    )
    cited_by = data.select(
        f"SELECT DISTINCT ?y WHERE {{ ?r <{vocab.TARGET}> {node} . "
        f"?y <{vocab.HAS_REFERENCE}> ?r }} ORDER BY ?y"
    )
    name = {}
    for x in [iri, *(r["x"].value for r in cites), *(r["y"].value for r in cited_by)]:
        ids = data.values(x, vocab.IDENTIFIER)
        if ids:
            name[x] = ids[0].value

    def label(x: str) -> str:
        return name.get(x, local_name(x))

    return charts.citation_graph(
        charts.Node(label(iri), site.href(iri)),
        [charts.Node(label(r["x"].value), site.href(r["x"].value), r["known"].value == "true")
         for r in cites],
        [charts.Node(label(r["y"].value), site.href(r["y"].value)) for r in cited_by],
    )  # fmt: skip
