"""The named query format: parsing, parameters, binding, and the library's files."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from SPARQLWrapper import SPARQLWrapper

from cablekg.queries import (
    QueryError,
    bind_values,
    named_queries,
    parse_named_query,
    strip_comments,
)

LIBRARY = named_queries()


def test_the_library_has_the_issue_s_queries():
    assert len(LIBRARY) >= 15


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_query_is_documented_and_its_defaults_bind(name: str):
    named = LIBRARY[name]
    assert named.title and named.description and named.title != named.description
    text = named.bind()
    # the bound query parses (an empty store evaluates it without error)
    ox.Store().query(text, use_default_graph_as_union=True)
    for param in named.params:
        assert param.doc, f"{name}: parameter {param.name} has no description"
        assert f"?{param.name}" in named.text.split("WHERE", 1)[1]


def test_quoted_defaults_may_hold_spaces():
    named = parse_named_query(
        "q",
        "# T\n# D\n"
        '# param: addressee (string) = "SECSTATE WASHDC" -- address as written\n'
        "SELECT ?addressee WHERE { }\n",
    )
    assert named.params[0].default == "SECSTATE WASHDC"
    assert named.params[0].doc == "address as written"
    answer = ox.Store().query(named.bind())
    assert [row["addressee"].value for row in answer] == ["SECSTATE WASHDC"]


def test_values_go_into_every_where_group_so_subqueries_can_start_from_them():
    query = "SELECT ?y WHERE { { SELECT ?y WHERE { ?s ?p ?y } LIMIT 1 } }"
    bound = bind_values(query, "VALUES (?p) { (<http://example.org/b>) }")
    assert bound.count("VALUES (?p)") == 4  # top and end of both groups
    store = ox.Store()
    for p in "ab":
        store.add(ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode(f"http://example.org/{p}"),
                          ox.Literal(p)))  # fmt: skip
    # the subquery's LIMIT 1 picks among the triples of ?p alone, not among all triples
    assert [row["y"].value for row in store.query(bound)] == ["b"]


def test_a_bind_sees_the_parameters():
    named = parse_named_query(
        "q", "# T\n# D\n# param: code (string) = PHUM -- a TAG\n"
        'SELECT ?iri WHERE { BIND (IRI(CONCAT("http://example.org/", ?code)) AS ?iri) }\n',
    )  # fmt: skip
    assert [row["iri"].value for row in ox.Store().query(named.bind())] == [
        "http://example.org/PHUM"
    ]


def test_where_and_braces_inside_strings_comments_and_iris_are_left_alone():
    query = (
        '# WHERE { in a comment\nSELECT ?x WHERE { BIND ("WHERE { }" AS ?x) '
        "FILTER (?x != <http://example.org/a#WHERE>) } # }\nORDER BY ?x"
    )
    bound = bind_values(query, "VALUES () { () }")
    assert bound.count("VALUES") == 2
    assert bound.index("SELECT") < bound.index("VALUES") < bound.index("BIND")
    assert bound.index("FILTER") < bound.rindex("VALUES") < bound.index("} # }")
    assert [row["x"].value for row in ox.Store().query(bound)] == ["WHERE { }"]


def test_values_also_close_the_group_so_virtuoso_compiles_unprojected_parameters():
    bound = LIBRARY["cables-with-tag-in-year"].bind()
    where = bound[bound.index("WHERE {") :]
    assert where.index("OPTIONAL") < where.rindex('VALUES (?tag ?year) { ("KDEM" 2009) }')


def test_bad_parameter_values_are_refused():
    named = LIBRARY["citation-network"]
    with pytest.raises(QueryError, match="not an integer"):
        named.bind({"depth": "2; DROP ALL"})
    with pytest.raises(QueryError, match="unknown parameter"):
        named.bind({"nope": "1"})
    bound = named.bind({"cable": 'x" } ; DROP ALL ; {"'})
    assert '"x\\" } ; DROP ALL ; {\\""' in bound


def test_comments_are_stripped_but_not_hashes_in_strings_or_iris():
    query = (
        '# Cables to an addressee\n# param: x (string) = "A # B" -- a default\n'
        'SELECT ?x WHERE { BIND ("# not a comment" AS ?x) } # trailing\n'
        "# last\nLIMIT 1"
    )
    stripped = strip_comments(query)
    assert "addressee" not in stripped and "trailing" not in stripped and "last" not in stripped
    assert '"# not a comment"' in stripped
    assert "<http://example.org/a#b>" in strip_comments("ASK { ?s <http://example.org/a#b> ?o }")


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_a_sparql_client_reads_every_query_as_a_query_once_comments_are_stripped(name: str):
    # SPARQLWrapper guesses the query form from the first keyword it sees, comments included
    client = SPARQLWrapper("http://127.0.0.1:1/query")
    client.setQuery(strip_comments(LIBRARY[name].bind()))
    assert client.queryType in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
