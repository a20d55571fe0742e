"""Detectors' shortcuts lose no post.

Two shortcuts: every detector declares trigger literals, at least one of which occurs
wherever it finds a post (`socialcheck._literals`), and text detectors build no post
where a markup post already holds the place (`detect/_claimed.py`). Here every
labelled text (fixtures, the shared corpus) and generated texts are parsed twice: as
shipped, and with both shortcuts off. The posts must be the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import golden
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialcheck
from socialcheck._literals import Haystack, Literals
from socialcheck.detect import footers, markers, scraped, shortcodes, unsigned
from socialcheck.detect._claimed import Claimed

ROOT = Path(__file__).resolve().parents[1]
CORPUS = golden.CORPUS_DIR
TEXT_SUFFIXES = {".txt", ".html", ".htm", ".md", ".markdown", ".mdx"}

ALL_TRIGGERS = sorted(
    {
        *scraped.TRIGGERS,
        *markers.TRIGGERS,
        *footers.TRIGGERS,
        *unsigned.TRIGGERS,
        *(lit for syn, by_name in shortcodes._GROUPS for lit in syn.triggers(tuple(by_name))),
    }
)


def _labelled_texts() -> Iterator[Path]:
    yield from sorted(p for p in (ROOT / "fixtures").rglob("*") if p.suffix in TEXT_SUFFIXES)
    if CORPUS.is_dir():  # test_corpus.py fails CI when the corpus is absent
        yield from sorted(CORPUS.glob("*.txt"))


def _posts(
    text: str, source: str | None = None, kind: str | None = None
) -> list[dict[str, object]]:
    return [p.to_dict() for p in socialcheck.parse(text, source=source, kind=kind).posts]


def _ungated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every shortcut off: trigger gates open, every signature read and every post
    built, also inside markup posts (which then lose to them). Markup posts still bound
    the bodies that follow them: that is a rule, not a shortcut."""
    monkeypatch.setattr(Haystack, "has_any", lambda self, literals: True)
    monkeypatch.setattr(Claimed, "overlaps", lambda self, start, end: False)
    monkeypatch.setattr(Claimed, "holder_end", lambda self, pos: None)


@pytest.mark.parametrize("path", list(_labelled_texts()), ids=lambda p: p.name)
def test_gate_loses_no_post_on_labelled_texts(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    gated = _posts(text, str(path))
    _ungated(monkeypatch)
    assert _posts(text, str(path)) == gated


# Pieces of every embed form the detectors know, so that generated texts hit them.
PIECES = [
    *ALL_TRIGGERS,
    " \u2014 Jane Doe (@jane) March 5, 2026",
    "\n\npic.twitter.com/AbCdEfGhIj\n\n",
    "Skip Twitter post by @jane\n",
    "End of Twitter post by @jane\n",
    "A post shared by Jane (@jane) on Mar 5, 2026 at 9:09am PST",
    "Posted by Jane Doe on Wednesday, March 4, 2026",
    "Post by @jane@mastodon.social\nView on Mastodon",
    "@jane \u266c original sound - Jane",
    '{{< tweet user="jane" id="2029565091640246272" >}}',
    "https://x.com/jane/status/2029565091640246272",
    "We said it plainly.",
    '<blockquote class="twitter-tweet"><p lang="en">Open today '
    '<a href="https://t.co/AbCdEfGhIj">pic.twitter.com/AbCdEfGhIj</a></p>&mdash; Jane Doe '
    '(@jane) <a href="https://twitter.com/jane/status/2029565091640246272">March 5, 2026</a>'
    "</blockquote>",
    '<blockquote class="instagram-media"><a href="https://www.instagram.com/p/B1x2y3z4/">'
    "A post shared by Jane (@jane)</a> on <time>Mar 5, 2026 at 9:09am PST</time></blockquote>",
    "<p>",
    "</p>",
    "`[tweet 123]`",  # markup inside code: masked after it was found
    '<!-- wp:embed {"url":"https://x.com/jane/status/2029565091640246272"} -->',
    "<!-- a note -->",
    "\n\nhttps://twitter.com/jane/status/2029565091640246272\n\n",  # a bare URL, maybe in a box
    "</blockquote>",
    "\n\n",
    " ",
]

articles = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=25).map(
    "".join
)


@settings(max_examples=300, deadline=None, database=None)
@given(articles, st.sampled_from([None, "html", "markdown"]))
def test_gate_loses_no_post_on_generated_texts(text: str, kind: str | None) -> None:
    gated = _posts(text, kind=kind)
    with pytest.MonkeyPatch.context() as mp:
        _ungated(mp)
        assert _posts(text, kind=kind) == gated


literal_sets = st.lists(
    st.one_of(st.sampled_from(ALL_TRIGGERS), st.text(min_size=1, max_size=4)),
    min_size=0,
    max_size=6,
).map(tuple)


@settings(max_examples=500, deadline=None, database=None)
@given(st.one_of(st.text(), articles), literal_sets)
def test_has_any_agrees_with_str_search(text: str, literals: tuple[str, ...]) -> None:
    expected = any(lit in text for lit in literals if lit)
    assert Haystack.of(text).has_any(Literals(*literals)) is expected


def test_haystack_survives_lone_surrogates() -> None:
    text = "caf\udce9 \u2014 Jane (@jane) March 5, 2026"
    assert Haystack.of(text).has_any(Literals("(@"))
    assert not Haystack.of(text).has_any(Literals("View on Threads"))
    assert socialcheck.parse(text).posts  # no UnicodeEncodeError on the way


