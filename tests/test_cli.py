"""`cablekg parse`: records on stdout or -o, rejects on stderr or --rejects, exit 0/3/2."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from cablekg.cli import main


def test_parse_prints_one_record_per_cable_and_exits_0(shared):
    result = CliRunner().invoke(main, ["parse", str(shared / "corpus" / "telegrams")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 14
    assert {r["id"] for r in records} >= {"07KINGSTON382", "09UNVIEVIENNA289", "00HOCHIMINHCITY838"}
    assert result.stderr == ""


def test_rejects_go_to_their_own_file_and_the_exit_status_is_3(shared, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    seed = shared / "examples" / "07MUSCAT920.txt"
    result = CliRunner().invoke(
        main,
        [
            "parse",
            str(seed),
            str(tmp_path / "empty.txt"),
            "-o",
            str(out),
            "--rejects",
            str(rejects),
        ],
    )
    assert result.exit_code == 3
    assert json.loads(out.read_text())["id"] == "07MUSCAT920"
    reject = json.loads(rejects.read_text())
    assert reject == {
        "path": str(tmp_path / "empty.txt"),
        "row": None,
        "offset": 0,
        "reason": "empty file",
    }


def test_rejects_default_to_stderr(tmp_path):
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 4)
    result = CliRunner().invoke(main, ["parse", str(tmp_path / "blob.bin")])
    assert result.exit_code == 3 and result.stdout == ""
    assert json.loads(result.stderr)["reason"] == "binary data, not text"


def test_usage_errors_exit_2():
    assert CliRunner().invoke(main, ["parse"]).exit_code == 2
    assert CliRunner().invoke(main, ["parse", "--bogus", "x"]).exit_code == 2


def test_standard_input_through_the_real_command(shared):
    text = (shared / "examples" / "07MUSCAT920.txt").read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "cablekg", "parse", "-", "--no-metadata"],
        input=text,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["id"] == "07MUSCAT920" and record["source"]["path"] == "-"


def test_no_entities_gives_the_same_record_without_officials_and_agencies(shared):
    seed = str(shared / "examples" / "07MUSCAT920.txt")
    full = CliRunner().invoke(main, ["parse", seed])
    bare = CliRunner().invoke(main, ["parse", "--no-entities", seed])
    assert full.exit_code == bare.exit_code == 0
    full_record, bare_record = json.loads(full.stdout), json.loads(bare.stdout)
    assert full_record["officials"] and full_record["agencies"]
    assert bare_record["officials"] == [] and bare_record["agencies"] == []
    for key in ("officials", "agencies"):
        del full_record[key], bare_record[key]
    assert bare_record == full_record
