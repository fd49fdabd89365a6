"""What the server derives from the store once per store version: statistics for the overview
and VoID, the full-text search index, and the dumps. Built in a background thread at start-up
into the cache directory (`STORE/serve-cache` by default); a stamp file names the store version
each artefact was built from, so a rebuilt store gets fresh ones and an unchanged store is not
redone on restart. Until an artefact is ready its route answers 503 with Retry-After."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from cablekg.serve import dumps, search
from cablekg.serve.dataset import Dataset

log = logging.getLogger("cablekg.serve")


class Preparer:
    def __init__(
        self, data: Dataset, cache: Path, warm: Callable[[], object] | None = None
    ) -> None:
        self.data = data
        self.cache = cache
        self.warm = warm  # aggregates to compute before anyone asks (the overview)
        self.ready: set[str] = set()  # names of artefacts that can be served
        self.failed: dict[str, str] = {}
        self.dumps = dumps.planned(data)
        self._thread: threading.Thread | None = None

    @property
    def search_path(self) -> Path:
        return self.cache / "search.sqlite"

    @property
    def dumps_dir(self) -> Path:
        return self.cache / "dumps"

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run, name="cablekg-prepare", daemon=True)
        self._thread.start()

    def wait(self, seconds: float) -> bool:
        if self._thread is not None:
            self._thread.join(seconds)
        return self._thread is None or not self._thread.is_alive()

    def run(self) -> None:
        self.cache.mkdir(parents=True, exist_ok=True)
        if self.warm is not None:
            started = time.monotonic()
            self.warm()
            log.info("computed the overview in %.1f s", time.monotonic() - started)
        self._step("search", self.search_path, lambda p: search.build(self.data, p))
        # The whole dataset last: it takes longest, and its readiness means all are ready.
        for dump in sorted(self.dumps, key=lambda d: d.graph is None):
            self._step(dump.name, self.dumps_dir / dump.name,
                       lambda p, d=dump: dumps.write(self.data, d, p.parent))  # fmt: skip

    def _step(self, name: str, path: Path, build: Callable[[Path], object]) -> None:
        stamp = path.with_name(path.name + ".version")
        if path.exists() and stamp.exists() and stamp.read_text() == self.data.version.digest:
            self.ready.add(name)
            return
        started = time.monotonic()
        try:
            build(path)
        except Exception as error:  # keep serving everything else; say what failed
            log.exception("could not build %s", name)
            self.failed[name] = str(error)
            return
        stamp.write_text(self.data.version.digest)
        self.ready.add(name)
        log.info("built %s in %.1f s", name, time.monotonic() - started)
