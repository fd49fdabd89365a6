"""SPARQL queries run in a small pool of worker processes, each with the store open read-only.

A running pyoxigraph query cannot be cancelled from a thread, so a query that outlives its time
limit has its process killed; a fresh worker takes its place. Page requests never wait for a
SPARQL query: they run in the server process, queries run here.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import anyio.to_thread

_CONTEXT = multiprocessing.get_context("spawn")  # no fork of a threaded server process
_READY = "ready"
_START_SECONDS = 120.0


@dataclass(frozen=True, slots=True)
class Job:
    query: str
    accept: str | None
    format: str | None
    limit: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    """`kind` is ok, syntax (bad query), limit (too many results) or error."""

    kind: str
    content_type: str
    body: bytes


class QueryTimeout(Exception):
    pass


class PoolBusy(Exception):
    pass


class WorkerDied(Exception):
    pass


def _work(conn: Connection, database: str) -> None:
    """Worker process: answer jobs from the pipe until it closes."""
    import pyoxigraph as ox

    from cablekg.serve.answers import TooManyResults, answer

    store = ox.Store.read_only(database)
    conn.send(_READY)
    while True:
        try:
            job: Job = conn.recv()
        except EOFError:
            return
        try:
            options: dict = {"use_default_graph_as_union": not job.default_graphs}
            if job.default_graphs:
                options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
            if job.named_graphs:
                options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
            result = store.query(job.query, **options)
            content_type, body = answer(result, job.accept, job.format, job.limit)
            outcome = Outcome("ok", content_type, body)
        except SyntaxError as error:
            outcome = Outcome("syntax", "text/plain", str(error).encode())
        except TooManyResults as error:
            outcome = Outcome("limit", "text/plain", str(error).encode())
        except Exception as error:  # the store or the query failed: tell the client why
            outcome = Outcome("error", "text/plain", f"{type(error).__name__}: {error}".encode())
        conn.send(outcome)


class Worker:
    def __init__(self, database: Path) -> None:
        self.conn, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(
            target=_work, args=(child, str(database)), daemon=True, name="cablekg-sparql"
        )
        self.process.start()
        child.close()
        # Join the pool only once the store is open: starting takes a second or two, and a
        # query's time limit must not count it (a fresh worker would be killed on its first
        # query, and its successor too, while the machine is busy).
        try:
            ready = self.conn.poll(_START_SECONDS) and self.conn.recv() == _READY
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.kill()
            raise WorkerDied("the query worker did not start (is the store readable?)")

    def call(self, job: Job, timeout: float) -> Outcome:
        self.conn.send(job)
        if not self.conn.poll(timeout):
            raise QueryTimeout
        return self.conn.recv()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """`size` workers; a query waits at most `timeout` for a free one, then runs `timeout`."""

    def __init__(self, database: Path, size: int, timeout: float) -> None:
        self.database = database
        self.size = size
        self.timeout = timeout
        self.idle: asyncio.Queue[Worker] = asyncio.Queue()
        self.workers: set[Worker] = set()

    async def start(self) -> None:
        started = await asyncio.gather(
            *(anyio.to_thread.run_sync(Worker, self.database) for _ in range(self.size))
        )
        for worker in started:
            self.workers.add(worker)
            self.idle.put_nowait(worker)

    async def stop(self) -> None:
        for worker in list(self.workers):
            worker.kill()
        self.workers.clear()

    async def run(self, job: Job) -> Outcome:
        try:
            worker = await asyncio.wait_for(self.idle.get(), self.timeout)
        except TimeoutError:
            raise PoolBusy from None
        try:
            outcome = await anyio.to_thread.run_sync(worker.call, job, self.timeout)
        except QueryTimeout:
            asyncio.get_running_loop().create_task(self._replace(worker))
            raise
        except (EOFError, OSError) as error:
            asyncio.get_running_loop().create_task(self._replace(worker))
            raise WorkerDied(str(error)) from None
        except BaseException:
            # Cancelled while the worker computes (client gone): it cannot be trusted to be free.
            asyncio.get_running_loop().create_task(self._replace(worker))
            raise
        self.idle.put_nowait(worker)
        return outcome

    async def _replace(self, worker: Worker) -> None:
        """Kill a worker that is stuck (or dead) and put a fresh one in its place."""
        self.workers.discard(worker)
        await anyio.to_thread.run_sync(worker.kill)
        fresh = await anyio.to_thread.run_sync(Worker, self.database)
        self.workers.add(fresh)
        self.idle.put_nowait(fresh)
