"""A one-line progress display for long builds: cables, cables/s and ETA, on a terminal only."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Counts cables and input bytes; redraws at most 4 times a second when `stream` is a TTY."""

    def __init__(self, total_bytes: int, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.enabled = not quiet and self.stream.isatty()
        self.total_bytes = max(total_bytes, 1)
        self.started = time.monotonic()
        self.cables = 0
        self.bytes = 0
        self._drawn = 0.0

    def advance(self, cables: int, size: int) -> None:
        self.cables += cables
        self.bytes += size
        now = time.monotonic()
        if self.enabled and now - self._drawn >= 0.25:
            self._drawn = now
            self.stream.write("\r" + self.line(now) + "\033[K")
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        rate = self.cables / elapsed
        done = min(self.bytes / self.total_bytes, 1.0)
        eta = elapsed * (1 - done) / done if done > 0 else 0.0
        return (
            f"{self.cables:,} cables  {rate:,.0f} cables/s  {done:5.1%}  "
            f"ETA {int(eta // 60)}:{int(eta % 60):02d}"
        )

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()
