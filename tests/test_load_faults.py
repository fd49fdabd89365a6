"""`cablekg load` against a flaky Graph Store: 5xx retried, every graph stored once, 4xx named.

The server is a real HTTP server on 127.0.0.1 (the standard library's), a Graph Store that keeps
the graphs it is sent in memory and answers 500 or 503 to the first tries of some of them, as a
server behind a proxy does while it restarts. The store is the sample build.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner

from cablekg.cli import main
from cablekg.endpoint import LoadError, Target, load_store
from cablekg.store import open_store
from cablekg.store.build import build

ROOT = Path(__file__).resolve().parent.parent


class FlakyGraphStore(ThreadingHTTPServer):
    """Stores PUT graphs; answers `fail_status` to the first `fail_times` tries of every
    `fail_every`-th graph (by order of first arrival)."""

    def __init__(self, fail_status: int, fail_times: int, fail_every: int = 3) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fail_status, self.fail_times, self.fail_every = fail_status, fail_times, fail_every
        self.graphs: dict[str, bytes] = {}
        self.stored = Counter()  # graph -> successful PUTs
        self.tries = Counter()  # graph -> PUTs received
        self.order: list[str] = []
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/store"


class _Handler(BaseHTTPRequestHandler):
    server: FlakyGraphStore

    def do_PUT(self) -> None:
        graph = parse_qs(urlparse(self.path).query).get("graph", [""])[0]
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        server = self.server
        with server.lock:
            if graph not in server.tries:
                server.order.append(graph)
            server.tries[graph] += 1
            flaky = server.order.index(graph) % server.fail_every == 0
            if flaky and server.tries[graph] <= server.fail_times:
                status, answer = server.fail_status, b"upstream is restarting"
            else:
                server.graphs[graph] = body
                server.stored[graph] += 1
                status, answer = 204, b""
        self.send_response(status)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args) -> None:  # keep test output clean
        pass


@contextmanager
def serving(server: FlakyGraphStore) -> Iterator[FlakyGraphStore]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    store_dir = tmp_path_factory.mktemp("load") / "store"
    build([ROOT / "data" / "sample"], store_dir, jobs=1, quiet=True)
    return store_dir


def named_graphs(store_dir: Path) -> set[str]:
    return {g.value for g in open_store(store_dir).named_graphs()}


@pytest.mark.parametrize("status", [500, 503])
def test_5xx_answers_are_retried_and_every_graph_is_stored_once(sample_store, status):
    with serving(FlakyGraphStore(status, fail_times=2, fail_every=20)) as server:
        report = load_store(sample_store, Target(graph_store=server.url, retry_for=30))
    graphs = named_graphs(sample_store)
    assert set(server.graphs) == graphs and report.graphs == len(graphs) > 77
    assert set(server.stored.values()) == {1}  # nothing stored twice after a retry
    flaky = (len(graphs) + 19) // 20  # every twentieth graph, counting from the first
    assert report.retries == 2 * flaky
    sizes = {g: len(server.graphs[g].splitlines()) for g in graphs}
    assert sum(sizes.values()) == report.triples


def test_a_server_that_keeps_failing_is_a_clear_error_after_the_retry_budget(sample_store):
    with serving(FlakyGraphStore(503, fail_times=10**6, fail_every=1)) as server:
        result = CliRunner().invoke(
            main, ["load", "--store", str(sample_store), "--graph-store", server.url,
                   "--retry-for", "1"],
        )  # fmt: skip
    assert result.exit_code == 1
    assert "failed after retrying" in result.output and "answered 503" in result.output
    assert "upstream is restarting" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("status", [400, 403, 404, 413])
def test_4xx_answers_stop_at_once_naming_the_status(sample_store, status):
    with serving(FlakyGraphStore(status, fail_times=10**6, fail_every=1)) as server:
        with pytest.raises(LoadError, match=rf"answered {status}: upstream is restarting"):
            load_store(sample_store, Target(graph_store=server.url, retry_for=30))
        assert sum(server.tries.values()) == 1  # not retried
