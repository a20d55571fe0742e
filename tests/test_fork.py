"""Work shared with forked children (`socialcheck._fork`): every item gets exactly one
result, whatever happens to a child."""

from __future__ import annotations

import os
import time

import pytest

from socialcheck import _fork

pytestmark = pytest.mark.skipif(not _fork.available(), reason="fork is used on Linux only")


def test_batches_cover_every_item_once() -> None:
    batches = _fork._batches(1000, 16_000)
    assert [i for b in batches for i in b] == list(range(1000))
    assert all(len(b) == _fork.BATCH for b in batches[:-1])
    assert len(_fork._batches(10**6, 1024)) <= 1024


def test_a_small_pipe_still_holds_the_whole_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    # Over the user's pipe quota Linux gives new pipes one page: 1,024 batch numbers.
    monkeypatch.setattr(_fork, "_pipe_capacity", lambda fd: 4096)
    results = list(_fork.fork_map(list(range(20_000)), lambda i: i, 2))
    assert sorted(results) == list(range(20_000))


def test_every_item_once_across_processes() -> None:
    parent = os.getpid()

    def work(i: int) -> tuple[int, int, int]:
        time.sleep(0.002)  # long enough that every process gets batches from the queue
        return i, i * i, os.getpid()

    results = list(_fork.fork_map(list(range(120)), work, 3))
    assert sorted(r[0] for r in results) == list(range(120))
    assert all(square == i * i for i, square, _ in results)
    pids = {pid for _, _, pid in results}
    assert parent in pids and len(pids) == 3  # this process and two children did work


def test_a_dead_childs_items_are_done_here() -> None:
    parent = os.getpid()

    def work(i: int) -> tuple[int, int]:
        if os.getpid() != parent:
            os._exit(3)  # every child dies on the first item it takes
        return i, os.getpid()

    results = list(_fork.fork_map(list(range(40)), work, 2))
    assert sorted(i for i, _ in results) == list(range(40))
    assert {pid for _, pid in results} == {parent}


def test_children_are_reaped_when_the_consumer_stops_early() -> None:
    results = _fork.fork_map(list(range(500)), lambda i: i, 2)
    next(results)
    results.close()  # runs the generator's cleanup: children killed and waited for
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
