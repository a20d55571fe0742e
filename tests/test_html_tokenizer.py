"""The fast HTML tokenizer (read/_html_tokenizer.py) and `visible_text` (read/html.py)
against the html.parser-based reader they replace (tests/html_reference.py).

The new tokenizer reproduces the old tokens exactly, quirks included: it has no
deliberate difference from `html.parser` as this reader used it (Python 3.10 to 3.13.0).
The differential tests compare both on every fixture, on the real corpus and on
generated markup; the unit tests pin the tricky cases with literal expectations, so
they hold whatever the standard library does.

Python security releases from mid-2025 on (3.9.23, 3.10.18, 3.11.13, 3.12.11, 3.13.4)
changed `html.parser` itself (raw text at the end of input, comments, more raw-text
elements). On such a Python the reference no longer is the parser the reader was built
on, and the differential tests are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import html_reference as reference
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialcheck.read.html import Token, tokenize, visible_text

try:  # tests/ may or may not be a package
    from . import golden
except ImportError:
    import golden

SETTINGS = settings(
    max_examples=1000,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _stdlib_is_the_original() -> bool:
    """Whether html.parser still behaves as the one the reader was built on: before
    the 2025 changes, an unclosed script's content was dropped at the end of input."""
    return reference.tokenize("<p>x<script>var a") == (
        Token("start", 0, 3, "p"),
        Token("data", 3, 4, data="x"),
        Token("start", 4, 12, "script"),
    )


needs_original_parser = pytest.mark.skipif(
    not _stdlib_is_the_original(),
    reason="this Python's html.parser changed (2025 security releases): not the reference",
)


