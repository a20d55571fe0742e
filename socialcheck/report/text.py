"""Plain-text rendering: one line per finding, and a readable `extract` view.

A finding line is `path:line:col: CODE severity name: message` (1-based line and
column, as the checkers report them), the form editors and CI annotators parse.
Colour is added only when asked for; `use_color` says when it should be
(the stream is a terminal and NO_COLOR is not set).

Text taken from the input (messages may quote it, bodies and prose are it) has its
control characters made visible, so a hostile document cannot drive the terminal.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..model import Document, Finding, Post
from . import FileResult, Summary, post_lines, statistics

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_SEVERITY_STYLE = {"error": "\x1b[1;31m", "warning": "\x1b[33m", "info": "\x1b[36m"}


def _control_table(keep: str) -> dict[int, str]:
    table: dict[int, str] = {}
    for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]:
        if chr(code) not in keep:
            table[code] = f"\\x{code:02x}"
    return table


# One-line fields (paths, messages): every line break becomes a space.
_ONE_LINE = _control_table("\t")
for _code in (0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85):
    _ONE_LINE[_code] = " "
_ONE_LINE[0x2028] = " "
_ONE_LINE[0x2029] = " "
# Multi-line fields (bodies, prose): keep tabs and line breaks.
_MULTI_LINE = _control_table("\t\n\r")


def one_line(value: str) -> str:
    return value.translate(_ONE_LINE)


def _multi_line(value: str) -> str:
    return value.translate(_MULTI_LINE)


def use_color(stream: Any, environ: Mapping[str, str] | None = None) -> bool:
    """True when `stream` is a terminal and neither NO_COLOR nor TERM=dumb is set."""
    env = os.environ if environ is None else environ
    if "NO_COLOR" in env or env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    if isatty is None:
        return False
    try:
        return bool(isatty())
    except (OSError, ValueError):
        return False


def format_finding(path: str, finding: Finding, *, color: bool = False) -> str:
    """`path:line:col: CODE severity name: message`, on one line."""
    where = f"{one_line(path)}:{finding.line}:{finding.column}:"
    code = finding.code
    severity: str = finding.severity
    name = one_line(finding.name)
    message = one_line(finding.message)
    if color:
        style = _SEVERITY_STYLE.get(severity, "")
        where = f"{_BOLD}{where}{_RESET}"
        code = f"{_BOLD}{code}{_RESET}"
        severity = f"{style}{severity}{_RESET}"
        name = f"{_DIM}{name}{_RESET}"
    return f"{where} {code} {severity} {name}: {message}"


def finding_lines(result: FileResult, *, color: bool = False) -> Iterator[str]:
    """One rendered line per finding of one file, without line ends."""
    for finding in result.findings:
        yield format_finding(result.path, finding, color=color)


def render_scan(results: Iterable[FileResult], *, color: bool = False) -> str:
    """Every finding of every file, one per line; empty when there is none."""
    return "".join(line + "\n" for result in results for line in finding_lines(result, color=color))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_line(summary: Summary) -> str:
    """`3 findings (1 error, 2 warnings) in 12 files; 1 suppressed, 4 in the baseline`."""
    total = summary.errors + summary.warnings + summary.infos
    parts = [
        _plural(n, word)
        for n, word in (
            (summary.errors, "error"),
            (summary.warnings, "warning"),
            (summary.infos, "info"),
        )
        if n
    ]
    line = _plural(total, "finding")
    if parts:
        line += f" ({', '.join(parts)})"
    line += f" in {_plural(summary.files, 'file')}"
    extra = []
    if summary.suppressed:
        extra.append(f"{summary.suppressed} suppressed")
    if summary.baselined:
        extra.append(f"{summary.baselined} in the baseline")
    if extra:
        line += "; " + ", ".join(extra)
    return line


def render_statistics(results: Iterable[FileResult], summary: Summary) -> str:
    """flake8-style counts per check, then the summary line."""
    rows = statistics(results)
    lines = [f"{count:>6}  {code:<6} {severity:<8} {name}" for code, name, severity, count in rows]
    lines.append(summary_line(summary))
    return "".join(line + "\n" for line in lines)


def _post_date(post: Post) -> str:
    if post.date is not None:
        shown = post.date.isoformat()
        if post.date_text:
            shown += f" ({one_line(post.date_text)})"
        return shown
    if post.date_text:
        problem = f": {one_line(post.date_problem)}" if post.date_problem else ""
        return f"{one_line(post.date_text)} (not understood{problem})"
    return "-"


def _field(value: str | None) -> str:
    return one_line(value) if value else "-"


def _indent(value: str, prefix: str = "    ") -> str:
    return "".join(prefix + line for line in value.splitlines(keepends=True))


def render_extract(path: str, doc: Document) -> str:
    """Each post (index, platform, handle, name, date, lines, body), then the prose."""
    out: list[str] = [f"file: {one_line(path)}\n"]
    if doc.article_date is not None:
        out.append(f"article date: {doc.article_date.isoformat()} ({doc.article_date_source})\n")
    else:
        out.append("article date: -\n")
    out.append(f"posts: {len(doc.posts)}\n")
    for index, post in enumerate(doc.posts):
        first, last = post_lines(doc.text, post.span)
        lines = str(first) if first == last else f"{first}-{last}"
        out.append(f"\npost #{index}\n")
        out.append(f"  platform: {_field(post.platform)}\n")
        out.append(f"  handle:   {_field(post.handle)}\n")
        out.append(f"  name:     {_field(post.display_name)}\n")
        out.append(f"  date:     {_post_date(post)}\n")
        out.append(f"  lines:    {lines}\n")
        if post.body:
            body = _multi_line(post.body)
            out.append("  body:\n")
            out.append(_indent(body))
            if not body.endswith(("\n", "\r")):
                out.append("\n")
        else:
            out.append("  body:     -\n")
    out.append("\n--- prose ---\n")
    prose = _multi_line(doc.prose)
    out.append(prose)
    if prose and not prose.endswith("\n"):
        out.append("\n")
    return "".join(out)


__all__ = [
    "finding_lines",
    "format_finding",
    "one_line",
    "render_extract",
    "render_scan",
    "render_statistics",
    "summary_line",
    "use_color",
]
