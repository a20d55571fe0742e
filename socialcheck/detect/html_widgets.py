"""Embed rules for platforms whose markup names a post but shows little or none of it.

docs/embed-formats 5, 9-14:
- Mastodon 4.3 `blockquote.mastodon-embed[data-embed-url]` ("Post by @u@host") and the
  older `iframe.mastodon-embed`; Truth Social `iframe.truthsocial-embed`.
- TikTok `blockquote.tiktok-embed` (caption between the `@user` link and the `♬` sound
  link; creator-profile embeds are not posts).
- TikTok `iframe` of `tiktok.com/embed/v2/<id>` or `tiktok.com/player/v1/<id>`.
- YouTube `iframe` of `youtube.com/embed/` or `youtube-nocookie.com/embed/`; LinkedIn
  `iframe` of `linkedin.com/embed/feed/update/urn:li:…`.
- Reddit `blockquote.reddit-embed-bq` / `blockquote.reddit-card` (the title link is the
  body; `data-card-created` is when the card was made, not the post).
- Telegram `script[data-telegram-post="channel/123"]`.
"""

from __future__ import annotations

import datetime as _dt

import attrs

from .._lazy import lazy_compile
from ..model import Post
from ..platforms.urls import parse_post_url
from ..read import Source
from ..read.html import Token
from .html_base import (
    WIDGET_CONFIDENCE,
    Element,
    EmbedRule,
    has_attr,
    has_class,
    iframe_from,
    iframe_src,
    inner_text,
    post_url,
    sub_elements,
    tokens_text,
    too_big,
    trimmed,
    url_attr,
    widget_post,
    with_widget_script,
)

_FEDI_ACCOUNT = lazy_compile(r"@(?P<h>[\w.-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8})")
_TT_ID = lazy_compile(r"[0-9]{1,25}")
_RD_USER = lazy_compile(r"u/(?P<u>[A-Za-z0-9_-]{3,20})")
_MAX_CARD_TIME = 10_000_000_000
_FEDI = ("mastodon", "truthsocial")
_MAX_REDDIT_TOKENS = 200  # a card is a title link, a user link and a subreddit link


# --------------------------------------------------------------------------- Mastodon


def _mastodon_blockquote(src: Source, el: Element) -> Post | None:
    url = url_attr(src.tokens[el.open], "data-embed-url")
    if url is None or url.platform not in _FEDI:
        return None
    shown = _FEDI_ACCOUNT.search(inner_text(src, el).text)  # "Post by @u@host"
    return widget_post(
        src,
        el,
        url,
        "Mastodon embed markup (blockquote.mastodon-embed[data-embed-url])",
        handle=shown.group("h") if shown else None,
    )


def _fedi_iframe(src: Source, el: Element) -> Post | None:
    url = post_url(iframe_src(src.tokens[el.open]))
    if url is None or url.platform not in _FEDI:
        return None
    name = "Truth Social" if url.platform == "truthsocial" else "Mastodon"
    return widget_post(src, el, url, f"{name} embed markup (iframe.{url.platform}-embed)")


# --------------------------------------------------------------------------- TikTok


def _tiktok_anchor_kind(src: Source, a: Element) -> str:
    tok = src.tokens[a.open]
    title = tok.attr("title") or ""
    href = tok.attr("href") or ""
    text = tokens_text(src, a.open + 1, a.close).text.strip()
    if title.startswith("♬") or text.startswith("♬") or "/music/" in href:
        return "sound"
    parsed = parse_post_url(href)
    if text.startswith("@") or (parsed is not None and parsed.kind == "profile"):
        return "user"
    return "other"


def _tiktok(src: Source, el: Element) -> Post | None:
    tok = src.tokens[el.open]
    if (tok.attr("data-embed-type") or "video") != "video":
        return None  # creator-profile embeds ("creator") name an account, not a post
    own = url_attr(tok, "cite", platform="tiktok")
    video_id = (tok.attr("data-video-id") or "").strip()
    if not _TT_ID.fullmatch(video_id):
        video_id = (own.post_id if own else None) or ""
    if not video_id:
        return None
    handle = own.handle if own else None
    first, stop = el.open + 1, el.close
    for a in sub_elements(src, el, "a"):
        kind = _tiktok_anchor_kind(src, a)
        if kind == "user" and first == el.open + 1:
            first = a.close + 1
            shown = tokens_text(src, a.open + 1, a.close).text.strip()
            handle = handle or shown.lstrip("@") or None
        elif kind == "sound":
            stop = a.open
            break
    body = trimmed(tokens_text(src, first, stop)) if stop > first else None
    if own is None and handle:
        own = post_url(f"https://www.tiktok.com/@{handle}/video/{video_id}")
    full = with_widget_script(src.tokens, el)
    return Post(
        platform="tiktok",
        span=(full.start, full.end),
        handle=handle,
        body=body[0] if body else None,
        body_span=body[1] if body else None,
        status_id=video_id,
        url=own.canonical if own else None,
        confidence=WIDGET_CONFIDENCE,
        evidence=(
            "TikTok embed markup (blockquote.tiktok-embed[data-video-id])",
            "the caption is shown, the date never is" if body else "no caption, no date",
        ),
        form="html-widget",
    )


