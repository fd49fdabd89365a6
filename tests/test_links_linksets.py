"""The link sets as RDF: named graphs, VoID descriptions, memberships, cable links, CLI."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from cablekg.links.command import links as links_command
from cablekg.links.linksets import LINKSETS, Iris, write_nquads
from cablekg.model import Cable, ClassifiedBy, Source

BASE = "https://w3id.org/cablekg/"
PREFIXES = """
PREFIX void: <http://rdfs.org/ns/void#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX ckg: <https://w3id.org/cablekg/ontology#>
PREFIX sssom: <https://w3id.org/sssom/>
"""


def muscat_cables(shared: Path) -> list[Cable]:
    """07MUSCAT920 as the parser reads it, and the same cable signed by the ambassador."""
    expected = json.loads((shared / "examples" / "07MUSCAT920.expected.json").read_text())
    cable = Cable(
        source=Source(format="telegram-text"),
        id=expected["id"],
        date=expected["date"],
        station=expected["station"],
        tags=tuple(expected["tags"]),
        signers=tuple(expected["signers"]),
        classified_by=ClassifiedBy(name=expected["classified_by"]["name"]),
    )
    signed = cable.with_changes(id="07MUSCAT920-SIGNED", signers=("GRAPPO",))
    return [cable, signed]


@pytest.fixture(scope="module")
def store(shared: Path) -> ox.Store:
    out = io.BytesIO()
    write_nquads(out, Iris(BASE), muscat_cables(shared), created=date(2024, 1, 2))
    st = ox.Store()
    st.load(out.getvalue(), ox.RdfFormat.N_QUADS)
    return st


def ask(store: ox.Store, query: str) -> list[dict[str, str]]:
    rows = store.query(PREFIXES + query)
    return [{v.value: row[v].value for v in rows.variables} for row in rows]


def test_one_named_graph_per_link_set(store: ox.Store) -> None:
    graphs = {g.value for g in store.named_graphs()}
    assert graphs == {f"{BASE}graph/links-{name}" for name in LINKSETS}


def test_tag_focus_links_oman_to_wikidata_geonames_dbpedia(store: ox.Store) -> None:
    rows = ask(
        store,
        """SELECT ?same WHERE { GRAPH ?g {
            <https://w3id.org/cablekg/vocab/tag/MU> foaf:focus ?c . ?c owl:sameAs ?same } }""",
    )
    assert {r["same"] for r in rows} == {
        "http://www.wikidata.org/entity/Q842",
        "https://sws.geonames.org/286963/",
        "http://dbpedia.org/resource/Oman",
    }


def test_void_linkset_counts_match_the_links(store: ox.Store) -> None:
    rows = ask(
        store,
        """SELECT ?ls ?n ?p ?g ?created WHERE { GRAPH ?g {
            ?ls a void:Linkset ; void:triples ?n ; void:linkPredicate ?p ;
                void:objectsTarget ?t ; void:subjectsTarget ?s ; dct:source ?src ;
                dct:created ?created ; dct:description ?method } }""",
    )
    assert len({r["ls"] for r in rows}) >= 8
    for r in {r["ls"]: r for r in rows}.values():
        target = r["ls"].rsplit("-", 2)[-2]
        prefix = {
            "wikidata": "http://www.wikidata.org/",
            "geonames": "https://sws.geonames.org/",
            "dbpedia": "http://dbpedia.org/",
            "historian": "https://history.state.gov/",
            "viaf": "http://viaf.org/",
        }[target]
        counted = ask(
            store,
            f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{r["g"]}> {{ ?s <{r["p"]}> ?o }}
                FILTER(STRSTARTS(STR(?o), "{prefix}")) }}""",
        )
        assert counted[0]["n"] == r["n"], r["ls"]
        assert r["created"] == "2024-01-02"


GRAPPO = "https://history.state.gov/departmenthistory/people/grappo-gary-anthony"


def test_grappo_tenure_is_a_membership_with_dates(store: ox.Store) -> None:
    rows = ask(
        store,
        f"""SELECT ?post ?start ?end WHERE {{ GRAPH ?g {{
            ?m a org:Membership ; org:member ?who ; org:organization ?post ;
               org:memberDuring [ time:hasBeginning [ time:inXSDDate ?start ] ;
                                  time:hasEnd [ time:inXSDDate ?end ] ] .
            ?who owl:sameAs <{GRAPPO}> }} }}""",
    )
    assert rows == [{"post": f"{BASE}post/MUSCAT", "start": "2006-09-17", "end": "2009-06-01"}]


def test_cable_links_carry_method_and_confidence(store: ox.Store) -> None:
    rows = ask(
        store,
        """SELECT ?cable ?who ?conf ?method WHERE { GRAPH ?g {
            ?cable ckg:signedBy ?who .
            ?ax owl:annotatedSource ?cable ; owl:annotatedTarget ?who ;
                sssom:confidence ?conf ; dct:description ?method } }""",
    )
    # Only the cable signed by the ambassador is linked; Fonteneau (charge) stays unlinked.
    assert [(r["cable"], r["who"]) for r in rows] == [
        (
            f"{BASE}cable/07MUSCAT920-SIGNED",
            "https://history.state.gov/departmenthistory/people/grappo-gary-anthony",
        )
    ]
    assert float(rows[0]["conf"]) >= 0.9 and "post + date" in rows[0]["method"]


def test_posts_have_kind_addresses_routing_host_and_city(store: ox.Store) -> None:
    rows = ask(
        store,
        """SELECT ?address ?ri ?host ?city WHERE { GRAPH ?g {
            <https://w3id.org/cablekg/post/MUSCAT> a ckg:Embassy ;
                ckg:plainLanguageAddress ?address ; ckg:routingIndicator ?ri ;
                ckg:hostCountry ?host ; dct:spatial ?city } }""",
    )
    assert {r["address"] for r in rows} == {"AMEMBASSY MUSCAT"}
    assert {r["ri"] for r in rows} == {"RUEHMS"}
    assert {r["host"] for r in rows} == {"https://w3id.org/cablekg/vocab/country/OM"}
    assert {r["city"] for r in rows} == {
        "https://sws.geonames.org/287286/",
        "http://www.wikidata.org/entity/Q3826",
    }


def test_cli_report_and_nquads(tmp_path: Path, shared: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text(
        "".join(json.dumps(c.to_record()) + "\n" for c in muscat_cables(shared)),
        encoding="utf-8",
    )
    out = tmp_path / "links.nq"
    result = CliRunner().invoke(
        links_command, ["--records", str(records), "--report", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "signer resolved 1/1 (100.0%)" in result.output
    assert "geographic TAGS resolved or explained 1/1 (100.0%)" in result.output
    assert out.stat().st_size > 1_000_000


def test_cli_needs_an_action() -> None:
    result = CliRunner().invoke(links_command, [])
    assert result.exit_code != 0 and "--report" in result.output


def test_example_queries_run_on_the_link_sets(store: ox.Store) -> None:
    """The link queries of `queries/` that need no network, on the link sets themselves."""
    from cablekg.queries import named_queries

    queries = {n: q for n, q in named_queries().items() if n.startswith("links-")}
    assert sum(q.needs_network for q in queries.values()) >= 3
    results = {
        name: list(store.query(q.bind())) for name, q in queries.items() if not q.needs_network
    }
    country = {r["link"].value for r in results["links-country-of-tag"]}
    assert "http://www.wikidata.org/entity/Q842" in country
    assert {r["label"].value for r in results["links-country-of-tag"]} == {"Oman"}
    chiefs = [
        (r["name"].value, r["start"].value) for r in results["links-chiefs-of-mission-of-post"]
    ]
    assert ("Gary Anthony Grappo", "2006-09-17") in chiefs
    assert len(chiefs) < 40  # Muscat's chiefs only, not every post's
    signed = [r["cable"].value for r in results["links-cables-signed-by-chiefs"]]
    assert signed == [f"{BASE}cable/07MUSCAT920-SIGNED"]
    assert len(results["links-void-linksets"]) >= 8
