"""SHACL validation: broken data is caught, the same way by both engines; good data conforms."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import SH

from cablekg import write
from cablekg.cli import main
from cablekg.rdf import RdfFormat
from cablekg.rdf.mapping import Mapper
from cablekg.store import open_store
from cablekg.validate import (
    FastEngine,
    PyshaclEngine,
    from_cables,
    from_file,
    from_store,
    validate_units,
)
from tests.rdf_cables import corpus_cables, seed_cable

ROOT = Path(__file__).resolve().parent.parent
B = "https://w3id.org/cablekg/"
SHAPES = "https://w3id.org/cablekg/shapes#"
ENGINES = [FastEngine(), PyshaclEngine()]


def nquads(cable) -> str:
    return Mapper(generated="2024-01-01T00:00:00Z").map(cable).nquads()


def edited(shared, old: str, new: str) -> str:
    """The seed cable's N-Quads, hand-edited: the line holding `old` now holds `new`."""
    text = nquads(seed_cable(shared))
    assert text.count(old) == 1
    return text.replace(old, new)


def broken_fixtures(shared) -> dict[str, tuple[str, str, str]]:
    """name -> (N-Quads, shape expected to fire, its focus node)."""
    seed = seed_cable(shared)
    cable = f"<{B}cable/07MUSCAT920>"
    missing_id = seed.with_changes(id=None)
    unidentified = Mapper().map(missing_id).cable
    xsd = "http://www.w3.org/2001/XMLSchema#"
    return {
        "missing id": (nquads(missing_id), "Cable-id", unidentified),
        "date as a string": (
            edited(shared, f'"2007-09-29T07:28:00Z"^^<{xsd}dateTime>', '"2007-09-29T07:28:00Z"'),
            "Cable-date",
            cable,
        ),
        "unknown classification": (
            nquads(seed.with_changes(classification="RESTRICTED")),
            "Cable-classification",
            cable,
        ),
        "reference target is a post": (
            edited(
                shared,
                f"<https://w3id.org/cablekg/ontology#target> <{B}cable/07MUSCAT883>",
                f"<https://w3id.org/cablekg/ontology#target> <{B}post/MUSCAT>",
            ),
            "Reference-target",
            f"<{B}reference/07MUSCAT920-D>",
        ),
        "paragraph without number": (
            edited(
                shared,
                f"<{B}paragraph/07MUSCAT920-4> <https://w3id.org/cablekg/ontology#paragraphNumber>"
                f' "4"^^<{xsd}integer> <{B}graph/07MUSCAT920> .\n',
                "",
            ),
            "Paragraph-number",
            f"<{B}paragraph/07MUSCAT920-4>",
        ),
    }


def units_of(text: str):
    return list(from_file_text(text))


def from_file_text(text: str):
    from cablekg.validate import from_quads

    return from_quads(ox.parse(text.encode(), format=ox.RdfFormat.N_QUADS))


@pytest.mark.parametrize(
    "name",
    [
        "missing id",
        "date as a string",
        "unknown classification",
        "reference target is a post",
        "paragraph without number",
    ],
)
def test_broken_data_gives_the_expected_violation_with_both_engines(shared, name):
    text, shape, focus = broken_fixtures(shared)[name]
    found = {}
    for engine in ENGINES:
        report = validate_units(units_of(text), engine)
        assert not report.conforms
        keys = {(v.shape, v.focus) for v in report.violations}
        assert (f"<{SHAPES}{shape}>", focus) in keys, (engine.name, keys)
        found[engine.name] = sorted(v.key() for v in report.violations)
        group = report.groups[(f"<{SHAPES}{shape}>", report.violations[0].message)]
        assert group.count >= 1 and group.examples
    assert found["fast"] == found["pyshacl"]


@pytest.mark.slow
def test_engines_agree_on_the_developer_corpus_sample(shared):
    cables = list(corpus_cables(shared, ROOT))[::75][:30]  # spread over the corpus
    units = list(from_cables(cables))
    fast = validate_units(units, FastEngine())
    reference = validate_units(units, PyshaclEngine())
    assert fast.units == reference.units == 30
    assert sorted(v.key() for v in fast.violations) == sorted(v.key() for v in reference.violations)
    assert fast.conforms


@pytest.mark.slow
@pytest.mark.parametrize("fmt", list(RdfFormat), ids=lambda f: f.key)
def test_developer_corpus_conforms_in_every_format(shared, tmp_path, fmt):
    path = tmp_path / f"corpus{fmt.extension}"
    stats = write(corpus_cables(shared, ROOT), path, fmt)
    assert stats.cables > 2000
    report = validate_units(from_file(path), FastEngine())
    assert report.conforms, report.text()
    # every triple written is validated, a description with every cable naming its entity
    assert report.triples >= stats.triples
    if fmt.has_graphs:
        assert report.units == stats.cables + 1  # each cable graph, and the software agent


def test_store_validation(shared, tmp_path):
    cables = list(corpus_cables(shared, ROOT, limit=50))
    data = tmp_path / "data.nq"
    write(cables, data, RdfFormat.NQUADS)
    store = open_store(tmp_path / "store", read_only=False)
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    report = validate_units(from_store(tmp_path / "store"), FastEngine())
    assert report.conforms and report.units == 51


