r"""Every regular expression that runs on untrusted text stays polynomial on adversarial input.

The patterns are found, not listed: compiled patterns held by the modules of the stages that read
user input (sources, parse, entities, serve, queries, records, endpoint), and the literal patterns
passed to `re` functions in their source. Each meets 2 KB runs of every character it mentions or
its classes consume, ending in a character that spoils the match (the near-miss that makes a
backtracking engine try every split), runs of its words, and real cable text; every match must be
found within the bound. At 2 KB an exponential or cubic pattern takes minutes while a quadratic
one (a search for `\s+$` restarts at every space) takes milliseconds; quadratic cost on giant
lines is bounded by the callers (whitespace runs are collapsed, banner lines over 400 characters
are not tried) and is checked end to end by tests/test_fuzz.py, whose giant lines of up to 250 KB
run the whole parser. A child process does the matching, so a pattern that never returns fails
the test by name instead of hanging it. The time bound guards against blowup; it is no
performance claim.
"""

from __future__ import annotations

import ast
import importlib
import multiprocessing
import pkgutil
import re
import time
from pathlib import Path

import cablekg

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("sources", "parse", "entities", "serve", "queries", "records", "endpoint")
SIZE = 2_000
SECONDS = 5.0  # per 2 KB input: quadratic patterns take at most 2 s, cubic ones 40 s and more
HANG = 10.0  # seconds without an answer: the pattern is taken to never return
GENERIC = " \t\n\r\x00Aa1_.,;:-/()[]'\"¶#<>&=XZ"
_RE_CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall",
             "finditer"}  # fmt: skip


def stage_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(cablekg.__path__, "cablekg."):
        stage = info.name.split(".")[1]
        if stage in STAGES and not info.name.split(".")[-1].startswith("build_"):
            names.append(info.name)
    return names


def _held(value: object, depth: int = 0) -> list[re.Pattern]:
    """Compiled patterns in a module global, looking inside containers and simple objects."""
    if isinstance(value, re.Pattern):
        return [value] if isinstance(value.pattern, str) else []
    if depth > 3:
        return []
    if isinstance(value, dict):
        items = list(value.keys()) + list(value.values())
    elif isinstance(value, list | tuple | set | frozenset):
        items = list(value)
    else:
        return []
    return [p for item in items for p in _held(item, depth + 1)]


def _literal(node: ast.Call) -> tuple[str, int] | None:
    """`re.search(r"...", ..., re.I)` and friends with a constant pattern."""
    func = node.func
    if not (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "re"
        and func.attr in _RE_CALLS
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return None
    flags = 0
    for arg in [*node.args[1:], *(k.value for k in node.keywords if k.arg == "flags")]:
        for name in ast.walk(arg):
            if isinstance(name, ast.Attribute) and name.attr in ("I", "IGNORECASE", "M",
                                                                 "MULTILINE", "S", "DOTALL", "X",
                                                                 "VERBOSE"):  # fmt: skip
                flags |= getattr(re, name.attr)
    return node.args[0].value, re.compile(node.args[0].value, flags).flags


def patterns() -> dict[tuple[str, int], str]:
    """(pattern, flags) -> where it was found."""
    found: dict[tuple[str, int], str] = {}
    for name in stage_modules():
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            for pattern in _held(value):
                found.setdefault((pattern.pattern, pattern.flags), f"{name}.{attribute}")
        source = Path(module.__file__).read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and (literal := _literal(node)):
                found.setdefault(literal, f"{name} line {node.lineno}")
    return found


def adversarial(pattern: str, cable: str) -> list[str]:
    """Runs of each character the pattern mentions or its classes consume, then a spoiler."""
    alphabet = sorted(set(GENERIC) | {c for c in pattern if c.isprintable() and c != "\\"})
    inputs = [c * SIZE + "\x00!" for c in alphabet]
    words = re.findall(r"[A-Za-z]{2,}", pattern)
    for word in sorted(set(words))[:8]:
        inputs.append((word + " ") * (SIZE // (len(word) + 1)) + "\x00")
    inputs.append("A " * (SIZE // 2) + "!")
    inputs.append("1. " * (SIZE // 3) + "(")
    inputs.append((cable * (SIZE // len(cable) + 1))[:SIZE])
    return inputs


def _check_from(found: list[tuple[str, int, str]], first: int, cable: str, out) -> None:
    """In the child: time every adversarial input of every pattern from `first` on."""
    for index in range(first, len(found)):
        source, flags, _where = found[index]
        compiled = re.compile(source, flags)
        for text in adversarial(source, cable):
            started = time.perf_counter()
            for _ in compiled.finditer(text):
                pass
            out.send((index, time.perf_counter() - started))
    out.send((len(found), 0.0))


def slow_patterns(found: list[tuple[str, int, str]], cable: str) -> dict[str, float]:
    """Where each slow pattern was found -> its slowest time (HANG if it never returned)."""
    context = multiprocessing.get_context("fork")
    slow: dict[str, float] = {}
    first = 0
    while first < len(found):
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_check_from, args=(found, first, cable, send), daemon=True)
        child.start()
        current = first
        try:
            while True:
                if not receive.poll(HANG):
                    slow[found[current][2]] = float("inf")
                    first = current + 1
                    break
                index, seconds = receive.recv()
                if index == len(found):
                    first = index
                    break
                current = index
                if seconds > SECONDS:
                    slow[found[index][2]] = max(seconds, slow.get(found[index][2], 0.0))
        finally:
            child.kill()
            child.join()
    return slow


def test_patterns_are_found_in_every_stage():
    found = patterns()
    where = " ".join(found.values())
    for stage in ("sources", "parse", "serve"):
        assert f"cablekg.{stage}." in where
    assert len(found) > 100  # the parser alone holds well over a hundred


def test_no_pattern_backtracks_catastrophically(shared):
    found = [(source, flags, where) for (source, flags), where in patterns().items()]
    cable = (shared / "examples" / "07MUSCAT920.txt").read_text(encoding="utf-8")
    slow = slow_patterns(found, cable)
    assert not slow, "\n".join(f"{where}: {seconds:.2f} s" for where, seconds in slow.items())
