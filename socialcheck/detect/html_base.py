"""The pieces every HTML embed rule is built from (see `html_embeds`).

An embed is an element of the token stream (`element`), extended over the platform
script that follows it (`with_widget_script`). Rules read the element's visible text
(`inner_text`), its post URLs (`links_in`, `url_attr`) and its sub-elements, and turn
it into a Post: `signed_box` for boxes that render `body — Name (@handle) date`,
`widget_post` for markup that names a post but shows none of its text.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import attrs

from ..model import Post, Span
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
    "/embed.js",  # Mastodon, Truth Social, Threads, Instagram v14, TikTok
    "platform.instagram.com",
    "connect.facebook.net",
    "embed.reddit.com",
    "redditmedia.com/widgets",
)
# Tags that can open an embed: rules are only tried on these start tags.
OPENERS = frozenset(
    {"blockquote", "iframe", "div", "script", "amp-twitter", "figure", "twitter-widget"}
)
WIDGET_CONFIDENCE = 0.9
EMBED_CONFIDENCE = 0.95
_URL_ATTRS = ("href", "cite", "src", "data-src", "data-href", "data-embed-url",
              "data-bluesky-uri", "data-text-post-permalink", "data-instgrm-permalink")  # fmt: skip
_URL_ATTR_SET = frozenset(_URL_ATTRS)


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


# --------------------------------------------------------------------------- elements


class _Pairs:
    """Each start tag of one name: its matching end tag, and whether it holds another
    tag of its name.

    Built once per token stream and tag name from the tags of that name only, with a
    stack (which pairs tags exactly as counting that tag's depth from the start tag
    would); so `element` is O(1), nested markup is never rescanned, and the tokens of
    other names cost one comparison each.
    """

    __slots__ = ("closes", "nests", "tokens")

    def __init__(self, tokens: tuple[Token, ...], tag: str) -> None:
        self.tokens = tokens  # kept so that the identity key below stays valid
        self.closes: dict[int, int] = {}
        self.nests: set[int] = set()
        stack: list[int] = []
        for j in [j for j, tok in enumerate(tokens) if tok.tag == tag]:  # its start and end tags
            if tokens[j].kind == "start":
                if stack:
                    self.nests.add(stack[-1])
                stack.append(j)
            elif stack:
                self.closes[stack.pop()] = j


class _ById:
    """A cache key that compares token streams by identity (hashing a tuple is O(n))."""

    __slots__ = ("tokens",)

    def __init__(self, tokens: tuple[Token, ...]) -> None:
        self.tokens = tokens

    def __hash__(self) -> int:
        return id(self.tokens)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _ById) and other.tokens is self.tokens


@functools.lru_cache(maxsize=32)
def _built(key: _ById, tag: str) -> _Pairs:
    return _Pairs(key.tokens, tag)


def _pairs(tokens: tuple[Token, ...], tag: str) -> _Pairs:
    return _built(_ById(tokens), tag)


def clear_structure() -> None:
    _built.cache_clear()


def openers(tokens: tuple[Token, ...]) -> list[int]:
    """Indexes of the start tags that may open an embed, in order."""
    return [i for i, tok in enumerate(tokens) if tok.tag in OPENERS and tok.kind == "start"]


def element(tokens: tuple[Token, ...], i: int) -> Element:
    """The element opened at token `i`, up to its matching end tag (bounded)."""
    j = _pairs(tokens, tokens[i].tag).closes.get(i)
    if j is None or j - i >= _MAX_ELEMENT_TOKENS:
        return Element(i, i, tokens[i].start, tokens[i].end)
    return Element(i, j, tokens[i].start, tokens[j].end)


def holds_its_tag(tokens: tuple[Token, ...], el: Element) -> bool:
    """Whether the element contains another element of its own tag (a blockquote in a
    blockquote): rules that may decline such an element leave it to the inner one."""
    return el.open in _pairs(tokens, tokens[el.open].tag).nests


def too_big(el: Element, limit: int) -> bool:
    """More tokens than any real embed of a kind has: decline it cheaply (hostile input)."""
    return el.close - el.open > limit


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


def sub_elements(src: Source, el: Element, tag: str) -> list[Element]:
    """The `tag` elements inside `el`, in order; one inside another is not listed again."""
    tokens = src.tokens
    found = []
    i = el.open + 1
    while i < el.close:
        if tokens[i].kind == "start" and tokens[i].tag == tag:
            sub = element(tokens, i)
            found.append(sub)
            i = max(i, sub.close)
        i += 1
    return found


def first_child(src: Source, el: Element) -> int | None:
    """Index of the element's first token that is not white space (None: it is empty)."""
    for i in range(el.open + 1, el.close):
        tok = src.tokens[i]
        if tok.kind != "data" or tok.data.strip():
            return i
    return None


def inner_text(src: Source, el: Element) -> VisibleText:
    return visible_text(src.text, src.tokens[el.open + 1 : el.close])


def tokens_text(src: Source, first: int, stop: int) -> VisibleText:
    """The visible text of tokens[first:stop]."""
    return visible_text(src.text, src.tokens[first:stop])


def trimmed(box: VisibleText) -> tuple[str, Span] | None:
    """The visible text without its outer white space, and the raw span it came from."""
    text = box.text
    lo, hi = 0, len(text)
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    if lo == hi:
        return None
    return text[lo:hi], box.map.span((lo, hi))


