"""The `socialcheck` command: `scan` checks files, `extract` shows what parse found.

Exit codes:
  0  nothing at or over --fail-on was found (or --write-baseline wrote its file)
  1  findings at or over --fail-on
  2  usage error, a bad config or baseline file, or an input could not be read (the
     other inputs are still checked)
  130  interrupted

This module imports only the standard library at the top, so that
`socialcheck --version` and `--help` stay fast; the parser, the checks and the
reporters are imported by the command functions. A scan reads its config file
(`[tool.socialcheck]` in pyproject.toml or `.socialcheck.toml`, see docs/config.md),
lists and reads the files, takes unchanged files' results from the cache, checks the
rest (in worker processes when there are many), applies the baseline and reports.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import datetime as _dt
import os
import sys
import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from ._version import __version__
from .files import (
    SNIFF_BYTES,
    STDIN_NAME,
    STDIN_PATH,
    TEXT_EXTENSIONS,
    Input,
    decode,
    read_bytes,
    shown,
)
from .files import InputError as _InputError
from .files import Skip as _Skip

if TYPE_CHECKING:
    from .config import Config, ProjectConfig
    from .model import Document
    from .report import FileResult
    from .report.sarif import Notification

_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
_FAIL_ON = {"error": 2, "warning": 1, "info": 0, "never": None}
FORMATS = ("text", "json", "sarif", "github")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130

# The progress bar appears only on a terminal, and only once a scan has run this long.
PROGRESS_AFTER_SECONDS = 0.5


# --- argument types -------------------------------------------------------------


def _date_arg(value: str) -> _dt.date:
    shape_ok = (
        len(value) == 10
        and value[4] == "-"
        and value[7] == "-"
        and (value[:4] + value[5:7] + value[8:]).isdigit()
        and value.isascii()
    )
    if not shape_ok:
        raise argparse.ArgumentTypeError(f"invalid date {value!r} (expected YYYY-MM-DD)")
    try:
        return _dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"invalid date {value!r}: {exc}") from None


def _now_arg(value: str) -> _dt.datetime:
    text = value.strip()
    try:
        if len(text) == 10:
            moment = _dt.datetime.combine(_date_arg(text), _dt.time())
        else:
            from .dates import parse_iso_datetime  # here: --help and --version do without it

            moment = parse_iso_datetime(text)
    except (ValueError, argparse.ArgumentTypeError):
        raise argparse.ArgumentTypeError(
            f"invalid time {value!r} (expected YYYY-MM-DD or an ISO 8601 date-time)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.timezone.utc)
    return moment


def _days_arg(value: str) -> int:
    try:
        days = int(value, 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number of days {value!r}") from None
    if days < 0:
        raise argparse.ArgumentTypeError(f"number of days must be >= 0, got {days}")
    return days


def _jobs_arg(value: str) -> int:
    try:
        jobs = int(value, 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number of jobs {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"number of jobs must be >= 0, got {jobs}")
    return jobs


def _severity_arg(value: str) -> tuple[str, str]:
    check, sep, level = value.partition("=")
    level = level.strip().lower()
    if not sep or not check.strip() or level not in _SEVERITY_RANK:
        raise argparse.ArgumentTypeError(
            f"invalid severity {value!r} (expected CODE_OR_NAME=error|warning|info)"
        )
    return check.strip(), level


# --- parser ---------------------------------------------------------------------


def _terminal_columns() -> int:
    """shutil.get_terminal_size's width, without importing shutil (and its
    compression modules) into every run."""
    with contextlib.suppress(KeyError, ValueError):
        if (columns := int(os.environ["COLUMNS"])) > 0:
            return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, told the width: left to itself it imports shutil on every
    `add_argument`, help or not."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = _terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="socialcheck",
        formatter_class=_HelpFormatter,
        description="Find social-media posts embedded in articles and check them offline.",
        epilog=(
            "exit codes: 0 nothing at or over --fail-on, 1 findings at or over it, "
            "2 usage, config or input error, 130 interrupted"
        ),
    )
    parser.add_argument("--version", action="version", version=f"socialcheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    scan = commands.add_parser(
        "scan",
        formatter_class=_HelpFormatter,
        help="check files for problems with their embedded posts",
        description=(
            "Check files for problems with their embedded posts. Directories are walked "
            "recursively in sorted order, skipping hidden entries and keeping text-like "
            f"files ({' '.join(sorted(TEXT_EXTENSIONS))} and extension-less files); "
            "binary files are skipped with a note. Settings come from [tool.socialcheck] "
            "in pyproject.toml or from .socialcheck.toml, found by walking up from the "
            "scanned paths; flags override them."
        ),
    )
    scan.add_argument(
        "paths", nargs="+", metavar="PATH", help="file or directory to check; - reads stdin"
    )
    output = scan.add_argument_group("output")
    output.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="output format: text (the default; colour on a terminal), json, sarif "
        "(SARIF 2.1.0) or github (workflow annotations)",
    )
    output.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the report to FILE instead of standard output",
    )
    output.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only findings and errors: no notes about skipped files, no progress bar",
    )
    output.add_argument(
        "--statistics",
        action="store_true",
        help="count the findings per check and print a summary",
    )
    output.add_argument(
        "--fail-on",
        choices=tuple(_FAIL_ON),
        default=None,
        help="exit 1 when a finding is at least this severe (default error, or the "
        "config's fail-on)",
    )

    _add_input_options(scan)
    selection = scan.add_argument_group("files")
    selection.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help=(
            "when walking directories, check only files whose path (relative to the "
            "directory or the project root) or name matches; replaces the config's "
            "include and the default text-like extension list; repeatable"
        ),
    )
    selection.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help=(
            "when walking directories, skip files and directories whose relative path "
            "or name matches; added to the config's exclude; repeatable"
        ),
    )
    selection.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply include and exclude to files named on the command line too "
        "(the pre-commit hook does)",
    )

    checks = scan.add_argument_group("checks")
    checks.add_argument(
        "--stale-days",
        type=_days_arg,
        metavar="N",
        help="report posts more than N days older than the article (default 30)",
    )
    checks.add_argument(
        "--date-slack-days",
        type=_days_arg,
        metavar="N",
        help="accept posts up to N days after the article's date (default 1)",
    )
    checks.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="CODE_OR_NAME",
        help="skip a check, by code (SC101), code prefix (SC5) or name; repeatable, "
        "or comma-separated",
    )
    checks.add_argument(
        "--enable",
        action="append",
        default=[],
        metavar="CODE_OR_NAME",
        help="run a check even if the config disables it; repeatable, or comma-separated",
    )
    checks.add_argument(
        "--severity",
        action="append",
        default=[],
        type=_severity_arg,
        metavar="CHECK=LEVEL",
        help="report a check at another severity (error, warning, info); repeatable",
    )
    checks.add_argument(
        "--now",
        type=_now_arg,
        metavar="ISO",
        help="the current time for checks that use it, for reproducible runs (default: now, UTC)",
    )

    project = scan.add_argument_group("config, baseline, speed")
    where = project.add_mutually_exclusive_group()
    where.add_argument(
        "--config",
        metavar="FILE",
        help="read settings from FILE (a .socialcheck.toml or a pyproject.toml) instead of "
        "searching for one",
    )
    where.add_argument(
        "--isolated",
        action="store_true",
        help="ignore every config file",
    )
    project.add_argument(
        "--baseline",
        metavar="FILE",
        help="report only findings that FILE (written by --write-baseline) does not list",
    )
    project.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="write every current finding to FILE and exit 0, reporting nothing",
    )
    project.add_argument(
        "-j",
        "--jobs",
        type=_jobs_arg,
        default=0,
        metavar="N",
        help="worker processes (default 0: one per CPU; small scans run in one process)",
    )
    project.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor write the result cache",
    )
    project.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="keep the result cache in DIR (default: .socialcheck_cache in the project root)",
    )

    _add_online_options(scan, with_switch=True)

    verify = commands.add_parser(
        "verify",
        formatter_class=_HelpFormatter,
        help="ask the platforms whether each embedded post exists and says what it says",
        description=(
            "Ask the platforms' public endpoints whether each embedded post exists, who "
            "wrote it, what it says and when (needs the 'verify' extra: pip install "
            "'socialcheck[verify]'). Reports only verification findings (SC6xx); "
            "`scan --online` reports them together with the offline checks. Same "
            "files, output and config options as scan."
        ),
    )
    verify.add_argument(
        "paths", nargs="+", metavar="PATH", help="file or directory to check; - reads stdin"
    )
    for action in scan._actions:  # the same output, file, check and config options
        if action.dest in ("help", "paths", "online") or not action.option_strings:
            continue
        if any(o in verify._option_string_actions for o in action.option_strings):
            continue
        verify._add_action(action)

    extract = commands.add_parser(
        "extract",
        formatter_class=_HelpFormatter,
        help="show the posts found in one input and the prose without them",
        description="Show the posts found in one input and the prose left without them.",
    )
    extract.add_argument("path", metavar="PATH", help="file to read; - reads stdin")
    extract.add_argument(
        "--format", choices=("json", "text"), default="json", help="output format (default json)"
    )
    _add_input_options(extract)
    return parser


def _endpoint_arg(value: str) -> tuple[str, str | None]:
    name, sep, url = value.partition("=")
    if not sep or not name.strip() or not url.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=URL or NAME=off, got {value!r}")
    url = url.strip()
    return name.strip(), None if url.lower() == "off" else url


def _seconds_arg(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {value!r}") from None
    if not seconds > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {value!r}")
    return seconds


def _add_online_options(command: argparse.ArgumentParser, *, with_switch: bool) -> None:
    online = command.add_argument_group(
        "online verification (opt-in; needs pip install 'socialcheck[verify]')"
    )
    if with_switch:
        online.add_argument(
            "--online",
            action="store_true",
            help="also ask the platforms whether each post exists and matches (SC6xx)",
        )
    online.add_argument(
        "--endpoint",
        action="append",
        default=[],
        type=_endpoint_arg,
        metavar="NAME=URL",
        help="send NAME's requests (twitter_oembed, bluesky_appview, mastodon, wayback, "
        "...) to URL instead, or NAME=off; repeatable (see docs/verify.md)",
    )
    online.add_argument(
        "--timeout", type=_seconds_arg, default=10.0, metavar="S", help="per request (10)"
    )
    online.add_argument(
        "--budget", type=_seconds_arg, metavar="S", help="total seconds for the whole run"
    )
    online.add_argument(
        "--concurrency", type=_jobs_arg, default=8, metavar="N", help="requests at once (8)"
    )
    online.add_argument(
        "--verify-cache",
        metavar="PATH|off",
        help="the verdict cache (SQLite; default: the user cache directory), or off",
    )


def _add_input_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--article-date",
        type=_date_arg,
        metavar="YYYY-MM-DD",
        help="the article's date, overriding any date found in the text or the file name",
    )
    command.add_argument(
        "--input-kind",
        choices=("auto", "text", "html", "markdown"),
        default="auto",
        help="how to read the input: auto (the default) decides from the file extension "
        "and the content",
    )
    command.add_argument(
        "--encoding-errors",
        choices=("strict", "replace"),
        default="strict",
        help="what to do with bytes that are not UTF-8: report an error (strict, the "
        "default) or read them as U+FFFD (replace)",
    )


# --- run state --------------------------------------------------------------------


class _Run:
    """Stderr notes and whether any input failed (which makes the exit code 2)."""

    def __init__(self, err: TextIO, quiet: bool = False) -> None:
        self.err = err
        self.quiet = quiet
        self.failed = False
        self.notifications: list[Notification] = []
        self.before_note: Any = None  # clears the progress bar

    def _print(self, line: str) -> None:
        if self.before_note is not None:
            self.before_note()
        print(line, file=self.err, flush=True)

    def _notify(self, level: str, message: str, path: str | None) -> None:
        from .report.sarif import Notification

        self.notifications.append(Notification(level, message, path))

    def error(self, shown: str, reason: str) -> None:
        self.failed = True
        self._notify("error", reason, shown)
        self._print(f"{shown}: error: {reason}")

    def skipped(self, shown: str, reason: str) -> None:
        self._notify("note", f"skipped: {reason}", shown)
        if not self.quiet:
            self._print(f"{shown}: skipped: {reason}")

    def note(self, text: str) -> None:
        if not self.quiet:
            self._print(text)

    def internal(self, exc: BaseException | str, shown: str | None = None) -> None:
        self.failed = True
        what = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
        self._notify("error", f"internal error: {what}", shown)
        where = f" (while checking {shown})" if shown else ""
        self._print(f"socialcheck: internal error: {what}{where}")


class _Progress:
    """`[####......] 412/1000 files` on a terminal's stderr, redrawn in place."""

    WIDTH = 24

    def __init__(self, err: TextIO, total: int, enabled: bool) -> None:
        self.err = err
        self.total = total
        self.enabled = enabled and total > 0
        self.done = 0
        self.start = time.monotonic()
        self.shown = False
        self.last = 0.0

    def advance(self, count: int) -> None:
        self.done += count
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < PROGRESS_AFTER_SECONDS or (now - self.last < 0.05 and self.shown):
            return
        self.last = now
        filled = self.WIDTH * self.done // self.total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.err.write(f"\r[{bar}] {self.done}/{self.total} files")
        self.err.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.err.write("\r\x1b[K")
            self.err.flush()
            self.shown = False


