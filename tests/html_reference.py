"""The former `html.parser`-based reader, kept as the reference that the fast tokenizer
and `visible_text` in `html.py` are tested against (tests/test_html_tokenizer.py).

Not used at run time. It is quadratic on some inputs and about four times slower.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# The element tables are the reader's own: what is compared is how they are applied.
from socialcheck.read.html import _BLOCK, _MASK_CONTENT, _SKIP_CONTENT, Token, VisibleText
from socialcheck.read.offsets import OffsetMapBuilder

Span = tuple[int, int]


class _Collector(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.tokens: list[Token] = []
        self._line_starts = [0]
        at = text.find("\n")
        while at >= 0:
            self._line_starts.append(at + 1)
            at = text.find("\n", at + 1)

    def _pos(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _close(self, start: int) -> int:
        end = self.text.find(">", start)
        return len(self.text) if end < 0 else end + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._pos()
        raw = self.get_starttag_text() or ""
        pairs = tuple((k, html.unescape(v or "")) for k, v in attrs)
        self.tokens.append(Token("start", start, start + len(raw), tag, pairs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.tokens[-1] = self.tokens[-1]._replace(self_closing=True)

    def handle_endtag(self, tag: str) -> None:
        start = self._pos()
        self.tokens.append(Token("end", start, self._close(start), tag))

    def handle_data(self, data: str) -> None:
        start = self._pos()
        end = start + len(data)
        # From the original: the tokenizer read a copy with stray `<` defused.
        self.tokens.append(Token("data", start, end, data=self.text[start:end]))

    def _entity(self, raw_prefix: str, name: str) -> None:
        start = self._pos()
        end = start + len(raw_prefix) + len(name)
        if self.text.startswith(";", end):
            end += 1
        raw = self.text[start:end]
        decoded = html.unescape(raw)
        if decoded == raw:  # not a character reference after all ("&two words"): text
            self.tokens.append(Token("data", start, end, data=raw))
        else:
            self.tokens.append(Token("entity", start, end, data=decoded))

    def handle_entityref(self, name: str) -> None:
        self._entity("&", name)

    def handle_charref(self, name: str) -> None:
        self._entity("&#", name)

    def handle_comment(self, data: str) -> None:
        start = self._pos()
        close = start + 4 + len(data)
        if self.text.startswith("<!--", start) and self.text.startswith("-->", close):
            end = close + 3
        else:
            # A bogus comment (`<!foo>`, `</ …>`) ends at the first `>`; an unclosed one at the end.
            end = self._close(start)
        self.tokens.append(Token("comment", start, end, data=data))

    def _other(self) -> None:
        start = self._pos()
        self.tokens.append(Token("other", start, self._close(start)))

    def handle_decl(self, decl: str) -> None:
        self._other()

    def handle_pi(self, data: str) -> None:
        self._other()

    def unknown_decl(self, data: str) -> None:
        self._other()


def _defused(text: str) -> str:
    """`text` with every `<` that cannot open a tag replaced by a space (same length).

    The standard tokenizer rescans to the end of the input for each `<` that has no
    `>` before the next `<`, which is quadratic on hostile input; such a `<` is text
    anyway. Comments are kept when a `-->` follows somewhere.
    """
    if "<" not in text:
        return text
    last_close = text.rfind("-->")
    chars: list[str] | None = None
    next_gt = -1
    pos = text.find("<")
    while pos >= 0:
        next_lt = text.find("<", pos + 1)
        if next_gt != -2 and next_gt <= pos:
            found = text.find(">", pos + 1)
            next_gt = found if found >= 0 else -2
        opens = text.startswith("<!--", pos) and pos < last_close
        closes_in_time = next_gt >= 0 and (next_lt < 0 or next_gt < next_lt)
        if not (opens or closes_in_time):
            if chars is None:
                chars = list(text)
            chars[pos] = " "
        pos = next_lt
    return text if chars is None else "".join(chars)


def tokenize(text: str) -> tuple[Token, ...]:
    parser = _Collector(text)
    try:
        parser.feed(_defused(text))
        parser.close()
    except (AssertionError, ValueError):  # malformed markup: keep what was read
        pass
    return tuple(parser.tokens)


class _VisibleBuilder:
    """Collapses white space the way a browser does, deferring it until text follows."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.map = OffsetMapBuilder()
        self._space_at: int | None = None
        self._space_len = 0
        self._breaks = 0
        self._break_at = 0

    def space(self, raw_start: int, raw_len: int) -> None:
        if self._space_at is None:
            self._space_at, self._space_len = raw_start, raw_len

    def line_break(self, raw_at: int, lines: int) -> None:
        if lines > self._breaks:
            self._breaks, self._break_at = lines, raw_at

    def text(self, piece: str, raw_start: int, raw_len: int) -> None:
        if self.parts:
            if self._breaks:
                self._add("\n" * self._breaks, self._break_at, 0)
            elif self._space_at is not None:
                self._add(" ", self._space_at, self._space_len)
        self._space_at, self._breaks = None, 0
        self._add(piece, raw_start, raw_len)

    def _add(self, piece: str, raw_start: int, raw_len: int) -> None:
        self.parts.append(piece)
        self.map.add(raw_start, raw_len, len(piece))


