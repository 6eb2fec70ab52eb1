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
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from multiprocessing.reduction import ForkingPickler
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
    held: deque[int] = field(default_factory=deque)
    """The members sent to this worker, in order; it works on the first one."""
    started: float = 0.0
    """When the worker began its first held member."""


AHEAD = 2
"""Members sent to a worker at once: the next one waits in its pipe, so the worker never
idles while the parent handles the result it has just sent."""
AHEAD_BYTES = 16 * 1024
"""A member waits in a pipe only when it is this small: a larger one could fill the pipe, and
the parent would block on a worker that is busy (or hung) instead of watching the time."""


def run(
    work: Work, shared: Any, payloads: list[Any], jobs: int, timeout: float
) -> Generator[tuple[int, str, Any], None, None]:
    """Yield ``(index, kind, value)`` as members finish, in completion order.

    ``kind`` is ``done`` (value: the work's result), ``error`` (an exception message),
    ``crashed`` (the exit code of a worker that died) or ``timeout`` (value: seconds).
    A worker that dies or overruns costs only the member it was working on: the members
    waiting behind it in its pipe go to the front of the queue again.
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

    waiting: dict[int, bytes | memoryview] = {}  # pickled members too large to wait in a pipe

    def assign(w: _Worker, limit: int = AHEAD) -> None:
        while todo and len(w.held) < limit:
            index = todo[0]
            data = waiting.pop(index, None) or ForkingPickler.dumps((index, payloads[index]))
            if w.held and len(data) > AHEAD_BYTES:
                waiting[index] = data  # it would not fit in the pipe: sent once a worker is free
                return
            todo.popleft()
            if not w.held:
                w.started = time.monotonic()
            w.held.append(index)
            try:
                w.conn.send_bytes(data)
            except OSError:  # a worker that died is noticed by the loop
                return

    finished = False
    for _ in range(max(1, min(jobs, len(payloads)))):
        workers.append(spawn())
    for limit in range(1, AHEAD + 1):  # one member each first, so that a small batch is shared out
        for w in workers:
            assign(w, limit)
    try:
        while any(w.held for w in workers):
            busy = [w for w in workers if w.held]
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=0.5))
            for n, w in enumerate(workers):
                if not w.held:
                    continue
                if w.conn in ready:
                    try:
                        kind, _, value = w.conn.recv()
                    except (EOFError, OSError):
                        kind, value = "crashed", None
                    if kind != "crashed":
                        index = w.held.popleft()
                        w.started = time.monotonic()  # the worker goes straight on to the next one
                        assign(w)  # refilled first: the worker stays busy while the caller writes
                        yield index, kind, value
                        continue
                late = time.monotonic() - w.started > timeout
                if w.process.sentinel in ready or not w.process.is_alive() or late:
                    if w.process.is_alive():
                        w.process.kill()
                    w.process.join(5)
                    code = w.process.exitcode
                    w.conn.close()
                    index = w.held.popleft()
                    todo.extendleft(reversed(w.held))  # never started: their turn comes again
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