def _is_tty(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except (OSError, ValueError):
        return False


# --- output ---------------------------------------------------------------------


def _utf8_stream(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None)
    if not encoding:
        return False
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def _tolerant_stdout() -> None:
    """Text that the terminal's encoding cannot show is escaped instead of crashing."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is None:
        return
    with contextlib.suppress(AttributeError, ValueError, OSError):
        reconfigure(errors="backslashreplace")


# --- settings -------------------------------------------------------------------------


def _project(args: argparse.Namespace) -> ProjectConfig:
    from .config import ProjectConfig, discover, find_project_root, load_config

    if args.isolated:
        from .config import common_start

        return ProjectConfig(root=find_project_root(common_start(args.paths)))
    if args.config:
        return load_config(args.config)
    return discover(args.paths)


def _config(args: argparse.Namespace, project: ProjectConfig | None = None) -> Config:
    from .config import ProjectConfig

    project = project if project is not None else ProjectConfig()
    return project.check_config(
        enable=args.enable,
        disable=args.disable,
        severity=dict(args.severity),
        stale_days=args.stale_days,
        date_slack_days=args.date_slack_days,
    )


def _parse(text: str, args: argparse.Namespace, item: Input) -> Document:
    import socialcheck

    kind = None if args.input_kind == "auto" else args.input_kind
    return socialcheck.parse(text, article_date=args.article_date, source=item.path, kind=kind)


# --- scan -----------------------------------------------------------------------


class _Scan:
    """One `scan` run: inputs, cache, work, ordered output."""

    def __init__(self, args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
        self.args = args
        self.out = out
        self.err = err
        self.run = _Run(err, quiet=args.quiet)
        self.results: list[FileResult] = []
        self.worst = -1
        self.color = False
        self.streaming = args.format in ("text", "github") and not args.write_baseline

    def emit(self, result: FileResult) -> None:
        from .report import github as github_report
        from .report import text as text_report

        if self.baseline is not None:
            result = self.baseline_filter(result)
        self.results.append(result)
        for finding in result.findings:
            self.worst = max(self.worst, _SEVERITY_RANK.get(finding.severity, 2))
        if not self.streaming or not result.items:
            return
        if self.args.format == "github":
            lines = list(github_report.annotation_lines(result))
        else:
            lines = list(text_report.finding_lines(result, color=self.color))
        if lines:
            self.progress.clear()
            self.out.write("".join(line + "\n" for line in lines))
            self.out.flush()

    def baseline_filter(self, result: FileResult) -> FileResult:
        import attrs

        assert self.baseline is not None
        items = tuple(
            attrs.evolve(item, baselined=True)
            if not item.suppressed
            and self.baseline.take(result.path, item.finding.code, item.fingerprint)
            else item
            for item in result.items
        )
        return attrs.evolve(result, items=items)

    def execute(self) -> int:
        from .baseline import Baseline, BaselineError
        from .config import ConfigError

        args = self.args
        try:
            project = _project(args)
            config = _config(args, project)
        except ConfigError as exc:
            print(f"socialcheck: error: {exc}", file=self.err, flush=True)
            return EXIT_ERROR
        self.baseline: Baseline | None = None
        if args.baseline and not args.write_baseline:
            try:
                self.baseline = Baseline.load(args.baseline)
            except BaselineError as exc:
                print(f"socialcheck: error: {exc}", file=self.err, flush=True)
                return EXIT_ERROR
        fail_on = args.fail_on or project.fail_on or "error"
        threshold = _FAIL_ON[fail_on]
        with self._open_output() as out:
            if out is None:
                return EXIT_ERROR
            self.out = out
            self.color = args.format == "text" and _use_color(out)
            code = self._scan(project, config)
        if code is not None:
            return code
        if self.run.failed:
            return EXIT_ERROR
        if args.write_baseline:
            return EXIT_OK
        if threshold is not None and self.worst >= threshold:
            return EXIT_FINDINGS
        return EXIT_OK

    @contextlib.contextmanager
    def _open_output(self) -> Any:
        if not self.args.output:
            yield self.out
            return
        try:
            handle = open(self.args.output, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        except OSError as exc:
            print(
                f"socialcheck: error: cannot write {self.args.output}: {exc.strerror or exc}",
                file=self.err,
                flush=True,
            )
            yield None
            return
        with handle:
            yield handle

    def _scan(self, project: ProjectConfig, config: Config) -> int | None:
        from . import engine
        from .cache import ResultCache, cache_directory, code_digest
        from .config import settings_digest
        from .files import Filter, inputs
        from .report import FileResult

        args = self.args
        include = args.include or list(project.include)
        exclude = [*project.exclude, *args.exclude]
        rules = Filter(include, exclude, root=project.root)
        items = list(inputs(args.paths, rules, self.run, rules if args.force_exclude else None))

        kind = None if args.input_kind == "auto" else args.input_kind
        cache: ResultCache | None = None
        if not args.no_cache and project.cache:
            directory = cache_directory(args.cache_dir, project.root, project.cache_dir)
            if directory is not None:
                today = (args.now or _dt.datetime.now(_dt.timezone.utc)).astimezone(
                    _dt.timezone.utc
                )
                namespace = code_digest() + settings_digest(
                    config,
                    {
                        "article_date": args.article_date,
                        "kind": kind,
                        "sources": list(project.article_date_sources),
                        "today": today.date().isoformat(),
                    },
                )
                cache = ResultCache(directory, namespace)
                cache.load()

        options = engine.Options(
            config=config,
            article_date=args.article_date,
            kind=kind,
            now=args.now,
            date_sources=project.article_date_sources,
            with_posts=args.format == "json",
        )
        ready: dict[int, FileResult | None] = {}
        keys: dict[int, str] = {}
        tasks: list[engine.Task] = []
        for index, item in enumerate(items):
            try:
                data = read_bytes(item)
                text = decode(data, args.encoding_errors)
            except _Skip as note:
                self.run.skipped(item.shown, str(note))
                ready[index] = None
                continue
            except _InputError as problem:
                self.run.error(item.shown, str(problem))
                ready[index] = None
                continue
            if cache is not None and item.path is not None:
                key = cache.key(os.path.basename(item.path), data)
                hit = cache.get(key)
                if hit is not None:
                    try:
                        cached = FileResult.from_cache(item.shown, hit)
                    except (KeyError, TypeError, ValueError, AttributeError):
                        cached = None
                    # A run that did not report posts cached none of their fields.
                    if cached is not None and (cached.has_posts or not options.with_posts):
                        ready[index] = cached
                        continue
                keys[index] = key
            tasks.append(engine.Task(index, item.shown, item.path, text))

        online = getattr(args, "online", False) or args.command == "verify"
        if online:
            cache = None  # verdicts have their own cache; results here must be fresh
        jobs = args.jobs or engine.default_jobs()
        self.progress = _Progress(
            self.err, len(tasks), enabled=not args.quiet and _is_tty(self.err)
        )
        self.run.before_note = self.progress.clear
        next_index = 0

        def flush() -> None:
            nonlocal next_index
            while next_index in ready:
                result = ready.pop(next_index)
                if result is not None:
                    self.emit(result)
                next_index += 1

        flush()
        outcomes: Iterable[Any]
        if online:
            verified = self._online(engine, tasks, options)
            if verified is None:
                return EXIT_ERROR
            outcomes = verified
        else:
            outcomes = engine.run(tasks, options, jobs, self.progress.advance)
        for done in outcomes:
            item = items[done.slot]
            if done.error is not None:
                self.run.internal(done.error, item.shown)
                ready[done.slot] = None
            else:
                assert done.result is not None
                for line, column, message in done.notes:
                    self.run.note(f"{item.shown}:{line}:{column}: warning: {message}")
                ready[done.slot] = done.result
                if cache is not None and done.slot in keys:
                    cache.put(keys[done.slot], done.result.to_cache())
            flush()
        flush()
        self.progress.clear()
        if cache is not None:
            cache.save()
        return self._finish()

    def _online(self, engine: Any, tasks: list[Any], options: Any) -> list[Any] | None:
        """Every task parsed and verified in one online run; None after a reported error."""
        args = self.args
        verify_cache: str | bool = True
        if args.verify_cache:
            verify_cache = False if args.verify_cache.lower() == "off" else args.verify_cache
        verify_options = {
            "endpoints": dict(args.endpoint) or None,
            "timeout": args.timeout,
            "budget": args.budget,
            "concurrency": args.concurrency,
            "cache": verify_cache,
            "progress": not args.quiet and _is_tty(self.err),
        }
        try:
            return list(
                engine.run_online(
                    tasks,
                    options,
                    verify_options,
                    offline=args.command != "verify",
                    progress=self.progress.advance,
                )
            )
        except ImportError as exc:  # the verify extra is not installed
            print(f"socialcheck: error: {exc}", file=self.err, flush=True)
        except (ValueError, TypeError) as exc:  # a bad endpoint name or option
            print(f"socialcheck: error: {exc}", file=self.err, flush=True)
        return None

    def _finish(self) -> int | None:
        from .baseline import write_baseline
        from .report import json as json_report
        from .report import sarif as sarif_report
        from .report import summarize
        from .report import text as text_report

        args = self.args
        if args.write_baseline:
            rows = [
                (result.path, item.finding, item.fingerprint)
                for result in self.results
                for item in result.items
                if not item.suppressed
            ]
            try:
                count = write_baseline(rows, args.write_baseline)
            except OSError as exc:
                print(
                    f"socialcheck: error: cannot write {args.write_baseline}: "
                    f"{exc.strerror or exc}",
                    file=self.err,
                    flush=True,
                )
                return EXIT_ERROR
            noun = "finding" if count == 1 else "findings"
            self.run.note(f"socialcheck: wrote {count} {noun} to {args.write_baseline}")
            return None
        ascii_only = not _utf8_stream(self.out)
        if args.format == "json":
            obj = json_report.scan_object(self.results, with_statistics=args.statistics)
            self.out.write(json_report.dumps(obj, ascii_only=ascii_only))
        elif args.format == "sarif":
            log = sarif_report.sarif_log(self.results, notifications=self.run.notifications)
            self.out.write(json_report.dumps(log, ascii_only=ascii_only))
        if args.statistics and args.format != "json":
            rendered = text_report.render_statistics(self.results, summarize(self.results))
            target = self.out if args.format == "text" else self.err
            target.write(rendered)
        self.out.flush()
        return None


def _use_color(stream: Any) -> bool:
    from .report import text as text_report

    return text_report.use_color(stream)


def cmd_scan(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    return _Scan(args, out, err).execute()


def cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .report import json as json_report
    from .report import text as text_report

    run = _Run(err)
    if args.path == STDIN_PATH:
        item = Input(STDIN_NAME, None)
    else:
        item = Input(shown(args.path), args.path)
        if os.path.isdir(args.path):
            run.error(item.shown, "is a directory (extract reads one file)")
            return EXIT_ERROR
    try:
        text = decode(read_bytes(item), args.encoding_errors)
    except _Skip as note:
        run.error(item.shown, f"{note}, nothing to extract")
        return EXIT_ERROR
    except _InputError as problem:
        run.error(item.shown, str(problem))
        return EXIT_ERROR
    doc = _parse(text, args, item)
    if args.format == "json":
        obj = json_report.extract_object(item.shown, doc)
        out.write(json_report.dumps(obj, ascii_only=not _utf8_stream(out)))
    else:
        out.write(text_report.render_extract(item.shown, doc))
    out.flush()
    return EXIT_OK


_COMMANDS = {"scan": cmd_scan, "verify": cmd_scan, "extract": cmd_extract}


def _silence_stdout() -> None:
    """After EPIPE: point stdout at devnull so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of raising SystemExit."""
    parser = build_parser()
    try:
        args = parser.parse_args(None if argv is None else list(argv))
    except SystemExit as exc:  # usage errors, --help, --version
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_ERROR)
    _tolerant_stdout()
    try:
        return _COMMANDS[args.command](args, sys.stdout, sys.stderr)
    except KeyboardInterrupt:
        print("socialcheck: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_ERROR
    except Exception as exc:
        print(f"socialcheck: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR


def run() -> NoReturn:
    """The `socialcheck` script: `main()`, then exit without the interpreter's teardown.

    When `main()` returns, output is written, files are closed and worker processes are
    reaped; tearing down a scan's objects and modules only cost time (15-20 ms of a
    0.28 s scan of 1,000 files). Library callers and tests use `main()`.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            _silence_stdout()
            code = code or EXIT_ERROR
        except (AttributeError, OSError, ValueError):
            pass
    os._exit(code)


__all__ = [
    "FORMATS",
    "SNIFF_BYTES",
    "build_parser",
    "cmd_extract",
    "cmd_scan",
    "decode",
    "main",
    "run",
]
