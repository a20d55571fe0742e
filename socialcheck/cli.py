"""The `socialcheck` command: `scan` checks files, `extract` shows what parse found.

Exit codes:
  0  nothing at or over --fail-on was found
  1  findings at or over --fail-on
  2  usage error, or an input could not be read (the other inputs are still checked)
  130  interrupted

This module imports only the standard library at the top, so that
`socialcheck --version` and `--help` stay fast; the parser, the checks and the
reporters are imported by the command functions.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import datetime as _dt
import fnmatch
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from ._version import __version__

if TYPE_CHECKING:
    from .config import Config
    from .model import Document

TEXT_EXTENSIONS = frozenset(
    {".txt", ".md", ".markdown", ".mdx", ".html", ".htm", ".xml", ".json", ".rst", ".adoc", ".text"}
)
# A NUL byte within this many leading bytes marks a file as binary.
SNIFF_BYTES = 8192
STDIN_PATH = "-"
STDIN_NAME = "<stdin>"
_BOM = b"\xef\xbb\xbf"
_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
_FAIL_ON = {"error": 2, "warning": 1, "info": 0, "never": None}

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130


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
            if text[-1:] in ("Z", "z"):
                text = text[:-1] + "+00:00"
            moment = _dt.datetime.fromisoformat(text)
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


# --- parser ---------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="socialcheck",
        description="Find social-media posts embedded in articles and check them offline.",
        epilog=(
            "exit codes: 0 nothing at or over --fail-on, 1 findings at or over it, "
            "2 usage or input error, 130 interrupted"
        ),
    )
    parser.add_argument("--version", action="version", version=f"socialcheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    scan = commands.add_parser(
        "scan",
        help="check files for problems with their embedded posts",
        description=(
            "Check files for problems with their embedded posts. Directories are walked "
            "recursively in sorted order, skipping hidden entries and keeping text-like "
            f"files ({' '.join(sorted(TEXT_EXTENSIONS))} and extension-less files); "
            "binary files are skipped with a note."
        ),
    )
    scan.add_argument(
        "paths", nargs="+", metavar="PATH", help="file or directory to check; - reads stdin"
    )
    scan.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default text)"
    )
    _add_input_options(scan)
    scan.add_argument(
        "--fail-on",
        choices=tuple(_FAIL_ON),
        default="error",
        help="exit 1 when a finding is at least this severe (default error)",
    )
    scan.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help=(
            "when walking directories, check only files whose path (relative to the "
            "directory) or name matches; replaces the default text-like extension list; "
            "repeatable"
        ),
    )
    scan.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help=(
            "when walking directories, skip files and directories whose relative path "
            "or name matches; repeatable"
        ),
    )
    scan.add_argument(
        "--stale-days",
        type=_days_arg,
        metavar="N",
        help="report posts more than N days older than the article (default 30)",
    )
    scan.add_argument(
        "--date-slack-days",
        type=_days_arg,
        metavar="N",
        help="accept posts up to N days after the article's date (default 1)",
    )
    scan.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="CODE_OR_NAME",
        help="skip a check, by code (SC101) or name; repeatable, or comma-separated",
    )
    scan.add_argument(
        "--now",
        type=_now_arg,
        metavar="ISO",
        help="the current time for checks that use it, for reproducible runs (default: now, UTC)",
    )

    extract = commands.add_parser(
        "extract",
        help="show the posts found in one input and the prose without them",
        description="Show the posts found in one input and the prose left without them.",
    )
    extract.add_argument("path", metavar="PATH", help="file to read; - reads stdin")
    extract.add_argument(
        "--format", choices=("json", "text"), default="json", help="output format (default json)"
    )
    _add_input_options(extract)
    return parser


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


# --- inputs ---------------------------------------------------------------------


class Input(NamedTuple):
    """One input to read: `shown` is the path printed to the user."""

    shown: str
    path: str | None  # None: standard input


class _Skip(Exception):
    """The input is not checked; the message is a note, not an error."""


class _InputError(Exception):
    """The input cannot be read; the message is shown after `path: error: `."""


def _shown(path: str) -> str:
    """`path` safe to print: undecodable file-name bytes become visible escapes."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return path


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _matches(patterns: Sequence[str], rel_path: str, name: str) -> bool:
    return any(
        fnmatch.fnmatch(rel_path, pattern) or fnmatch.fnmatch(name, pattern) for pattern in patterns
    )


def _is_texty(name: str) -> bool:
    ext = os.path.splitext(name)[1]
    return ext == "" or ext.lower() in TEXT_EXTENSIONS


class _Run:
    """Stderr notes and whether any input failed (which makes the exit code 2)."""

    def __init__(self, err: TextIO) -> None:
        self.err = err
        self.failed = False

    def error(self, shown: str, reason: str) -> None:
        self.failed = True
        print(f"{shown}: error: {reason}", file=self.err, flush=True)

    def skipped(self, shown: str, reason: str) -> None:
        print(f"{shown}: skipped: {reason}", file=self.err, flush=True)

    def internal(self, exc: BaseException, shown: str | None = None) -> None:
        self.failed = True
        where = f" (while checking {shown})" if shown else ""
        print(
            f"socialcheck: internal error: {type(exc).__name__}: {exc}{where}",
            file=self.err,
            flush=True,
        )


