"""Fuzzing the readers and the parser with mutated real files of the developer corpus.

Whatever users downloaded reaches `cablekg.read_outcomes`: truncated pages, flipped bytes, other
encodings, giant lines, repeated headers, NUL bytes, mixed line endings, broken markup, CSV rows
with wrong quoting. For every input no exception escapes, every record is schema-valid, every
file ends as records or rejects (never nothing), and the time per input stays bounded: the bound
guards against catastrophic backtracking, it is no performance claim.

CI runs a modest number of examples; `CABLEKG_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py` runs
a long campaign locally.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablekg import Cable, Reject, read_outcomes
from tests.conftest import SHARED

EXAMPLES = int(os.environ.get("CABLEKG_FUZZ_EXAMPLES", "40"))
SECONDS_PER_INPUT = 20.0  # generous: a linear parser takes well under a second per input here
LIMIT = 1_000_000  # bytes a mutation may add (the 10 MB cable has a test of its own)


@cache
def seeds() -> tuple[tuple[str, bytes], ...]:
    """Real files of every input kind: Cablegate pages (trimmed and whole), telegrams, CSV."""
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        return ()
    pages = sorted((corpus / "cablegate").rglob("*.html"))
    chosen = pages[:: max(1, len(pages) // 12)][:12]
    chosen += sorted(p for p in pages if p.stat().st_size > 20_000)[:3]  # whole pages with menus
    chosen += sorted((corpus / "telegrams").glob("*.txt"))
    chosen.append(corpus / "cables.csv")
    return tuple((p.name, p.read_bytes()) for p in chosen)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, max(2, len(data)))]


def _flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def _nul_bytes(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data))
    return data[:i] + b"\x00" * rng.randint(1, 5000) + data[i:]


def _encoding(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", errors="replace")
    target = rng.choice(["utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "utf-8-sig",
                         "cp437", "koi8-r", "shift_jis", "utf-7"])  # fmt: skip
    return text.encode(target, errors="replace")


def _giant_line(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data))
    unit = rng.choice([b"A", b" ", b"-", b"X", b"1", b"\t", b"(", b"A ", b"1. ", b"&#x000A;",
                       b"<a>", b"\xc2\xb6", b"TAGS ", b"/", b"''", b"\\\""])  # fmt: skip
    return data[:i] + unit * (rng.randint(10_000, LIMIT // 4) // len(unit)) + data[i:]


def _repeated_header(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    start = rng.randrange(min(len(lines), 40))
    block = b"\n".join(lines[start : start + rng.randint(1, 12)]) + b"\n"
    times = min(rng.randint(50, 2000), LIMIT // len(block))
    return b"\n".join(lines[:start]) + b"\n" + block * times + data


def _line_endings(data: bytes, rng: random.Random) -> bytes:
    parts = data.split(b"\n")
    ends = [b"\n", b"\r\n", b"\r", b"\r\r\n", b"\x0b", b"\xe2\x80\xa8"]
    return b"".join(p + rng.choice(ends) for p in parts)


def _broken_markup(data: bytes, rng: random.Random) -> bytes:
    out = data
    for _ in range(rng.randint(1, 30)):
        what = rng.choice([b"<", b">", b"</pre>", b"<pre>", b"<code>", b"&#x000A;", b"</a>", b"'"])
        i = out.find(what, rng.randrange(len(out)))
        if i < 0:
            continue
        replacement = rng.choice([b"", b"<", what * 3, b"<!--", b"&#", b"<pre"])
        out = out[:i] + replacement + out[i + len(what) :]
    return out


def _csv_quoting(data: bytes, rng: random.Random) -> bytes:
    out = data
    for _ in range(rng.randint(1, 20)):
        i = rng.randrange(len(out))
        out = out[:i] + rng.choice([b'"', b'\\"', b'""', b'","', b"\\", b",", b'"\n"']) + out[i:]
    return out


MUTATIONS = {f.__name__[1:]: f for f in (
    _truncate, _flip_bytes, _nul_bytes, _encoding, _giant_line, _repeated_header, _line_endings,
    _broken_markup, _csv_quoting,
)}  # fmt: skip


def mutate(data: bytes, kinds: list[str], seed: int) -> bytes:
    rng = random.Random(seed)
    for kind in kinds:
        if data:
            data = MUTATIONS[kind](data, rng)
    return data


def outcomes_of(data: bytes, name: str) -> tuple[list[Cable | Reject], float]:
    """What `read_outcomes` makes of `data` saved as a file named `name`, and how long it took."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        started = time.monotonic()
        outcomes = list(read_outcomes([path]))
        return outcomes, time.monotonic() - started


def check(outcomes: list[Cable | Reject], schema: dict) -> None:
    assert outcomes, "an input vanished: neither a record nor a reject"
    for outcome in outcomes:
        if isinstance(outcome, Reject):
            assert outcome.path and outcome.reason
        else:
            jsonschema.validate(outcome.to_record(), schema)


_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=_HEALTH)
@given(
    index=st.integers(min_value=0, max_value=10_000),
    kinds=st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=4),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_mutated_real_files_never_crash_and_give_valid_records(shared, record_schema, index,
                                                               kinds, seed):  # fmt: skip
    name, data = seeds()[index % len(seeds())]
    outcomes, seconds = outcomes_of(mutate(data, kinds, seed), name)
    check(outcomes, record_schema)
    assert seconds < SECONDS_PER_INPUT, (name, kinds, seed, seconds)


@pytest.mark.parametrize("kind", sorted(MUTATIONS))
def test_every_mutation_on_every_seed(shared, record_schema, kind):
    """Each mutation once on each seed file, so no kind of damage is left to chance."""
    for number, (name, data) in enumerate(seeds()):
        outcomes, seconds = outcomes_of(mutate(data, [kind], number), name)
        check(outcomes, record_schema)
        assert seconds < SECONDS_PER_INPUT, (name, kind, seconds)


def test_a_ten_megabyte_cable_is_read_in_bounded_time(shared, record_schema):
    """A real cable whose body is repeated to 10 MB: one record, the header still read."""
    text = (shared / "examples" / "07MUSCAT920.txt").read_bytes()
    body = text.index(b"1. (SBU)") if b"1. (SBU)" in text else len(text) // 2
    big = text[:body] + text[body:] * (10_000_000 // len(text[body:]) + 1)
    assert len(big) > 10_000_000
    outcomes, seconds = outcomes_of(big, "07MUSCAT920.txt")
    check(outcomes, record_schema)
    (cable,) = outcomes
    assert cable.id == "07MUSCAT920"
    assert seconds < 120, seconds