_WS = " \t\r\n\f"
_WS_RUN = re.compile(r"[ \t\r\n\f]{2,}|[\t\r\n\f]")


def visible_text(raw: str, tokens: tuple[Token, ...]) -> VisibleText:
    out = _VisibleBuilder()
    masked: list[Span] = []
    skip_depth = 0
    skip_tag = ""
    mask_start = -1
    mask_tag = ""
    for tok in tokens:
        if skip_depth:
            if tok.kind == "end" and tok.tag == skip_tag:
                skip_depth -= 1
            elif tok.kind == "start" and tok.tag == skip_tag:
                skip_depth += 1
            continue
        if tok.kind in ("start", "end"):
            if tok.kind == "start" and tok.tag in _SKIP_CONTENT and not tok.self_closing:
                skip_depth, skip_tag = 1, tok.tag
                continue
            if tok.kind == "start" and tok.tag in _MASK_CONTENT and mask_start < 0:
                mask_start, mask_tag = tok.start, tok.tag
            elif tok.kind == "end" and tok.tag == mask_tag and mask_start >= 0:
                masked.append((mask_start, tok.end))
                mask_start = -1
            if tok.tag == "br" and tok.kind == "start":
                out.line_break(tok.start, 1)
            elif tok.tag in _BLOCK:
                out.line_break(tok.start, 2 if tok.tag in ("p", "blockquote") else 1)
        elif tok.kind == "comment":
            if not raw.startswith("<!-- wp:", tok.start):
                masked.append((tok.start, tok.end))
        elif tok.kind == "entity":
            if tok.data.isspace():
                out.space(tok.start, tok.end - tok.start)
            else:
                out.text(tok.data, tok.start, tok.end - tok.start)
        elif tok.kind == "data":
            _data(tok, out)
    if mask_start >= 0:
        masked.append((mask_start, len(raw)))
    return VisibleText("".join(out.parts), out.map.build(len(raw)), tuple(masked))


def _data(tok: Token, out: _VisibleBuilder) -> None:
    data = tok.data
    lo, hi = 0, len(data)
    while lo < hi and data[lo] in _WS:
        lo += 1
    if lo:
        out.space(tok.start, lo)
    if lo == hi:
        return
    while data[hi - 1] in _WS:
        hi -= 1
    pos = lo
    for m in _WS_RUN.finditer(data, lo, hi):
        out.text(data[pos : m.start()], tok.start + pos, m.start() - pos)
        out.space(tok.start + m.start(), m.end() - m.start())
        pos = m.end()
    out.text(data[pos:hi], tok.start + pos, hi - pos)
    if hi < len(data):
        out.space(tok.start + hi, len(data) - hi)
