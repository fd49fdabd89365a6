"""SPARQL queries run in a small pool of worker processes, each with the store open read-only.

A running pyoxigraph query cannot be cancelled from a thread, so a query that outlives its time
limit has its process killed at once; a spare worker, started ahead and ready, takes its place,
so the pool never runs short while a replacement opens the store. Page requests never wait for
a SPARQL query: they run in the server process, queries run here.

Admission, as a public endpoint needs it when some queries are far too expensive:

- A query waits for a free worker in a first-come queue, at most `queue_wait` seconds and
  behind at most `queue_limit` others; beyond either bound it is refused (`PoolBusy`: 503 with
  Retry-After). The queue is what turns a burst into short waits instead of refusals.
- A query whose text ran past the time limit recently (a bounded memory of them) is *known
  expensive*: such queries may hold all running workers but one, so one always stays for other
  queries, also while killed workers are replaced; they wait while queries behind them go
  first. A query that is expensive the
  first time it is seen still runs, and is stopped at the limit.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import multiprocessing
from collections import OrderedDict, deque
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import anyio.to_thread

_CONTEXT = multiprocessing.get_context("spawn")  # no fork of a threaded server process
_READY = "ready"
_START_SECONDS = 120.0
_REMEMBERED = 256  # query texts remembered as expensive (least recently timed out forgotten)
_log = logging.getLogger(__name__)


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


@dataclass(slots=True)
class _Waiter:
    key: bytes
    future: asyncio.Future[tuple[Worker, bool]]


class WorkerPool:
    """`size` workers and one spare; a query runs at most `timeout` seconds (see the module)."""

    def __init__(
        self, database: Path, size: int, timeout: float, queue_limit: int = 32,
        queue_wait: float = 10.0,
    ) -> None:  # fmt: skip
        self.database = database
        self.size = size
        self.timeout = timeout
        self.queue_limit = queue_limit
        self.queue_wait = queue_wait
        self.workers: set[Worker] = set()
        self.idle: list[Worker] = []
        self.spare: Worker | None = None
        self.starting = 0  # workers being started in the background
        self.waiting: deque[_Waiter] = deque()
        self.expensive_running = 0
        self.expensive: OrderedDict[bytes, None] = OrderedDict()
        self.stopped = False

    async def start(self) -> None:
        started = await asyncio.gather(
            *(anyio.to_thread.run_sync(Worker, self.database) for _ in range(self.size))
        )
        self.workers.update(started)
        self.idle.extend(started)
        self._start_missing()

    async def stop(self) -> None:
        self.stopped = True
        for worker in [*self.workers, *([self.spare] if self.spare else [])]:
            worker.kill()
        self.workers.clear()
        self.idle.clear()
        self.spare = None

    async def run(self, job: Job) -> Outcome:
        key = _key(job)
        worker, expensive = await self._acquire(key)
        try:
            outcome = await anyio.to_thread.run_sync(worker.call, job, self.timeout)
        except QueryTimeout:
            self.expensive[key] = None
            self.expensive.move_to_end(key)
            while len(self.expensive) > _REMEMBERED:
                self.expensive.popitem(last=False)
            self._retire(worker, expensive)
            raise
        except (EOFError, OSError) as error:
            self._retire(worker, expensive)
            raise WorkerDied(str(error)) from None
        except BaseException:
            # Cancelled while the worker computes (client gone): it cannot be trusted to be free.
            self._retire(worker, expensive)
            raise
        self._release(worker, expensive)
        return outcome

    def _may_run(self, key: bytes) -> bool:
        """One worker stays for queries not known to be expensive, also while killed workers
        are being replaced (unless the pool has a single worker)."""
        if key not in self.expensive or self.size == 1:
            return True
        return self.expensive_running < len(self.workers) - 1

    def _take(self, key: bytes) -> tuple[Worker, bool]:
        """A free worker, and whether the query it is for is known to be expensive."""
        expensive = key in self.expensive
        self.expensive_running += expensive
        return self.idle.pop(), expensive

    async def _acquire(self, key: bytes) -> tuple[Worker, bool]:
        # Free workers are never left idle while a waiting query may run (see `_dispatch`), so a
        # query that finds one takes it without queueing.
        if self.idle and self._may_run(key):
            return self._take(key)
        if len(self.waiting) >= self.queue_limit:
            raise PoolBusy
        waiter = _Waiter(key, asyncio.get_running_loop().create_future())
        self.waiting.append(waiter)
        try:
            async with asyncio.timeout(self.queue_wait):
                return await asyncio.shield(waiter.future)
        except BaseException as error:  # waited too long, or the client went away
            if waiter.future.done():  # a worker was handed over meanwhile: give it back
                self._release(*waiter.future.result())
            else:
                waiter.future.cancel()
                self.waiting.remove(waiter)
            if isinstance(error, TimeoutError):
                raise PoolBusy from None
            raise

    def _dispatch(self) -> None:
        """Hand free workers to the waiting queries, first come first served, skipping known
        expensive queries while they hold their share."""
        for waiter in list(self.waiting):
            if not self.idle:
                return
            if self._may_run(waiter.key):
                self.waiting.remove(waiter)
                waiter.future.set_result(self._take(waiter.key))

    def _release(self, worker: Worker, expensive: bool) -> None:
        self.expensive_running -= expensive
        self.idle.append(worker)
        self._dispatch()

    def _retire(self, worker: Worker, expensive: bool) -> None:
        """Kill a worker that is stuck (or dead) now; the spare, if ready, takes its place."""
        self.expensive_running -= expensive
        self.workers.discard(worker)
        worker.process.kill()  # SIGKILL: its memory is returned now, whatever it computes
        worker.conn.close()
        asyncio.get_running_loop().create_task(anyio.to_thread.run_sync(worker.process.join))
        if self.spare is not None:
            self._add(self.spare)
            self.spare = None
        self._dispatch()  # one fewer expensive query runs: a waiting one may start
        self._start_missing()

    def _add(self, worker: Worker) -> None:
        self.workers.add(worker)
        self.idle.append(worker)
        self._dispatch()

    def _start_missing(self) -> None:
        """Start workers in the background until the pool is full and a spare is ready."""
        if self.stopped:
            return
        missing = self.size - len(self.workers) + (self.spare is None) - self.starting
        for _ in range(missing):
            self.starting += 1
            asyncio.get_running_loop().create_task(self._start_one())

    async def _start_one(self) -> None:
        try:
            fresh = await anyio.to_thread.run_sync(Worker, self.database)
        except WorkerDied as error:
            _log.error("%s", error)
            return
        finally:
            self.starting -= 1
        if self.stopped:
            fresh.kill()
        elif len(self.workers) < self.size:
            self._add(fresh)
        elif self.spare is None:
            self.spare = fresh
        else:
            fresh.kill()


def _key(job: Job) -> bytes:
    """What identifies a query for the memory of expensive ones (a digest: bounded size)."""
    text = "\x00".join((job.query, *job.default_graphs, "\x00", *job.named_graphs))
    return hashlib.blake2b(text.encode(), digest_size=16).digest()
