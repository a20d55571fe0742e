"""Work shared with forked children, results streamed back through pipes.

Where `fork` exists (Linux), this is cheaper than a process pool: the children inherit
the imported detectors and the inputs instead of being sent them, nothing from
`multiprocessing` is imported, and this process does a share of the work too. Each
child works through its part and writes pickled batches of `(index, result)` to its
pipe; between its own batches this process takes whatever has arrived. A child that
dies leaves its unfinished items to this process, so every item gets a result.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

BATCH = 16  # items per pickled message: a progress bar moves, pickling stays cheap


def available() -> bool:
    # Linux only: fork is the default start method there; macOS forbids it in some
    # frameworks, and Windows has none.
    return hasattr(os, "fork") and sys.platform.startswith("linux")


def split(sizes: Sequence[int], parts: int) -> list[list[int]]:
    """Indices dealt into `parts` lists of about equal total size (largest first)."""
    loads = [0] * parts
    out: list[list[int]] = [[] for _ in range(parts)]
    for index in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        least = loads.index(min(loads))
        out[least].append(index)
        loads[least] += sizes[index]
    return [sorted(part) for part in out]


class _Child:
    def __init__(self, pid: int, fd: int, part: list[int]) -> None:
        self.pid = pid
        self.fd = fd
        self.missing = set(part)
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
        for index, _ in batch:
            self.missing.discard(index)
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


def _child_main(items: Sequence[Any], part: list[int], work: Callable[[Any], Any], fd: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    code = 0
    try:
        for at in range(0, len(part), BATCH):
            batch = [(i, work(items[i])) for i in part[at : at + BATCH]]
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
    parts = split([_size(item) for item in items], processes)
    gc.freeze()  # keep the collector off inherited objects, so that pages stay shared
    children: list[_Child] = []
    try:
        for part in parts[1:]:
            if not part:
                continue
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_fd)
                _child_main(items, part, work, write_fd)
            os.close(write_fd)
            children.append(_Child(pid, read_fd, part))
        mine = parts[0]
        for at in range(0, len(mine), BATCH):
            for i in mine[at : at + BATCH]:
                yield work(items[i])
            yield from _arrived(children, wait=False)
        while any(child.open for child in children):
            yield from _arrived(children, wait=True)
        for child in children:  # what a dead child left undone
            for i in sorted(child.missing):
                yield work(items[i])
    finally:
        for child in children:
            if child.open:
                os.kill(child.pid, signal.SIGTERM)
                child.close()
        gc.unfreeze()


def _arrived(children: list[_Child], *, wait: bool) -> Iterator[Any]:
    streams = {child.fd: child for child in children if child.open}
    if not streams:
        return
    ready, _, _ = select.select(list(streams), [], [], None if wait else 0)
    for fd in ready:
        for _, result in streams[fd].receive():
            yield result


def _size(item: Any) -> int:
    text = getattr(item, "text", None)
    return len(text) if isinstance(text, str) else 1
