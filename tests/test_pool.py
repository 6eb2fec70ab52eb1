"""The batch's worker pool: members wait in a worker's pipe, and a hung or dead worker costs one."""

from __future__ import annotations

import os
import time

from shuzhi.batch import pool


def _work(payload: tuple[str, str], shared: object) -> str:
    what, text = payload
    if what == "hang":
        time.sleep(60)
    if what == "die":
        os._exit(7)
    return f"{what}:{len(text)}"


def test_every_member_done_once_in_any_order() -> None:
    payloads = [("ok", "x" * i) for i in range(40)]
    seen = sorted(pool.run(_work, None, payloads, 2, 30))
    assert seen == [(i, "done", f"ok:{i}") for i in range(40)]


def test_members_waiting_behind_a_dead_worker_are_built_by_its_successor() -> None:
    payloads = [("die", ""), ("ok", "a"), ("ok", "bb"), ("ok", "ccc")]
    out = {i: (kind, value) for i, kind, value in pool.run(_work, None, payloads, 1, 30)}
    assert out == {0: ("crashed", 7), 1: ("done", "ok:1"), 2: ("done", "ok:2"), 3: ("done", "ok:3")}


def test_a_large_member_never_waits_in_the_pipe_of_a_hung_worker() -> None:
    # a megabyte does not fit in the pipe: were it sent behind the hung member, the parent
    # would block in send() and never see the time run out
    big = "长" * (1 << 20)
    payloads = [("hang", ""), ("ok", big), ("ok", "z")]
    t = time.monotonic()
    out = {i: (kind, value) for i, kind, value in pool.run(_work, None, payloads, 1, 2)}
    assert time.monotonic() - t < 20
    assert out == {0: ("timeout", 2), 1: ("done", f"ok:{len(big)}"), 2: ("done", "ok:1")}