def _walk(top: str, include: Sequence[str], exclude: Sequence[str], run: _Run) -> Iterator[Input]:
    """Files under `top`, depth-first in sorted name order."""

    def visit(directory: str, rel: str) -> Iterator[Input]:
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            run.error(_shown(directory), _reason(exc))
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel_path = f"{rel}/{name}" if rel else name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_file = not is_dir and entry.is_file()
            except OSError as exc:
                run.error(_shown(entry.path), _reason(exc))
                continue
            if is_dir:
                if not _matches(exclude, rel_path, name):
                    yield from visit(entry.path, rel_path)
            elif is_file:
                if _matches(exclude, rel_path, name):
                    continue
                if include and not _matches(include, rel_path, name):
                    continue
                if not include and not _is_texty(name):
                    continue
                yield Input(_shown(entry.path), entry.path)
            # Anything else (a link to a directory, a fifo, a socket) is left alone.

    yield from visit(top, "")


def _inputs(
    paths: Sequence[str], include: Sequence[str], exclude: Sequence[str], run: _Run
) -> Iterator[Input]:
    for path in paths:
        if path == STDIN_PATH:
            yield Input(STDIN_NAME, None)
        elif os.path.isdir(path):
            yield from _walk(path, include, exclude, run)
        else:
            yield Input(_shown(path), path)


def _read_stdin() -> bytes:
    stream: Any = sys.stdin
    if stream is None:
        return b""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data = buffer.read()
        return bytes(data)
    text = stream.read()
    return text.encode("utf-8", "surrogateescape") if isinstance(text, str) else bytes(text)


def _read_bytes(item: Input) -> bytes:
    if item.path is None:
        data = _read_stdin()
        if b"\0" in data[:SNIFF_BYTES]:
            raise _Skip("binary file")
        return data
    try:
        with open(item.path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
            if b"\0" in head:
                raise _Skip("binary file")
            return head + handle.read()
    except OSError as exc:
        raise _InputError(_reason(exc)) from None


def decode(data: bytes, errors: str = "strict") -> str:
    """UTF-8 text without a leading BOM; `_InputError` names the first bad byte."""
    skipped = 0
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
        skipped = len(_BOM)
    try:
        return data.decode("utf-8", errors)
    except UnicodeDecodeError as exc:
        raise _InputError(
            f"not valid UTF-8 at byte {exc.start + skipped} "
            "(use --encoding-errors replace to read it anyway)"
        ) from None


def _load(item: Input, errors: str, run: _Run) -> str | None:
    """The input's text, or None after printing why it is not checked."""
    try:
        return decode(_read_bytes(item), errors)
    except _Skip as note:
        run.skipped(item.shown, str(note))
    except _InputError as problem:
        run.error(item.shown, str(problem))
    return None


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


# --- commands -------------------------------------------------------------------


def _config(args: argparse.Namespace) -> Config:
    from .config import Config

    settings: dict[str, Any] = {}
    if args.stale_days is not None:
        settings["stale_days"] = args.stale_days
    if args.date_slack_days is not None:
        settings["date_slack_days"] = args.date_slack_days
    disabled = {part.strip() for value in args.disable for part in value.split(",")}
    disabled.discard("")
    if disabled:
        settings["disable"] = frozenset(disabled)
    return Config(**settings)


def _parse(text: str, args: argparse.Namespace, item: Input) -> Document:
    import socialcheck

    kind = None if args.input_kind == "auto" else args.input_kind
    return socialcheck.parse(text, article_date=args.article_date, source=item.path, kind=kind)


def cmd_scan(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import socialcheck

    from .report import FileResult, ordered_findings
    from .report import json as json_report
    from .report import text as text_report

    config = _config(args)
    run = _Run(err)
    as_json = args.format == "json"
    color = not as_json and text_report.use_color(out)
    threshold = _FAIL_ON[args.fail_on]
    worst = -1
    results: list[FileResult] = []
    for item in _inputs(args.paths, args.include, args.exclude, run):
        text = _load(item, args.encoding_errors, run)
        if text is None:
            continue
        try:
            doc = _parse(text, args, item)
            findings = ordered_findings(socialcheck.check(doc, now=args.now, config=config))
        except Exception as exc:  # one bad input must not stop the others
            run.internal(exc, item.shown)
            continue
        for finding in findings:
            worst = max(worst, _SEVERITY_RANK.get(finding.severity, 2))
        result = FileResult(item.shown, doc, findings)
        if as_json:
            results.append(result)
        else:
            for line in text_report.finding_lines(result, color=color):
                out.write(line + "\n")
    if as_json:
        obj = json_report.scan_object(results)
        out.write(json_report.dumps(obj, ascii_only=not _utf8_stream(out)))
    out.flush()
    if run.failed:
        return EXIT_ERROR
    if threshold is not None and worst >= threshold:
        return EXIT_FINDINGS
    return EXIT_OK


def cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .report import json as json_report
    from .report import text as text_report

    run = _Run(err)
    if args.path == STDIN_PATH:
        item = Input(STDIN_NAME, None)
    else:
        item = Input(_shown(args.path), args.path)
        if os.path.isdir(args.path):
            run.error(item.shown, "is a directory (extract reads one file)")
            return EXIT_ERROR
    try:
        text = decode(_read_bytes(item), args.encoding_errors)
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


_COMMANDS = {"scan": cmd_scan, "extract": cmd_extract}


def _silence_stdout() -> None:
    """After EPIPE: point stdout at devnull so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of raising SystemExit."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
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


__all__ = ["build_parser", "cmd_extract", "cmd_scan", "decode", "main"]
