"""Property tests for `socialcheck.parse`: lossless segmentation and post recovery.

(a) segments partition any text exactly;  (b) generated posts in every supported
scraped shape are recovered field for field;  (c) parse never raises;
(d) the prose of (b) holds no post;  (e) parse is deterministic.

No network. The example database is off so that the run writes no files.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import socialcheck
from socialcheck import Document, parse

# Budget: the whole file runs in well under a minute of CPU on two cores. Cheap
# properties on short texts get many examples; generated articles fewer, per shape.
FAST = settings(max_examples=600, deadline=None, database=None)
SLOW = settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


# ---------------------------------------------------------------------------
# (a) Segments partition the text exactly.
# ---------------------------------------------------------------------------

# fmt: off
TRICKY = [
    "(@", "@x)", "(@a)", "( @a )", "—", "–", "--", "&mdash;", " - ", "pic.twitter.com/",
    "pic.twitter.com/AbCdEfGhIj", "https://t.co/AbCdEfGh12", "t.co/", "https://", "www.",
    "March 5, 2026", "Mar 5, 2026", "5 March 2026", " at 9:09 AM", "Febtember 31, 2026",
    "February 30, 2020", "\n\n", "\n", "\r\n", "  ", "\t", "\u00a0", "…", "...", ".", "!", "?",
    ":", ",", "(", ")", "@", "#tag", "Jane Doe", "A", "x", "said:", " wrote ", "1. ",
    "🦉", "🇺🇸", "👍🏽", "\u200d", "\ufe0f", "\u200b", "\u200f", "שלום", "مرحبا بكم", "ㅤ",
    "date 2026-03-05\n", "---\n", "+++\n", "date: 2026-03-05\n",
    '<blockquote class="twitter-tweet"><p>', "</p>", "\\_",
]
# fmt: on

tricky_text = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=4)), max_size=40).map(
    "".join
)

any_text = st.one_of(st.text(), tricky_text)


def assert_partition(text: str, doc: Document) -> None:
    segs = doc.segments
    assert "".join(s.text for s in segs) == text
    assert segs, "there is always at least one segment"
    assert segs[0].start == 0
    assert segs[-1].end == len(text)
    for prev, seg in zip(segs, segs[1:], strict=False):
        assert seg.start == prev.end
    for seg in segs:
        assert seg.text == text[seg.start : seg.end]
        assert seg.start <= seg.end
        if text:
            assert seg.start < seg.end, f"empty segment {seg!r}"
    if not text:
        assert len(segs) == 1 and segs[0].kind == "prose" and segs[0].text == ""
    # Kinds: never two prose segments in a row (they would be one run); posts in order.
    for prev, seg in zip(segs, segs[1:], strict=False):
        assert not (prev.kind == "prose" and seg.kind == "prose")
    post_segs = [s for s in segs if s.kind == "post"]
    assert [s.post_index for s in post_segs] == list(range(len(doc.posts)))
    assert all(s.post_index is None for s in segs if s.kind == "prose")
    for seg, post in zip(post_segs, doc.posts, strict=False):
        assert (seg.start, seg.end) == post.span
    for a, b in zip(doc.posts, doc.posts[1:], strict=False):
        assert a.span[1] <= b.span[0], "posts overlap"
    for post in doc.posts:
        lo, hi = post.span
        for inner in (post.body_span, post.signature_span, *post.link_spans):
            if inner is not None:
                assert lo <= inner[0] <= inner[1] <= hi
        if post.body is not None:
            assert post.body_span is not None
            assert text[post.body_span[0] : post.body_span[1]] == post.body
        for link, span in zip(post.links, post.link_spans, strict=False):
            assert text[span[0] : span[1]] == link


@FAST
@given(any_text)
def test_segments_partition_text(text: str) -> None:
    assert_partition(text, parse(text))


# ---------------------------------------------------------------------------
# (b) Generated posts, rendered in every supported shape.
# ---------------------------------------------------------------------------

HANDLE_CHARS = string.ascii_letters + string.digits + "_"
ALNUM = string.ascii_letters + string.digits
LOWER = string.ascii_lowercase
# fmt: off
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]
# fmt: on
LIMIT_CHANGE = dt.date(2017, 11, 7)

# Handles: 1-15 of [A-Za-z0-9_] (docs/embed-formats 3.e), "_" alone included.
handles = st.text(alphabet=HANDLE_CHARS, min_size=1, max_size=15)

lower_word = st.text(alphabet=LOWER, min_size=1, max_size=9)
cap_word = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(string.ascii_uppercase),
    st.text(alphabet=LOWER, max_size=8),
)
NAME_EXTRAS = ["😀", "🇺🇸", "🦉✨", "محمد", "علي", "דוד", "כהן", "José", "Ñoño", "ㅤnavid"]
name_piece = st.one_of(cap_word, cap_word, lower_word, st.sampled_from(NAME_EXTRAS))
name_paren = st.lists(name_piece, min_size=1, max_size=2).map(lambda ws: "(" + " ".join(ws) + ")")


@st.composite
def display_names(draw: Any, *, allow_empty: bool = True, allow_hyphen: bool = True) -> str:
    if allow_empty and draw(st.integers(0, 5)) == 0:
        return ""
    seps = [" ", " ", " ", ", "] + ([" - "] if allow_hyphen else [])
    parts = draw(st.lists(st.one_of(name_piece, name_piece, name_paren), min_size=1, max_size=4))
    name = parts[0]
    for part in parts[1:]:
        name += draw(st.sampled_from(seps)) + part
    # X caps display names at 50 characters.
    return name[:50].strip(" ,-") or parts[0][:50]


BODY_EXTRAS = ["🦉", "🚀🚀", "👍🏽", "שלום", "مرحبا", "café", "naïve", "Biden", "NASA", "U.S"]
# Words that mark reporting in prose; posts use them too ("they said no").
CUE_WORDS = ["said", "says", "tweeted", "posted", "wrote", "online", "twitter", "statement"]
cue_word = st.sampled_from(CUE_WORDS)
body_word = st.one_of(lower_word, lower_word, lower_word, st.sampled_from(BODY_EXTRAS), cue_word)
prose_word = st.one_of(*[lower_word] * 6, cue_word)


@st.composite
def sentences(draw: Any, words: Any, min_words: int, max_words: int, ends: str) -> str:
    first = draw(cap_word.filter(lambda w: len(w) >= 2))
    rest = draw(st.lists(words, min_size=min_words - 1, max_size=max_words - 1))
    return " ".join([first, *rest]) + draw(st.sampled_from(ends))


def length_limit(date: dt.date) -> int:
    return 140 if date < LIMIT_CHANGE else 280


@attrs.frozen
class Spec:
    handle: str
    name: str
    date: dt.date
    date_text: str
    body: str
    links: tuple[str, ...]


@st.composite
def date_texts(draw: Any) -> tuple[dt.date, str]:
    date = draw(st.dates(dt.date(2010, 1, 1), dt.date(2026, 12, 31)))
    month = MONTHS[date.month - 1]
    form = draw(st.sampled_from(["long", "short", "dmy", "time"]))
    if form == "long":
        written = f"{month} {date.day}, {date.year}"
    elif form == "short":
        written = f"{month[:3]} {date.day}, {date.year}"
    elif form == "dmy":
        written = f"{date.day} {month} {date.year}"
    else:
        hour = draw(st.integers(1, 12))
        minute = draw(st.integers(0, 59))
        ampm = draw(st.sampled_from(["AM", "PM"]))
        written = f"{month} {date.day}, {date.year} at {hour}:{minute:02d} {ampm}"
    return date, written


links = st.one_of(
    st.text(alphabet=ALNUM, min_size=10, max_size=10).map(lambda s: "pic.twitter.com/" + s),
    st.text(alphabet=ALNUM, min_size=10, max_size=10).map(lambda s: "https://t.co/" + s),
)


@st.composite
def specs(
    draw: Any, *, min_links: int = 0, allow_empty_name: bool = True, allow_hyphen: bool = True
) -> Spec:
    date, written = draw(date_texts())
    # A body longer than the platform's limit on its date could not have been posted
    # (140 characters before 2017-11-07, then 280); the generated bodies stay within
    # both the 200 characters of the brief and that limit.
    max_len = min(200, length_limit(date))
    body = draw(
        st.lists(sentences(body_word, 1, 10, ".!?"), min_size=1, max_size=3)
        .map(" ".join)
        .filter(lambda b: len(b) <= max_len)
    )
    return Spec(
        handle=draw(handles),
        name=draw(display_names(allow_empty=allow_empty_name, allow_hyphen=allow_hyphen)),
        date=date,
        date_text=written,
        body=body,
        links=tuple(draw(st.lists(links, min_size=min_links, max_size=2))),
    )


# Prose: 2-5 sentences of 8-20 lowercase words, each ending with a period; no
# digits, so no date, and no "(@". Longer than 140 characters.
prose_paragraphs = (
    st.lists(sentences(prose_word, 8, 20, "."), min_size=2, max_size=5)
    .map(" ".join)
    .filter(lambda p: len(p) > 140)
)


def signature(spec: Spec, dash: str, *, glued: bool = False) -> str:
    name = f"{spec.name} " if spec.name else ""
    sep = "" if glued else " "
    return f"{sep}{dash} {name}(@{spec.handle}) {spec.date_text}"


def links_text(spec: Spec) -> str:
    return "".join(" " + link for link in spec.links)


def render_paragraph(spec: Spec, shape: str) -> str:
    """One post as its own paragraph(s), for articles with blank lines between paragraphs."""
    if shape == "mdash":
        return spec.body + links_text(spec) + signature(spec, "\u2014")
    if shape in ("ndash", "double-hyphen", "entity"):
        dash = {"ndash": "\u2013", "double-hyphen": "--", "entity": "&mdash;"}[shape]
        return spec.body + links_text(spec) + signature(spec, dash)
    if shape == "glued":
        # bs4 get_text(): the dash is glued to the token before it (a link, or the body).
        return spec.body + links_text(spec) + signature(spec, "\u2014", glued=True)
    if shape == "links-paragraph":
        return spec.body + "\n\n" + " ".join(spec.links) + signature(spec, "\u2014")
    raise AssertionError(shape)


DESCRIBES_A_POST = re.compile(
    r"\b(?:tweeted|retweeted|quote-tweeted|posted|replied|responded|answered|wrote)\b"
)
PARAGRAPH_SHAPES = ["mdash", "ndash", "double-hyphen", "entity", "glued", "links-paragraph"]


def build_paragraph_article(proses: list[str], posts: list[tuple[Spec, str]]) -> str:
    parts = [proses[0]]
    for (spec, shape), prose in zip(posts, proses[1:], strict=False):
        parts += [render_paragraph(spec, shape), prose]
    return "\n\n".join(parts)


def build_breitbart_article(proses: list[str], posts: list[Spec]) -> str:
    # `prose\nBODY LINKS\n— NAME (@h) DATE\nprose`: single line breaks throughout.
    text = proses[0]
    for spec, prose in zip(posts, proses[1:], strict=False):
        text += "\n" + spec.body + links_text(spec) + "\n" + signature(spec, "\u2014")[1:]
        text += "\n" + prose
    return text


def build_isot_article(proses: list[str], posts: list[Spec]) -> str:
    # ISOT fake-news dataset: one line, no dash, two spaces before the name, the body
    # glued to the sentence before it and the next sentence glued to the year.
    text = proses[0]
    for spec, prose in zip(posts, proses[1:], strict=False):
        text += spec.body + links_text(spec) + "  " + spec.name + f" (@{spec.handle}) "
        text += spec.date_text + prose
    return text


def assert_recovered(text: str, doc: Document, expected: list[Spec], proses: list[str]) -> None:
    assert_partition(text, doc)
    got = [(p.handle, p.display_name, p.date, p.links, p.body) for p in doc.posts]
    want = [(s.handle, s.name or None, s.date, s.links, s.body) for s in expected]
    assert got == want
    for prose in proses:
        assert prose in doc.prose
    # (d) the prose left after removing the posts holds no post.
    assert parse(doc.prose).posts == ()


@st.composite
def paragraph_articles(draw: Any, shapes: list[str]) -> tuple[str, list[Spec], list[str]]:
    posts: list[tuple[Spec, str]] = []
    for _ in range(draw(st.integers(1, 3))):
        shape = draw(st.sampled_from(shapes))
        spec = draw(specs(min_links=1 if shape == "links-paragraph" else 0))
        if shape == "links-paragraph":
            # With the signature and its links alone on a line, a paragraph that says
            # someone "tweeted", "posted", "replied"... is read as the reporter describing
            # the post (docs/body-boundaries.md, rule 2); such bodies are left out here.
            assume(not DESCRIBES_A_POST.search(spec.body))
        posts.append((spec, shape))
    proses = draw(st.lists(prose_paragraphs, min_size=len(posts) + 1, max_size=len(posts) + 1))
    text = build_paragraph_article(proses, posts)
    return text, [s for s, _ in posts], proses


@pytest.mark.parametrize("shape", PARAGRAPH_SHAPES)
@settings(SLOW, max_examples=60)
@given(data=st.data())
def test_posts_recovered_paragraph_shapes(shape: str, data: st.DataObject) -> None:
    text, expected, proses = data.draw(paragraph_articles([shape]))
    assert_recovered(text, parse(text), expected, proses)


@SLOW
@given(paragraph_articles(PARAGRAPH_SHAPES))
def test_posts_recovered_mixed_paragraph_shapes(article: tuple[str, list[Spec], list[str]]) -> None:
    text, expected, proses = article
    assert_recovered(text, parse(text), expected, proses)


@SLOW
@given(data=st.data())
def test_posts_recovered_breitbart(data: st.DataObject) -> None:
    posts = data.draw(st.lists(specs(), min_size=1, max_size=3))
    proses = data.draw(st.lists(prose_paragraphs, min_size=len(posts) + 1, max_size=len(posts) + 1))
    text = build_breitbart_article(proses, posts)
    assert_recovered(text, parse(text), posts, proses)


@SLOW
@given(data=st.data())
def test_posts_recovered_isot(data: st.DataObject) -> None:
    # Restrictions for this shape, each because the text itself cannot tell:
    # - the name must not be empty: with no dash, the words before "(@" are then
    #   body words, and nothing says where a name would start;
    # - the name must not contain " - ": with the dash stripped, "Ann - Lee (@h)"
    #   is the hyphen-dash form of a post by "Lee" as much as a name with a hyphen.
    # Bodies start with a capitalised word of two or more letters (see `sentences`):
    # "said.A." could not be split at the lost paragraph break either.
    posts = data.draw(
        st.lists(specs(allow_empty_name=False, allow_hyphen=False), min_size=1, max_size=3)
    )
    proses = data.draw(st.lists(prose_paragraphs, min_size=len(posts) + 1, max_size=len(posts) + 1))
    text = build_isot_article(proses, posts)
    assert_recovered(text, parse(text), posts, proses)


PROSE_A = (
    "The council met on a grey morning to weigh the plan for the harbour front and the "
    "new road. Members asked for more time to read the report before they would vote."
)
PROSE_B = (
    "After a long debate the chair closed the session and set another meeting for the "
    "following week. Residents who came to listen left without a clear answer today."
)


def test_underscore_only_handle() -> None:
    # Found by the generated posts above: "_" is a valid [A-Za-z0-9_]{1,15} handle.
    text = f"{PROSE_A}\n\nWe did it! \u2014 Jane Doe (@_) March 5, 2026\n\n{PROSE_B}"
    doc = parse(text)
    assert [(p.handle, p.body) for p in doc.posts] == [("_", "We did it!")]


def test_body_that_repeats_itself() -> None:
    # Found by the generated posts above: a body repeating its own ending was cut
    # after the first copy, as if the reporter had quoted it just before.
    body = "Vote early and vote often! Vote early and vote often!"
    text = f"{PROSE_A}\n\n{body} \u2014 Jane Doe (@jane) March 5, 2026\n\n{PROSE_B}"
    doc = parse(text)
    assert [p.body for p in doc.posts] == [body]


def test_repeating_body_isot_cue_in_prose() -> None:
    # Found by the generated posts above: a reporting cue anywhere earlier on a
    # one-line article ("asked") let a body that repeats itself be cut after its
    # first copy, although the copy follows the glued break where the body starts.
    body = "Vote early and vote often! Vote early and vote often!"
    text = f"{PROSE_A}{body}  Jane Doe (@jane) March 5, 2026{PROSE_B}"
    assert "asked" in PROSE_A
    assert [p.body for p in parse(text).posts] == [body]


def test_repeating_body_cue_in_body() -> None:
    # Found by the generated posts above: a cue inside the body itself ("said") let a
    # body that repeats itself be cut after its first copy.
    body = "They said vote early and vote often! They said vote early and vote often!"
    text = f"{PROSE_A}\n\n{body} \u2014 Jane Doe (@jane) March 5, 2026\n\n{PROSE_B}"
    assert [p.body for p in parse(text).posts] == [body]


def test_repeating_ending_with_cue_in_body() -> None:
    body = "They posted it. Now we are going to win this race! Yes we are going to win this race!"
    text = f"{PROSE_A}\n\n{body} \u2014 Jane Doe (@jane) March 5, 2026\n\n{PROSE_B}"
    assert [p.body for p in parse(text).posts] == [body]


# ---------------------------------------------------------------------------
# (c) parse never raises.
# ---------------------------------------------------------------------------


@FAST
@given(any_text)
def test_parse_never_raises_on_text(text: str) -> None:
    parse(text)


@FAST
@given(st.binary(max_size=2000), st.sampled_from(["replace", "surrogateescape"]))
def test_parse_never_raises_on_decoded_bytes(raw: bytes, errors: str) -> None:
    text = raw.decode("utf-8", errors=errors)
    assert_partition(text, parse(text))


# ---------------------------------------------------------------------------
# (e) parse is deterministic.
# ---------------------------------------------------------------------------


@settings(max_examples=100, deadline=None, database=None)
@given(st.one_of(any_text, paragraph_articles(PARAGRAPH_SHAPES).map(lambda a: a[0])))
def test_parse_is_deterministic(text: str) -> None:
    first = parse(text)
    second = socialcheck.parse(text)
    assert first == second
    assert first.to_dict() == second.to_dict()
