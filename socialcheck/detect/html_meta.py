"""Embed rules for Meta's platforms: Instagram, Facebook and Threads (docs/embed-formats 6-8).

- `blockquote.instagram-media`: v14 shows only `A post shared by Name (@handle)`; older
  versions add the caption paragraph(s) and `… on <time datetime="…">` (the UTC date of
  the attribute is the post's date, the visible time text its `date_text`).
- `div.fb-post[data-href]` / `div.fb-video` with `blockquote.fb-xfbml-parse-ignore`: the
  paragraphs are the body, `Posted by <a>Name</a> on <a>date</a>` the author and date;
  `iframe` of `facebook.com/plugins/post.php` / `video.php` names the post in `href=`.
- `blockquote.text-post-media[data-text-post-permalink]` (Threads): no text, no date.
"""

from __future__ import annotations

import datetime as _dt

import regex

from .._lazy import lazy_compile
from ..dates import DateMatch, match_date, parse_iso_date
from ..model import Post, Span
from ..platforms.urls import parse_post_url
from ..read import Source
from ..read.html import Token
from .html_base import (
    Element,
    EmbedRule,
    form_for,
    has_class,
    iframe_from,
    iframe_src,
    links_in,
    own_url,
    post_url,
    sub_elements,
    tokens_text,
    trimmed,
    url_attr,
    widget_post,
    with_widget_script,
)

_IG_HANDLE = lazy_compile(r"\(@(?P<h>[A-Za-z0-9._]{1,30})\)")
# The footer's lead-in in the locales seen in embeds ("A post shared by Name (@h)").
_IG_LEADS = (
    "A post shared by", "A photo posted by", "A video posted by", "Ein Beitrag geteilt von",
    "Une publication partagée par", "Una publicación compartida de",
    "Una publicación compartida por", "Un post condiviso da", "Uma publicação compartilhada por",
    "Een bericht gedeeld door",
)  # fmt: skip
_WORD_START = lazy_compile(r"(?<!\S)\S")
_CONNECTOR = lazy_compile(r"\p{Ll}{1,3}:?")  # "on", "en", "am" before a weekday
_MAX_DATE_WORDS = 10


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _paragraphs_text(src: Source, paragraphs: list[Element]) -> tuple[str, Span] | None:
    """The visible text of consecutive paragraphs, from the first one to the last one."""
    if not paragraphs:
        return None
    return trimmed(tokens_text(src, paragraphs[0].open, paragraphs[-1].close + 1))


def _has(src: Source, el: Element, tag: str) -> bool:
    return any(t.kind == "start" and t.tag == tag for t in src.tokens[el.open : el.close + 1])


# --------------------------------------------------------------------------- Instagram


def _iso_utc_date(value: str | None) -> _dt.date | None:
    if not value:
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        return None


def _ig_name(src: Source, footer: Element, text: str, handle_at: int) -> str | None:
    """The author's name: the footer's profile link (old versions), else after the lead-in."""
    for a in sub_elements(src, footer, "a"):
        parsed = parse_post_url(src.tokens[a.open].attr("href") or "")
        if parsed is not None and parsed.kind == "profile":
            piece = trimmed(tokens_text(src, a.open + 1, a.close))
            return _collapse(piece[0]) if piece else None
    before = _collapse(text[:handle_at])
    for lead in _IG_LEADS:
        if before.startswith(lead):
            return before[len(lead) :].strip() or None
    return None


def _instagram(src: Source, el: Element) -> Post | None:
    tok = src.tokens[el.open]
    own = url_attr(tok, "data-instgrm-permalink", platform="instagram") or own_url(
        links_in(src, el), "instagram"
    )
    permalink = parse_post_url((tok.attr("data-instgrm-permalink") or "").strip())
    if own is None and permalink is not None and permalink.kind == "profile":
        return None  # "View this profile on Instagram": a profile widget, not a post
    captions: list[Element] = []
    footer: Element | None = None
    handle_m: regex.Match[str] | None = None
    footer_text = ""
    for p in sub_elements(src, el, "p"):
        text = tokens_text(src, p.open + 1, p.close).text
        m = _IG_HANDLE.search(text)
        if m is not None or _has(src, p, "time"):
            footer, handle_m, footer_text = p, m, text
            break
        captions.append(p)
    handle = handle_m.group("h") if handle_m else (own.handle if own else None)
    name = _ig_name(src, footer, footer_text, handle_m.start()) if footer and handle_m else None
    date = date_text = None
    times = sub_elements(src, footer, "time") if footer else []
    if times:
        time_tok = src.tokens[times[0].open]
        piece = trimmed(tokens_text(src, times[0].open + 1, times[0].close))
        date_text = _collapse(piece[0]) if piece else None
        date = _iso_utc_date(time_tok.attr("datetime"))
        if date is None and date_text:
            found = match_date(date_text, 0)
            date = found.date if found else None
    body = _paragraphs_text(src, captions)
    full = with_widget_script(src.tokens, el)
    form, confidence = form_for(date_text)
    evidence = ["Instagram embed markup (blockquote.instagram-media)"]
    if times and src.tokens[times[0].open].attr("datetime"):
        evidence.append("the date is the UTC date of <time datetime>")
    elif date_text is None:
        evidence.append("no caption, no date (v14)" if body is None else "no date shown")
    return Post(
        platform="instagram",
        span=(full.start, full.end),
        handle=handle,
        display_name=name,
        date=date,
        date_text=date_text,
        body=body[0] if body else None,
        body_span=body[1] if body else None,
        status_id=own.post_id if own else None,
        url=own.canonical if own else None,
        confidence=confidence,
        evidence=tuple(evidence),
        form=form,
    )


