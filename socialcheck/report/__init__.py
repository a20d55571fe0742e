"""Reporters: render parse/check results; they never decide anything.

The checkers yield `Finding`s; a reporter only orders and renders them:

- `report.text`: one line per finding (`path:line:col: CODE severity name: message`),
  statistics, and a readable `extract` view;
- `report.json`: the versioned JSON objects (`JSON_VERSION`) described in that module
  and in docs/output-formats.md;
- `report.sarif`: a SARIF 2.1.0 log, with a rule for every check;
- `report.github`: GitHub Actions workflow commands (`::error file=...::`).

A `FileResult` is what the reporters take: one input's display path, what was found
in it (article date, posts as JSON-ready dicts) and its findings, each `Item` with
its end position, fingerprint and whether a comment or the baseline silenced it. It
holds no document text, so it is cheap to send between processes and to cache.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from ..model import Document, Finding

JSON_VERSION = 1
# Longest snippet of input text kept with a finding (SARIF region.snippet).
SNIPPET_CHARS = 240


@attrs.frozen
class Item:
    """One finding with what the reporters need beyond it."""

    finding: Finding
    end_line: int
    end_column: int
    fingerprint: str
    snippet: str = ""
    suppressed: bool = False  # by a socialcheck comment in the file
    baselined: bool = False  # listed in the --baseline file

    @property
    def reported(self) -> bool:
        return not (self.suppressed or self.baselined)


def _position(text: str, offset: int) -> tuple[int, int]:
    offset = max(0, min(offset, len(text)))
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def make_items(
    text: str, findings: Iterable[Finding], suppressed: Iterable[Finding] = ()
) -> tuple[Item, ...]:
    """Items for `findings` and `suppressed` (merged back into text order)."""
    from ..baseline import finding_text, fingerprints

    tagged = [(f, False) for f in findings] + [(f, True) for f in suppressed]
    tagged.sort(key=lambda pair: (pair[0].span[0], pair[0].code))
    prints = fingerprints(text, [f for f, _ in tagged])
    items = []
    for (finding, is_suppressed), fingerprint in zip(tagged, prints, strict=True):
        end = finding.span[1]
        if end > finding.span[0]:
            end_line, end_col = _position(text, end - 1)
            end_col += 1  # exclusive, like SARIF's endColumn
        else:
            end_line, end_col = finding.line, finding.column
        snippet = finding_text(text, finding)
        if len(snippet) > SNIPPET_CHARS:
            snippet = snippet[: SNIPPET_CHARS - 1] + "\u2026"
        items.append(
            Item(finding, end_line, end_col, fingerprint, snippet, suppressed=is_suppressed)
        )
    return tuple(items)


@attrs.frozen
class FileResult:
    """One checked input: the path as shown to the user, what was found, its findings."""

    path: str
    article_date: _dt.date | None = None
    article_date_source: str | None = None
    # Each post's fields (`Post.to_dict()`): a run whose report does not read them
    # leaves them out (`post_count` still counts the posts; see `has_posts`).
    posts: tuple[Mapping[str, Any], ...] = ()
    items: tuple[Item, ...] = ()
    input_kind: str = "text"
    post_count: int = attrs.field(
        default=attrs.Factory(lambda self: len(self.posts), takes_self=True)
    )

    @classmethod
    def of(
        cls,
        path: str,
        doc: Document,
        findings: Iterable[Finding] = (),
        suppressed: Iterable[Finding] = (),
        *,
        with_posts: bool = True,
    ) -> FileResult:
        return cls(
            path=path,
            article_date=doc.article_date,
            article_date_source=doc.article_date_source,
            posts=tuple(post.to_dict() for post in doc.posts) if with_posts else (),
            items=make_items(doc.text, findings, suppressed),
            input_kind=doc.input_kind,
            post_count=len(doc.posts),
        )

    @property
    def reported(self) -> tuple[Item, ...]:
        """The items to report: neither suppressed nor in the baseline."""
        return tuple(item for item in self.items if item.reported)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The findings to report, in text order."""
        return tuple(item.finding for item in self.items if item.reported)

    @property
    def has_posts(self) -> bool:
        """Whether `posts` holds every post's fields (a run may leave them out)."""
        return len(self.posts) == self.post_count

    @property
    def suppressed(self) -> int:
        return sum(1 for item in self.items if item.suppressed)

    @property
    def baselined(self) -> int:
        return sum(1 for item in self.items if item.baselined and not item.suppressed)

    # --- cache form (JSON-ready) ---------------------------------------------------------

    def to_cache(self) -> dict[str, Any]:
        return {
            "article_date": self.article_date.isoformat() if self.article_date else None,
            "article_date_source": self.article_date_source,
            "posts": list(self.posts),
            "post_count": self.post_count,
            "input_kind": self.input_kind,
            "items": [
                {
                    "finding": item.finding.to_dict(),
                    "end": [item.end_line, item.end_column],
                    "fingerprint": item.fingerprint,
                    "snippet": item.snippet,
                    "suppressed": item.suppressed,
                }
                for item in self.items
            ],
        }

    @classmethod
    def from_cache(cls, path: str, data: Mapping[str, Any]) -> FileResult:
        """The inverse of `to_cache`; raises (KeyError, TypeError, ValueError) on junk."""
        items = []
        for raw in data["items"]:
            fields = dict(raw["finding"])
            fields["span"] = tuple(fields["span"])
            end_line, end_column = raw["end"]
            items.append(
                Item(
                    Finding(**fields),
                    int(end_line),
                    int(end_column),
                    str(raw["fingerprint"]),
                    str(raw["snippet"]),
                    suppressed=bool(raw["suppressed"]),
                )
            )
        date = data["article_date"]
        return cls(
            path=path,
            article_date=_dt.date.fromisoformat(date) if date else None,
            article_date_source=data["article_date_source"],
            posts=tuple(data["posts"]),
            items=tuple(items),
            input_kind=str(data["input_kind"]),
            post_count=int(data["post_count"]),
        )


@attrs.frozen
class Summary:
    """Totals over every reported file."""

    files: int = 0
    posts: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    suppressed: int = 0
    baselined: int = 0

    def to_dict(self) -> dict[str, int]:
        return attrs.asdict(self)


def ordered_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Findings in text order (span start, then code), as `check()` returns them.

    The sort is stable, so any finer order the checks chose is kept.
    """
    return tuple(sorted(findings, key=lambda f: (f.span[0], f.code)))


def summarize(results: Iterable[FileResult]) -> Summary:
    files = posts = errors = warnings = infos = suppressed = baselined = 0
    for result in results:
        files += 1
        posts += result.post_count
        suppressed += result.suppressed
        baselined += result.baselined
        for finding in result.findings:
            if finding.severity == "error":
                errors += 1
            elif finding.severity == "warning":
                warnings += 1
            else:
                infos += 1
    return Summary(files, posts, errors, warnings, infos, suppressed, baselined)


def statistics(results: Iterable[FileResult]) -> list[tuple[str, str, str, int]]:
    """(code, name, severity, count) of the reported findings, most frequent first."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for result in results:
        for finding in result.findings:
            counts[(finding.code, finding.name, finding.severity)] += 1
    return [
        (code, name, severity, count)
        for (code, name, severity), count in sorted(
            counts.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][2])
        )
    ]


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
    "Item",
    "Summary",
    "line_of",
    "make_items",
    "ordered_findings",
    "post_lines",
    "statistics",
    "summarize",
]
