"""A pool of worker processes in which one member cannot take the batch down.

concurrent.futures marks the whole pool broken when one worker dies. Here the parent
gives each task to one worker over that worker's own pipe, so it always knows which
member a worker holds: a worker that dies or runs over the time limit costs only that
member, and a fresh worker takes its place. Workers are forked where the platform
allows it, so they start with templates and the base document already loaded.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any

Work = Callable[[Any, Any], Any]


def _context() -> Any:
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def _worker(work: Work, shared: Any, conn: Any) -> None:
    while True:
        try:
            item = conn.recv()
        except EOFError:
            return
        if item is None:
            return
        index, payload = item
        try:
            out = work(payload, shared)
        except Exception as e:  # noqa: BLE001  (reported for this member; the batch goes on)
            conn.send(("error", index, f"{type(e).__name__}: {e}"))
            continue
        conn.send(("done", index, out))


@dataclass
class _Worker:
    process: Any
    conn: Any
    index: int | None = None
    started: float = 0.0


def run(
    work: Work, shared: Any, payloads: list[Any], jobs: int, timeout: float
) -> Iterator[tuple[int, str, Any]]:
    """Yield ``(index, kind, value)`` as members finish, in completion order.

    ``kind`` is ``done`` (value: the work's result), ``error`` (an exception message),
    ``crashed`` (the exit code of a worker that died) or ``timeout`` (value: seconds).
    """
    ctx = _context()
    todo = deque(range(len(payloads)))

    def spawn() -> _Worker:
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_worker, args=(work, shared, child), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def assign(w: _Worker) -> None:
        if todo:
            w.index = todo.popleft()
            w.started = time.monotonic()
            w.conn.send((w.index, payloads[w.index]))

    workers = [spawn() for _ in range(max(1, min(jobs, len(payloads))))]
    for w in workers:
        assign(w)
    try:
        while any(w.index is not None for w in workers):
            busy = [w for w in workers if w.index is not None]
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=0.5))
            for n, w in enumerate(workers):
                if w.index is None:
                    continue
                index = w.index
                if w.conn in ready:
                    try:
                        kind, _, value = w.conn.recv()
                    except (EOFError, OSError):
                        kind, value = "crashed", None
                    if kind != "crashed":
                        w.index = None
                        yield index, kind, value
                        assign(w)
                        continue
                late = time.monotonic() - w.started > timeout
                if w.process.sentinel in ready or not w.process.is_alive() or late:
                    if w.process.is_alive():
                        w.process.kill()
                    w.process.join(5)
                    yield index, "timeout" if late else "crashed", timeout if late else w.process.exitcode
                    w.conn.close()
                    workers[n] = spawn()
                    assign(workers[n])
    finally:
        for w in workers:
            with contextlib.suppress(OSError, ValueError):
                w.conn.send(None)
        deadline = time.monotonic() + 5
        for w in workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join(1)
            w.conn.close()
