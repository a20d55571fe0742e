"""Work shared with forked children (`socialcheck._fork`): every item gets exactly one
result, whatever happens to a child."""

from __future__ import annotations

import os

import pytest

from socialcheck import _fork

pytestmark = pytest.mark.skipif(not _fork.available(), reason="fork is used on Linux only")


def test_split_balances_total_size() -> None:
    parts = _fork.split([10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 2)
    assert sorted(i for part in parts for i in part) == list(range(11))
    assert [sum([10, *[1] * 10][i] for i in part) for part in parts] == [10, 10]
    assert all(part == sorted(part) for part in parts)


def test_every_item_once_across_processes() -> None:
    parent = os.getpid()
    results = list(_fork.fork_map(list(range(200)), lambda i: (i, i * i, os.getpid()), 3))
    assert sorted(r[0] for r in results) == list(range(200))
    assert all(square == i * i for i, square, _ in results)
    pids = {pid for _, _, pid in results}
    assert parent in pids and len(pids) == 3  # this process and two children did work


def test_a_dead_childs_items_are_done_here() -> None:
    parent = os.getpid()

    def work(i: int) -> tuple[int, int]:
        if i == 7 and os.getpid() != parent:
            os._exit(3)  # a child dies halfway through its share
        return i, os.getpid()

    results = list(_fork.fork_map(list(range(40)), work, 2))
    assert sorted(i for i, _ in results) == list(range(40))
    assert dict(results)[7] == parent


def test_children_are_reaped_when_the_consumer_stops_early() -> None:
    results = _fork.fork_map(list(range(500)), lambda i: i, 2)
    next(results)
    results.close()  # runs the generator's cleanup: children killed and waited for
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
