"""Posts in embed markup: the platforms' blockquotes, iframes, divs and scripts.

A pipeline of small named rules over one token stream (docs/embed-formats, sections
a): each rule says which start tag opens its embed and turns the element into a
Post. Adding a platform's markup touches only `RULES`. A post's span covers its
whole element and the widget script that follows it; text inside the box is read
from its visible text, so the signature grammar is shared with scraped text.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from ..model import Post
from ..platforms.urls import PostURL, parse_post_url
from ..read import Source
from ..read.html import Token, VisibleText, visible_text
from ._mapping import mapped_post
from .scraped import post_from_signature
from .signature import find_signatures

_MAX_ELEMENT_TOKENS = 5000
_WIDGET_SCRIPTS = (
    "platform.twitter.com/widgets.js",
    "platform.x.com/widgets.js",
    "embed.bsky.app",
    "/embed.js",
    "instagram.com/embed.js",
    "platform.instagram.com",
    "connect.facebook.net",
    "tiktok.com/embed.js",
    "embed.reddit.com",
    "redditmedia.com/widgets",
    "telegram.org/js/telegram-widget",
)
_OPENERS = frozenset({"blockquote", "iframe", "div", "script", "amp-twitter", "figure"})


@attrs.frozen
class Element:
    open: int  # token index of the start tag
    close: int  # token index of the matching end tag (== open when there is none)
    start: int  # offsets into the input
    end: int


@attrs.frozen
class EmbedRule:
    name: str
    matches: Callable[[Token], bool]
    build: Callable[[Source, Element], Post | None]


def element(tokens: tuple[Token, ...], i: int) -> Element:
    """The element opened at token `i`, up to its matching end tag (bounded)."""
    tag = tokens[i].tag
    depth = 0
    for j in range(i, min(len(tokens), i + _MAX_ELEMENT_TOKENS)):
        tok = tokens[j]
        if tok.tag != tag:
            continue
        if tok.kind == "start":
            depth += 1
        elif tok.kind == "end":
            depth -= 1
            if depth == 0:
                return Element(i, j, tokens[i].start, tok.end)
    return Element(i, i, tokens[i].start, tokens[i].end)


def _blank(tok: Token) -> bool:
    return tok.kind == "data" and not tok.data.strip()


def with_widget_script(tokens: tuple[Token, ...], el: Element) -> Element:
    """The element extended over the platform script that follows it, if any."""
    j = el.close + 1
    while j < len(tokens) and _blank(tokens[j]):
        j += 1
    wrapped = j < len(tokens) and tokens[j].kind == "start" and tokens[j].tag == "p"
    k = j + 1 if wrapped else j
    if k >= len(tokens) or tokens[k].kind != "start" or tokens[k].tag != "script":
        return el
    src = tokens[k].attr("src") or ""
    if not any(marker in src for marker in _WIDGET_SCRIPTS):
        return el
    end_k = k + 1
    if end_k < len(tokens) and tokens[end_k].kind == "end" and tokens[end_k].tag == "script":
        k = end_k
    if wrapped:
        m = k + 1
        if m < len(tokens) and tokens[m].kind == "end" and tokens[m].tag == "p":
            k = m
        else:
            return attrs.evolve(el, end=tokens[end_k - 1 if end_k > k else k].end)
    return attrs.evolve(el, close=k, end=tokens[k].end)


def inner_text(src: Source, el: Element) -> VisibleText:
    return visible_text(src.text, src.tokens[el.open + 1 : el.close])


def links_in(src: Source, el: Element) -> list[PostURL]:
    """Post URLs of the element's links and its own URL-bearing attributes."""
    found: list[PostURL] = []
    for tok in src.tokens[el.open : el.close + 1]:
        if tok.kind != "start":
            continue
        for name in ("href", "cite", "src", "data-href", "data-embed-url", "data-bluesky-uri",
                     "data-text-post-permalink", "data-instgrm-permalink"):  # fmt: skip
            value = tok.attr(name)
            if value:
                parsed = parse_post_url(value)
                if parsed is not None and parsed.kind == "post":
                    found.append(parsed)
    return found


def _own_url(urls: list[PostURL], platform: str) -> PostURL | None:
    """The post's own permalink: the last post URL of its platform in the box."""
    mine = [u for u in urls if u.platform == platform]
    return mine[-1] if mine else None


def signed_box(src: Source, el: Element, platform: str, evidence: str) -> Post | None:
    """A box that renders `body — Name (@handle) date` (X, Bluesky): read it like scraped text."""
    box = inner_text(src, el)
    own = _own_url(links_in(src, el), platform)
    full = with_widget_script(src.tokens, el)
    signatures = find_signatures(box.text)
    if signatures:
        post = mapped_post(post_from_signature(box.text, signatures[-1], 0, whole=True), box.map)
        post = attrs.evolve(post, platform=platform)
    else:
        body = box.text.strip() or None
        post = Post(
            platform=platform,
            span=(el.start, el.end),
            handle=own.handle if own else None,
            body=body,
            evidence=("the embed has no signature line",),
            confidence=0.8,
        )
    return attrs.evolve(
        post,
        span=(full.start, full.end),
        status_id=own.post_id if own else post.status_id,
        url=own.canonical if own else post.url,
        form="html-embed",
        confidence=max(post.confidence, 0.95) if signatures else post.confidence,
        evidence=(evidence, *post.evidence),
    )


def _classes(*names: str) -> Callable[[Token], bool]:
    wanted = frozenset(names)
    return lambda tok: bool(tok.classes & wanted)


def _twitter(src: Source, el: Element) -> Post | None:
    return signed_box(src, el, "twitter", "X embed markup (blockquote.twitter-tweet)")


def _bluesky(src: Source, el: Element) -> Post | None:
    post = signed_box(src, el, "bluesky", "Bluesky embed markup (blockquote.bluesky-embed)")
    if post is None:
        return None
    uri = src.tokens[el.open].attr("data-bluesky-uri") or ""
    parsed = parse_post_url(uri) if uri else None
    return attrs.evolve(
        post,
        status_id=parsed.post_id if parsed else post.status_id,
        url=parsed.canonical if parsed else post.url,
    )


RULES: tuple[EmbedRule, ...] = (
    EmbedRule("twitter-blockquote", _classes("twitter-tweet"), _twitter),
    EmbedRule("bluesky-blockquote", _classes("bluesky-embed"), _bluesky),
)


def detect(src: Source) -> list[Post]:
    tokens = src.tokens
    posts: list[Post] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind == "start" and tok.tag in _OPENERS:
            for rule in RULES:
                if rule.matches(tok):
                    el = element(tokens, i)
                    post = rule.build(src, el)
                    if post is not None:
                        posts.append(post)
                        i = max(i, el.close)
                    break
        i += 1
    return posts
