"""HTML tokens with offsets, and the visible text of a page mapped back to them.

The tokenizer (`_html_tokenizer`) follows the standard library's `html.parser` state
by state and gives the tokens it gave, in linear time; never regular expressions over
markup. Entities are decoded in the visible text only; every token keeps its offsets
into the original input.
"""

from __future__ import annotations

import re

import attrs

from ._html_tokenizer import Token, tokenize
from .offsets import OffsetMap

__all__ = ["Token", "VisibleText", "tokenize", "visible_text"]

Span = tuple[int, int]

# Elements whose content is never shown. Not `head`: its end tag is optional, and
# what it holds that is not shown (title, script, style) is skipped anyway.
_SKIP_CONTENT = frozenset({"script", "style", "noscript", "template", "title", "svg"})
_MASK_CONTENT = frozenset({"pre", "code", "textarea", "kbd", "samp"})
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
        "main", "nav", "ol", "p", "pre", "section", "table", "tr", "ul", "iframe",
    }
)  # fmt: skip
# Line breaks a tag stands for: paragraphs and blockquotes are set apart by a blank line.
_END_BREAKS = {tag: 2 if tag in ("p", "blockquote") else 1 for tag in _BLOCK}
_START_BREAKS = {**_END_BREAKS, "br": 1}
_SKIP_OR_MASK = _SKIP_CONTENT | _MASK_CONTENT


@attrs.frozen
class VisibleText:
    text: str
    map: OffsetMap
    masked: tuple[Span, ...]  # raw spans of code, pre, comments


_WS = " \t\r\n\f"
# What makes white space collapse: two characters of it, or one that is not a space.
_COLLAPSING = ("\n", "  ", "\t", "\r", "\f")
_WS_SPAN = re.compile(r"[ \t\r\n\f]+")
_NEWLINES = ("", "\n", "\n\n")

# One step of a text token: (text, raw start, raw length), or (None, …) for white space.
_Step = tuple["str | None", int, int]


def visible_text(raw: str, tokens: tuple[Token, ...]) -> VisibleText:
    """What a reader sees of `raw`: tags removed, entities decoded, spaces collapsed.

    Block elements and `<br>` become line breaks; paragraphs and blockquotes are
    separated by a blank line. The contents of script, style and similar elements
    are not visible; code, pre and comments are reported as masked spans.

    White space is collapsed the way a browser does: it is held back until text
    follows (a line break wins over a space), so none leads or trails.

    One loop over the tokens with all state in local variables: it runs for every
    token of every page, and a method call per token would double its time.
    """
    parts: list[str] = []
    # The offset map's runs (see OffsetMap), in lists of ints, which the garbage
    # collector does not track; and the raw end of the last run when it is plain text
    # that the next piece may extend (-1: it is not).
    run_d: list[int] = []
    run_r: list[int] = []
    run_dn: list[int] = []
    run_rn: list[int] = []
    length, plain_end = 0, -1
    space_at, space_len, breaks, break_at = -1, 0, 0, 0
    masked: list[Span] = []
    skip_depth, skip_tag, mask_start, mask_tag = 0, "", -1, ""
    for kind, start, end, tag, _, data, closing in tokens:
        if skip_depth:
            if tag == skip_tag:
                if kind == "end":
                    skip_depth -= 1
                elif kind == "start":
                    skip_depth += 1
            continue
        steps: tuple[_Step, ...] | list[_Step]
        if kind == "data":
            if not data:
                continue
            if (
                data[0] in _WS
                or data[-1] in _WS
                or "\n" in data
                or "  " in data
                or "\t" in data
                or "\r" in data
                or "\f" in data
            ):
                if not data.strip(_WS):  # only white space: held back
                    if space_at < 0:
                        space_at, space_len = start, len(data)
                    continue
                steps = _steps(data, start)
            else:
                steps = ((data, start, len(data)),)
        elif kind == "entity":
            steps = ((None if data.isspace() else data, start, end - start),)
        elif kind == "start":
            if tag in _SKIP_OR_MASK:
                if tag in _SKIP_CONTENT and not closing:
                    skip_depth, skip_tag = 1, tag
                    continue
                if tag in _MASK_CONTENT and mask_start < 0:
                    mask_start, mask_tag = start, tag
            lines = _START_BREAKS.get(tag, 0)
            if lines > breaks:
                breaks, break_at = lines, start
            continue
        elif kind == "end":
            if mask_start >= 0 and tag == mask_tag:
                masked.append((mask_start, end))
                mask_start = -1
            lines = _END_BREAKS.get(tag, 0)
            if lines > breaks:
                breaks, break_at = lines, start
            continue
        else:
            if kind == "comment" and not raw.startswith("<!-- wp:", start):
                masked.append((start, end))  # not Gutenberg blocks: they carry embeds
            continue
        for piece, raw_start, raw_len in steps:
            if piece is None:
                if space_at < 0:
                    space_at, space_len = raw_start, raw_len
                continue
            if parts:  # what separates this piece from the text before it
                if breaks:  # stands at the tag, zero-width in the raw text
                    parts.append(_NEWLINES[breaks])
                    run_d.append(length)
                    run_r.append(break_at)
                    run_dn.append(breaks)
                    run_rn.append(0)
                    length += breaks
                    plain_end = -1
                elif space_at >= 0:
                    parts.append(" ")
                    if space_len == 1 and space_at == plain_end:
                        run_dn[-1] += 1
                        run_rn[-1] += 1
                    else:
                        run_d.append(length)
                        run_r.append(space_at)
                        run_dn.append(1)
                        run_rn.append(space_len)
                    plain_end = space_at + 1 if space_len == 1 else -1
                    length += 1
            space_at, breaks = -1, 0
            parts.append(piece)
            n = len(piece)
            if n:
                if n == raw_len and raw_start == plain_end:
                    run_dn[-1] += n
                    run_rn[-1] += n
                else:
                    run_d.append(length)
                    run_r.append(raw_start)
                    run_dn.append(n)
                    run_rn.append(raw_len)
                plain_end = raw_start + n if n == raw_len else -1
                length += n
    if mask_start >= 0:
        masked.append((mask_start, len(raw)))
    offsets = OffsetMap(tuple(run_d), tuple(run_r), tuple(run_dn), tuple(run_rn), len(raw))
    return VisibleText("".join(parts), offsets, tuple(masked))


