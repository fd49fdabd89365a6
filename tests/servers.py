"""Real SPARQL servers on 127.0.0.1 for tests: Oxigraph (`oxigraph serve`) and Virtuoso.

Each is started in a temporary directory on a free port and stopped afterwards. When a server is
not installed the test is skipped locally, and fails under CI (`CI=true`), where `.ci/run`
installs it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests


@dataclass(frozen=True)
class Server:
    name: str
    query: str
    update: str
    graph_store: str
    user: str | None = None
    password: str | None = None
    process: subprocess.Popen | None = None


def require(program: str) -> str:
    found = shutil.which(program) or shutil.which(program, path=os.path.dirname(sys.executable))
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{program} is not installed; .ci/run must install it")
        pytest.skip(f"{program} is not installed")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            requests.get(url, params={"query": "ASK {}"}, timeout=2)
            return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer {url} within {seconds} s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def start_oxigraph(directory: Path, port: int) -> subprocess.Popen:
    """Start (or restart, on the same data) an Oxigraph server; the union default graph is on."""
    program = require("oxigraph")
    return subprocess.Popen(
        [program, "serve", "--location", str(directory), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


@contextmanager
def oxigraph_server(directory: Path) -> Iterator[Server]:
    port = free_port()
    process = start_oxigraph(directory, port)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/query", process)
        yield Server("oxigraph", f"{base}/query", f"{base}/update", f"{base}/store",
                     process=process)  # fmt: skip
    finally:
        stop(process)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
DirsAllowed = ., {d}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@contextmanager
def virtuoso_server(directory: Path) -> Iterator[Server]:
    """A headless Virtuoso from a minimal ini; its GSP needs HTTP digest auth (dba/dba)."""
    program = require("virtuoso-t")
    http_port, sql_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=directory, sql_port=sql_port, http_port=http_port))
    process = subprocess.Popen(
        [program, "+foreground", "+configfile", str(ini)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=directory,
    )  # fmt: skip
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_until_up(f"{base}/sparql", process, seconds=120)
        yield Server("virtuoso", f"{base}/sparql", f"{base}/sparql-auth",
                     f"{base}/sparql-graph-crud-auth", "dba", "dba", process)  # fmt: skip
    finally:
        stop(process)
