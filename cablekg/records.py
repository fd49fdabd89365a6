"""Read cables from JSON Lines records (what `cablekg parse` prints) or, through the parser,
from the raw sources (telegram text, Cablegate HTML, cables.csv)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from cablekg.model import Cable

RECORD_SUFFIXES = (".jsonl", ".ndjson", ".json")


def read_records(path: Path) -> Iterator[Cable]:
    """Cables from a JSON Lines file of records (a `.json` file may hold one record or a list)."""
    with open(path, encoding="utf-8") as handle:
        if path.suffix == ".json":
            data = json.load(handle)
            for record in data if isinstance(data, list) else [data]:
                yield Cable.from_record(record)
            return
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield Cable.from_record(json.loads(line))
                except (ValueError, KeyError, TypeError) as error:
                    raise ValueError(f"{path}:{number}: not a cable record ({error})") from error


def read_cables(paths: Iterable[Path]) -> Iterator[Cable]:
    """Records from `.jsonl` files; any other input goes through the parser (`cablekg.read`)."""
    for path in paths:
        path = Path(path)
        if path.suffix in RECORD_SUFFIXES:
            yield from read_records(path)
            continue
        try:
            from cablekg import read
        except ImportError as error:
            raise ValueError(
                f"{path}: reading raw cables needs the parser (cablekg.read), not installed"
            ) from error
        yield from read([path])
