"""One writer per store: a second build on the same store directory is refused, not interleaved."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class StoreBusy(RuntimeError):
    """Another cablekg process is writing this store."""


@contextmanager
def exclusive(store_dir: Path) -> Iterator[None]:
    """Hold the store's lock file for the duration; the OS releases it if the process dies."""
    store_dir.mkdir(parents=True, exist_ok=True)
    path = store_dir / ".lock"
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 64, 0).decode(errors="replace").strip() or "another process"
            raise StoreBusy(
                f"the store {store_dir} is being written by {holder}; wait for it to finish"
            ) from None
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"cablekg build (pid {os.getpid()})".encode(), 0)
        yield
    finally:
        os.close(handle)
