"""RDF stage speed on the developer corpus: mapping, each serialisation, each SHACL engine.

    python benchmarks/rdf.py [--pyshacl-sample 100] [PATH ...]

PATHs are cable sources (`.jsonl` records, or raw sources once the parser is installed); the
default is the developer corpus in ../shared/corpus. Prints triples per second per step on one
core, and milliseconds per cable for validation, with a projection to the full 251,287 cables.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cablekg.rdf import RdfFormat  # noqa: E402
from cablekg.rdf.mapping import Mapper  # noqa: E402
from cablekg.rdf.writers import writer  # noqa: E402
from cablekg.records import read_cables  # noqa: E402
from cablekg.validate import FastEngine, PyshaclEngine  # noqa: E402

FULL_CORPUS = 251_287


def developer_corpus() -> list:
    shared = ROOT.parent / "shared"
    try:
        from cablekg import read
    except ImportError:  # no parser yet: the Cablegate pages, as the tests read them
        sys.path.insert(0, str(ROOT / "tests"))
        from rdf_cables import cablegate_cables

        return list(cablegate_cables(shared, ROOT))
    corpus = shared / "corpus"
    return list(read([corpus / "cablegate", corpus / "telegrams", corpus / "cables.csv"]))


def line(step: str, triples: int, seconds: float, extra: str = "") -> None:
    rate = triples / seconds
    print(f"{step:<28} {triples:>10,} triples {seconds:8.2f} s {rate:>12,.0f} triples/s {extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--pyshacl-sample", type=int, default=100)
    args = parser.parse_args()
    cables = list(read_cables(args.paths)) if args.paths else developer_corpus()
    print(f"{len(cables)} cables, one core (pid {os.getpid()})\n")

    mapper = Mapper()
    start = time.perf_counter()
    mapped = [mapper.map(cable) for cable in cables]
    seconds = time.perf_counter() - start
    triples = sum(len(m) for m in mapped)
    line("mapping", triples, seconds, f"({triples / len(cables):.0f} triples per cable)")

    with tempfile.TemporaryDirectory() as tmp:
        out_path = Path(tmp) / "corpus.nq"
        start = time.perf_counter()
        with open(out_path, "w", encoding="utf-8") as out:
            w = writer(RdfFormat.NQUADS, out)
            w.start(mapper.agent_triples(), mapper.metadata_graph)
            for cable in cables:
                w.write(mapper.map(cable))
            w.finish()
        line("mapping + N-Quads to file", w.triples, time.perf_counter() - start)

    for fmt in RdfFormat:
        out = io.StringIO()
        start = time.perf_counter()
        w = writer(fmt, out)
        w.start(mapper.agent_triples(), mapper.metadata_graph)
        for m in mapped:
            w.write(m)
        w.finish()
        seconds = time.perf_counter() - start
        line(f"serialise {fmt.key}", w.triples, seconds, f"({len(out.getvalue()) / 1e6:.0f} MB)")

    print()
    units = [m.ntriples() for m in mapped]
    for engine, sample in ((FastEngine(), units), (PyshaclEngine(), units[: args.pyshacl_sample])):
        engine.validate(sample[0])  # warm up: shapes compiled, caches filled
        start = time.perf_counter()
        violations = sum(len(engine.validate(unit)) for unit in sample)
        seconds = time.perf_counter() - start
        count = sum(unit.count("\n") for unit in sample)
        per_cable = 1000 * seconds / len(sample)
        projection = per_cable * FULL_CORPUS / 1000 / 60
        line(
            f"validate {engine.name} ({len(sample)})",
            count,
            seconds,
            f"{per_cable:.2f} ms/cable, {violations} violations,"
            f" full corpus ~{projection:.0f} min on one core",
        )


if __name__ == "__main__":
    main()
