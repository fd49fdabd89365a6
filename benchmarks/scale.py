"""How the full build scales: `cablekg build` of synthetic corpora of growing size.

    python benchmarks/scale.py [--sizes 10000 50000 251287] [--jobs 2] [--work DIR]

For each N it makes `cables-N.csv` with `make_corpus.py` (kept in the work directory and reused),
builds a fresh store from it in a child process, and prints per stage (read, parse, entities,
map, validate, load) the seconds summed over workers and their share (CPU seconds for all but
`load`, which is the writer's wall time: the bulk loader runs on threads of its own), cables/s,
triples/s, CPU seconds of the build process (reading, writer, store) and of the workers, peak RSS
of the whole process tree (build process and workers, sampled every 0.2 s; shared pages of forked
workers count once per process, so this overstates), store size, and the load average of the
machine. Then how total time grows with N. `--parse-only` instead measures the parse stage alone,
without entity extraction (read in the main process, `parse_raw` in the workers).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import cablekg  # noqa: E402

SIZES = [10_000, 50_000, 251_287]


def corpus(work: Path, count: int) -> Path:
    path = work / f"cables-{count}.csv"
    if not path.exists():
        script = ROOT / "benchmarks" / "make_corpus.py"
        subprocess.run([sys.executable, str(script), str(count), "-o", str(path)], check=True)
    return path


def _tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(x.split()[1]) for x in status.splitlines() if x.startswith("VmRSS"))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration):
            continue
    return total * 1024


def _tree_cpu(pid: int) -> float:
    """CPU seconds so far of `pid` and its live descendants (with their reaped children)."""
    total, todo, tick = 0.0, [pid], os.sysconf("SC_CLK_TCK")
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(x) for x in fields[11:15]) / tick
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, IndexError):
            continue
    return total


def measure(args: list[str]) -> dict:
    """Run this script's child mode with `args`; its JSON result plus peak RSS and CPU time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    child = subprocess.Popen([sys.executable, __file__, "--child", *args], stdout=subprocess.PIPE)
    peak = 0
    started = last = time.monotonic()
    while child.poll() is None:
        peak = max(peak, _tree_rss(child.pid))
        time.sleep(0.2)
        if time.monotonic() - last >= 60:  # a heartbeat for long runs
            last = time.monotonic()
            store = Path(args[2])
            size = sum(p.stat().st_size for p in store.rglob("*") if p.is_file())
            print(
                f"  ... {last - started:,.0f} s, CPU {_tree_cpu(child.pid):,.0f} s, RSS peak "
                f"{peak / 2**20:,.0f} MiB, store {size / 2**20:,.0f} MiB, "
                f"load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    result = json.loads(child.stdout.read())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result["peak_rss"] = peak
    result["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result["load"] = (load, os.getloadavg()[0])
    return result


def child(args: list[str]) -> None:
    """In the child process: build (or parse) and print the figures as JSON."""
    mode, source, target, jobs = args[0], Path(args[1]), Path(args[2]), int(args[3])
    if mode == "parse":
        print(json.dumps(_parse_only(source, jobs)))
        return
    from cablekg.store.build import build

    started = time.perf_counter()
    report = build([source], target, jobs=jobs, quiet=True)
    seconds = time.perf_counter() - started
    main = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(
        json.dumps(
            {
                "cables": report.built,
                "rejected": report.rejected,
                "triples": report.triples,
                "violations": report.validation.count,
                "seconds": seconds,
                "stages": report.stages,
                "store_bytes": size,
                "cpu_main": main.ru_utime + main.ru_stime,
                "cpu_workers": workers.ru_utime + workers.ru_stime,
            }
        )
    )


def _parse_only(source: Path, jobs: int) -> dict:
    import multiprocessing

    from cablekg.sources import RawCable, read_sources
    from cablekg.store import batched

    def chunks():
        raws = (r for r in read_sources([source]) if isinstance(r, RawCable))
        yield from batched(raws, 64)

    started = time.perf_counter()
    count = 0
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for n in pool.imap(_parse_chunk, chunks(), chunksize=1):
            count += n
    main = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "cables": count,
        "seconds": time.perf_counter() - started,
        "cpu_main": main.ru_utime + main.ru_stime,
        "cpu_workers": workers.ru_utime + workers.ru_stime,
    }


def _parse_chunk(chunk) -> int:
    from cablekg.parse import parse_raw

    for raw in chunk:
        parse_raw(raw, True, entities=False)
    return len(chunk)


def report(count: int, r: dict) -> None:
    stages = r["stages"]
    total = sum(stages.values()) or 1.0
    print(f"\n## N = {count:,} cables ({r['cables']:,} built, {r['rejected']:,} rejected)")
    print(f"wall {r['seconds']:.1f} s, {r['cables'] / r['seconds']:,.0f} cables/s, ", end="")
    print(f"{r['triples'] / r['seconds']:,.0f} triples/s ({r['triples']:,} triples)")
    per_cable = 1000 / max(r["cables"], 1)
    main, workers = r["cpu_main"], r["cpu_workers"]
    print(f"CPU {r['cpu']:.0f} s ({r['cpu'] * per_cable:.2f} ms per cable): ", end="")
    print(f"build process {main:.0f} s ({main * per_cable:.2f} ms; reading, writer, ", end="")
    print(f"store), workers {workers:.0f} s ({workers * per_cable:.2f} ms)")
    print(f"peak RSS {r['peak_rss'] / 2**20:,.0f} MiB, store {r['store_bytes'] / 2**20:,.0f} MiB")
    print(f"SHACL violations {r['violations']:,}; load average {r['load'][0]:.1f} -> ", end="")
    print(f"{r['load'][1]:.1f}")
    print("stage       seconds  share  ms per cable")
    for stage, seconds in stages.items():
        print(
            f"{stage:10} {seconds:8.1f}  {100 * seconds / total:4.1f}%  {seconds * per_cable:6.2f}"
        )


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--work", type=Path, default=None, help="where corpora and stores go")
    parser.add_argument("--parse-only", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the stores (for query timings)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="cablekg-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"# cablekg scale, {time.strftime('%Y-%m-%d %H:%M %Z')}, {os.cpu_count()} cores, "
          f"{'compiled' if cablekg.compiled() else 'pure Python'}")  # fmt: skip
    totals = {}
    for count in args.sizes:
        source = corpus(work, count)
        store = work / f"store-{count}"
        shutil.rmtree(store, ignore_errors=True)
        if args.parse_only:
            r = measure(["parse", str(source), str(store), str(args.jobs)])
            print(f"parse only, N = {count:,}, {args.jobs} workers: {r['seconds']:.1f} s, ", end="")
            print(f"{r['cables'] / r['seconds']:,.0f} cables/s, CPU {r['cpu']:.1f} s, ", end="")
            print(f"load {r['load'][0]:.1f} -> {r['load'][1]:.1f}")
            main_ms, workers_ms = (1000 * r[k] / r["cables"] for k in ("cpu_main", "cpu_workers"))
            # With the work spread over the cores, wall time is bounded by CPU time / cores.
            bound = r["cables"] / max(r["cpu"] / min(args.jobs, os.cpu_count() or 1), r["cpu_main"])
            print(f"  CPU per cable: {main_ms:.3f} ms reading and sending (main process), "
                  f"{workers_ms:.3f} ms parsing (workers); on idle cores at most {bound:,.0f} "
                  "cables/s")  # fmt: skip
            continue
        r = measure(["build", str(source), str(store), str(args.jobs)])
        report(count, r)
        totals[count] = r["seconds"]
        if not args.keep:
            shutil.rmtree(store, ignore_errors=True)
    if len(totals) > 1:
        print("\n## growth")
        first = min(totals)
        for count, seconds in totals.items():
            print(
                f"N = {count:>8,}: {seconds:8.1f} s, x{seconds / totals[first]:.2f} time for "
                f"x{count / first:.2f} cables"
            )


if __name__ == "__main__":
    main()
