"""Embed rules for X (and Bluesky, which shares its signed box) and CMS wrappers.

- `blockquote.twitter-tweet` / `twitter-video` and `blockquote.bluesky-embed`: the box
  renders `body — Name (@handle) date`, read like scraped text (docs/embed-formats 3.a, 4.a).
- A blockquote without an embed class whose text has one signature and a status link of
  the same platform inside (sites that strip the class).
- Widgets with no text (2.3): `div.twitter-tweet-rendered` / `iframe[data-tweet-id]` /
  `twitter-widget` left by widgets.js, CNN `div.embed-twitter[data-embed-id]`,
  `amp-twitter[data-tweetid]` (these two read the X box inside them when there is one:
  AMP's placeholder), `iframe` of `platform.twitter.com/embed/Tweet.html?id=`,
  and Bluesky's `iframe` of `embed.bsky.app/embed/…` (and its `div.bluesky-embed`).
- WordPress blocks (16): `figure.wp-block-embed…` / `div.wp-block-embed__wrapper` holding
  only a post URL become a post; holding a blockquote or iframe, the inner rule reads it.
"""

from __future__ import annotations

import attrs

from .._lazy import lazy_compile
from ..model import Post
from ..platforms.urls import PostURL, parse_post_url
from ..read import Source
from ..read.html import Token
from .html_base import (
    Element,
    EmbedRule,
    element,
    first_child,
    has_class,
    holds_its_tag,
    iframe_from,
    iframe_src,
    inner_text,
    links_in,
    own_url,
    post_url,
    signed_box,
    sub_elements,
    too_big,
    trimmed,
    widget_post,
    with_widget_script,
)
from .signature import find_signatures

_TWEET_ID = lazy_compile(r"[0-9]{1,25}")
_X_BOX_CLASSES = frozenset({"twitter-tweet", "twitter-video"})
_TWEET_IFRAME = "platform.twitter.com/embed/Tweet.html"
_X_IFRAME = "platform.x.com/embed/Tweet.html"
_MAX_URL_WRAPPER = 10  # tokens of a wrapper that holds a URL (maybe linked) and white space


def _twitter(src: Source, el: Element) -> Post | None:
    kind = "twitter-video" if "twitter-video" in src.tokens[el.open].classes else "twitter-tweet"
    return signed_box(src, el, "twitter", f"X embed markup (blockquote.{kind})")


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


def _plain_blockquote(src: Source, el: Element) -> Post | None:
    """A blockquote that lost its embed class: one signature and a status link of its platform."""
    if holds_its_tag(src.tokens, el):
        return None  # an embed box holds no blockquote: read the inner one (and stay linear)
    signatures = find_signatures(inner_text(src, el).text)
    if len(signatures) != 1:
        return None
    platform = signatures[0].platform
    if own_url(links_in(src, el), platform) is None:
        return None
    name = "X" if platform == "twitter" else "Bluesky"
    evidence = f"{name} signature and status link (blockquote without an embed class)"
    return signed_box(src, el, platform, evidence)


# --------------------------------------------------------------------------- X widgets


def _status(status_id: str | None) -> PostURL | None:
    if status_id is None or not _TWEET_ID.fullmatch(status_id.strip()):
        return None
    return parse_post_url(f"https://x.com/i/web/status/{status_id.strip()}")


def _tweet_id(tok: Token, *names: str) -> PostURL | None:
    for name in names:
        found = _status(tok.attr(name))
        if found is not None:
            return found
    if tok.tag == "iframe":
        return post_url(iframe_src(tok), "twitter")
    return None


def _x_widget(src: Source, el: Element, names: tuple[str, ...], evidence: str) -> Post | None:
    """A text-less X widget: the status id from `names` on the element or inside it."""
    url = None
    for tok in src.tokens[el.open : el.close + 1]:
        if tok.kind == "start":
            url = _tweet_id(tok, *names)
            if url is not None:
                break
    return widget_post(src, el, url, evidence, platform="twitter")


def _x_rendered(src: Source, el: Element) -> Post | None:
    return _x_widget(
        src, el, ("data-tweet-id",), "X widget rendered by widgets.js (div.twitter-tweet-rendered)"
    )


def _x_iframe(src: Source, el: Element) -> Post | None:
    if _tweet_id(src.tokens[el.open], "data-tweet-id") is None:
        return None
    evidence = "X widget (iframe[data-tweet-id] / iframe of Tweet.html?id=)"
    return _x_widget(src, el, ("data-tweet-id",), evidence)


def _wrapped(src: Source, el: Element, url: PostURL, evidence: str) -> Post | None:
    """A wrapper that names the post by ID: the X box inside it (AMP's placeholder, a
    CMS's copy of the official markup) shows the post's text and signature; else it is
    a widget. The wrapper's ID is the post the page renders."""
    for box in sub_elements(src, el, "blockquote"):
        if not src.tokens[box.open].classes & _X_BOX_CLASSES:
            continue
        post = signed_box(src, box, "twitter", f"{evidence}, holding the X embed markup")
        if post is None:
            break
        full = with_widget_script(src.tokens, el)
        notes = post.evidence
        if post.status_id not in (None, url.post_id):
            notes += (f"the box inside links another post ({post.status_id})",)
        return attrs.evolve(
            post, span=(full.start, full.end), status_id=url.post_id, url=url.canonical,
            evidence=notes,
        )  # fmt: skip
    return widget_post(src, el, url, evidence)