def assert_same(raw: str) -> None:
    """New and old readers agree on `raw`: tokens, and the visible text with its map
    and masked spans, for the whole stream and for slices (as detectors read them)."""
    tokens = tokenize(raw)
    assert tokens == reference.tokenize(raw)
    assert visible_text(raw, tokens) == reference.visible_text(raw, tokens)
    for lo, hi in ((1, len(tokens)), (0, len(tokens) // 2), (len(tokens) // 3, -1)):
        part = tokens[lo:hi]
        assert visible_text(raw, part) == reference.visible_text(raw, part)


# ---------------------------------------------------------------------------
# Differential: fixtures, corpus, generated markup
# ---------------------------------------------------------------------------


def _fixture_inputs() -> Iterator[tuple[str, str]]:
    """Every fixture text, and every string with markup in the fixtures' JSON."""
    for path in sorted(golden.FIXTURES_DIR.rglob("*")):
        if path.suffix in (".html", ".txt", ".md"):
            yield str(path.relative_to(golden.FIXTURES_DIR)), _read(path)
        elif path.suffix == ".json":
            for k, value in enumerate(_strings(json.loads(_read(path)))):
                if "<" in value:
                    yield f"{path.relative_to(golden.FIXTURES_DIR)}#{k}", value


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as f:
        return f.read()


FIXTURES = list(_fixture_inputs())
CORPUS = sorted(golden.CORPUS_DIR.glob("*.txt")) if golden.CORPUS_DIR.is_dir() else []


def test_fixtures_include_the_html_ones() -> None:
    names = [name for name, _ in FIXTURES]
    assert sum(name.startswith("html/") and name.endswith(".html") for name in names) >= 20


@needs_original_parser
@pytest.mark.parametrize(("name", "raw"), FIXTURES, ids=[name for name, _ in FIXTURES])
def test_fixture_reads_as_before(name: str, raw: str) -> None:
    assert_same(raw)


@needs_original_parser
@pytest.mark.skipif(not CORPUS, reason="no corpus at ../shared/corpus")
@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_reads_as_before(path: Path) -> None:
    # All of them, not only those sniffed as HTML: Markdown and text with embed
    # markup are tokenized too (read/source.py).
    assert_same(_read(path))


TAGS = st.sampled_from(
    ["p", "a", "div", "blockquote", "br", "span", "code", "pre", "svg", "title", "textarea",
     "iframe", "noscript", "script", "style", "SCRIPT", "Style", "B", "x-y", "h1", "wp:x"]
)  # fmt: skip
ATTR_NAMES = st.sampled_from(["class", "href", "src", "data-x", "ID", "title", "a:b", "'q", '"q'])
VALUE_CHARS = st.sampled_from(
    ["a", "b", " ", "<", ">", "/", "=", "&", ";", "#", "'", '"', "\n", "\t", "é",
     "&amp;", "&lt;", "&#62;", "&quot;", "&ampx", "&amp;lt;", "twitter-tweet"]
)  # fmt: skip
VALUES = st.lists(VALUE_CHARS, max_size=6).map("".join)
SPACES = st.sampled_from(["", " ", "  ", "\n", "\t", "\r\n", "\f", "\v", "\xa0", "\u2003"])
WORDS = st.sampled_from(["word", "two words", "é", "—", "(@h)", "x.", "1", "a;b", "1 > 0"])


@st.composite
def attribute(draw: st.DrawFn) -> str:
    name, value = draw(ATTR_NAMES), draw(VALUES)
    style = draw(
        st.sampled_from(["none", "dq", "sq", "bare", "open", "open-spaced", "spaced", "eqeq",
                         "eqeq-open", "glued"])
    )  # fmt: skip
    return {
        "none": name,
        "dq": f'{name}="{value}"',
        "sq": f"{name}='{value}'",
        "bare": f"{name}={value}",
        "open": f'{name}="{value}',  # a quote left open
        "open-spaced": f"{name}= '{value}",
        "eqeq-open": f"{name}=='{value}",
        "spaced": f"{name} = '{value}'",
        "eqeq": f'{name}=="{value}"',
        "glued": f'{name}="{value}"x',  # no space before the next name
    }[style]


@st.composite
def start_tag(draw: st.DrawFn) -> str:
    attrs = draw(st.lists(attribute(), max_size=3))
    gaps = draw(st.lists(SPACES, min_size=len(attrs) + 1, max_size=len(attrs) + 1))
    body = "".join(gap + attr for gap, attr in zip(gaps, [*attrs, ""], strict=True))
    end = draw(st.sampled_from([">", "/>", " />", " / >", "//>", ""]))
    return f"<{draw(TAGS)}{body}{end}"


@st.composite
def end_tag(draw: st.DrawFn) -> str:
    tag, space = draw(TAGS), draw(SPACES)
    return draw(
        st.sampled_from(
            [f"</{tag}>", f"</{tag}{space}>", f"</{space}{tag}>", f"</{tag} x='>'>", "</>",
             "</ x>", "</3>", f"</{tag}"]
        )
    )  # fmt: skip


MARKUP = st.sampled_from(
    ["<!-- note -->", "<!-- wp:embed {} -->", "<!---->", "<!-->", "<!--->", "<!-- a -- >",
     "<!-- <p>x</p> -->", "<!-- a < b -->", "<!--", "-->", "<!DOCTYPE html>", "<!doctype x",
     "<?xml version='1.0'?>", "<?", "<![CDATA[ x > y ]]>", "<![if !IE]>", "<![endif]>",
     "<![endif]-->", "<!x>", "<!>", "<", ">", "&", "<3", "< p>", "<<", "a<b", "<a", "</",
     "&amp;", "&amp", "&mdash;", "&#8217;", "&#x2014;", "&#x2014", "&#12a", "&#;", "&#", "&#x;",
     "&foo;", "&a-b", "&nbsp;", "&lt;p&gt;"]
)  # fmt: skip
RAW_TEXT = st.sampled_from(
    ["<script>if (a < b && c > d) {}</script>", "<style>p > a { x: '</p>' }</style>",
     "<script>x</script >", "<script>x</ SCRIPT>", "<script>x</scripty>", "<script src=x/>",
     "<script>never closed", "<style>"]
)  # fmt: skip
REFERENCES = st.sampled_from(["&#;", "&#", "&#x;", "&#12a", ";", "&amp", "&a", "&"])
PIECES = st.one_of(start_tag(), end_tag(), MARKUP, RAW_TEXT, WORDS, SPACES, REFERENCES)
SOUP = st.lists(st.sampled_from([*"<>/!?-=\"'&#;[] \n\taAxX1", "p", "--", "script"])).map("".join)


@needs_original_parser
@SETTINGS
@given(st.lists(PIECES, max_size=30))
def test_generated_markup_reads_as_before(pieces: list[str]) -> None:
    assert_same("".join(pieces))


@needs_original_parser
@SETTINGS
@given(SOUP)
def test_character_soup_reads_as_before(raw: str) -> None:
    assert_same(raw)


# ---------------------------------------------------------------------------
# Unit tests: tricky cases, expectations written out
# ---------------------------------------------------------------------------


def kinds(raw: str) -> list[tuple[str, str]]:
    """(kind, raw text) of each token."""
    return [(t.kind, raw[t.start : t.end]) for t in tokenize(raw)]


def test_a_stray_lt_is_text() -> None:
    # No `>` before the next `<` (or none at all): it cannot open markup.
    assert kinds("a < b") == [("data", "a < b")]
    assert kinds("<<p>") == [("data", "<"), ("start", "<p>")]
    assert kinds("x <a y <b>z") == [("data", "x <a y "), ("start", "<b>"), ("data", "z")]


def test_a_lt_that_opens_nothing_is_a_token_of_its_own() -> None:
    assert kinds("1 < 2 > 0") == [("data", "1 "), ("data", "<"), ("data", " 2 > 0")]


def test_tags_and_attributes() -> None:
    raw = '<A HREF="x&amp;y" href=\'z\' data-X=1 checked title="&amp;lt;">'
    (tok,) = tokenize(raw)
    assert (tok.kind, tok.tag, tok.start, tok.end) == ("start", "a", 0, len(raw))
    # Names lower-cased, duplicates kept, values decoded (twice, as the reader always did).
    assert tok.attrs == (("href", "x&y"), ("href", "z"), ("data-x", "1"), ("checked", ""),
                         ("title", "<"))  # fmt: skip
    assert tok.attr("href") == "x&y" and tok.attr("nope") is None


def test_a_quoted_value_may_hold_gt() -> None:
    raw = '<a title="x>y" href=z>t</a>'
    assert kinds(raw) == [("start", '<a title="x>y" href=z>'), ("data", "t"), ("end", "</a>")]
    assert tokenize(raw)[0].attrs == (("title", "x>y"), ("href", "z"))


def test_unclosed_quotes_backtrack_as_html_parser_did() -> None:
    assert tokenize('<a b= "c>')[0].attrs == (("b", ""), ('"c', ""))
    assert tokenize('<a b=="c>')[0].attrs == (("b", '="c'),)
    # One `=` and no space: not a tag; the text runs to the first `>`.
    assert kinds('<a b="c>d') == [("data", '<a b="c>'), ("data", "d")]


def test_a_tag_opened_inside_a_value_that_a_later_lt_defuses() -> None:
    # The first `<` has another `<` before its `>`: text; `<e">` is a tag named `e"`.
    assert kinds('<a b="c<d<e">x') == [("data", '<a b="c<d'), ("start", '<e">'), ("data", "x")]
    assert tokenize('<a b="c<d<e">x')[1].tag == 'e"'


def test_self_closing() -> None:
    assert [t.self_closing for t in tokenize("<br/><br / ><br /><svg/>")] == [
        True, False, True, True,
    ]  # fmt: skip


def test_script_and_style_are_raw_text() -> None:
    raw = "<script>if (a<b && c>d) {}</SCRIPT >z<style>p>a{}</style>"
    assert kinds(raw) == [
        ("start", "<script>"), ("data", "if (a<b && c>d) {}"), ("end", "</SCRIPT >"),
        ("data", "z"), ("start", "<style>"), ("data", "p>a{}"), ("end", "</style>"),
    ]  # fmt: skip
    assert tokenize(raw)[2].tag == "script"


def test_an_unclosed_script_loses_the_rest() -> None:
    # html.parser waited for `</script>` and dropped what it had at the end.
    assert kinds("<p>x<script>var a<p>y") == [
        ("start", "<p>"), ("data", "x"), ("start", "<script>"),
    ]  # fmt: skip
    assert kinds("<script/><p>") == [("start", "<script/>"), ("start", "<p>")]


def test_comments() -> None:
    assert tokenize("<!-- a -->")[0] == Token("comment", 0, 10, data=" a ")
    # `-- >` closes it, but the reader ended the token at its first `>`.
    assert kinds("<!-- a > b -- >c") == [("comment", "<!-- a >"), ("data", "c")]
    # No `-->` after it: not a comment.
    assert kinds("<!-->x") == [("data", "<!-->"), ("data", "x")]
    # A `<` inside that opens nothing is a space in the comment's text; offsets stay.
    assert tokenize("<!-- a < b < c -->")[0] == Token("comment", 0, 18, data=" a   b < c ")


def test_bogus_comments_declarations_and_instructions() -> None:
    assert [(t.kind, t.data) for t in tokenize("<!x></ x></3></><!>")] == [
        ("comment", "x"), ("end", ""), ("comment", "3"), ("comment", ""),
    ]  # fmt: skip
    assert tokenize("</ x>")[0].tag == "x"
    assert kinds("<!DOCTYPE html><?xml v?>a") == [
        ("other", "<!DOCTYPE html>"), ("other", "<?xml v?>"), ("data", "a"),
    ]  # fmt: skip


def test_marked_sections() -> None:
    # The token ends at the first `>`, the section at `]]>`: "y]]>" is in no token.
    assert kinds("<![CDATA[x > y]]>z") == [("other", "<![CDATA[x >"), ("data", "z")]
    assert kinds("<![if !IE]>a<![endif]>") == [
        ("other", "<![if !IE]>"), ("data", "a"), ("other", "<![endif]>"),
    ]  # fmt: skip
    # An unknown keyword made html.parser give up: nothing after it is read.
    assert kinds("a<![foo[ x ]]><p>rest") == [("data", "a")]


def test_entities() -> None:
    toks = tokenize("x &amp y &foo; &#8217; &#x2014 &")
    assert [(t.kind, t.data) for t in toks if t.kind != "data" or t.data.strip()] == [
        ("data", "x "), ("entity", "&"), ("data", " y "), ("data", "&foo;"),
        ("entity", "\u2019"), ("entity", "\u2014"), ("data", "&"),
    ]  # fmt: skip
    assert (toks[1].start, toks[1].end) == (2, 6)


def test_a_name_at_the_end_of_the_input_is_text() -> None:
    assert kinds("x &amp") == [("data", "x "), ("data", "&amp")]
    assert kinds("x &a.b") == [("data", "x "), ("data", "&a"), ("data", ".b")]
    # "&" plus one letter at the very end: html.parser dropped the `&`.
    assert kinds("x &a") == [("data", "x "), ("data", "a")]


def test_a_broken_char_ref_is_text_and_the_second_one_ends_the_parse() -> None:
    raw = "&#; <b>x</b> &#; <i>y</i>"
    assert kinds(raw) == [
        ("data", "&#"), ("data", "; "), ("start", "<b>"), ("data", "x"), ("end", "</b>"),
        ("data", " "), ("data", "&#"), ("data", "; <i>y</i>"),
    ]  # fmt: skip
    # Without a `;` anywhere after it, the first one does.
    assert kinds("a &# <b>x</b>") == [("data", "a "), ("data", "&# <b>x</b>")]


def test_offsets_are_into_the_original_text() -> None:
    raw = "é<p class=x>a <b\n&amp;\r\n</p>"
    for tok in tokenize(raw):
        assert 0 <= tok.start < tok.end <= len(raw)
        if tok.kind == "data":
            assert raw[tok.start : tok.end] == tok.data
    assert [t.end for t in tokenize(raw)] == [t.start for t in tokenize(raw)][1:] + [len(raw)]


def test_token_is_an_immutable_value() -> None:
    tok = Token("start", 0, 25, "div", (("class", "a  twitter-tweet"),))
    assert tok.classes == frozenset({"a", "twitter-tweet"})
    assert tok == Token("start", 0, 25, "div", (("class", "a  twitter-tweet"),))
    with pytest.raises(AttributeError):
        tok.kind = "end"  # type: ignore[misc]
    assert tok._replace(self_closing=True).self_closing


def test_visible_text_of_tricky_white_space() -> None:
    raw = "<p> a \t b\n\nc&nbsp;&#32;d </p><p>e<br>f  <code>g</code></p>"
    vis = visible_text(raw, tokenize(raw))
    # `&nbsp;` decodes to white space: it collapses with the `&#32;` after it.
    assert vis.text == "a b c d\n\ne\nf g"
    assert vis == reference.visible_text(raw, tokenize(raw))
    assert vis.masked == ((raw.index("<code>"), raw.index("</code>") + 7),)
