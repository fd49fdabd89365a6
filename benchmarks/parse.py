"""Parse speed and peak memory for the developer corpus in each input format.

Usage: python benchmarks/parse.py [SHARED_DIR] [--repeat N] [--parse-only]

The Cablegate pages are read as they are (trimmed pages and whole pages with navigation apart);
the same cables are also written out as raw telegram files and as one `cables.csv` (8 columns,
backslash-escaped quotes, CRLF), with the corpus' own telegrams and CSV rows added. Each format is
read and parsed by `cablekg.read` in a fresh process on one core, twice: parse alone
(`entities=False`: the header fields, paragraphs, references) and parse + entity extraction
(officials and agencies, what `cablekg build` does). The figures are cables per second (wall
clock, and per second of CPU time, which a busy machine disturbs less) and the process's peak
resident memory; the vocabularies and word lists load once per process before the clock starts
(the start-up column, CPU seconds). The CSV is also read at `--repeat` times its size to show
that memory does not grow with the number of cables. `--parse-only` skips the entity runs.
"""

from __future__ import annotations

import argparse
import csv
import io
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cablekg  # noqa: E402
from cablekg.sources.cablegate import read_page  # noqa: E402


def default_shared() -> Path:
    for parent in ROOT.parents:
        if (parent / "shared" / "corpus").is_dir():
            return parent / "shared"
    raise SystemExit("no shared corpus found; pass its directory")


def build_inputs(shared: Path, work: Path, repeat: int) -> dict[str, list[Path]]:
    """Write the corpus in every format; return the paths to read per benchmark."""
    pages = sorted((shared / "corpus" / "cablegate").rglob("*.html"))
    whole = [p for p in pages if b"<html" in p.read_bytes()[:2000].lower()]
    trimmed = [p for p in pages if p not in set(whole)]
    telegrams = work / "telegrams"
    telegrams.mkdir()
    rows = []
    for n, page in enumerate(pages):
        raw = read_page(page.read_bytes(), str(page))
        text = raw.text.replace("\n", "\r\n")
        (telegrams / f"{page.stem}.txt").write_text(text, encoding="utf-8", newline="")
        meta = raw.metadata
        created = meta.date or ""
        if created:
            y, m, d = created[:10].split("-")
            created = f"{int(m)}/{int(d)}/{y} {created[11:16]}"
        header, _, body = raw.text.partition("\n")
        columns = [str(n + 1), created, meta.id or "", meta.origin or "", meta.classification or ""]
        rows.append([*columns, "", header, body])
    for original in sorted((shared / "corpus" / "telegrams").glob("*.txt")):
        (telegrams / original.name).write_bytes(original.read_bytes())
    csv_one = work / "cables.csv"
    csv_many = work / "cables-repeated.csv"
    _write_csv(csv_one, rows, shared, 1)
    _write_csv(csv_many, rows, shared, repeat)
    return {
        "cablegate-html (trimmed pages)": trimmed,
        "cablegate-html (whole pages)": whole,
        "telegram-text": [telegrams],
        "cables-csv": [csv_one],
        f"cables-csv x{repeat}": [csv_many],
    }


def _write_csv(path: Path, rows: list[list[str]], shared: Path, repeat: int) -> None:
    original = (shared / "corpus" / "cables.csv").read_bytes()
    with open(path, "wb") as out:
        for _ in range(repeat):
            buffer = io.StringIO()
            writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, escapechar="\\", doublequote=False,
                                lineterminator="\r\n")  # fmt: skip
            writer.writerows(rows)
            out.write(buffer.getvalue().encode("utf-8"))
            out.write(original if original.endswith(b"\n") else original + b"\r\n")


# A short cable parsed before the clock starts: the station table, vocabularies and entity word
# lists load on first use, once per process (the start-up column), not per cable.
WARM_UP = """UNCLAS STATE 000123
SIPDIS
E.O. 12958: N/A
TAGS: PREL, PGOV
SUBJECT: WARM-UP
1. (U) Ambassador John Smith met Foreign Minister Ali Hassan of the Ministry of Foreign Affairs.
RICE
"""


def _measure(paths: list[Path], entities: bool, queue) -> None:
    from cablekg import parse_text, read
    from cablekg.entities import settle

    warm = time.process_time()
    parse_text(WARM_UP, entities=entities)
    if entities:
        settle()  # what `read` does first in a process: the word lists leave the collector's walks
    warm = time.process_time() - warm
    start, cpu = time.perf_counter(), time.process_time()
    count = sum(1 for _ in read(paths, entities=entities))
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    queue.put((count, seconds, cpu_seconds, _peak_kib(), warm))


def _peak_kib() -> int:
    """This process's peak resident memory. Linux keeps `ru_maxrss` across the exec that starts
    a spawned worker (so it would report the parent's peak); VmHWM is the process's own."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--parse-only", action="store_true", help="skip the entity runs")
    args = parser.parse_args()
    shared = args.shared or default_shared()
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as tmp:
        inputs = build_inputs(shared, Path(tmp), args.repeat)
        print(f"cablekg {'compiled' if cablekg.compiled() else 'pure Python'}")
        print(f"{'format':30s} {'cables':>6s} {'stage':>16s} {'wall s':>7s} {'CPU s':>7s}"
              f" {'cables/s':>8s} {'per CPU s':>9s} {'ms CPU':>7s} {'peak RSS':>9s}"
              f" {'start-up':>8s}")  # fmt: skip
        for name, paths in inputs.items():
            for entities in (False,) if args.parse_only else (False, True):
                queue = context.Queue()
                process = context.Process(target=_measure, args=(paths, entities, queue))
                process.start()
                count, seconds, cpu, peak, warm = queue.get()
                process.join()
                rate = count / seconds if seconds else 0.0
                cpu_rate = count / cpu if cpu else 0.0
                ms = 1000 * cpu / count if count else 0.0
                stage = "parse + entities" if entities else "parse"
                print(f"{name:30s} {count:6d} {stage:>16s} {seconds:7.2f} {cpu:7.2f} {rate:8.0f}"
                      f" {cpu_rate:9.0f} {ms:7.3f} {peak / 1024:6.0f} MB {warm:7.2f}s",
                      flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
