"""Nothing is lost or doubled: records + rejects = inputs, over the developer corpus with damaged
files mixed in, through `cablekg parse --rejects` as users run it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from cablekg.cli import EXIT_REJECTED, main


def damaged_corpus(shared: Path, folder: Path) -> tuple[int, dict[str, str]]:
    """The whole developer corpus plus damaged files: (number of input cables, damaged file ->
    what its reject reason must say)."""
    corpus = folder / "corpus"
    shutil.copytree(shared / "corpus", corpus)
    pages = sorted(corpus.rglob("*.html"))
    csv_rows = 15
    cables = len(pages) + len(list((corpus / "telegrams").glob("*.txt"))) + csv_rows
    damaged = corpus / "damaged"
    damaged.mkdir()
    (damaged / "empty.html").write_bytes(b"")
    (damaged / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (damaged / "nuls.txt").write_bytes(b"\x00" * 5000)
    (damaged / "markup-only.html").write_bytes(b"<html><body><pre></pre><p>nothing</p></html>")
    page = pages[0].read_bytes()
    (damaged / "truncated.html").write_bytes(page[: len(page) // 2])  # still holds the cable
    rows = (shared / "corpus" / "cables.csv").read_bytes().split(b'\n"2","2/25/1972', 1)
    short_row = rows[0].replace(b'"UNCLASSIFIED","66STATE106206",', b'"UNCLASSIFIED",', 1)
    (damaged / "cables.csv").write_bytes(short_row + b'\n"2","2/25/1972' + rows[1])
    cables += 4 + 1 + csv_rows  # four files without a cable, the truncated page, 15 CSV rows
    reasons = {"empty.html": "empty", "binary.txt": "", "nuls.txt": "", "markup-only.html": "",
               "cables.csv": "row has 7 columns"}  # fmt: skip
    return cables, reasons


def test_records_plus_rejects_equal_inputs(shared, tmp_path):
    inputs, reasons = damaged_corpus(shared, tmp_path)
    rejects_path = tmp_path / "rejects.jsonl"
    result = CliRunner().invoke(
        main, ["parse", str(tmp_path / "corpus"), str(tmp_path / "missing.txt"),
               "--rejects", str(rejects_path)],
    )  # fmt: skip
    assert result.exit_code == EXIT_REJECTED  # rejects are reported, and said so in the status
    records = [json.loads(line) for line in result.stdout.splitlines()]
    rejects = [json.loads(line) for line in rejects_path.read_text().splitlines()]
    assert len(records) + len(rejects) == inputs + 1  # and the missing path
    for reject in rejects:
        assert reject["path"] and reject["reason"]
    by_name = {Path(r["path"]).name: r for r in rejects}
    assert by_name["missing.txt"]["reason"] == "no such file or directory"
    for name, words in reasons.items():
        assert words in by_name[name]["reason"], by_name[name]
    assert by_name["cables.csv"]["row"] == 1
    # No cable doubled: each source (file, or CSV file and row) gives one outcome at most.
    sources = [(r["source"]["path"], r["source"].get("row")) for r in records]
    sources += [(r["path"], r["row"]) for r in rejects]
    assert len(sources) == len(set(sources))
