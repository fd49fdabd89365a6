"""`cablekg query`: the library listing, parameters and result formats on the corpus store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablekg.cli import main
from cablekg.queries import named_queries
from tests.query_corpus import Corpus, corpus_once


@pytest.fixture(scope="session")
def corpus(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return corpus_once(shared, tmp_path_factory)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["query", *args])
    return result.exit_code, result.output


def test_list_shows_every_query_with_its_parameters_and_defaults():
    status, output = run("--list")
    assert status == 0
    for name, named in named_queries().items():
        assert f"{name}  {named.title}" in output
        for param in named.params:
            assert f"--param {param.name}=" in output
    assert "cables-per-post-per-year  Cables per post per year  [whole-graph analytics]" in output
    federated = [n for n, q in named_queries().items() if q.needs_network]
    assert all(f"{n}  {named_queries()[n].title}  [needs network]" in output for n in federated)
    assert '--param name="Muammar al-Qadhafi"  (string)' in output  # a default with a space
    assert "--param depth=2  (integer) how many citation steps to follow" in output


def test_list_describes_one_query_and_refuses_unknown_ones():
    status, output = run("citation-network", "--list")
    assert status == 0
    assert output.splitlines()[0] == "citation-network  Citation network of a cable"
    assert "--param cable=09TRIPOLI273" in output and "tag-cooccurrence" not in output
    status, output = run("no-such-query", "--list")
    assert status == 2 and "no named query 'no-such-query'" in output


def test_params_and_csv_give_the_same_rows_as_the_library(corpus: Corpus):
    status, output = run(
        "citation-network", "--store", str(corpus.directory),
        "--param", "cable=09TRIPOLI212", "--param", "depth=1", "--format", "csv",
    )  # fmt: skip
    assert status == 0, output
    rows = list(csv.DictReader(io.StringIO(output)))
    expected = corpus.answer("citation-network", cable="09TRIPOLI212", depth=1)
    assert rows == [{k: row.get(k, "") for k in rows[0]} for row in expected]
    assert {"direction": "cited-by", "level": "1", "from_id": "09TRIPOLI273",
            "to_id": "09TRIPOLI212", "in_corpus": "yes"} in rows  # fmt: skip


def test_defaults_apply_when_no_param_is_given(corpus: Corpus):
    status, output = run("signers-of-post", "--store", str(corpus.directory), "--format", "json")
    assert status == 0, output
    answer = json.loads(output)
    assert answer["head"]["vars"] == ["signer", "first", "last", "cables"]
    signers = {b["signer"]["value"] for b in answer["results"]["bindings"]}
    assert "CRETZ" in signers  # the default post is Tripoli


def test_tsv_and_table_formats(corpus: Corpus):
    store = str(corpus.directory)
    status, output = run("cable", "--store", store, "--format", "tsv")
    header, row = output.splitlines()
    assert status == 0 and header.split("\t")[:3] == ["?cable", "?created", "?origin"]
    assert row.startswith('"09TRIPOLI273"\t"2009-04-02T16:36:00Z"^^<http://www.w3.org/2001/')
    status, output = run("noforn-share-by-year", "--store", store)
    assert status == 0 and "| year " in output and "| 2009 " in output
    assert output.endswith(f"{len(corpus.answer('noforn-share-by-year'))} row(s)\n")


def test_a_query_file_takes_params_too(corpus: Corpus, tmp_path: Path):
    query = tmp_path / "tagged.rq"
    query.write_text(
        "# Cables with a TAG\n# How many cables carry a TAG.\n"
        "# param: tag (string) = LY -- the TAG\n"
        "PREFIX dct: <http://purl.org/dc/terms/>\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?t skos:notation ?tag . "
        "GRAPH ?g { ?c dct:subject ?t } }\n"
    )
    status, output = run(str(query), "--store", str(corpus.directory), "--param", "tag=KDEM",
                         "--format", "csv")  # fmt: skip
    kdem = sum("KDEM" in c.tags for c in corpus.cables.values())
    assert status == 0 and output.splitlines() == ["n", str(kdem)]


def test_bad_parameters_are_refused_with_the_reason(corpus: Corpus):
    store = str(corpus.directory)
    status, output = run("citation-network", "--store", store, "--param", "depth=two")
    assert status == 1 and "not an integer: 'two'" in output
    status, output = run("citation-network", "--store", store, "--param", "hops=2")
    assert status == 1 and "unknown parameter(s) hops" in output
    status, output = run("citation-network", "--store", store, "--param", "depth")
    assert status == 2 and "expected NAME=VALUE" in output
