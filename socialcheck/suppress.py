"""Inline suppressions: comments in an article that silence findings.

Forms (any of them, anywhere in the file; codes are optional)::

    <!-- socialcheck: ignore SC101 -->              HTML and Markdown
    [//]: # (socialcheck: ignore SC101, stale-post)  Markdown link-reference comments
    [comment]: <> "socialcheck: ignore"             (any label; # or <>; (), "" or '')
    {/* socialcheck: ignore SC101 */}               MDX
    {{/* socialcheck: ignore SC101 */}}             Hugo / Go templates

`ignore` applies to one post: the post the comment sits in, else the post that ends
on the comment's line just before it (a trailing comment), else the first post that
starts after the comment. `ignore-file` applies to the whole file. Without codes every
finding is silenced; with codes (codes, names or code prefixes such as `SC5`,
separated by spaces or commas) only those. A reason may follow ` -- `:

    <!-- socialcheck: ignore SC102 -- the editor checked this archive post -->

A code that names no check is reported as a note and silences nothing.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs
import regex

from ._lazy import lazy_compile
from .config import ConfigError, resolve_checks
from .model import Finding, Post

_KIND = r"(?P<kind>ignore-file|ignore)(?![\w-])"
_DIRECTIVE = lazy_compile(
    r"<!--\s{0,20}socialcheck[ \t]*:[ \t]*" + _KIND + r"(?P<args>[^>]{0,500}?)\s{0,20}-->"
    r"|^[ ]{0,3}\[[^\]\n]{0,60}\]:[ \t]*(?:\#|<>)[ \t]*[(\"'][ \t]*socialcheck[ \t]*:[ \t]*"
    + _KIND.replace("kind", "kind2")
    + r"(?P<args2>[^\n)\"']{0,500}?)[ \t]*[)\"'][ \t]*$"
    r"|\{\{?-?[ \t]*/\*[ \t]*socialcheck[ \t]*:[ \t]*"
    + _KIND.replace("kind", "kind3")
    + r"(?P<args3>[^\n*]{0,500}?)[ \t]*\*/[ \t]*-?\}\}?",
    regex.MULTILINE,
)
_REASON = lazy_compile(r"\s(?:--|\u2014|\u2013)(?:\s|$)")


@attrs.frozen
class Directive:
    """One suppression comment: where it is, its scope, and the codes it names."""

    kind: str  # "ignore" | "ignore-file"
    span: tuple[int, int]
    codes: frozenset[str] | None  # None: every check
    unknown: tuple[str, ...] = ()


@attrs.frozen
class Note:
    """A problem with a suppression comment (shown on stderr, never a finding)."""

    offset: int
    message: str


@attrs.frozen
class Outcome:
    kept: tuple[Finding, ...]
    suppressed: tuple[Finding, ...]
    notes: tuple[Note, ...] = ()


def _codes(args: str) -> tuple[frozenset[str] | None, tuple[str, ...]]:
    cut = _REASON.search(" " + args + " ")
    if cut is not None:
        args = args[: max(0, cut.start() - 1)]
    tokens = [tok for tok in regex.split(r"[\s,]+", args.strip()) if tok]
    if not tokens:
        return None, ()
    codes: set[str] = set()
    unknown: list[str] = []
    for token in tokens:
        try:
            codes |= resolve_checks([token], "suppression")
        except ConfigError:
            unknown.append(token)
    return frozenset(codes), tuple(unknown)


def find_directives(text: str) -> tuple[Directive, ...]:
    """Every suppression comment in `text`, in order."""
    if "socialcheck" not in text:
        return ()
    found: list[Directive] = []
    for m in _DIRECTIVE.finditer(text):
        kind = m.group("kind") or m.group("kind2") or m.group("kind3")
        args = m.group("args")
        if args is None:
            args = m.group("args2") if m.group("kind2") else m.group("args3")
        codes, unknown = _codes(args or "")
        found.append(Directive(kind, (m.start(), m.end()), codes, unknown))
    return tuple(found)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    at = text.find("\n")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def _target_post(directive: Directive, posts: Sequence[Post], text: str) -> int | None:
    start, end = directive.span
    for index, post in enumerate(posts):
        if post.span[0] <= start and end <= post.span[1]:
            return index  # the comment sits inside the post
    for index, post in enumerate(posts):
        post_start, post_end = post.span
        if post_start < post_end <= start:
            between = text[post_end - 1 : start]
            if "\n" not in between and not text[post_end:start].strip():
                return index  # a trailing comment on the post's last line
    following = [(post.span[0], i) for i, post in enumerate(posts) if post.span[0] >= end]
    return min(following)[1] if following else None


def _next_line_range(text: str, end: int) -> tuple[int, int]:
    """The span of the first non-blank line after offset `end`."""
    pos = end
    while True:
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        if text[pos:line_end].strip():
            return pos, line_end
        if nl < 0:
            return len(text), len(text)
        pos = nl + 1


def _covers(codes: frozenset[str] | None, finding: Finding) -> bool:
    return codes is None or finding.code in codes


def apply(text: str, posts: Sequence[Post], findings: Sequence[Finding]) -> Outcome:
    """Split `findings` into kept and suppressed by the comments in `text`."""
    directives = find_directives(text)
    if not directives:
        return Outcome(tuple(findings), ())
    notes: list[Note] = []
    file_wide: list[frozenset[str] | None] = []
    per_post: dict[int, list[frozenset[str] | None]] = {}
    loose: list[tuple[int, int, frozenset[str] | None]] = []
    for directive in directives:
        for name in directive.unknown:
            notes.append(
                Note(directive.span[0], f"unknown check {name!r} in a socialcheck comment")
            )
        if directive.codes is not None and not directive.codes:
            continue  # only unknown names: silence nothing
        if directive.kind == "ignore-file":
            file_wide.append(directive.codes)
            continue
        target = _target_post(directive, posts, text)
        if target is not None:
            per_post.setdefault(target, []).append(directive.codes)
        first, last = _next_line_range(text, directive.span[1])
        loose.append((first, last, directive.codes))
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for finding in findings:
        scopes = list(file_wide)
        if finding.post_index is not None:
            scopes += per_post.get(finding.post_index, [])
        else:
            scopes += [codes for first, last, codes in loose if first <= finding.span[0] <= last]
        if any(_covers(codes, finding) for codes in scopes):
            suppressed.append(finding)
        else:
            kept.append(finding)
    return Outcome(tuple(kept), tuple(suppressed), tuple(notes))


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of `offset` in `text`."""
    starts = _line_starts(text)
    row = bisect.bisect_right(starts, offset) - 1
    return row + 1, offset - starts[row] + 1


__all__ = ["Directive", "Note", "Outcome", "apply", "find_directives", "position"]
