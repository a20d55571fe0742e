"""Embed markup in HTML articles: the hand-written fixtures in fixtures/html/NN-name.html + .json.

Each fixture is an invented article around real embed markup shapes
(../shared/docs/embed-formats.md sections a). Its expectation uses the schema of
fixtures/*.json (plus an optional `status_id`); body strings refer to the visible text
with white-space runs collapsed to one space. Checked for every fixture: the posts'
fields, lossless segments, each post's span covering exactly its embed element (and the
widget script after it), and `doc.prose` holding the article's paragraphs but none of
the posts' text. Negative fixtures (`"posts": []`) cover timeline/profile/page widgets,
embeds inside code and comments, and escaped markup on documentation pages.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import socialcheck
from socialcheck import Document, Post
from socialcheck.detect import html_embeds
from socialcheck.platforms.urls import parse_post_url
from socialcheck.read import read_source
from socialcheck.read.html import Token, tokenize, visible_text

try:  # tests/ may or may not be a package
    from . import golden
except ImportError:
    import golden

HTML_DIR = golden.FIXTURES_DIR / "html"
FIXTURE_JSONS = sorted(HTML_DIR.glob("*.json"))
IDS = [p.stem for p in FIXTURE_JSONS]
POST_KEYS = golden.FIXTURE_POST_KEYS | {"status_id", "note"}
PLATFORMS = {
    "twitter", "bluesky", "mastodon", "threads", "instagram", "facebook", "tiktok", "youtube",
    "truthsocial", "linkedin", "reddit", "telegram",
}  # fmt: skip
EMBED_TAGS = ("blockquote", "iframe", "div", "script", "figure", "amp-twitter", "twitter-widget")
WIDGET_SCRIPT = re.compile(
    r"\s*(?:<p>\s*)?<script\b[^>]*\bsrc=\"[^\"]*(?:widgets\.js|embed\.js|embeds\.js|"
    r"connect\.facebook\.net|embed\.bsky\.app|redditmedia\.com/widgets)[^\"]*\"[^>]*>"
)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def collapse(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


@cache
def load(json_path: Path) -> tuple[str, dict[str, Any]]:
    html_path = json_path.with_suffix(".html")
    with html_path.open(encoding="utf-8", newline="") as fh:
        text = fh.read()
    return text, json.loads(json_path.read_text(encoding="utf-8"))


@cache
def parsed(json_path: Path) -> Document:
    text, _gold = load(json_path)
    return socialcheck.parse(text, source=str(json_path.with_suffix(".html")))


def visible(text: str) -> str:
    return collapse(visible_text(text, tokenize(text)).text) or ""


# --------------------------------------------------------------------------- the fixture set


def test_fixture_set() -> None:
    htmls = {p.stem for p in HTML_DIR.glob("*.html")}
    jsons = {p.stem for p in FIXTURE_JSONS}
    assert htmls == jsons, f"unpaired fixtures: {sorted(htmls ^ jsons)}"
    assert all(re.fullmatch(r"\d\d-[a-z0-9-]+", s) for s in jsons), sorted(jsons)
    platforms = set()
    for path in FIXTURE_JSONS:
        platforms |= {p["platform"] for p in load(path)[1]["posts"]}
    assert platforms == PLATFORMS, sorted(PLATFORMS - platforms)


@pytest.mark.parametrize("json_path", FIXTURE_JSONS, ids=IDS)
def test_expectation_is_well_formed(json_path: Path) -> None:
    text, gold = load(json_path)
    assert set(gold) <= {"article_date", "posts", "notes"}, sorted(gold)
    assert gold.get("notes"), "every fixture explains its shape in 'notes'"
    seen = visible(text)
    for i, post in enumerate(gold["posts"]):
        where = f"post {i}"
        assert set(post) <= POST_KEYS, (where, sorted(set(post) - POST_KEYS))
        assert post["platform"] in PLATFORMS, where
        assert post["date"] is None or ISO_DATE.fullmatch(post["date"]), where
        for piece in (post["body_starts_with"], post["body_ends_with"]):
            if piece is not None:
                assert piece in seen, (where, piece)
        if post["handle"] is not None:  # Mastodon: `user@host`, both parts in the markup
            assert all(part in text for part in post["handle"].split("@")), (where, "handle")
        if post.get("status_id") is not None:  # Telegram: `channel/123`
            assert post["status_id"].split("/")[-1] in text, (where, "status_id")


# --------------------------------------------------------------------------- posts


def _compare(want: dict[str, Any], got: Post, where: str) -> list[str]:
    out = []

    def check(field: str, expected: Any, actual: Any) -> None:
        if expected != actual:
            out.append(f"{where}: {field}: expected {expected!r}, got {actual!r}")

    check("platform", want["platform"], got.platform)
    check("handle", want["handle"], got.handle)
    check("display_name", want["display_name"], got.display_name or None)
    check("date", want["date"], golden.iso(got.date))
    check("links", want["links"], list(got.links))
    body = collapse(got.body)
    start, end = want["body_starts_with"], want["body_ends_with"]
    if start is None and end is None:
        check("body", None, body or None)
    else:
        if start is not None and not (body or "").startswith(start):
            check("body_starts_with", start, (body or "")[: len(start) + 10])
        if end is not None and not (body or "").endswith(end):
            check("body_ends_with", end, (body or "")[-(len(end) + 10) :])
    if "status_id" in want:
        check("status_id", want["status_id"], got.status_id)
    return out


@pytest.mark.parametrize("json_path", FIXTURE_JSONS, ids=IDS)
def test_posts_match_expectation(json_path: Path) -> None:
    _text, gold = load(json_path)
    doc = parsed(json_path)
    assert golden.iso(doc.article_date) == gold["article_date"]
    described = "; ".join(golden.describe_post(p) for p in doc.posts)
    assert len(doc.posts) == len(gold["posts"]), f"detected: {described or 'none'}"
    problems = []
    for i, (want, got) in enumerate(zip(gold["posts"], doc.posts, strict=True)):
        problems.extend(_compare(want, got, f"post {i} ({want['platform']})"))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("json_path", FIXTURE_JSONS, ids=IDS)
def test_posts_are_markup_posts(json_path: Path) -> None:
    """Every post comes from the markup, names it, and its form says what the markup shows."""
    for post in parsed(json_path).posts:
        assert post.form in ("html-embed", "html-widget"), post
        named = post.evidence[0] if post.evidence else ""
        assert any(f"({tag}" in named for tag in EMBED_TAGS), post.evidence
        # "html-embed" where the markup shows the post's date line; else "html-widget"
        # (no date by design: text-less iframes, but also TikTok captions, Reddit titles).
        if post.date_text is None:
            assert post.form == "html-widget", post
            assert post.confidence == pytest.approx(0.9)
        else:
            assert post.form == "html-embed", post
            assert post.confidence >= 0.9
        if post.url is not None:
            parsed_url = parse_post_url(post.url)
            assert parsed_url is not None and parsed_url.platform == post.platform
            if post.status_id is not None:
                assert parsed_url.post_id == post.status_id, post


# --------------------------------------------------------------------------- segments


@pytest.mark.parametrize("json_path", FIXTURE_JSONS, ids=IDS)
def test_segments_join_to_input(json_path: Path) -> None:
    text, _gold = load(json_path)
    doc = parsed(json_path)
    assert "".join(s.text for s in doc.segments) == text
    errors = golden.invariant_errors(doc, text, check_bodies=False)
    assert not errors, "\n".join(errors)
    for post in doc.posts:
        if post.body_span is not None:
            start, end = post.body_span
            assert post.span[0] <= start <= end <= post.span[1]
            assert collapse(visible(text[start:end])) == collapse(post.body)


def _element_end(tokens: tuple[Token, ...]) -> int | None:
    """Where the element opened by tokens[0] ends (its matching end tag), else None."""
    tag = tokens[0].tag
    depth = 0
    for tok in tokens:
        if tok.tag != tag:
            continue
        depth += 1 if tok.kind == "start" else -1 if tok.kind == "end" else 0
        if depth == 0:
            return tok.end
    return None


@pytest.mark.parametrize("json_path", FIXTURE_JSONS, ids=IDS)
def test_span_covers_the_embed_element(json_path: Path) -> None:
    text, _gold = load(json_path)
    for post in parsed(json_path).posts:
        start, end = post.span
        piece = text[start:end]
        tokens = tokenize(piece)
        assert tokens and tokens[0].kind == "start" and tokens[0].start == 0, piece[:60]
        assert tokens[0].tag in EMBED_TAGS, piece[:60]
        element_end = _element_end(tokens)
        assert element_end is not None, f"unclosed element: {piece[:60]}"
        rest = piece[element_end:]
        if rest:  # only the widget script follows the element inside the span
            m = WIDGET_SCRIPT.match(rest)
            assert m is not None, f"span goes past the element: {rest[:80]!r}"
            assert re.fullmatch(r"\s*</script>(?:\s*</p>)?", rest[m.end() :]), rest
        after = text[end:]
        if not rest and tokens[0].tag != "script":
            assert WIDGET_SCRIPT.match(after) is None, f"widget script left out: {after[:80]!r}"


# --------------------------------------------------------------------------- prose


def _outside_paragraphs(text: str, posts: tuple[Post, ...]) -> list[str]:
    """The visible text of every <p> that is not inside a post."""
    tokens = tokenize(text)
    found = []
    for i, tok in enumerate(tokens):
        if tok.kind != "start" or tok.tag != "p":
            continue
        if any(a <= tok.start < b for a, b in (p.span for p in posts)):
            continue
        j = next((k for k in range(i + 1, len(tokens)) if tokens[k].tag == "p"), len(tokens))
        seen = collapse(visible_text(text, tokens[i + 1 : j]).text)
        if seen:
            found.append(seen)
    return found


@pytest.mark.parametrize("json_path", FIXTURE_JSONS, ids=IDS)
def test_prose_keeps_the_article_and_drops_the_posts(json_path: Path) -> None:
    text, _gold = load(json_path)
    doc = parsed(json_path)
    prose = collapse(doc.prose) or ""
    paragraphs = _outside_paragraphs(text, doc.posts)
    assert paragraphs, "the fixture has surrounding paragraphs"
    for paragraph in paragraphs:
        assert paragraph in prose, paragraph
    for post in doc.posts:
        if post.body:
            assert collapse(post.body) not in prose, post.body
        shown = visible_text(text, tokenize(text[post.span[0] : post.span[1]])).text
        for line in shown.splitlines():
            line = collapse(line) or ""
            if len(line) >= 8:
                assert line not in prose, line


# --------------------------------------------------------------------------- negatives


def _fixture(stem: str) -> Path:
    return HTML_DIR / f"{stem}.json"


def test_timeline_profile_and_page_widgets_are_not_posts() -> None:
    path = next(p for p in FIXTURE_JSONS if "timelines" in p.stem)
    text, gold = load(path)
    for marker in ('class="twitter-timeline"', 'data-embed-type="creator"', 'class="fb-page"'):
        assert marker in text, marker
    assert gold["posts"] == []
    assert parsed(path).posts == ()


def test_code_and_comments_are_masked_by_the_reader() -> None:
    """The markup rules do find the live embed markup inside <pre><code>; the reader's masks
    (code, pre, comments) are what drop it. The commented-out embed has no tags at all."""
    path = next(p for p in FIXTURE_JSONS if "code-and-comments" in p.stem)
    text, gold = load(path)
    assert "<pre><code>" in text and "<!--" in text and "&lt;blockquote" in text
    src = read_source(text, source=str(path.with_suffix(".html")))
    raw = html_embeds.detect(src)
    assert raw, "the unescaped embed inside <pre><code> is markup the rules recognise"
    assert all(any(a <= p.span[0] < b for a, b in src.masked()) for p in raw)
    assert gold["posts"] == []
    assert parsed(path).posts == ()


def test_escaped_markup_is_text_not_tags() -> None:
    text = (
        "<html><body><p>Paste this code into your page:</p><p>&lt;blockquote "
        'class="twitter-tweet"&gt;&lt;p lang="en" dir="ltr"&gt;Our new timetable is live'
        "&lt;/p&gt;&amp;mdash; Halden Ferries (@HaldenFerries) &lt;a href=&quot;"
        "https://twitter.com/HaldenFerries/status/2029195703483986778&quot;&gt;March 4, "
        "2026&lt;/a&gt;&lt;/blockquote&gt;</p><p>Then save the page.</p></body></html>"
    )
    src = read_source(text, source="docs.html")
    assert not any(t.kind == "start" and t.tag == "blockquote" for t in src.tokens)
    doc = socialcheck.parse(text, source="docs.html")
    assert doc.posts == ()
    assert "Then save the page." in doc.prose


# --------------------------------------------------------------------------- details


def _posts(stem_part: str) -> tuple[Post, ...]:
    return parsed(next(p for p in FIXTURE_JSONS if stem_part in p.stem)).posts


def test_mastodon_url_drops_embed_and_handle_has_the_instance() -> None:
    posts = [p for p in _posts("mastodon") if p.platform == "mastodon"]
    assert posts
    for post in posts:
        assert post.url is not None and not post.url.endswith("/embed")
        assert post.handle is not None and "@" in post.handle


def test_instagram_date_is_the_utc_date_of_the_datetime_attribute() -> None:
    (post,) = [p for p in _posts("instagram-old") if p.date is not None][:1]
    assert post.date_text is not None and post.date.isoformat() not in post.date_text
    assert str(post.date.day) not in post.date_text.split(",")[0]  # Pacific day differs


def test_reddit_card_time_is_evidence_not_the_date() -> None:
    cards = [p for p in _posts("reddit") if any("data-card-created" in e for e in p.evidence)]
    assert cards
    assert all(p.date is None and p.date_text is None for p in cards)


def test_telegram_status_id_agrees_with_parse_post_url() -> None:
    for post in _posts("telegram"):
        assert post.handle is not None and post.status_id is not None
        assert post.status_id.startswith(post.handle + "/")
        parsed_url = parse_post_url(f"https://t.me/{post.status_id}")
        assert parsed_url is not None and parsed_url.post_id == post.status_id


def test_widget_posts_have_no_date_and_text_only_with_a_caption() -> None:
    for path in FIXTURE_JSONS:
        for post in parsed(path).posts:
            if post.form == "html-widget":
                assert post.date is None and post.date_text is None, post
                if post.platform not in ("tiktok", "reddit"):
                    assert post.body is None, post


def test_widget_posts_are_not_reported_as_undated() -> None:
    """SC104 leaves markup without a date by design alone; it still reports an unreadable one."""
    for path in FIXTURE_JSONS:
        doc = parsed(path)
        for finding in socialcheck.check(doc):
            if finding.code == "SC104":
                post = doc.posts[finding.post_index or 0]
                assert post.form == "html-embed" and post.date_problem, (path.stem, post)


# Found by an audit against docs/embed-formats.

_IG_PROFILE = (
    '<p>The chef announced it online.</p><blockquote class="instagram-media" '
    'data-instgrm-permalink="https://www.instagram.com/chefmartaruiz/?utm_source=ig_embed" '
    'data-instgrm-version="14"><div><a href="https://www.instagram.com/chefmartaruiz/">View '
    'this profile on Instagram</a><p><a href="https://www.instagram.com/chefmartaruiz/">Marta '
    "Ruiz</a> (@chefmartaruiz) &bull; Instagram photos and videos</p></div></blockquote>"
)


def test_an_instagram_profile_embed_is_not_a_post() -> None:
    assert socialcheck.parse(_IG_PROFILE, kind="html").posts == ()
    # The same box with a post's permalink is one.
    post_box = _IG_PROFILE.replace(
        "chefmartaruiz/?utm_source", "p/C4dXyZaLmNo/?utm_source"
    ).replace("View this profile", "View this post")
    [post] = socialcheck.parse(post_box, kind="html").posts
    assert (post.platform, post.status_id) == ("instagram", "C4dXyZaLmNo")


@pytest.mark.parametrize(
    "path", ["live_stream?channel=UCabcdefghijklmnopqrstuv", "videoseries?list=PL0123456789"]
)
def test_youtube_player_paths_are_not_videos(path: str) -> None:
    text = f'<p>Watch live.</p><iframe src="https://www.youtube.com/embed/{path}"></iframe>'
    assert socialcheck.parse(text, kind="html").posts == ()


@pytest.mark.parametrize("path", ["embed/v2/7477932044257889558", "player/v1/7477932044257889558"])
def test_a_tiktok_player_iframe_is_a_post(path: str) -> None:
    text = f'<p>A clip went viral.</p><iframe src="https://www.tiktok.com/{path}"></iframe><p>More.</p>'
    [post] = socialcheck.parse(text, kind="html").posts
    assert (post.platform, post.form) == ("tiktok", "html-widget")
    assert post.status_id == "7477932044257889558"
    shown = text[post.span[0] : post.span[1]]
    assert shown.startswith("<iframe") and shown.endswith("</iframe>")


_PLACEHOLDER = (
    '<blockquote placeholder class="twitter-tweet" data-lang="en"><p lang="en">Garage closes '
    "tonight at 10pm.</p>&mdash; Riverton City (@RivertonCity) "
    '<a href="https://twitter.com/RivertonCity/status/{link_id}">March 3, 2026</a></blockquote>'
)


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ('<amp-twitter data-tweetid="2028900000000000000" layout="responsive">', "</amp-twitter>"),
        ('<div class="embed-twitter" data-embed-id="2028900000000000000">', "</div>"),
    ],
)
def test_a_wrapper_reads_the_x_box_inside_it(opening: str, closing: str) -> None:
    """AMP's placeholder and CNN's copy of the official markup show the post: read it,
    with the wrapper's span and ID (the post the page renders)."""
    embed = opening + _PLACEHOLDER.format(link_id="2028900000000000000") + closing
    text = f"<p>The city posted the news.</p>{embed}<p>More.</p>"
    [post] = socialcheck.parse(text, kind="html").posts
    assert (post.handle, post.display_name, post.body) == (
        "RivertonCity",
        "Riverton City",
        "Garage closes tonight at 10pm.",
    )
    assert (post.date.isoformat() if post.date else None, post.status_id) == (
        "2026-03-03",
        "2028900000000000000",
    )
    assert (post.form, text[post.span[0] : post.span[1]]) == ("html-embed", embed)
    # A box that links another post than the wrapper names: the wrapper's ID, and a note.
    other = opening + _PLACEHOLDER.format(link_id="2028900000000000001") + closing
    [post] = socialcheck.parse(f"<p>x</p>{other}", kind="html").posts
    assert post.status_id == "2028900000000000000"
    assert any("2028900000000000001" in note for note in post.evidence)
    # Without a box it stays a widget.
    [post] = socialcheck.parse(f"<p>x</p>{opening}{closing}", kind="html").posts
    assert (post.form, post.handle, post.status_id) == ("html-widget", None, "2028900000000000000")
