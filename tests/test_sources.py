"""Every real input format is read, streamed where it must be, and bad input is rejected clearly."""

from __future__ import annotations

import dataclasses
import io
import pickle

import pytest

from cablekg import BATCH, Cable, Reject, read, read_outcomes
from cablekg.parse import parse_raw
from cablekg.sources import read_sources, read_stream
from cablekg.sources.base import RawCable
from cablekg.sources.cables_csv import read_rows, split_fields
from cablekg.sources.formats import InputFormat, sniff


def test_trimmed_cablegate_page_gives_text_and_metadata(shared):
    path = shared / "corpus" / "cablegate" / "cable" / "2007" / "09" / "07ABUDHABI1479.html"
    [raw] = read_sources([path])
    assert raw.source.format == "cablegate-html" and len(raw.source.sha256) == 64
    assert raw.text.startswith("VZCZCXRO8665\nOO RUEHDE RUEHDIR\nDE RUEHAD #1479/01 2481359")
    assert "\nS E C R E T SECTION 01 OF 04 ABU DHABI 001479" in raw.text
    assert "TAGS: PREL PTER PARM MOPS MARR IR IZ AF LE SY AE\n" in raw.text  # tag links unwrapped
    assert "¶1. (S) Admiral Fallon" in raw.text
    # The classification link's title says 'confidential'; its text, SECRET, is what counts.
    assert raw.metadata.classification == "SECRET"
    assert raw.metadata.id == "07ABUDHABI1479" and raw.metadata.origin == "Embassy Abu Dhabi"
    assert raw.metadata.date == "2007-09-05T13:01:00Z"


def test_whole_page_with_navigation_reads_the_cable_not_the_menus(shared):
    path = shared / "corpus" / "cablegate" / "cable" / "2003" / "03" / "03ANKARA1516.html"
    [cable] = read([path], use_metadata=False)
    assert cable.id is not None and cable.station == "ANKARA"
    assert cable.classification == "CONFIDENTIAL"
    assert cable.tags == ("PGOV", "PREL", "PHUM", "TU", "OSCE")
    assert cable.subject.startswith("TURKISH CIVIC SOCIETY: VERDICT SUSPENDED")


def test_cables_csv_is_streamed_and_the_unclosed_row_is_read_right(shared):
    with open(shared / "corpus" / "cables.csv", "rb") as stream:
        items = list(read_rows(stream, "cables.csv"))
    assert all(isinstance(item, RawCable) for item in items)
    assert [item.source.row for item in items] == list(range(1, 16))
    damascus = next(i for i in items if i.metadata.id == "85DAMASCUS1314")
    assert damascus.repairs == (
        "cables.csv body field lacked its closing quote; row closed at the next row",
    )
    assert damascus.text.rstrip().endswith("BEIRUT MINIMIZE CONSIDERED.  EAGLETON")
    gaborone = next(i for i in items if i.metadata.id == "85GABORONE97")
    assert gaborone.text.startswith("R 091530Z JAN 85\r\nFM AMEMBASSY GABORONE")
    first = items[0]
    assert '"PREFERENTIAL JURISDICTION"' in first.text  # backslash-escaped quotes unescaped
    assert first.metadata.date == "1966-12-28T18:48:00Z"
    assert first.metadata.references == ("66STATE106206",)


def test_csv_fields_split_with_escaped_quotes():
    fields, open_end = split_fields('"1","a \\"b\\" c","","x,y"')
    assert fields == ["1", 'a "b" c', "", "x,y"] and not open_end


def test_csv_fields_with_backslash_runs_before_quotes():
    """A field closes at a quote after an even run of backslashes (`\\\\` is one backslash)."""
    fields, open_end = split_fields('"a\\\\","b\\\\\\"c","d\\\\\\"')
    assert fields == ["a\\", 'b\\"c', 'd\\"'] and open_end


def test_telegrams_in_cp1252_with_crlf_and_the_metadata_header_variant(shared):
    cables = {c.id: c for c in read([shared / "corpus" / "telegrams"])}
    assert len(cables) == 14
    delhi = cables["06NEWDELHI5138"]  # cp1252, CRLF, its summary lost in transmission
    assert delhi.paragraphs[0].text == "The Left Gearing-up for Action"  # a heading: number null
    assert (delhi.paragraphs[1].number, delhi.paragraphs[1].marking) == (2, "U")
    assert delhi.references[0].id == "06NEWDELHI420"
    unvie = cables["09UNVIEVIENNA289"]
    assert unvie.paragraphs[0].text == "Summary and Comment"
    assert (unvie.paragraphs[1].number, unvie.paragraphs[1].marking) == (1, "C")  # cp1252 ¶1.
    hcmc = cables["00HOCHIMINHCITY838"]  # 5-line metadata header, 1970s-style printout
    assert hcmc.origin == "AMCONSUL HO CHI MINH CITY" and hcmc.station == "HOCHIMINHCITY"
    assert hcmc.date == "2000-05-17T08:56:00Z"
    assert hcmc.tags == ("PREF", "PGOV", "SOCI", "CA", "VM", "PCUL")


def test_byte_order_mark_and_stdin(shared, tmp_path, monkeypatch):
    data = (shared / "corpus" / "telegrams" / "07KINGSTON382.txt").read_bytes()
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + data)
    [cable] = read([path])
    assert cable.id == "07KINGSTON382" and cable.date == "2007-03-19T15:58:00Z"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    [from_stdin] = read(["-"])
    assert from_stdin.id == "07KINGSTON382" and from_stdin.source.path == "-"


