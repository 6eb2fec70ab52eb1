"""A pool of worker processes in which one member cannot take the batch down.

concurrent.futures marks the whole pool broken when one worker dies. Here the parent
gives each task to one worker over that worker's own pipe, so it always knows which
member a worker holds: a worker that dies or runs over the time limit costs only that
member, and a fresh worker takes its place. Workers are forked where the platform
allows it, so they start with templates and the base document already loaded.

Workers never outlive the parent: each closes the parent's pipe ends it inherited (so
a dead parent means EOF), asks Linux for a kill signal when the parent dies, and
ignores Ctrl-C, which is the parent's to handle: it stops every worker and cleans up.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing as mp
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any

Work = Callable[[Any, Any], Any]


def _context() -> Any:
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def _die_with_parent(parent: int) -> None:
    """Linux: SIGKILL this process when the parent goes (prctl PR_SET_PDEATHSIG)."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(0)


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _worker(work: Work, shared: Any, conn: Any, inherited: list[Any], parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with_parent(parent)
    # what the fork inherited stays as it is: the collector never walks it (nor writes to its
    # pages, which would copy them), and each member's garbage is all it scans
    gc.freeze()
    for other in inherited:  # the parent's ends of every pipe, our own included
        with contextlib.suppress(OSError):
            other.close()
    try:
        _serve(work, shared, conn)
    except (EOFError, OSError):  # the parent is gone (its kill signal is on the way): leave quietly
        os._exit(0)


def _serve(work: Work, shared: Any, conn: Any) -> None:
    while True:
        item = conn.recv()
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
) -> Generator[tuple[int, str, Any], None, None]:
    """Yield ``(index, kind, value)`` as members finish, in completion order.

    ``kind`` is ``done`` (value: the work's result), ``error`` (an exception message),
    ``crashed`` (the exit code of a worker that died) or ``timeout`` (value: seconds).
    """
    ctx = _context()
    forked = ctx.get_start_method() == "fork"
    todo = deque(range(len(payloads)))
    workers: list[_Worker] = []

    def spawn() -> _Worker:
        parent, child = ctx.Pipe()
        inherited = [w.conn for w in workers] + [parent] if forked else []
        process = ctx.Process(target=_worker, args=(work, shared, child, inherited, os.getpid()), daemon=True)
        with _sigint_blocked():  # until the worker has set SIGINT aside
            process.start()
        child.close()
        return _Worker(process, parent)

    def assign(w: _Worker) -> None:
        if todo:
            w.index = todo.popleft()
            w.started = time.monotonic()
            with contextlib.suppress(OSError):  # a worker that died is noticed by the loop
                w.conn.send((w.index, payloads[w.index]))

    finished = False
    for _ in range(max(1, min(jobs, len(payloads)))):
        workers.append(spawn())
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
                        assign(w)  # the next member first: the worker is busy while the caller writes
                        yield index, kind, value
                        continue
                late = time.monotonic() - w.started > timeout
                if w.process.sentinel in ready or not w.process.is_alive() or late:
                    if w.process.is_alive():
                        w.process.kill()
                    w.process.join(5)
                    code = w.process.exitcode
                    w.conn.close()
                    workers[n] = spawn()
                    assign(workers[n])
                    yield index, "timeout" if late else "crashed", timeout if late else code
        finished = True
    finally:
        if not finished:  # interrupted, or the caller stopped early: no waiting for anyone
            for w in workers:
                with contextlib.suppress(OSError, ValueError):
                    w.process.kill()
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
