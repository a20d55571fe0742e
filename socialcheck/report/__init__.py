"""Reporters: render parse/check results; they never decide anything.

The checkers yield `Finding`s; a reporter only orders and renders them:

- `report.text`: one line per finding (`path:line:col: CODE severity name: message`)
  and a readable `extract` view;
- `report.json`: the versioned JSON objects (`JSON_VERSION`) described in that module.

A `FileResult` is what the reporters take: one input's display path, its parsed
`Document` and its findings.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ..model import Document, Finding

JSON_VERSION = 1


@attrs.frozen
class FileResult:
    """One checked input: the path as shown to the user, its document, its findings."""

    path: str
    document: Document
    findings: tuple[Finding, ...] = ()


@attrs.frozen
class Summary:
    """Totals over every reported file."""

    files: int = 0
    posts: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0

    def to_dict(self) -> dict[str, int]:
        return attrs.asdict(self)


def ordered_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Findings in text order (span start, then code), as `check()` returns them.

    The sort is stable, so any finer order the checks chose is kept.
    """
    return tuple(sorted(findings, key=lambda f: (f.span[0], f.code)))


def summarize(results: Iterable[FileResult]) -> Summary:
    files = posts = errors = warnings = infos = 0
    for result in results:
        files += 1
        posts += len(result.document.posts)
        for finding in result.findings:
            if finding.severity == "error":
                errors += 1
            elif finding.severity == "warning":
                warnings += 1
            else:
                infos += 1
    return Summary(files, posts, errors, warnings, infos)


def line_of(text: str, offset: int) -> int:
    """The 1-based line holding `offset` (lines end at "\\n")."""
    return text.count("\n", 0, max(0, min(offset, len(text)))) + 1


def post_lines(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """First and last 1-based lines a span covers."""
    start, end = span
    return line_of(text, start), line_of(text, max(start, end - 1))


__all__ = [
    "JSON_VERSION",
    "FileResult",
    "Summary",
    "line_of",
    "ordered_findings",
    "post_lines",
    "summarize",
]
