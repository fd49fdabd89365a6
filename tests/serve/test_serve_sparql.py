"""`/sparql`: the SPARQL 1.1 Protocol and its refusals (Update, SERVICE, timeout, limit)."""

from __future__ import annotations

import csv
import io
import socket
import threading
import time
import xml.etree.ElementTree as ET

import pytest
import requests

from cablekg.serve.sparql import refusal
from tests.serve.conftest import running_server, wait_prepared

SUBJECTS = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX ckg: <https://w3id.org/cablekg/ontology#>
SELECT DISTINCT ?id ?subject WHERE {
  ?c a ckg:Cable ; dcterms:identifier ?id ; dcterms:title ?subject }
ORDER BY ?id"""
MUSCAT_SUBJECT = "GOVERNMENT OFFICIALS ASSURE AMBASSADOR LAGON OF COMMITMENT ON TIP"
# Four-way cross product of every triple: far beyond the 2 s limit on any store.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def sparql(server: str, method: str = "GET", **kwargs) -> requests.Response:
    return requests.request(method, server + "/sparql", timeout=60, **kwargs)


def test_get_json(server: str) -> None:
    response = sparql(server, params={"query": SUBJECTS},
                      headers={"Accept": "application/sparql-results+json"})  # fmt: skip
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/sparql-results+json")
    bindings = response.json()["results"]["bindings"]
    assert [b["id"]["value"] for b in bindings] == ["07MUSCAT920", "08TRIPOLI36", "10HOSTILE1"]
    assert bindings[0]["subject"]["value"] == MUSCAT_SUBJECT


def test_post_form_and_direct_post(server: str) -> None:
    form = sparql(server, "POST", data={"query": SUBJECTS}, headers={"Accept": "text/csv"})
    assert form.status_code == 200 and form.headers["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(form.text)))
    assert table[0] == ["id", "subject"] and table[1] == ["07MUSCAT920", MUSCAT_SUBJECT]
    direct = sparql(server, "POST", data=SUBJECTS.encode(),
                    headers={"Content-Type": "application/sparql-query",
                             "Accept": "text/tab-separated-values"})  # fmt: skip
    assert direct.status_code == 200
    lines = direct.text.splitlines()
    assert lines[0] == "?id\t?subject" and lines[1] == f'"07MUSCAT920"\t"{MUSCAT_SUBJECT}"'


def test_xml_results(server: str) -> None:
    response = sparql(server, params={"query": SUBJECTS, "format": "xml"})
    assert response.headers["Content-Type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(response.content)
    literals = [e.text for e in root.findall(".//r:binding[@name='id']/r:literal", ns)]
    assert literals == ["07MUSCAT920", "08TRIPOLI36", "10HOSTILE1"]


def test_ask_and_construct(server: str) -> None:
    ask = sparql(server, params={"query": 'ASK { ?c <http://purl.org/dc/terms/identifier> '
                                          '"07MUSCAT920" }'})  # fmt: skip
    assert ask.json() == {"head": {}, "boolean": True}
    construct = sparql(
        server,
        params={"query": "CONSTRUCT { ?c ?p ?o } WHERE { ?c ?p ?o FILTER(?c = "
                         "<https://w3id.org/cablekg/cable/08TRIPOLI36>) }"},
        headers={"Accept": "application/n-triples"},
    )  # fmt: skip
    assert construct.headers["Content-Type"].startswith("application/n-triples")
    assert "<https://w3id.org/cablekg/post/TRIPOLI>" in construct.text


def test_named_graphs_per_protocol(server: str) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    one = sparql(
        server,
        params={"query": query, "default-graph-uri": "https://w3id.org/cablekg/graph/08TRIPOLI36"},
    )
    everything = sparql(server, params={"query": query})
    n_one = int(one.json()["results"]["bindings"][0]["n"]["value"])
    n_all = int(everything.json()["results"]["bindings"][0]["n"]["value"])
    assert 10 < n_one < n_all


def test_cors(server: str) -> None:
    response = sparql(server, params={"query": "ASK {}"}, headers={"Origin": "https://example.org"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = requests.options(server + "/sparql", timeout=10, headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type"})  # fmt: skip
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"method": "POST", "data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
        {"method": "POST", "data": b"CLEAR ALL",
         "headers": {"Content-Type": "application/sparql-update"}},
        {"params": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
        {"params": {"query": "DROP GRAPH <https://w3id.org/cablekg/graph/08TRIPOLI36>"}},
    ],
)  # fmt: skip
def test_update_is_refused(server: str, kwargs: dict) -> None:
    response = sparql(server, **kwargs)
    assert response.status_code == 403 and "read-only" in response.text
    still = sparql(
        server, params={"query": "ASK { GRAPH <https://w3id.org/cablekg/graph/08TRIPOLI36> {} }"}
    )
    assert still.json()["boolean"] is True


def test_service_is_refused_and_nothing_is_fetched(server: str) -> None:
    """No server-side request forgery: the endpoint never connects to a SERVICE IRI."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    target = f"http://127.0.0.1:{port}/sparql"
    queries = [
        f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?x ?y ?z .SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service<{target}>{{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"PREFIX x: <{target}>\nSELECT * WHERE {{ # a comment\n SERVICE x: {{ ?s ?p ?o }} }}",
    ]
    try:
        for query in queries:
            response = sparql(server, params={"query": query})
            assert response.status_code == 403, query
            assert "SERVICE is not allowed" in response.text
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()


def test_refusal_reads_keywords_not_names() -> None:
    assert refusal('SELECT ?service WHERE { ?service ?p "SERVICE" }') is None
    assert refusal("PREFIX ex: <urn:x#>\nSELECT * WHERE { ?s ex:service ?o . ?s ?p ?o2 }") is None
    assert refusal("SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/>") is None
    assert refusal('SELECT * WHERE { ?s ?p """a " SERVICE <x> { }""" }') is None
    assert refusal("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }") is not None
    assert refusal("SELECT * WHERE { ?s <http://x/#> ?o SERVICE <http://x/> {} }") is not None


def test_syntax_error_is_400(server: str) -> None:
    response = sparql(server, params={"query": "SELECT WHERE {"})
    assert response.status_code == 400 and "Syntax error" in response.text


def test_result_limit_is_an_honest_error(server: str) -> None:
    response = sparql(server, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 400
    assert "more than 50 rows" in response.text and "LIMIT" in response.text
    assert sparql(server, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 50"}
                  ).status_code == 200  # fmt: skip


def test_slow_query_times_out_without_starving_pages(server: str) -> None:
    outcome: dict[str, requests.Response] = {}

    def slow() -> None:
        outcome["slow"] = sparql(server, params={"query": SLOW})

    thread = threading.Thread(target=slow)
    started = time.monotonic()
    thread.start()
    time.sleep(0.3)
    page = requests.get(server + "/cable/07MUSCAT920", timeout=5)
    page_seconds = time.monotonic() - started
    thread.join()
    assert page.status_code == 200 and page_seconds < 2  # answered while the query ran
    assert outcome["slow"].status_code == 503
    assert "longer than 2 s" in outcome["slow"].text
    # The killed worker was replaced: the endpoint answers again.
    for _ in range(50):
        again = sparql(server, params={"query": "ASK { ?s ?p ?o }"})
        if again.status_code == 200:
            break
        time.sleep(0.2)
    assert again.json()["boolean"] is True


def test_query_page_for_browsers(server: str) -> None:
    page = sparql(server, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "<textarea" in page.text
    table = sparql(server, params={"query": SUBJECTS, "format": "html"})
    assert MUSCAT_SUBJECT in table.text and "<table" in table.text
    description = sparql(server, headers={"Accept": "text/turtle"})
    assert "sd:Service" in description.text


def test_request_size_limit(server: str) -> None:
    huge = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 70_000
    assert sparql(server, "POST", data={"query": huge}).status_code == 413
    assert sparql(server, params={"query": huge}).status_code in (413, 414)


def test_get_answers_carry_validators(server: str) -> None:
    first = sparql(server, params={"query": SUBJECTS})
    assert first.headers["Vary"].startswith("Accept") and "Last-Modified" in first.headers
    again = sparql(server, params={"query": SUBJECTS},
                   headers={"If-None-Match": first.headers["ETag"]})  # fmt: skip
    assert again.status_code == 304
    other = sparql(server, params={"query": SUBJECTS, "format": "csv"},
                   headers={"If-None-Match": first.headers["ETag"]})  # fmt: skip
    assert other.status_code == 200


def test_html_results_show_labels(server: str) -> None:
    query = "SELECT ?post WHERE { ?c <https://schema.org/sender> ?post }"
    html = sparql(server, params={"query": query, "format": "html"}).text
    assert (
        '<a href="/post/MUSCAT" title="https://w3id.org/cablekg/post/MUSCAT">AMEMBASSY MUSCAT</a>'
        in html
    )


def test_a_fresh_worker_is_not_killed_while_it_starts(store_dir) -> None:
    """A worker that replaces a killed one needs a second or two to open the store; that time
    once counted against the next query's limit, so the next query timed out too and its
    worker was killed in turn. Now the pool waits for a worker that is ready."""
    with running_server(store_dir, "--sparql-timeout", "1", "--sparql-workers", "1") as url:
        wait_prepared(url)
        assert sparql(url, params={"query": SLOW}).status_code == 503  # the worker is killed
        answers = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            response = sparql(url, params={"query": "ASK { ?s ?p ?o }"})
            answers.append(response.text)
            if response.status_code == 200:
                break
        assert response.status_code == 200 and response.json()["boolean"] is True
        assert not [a for a in answers if "ran longer than" in a]  # only "busy", never killed


def test_cheap_queries_and_pages_are_answered_while_expensive_queries_run(store_dir) -> None:
    """Expensive queries once held both workers, and cheap queries arriving then were refused
    with 503 "busy" (49 of 869 in the load test). Now a query waits in a bounded queue for the
    worker an expensive query frees when it is stopped, and a query that was stopped before is
    known expensive and leaves one worker to the others."""
    cheap = {"query": "ASK { ?s ?p ?o }"}
    with running_server(store_dir, "--sparql-timeout", "2", "--sparql-workers", "2") as url:
        wait_prepared(url)
        answers: dict[str, tuple[requests.Response, float]] = {}

        def ask(name: str, params: dict) -> None:
            response = sparql(url, params=params)
            answers[name] = (response, time.monotonic())

        # Unknown yet: two expensive queries take both workers; the cheap query waits.
        threads = [threading.Thread(target=ask, args=(f"slow{i}", {"query": SLOW}))
                   for i in range(2)]  # fmt: skip
        for thread in threads:
            thread.start()
        time.sleep(0.5)
        started = time.monotonic()
        page = requests.get(url + "/cable/07MUSCAT920", timeout=5)
        assert page.status_code == 200 and time.monotonic() - started < 2
        assert "GOVERNMENT OFFICIALS ASSURE" in page.text
        ask("cheap", cheap)
        for thread in threads:
            thread.join()
        response, _ = answers["cheap"]
        assert response.status_code == 200 and response.json()["boolean"] is True
        for name in ("slow0", "slow1"):
            response, _ = answers[name]
            assert response.status_code == 503 and "longer than 2 s" in response.text

        # Known now: the same query runs on one worker at most; the cheap one takes the other.
        threads = [threading.Thread(target=ask, args=(f"slow{i}", {"query": SLOW}))
                   for i in range(2)]  # fmt: skip
        for thread in threads:
            thread.start()
        time.sleep(0.5)
        ask("cheap", cheap)
        for thread in threads:
            thread.join()
        response, answered = answers["cheap"]
        assert response.status_code == 200 and response.json()["boolean"] is True
        assert answered < min(answers[f"slow{i}"][1] for i in range(2))  # while they ran
        for name in ("slow0", "slow1"):
            response, _ = answers[name]
            assert response.status_code == 503 and "longer than 2 s" in response.text


def test_a_full_queue_is_refused_with_retry_after(store_dir) -> None:
    with running_server(store_dir, "--sparql-timeout", "2", "--sparql-workers", "1",
                        "--sparql-queue", "0") as url:  # fmt: skip
        wait_prepared(url)
        slow = threading.Thread(target=sparql, args=(url,), kwargs={"params": {"query": SLOW}})
        slow.start()
        time.sleep(0.5)
        refused = sparql(url, params={"query": "ASK { ?s ?p ?o }"})
        slow.join()
        assert refused.status_code == 503 and refused.headers["Retry-After"] == "2"
        assert "busy" in refused.text