def test_claimed_overlaps() -> None:
    claimed = Claimed.of([(10, 20), (15, 30), (40, 50)])
    assert (claimed.starts, claimed.ends) == ((10, 40), (30, 50))
    assert claimed.overlaps(29, 35) and claimed.overlaps(5, 11) and claimed.overlaps(45, 46)
    assert not claimed.overlaps(30, 40) and not claimed.overlaps(0, 10)
    assert not Claimed.of([]).overlaps(0, 100)
    assert (claimed.holder_end(10), claimed.holder_end(29), claimed.holder_end(30)) == (
        30,
        30,
        None,
    )
    assert (claimed.end_before(9), claimed.end_before(35), claimed.end_before(99)) == (0, 30, 50)


def test_signatures_in_claimed_spans_are_not_read() -> None:
    from socialcheck.detect.signature import find_signatures

    one = "Box text \u2014 Jane Doe (@jane) March 5, 2026"
    two = "\n\nNext post here \u2014 Bob Roe (@bob) March 6, 2026"
    text = one + two
    assert [s.handle for s in find_signatures(text)] == ["jane", "bob"]
    held = find_signatures(text, Claimed.of([(0, len(one))]))
    assert [s.handle for s in held] == ["bob"]
    assert held[0].start >= len(one)
    # A claimed span bounds the next scraped body: Bob's post does not reach into it.
    [post] = scraped.detect(text, 0, None, Claimed.of([(0, len(one))]))
    assert post.handle == "bob" and post.span[0] >= len(one)


_BSKY_IFRAME = '<iframe src="https://embed.bsky.app/embed/did:plc:abc/app.bsky.feed.post/3kabc">'
_X_BOX = (
    '<blockquote class="twitter-tweet"><p lang="en">Open today</p>&mdash; Jane Doe (@jane) '
    '<a href="https://twitter.com/jane/status/2029565091640246272">March 5, 2026</a></blockquote>'
)


@pytest.mark.parametrize(
    ("embed", "joint"),
    [(_BSKY_IFRAME + "</iframe>", ""), (_BSKY_IFRAME + "</iframe>", " "), (_X_BOX, "\n")],
)
def test_a_post_right_after_an_embed_starts_after_it(embed: str, joint: str) -> None:
    """A markup post bounds the body of a scraped post written right after it (glued,
    on the same line or on the next): the body is the post's own text. (Before, the
    body reached back into the embed and the post was dropped as overlapping it.)"""
    post_text = "Bob's post text here. \u2014 Bob Roe (@bob) March 6, 2026\n"
    text = f"Intro paragraph.\n\n{embed}{joint}{post_text}"
    widget, post = socialcheck.parse(text, kind="markdown").posts
    assert text[widget.span[0] : widget.span[1]] == embed
    assert (post.handle, post.display_name, post.body) == (
        "bob",
        "Bob Roe",
        "Bob's post text here.",
    )
    assert post.span[0] == widget.span[1] + len(joint)


def test_a_signature_begun_inside_an_embed_bounds_the_next_body() -> None:
    # Found by review: a dash inside the iframe's markup, the `(@` after it. That
    # signature makes no post, and Carol's body does not reach back over it.
    text = (
        f'Intro.\n\n{_BSKY_IFRAME[:-1]} title="x \u2014"></iframe> Bob (@bob) March 6, 2026\n\n'
        "Carol says hello there \u2014 Carol (@carol) March 7, 2026"
    )
    widget, post = socialcheck.parse(text, kind="text").posts
    assert widget.form == "html-widget"
    assert (post.handle, post.body) == ("carol", "Carol says hello there")


# Found by review: markup posts that do not survive must not hold their place.
SURVIVOR_CASES = [
    # The shortcode is inside inline code: masked, so the signature is the scraped post's.
    "Hello world.\n\n\u2014 Jane Doe `[tweet 123]` (@jane) March 5, 2026\n",
    # The bare URL inside the box wins over the box, so the box's signature is free.
    '<blockquote class="twitter-tweet"><p>Hello world</p>&mdash; Jane Doe (@jane) March 5, '
    "2026\n\nhttps://twitter.com/jane/status/2029565091640246272\n\n</blockquote>\n",
]


@pytest.mark.parametrize("text", SURVIVOR_CASES)
def test_only_surviving_markup_posts_hold_their_place(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    gated = _posts(text, kind="markdown")
    assert any(p["form"] == "scraped-signature" for p in gated)
    _ungated(monkeypatch)
    assert _posts(text, kind="markdown") == gated


def test_parsing_works_without_ahocorasick_rs(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_ahocorasick(name: str, *args: object, **kwargs: object) -> object:
        if name == "ahocorasick_rs":
            raise ImportError("no wheel for this platform")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    text = "Officials spoke.\n\nWe are open \u2014 Jane Doe (@jane) March 5, 2026\n"
    expected = _posts(text)
    monkeypatch.setattr(builtins, "__import__", no_ahocorasick)
    hay = Haystack.of(text)
    assert hay.has_any(Literals("(@", "zzz", "qqq", "www")) and not hay.has_any(Literals("q!"))
    assert hay.has_any(Literals("(@")) and not hay.has_any(Literals("View on Threads"))
    fresh = Literals("(@", "( @")  # searchers are built per Literals, on first use
    assert Haystack.of(text).has_any(fresh)
    assert expected and _posts(text) == expected