# --------------------------------------------------------------------------- iframes


def _tiktok_iframe(src: Source, el: Element) -> Post | None:
    url = post_url(iframe_src(src.tokens[el.open]), "tiktok")
    if url is None:
        return None
    return widget_post(src, el, url, "TikTok player (iframe of tiktok.com/embed or /player)")


def _youtube(src: Source, el: Element) -> Post | None:
    url = post_url(iframe_src(src.tokens[el.open]), "youtube")
    if url is None:
        return None
    return widget_post(src, el, url, "YouTube player (iframe of youtube.com/embed)")


def _linkedin(src: Source, el: Element) -> Post | None:
    url = post_url(iframe_src(src.tokens[el.open]), "linkedin")
    if url is None:
        return None
    return widget_post(src, el, url, "LinkedIn embed (iframe of linkedin.com/embed/feed/update)")


# --------------------------------------------------------------------------- Reddit


def _card_created(value: str | None) -> str | None:
    if not value or not value.strip().isdigit() or int(value) >= _MAX_CARD_TIME:
        return None
    when = _dt.datetime.fromtimestamp(int(value), _dt.timezone.utc)
    return (
        f"data-card-created {value} ({when:%Y-%m-%d}) is when the card was made, "
        "not when the post was"
    )


def _reddit(src: Source, el: Element) -> Post | None:
    if too_big(el, _MAX_REDDIT_TOKENS):
        return None
    tokens = src.tokens
    title: Element | None = None
    url = None
    handle = None
    for a in sub_elements(src, el, "a"):
        parsed = parse_post_url(tokens[a.open].attr("href") or "")
        text = tokens_text(src, a.open + 1, a.close).text.strip()
        user = _RD_USER.fullmatch(text)
        if parsed is not None and parsed.platform == "reddit" and parsed.kind == "profile":
            handle = handle or parsed.handle
        elif user is not None:
            handle = handle or user.group("u")
        elif title is None and parsed is not None and parsed.kind == "post":
            title, url = a, parsed
    if title is None or url is None:
        return None
    body = trimmed(tokens_text(src, title.open + 1, title.close))
    tok = tokens[el.open]
    kind = "reddit-card" if "reddit-card" in tok.classes else "reddit-embed-bq"
    evidence = [f"Reddit embed markup (blockquote.{kind})", "the title is shown, the date never is"]
    created = _card_created(tok.attr("data-card-created"))
    if created:
        evidence.append(created)
    full = with_widget_script(tokens, el)
    return Post(
        platform="reddit",
        span=(full.start, full.end),
        handle=handle or url.handle,
        body=body[0] if body else None,
        body_span=body[1] if body else None,
        status_id=url.post_id,
        url=url.canonical,
        confidence=WIDGET_CONFIDENCE,
        evidence=tuple(evidence),
        form="html-widget",
    )


# --------------------------------------------------------------------------- Telegram


def _telegram(src: Source, el: Element) -> Post | None:
    value = (src.tokens[el.open].attr("data-telegram-post") or "").strip().strip("/")
    url = post_url(f"https://t.me/{value}", "telegram") if value else None
    if url is None:
        return None
    post = widget_post(src, el, url, "Telegram post widget (script[data-telegram-post])")
    # The widget is the script itself: its span is the element, no script follows it.
    return None if post is None else attrs.evolve(post, span=(el.start, el.end))


def _tiktok_match(tok: Token) -> bool:
    return tok.tag == "blockquote" and "tiktok-embed" in tok.classes


RULES: tuple[EmbedRule, ...] = (
    EmbedRule("mastodon-blockquote", has_class("mastodon-embed", tag="blockquote"),
              _mastodon_blockquote),
    EmbedRule("mastodon-iframe", has_class("mastodon-embed", "truthsocial-embed", tag="iframe"),
              _fedi_iframe),
    EmbedRule("tiktok-blockquote", _tiktok_match, _tiktok),
    EmbedRule("tiktok-iframe", iframe_from("tiktok.com/embed/", "tiktok.com/player/v1/"),
              _tiktok_iframe),
    EmbedRule("youtube-iframe", iframe_from("youtube.com/embed/", "youtube-nocookie.com/embed/"),
              _youtube),
    EmbedRule("linkedin-iframe", iframe_from("linkedin.com/embed/feed/update/urn:li:"), _linkedin),
    EmbedRule("reddit-blockquote", has_class("reddit-embed-bq", "reddit-card", tag="blockquote"),
              _reddit),
    EmbedRule("telegram-script", has_attr("script", "data-telegram-post"), _telegram),
)  # fmt: skip
