"""Work shared with forked children, results streamed back through pipes.

Where `fork` exists (Linux), this is cheaper than a process pool: the children inherit
the imported detectors and the inputs instead of being sent them, nothing from
`multiprocessing` is imported, and this process does a share of the work too.

The items are cut into batches whose numbers wait in a pipe, written before the
children exist; every process reads the next number when it is free (a 4-byte read
from a pipe is atomic), so a process slowed by other duties (this one prints the
results) simply takes fewer. Children write pickled `(index, result)` batches to their
own pipes; between batches this process takes what has arrived. Items no process
reported (a child died) are done here at the end, so every item gets one result.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import select
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NoReturn, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

BATCH = 8  # items per batch: fine enough to balance, coarse enough to pickle cheaply
_RECORD = 4
_QUEUE_BYTES = 64 * 1024  # asked of the queue's pipe; a user over their pipe quota gets less
_MIN_PIPE = 4096  # what Linux gives a pipe in any case (one page)


def available() -> bool:
    # Linux only: fork is the default start method there; macOS forbids it in some
    # frameworks, and Windows has none.
    return hasattr(os, "fork") and sys.platform.startswith("linux")


def _batches(count: int, most: int) -> list[range]:
    """`count` items cut into at most `most` batches of at least BATCH items."""
    size = max(BATCH, -(-count // max(1, most)))
    return [range(at, min(count, at + size)) for at in range(0, count, size)]


def _pipe_capacity(fd: int) -> int:
    try:
        import fcntl

        with contextlib.suppress(OSError):  # refused over the user's pipe quota
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _QUEUE_BYTES)
        return max(_MIN_PIPE, fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ))
    except (ImportError, AttributeError, OSError):
        return _MIN_PIPE


def _queue(count: int) -> tuple[int, list[range]]:
    """A pipe holding the number of every batch, its write end closed (reads end at
    EOF), and the batches: no more than the pipe holds, so writing them never blocks."""
    read_fd, write_fd = os.pipe()
    batches = _batches(count, _pipe_capacity(write_fd) // _RECORD)
    data = b"".join(n.to_bytes(_RECORD, "little") for n in range(len(batches)))
    view = memoryview(data)
    while view:
        view = view[os.write(write_fd, view) :]
    os.close(write_fd)
    return read_fd, batches


def _next_batch(queue: int) -> int | None:
    record = os.read(queue, _RECORD)
    return int.from_bytes(record, "little") if len(record) == _RECORD else None


class _Child:
    def __init__(self, pid: int, fd: int) -> None:
        self.pid = pid
        self.fd = fd
        self.open = True

    def receive(self) -> list[tuple[int, Any]]:
        """One batch, or [] at the end of the stream (the child is done or died)."""
        try:
            head = _read_exactly(self.fd, 8)
            batch: list[tuple[int, Any]] = pickle.loads(
                _read_exactly(self.fd, int.from_bytes(head, "little"))
            )
        except (EOFError, pickle.UnpicklingError, OSError):
            self.close()
            return []
        return batch

    def close(self) -> None:
        if self.open:
            self.open = False
            os.close(self.fd)
            os.waitpid(self.pid, 0)


def _read_exactly(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _child_main(
    items: Sequence[Any], batches: list[range], queue: int, work: Callable[[Any], Any], fd: int
) -> NoReturn:
    code = 1
    try:
        # Ctrl-C is the parent's to handle; it was blocked across the fork.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        code = 0
        while (number := _next_batch(queue)) is not None:
            batch = [(i, work(items[i])) for i in batches[number]]
            data = pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
            _write_all(fd, len(data).to_bytes(8, "little") + data)
    except BaseException:
        code = 1
    os._exit(code)  # no atexit handlers, no flushing the parent's buffers


def fork_map(
    items: Sequence[Item], work: Callable[[Item], Result], processes: int
) -> Iterator[Result]:
    """`work(item)` for every item, across `processes` processes including this one;
    results in no particular order."""
    queue, batches = _queue(len(items))
    gc.freeze()  # keep the collector off inherited objects, so that pages stay shared
    children: list[_Child] = []
    done: set[int] = set()
    try:
        for _ in range(min(processes, len(batches)) - 1):
            _fork_child(children, items, batches, queue, work)
        while (number := _next_batch(queue)) is not None:
            for i in batches[number]:
                done.add(i)
                yield work(items[i])
            yield from _arrived(children, done, wait=False)
        while any(child.open for child in children):
            yield from _arrived(children, done, wait=True)
        for i in range(len(items)):  # what a dead child took and did not finish
            if i not in done:
                yield work(items[i])
    finally:
        os.close(queue)
        for child in children:
            if child.open:
                os.kill(child.pid, signal.SIGTERM)
                child.close()
        gc.unfreeze()


def _fork_child(
    children: list[_Child],
    items: Sequence[Any],
    batches: list[range],
    queue: int,
    work: Callable[[Any], Any],
) -> None:
    # SIGINT blocked from before the fork until the child is recorded: a Ctrl-C then
    # can neither run the caller's code in the child nor leave a child untracked.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(read_fd)
                _child_main(items, batches, queue, work, write_fd)
            finally:
                os._exit(1)
        os.close(write_fd)
        children.append(_Child(pid, read_fd))
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _arrived(children: list[_Child], done: set[int], *, wait: bool) -> Iterator[Any]:
    streams = {child.fd: child for child in children if child.open}
    if not streams:
        return
    ready, _, _ = select.select(list(streams), [], [], None if wait else 0)
    for fd in ready:
        for index, result in streams[fd].receive():
            done.add(index)
            yield result