def _x_cnn(src: Source, el: Element) -> Post | None:
    url = _status(src.tokens[el.open].attr("data-embed-id"))
    if url is None:
        return None
    return _wrapped(src, el, url, "X embed wrapper, CNN style (div.embed-twitter[data-embed-id])")


def _x_amp(src: Source, el: Element) -> Post | None:
    url = _status(src.tokens[el.open].attr("data-tweetid"))
    if url is None:
        return None
    return _wrapped(src, el, url, "AMP X embed (amp-twitter[data-tweetid])")


def _x_rendered_match(tok: Token) -> bool:
    rendered = tok.tag in ("div", "twitter-widget") and "twitter-tweet-rendered" in tok.classes
    return rendered or (tok.tag == "twitter-widget" and bool(tok.attr("data-tweet-id")))


def _x_iframe_match(tok: Token) -> bool:
    return tok.tag == "iframe" and (bool(tok.attr("data-tweet-id")) or _tweet_iframe(tok))


_tweet_iframe = iframe_from(_TWEET_IFRAME, _X_IFRAME)


# --------------------------------------------------------------------------- Bluesky widgets


def _bluesky_iframe(src: Source, el: Element) -> Post | None:
    url = post_url(iframe_src(src.tokens[el.open]), "bluesky")
    if url is None:
        return None
    return widget_post(src, el, url, "Bluesky widget (iframe of embed.bsky.app/embed)")


def _bluesky_rendered(src: Source, el: Element) -> Post | None:
    child = first_child(src, el)
    if child is None or src.tokens[child].kind != "start" or src.tokens[child].tag != "iframe":
        return None  # embed.js puts just the iframe in the div
    url = post_url(iframe_src(src.tokens[child]), "bluesky")
    if url is None:
        return None
    return widget_post(src, el, url, "Bluesky widget rendered by embed.js (div.bluesky-embed)")


# --------------------------------------------------------------------------- WordPress


def _is_wrapper(tok: Token) -> bool:
    return tok.kind == "start" and tok.tag == "div" and "wp-block-embed__wrapper" in tok.classes


def _wp_wrapper(src: Source, el: Element) -> Post | None:
    """A WordPress embed block that holds only the post's URL (saved without the oEmbed HTML)."""
    wrapper = el
    if not _is_wrapper(src.tokens[el.open]):  # the figure: Gutenberg puts the wrapper first
        child = first_child(src, el)
        if child is None or not _is_wrapper(src.tokens[child]):
            return None
        wrapper = element(src.tokens, child)
    if too_big(wrapper, _MAX_URL_WRAPPER):
        return None  # a blockquote, an iframe or more text: the rules inside read it
    piece = trimmed(inner_text(src, wrapper))
    if piece is None or any(c.isspace() for c in piece[0]):
        return None
    url = post_url(piece[0])
    if url is None:
        return None
    evidence = "WordPress embed block holding only the post's URL (figure.wp-block-embed)"
    return widget_post(src, el, url, evidence)


def _wp_figure(tok: Token) -> bool:
    return tok.tag == "figure" and any(c.startswith("wp-block-embed") for c in tok.classes)


RULES: tuple[EmbedRule, ...] = (
    EmbedRule("twitter-blockquote", has_class("twitter-tweet", "twitter-video", tag="blockquote"),
              _twitter),
    EmbedRule("bluesky-blockquote", has_class("bluesky-embed", tag="blockquote"), _bluesky),
    EmbedRule("twitter-rendered", _x_rendered_match, _x_rendered),
    EmbedRule("twitter-iframe", _x_iframe_match, _x_iframe),
    EmbedRule("twitter-cnn", has_class("embed-twitter", tag="div"), _x_cnn),
    EmbedRule("twitter-amp", lambda tok: tok.tag == "amp-twitter", _x_amp),
    EmbedRule("bluesky-iframe", iframe_from("embed.bsky.app/embed/"), _bluesky_iframe),
    EmbedRule("bluesky-rendered", has_class("bluesky-embed", tag="div"), _bluesky_rendered),
    EmbedRule("wordpress-figure", _wp_figure, _wp_wrapper),
    EmbedRule("wordpress-wrapper", has_class("wp-block-embed__wrapper", tag="div"), _wp_wrapper),
)  # fmt: skip

# Tried after every platform's own rules: a blockquote that no embed class claimed.
FALLBACK_RULES: tuple[EmbedRule, ...] = (
    EmbedRule("plain-blockquote", lambda tok: tok.tag == "blockquote", _plain_blockquote),
)