# --------------------------------------------------------------------------- Facebook


def _read_date(text: str) -> tuple[str | None, _dt.date | None, str | None]:
    """(date_text, date, problem) of a Facebook date line: `Monday, September 12, 2016`."""
    text = _collapse(text)
    if not text:
        return None, None, None
    first: DateMatch | None = None
    for k, word in enumerate(_WORD_START.finditer(text)):
        if k >= _MAX_DATE_WORDS:
            break
        found = match_date(text, word.start())
        if found is not None and found.date is not None:
            return found.text, found.date, None
        first = first or found
    if first is not None:
        return first.text, None, first.problem
    words = text.split()
    if len(words) > 1 and _CONNECTOR.fullmatch(words[0]):
        text = " ".join(words[1:])
    return text, None, f"no calendar date in {text!r}"


def _fb_author_and_date(
    src: Source, quote: Element, tail: int
) -> tuple[str | None, str | None, str | None, _dt.date | None, str | None]:
    """(name, profile handle, date_text, date, problem) from the `Posted by` line."""
    tokens = src.tokens
    anchors = [a for a in sub_elements(src, quote, "a") if a.open >= tail]
    name = handle = None
    date_from = tail
    date_to = quote.close
    named = False
    for a in anchors:
        parsed = parse_post_url(tokens[a.open].attr("href") or "")
        is_post = parsed is not None and parsed.kind == "post"
        if not named and not is_post:
            piece = trimmed(tokens_text(src, a.open + 1, a.close))
            name = _collapse(piece[0]) if piece else None
            handle = parsed.handle if parsed is not None else None
            named, date_from = True, a.close + 1
        elif named:
            date_from, date_to = a.open + 1, a.close  # the linked date
    date_text, date, problem = _read_date(tokens_text(src, date_from, date_to).text)
    return name, handle, date_text, date, problem


def _facebook_sdk(src: Source, el: Element) -> Post | None:
    own = url_attr(src.tokens[el.open], "data-href", platform="facebook")
    if own is None:
        return None  # the SDK needs data-href; a page's URL (div.fb-page) is no post
    quotes = [
        q
        for q in sub_elements(src, el, "blockquote")
        if "fb-xfbml-parse-ignore" in src.tokens[q.open].classes
    ]
    evidence = "Facebook SDK embed markup (div.fb-post / div.fb-video)"
    if not quotes:
        return widget_post(src, el, own, evidence)
    quote = quotes[0]
    paragraphs = [p for p in sub_elements(src, quote, "p")]
    body = _paragraphs_text(src, paragraphs)
    tail = paragraphs[-1].close + 1 if paragraphs else quote.open + 1
    name, profile, date_text, date, problem = _fb_author_and_date(src, quote, tail)
    full = with_widget_script(src.tokens, el)
    form, confidence = form_for(date_text)
    return Post(
        platform="facebook",
        span=(full.start, full.end),
        handle=own.handle or profile,
        display_name=name,
        date=date,
        date_text=date_text,
        date_problem=problem,
        body=body[0] if body else None,
        body_span=body[1] if body else None,
        status_id=own.post_id,
        url=own.canonical,
        confidence=confidence,
        evidence=(evidence, "blockquote.fb-xfbml-parse-ignore: text and 'Posted by' line"),
        form=form,
    )


def _facebook_iframe(src: Source, el: Element) -> Post | None:
    url = post_url(iframe_src(src.tokens[el.open]), "facebook")
    if url is None:
        return None
    return widget_post(
        src, el, url, "Facebook plugin (iframe of facebook.com/plugins/post.php or video.php)"
    )


def _fb_sdk_match(tok: Token) -> bool:
    return tok.tag == "div" and bool(tok.classes & {"fb-post", "fb-video"})


# --------------------------------------------------------------------------- Threads


def _threads(src: Source, el: Element) -> Post | None:
    tok = src.tokens[el.open]
    url = url_attr(tok, "data-text-post-permalink", platform="threads")
    if url is None:
        return None
    return widget_post(src, el, url, "Threads embed markup (blockquote.text-post-media)")


RULES: tuple[EmbedRule, ...] = (
    EmbedRule("instagram-blockquote", has_class("instagram-media", tag="blockquote"), _instagram),
    EmbedRule("facebook-sdk", _fb_sdk_match, _facebook_sdk),
    EmbedRule(
        "facebook-iframe",
        iframe_from("facebook.com/plugins/post.php", "facebook.com/plugins/video.php"),
        _facebook_iframe,
    ),
    EmbedRule("threads-blockquote", has_class("text-post-media", tag="blockquote"), _threads),
)