def test_cli_reports_grouped_violations_and_exits_1(shared, tmp_path):
    text = "".join(fixture[0] for fixture in broken_fixtures(shared).values())
    bad = tmp_path / "broken.nq"
    bad.write_text(text)
    machine = tmp_path / "report.ttl"
    result = CliRunner().invoke(main, ["validate", str(bad), "--report", str(machine)])
    assert result.exit_code == 1, result.output
    assert "Cable-classification: A cable's classification must be one known level" in result.output
    assert f"e.g. <{B}reference/07MUSCAT920-D>" in result.output
    report = rdflib.Graph().parse(machine)
    assert (None, SH.conforms, rdflib.Literal(False)) in report
    values = set(report.objects(None, SH.value))
    assert rdflib.URIRef(f"{B}post/MUSCAT") in values
    assert len(set(report.subjects(rdflib.RDF.type, SH.ValidationResult))) >= 5


def test_cli_validates_records_and_converts(shared, tmp_path):
    records = tmp_path / "cables.jsonl"
    records.write_text(seed_cable(shared).to_json() + "\n")
    result = CliRunner().invoke(main, ["validate", str(records), "--engine", "pyshacl"])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
    out = tmp_path / "seed.trig"
    result = CliRunner().invoke(main, ["rdf", str(records), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 cables" in result.output
    assert "graph:07MUSCAT920 {" in out.read_text()
    stream = io.StringIO()
    write([seed_cable(shared)], stream, "nq", with_vocabulary=True)
    assert f"<{B}vocab/tag/MU> <http://xmlns.com/foaf/0.1/focus>" in stream.getvalue()


MUTATIONS = (
    # (what breaks, a line holding this text is edited or removed)
    ("second title", "<http://purl.org/dc/terms/title>"),
    ("integer as string", '"^^<http://www.w3.org/2001/XMLSchema#integer>'),
    ("tag outside the TAGS schemes", "<http://www.w3.org/2004/02/skos/core#inScheme>"),
    ("source format unknown", "<https://w3id.org/cablekg/ontology#sourceFormat>"),
    ("sha256 in upper case", "<https://w3id.org/cablekg/ontology#sha256>"),
    ("paragraph loses its text", "> <https://schema.org/text>"),
    ("sender is a person", "<https://schema.org/sender>"),
)


def mutate(text: str, index: int) -> str:
    """Break one cable's N-Quads in the way MUTATIONS[index % n] says (or the next that fits)."""
    lines = text.splitlines(keepends=True)
    for shift in range(len(MUTATIONS)):
        name, marker = MUTATIONS[(index + shift) % len(MUTATIONS)]
        at = next((i for i, line in enumerate(lines) if marker in line), None)
        if at is not None:
            break
    else:
        raise AssertionError("no mutation fits this cable")
    line = lines[at]
    subject, predicate, rest = line.split(" ", 2)
    graph = rest[rest.rindex(" <") :]
    if name == "second title":
        lines.insert(at, f'{subject} {predicate} "A second subject line"{graph}')
    elif name == "integer as string":
        lines[at] = line.replace(marker, '"', 1)
    elif name == "tag outside the TAGS schemes":
        lines[at] = f"{subject} {predicate} <https://w3id.org/cablekg/vocab/tags/other>{graph}"
    elif name == "source format unknown":
        lines[at] = f'{subject} {predicate} "html"{graph}'
    elif name == "sha256 in upper case":
        lines[at] = f"{subject} {predicate} {rest[: -len(graph)].upper()}{graph}"
    elif name == "paragraph loses its text":
        del lines[at]
    else:
        lines[at] = f"{subject} {predicate} <https://w3id.org/cablekg/person/x>{graph}"
    return "".join(lines)


@pytest.mark.slow
def test_engines_agree_on_a_deliberately_broken_corpus(shared):
    """40 real cables, each broken in one of seven ways: both engines say the same."""
    mapper = Mapper(generated="2024-01-01T00:00:00Z")
    broken = []
    for cable in list(corpus_cables(shared, ROOT))[::60][:40]:
        broken.append(mutate(mapper.map(cable).nquads(), len(broken)))
    text = "".join(broken)
    reports = {engine.name: validate_units(units_of(text), engine) for engine in ENGINES}
    fast, reference = reports["fast"], reports["pyshacl"]
    assert sorted(v.key() for v in fast.violations) == sorted(v.key() for v in reference.violations)
    shapes = {v.shape.rsplit("#", 1)[-1].rstrip(">") for v in fast.violations}
    # The first integer, or text, of a cable is edited, whichever part it belongs to.
    integers = {"Paragraph-number", "Paragraph-position", "Cable-sectionNumber", "SourceRecord-row"}
    texts = {"Paragraph-text", "TextBlock-text", "Reference-text"}
    assert shapes & integers and shapes & texts
    assert shapes - integers - texts == {
        "Cable-subject",
        "Tag-scheme",
        "SourceRecord-format",
        "SourceRecord-sha256",
        "Cable-sender",
    }
    assert fast.count >= len(broken)
