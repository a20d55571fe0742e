"""HTML tokens with offsets, and the visible text of a page mapped back to them.

Built on the standard library's tokenizer (`html.parser`), never on regular
expressions over markup. Entities are decoded in the visible text only; every
token keeps its offsets into the original input.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import attrs

from .offsets import OffsetMap, OffsetMapBuilder

Span = tuple[int, int]

_SKIP_CONTENT = frozenset({"script", "style", "noscript", "template", "title", "head", "svg"})
_MASK_CONTENT = frozenset({"pre", "code", "textarea", "kbd", "samp"})
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
        "main", "nav", "ol", "p", "pre", "section", "table", "tr", "ul", "iframe",
    }
)  # fmt: skip
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


@attrs.frozen
class Token:
    kind: str  # "start", "end", "data", "entity", "comment", "other"
    start: int
    end: int
    tag: str = ""
    attrs: tuple[tuple[str, str], ...] = ()
    data: str = ""

    def attr(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None

    @property
    def classes(self) -> frozenset[str]:
        return frozenset((self.attr("class") or "").split())


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

    def handle_endtag(self, tag: str) -> None:
        start = self._pos()
        self.tokens.append(Token("end", start, self._close(start), tag))

    def handle_data(self, data: str) -> None:
        start = self._pos()
        self.tokens.append(Token("data", start, start + len(data), data=data))

    def _entity(self, raw_prefix: str, name: str) -> None:
        start = self._pos()
        end = start + len(raw_prefix) + len(name)
        if self.text.startswith(";", end):
            end += 1
        raw = self.text[start:end]
        decoded = html.unescape(raw if raw.endswith(";") else raw + ";")
        self.tokens.append(Token("entity", start, end, data=decoded))

    def handle_entityref(self, name: str) -> None:
        self._entity("&", name)

    def handle_charref(self, name: str) -> None:
        self._entity("&#", name)

    def handle_comment(self, data: str) -> None:
        start = self._pos()
        end = self.text.find("-->", start)
        self.tokens.append(
            Token("comment", start, len(self.text) if end < 0 else end + 3, data=data)
        )

    def handle_decl(self, decl: str) -> None:
        start = self._pos()
        self.tokens.append(Token("other", start, self._close(start)))

    handle_pi = handle_decl
    unknown_decl = handle_decl


def tokenize(text: str) -> tuple[Token, ...]:
    parser = _Collector(text)
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError):  # malformed markup: keep what was read
        pass
    return tuple(parser.tokens)


@attrs.frozen
class VisibleText:
    text: str
    map: OffsetMap
    masked: tuple[Span, ...]  # raw spans of code, pre, comments


def visible_text(raw: str, tokens: tuple[Token, ...], lo: int = 0, hi: int | None = None) -> VisibleText:
    """What a reader sees of raw[lo:hi]: tags removed, entities decoded, spaces collapsed.

    Block elements and `<br>` become line breaks; a blank line separates paragraphs.
    """
    hi = len(raw) if hi is None else hi
    out: list[str] = []
    builder = OffsetMapBuilder()
    masked: list[Span] = []
    skip_depth = 0
    skip_tag = ""
    mask_start = -1
    mask_tag = ""
    last = "\n"  # what the visible text ends with, for collapsing

    def emit(piece: str, raw_start: int, raw_len: int) -> None:
        nonlocal last
        out.append(piece)
        builder.add(raw_start, raw_len, len(piece))
        last = piece[-1]

    def emit_break(at: int, lines: int) -> None:
        nonlocal last
        have = 0
        for chunk in reversed(out[-3:]):
            stripped = chunk.rstrip("\n")
            have += len(chunk) - len(stripped)
            if stripped:
                break
        if not out or have >= lines:
            return
        if out and out[-1].endswith(" "):
            out[-1] = out[-1][:-1] or ""
            builder.length -= 1
            builder._dn[-1] -= 1  # noqa: SLF001 - builder and text shrink together
            builder._rn[-1] -= 1 if builder._rn[-1] > 0 else 0  # noqa: SLF001
        emit("\n" * (lines - have), at, 0)

    for tok in tokens:
        if tok.end <= lo or tok.start >= hi:
            continue
        if skip_depth:
            if tok.kind == "end" and tok.tag == skip_tag:
                skip_depth -= 1
            elif tok.kind == "start" and tok.tag == skip_tag:
                skip_depth += 1
            continue
        if tok.kind == "start":
            if tok.tag in _SKIP_CONTENT and tok.tag not in _VOID:
                skip_depth, skip_tag = 1, tok.tag
                continue
            if tok.tag in _MASK_CONTENT and mask_start < 0:
                mask_start, mask_tag = tok.start, tok.tag
            if tok.tag == "br":
                emit_break(tok.start, 1)
            elif tok.tag in _BLOCK:
                emit_break(tok.start, 2 if tok.tag in ("p", "blockquote") else 1)
        elif tok.kind == "end":
            if tok.tag == mask_tag and mask_start >= 0:
                masked.append((mask_start, tok.end))
                mask_start = -1
            if tok.tag in _BLOCK:
                emit_break(tok.start, 2 if tok.tag in ("p", "blockquote") else 1)
        elif tok.kind == "comment":
            masked.append((tok.start, tok.end))
        elif tok.kind == "entity":
            piece = tok.data.replace("\u00a0", " ") if tok.data == "\u00a0" else tok.data
            if piece.isspace():
                if last not in " \n":
                    emit(" ", tok.start, tok.end - tok.start)
            else:
                emit(piece, tok.start, tok.end - tok.start)
        elif tok.kind == "data":
            _emit_data(tok, emit, lambda: last)
    if mask_start >= 0:
        masked.append((mask_start, hi))
    return VisibleText("".join(out), builder.build(len(raw)), tuple(masked))


def _emit_data(tok: Token, emit: object, last: object) -> None:
    """Whitespace runs in text collapse to one space, as a browser renders them."""
    data = tok.data
    pos = 0
    n = len(data)
    while pos < n:
        if data[pos] in " \t\r\n\f":
            run_end = pos
            while run_end < n and data[run_end] in " \t\r\n\f":
                run_end += 1
            if last() not in " \n":  # type: ignore[operator]
                emit(" ", tok.start + pos, run_end - pos)  # type: ignore[operator]
            pos = run_end
        else:
            run_end = pos
            while run_end < n and data[run_end] not in " \t\r\n\f":
                run_end += 1
            emit(data[pos:run_end], tok.start + pos, run_end - pos)  # type: ignore[operator]
            pos = run_end