def test_format_is_detected_from_content_not_name(shared, tmp_path):
    page = (
        shared / "corpus" / "cablegate" / "cable" / "2007" / "09" / "07ABUDHABI1479.html"
    ).read_bytes()
    odd = tmp_path / "cable.txt"
    odd.write_bytes(page)
    assert sniff(page) is InputFormat.CABLEGATE
    [cable] = read([odd])
    assert cable.source.format == "cablegate-html" and cable.id == "07ABUDHABI1479"


def _outcomes(paths):
    return list(read_outcomes(paths))


def test_bad_inputs_are_rejected_with_path_and_reason(shared, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (tmp_path / "page.html").write_bytes(
        b"<html><body><h1>Cablegate</h1><p>Browse by origin</p></body></html>"
    )
    (tmp_path / "notes.txt").write_bytes(b"Shopping list: milk, eggs, bread.\n")
    outcomes = _outcomes([tmp_path, tmp_path / "missing.txt"])
    reasons = {o.path.rsplit("/", 1)[-1]: o.reason for o in outcomes if isinstance(o, Reject)}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["image.png"] == "binary data, not text"
    assert reasons["page.html"] == "HTML page without cable text (no <pre> block)"
    assert reasons["notes.txt"].startswith("no cable found in the text")
    assert reasons["missing.txt"] == "no such file or directory"
    assert not any(isinstance(o, Cable) for o in outcomes)


def test_cables_read_in_batches_come_in_input_order_as_parsed_one_by_one(shared, tmp_path):
    """`read_outcomes` parses `BATCH` cables before it extracts their entities: across batch
    ends and rejects, each outcome is the one its input gives alone, in input order."""
    pages = sorted((shared / "corpus" / "cablegate").rglob("*.html"))[: BATCH + 8]
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.txt").write_bytes(b"Shopping list: milk, eggs, bread.\n")
    paths = [*pages[:40], tmp_path / "empty.txt", *pages[40:], tmp_path / "notes.txt"]
    outcomes = _outcomes(paths)
    assert len(outcomes) == len(paths)
    for path, outcome in zip(paths, outcomes, strict=True):
        if path.suffix == ".txt":
            assert isinstance(outcome, Reject) and outcome.path == str(path)
            continue
        [raw] = read_sources([path])
        assert outcome == parse_raw(raw)
        assert outcome.officials or outcome.agencies or not outcome.paragraphs
    assert outcomes[BATCH].id == pages[BATCH - 1].stem


def test_truncated_page_still_gives_what_was_read(shared, tmp_path):
    page = (
        shared / "corpus" / "cablegate" / "cable" / "2007" / "09" / "07ABUDHABI1479.html"
    ).read_bytes()
    cut = page[: page.index(b"Admiral Fallon") + 200]
    (tmp_path / "cut.html").write_bytes(cut)
    [cable] = _outcomes([tmp_path / "cut.html"])
    assert isinstance(cable, Cable)
    assert cable.id == "07ABUDHABI1479" and cable.paragraphs[0].number == 1
    assert "page ends before its text is closed (truncated)" in cable.repairs


def test_csv_row_with_wrong_column_count_is_rejected_and_the_batch_goes_on(shared, tmp_path):
    rows = (shared / "corpus" / "cables.csv").read_bytes().split(b'\n"2","2/25/1972', 1)
    broken = rows[0].replace(b'"UNCLASSIFIED","66STATE106206",', b'"UNCLASSIFIED",', 1)
    (tmp_path / "cables.csv").write_bytes(broken + b'\n"2","2/25/1972' + rows[1])
    outcomes = _outcomes([tmp_path / "cables.csv"])
    reject = outcomes[0]
    assert isinstance(reject, Reject)
    assert (reject.row, reject.offset) == (1, 0)
    assert reject.reason == "cables.csv row has 7 columns, expected 8"
    assert sum(isinstance(o, Cable) for o in outcomes) == 14


def test_undecodable_bytes_are_replaced_and_recorded(shared, tmp_path):
    data = (shared / "corpus" / "telegrams" / "07KINGSTON382.txt").read_bytes()
    path = tmp_path / "damaged.txt"
    path.write_bytes(data.replace(b"Post requests", b"Post \x81\x8d requests", 1))
    [cable] = read([path])
    assert cable.id == "07KINGSTON382"
    assert any(r.startswith("replaced 2 undecodable byte") for r in cable.repairs)


@pytest.mark.parametrize("name", ["06NEWDELHI5238.txt", "01DOHA1093.txt"])
def test_sha256_hashes_the_cable_own_bytes(shared, name):
    import hashlib

    path = shared / "corpus" / "telegrams" / name
    [cable] = read([path])
    assert cable.source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_raw_cables_pickle_with_all_their_fields(shared):
    """Workers receive raw cables pickled through their own `__reduce__`: every field crosses."""
    raws = [r for r in read_sources([shared / "corpus" / "cables.csv"]) if isinstance(r, RawCable)]
    assert len(raws) > 10 and any(r.metadata.references for r in raws)
    for raw in raws:
        assert pickle.loads(pickle.dumps(raw)) == raw
    for obj in (raws[0], raws[0].source, raws[0].metadata):
        assert len(obj.__reduce__()[1]) == len(dataclasses.fields(obj))


def test_csv_stream_is_read_from_where_it_stands(shared):
    """A seekable cables.csv stream is re-read after sniffing from its position, not its start."""
    path = shared / "corpus" / "cables.csv"
    stream = io.BytesIO(b"not a row\n" + path.read_bytes())
    stream.read(10)
    from_stream = [(r.text, r.metadata) for r in read_stream(stream, str(path))]
    from_file = [(r.text, r.metadata) for r in read_sources([path])]
    assert len(from_file) > 10 and from_stream == from_file
