"""A linear-time HTML tokenizer with source offsets: the tokens of `html.parser`, faster.

It walks the states of the standard library's tokenizer (data, tag open, end tag open,
tag name, attribute name and value, self-closing, markup declarations: comments, bogus
comments, DOCTYPE, marked sections such as CDATA, processing instructions; raw text for
script and style) and gives the same tokens that `HTMLParser(convert_charrefs=False)`
gave `read/html.py`, including the way it resumes after malformed markup (that reader
is kept as `tests/html_reference.py` for differential tests). Each state is scanned
with `str.find` or a small regular expression anchored at the current position, never
one over the whole document.

What the standard tokenizer rescans for every candidate (the next `>`, a comment's
`-->`, a quote's partner, a marked section's end) is looked up through `_Next`, which
remembers the last answer; so no input makes it quadratic. A `<` that has no `>`
before the next `<` cannot open a tag (the old reader overwrote it with a space before
tokenizing): here it stays text, decided at the `<` itself.
"""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import Callable
from typing import NamedTuple, TypeVar

_T = TypeVar("_T")


class Token(NamedTuple):
    """One piece of markup or text, with its offsets into the original input.

    A named tuple: immutable and cheap to create, which matters at one per tag.
    """

    kind: str  # "start", "end", "data", "entity", "comment", "other"
    start: int
    end: int
    tag: str = ""
    attrs: tuple[tuple[str, str], ...] = ()
    data: str = ""
    self_closing: bool = False  # `<svg/>`: a start tag with no content to skip

    def attr(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None

    @property
    def classes(self) -> frozenset[str]:
        return frozenset((self.attr("class") or "").split())


Attrs = tuple[tuple[str, str], ...]
_new = tuple.__new__  # builds a Token without the Python-level NamedTuple __new__

# The common tokens, each up to its first `>` (no `<` inside, so the `<` opens markup),
# with the text before them: one match for both. The token is optional, so that a run
# of text followed by something else (or nothing) matches as it is: an alternative
# for it would first backtrack through the whole run, character by character.
_FAST = re.compile(
    r"[^<&]*(?:(<[a-zA-Z][^<>]*>)|(</[^<>]*>)|(&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);))?"
)
_START, _END = 1, 2

# The standard tokenizer's sub-patterns (html/parser.py), one state each.
_TAG_NAME = re.compile(r"[a-zA-Z][^\t\n\r\f />\x00]*")
_BEFORE_ATTRS = re.compile(r"[\s/]*")
_ATTR_SEP = re.compile(r"(?:\s|/(?!>))*")
_ATTR_NAME = re.compile(r"[^\s/>][^\s/=>]*")
_SPACES = re.compile(r"\s*")
_EQUALS = re.compile(r"=+")
_BARE_VALUE = re.compile(r"[^>\s]*")
_END_TAG = re.compile(r"</\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>")
_END_TAG_LOOSE = re.compile(r"([a-zA-Z][^\t\n\r\f />\x00]*)")
_ENTITY_NAME = re.compile(r"[a-zA-Z][-.a-zA-Z0-9]*")
_DIGITS = re.compile(r"[0-9]*")
_HEX = re.compile(r"[0-9a-fA-F]*")
_DECL_NAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*\s*")
_COMMENT_CLOSE = re.compile(r"--\s*>")
_SECTION_CLOSE = re.compile(r"]\s*]\s*>")
_MS_SECTION_CLOSE = re.compile(r"]\s*>")
# A `<` whose next `<` comes before its next `>`: text (unless it opens a comment).
_STRAY_LT = re.compile(r"<(?=[^<>]*(?:<|\Z))")

_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_INCOMPLETE_AFTER = _LETTERS | {"=", "/"}
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_RAW_TEXT = {  # html.parser's CDATA_CONTENT_ELEMENTS and how each one ends
    "script": re.compile(r"</\s*script\s*>", re.IGNORECASE),
    "style": re.compile(r"</\s*style\s*>", re.IGNORECASE),
}
_SECTIONS = frozenset({"temp", "cdata", "ignore", "include", "rcdata"})
_MS_SECTIONS = frozenset({"if", "else", "endif"})

# Parses of a tag's text, shared across calls: pages repeat the same few tags. Bounded
# in entries and in key length (a tag may hold a 100 KB `data:` URI).
_MEMO_LIMIT = 20_000
_MEMO_KEY_LIMIT = 300
_StartParse = tuple[str, Attrs, bool, "re.Pattern[str] | None"]
_start_memo: dict[str, _StartParse] = {}
_end_memo: dict[str, tuple[str, str]] = {}
_entity_memo: dict[str, tuple[str, str]] = {}


def _remember(memo: dict[str, _T], key: str, value: _T) -> _T:
    if len(key) <= _MEMO_KEY_LIMIT:
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        memo[key] = value
    return value


class _Stop(Exception):
    """The standard tokenizer gave up here (it kept the tokens read so far)."""


class _Next:
    """The first match at or after a position, remembered while positions advance.

    The standard tokenizer searches again from every candidate; when nothing follows,
    each search runs to the end of the input.
    """

    __slots__ = ("_after", "_found", "_search")

    def __init__(self, search: Callable[[int], int]) -> None:
        self._search = search
        self._after = -1  # nothing remembered yet
        self._found = -1

    def __call__(self, pos: int) -> int:
        after, found = self._after, self._found
        if 0 <= after <= pos and (found < 0 or pos <= found):
            return found
        found = self._search(pos)
        self._after, self._found = pos, found
        return found


def _char_finder(text: str, char: str) -> _Next:
    return _Next(lambda pos: text.find(char, pos))


def _regex_finder(text: str, pattern: re.Pattern[str]) -> tuple[_Next, dict[int, int]]:
    """A `_Next` over match starts, and the end of each match found (by start)."""
    ends: dict[int, int] = {}

    def search(pos: int) -> int:
        m = pattern.search(text, pos)
        if m is None:
            return -1
        ends[m.start()] = m.end()
        return m.start()

    return _Next(search), ends


def _skip(pattern: re.Pattern[str], src: str, pos: int) -> int:
    """Where `pattern`, which may match nothing, stops when matched at pos."""
    m = pattern.match(src, pos)
    return pos if m is None else m.end()


def _attr_value(value: str | None) -> str:
    # Unescaped twice, as before: html.parser did it once, the reader once more.
    if not value:
        return ""
    return html.unescape(html.unescape(value)) if "&" in value else value


def _entity_token(raw: str) -> tuple[str, str]:
    decoded = html.unescape(raw)
    return ("data", raw) if decoded == raw else ("entity", decoded)


def _end_tag_parse(raw: str) -> tuple[str, str]:
    """(kind, tag or comment text) of `</…>` up to its first `>`; kind "" for `</>`."""
    m = _END_TAG.match(raw)
    if m:
        return "end", m.group(1).lower()
    m = _END_TAG_LOOSE.match(raw, 2)
    if m:
        return "end", m.group(1).lower()
    if raw == "</>":
        return "", ""
    return "comment", raw[2:-1]  # `</ x>`, `</3>`: a bogus comment


class _Tokenizer:
    """One pass over `text`. `pend` is where pending text started (-1: none): text runs
    on over any `<` that cannot open markup, as html.parser read it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.out: list[Token] = []
        self.pend = -1
        # html.parser was fed the input, then closed: the first construct it could not
        # finish paused the feed, and a bad `&#` ends the parse only after that.
        self.closing = False
        self._defused: str | None = None
        self._last_comment_close: int | None = None
        self.next_gt = _char_finder(text, ">")
        self._quote = {q: _char_finder(text, q) for q in "\"'"}
        self._closes = {
            p: _regex_finder(text, p) for p in (_COMMENT_CLOSE, _SECTION_CLOSE, _MS_SECTION_CLOSE)
        }
        # While parsing a start tag: the farthest closing quote, and any unclosed one.
        self._reach = -1
        self._open_quote = False

    # ------------------------------------------------------------------ main loop

    def run(self) -> tuple[Token, ...]:
        with contextlib.suppress(_Stop):
            self._loop()
        return tuple(self.out)

    def _loop(self) -> None:
        text, n = self.text, self.n
        emit = self.out.append
        # _FAST matches at every position (its parts are optional).
        match: Callable[[str, int], re.Match[str]] = _FAST.match  # type: ignore[assignment]
        starts, ends, entities = _start_memo, _end_memo, _entity_memo
        i, pend = 0, -1
        while i < n:
            m = match(text, i)
            group = m.lastindex
            if group is None:
                if m.end() == i:
                    # Markup the common patterns do not cover, or a stray `<`.
                    self.pend = pend
                    i = self._other_markup(i)
                    pend = self.pend
                else:  # text up to markup that the slow path reads, or to the end
                    if pend < 0:
                        pend = i
                    i = m.end()
                continue
            at, e = m.span(group)
            if at > i or pend >= 0:
                if pend < 0:
                    pend = i
                emit(_new(Token, ("data", pend, at, "", (), text[pend:at], False)))
                pend = -1
            i = at
            raw = text[at:e]
            if group == _START:
                hit = starts.get(raw)
                if hit is None:
                    i = self._start_tag(i, e)
                    continue
                tag, attrs, closing, raw_end = hit
                emit(_new(Token, ("start", i, e, tag, attrs, "", closing)))
                i = e if raw_end is None else self._raw_text(e, tag, raw_end)
            elif group == _END:
                kind, value = ends.get(raw) or _remember(ends, raw, _end_tag_parse(raw))
                if kind == "end":
                    emit(_new(Token, ("end", i, e, value, (), "", False)))
                elif kind:
                    emit(_new(Token, ("comment", i, e, "", (), value, False)))
                i = e
            else:
                kind, value = entities.get(raw) or _remember(entities, raw, _entity_token(raw))
                emit(_new(Token, (kind, i, e, "", (), value, False)))
                i = e
        if pend >= 0:
            emit(_new(Token, ("data", pend, n, "", (), text[pend:n], False)))

    # ------------------------------------------------------------------ helpers

    def _data(self, start: int, end: int) -> None:
        self.out.append(_new(Token, ("data", start, end, "", (), self.text[start:end], False)))

    def _token(self, kind: str, start: int, end: int, data: str = "") -> None:
        self.out.append(_new(Token, (kind, start, end, "", (), data, False)))

    def _flush(self, i: int) -> None:
        if self.pend >= 0:
            self._data(self.pend, i)
            self.pend = -1

    def _stop(self, rest_from: int | None = None) -> int:
        """End the parse, the rest of the input (if given) as one piece of text."""
        if rest_from is not None and rest_from < self.n:
            self._data(rest_from, self.n)
        raise _Stop

    def _close(self, start: int) -> int:
        """Where the reader ended the markup at `start`: after its first `>`."""
        end = self.next_gt(start + 1)
        return self.n if end < 0 else end + 1

    def _defused_slice(self, start: int, end: int) -> str:
        """text[start:end] as html.parser saw it: a `<` that opens nothing is a space."""
        piece = self.text[start:end]
        return piece if "<" not in piece else self._defused_text()[start:end]

    def _defused_text(self) -> str:
        if self._defused is None:
            text = self.text
            if _STRAY_LT.search(text) is None:
                self._defused = text
            else:
                self._defused = _STRAY_LT.sub(
                    lambda m: "<" if self._opens_comment(m.start()) else " ", text
                )
        return self._defused

    def _opens_comment(self, i: int) -> bool:
        if self._last_comment_close is None:
            self._last_comment_close = self.text.rfind("-->")
        return self.text.startswith("<!--", i) and i < self._last_comment_close

    def _opens_markup(self, i: int) -> bool:
        """Whether the `<` at i is markup: a `>` comes before the next `<`, or it opens
        a comment that a later `-->` closes."""
        gt = self.next_gt(i + 1)
        if gt >= 0 and self.text.find("<", i + 1, gt) < 0:
            return True
        return self._opens_comment(i)

    def _search(self, pattern: re.Pattern[str], pos: int) -> tuple[int, int]:
        finder, ends = self._closes[pattern]
        start = finder(pos)
        return (start, ends[start]) if start >= 0 else (-1, -1)

    def _unfinished(self, i: int) -> int:
        """Markup at i that html.parser could not finish: text up to its first `>`."""
        self.closing = True
        end = self.next_gt(i + 1)
        if end >= 0:
            end += 1
        else:
            end = self.text.find("<", i + 1)
            if end < 0:
                end = i + 1
        self._data(i, end)
        return end

    # ------------------------------------------------------------------ markup

    def _other_markup(self, i: int) -> int:
        text = self.text
        if text[i] == "&":
            self._flush(i)
            return self._char_ref(i) if text.startswith("&#", i) else self._entity_ref(i)
        if not self._opens_markup(i):
            if self.pend < 0:
                self.pend = i
            return i + 1
        self._flush(i)
        nxt = text[i + 1 : i + 2]
        if nxt in _LETTERS:
            return self._start_tag(i, self.next_gt(i + 1) + 1)
        if nxt == "/":
            return self._end_tag(i)
        if text.startswith("<!--", i):
            return self._comment(i)
        if nxt == "?":
            return self._processing_instruction(i)
        if nxt == "!":
            return self._declaration(i)
        if i + 1 < self.n:  # `< `, `<3`: text
            self._data(i, i + 1)
            return i + 1
        return self._stop(i)

    def _end_tag(self, i: int) -> int:
        gt = self.next_gt(i + 1)
        if gt < 0:
            return self._unfinished(i)
        raw = self.text[i : gt + 1]
        kind, value = _end_memo.get(raw) or _remember(_end_memo, raw, _end_tag_parse(raw))
        if kind == "end":
            self.out.append(_new(Token, ("end", i, gt + 1, value, (), "", False)))
        elif kind:
            self._token("comment", i, gt + 1, self._defused_slice(i + 2, gt))
        return gt + 1

    def _comment(self, i: int) -> int:
        close, after = self._search(_COMMENT_CLOSE, i + 4)
        if close < 0:
            return self._unfinished(i)
        # The reader ended a comment closed by `-- >` at its first `>`.
        end = close + 3 if self.text.startswith("-->", close) else self._close(i)
        self._token("comment", i, end, self._defused_slice(i + 4, close))
        return after

    def _processing_instruction(self, i: int) -> int:
        gt = self.next_gt(i + 2)
        if gt < 0:
            return self._unfinished(i)
        self._token("other", i, self._close(i))
        return gt + 1

    def _declaration(self, i: int) -> int:
        text = self.text
        if text.startswith("<![", i):
            return self._marked_section(i)
        if text[i : i + 9].lower() == "<!doctype":
            gt = self.next_gt(i + 9)
            if gt < 0:
                return self._unfinished(i)
            self._token("other", i, self._close(i))
            return gt + 1
        gt = self.next_gt(i + 2)
        if gt < 0:
            return self._unfinished(i)
        self._token("comment", i, self._close(i), self._defused_slice(i + 2, gt))  # `<!x>`
        return gt + 1

    def _marked_section(self, i: int) -> int:
        """`<![CDATA[…]]>`, `<![if …]>`: anything else made html.parser give up."""
        at = i + 3
        if at == self.n:
            return self._unfinished(i)
        m = _DECL_NAME.match(self.text, at)
        if m is None:
            return self._stop()
        if m.end() == self.n:
            return self._unfinished(i)
        name = m.group().strip().lower()
        if name in _SECTIONS:
            close, after = self._search(_SECTION_CLOSE, at)
        elif name in _MS_SECTIONS:
            close, after = self._search(_MS_SECTION_CLOSE, at)
        else:
            return self._stop()
        if close < 0:
            return self._unfinished(i)
        self._token("other", i, self._close(i))
        return after

    def _raw_text(self, i: int, tag: str, ends: re.Pattern[str]) -> int:
        """Script or style content: text up to the closing tag (none: the rest is lost)."""
        m = ends.search(self.text, i)
        if m is None:
            return self._stop()
        close, after = m.span()
        if close > i:
            self._data(i, close)
        self.out.append(_new(Token, ("end", close, after, tag, (), "", False)))
        return after

    # ------------------------------------------------------------------ references

    def _char_ref(self, i: int) -> int:
        """`&#…`: a reference needs a character after its digits; else html.parser took
        `&#` as text and stopped reading (at the first such `&#` once closing)."""
        text = self.text
        at = i + 2
        if text[at : at + 1] in ("x", "X"):
            digits = _skip(_HEX, text, at + 1)
            found = digits > at + 1
        else:
            digits = _skip(_DIGITS, text, at)
            found = digits > at and text[digits : digits + 1] not in _HEX_DIGITS
        if found and digits < self.n:
            return self._reference(i, digits)
        if text.find(";", i) < 0:
            return self._stop(i)
        self._data(i, i + 2)
        if self.closing:
            return self._stop(i + 2)
        self.closing = True
        return i + 2

    def _entity_ref(self, i: int) -> int:
        text, n = self.text, self.n
        m = _ENTITY_NAME.match(text, i + 1)
        if m is None:  # `& `, `&;`: the `&` is text
            self._data(i, i + 1)
            return i + 1
        end = m.end()
        if end < n:
            return self._reference(i, end)
        # The name runs to the end of the input: it ends at its last `-` or `.` instead.
        cut = max(text.rfind("-", i + 2, end), text.rfind(".", i + 2, end))
        if cut >= 0:
            return self._reference(i, cut)
        return self._stop(i + 1 if n - i == 2 else i)

    def _reference(self, i: int, end: int) -> int:
        if self.text.startswith(";", end):
            end += 1
        raw = self.text[i:end]
        kind, value = _entity_memo.get(raw) or _remember(_entity_memo, raw, _entity_token(raw))
        self._token(kind, i, end, value)
        return end

    # ------------------------------------------------------------------ start tags

    def _start_tag(self, i: int, first_gt_end: int) -> int:
        """A start tag, parsed as html.parser did. Its parse is remembered by its text
        when it reads nothing past the tag's first `>`."""
        self._reach, self._open_quote = -1, False
        parsed = _parse_start_tag(self.text, i, self._find_quote)
        if self._reach >= first_gt_end:  # a quoted value ran past `>`: as html.parser read it
            parsed = _parse_start_tag(self._defused_text(), i, self._find_quote)
        end, tag, attrs, closing = parsed
        if end < 0:
            return self._unfinished(i)
        if tag is None:  # not a tag after all
            self._data(i, end)
            return end
        raw_end = None if closing else _RAW_TEXT.get(tag)
        if end == first_gt_end and self._reach < end and not self._open_quote:
            _remember(_start_memo, self.text[i:end], (tag, attrs, closing, raw_end))
        self.out.append(_new(Token, ("start", i, end, tag, attrs, "", closing)))
        return end if raw_end is None else self._raw_text(end, tag, raw_end)

    def _find_quote(self, quote: str, pos: int) -> int:
        found = self._quote[quote](pos)
        if found < 0:  # the parse depends on all that follows: not remembered
            self._open_quote = True
        self._reach = max(self._reach, found)
        return found


_ParsedStart = tuple[int, "str | None", Attrs, bool]


def _parse_start_tag(src: str, i: int, find_quote: Callable[[str, int], int]) -> _ParsedStart:
    """(end, tag, attrs, self-closing) of the start tag at i; end -1: unfinished; tag
    None: not a tag but text up to end.

    html.parser located the tag's end with one pattern (`locatestarttagend_tolerant`)
    and read its attributes with another; both are followed here one state at a time.
    """
    name_end = _skip(_TAG_NAME, src, i + 1)
    tag = src[i + 1 : name_end].lower()
    after_name = _skip(_ATTR_SEP, src, name_end)
    pos = _skip(_BEFORE_ATTRS, src, name_end)
    attrs: list[tuple[str, str]] = []
    while True:
        attr = _attribute(src, pos, find_quote)
        if attr is None:
            break
        name, value, pos = attr
        attrs.append((name, _attr_value(value)))
    end = _tag_end(src, i, _skip(_SPACES, src, pos))
    if end < 0:
        return -1, None, (), False
    rest = src[pos if attrs else after_name : end].strip()
    if rest not in (">", "/>"):
        return end, None, (), False
    return end, tag, tuple(attrs), rest == "/>"


def _tag_end(src: str, i: int, j: int) -> int:
    """html.parser's `check_for_whole_start_tag`, given where its pattern stopped."""
    nxt = src[j : j + 1]
    if nxt == ">":
        return j + 1
    if nxt == "/":
        return j + 2 if src.startswith("/>", j) else -1
    if not nxt or nxt in _INCOMPLETE_AFTER:
        return -1
    return j if j > i else i + 1


def _attribute(
    src: str, pos: int, find_quote: Callable[[str, int], int]
) -> tuple[str, str | None, int] | None:
    """(name, raw value or None, end) of the attribute at pos, as `attrfind_tolerant`
    matched it, backtracking included."""
    if pos == 0 or pos >= len(src):
        return None
    before = src[pos - 1]
    if not (before in "'\"/" or before.isspace()):
        return None
    m = _ATTR_NAME.match(src, pos)
    if m is None:
        return None
    name_end = m.end()
    value, end = _attribute_value(src, name_end, find_quote)
    return m.group().lower(), value, _skip(_ATTR_SEP, src, end)


def _attribute_value(
    src: str, name_end: int, find_quote: Callable[[str, int], int]
) -> tuple[str | None, int]:
    """(`=` value or None, where the value ends) after an attribute name."""
    eq = _skip(_SPACES, src, name_end)
    if not src.startswith("=", eq):
        return None, name_end
    eq_end = _skip(_EQUALS, src, eq)
    at = _skip(_SPACES, src, eq_end)
    quote = src[at : at + 1]
    if quote not in ("'", '"'):
        bare = _skip(_BARE_VALUE, src, at)
        return src[at:bare], bare
    close = find_quote(quote, at + 1)
    if close >= 0:
        return src[at + 1 : close], close + 1
    # An unclosed quote: the pattern backtracks, to an empty value before the last space…
    if at > eq_end:
        return "", at - 1
    # …or to a bare value that starts with the last of several `=`.
    if eq_end - eq > 1:
        bare = _skip(_BARE_VALUE, src, eq_end - 1)
        return src[eq_end - 1 : bare], bare
    return None, name_end


def tokenize(text: str) -> tuple[Token, ...]:
    """The tokens of `text`, each with its offsets into `text`."""
    return _Tokenizer(text).run()
