r"""Every regular expression that runs on untrusted text takes time linear in its input.

The patterns are found, not listed: compiled patterns held by the modules of the stages that read
user input (sources, parse, entities, serve, queries, records, endpoint), the patterns built on
first use by their cached builders (a `functools.cache` function taking no arguments, such as
`_compile()` behind the entity patterns of `patterns()`: called, and searched inside what it
returns, dataclasses included), and the literal patterns passed to `re` functions in their source.
Each is run the way the code runs it: searched anywhere (also for sub, split, findall), or only
tried at the start (`.match`, `.fullmatch`, or a private pattern the module only ever calls so; a
built pattern whose field the stage only ever calls so). Each meets 100 KB runs of every character
it mentions or its classes consume, ending in a character that spoils the match (the near-miss that
makes a backtracking engine try every split), runs of its words, and real cable text; every input
must be done within 2 s of CPU. A linear pattern takes milliseconds (at most about a second for the
few that look ahead a bounded distance from every start), a quadratic one (a search for `\s+$` that
restarts at every space) minutes. A child process does the matching, so a pattern that never
returns fails the test by name instead of hanging it. The bound guards against blowup; it is no
performance claim.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import multiprocessing
import pkgutil
import re
import time
from pathlib import Path

import cablekg

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("sources", "parse", "entities", "serve", "queries", "records", "endpoint")
SIZE = 100_000
SECONDS = 2.0  # CPU seconds per input of SIZE characters
HANG = 60.0  # seconds without an answer: the pattern is taken to never return
GENERIC = " \t\n\r\x00Aa1_.,;:-/()[]'\"¶#<>&=XZ"
_RE_CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall",
             "finditer"}  # fmt: skip
_ANCHORED = {"match", "fullmatch"}
# Patterns not yet linear, by where they are found, with why their cost stays bounded; each
# must still be found, so an entry goes stale loudly once its pattern is rewritten or moved.
EXCEPTIONS = {
    "cablekg.entities.agencies._NAME_BEFORE": "anchored at the end (`\\Z`) and searched only in "
    "the 60 characters before a cue word (`_cued_organisations`): at most 60 restarts of 60",
    "cablekg.entities.header._TRAILING": "a repeated, end-anchored tail (`(...)+$`), quadratic in "
    "its input, but it only sees the first 300 characters of the Classified By name and title",
    "cablekg.entities.lexicon._NOTE": "`\\(.*?\\)` restarts at every unclosed parenthesis, "
    "but it runs only on the shipped tag table, never on input",
}


def stage_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(cablekg.__path__, "cablekg."):
        stage = info.name.split(".")[1]
        if stage in STAGES and not info.name.split(".")[-1].startswith("build_"):
            names.append(info.name)
    return names


def _held(value: object, depth: int = 0) -> list[tuple[str, re.Pattern]]:
    """(field, pattern) for the compiled patterns in a value, looking inside containers and
    dataclasses; the field is the dataclass attribute holding the pattern ("" if none)."""
    if isinstance(value, re.Pattern):
        return [("", value)] if isinstance(value.pattern, str) else []
    if depth > 3:
        return []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            (field.name, pattern)
            for field in dataclasses.fields(value)
            for _, pattern in _held(getattr(value, field.name), depth + 1)
        ]
    if isinstance(value, dict):
        items = list(value.keys()) + list(value.values())
    elif isinstance(value, list | tuple | set | frozenset):
        items = list(value)
    else:
        return []
    return [held for item in items for held in _held(item, depth + 1)]


def _built(module: object) -> list[tuple[str, str, re.Pattern]]:
    """(builder, field, pattern) for what the module's cached builders make on first use: the
    `functools.cache` functions defined there that take no arguments."""
    found = []
    for attribute, value in vars(module).items():
        if not (
            callable(value)
            and hasattr(value, "cache_info")
            and getattr(value, "__module__", None) == module.__name__
        ):
            continue
        parameters = inspect.signature(value).parameters.values()
        if any(p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
               for p in parameters):  # fmt: skip
            continue
        found += [(attribute, field, pattern) for field, pattern in _held(value())]
    return found


def _field_methods(trees: list[ast.Module]) -> dict[str, set[str]]:
    """Attribute name -> the pattern methods called on it (`x.title.match(...)`,
    `x.org[k].search`), over the given sources."""
    methods: dict[str, set[str]] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Attribute) and node.attr in _RE_CALLS - {"compile"}):
                continue
            target = node.value.value if isinstance(node.value, ast.Subscript) else node.value
            if isinstance(target, ast.Attribute):
                methods.setdefault(target.attr, set()).add(node.attr)
    return methods


def _anchored_names(tree: ast.Module) -> set[str]:
    """Private module names that are only ever called as `NAME.match(...)` or
    `NAME.fullmatch(...)`: patterns the code only tries at the start of its input."""
    uses: dict[str, set[str]] = {}
    called = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            uses.setdefault(node.value.id, set()).add(node.attr)
            called.add(id(node.value))
    bare = {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and id(node) not in called
    }
    return {
        name
        for name, methods in uses.items()
        if name.startswith("_") and name not in bare and methods <= {"match", "fullmatch"}
    }


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


def patterns() -> dict[tuple[str, int], tuple[str, str]]:
    """(pattern, flags) -> (where it was found, how the code runs it: `search` (anywhere, also
    for sub, split, findall...), or only `match` or `fullmatch` at the start of the input)."""
    found: dict[tuple[str, int], tuple[str, str]] = {}

    def add(key: tuple[str, int], where: str, how: str) -> None:
        if key not in found:
            found[key] = (where, how)
        elif found[key][1] != how:
            found[key] = (found[key][0], "search")  # run two ways: the harder one counts

    modules = [importlib.import_module(name) for name in stage_modules()]
    trees = {m.__name__: ast.parse(Path(m.__file__).read_text(encoding="utf-8")) for m in modules}
    methods = _field_methods(list(trees.values()))
    for module in modules:
        name, tree = module.__name__, trees[module.__name__]
        anchored = _anchored_names(tree)
        built = set()
        for builder, field, pattern in _built(module):
            used = methods.get(field, set()) if field else set()
            how = "match" if used and used <= _ANCHORED else "search"
            where = f"{name}.{builder}()" + (f".{field}" if field else "")
            add((pattern.pattern, pattern.flags), where, how)
            built.add((pattern.pattern, pattern.flags))
        for attribute, value in vars(module).items():
            how = "match" if attribute in anchored else "search"
            for _, pattern in _held(value):
                if (pattern.pattern, pattern.flags) not in built:  # not where a builder keeps them
                    add((pattern.pattern, pattern.flags), f"{name}.{attribute}", how)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and (literal := _literal(node)):
                where, method = f"{name} line {node.lineno}", node.func.attr
                if method == "compile":  # held by the module (and judged above) or made anew
                    found.setdefault(literal, (where, "search"))
                else:
                    add(literal, where, method if method in ("match", "fullmatch") else "search")
    return found


def adversarial(pattern: str, cable: str, size: int = SIZE) -> list[str]:
    """Runs of each character the pattern mentions or its classes consume, then a spoiler."""
    alphabet = sorted(set(GENERIC) | {c for c in pattern if c.isprintable() and c != "\\"})
    inputs = [c * size + "\x00!" for c in alphabet]
    words = re.findall(r"[A-Za-z]{2,}", pattern)
    for word in sorted(set(words))[:8]:
        inputs.append((word + " ") * (size // (len(word) + 1)) + "\x00")
    inputs.append("A " * (size // 2) + "!")
    inputs.append("1. " * (size // 3) + "(")
    inputs.append((cable * (size // len(cable) + 1))[:size])
    return inputs


def _check_from(found: list[tuple[str, int, str, str]], first: int, cable: str, out) -> None:
    """In the child: time (CPU) every adversarial input of every pattern from `first` on."""
    for index in range(first, len(found)):
        source, flags, _where, how = found[index]
        compiled = re.compile(source, flags)
        for text in adversarial(source, cable):
            started = time.process_time()
            if how == "search":
                for _ in compiled.finditer(text):
                    pass
            else:
                getattr(compiled, how)(text)
            out.send((index, time.process_time() - started))
    out.send((len(found), 0.0))


def slow_patterns(found: list[tuple[str, int, str, str]], cable: str) -> dict[str, float]:
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
    where = " ".join(where for where, _how in found.values())
    for stage in ("sources", "parse", "serve"):
        assert f"cablekg.{stage}." in where
    # patterns built on first use: the entity patterns, and how the stage runs them
    built = {where: how for where, how in found.values() if "()" in where}
    assert built["cablekg.entities.patterns._compile().chunk"] == "search"
    assert built["cablekg.entities.patterns._compile().title_start"] == "match"
    assert "cablekg.entities.agencies._coded_names()" in built
    assert len(found) > 100  # the parser alone holds well over a hundred


def test_no_pattern_backtracks_catastrophically(shared):
    found = [(source, flags, where, how) for (source, flags), (where, how) in patterns().items()]
    assert set(EXCEPTIONS) <= {where for _, _, where, _ in found}
    found = [entry for entry in found if entry[2] not in EXCEPTIONS]
    cable = (shared / "examples" / "07MUSCAT920.txt").read_text(encoding="utf-8")
    slow = slow_patterns(found, cable)
    assert not slow, "\n".join(f"{where}: {seconds:.2f} s" for where, seconds in slow.items())
