"""The render watchdog: one thread that stops a template render overrunning its time.

A render arms a Watchdog for its time limit; if the render is still running at the
deadline, the watcher raises RenderTimeout in the rendering thread (not the process).
"""

from __future__ import annotations

import os
import threading
import time


class RenderTimeout(Exception):
    """Raised inside a render by the watchdog."""


class _Watcher:
    """The one thread that fires every overrunning render's watchdog.

    A threading.Timer per render started and cancelled a thread for every render (two per
    report), which cost more than a short render; one waiting thread serves them all.
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """No thread and nothing armed (also a forked child's state)."""
        self.lock = threading.Lock()
        self.cond = threading.Condition(self.lock)
        self.armed: dict[int, Watchdog] = {}
        self.thread: threading.Thread | None = None
        self.wake_at: float | None = None
        """When the waiting watcher wakes by itself (None: only when notified)."""

    def arm(self, dog: Watchdog) -> None:
        with self.lock:  # the condition's own lock, without Condition's Python-level __enter__
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="shuzhi-render-watchdog", daemon=True)
                self.thread.start()
            self.armed[id(dog)] = dog
            # else the watcher wakes before this deadline anyway and waits on for it: renders one
            # after another wake it about once per RENDER_SECONDS, not twice per report
            if self.wake_at is None or dog.deadline < self.wake_at:
                self.wake_at = dog.deadline
                self.cond.notify()

    def disarm(self, dog: Watchdog) -> None:
        with self.lock:  # once this returns, ``dog.fired`` does not change any more
            self.armed.pop(id(dog), None)

    def _run(self) -> None:
        with self.cond:
            while True:
                now = time.monotonic()
                for key, dog in list(self.armed.items()):
                    if dog.deadline <= now:
                        del self.armed[key]
                        dog.fired = True
                        dog.set_exc(RenderTimeout)
                soonest = min((d.deadline for d in self.armed.values()), default=None)
                self.wake_at = soonest
                self.cond.wait(None if soonest is None else soonest - now)


_WATCHER = _Watcher()
if hasattr(os, "register_at_fork"):  # a forked child has no watcher thread (nor armed renders)
    os.register_at_fork(after_in_child=_WATCHER.reset)


class Watchdog:
    """Raises RenderTimeout in the rendering thread after ``seconds``; cancelled on exit."""

    def __init__(self, seconds: float) -> None:
        self.thread = threading.get_ident()
        self.deadline = time.monotonic() + seconds
        self.fired = False

    def set_exc(self, exc: type[BaseException] | None) -> None:
        """Raise ``exc`` in the rendering thread; None (a NULL) clears a pending one."""
        import ctypes  # only when a render overruns: not on every start-up

        arg = None if exc is None else ctypes.py_object(exc)
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread), arg)

    def __enter__(self) -> None:
        _WATCHER.arm(self)

    def __exit__(self, *exc: object) -> None:
        _WATCHER.disarm(self)
        if self.fired:  # fired as the render ended: the exception may still be pending
            self.set_exc(None)