def _steps(data: str, start: int) -> list[_Step]:
    """The pieces and white-space runs of a text token that holds some text. Single
    spaces stay inside a piece; every other run of white space is one step."""
    n = len(data)
    lo = n - len(data.lstrip(_WS)) if data[0] in _WS else 0
    hi = len(data.rstrip(_WS)) if data[-1] in _WS else n
    steps: list[_Step] = [(None, start, lo)] if lo else []
    pos = lo
    for at, end in _runs(data, lo, hi):
        steps.append((data[pos:at], start + pos, at - pos))
        steps.append((None, start + at, end - at))
        pos = end
    steps.append((data[pos:hi], start + pos, hi - pos))
    if hi < n:
        steps.append((None, start + hi, n - hi))
    return steps


def _runs(data: str, lo: int, hi: int) -> list[Span]:
    """The collapsing white-space runs inside data[lo:hi], which starts and ends with
    text. Found with `str.find`: a regular expression is several times slower here."""
    runs: list[Span] = []
    find = data.find
    if "  " not in data and "\t" not in data and "\r" not in data and "\f" not in data:
        at = find("\n", lo, hi)  # the usual case: newlines are all there is
        while at >= 0:
            if data[at - 1] == " ":
                at -= 1
            end = _run_end(data, at)
            runs.append((at, end))
            at = find("\n", end, hi)
        return runs
    nexts = [hi if (at := find(c, lo, hi)) < 0 else at for c in _COLLAPSING]
    while (at := min(nexts)) < hi:
        if data[at - 1] == " ":  # a single space before a newline or tab belongs to the run
            at -= 1
        end = _run_end(data, at)
        runs.append((at, end))
        for k, c in enumerate(_COLLAPSING):
            if nexts[k] < end:
                found = find(c, end, hi)
                nexts[k] = hi if found < 0 else found
    return runs


def _run_end(data: str, at: int) -> int:
    m = _WS_SPAN.match(data, at)
    return at if m is None else m.end()
