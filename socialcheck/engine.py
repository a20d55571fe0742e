"""Checking many files: one file's analysis, and running it serially or in processes.

`analyse` turns one input's text into a `FileResult` (parse, article-date sources,
check, inline suppressions). `run` does that for a list of tasks, in this process
when the work is small and across `jobs` processes when it is large enough for
processes to pay (`PARALLEL_MIN_FILES` files and `PARALLEL_MIN_CHARS` characters).
On Linux this process forks `jobs - 1` children that inherit the imported detectors
and the inputs, and works through its own share meanwhile (`_fork.py`); elsewhere a
pool of spawned workers imports socialcheck itself. Results come back with their
task's slot, in no particular order.
"""

from __future__ import annotations

import datetime as _dt
import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from . import _fork
from .config import DATE_SOURCES, Config
from .report import FileResult, ordered_findings

if TYPE_CHECKING:
    from concurrent.futures import Future

# Below these, one process does the work: starting workers would cost more than it saves.
PARALLEL_MIN_FILES = 16
PARALLEL_MIN_CHARS = 96 * 1024
# Files per task sent to a worker, at most.
MAX_CHUNK = 48


@attrs.frozen
class Options:
    """What every file's analysis needs besides its text (sent once to each worker)."""

    config: Config = attrs.field(factory=Config)
    article_date: _dt.date | None = None
    kind: str | None = None
    now: _dt.datetime | None = None
    date_sources: tuple[str, ...] = DATE_SOURCES
    # Whether results carry each post's fields: only the JSON report reads them, the
    # others count posts (building and sending the fields costs ~20 µs a file).
    with_posts: bool = True


class Task(NamedTuple):
    slot: int  # the input's position in the run
    shown: str
    path: str | None
    text: str


class Done(NamedTuple):
    """One task's outcome: a result, or an internal error's text."""

    slot: int
    result: FileResult | None
    notes: tuple[tuple[int, int, str], ...] = ()  # (line, column, message)
    error: str | None = None


def default_jobs() -> int:
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        count = counter()
    else:
        try:
            count = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):
            count = os.cpu_count()
    return max(1, count or 1)


def _pick_date(doc: Any, text: str, path: str | None, sources: Sequence[str]) -> Any:
    """`doc` with the article date taken only from `sources`, in their order."""
    from .read.article_date import find_article_date

    in_text = find_article_date(text, None)
    by_name = find_article_date("", path) if path else None
    for source in sources:
        if source == "filename" and by_name is not None:
            found = by_name
        elif in_text is not None and in_text.source == source:
            found = in_text
        else:
            continue
        return attrs.evolve(doc, article_date=found.date, article_date_source=found.source)
    return attrs.evolve(doc, article_date=None, article_date_source=None)


def _document(path: str | None, text: str, options: Options) -> Any:
    import socialcheck

    doc = socialcheck.parse(text, article_date=options.article_date, source=path, kind=options.kind)
    if options.article_date is None and tuple(options.date_sources) != DATE_SOURCES:
        doc = _pick_date(doc, text, path, options.date_sources)
    return doc


def _finish(shown: str, doc: Any, findings: Sequence[Any], with_posts: bool = True) -> Done:
    """Suppressions applied to one document's findings, as a `Done` (slot 0)."""
    from .suppress import apply, position

    outcome = apply(doc.text, doc.posts, ordered_findings(list(findings)))
    notes = tuple((*position(doc.text, note.offset), note.message) for note in outcome.notes)
    result = FileResult.of(shown, doc, outcome.kept, outcome.suppressed, with_posts=with_posts)
    return Done(0, result, notes)


def analyse(shown: str, path: str | None, text: str, options: Options) -> Done:
    """Parse, check and apply suppressions to one input (slot 0 in the `Done`)."""
    import socialcheck

    doc = _document(path, text, options)
    findings = socialcheck.check(doc, now=options.now, config=options.config)
    return _finish(shown, doc, findings, options.with_posts)


def run_online(
    tasks: Sequence[Task],
    options: Options,
    verify_options: dict[str, Any],
    *,
    offline: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Done]:
    """Parse every task, verify all documents in one online run, then report.

    One run shares the client, cache, budget and rate limits across files, so it
    happens in this process. `offline`: add the offline checks' findings too
    (`scan --online`); without it only verification findings are reported
    (`verify`). Raises the verify package's MissingExtraError without httpx.
    """
    import socialcheck
    from socialcheck.verify import verify_documents

    docs: list[tuple[Task, Any]] = []
    for task in tasks:
        try:
            docs.append((task, _document(task.path, task.text, options)))
        except Exception as exc:  # one bad input must not stop the others
            yield Done(task.slot, None, (), f"{type(exc).__name__}: {exc}")
    results = verify_documents([doc for _, doc in docs], config=options.config, **verify_options)
    for (task, doc), online in zip(docs, results, strict=True):
        found = list(online)
        if offline:
            found += socialcheck.check(doc, now=options.now, config=options.config)
        if progress is not None:
            progress(1)
        yield _finish(task.shown, doc, found, options.with_posts)._replace(slot=task.slot)


