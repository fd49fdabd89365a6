"""Readers of every input format, behind one entry point that walks paths.

`read_sources(paths)` yields, in order, a `RawCable` for each cable found or a `Reject` for each
input that yields none. A path is a file (format detected from its content), a directory (walked
recursively in name order, hidden entries skipped) or `-` for standard input.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from cablekg.sources.base import Metadata, RawCable, Reject
from cablekg.sources.cablegate import read_page
from cablekg.sources.cables_csv import read_rows
from cablekg.sources.formats import InputFormat, sniff
from cablekg.sources.telegram import read_text_file

__all__ = ["InputFormat", "Metadata", "RawCable", "Reject", "read_sources"]

_SNIFF = 65536


def read_sources(paths: Iterable[str | os.PathLike[str]]) -> Iterator[RawCable | Reject]:
    for path in paths:
        if str(path) == "-":
            yield from read_stream(sys.stdin.buffer, "-")
            continue
        yield from _read_path(Path(path))


def _read_path(path: Path) -> Iterator[RawCable | Reject]:
    if path.is_dir():
        for child in _walk(path):
            yield from _read_file(child)
    elif path.exists():
        yield from _read_file(path)
    else:
        yield Reject(path=str(path), reason="no such file or directory")


def _walk(directory: Path) -> Iterator[Path]:
    try:
        entries = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry)
        elif entry.is_file():
            yield entry


def _read_file(path: Path) -> Iterator[RawCable | Reject]:
    try:
        with open(path, "rb") as stream:
            yield from read_stream(stream, str(path))
    except OSError as error:
        yield Reject(path=str(path), reason=f"cannot read: {error.strerror or error}")


def read_stream(stream: BinaryIO, path: str) -> Iterator[RawCable | Reject]:
    """Cables of one open binary stream; cables.csv is streamed, other formats read whole."""
    start = stream.tell() if stream.seekable() else None
    head = stream.read(_SNIFF)
    if not head:
        yield Reject(path=path, reason="empty file", offset=0)
        return
    kind = sniff(head)
    if kind is InputFormat.CABLES_CSV:
        if start is not None:  # a file: read again from where it began, line by line at C speed
            stream.seek(start)
            yield from read_rows(stream, path)
        else:
            yield from read_rows(_Rejoined(head, stream), path)
        return
    data = head + stream.read()
    if kind is InputFormat.CABLEGATE:
        yield read_page(data, path)
    else:
        yield read_text_file(data, path)


class _Rejoined(io.RawIOBase):
    """The sniffed head followed by the rest of the stream, iterated by lines."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = io.BytesIO(head)
        self._rest = rest

    def __iter__(self) -> Iterator[bytes]:
        pending = b""
        for line in self._head:
            if line.endswith(b"\n"):
                yield line
            else:
                pending = line
        first = True
        for line in self._rest:
            if first and pending:
                line = pending + line
                pending = b""
            first = False
            yield line
        if pending:
            yield pending