# --------------------------------------------------------------------------- URLs


def post_url(value: str | None, platform: str | None = None) -> PostURL | None:
    """`value` as a post URL (of `platform`, when given), else None."""
    if not value:
        return None
    parsed = parse_post_url(value.strip())
    if parsed is None or parsed.kind != "post":
        return None
    if platform is not None and parsed.platform != platform:
        return None
    return parsed


def url_attr(tok: Token, *names: str, platform: str | None = None) -> PostURL | None:
    """The first of the token's attributes `names` that holds a post URL."""
    for name in names:
        parsed = post_url(tok.attr(name), platform)
        if parsed is not None:
            return parsed
    return None


def links_in(src: Source, el: Element) -> list[PostURL]:
    """Post URLs of the element's links and its own URL-bearing attributes."""
    found: list[PostURL] = []
    for tok in src.tokens[el.open : el.close + 1]:
        if tok.kind != "start" or not tok.attrs:
            continue
        first: dict[str, str] = {}  # as `Token.attr` reads them: the first of each name
        for key, value in tok.attrs:
            if key in _URL_ATTR_SET:
                first.setdefault(key, value)
        for name in _URL_ATTRS:
            if name in first:
                parsed = post_url(first[name])
                if parsed is not None:
                    found.append(parsed)
    return found


def account(url: PostURL | None) -> str | None:
    """The URL's account as a handle; Mastodon accounts carry their instance (`u@host`)."""
    if url is None or url.handle is None:
        return None
    if url.platform == "mastodon" and "@" not in url.handle:
        return f"{url.handle}@{url.host.removeprefix('www.')}"
    return url.handle


def own_url(urls: list[PostURL], platform: str) -> PostURL | None:
    """The post's own permalink: the last post URL of its platform in the box."""
    mine = [u for u in urls if u.platform == platform]
    return mine[-1] if mine else None


# --------------------------------------------------------------------------- matchers


def has_class(*names: str, tag: str | None = None) -> Callable[[Token], bool]:
    """Start tags (of `tag`, when given) with one of the classes `names`."""
    wanted = frozenset(names)
    return lambda tok: (tag is None or tok.tag == tag) and bool(tok.classes & wanted)


def has_attr(tag: str, name: str) -> Callable[[Token], bool]:
    return lambda tok: tok.tag == tag and bool(tok.attr(name))


def iframe_src(tok: Token) -> str:
    """An iframe's address: `src`, or `data-src` for lazy-loaded ones."""
    return tok.attr("src") or tok.attr("data-src") or ""


def iframe_from(*markers: str) -> Callable[[Token], bool]:
    """Iframes whose address contains one of `markers`."""
    return lambda tok: tok.tag == "iframe" and any(m in iframe_src(tok) for m in markers)


# --------------------------------------------------------------------------- posts


def form_for(date_text: str | None) -> tuple[str, float]:
    """(form, confidence) of a markup post: "html-embed" where the markup shows the post's
    date line, else "html-widget" (no date by design: the checks do not ask for one)."""
    if date_text is not None:
        return "html-embed", EMBED_CONFIDENCE
    return "html-widget", WIDGET_CONFIDENCE


def widget_post(
    src: Source,
    el: Element,
    url: PostURL | None,
    evidence: str,
    *,
    platform: str | None = None,
    handle: str | None = None,
    status_id: str | None = None,
) -> Post | None:
    """A post the markup names but does not show: no body, no date ("html-widget")."""
    platform = platform or (url.platform if url else None)
    if platform is None:
        return None
    full = with_widget_script(src.tokens, el)
    return Post(
        platform=platform,
        span=(full.start, full.end),
        handle=handle or account(url),
        status_id=status_id or (url.post_id if url else None),
        url=url.canonical if url else None,
        confidence=WIDGET_CONFIDENCE,
        evidence=(evidence, "the markup shows neither the post's text nor its date"),
        form="html-widget",
    )


def signed_box(src: Source, el: Element, platform: str, evidence: str) -> Post | None:
    """A box that renders `body — Name (@handle) date` (X, Bluesky): read it like scraped text."""
    box = inner_text(src, el)
    own = own_url(links_in(src, el), platform)
    full = with_widget_script(src.tokens, el)
    signatures = find_signatures(box.text)
    if signatures:
        found = post_from_signature(box.text, signatures[-1], 0, whole=True)
        return mapped_post(
            found,
            box.map,
            platform=platform,
            span=(full.start, full.end),
            status_id=own.post_id if own else found.status_id,
            url=own.canonical if own else found.url,
            form="html-embed",
            confidence=max(found.confidence, EMBED_CONFIDENCE),
            evidence=(evidence, *found.evidence),
        )
    body = box.text.strip() or None
    if own is None and (el.close == el.open or body is None):
        # An unclosed or empty box with no permalink is markup debris, not a post.
        return None
    return Post(
        platform=platform,
        span=(full.start, full.end),
        handle=own.handle if own else None,
        body=body,
        status_id=own.post_id if own else None,
        url=own.canonical if own else None,
        form="html-embed",
        confidence=0.8,
        evidence=(evidence, "the embed has no signature line"),
    )
