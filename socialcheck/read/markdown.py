"""Regions of a Markdown file where nothing is an embed: code, comments, escaped shortcodes."""

from __future__ import annotations

import bisect
import functools

import regex

from .._lazy import lazy_compile
from .._literals import Haystack, Literals

Span = tuple[int, int]

# CommonMark: a backtick fence's info string has no backtick ("```x``` here" is inline code).
_FENCE = lazy_compile(r"^[ \t]{0,3}(`{3,}(?=[^`\n]*\n)|~{3,})[^\n]*\n", regex.MULTILINE)
_INLINE_CODE = lazy_compile(r"(`{1,3})[^`\n]{1,2000}?\1")
_LIQUID_OPEN = lazy_compile(r"\{%-?[ \t]*(comment|raw)[ \t]*-?%\}")
# Pairs of (opener, closer) found with plain string search: linear on hostile input.
_DELIMITED = tuple(
    (Literals(opener), opener, closer)
    for opener, closer in (("<!--", "-->"), ("{{</*", "*/>}}"), ("{{%/*", "*/%}}"), ("{/*", "*/}"))
)
_FENCE_OPENERS = Literals("```", "~~~")
_LIQUID = Literals("{%")
_CODE_INDENTS = ("    ", "\t")
_INDENT_MARKS = Literals("\n    ", "\n\t")
_LIST_ITEM = lazy_compile(r"[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
# Gutenberg block delimiters are comments that carry embeds (detect/shortcodes.py): not masked.
_GUTENBERG = "<!-- wp:"


@functools.lru_cache(maxsize=64)  # fence lengths seen in a run: a handful
def _fence_closer(marker: str) -> regex.Pattern[str]:
    return regex.compile(
        r"^[ \t]{0,3}" + regex.escape(marker[0]) + "{" + str(len(marker)) + r",}[ \t\r]*$",
        regex.MULTILINE,
    )


def _fences(text: str) -> list[Span]:
    """Fenced code blocks. Only lines holding ``` or ~~~ are tried (a regex search for
    a line start visits every line); each marker's next place is remembered, so the
    text is read once however many markers are not fences."""
    spans: list[Span] = []
    next_at = {marker: text.find(marker) for marker in ("```", "~~~")}  # -1: none left
    pos = 0  # a line start, or the end of a closing fence's line
    while True:
        for marker, at in next_at.items():
            if 0 <= at < pos:
                next_at[marker] = text.find(marker, pos)
        hits = [at for at in next_at.values() if at >= 0]
        if not hits:
            return spans
        hit = min(hits)
        line_start = text.rfind("\n", max(pos - 1, 0), hit) + 1  # only back to pos: linear
        m = _FENCE.match(text, line_start) if line_start >= pos else None
        if m is None:
            line_end = text.find("\n", hit)
            if line_end < 0:
                return spans
            pos = line_end + 1
            continue
        close = _fence_closer(m.group(1)).search(text, m.end())
        end = len(text) if close is None else close.end()
        spans.append((m.start(), end))
        pos = end


def _delimited(text: str, opener: str, closer: str) -> list[Span]:
    spans: list[Span] = []
    pos = text.find(opener)
    while pos >= 0:
        close = text.find(closer, pos + len(opener))
        end = len(text) if close < 0 else close + len(closer)
        spans.append((pos, end))
        pos = text.find(opener, end)
    return spans


def _liquid(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _LIQUID_OPEN.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue
        close = regex.compile(r"\{%-?[ \t]*end" + m.group(1) + r"[ \t]*-?%\}").search(text, m.end())
        spans.append((m.start(), len(text) if close is None else close.end()))
    return spans


def _indented_code(text: str) -> list[Span]:
    """CommonMark's indented code blocks: lines indented by four spaces or a tab, after a
    blank line (they cannot interrupt a paragraph), through the last such line before a
    line that is not. Not after a list item or its indented continuation: there the
    indent is the item's, and the lines are its content, not code."""
    spans: list[Span] = []
    pos = 0
    block_start = block_end = -1
    after_blank, in_list = True, False
    for line in text.split("\n"):
        end = pos + len(line)
        blank = not line.strip()
        indented = line.startswith(_CODE_INDENTS)
        if block_start >= 0:
            if blank or indented:
                block_end = end if not blank else block_end
                pos = end + 1
                continue
            spans.append((block_start, block_end))
            block_start = -1
        if indented and not blank and after_blank and not in_list:
            block_start, block_end = pos, end
        elif not blank:
            in_list = bool(_LIST_ITEM.match(line)) or (in_list and line[:1] in " \t")
        after_blank = blank
        pos = end + 1
    if block_start >= 0:
        spans.append((block_start, block_end))
    return spans


def masked_spans(text: str, hay: Haystack | None = None) -> tuple[Span, ...]:
    """Raw spans of fenced, indented and inline code, HTML comments, escaped shortcodes,
    Liquid comments."""
    hay = hay or Haystack.of(text)
    fences = _fences(text) if hay.has_any(_FENCE_OPENERS) else []
    starts = [a for a, _ in fences]

    def in_fence(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < fences[i][1]

    extra: list[Span] = []
    for literal, opener, closer in _DELIMITED:
        if hay.has_any(literal):
            extra.extend(
                s
                for s in _delimited(text, opener, closer)
                if not in_fence(s[0]) and not text.startswith(_GUTENBERG, s[0])
            )
    if hay.has_any(_LIQUID):
        extra.extend(s for s in _liquid(text) if not in_fence(s[0]))
    if "`" in text:
        extra.extend(m.span() for m in _INLINE_CODE.finditer(text) if not in_fence(m.start()))
    if hay.has_any(_INDENT_MARKS) or text.startswith(_CODE_INDENTS):
        extra.extend(s for s in _indented_code(text) if not in_fence(s[0]))
    return tuple(sorted(fences + extra))