def _safe(task: Task, options: Options) -> Done:
    try:
        done = analyse(task.shown, task.path, task.text, options)
    except Exception as exc:  # one bad input must not stop the others
        return Done(task.slot, None, (), f"{type(exc).__name__}: {exc}")
    return done._replace(slot=task.slot)


# --- worker processes ------------------------------------------------------------------

_worker_options: Options | None = None


def _init_worker(options: Options) -> None:
    global _worker_options
    _worker_options = options
    # Ctrl-C is the parent's to handle: it stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_chunk(chunk: list[Task]) -> list[Done]:
    assert _worker_options is not None
    return [_safe(task, _worker_options) for task in chunk]


def _context() -> Any:
    import multiprocessing  # here: a serial run (most hook runs) does without it

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _chunks(tasks: Sequence[Task], jobs: int) -> list[list[Task]]:
    size = max(1, min(MAX_CHUNK, -(-len(tasks) // (jobs * 6))))
    return [list(tasks[i : i + size]) for i in range(0, len(tasks), size)]


def worth_a_pool(tasks: Sequence[Task], jobs: int) -> bool:
    if jobs <= 1 or len(tasks) < PARALLEL_MIN_FILES:
        return False
    return sum(len(task.text) for task in tasks) >= PARALLEL_MIN_CHARS


def run(
    tasks: Sequence[Task],
    options: Options,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Done]:
    """Analyse every task; yields `Done`s as they finish (not in task order)."""
    if not worth_a_pool(tasks, jobs):
        for task in tasks:
            done = _safe(task, options)
            if progress is not None:
                progress(1)
            yield done
        return
    if _fork.available():
        # Import the detectors once, here: the children inherit them.
        import socialcheck.checks
        import socialcheck.pipeline  # noqa: F401

        for done in _fork.fork_map(tasks, lambda task: _safe(task, options), jobs):
            if progress is not None:
                progress(1)
            yield done
        return
    yield from _run_pool(tasks, options, jobs, progress)


def _run_pool(
    tasks: Sequence[Task],
    options: Options,
    jobs: int,
    progress: Callable[[int], None] | None,
) -> Iterator[Done]:
    """Where fork is not available: a process pool of spawned workers."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    chunks = _chunks(tasks, jobs)
    # This process is one of the `jobs`: it works through queued chunks from the back
    # while the workers take them from the front.
    workers = max(1, min(jobs - 1, len(chunks) - 1))
    context = _context()
    if context.get_start_method() == "fork":
        # Import the detectors once, here: forked workers inherit them instead of each
        # importing them again.
        import socialcheck.checks
        import socialcheck.pipeline  # noqa: F401

        # Keep the collector off the inherited objects, so that their pages stay shared.
        gc.freeze()
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(options,)
    )
    finished = False
    try:
        queued = [(pool.submit(_run_chunk, chunk), chunk) for chunk in chunks]
        pending: set[Future[list[Done]]] = {future for future, _ in queued}
        while pending:
            for future in [f for f in pending if f.done()]:
                pending.discard(future)
                yield from _counted(future.result(), progress)
            taken = _take_back(queued)
            if taken is not None:
                future, chunk = taken
                pending.discard(future)
                yield from _counted([_safe(task, options) for task in chunk], progress)
            elif pending:
                wait(pending, return_when=FIRST_COMPLETED)
        finished = True
    finally:
        pool.shutdown(wait=finished, cancel_futures=not finished)


def _take_back(
    queued: list[tuple[Future[list[Done]], list[Task]]],
) -> tuple[Future[list[Done]], list[Task]] | None:
    """The last queued chunk no worker has started, withdrawn from the pool; else None."""
    while queued:
        future, chunk = queued.pop()
        if future.cancel():
            return future, chunk
    return None


def _counted(batch: list[Done], progress: Callable[[int], None] | None) -> list[Done]:
    if progress is not None:
        progress(len(batch))
    return batch


__all__ = [
    "Done",
    "Options",
    "Task",
    "analyse",
    "default_jobs",
    "run",
    "run_online",
    "worth_a_pool",
]
