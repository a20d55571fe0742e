"""What every check shares: the base class, what a check sees, and what it yields."""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Iterator, Mapping
from typing import ClassVar

import attrs

from ..config import Config
from ..model import Document, Finding, Post, Severity, Span


class LineIndex:
    """Start offset of every line of a text, so offsets map to 1-based line/column.

    Found on the first question: most files have no finding to place.
    """

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: tuple[int, ...] | None = None

    @classmethod
    def of(cls, text: str) -> LineIndex:
        return cls(text)

    @property
    def starts(self) -> tuple[int, ...]:
        if self._starts is None:
            starts = [0]
            at = self._text.find("\n")
            while at != -1:
                starts.append(at + 1)
                at = self._text.find("\n", at + 1)
            self._starts = tuple(starts)
        return self._starts

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based; columns count characters (str indices)."""
        row = bisect.bisect_right(self.starts, offset) - 1
        return row + 1, offset - self.starts[row] + 1

    def line(self, offset: int) -> int:
        return self.position(offset)[0]


@attrs.frozen
class Context:
    """Everything a check may look at during one `check()` run."""

    doc: Document
    config: Config
    # The UTC calendar date of `now`: post dates are UTC dates too.
    today: _dt.date
    lines: LineIndex


@attrs.frozen
class Hit:
    """One raw result; the runner turns it into a Finding (severity, text, position)."""

    post_index: int | None
    span: Span
    args: Mapping[str, object] = attrs.field(factory=dict)


class Check:
    """Base of every check.

    Subclasses set `code` (stable, public), `name` (kebab-case), `severity` (the
    default; `Config.severity` may override it per run) and `message`, a
    `str.format` template filled from each `Hit.args`. Most checks look at one post
    at a time and override `check_post`; checks that compare posts override `find`.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    message: ClassVar[str]

    def find(self, ctx: Context) -> Iterator[Hit]:
        for index, post in enumerate(ctx.doc.posts):
            yield from self.check_post(ctx, index, post)

    def check_post(self, ctx: Context, index: int, post: Post) -> Iterator[Hit]:
        raise NotImplementedError(f"{type(self).__name__} must override check_post or find")


def finding_order(f: Finding) -> tuple[int, str, int, int, str]:
    """How `check()` and `verify()` order findings: place, code, post, end, message."""
    return (f.span[0], f.code, -1 if f.post_index is None else f.post_index, f.span[1], f.message)


def signature_span(post: Post) -> Span:
    """Where a post's date and handle are written: its signature line, else the post."""
    return post.signature_span or post.span


def plural_days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"
