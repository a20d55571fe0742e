"""Posts embedded by CMS syntax: shortcodes, Liquid tags, components, blocks, bare URLs.

One table of small named rules (docs/embed-formats section 16): each rule says in which
syntax it is written (Hugo `{{< … >}}` / `{{% … %}}`, Liquid `{% … %}`, MDX/JSX
components, WordPress `[…]` shortcodes, Gutenberg blocks, Ghost cards, a post URL alone
in its paragraph), which tag names it answers to, and which platform a bare ID belongs
to. Adding a form touches only `RULES`.

A rule's post is found from its parameters: the first value that is a post URL of the
rule's platform (any platform for generic embeds), else an ID built into the platform's
URL (`{{< tweet user="h" id="123" >}}` -> x.com/h/status/123). Every URL goes through
`parse_post_url`, so only real post URLs become posts: timelines and profiles do not.

Shortcodes carry no date and no text, so `date` and `body` are None (the ID encodes the
time). Code, comments, escaped Hugo shortcodes and Liquid raw/comment blocks are masked by
the reader. Each syntax is found by a cheap literal prefilter and a bounded pattern.
"""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Callable, Iterator

import attrs
import regex

from .._lazy import lazy_compile
from .._literals import Haystack, Literals
from ..model import Post
from ..platforms.urls import PostURL, find_post_urls, parse_post_url
from ..read import Source

__all__ = ["RULES", "Params", "Rule", "Syntax", "Tag", "detect", "parse_params"]

_MAX_TAG = 2000  # characters between a shortcode's delimiters
_MAX_BLOCK = 10_000  # characters of a Gutenberg block, Ghost card or component's children
_CONFIDENCE = 0.95
_BARE_CONFIDENCE = 0.7


# --------------------------------------------------------------------------- parameters


@attrs.frozen
class Params:
    """A tag's parameters: positional values and named ones (keys lowercased), in order."""

    positional: tuple[str, ...] = ()
    named: tuple[tuple[str, str], ...] = ()

    def get(self, *keys: str) -> str | None:
        """The value of the first of `keys` that is given (keys are lowercase)."""
        for key in keys:
            for name, value in self.named:
                if name == key:
                    return value
        return None

    def values(self) -> list[str]:
        return [v for _, v in self.named] + list(self.positional)


_PARAM = lazy_compile(
    r"(?:(?P<key>[A-Za-z_][\w.-]{0,40})[ \t]{0,8}=[ \t]{0,8})?"
    r"(?:\"(?P<dq>[^\"]{0,2000})\"|'(?P<sq>[^']{0,2000})'|`(?P<bq>[^`]{0,2000})`"
    r"|\{(?P<br>(?:[^{}]{1,2000}+|\{[^{}]{0,2000}+\}){0,50}+)\}|(?P<bare>[^\s\"'`{}]{1,2000}))"
)
_QUOTES = ('"', "'", "`")


def _unbrace(expr: str) -> str:
    """A JSX expression's value: `{"123"}` and `{'123'}` -> 123; `{123}` -> 123."""
    value = expr.strip()
    if len(value) >= 2 and value[0] in _QUOTES and value[-1] == value[0]:
        return value[1:-1]
    return value


def parse_params(text: str) -> Params:
    """Parameters of a shortcode, tag or component: `a`, `k=v`, `k="v"`, `k='v'`, `k={"v"}`.

    Values may be double-, single- or back-quoted, in JSX braces or bare (a bare value may
    hold `=`, as URLs do). Keys are lowercased; anything else is skipped.
    """
    positional: list[str] = []
    named: list[tuple[str, str]] = []
    for m in _PARAM.finditer(text[:_MAX_BLOCK]):
        key, dq, sq, bq, br, bare = m.group("key", "dq", "sq", "bq", "br", "bare")
        if br is not None:
            value = _unbrace(br)
        else:
            value = (
                dq if dq is not None else sq if sq is not None else bq if bq is not None else bare
            )
        if key is None:
            positional.append(value)
        else:
            named.append((key.lower(), value))
    return Params(tuple(positional), tuple(named))


# --------------------------------------------------------------------------- syntaxes


@attrs.frozen
class Tag:
    """One shortcode, tag, component or block found in the input."""

    start: int
    end: int
    name: str
    params: Params
    content: str = ""  # what stands between an opening and a closing tag


@attrs.frozen
class Syntax:
    """How a family of tags is written and found.

    `markers` are literal prefilters: the syntax is looked for only where one occurs; a
    marker holding `{name}` stands for each tag name (`<{name}` -> `<Tweet`), and then only
    the names whose marker occurs are looked for. `label` names the form in evidence.
    """

    label: str
    markers: tuple[str, ...]
    find: Callable[[Source, tuple[str, ...]], Iterator[Tag]]

    def triggers(self, names: tuple[str, ...]) -> Literals:
        """Literals one of which occurs wherever a tag of `names` is written."""
        return _expanded(self.markers, names)

    def active(self, hay: Haystack, names: tuple[str, ...]) -> tuple[str, ...]:
        """The tag names worth looking for in the text."""
        if not hay.has_any(self.triggers(names)):
            return ()
        text = hay.text
        per_name = [m for m in self.markers if "{name}" in m]
        if any(m in text for m in self.markers if "{name}" not in m):
            return names
        return tuple(n for n in names if any(m.replace("{name}", n) in text for m in per_name))


@functools.lru_cache(maxsize=64)
def _expanded(markers: tuple[str, ...], names: tuple[str, ...]) -> Literals:
    return Literals(
        *(
            lit
            for m in markers
            for lit in ([m.replace("{name}", n) for n in names] if "{name}" in m else [m])
        )
    )


_NAME = lazy_compile(r"[ \t\r\n]{0,50}(?P<name>[A-Za-z_][\w./-]{0,60})(?=[ \t\r\n]|\Z)")


def _named_inner(start: int, end: int, inner: str, names: tuple[str, ...]) -> Tag | None:
    m = _NAME.match(inner)
    if m is None or m.group("name") not in names:
        return None
    return Tag(start, end, m.group("name"), parse_params(inner[m.end() :]))


_N = str(_MAX_TAG)
_HUGO = lazy_compile(
    r"\{\{(?:<(?!/\*)(?P<a>[^{}]{0," + _N + r"}?)>|%(?!/\*)(?P<p>[^{}]{0," + _N + r"}?)%)\}\}"
)


def _find_hugo(src: Source, names: tuple[str, ...]) -> Iterator[Tag]:
    """`{{< name params >}}` and `{{% name params %}}`; `{{</* … */>}}` is an escape."""
    for m in _HUGO.finditer(src.text):
        inner = m.group("a") if m.group("a") is not None else m.group("p")
        tag = _named_inner(m.start(), m.end(), inner, names)
        if tag is not None:
            yield tag


# `{%` inside Hugo's `{{%` is not a Liquid tag.
_LIQUID = lazy_compile(r"(?<!\{)\{%-?(?P<inner>[^{}]{0," + _N + r"}?)-?%\}")


def _find_liquid(src: Source, names: tuple[str, ...]) -> Iterator[Tag]:
    """Jekyll / Hexo / Nunjucks `{% name params %}` (with `{%- -%}` trimming)."""
    for m in _LIQUID.finditer(src.text):
        tag = _named_inner(m.start(), m.end(), m.group("inner"), names)
        if tag is not None:
            yield tag


@functools.cache
def _wp_pattern(names: tuple[str, ...]) -> regex.Pattern[str]:
    alt = "|".join(regex.escape(n) for n in names)
    # `[[tweet …]]` is WordPress's escape; `[tweet](url)`, `[tweet][ref]` and `[tweet]: url`
    # are Markdown links.
    return regex.compile(
        r"(?<!\[)\[(?P<name>" + alt + r")(?=[\s\]])(?P<inner>[^\[\]]{0," + _N + r"})\]"
        r"(?:(?P<content>[^\[\]]{0," + _N + r"})\[/(?P=name)\])?(?![(\[:])"
    )


def _find_wordpress(src: Source, names: tuple[str, ...]) -> Iterator[Tag]:
    """`[tweet URL width="350"]`, `[embed]URL[/embed]`."""
    for m in _wp_pattern(names).finditer(src.text):
        content = m.group("content") or ""
        yield Tag(m.start(), m.end(), m.group("name"), parse_params(m.group("inner")), content)


@functools.cache
def _jsx_pattern(names: tuple[str, ...]) -> regex.Pattern[str]:
    alt = "|".join(regex.escape(n) for n in names)
    # Attributes: runs of plain characters, quoted strings and `{…}` expressions (one level
    # of nested braces: `options={{ height: 400 }}`); possessive and bounded, so a tag that
    # does not close fails fast.
    n = _N
    expr = r"\{(?:[^{}]{1," + n + r"}+|\{[^{}]{0," + n + r"}+\}){0,50}+\}"
    attr = (
        r"(?:[^<>\"'`{}]{1," + n + r"}+|\"[^\"]{0," + n + r"}+\"|'[^']{0," + n + r"}+'"
        r"|`[^`]{0," + n + r"}+`|" + expr + ")"
    )
    return regex.compile(r"<(?P<name>" + alt + r")(?=[\s/>])(?P<attrs>" + attr + r"{0,60}+)>")


class _Closers:
    """The next occurrence of each closing literal, remembered: openers are met in text
    order, so each closer is searched for once per occurrence (linear, not window-sized)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._next: dict[str, int] = {}

    def find(self, closer: str, pos: int) -> int:
        """The first `closer` at or after `pos` within `_MAX_BLOCK`, else -1."""
        at = self._next.get(closer, -2)
        if at == -2 or (0 <= at < pos):
            at = self.text.find(closer, pos)
            self._next[closer] = at
        return at if at >= 0 and at - pos <= _MAX_BLOCK else -1


_JSX_CLOSE_END = lazy_compile(r"[ \t\r\n]{0,20}>")


def _find_jsx(src: Source, names: tuple[str, ...]) -> Iterator[Tag]:
    """`<Tweet id="…" />`, or `<Tweet id="…">…</Tweet>` (the span then covers both tags)."""
    text = src.text
    closers = _Closers(text)
    for m in _jsx_pattern(names).finditer(text):
        attrs_text = m.group("attrs").rstrip()
        end = m.end()
        content = ""
        if attrs_text.endswith("/"):
            attrs_text = attrs_text[:-1]
        else:
            closer = "</" + m.group("name")
            close = closers.find(closer, end)
            tail = _JSX_CLOSE_END.match(text, close + len(closer)) if close >= 0 else None
            if tail is not None:
                content = text[end:close]
                end = tail.end()
        yield Tag(m.start(), end, m.group("name"), parse_params(attrs_text), content)


_GUTENBERG = lazy_compile(
    r"<!-- wp:(?P<name>embed|core-embed/[a-z0-9-]{1,40})(?=[\s/])"
    r"(?P<attrs>[^<>]{0," + _N + r"}?)(?P<self>/)?-->"
)


def _json_params(raw: str) -> Params:
    raw = raw.strip()
    try:
        data = json.loads(raw) if raw.startswith("{") else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return Params()
    return Params((), tuple((k.lower(), v) for k, v in data.items() if isinstance(v, str)))


def _find_gutenberg(src: Source, names: tuple[str, ...]) -> Iterator[Tag]:
    """`<!-- wp:embed {"url":…} -->…<!-- /wp:embed -->`; legacy `wp:core-embed/<slug>`."""
    text = src.text
    closers = _Closers(text)
    for m in _GUTENBERG.finditer(text):
        block = m.group("name")
        name = "wp:core-embed" if block.startswith("core-embed/") else "wp:embed"
        if name not in names:
            continue
        end = m.end()
        content = ""
        if m.group("self") is None:
            closer = f"<!-- /wp:{block} -->"
            close = closers.find(closer, end)
            if close >= 0:
                content = text[end:close]
                end = close + len(closer)
        if not _has_embed_markup(content):
            yield Tag(m.start(), end, name, _json_params(m.group("attrs")), _lone_url(content))


_GHOST_BEGIN = "<!--kg-card-begin: embed-->"
_GHOST_END = "<!--kg-card-end: embed-->"
_MARKUP = lazy_compile(r"<[^<>]{0,1000}>")


def _has_embed_markup(markup: str) -> bool:
    """Whether a block holds the platform's own markup, which detect/html_embeds.py reads."""
    low = markup.lower()
    return "<blockquote" in low or "<iframe" in low or "<script" in low


def _lone_url(markup: str) -> str:
    """The markup's text if it is one word (a URL), else ""."""
    if _has_embed_markup(markup):
        return ""
    words = html.unescape(_MARKUP.sub(" ", markup)).split()
    return words[0] if len(words) == 1 else ""


def _find_ghost(src: Source, names: tuple[str, ...]) -> Iterator[Tag]:
    """A Ghost embed card holding only a URL; the span is the card's content, since its
    begin/end markers are HTML comments, which the reader masks."""
    text = src.text
    closers = _Closers(text)
    pos = text.find(_GHOST_BEGIN)
    while pos >= 0:
        inner = pos + len(_GHOST_BEGIN)
        close = closers.find(_GHOST_END, inner)
        if close < 0:
            pos = text.find(_GHOST_BEGIN, inner)
            continue
        body = text[inner:close]
        url = _lone_url(body) if "<!--" not in body else ""  # no card may hold another
        if url:
            start = inner + len(body) - len(body.lstrip())
            end = inner + len(body.rstrip())
            yield Tag(start, end, "kg-card", Params((url,)))
        pos = text.find(_GHOST_BEGIN, close)


_INDENT_MAX = 3  # four spaces make a Markdown code block
_SCHEME = lazy_compile(r"https?://", regex.IGNORECASE)


def _alone(text: str, start: int, end: int, floor: int, markdown: bool) -> tuple[int, int] | None:
    """The span of the URL's line content if it stands alone in its paragraph."""
    # Bounded looks first: a URL inside a long line is rejected without scanning the line.
    lo_bound = max(0, start - _INDENT_MAX - 2)
    line_start = text.rfind("\n", lo_bound, start) + 1
    if line_start == 0 and lo_bound > 0:
        return None
    line_end = text.find("\n", end, end + _MAX_TAG)
    if line_end < 0:
        if len(text) - end > _MAX_TAG:
            return None
        line_end = len(text)
    before, after = text[line_start:start], text[end:line_end]
    lo, hi = start, end
    if markdown and before.endswith("<") and after.startswith(">"):  # `<URL>` autolink
        before, after, lo, hi = before[:-1], after[1:], lo - 1, hi + 1
    if after.strip() or before.strip(" ") or (len(before) > _INDENT_MAX if markdown else before):
        return None
    prev_end = line_start - 1  # the "\n" ending the previous line
    if prev_end > floor:
        prev_start = text.rfind("\n", 0, prev_end) + 1
        if text[prev_start:prev_end].strip():
            return None
    if line_end < len(text):
        next_end = text.find("\n", line_end + 1)
        if text[line_end + 1 : len(text) if next_end < 0 else next_end].strip():
            return None
    return lo, hi


def _find_bare(src: Source, names: tuple[str, ...]) -> Iterator[Tag]:
    """A post URL alone in its paragraph: WordPress and Markdown auto-embed (remark-embedder).

    Markdown only, or plain text where the line is exactly the URL between blank lines.
    """
    if src.kind not in ("markdown", "text"):
        return
    text = src.text
    for parsed, (start, end) in _line_start_urls(text, src.floor):
        if parsed.kind != "post" or not _SCHEME.match(parsed.url):
            continue
        span = _alone(text, start, end, src.floor, src.kind == "markdown")
        if span is not None:
            yield Tag(span[0], span[1], "", Params((parsed.url,)))


_LINE_LEAD = 16  # `<`, up to three spaces and `https` before a URL's `://`


def _line_start_urls(text: str, floor: int) -> Iterator[tuple[PostURL, tuple[int, int]]]:
    """The first recognised URL of each line that starts with one (after `<` or spaces).

    Found from the `://` of each URL with a bounded look back, so only those lines are
    scanned: prose full of links costs one `str.find` per link.
    """
    pos = text.find("://", floor)
    while pos >= 0:
        lo = max(floor, pos - _LINE_LEAD)
        newline = text.rfind("\n", lo, pos)
        if newline < 0 and lo > 0:
            pos = text.find("://", pos + 3)
            continue
        line_start = newline + 1
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start : min(line_end, pos + _MAX_TAG)]
        if line.lstrip(" <").lower().startswith(("http://", "https://")):
            for parsed, (a, b) in find_post_urls(line)[:1]:
                yield parsed, (line_start + a, line_start + b)
        pos = text.find("://", line_end)


HUGO = Syntax("Hugo shortcode {{< {name} >}}", ("{{<", "{{%"), _find_hugo)
LIQUID = Syntax("Liquid tag {% {name} %}", ("{%",), _find_liquid)
JSX = Syntax("MDX/JSX component <{name} />", ("<{name}",), _find_jsx)
WORDPRESS = Syntax("WordPress shortcode [{name}]", ("[{name}",), _find_wordpress)
GUTENBERG = Syntax("WordPress Gutenberg block <!-- {name} -->", ("<!-- wp:",), _find_gutenberg)
GHOST = Syntax("Ghost embed card holding a URL", (_GHOST_BEGIN,), _find_ghost)
BARE = Syntax("a post URL alone in its own paragraph (auto-embed)", ("://",), _find_bare)


# --------------------------------------------------------------------------- IDs -> URLs


def _twitter_id(value: str, params: Params) -> PostURL | None:
    if not value.isascii() or not value.isdigit() or len(value) > 20:
        return None
    user = params.get("user", "username", "screen_name", "handle")
    if user:
        parsed = parse_post_url(f"https://x.com/{user.lstrip('@')}/status/{value}")
        if parsed is not None:
            return parsed
    return parse_post_url(f"https://x.com/i/web/status/{value}")


def _simple_id(template: str) -> Callable[[str, Params], PostURL | None]:
    def build(value: str, params: Params) -> PostURL | None:
        if not value or "/" in value or "?" in value or "#" in value:
            return None
        return parse_post_url(template.format(value))

    return build


def _mastodon_id(value: str, params: Params) -> PostURL | None:
    """Hugo: `instance="…" user="…" id="…"` or the same three positionally."""
    if not value.isascii() or not value.isdigit():
        return None
    pos = params.positional
    instance = params.get("instance", "host", "server") or (pos[0] if len(pos) == 3 else None)
    user = params.get("user", "username") or (pos[1] if len(pos) == 3 else None)
    if not instance or not user:
        return None
    instance = instance.partition("://")[2] or instance
    return parse_post_url(f"https://{instance.strip('/')}/@{user.lstrip('@')}/{value}")


def _bluesky_id(value: str, params: Params) -> PostURL | None:
    user = params.get("handle", "user", "profile", "author", "did")
    if not user or "/" in value:
        return None
    return parse_post_url(f"https://bsky.app/profile/{user.lstrip('@')}/post/{value}")


_VIMEO = lazy_compile(
    r"(?:(?:https?:)?//)?(?:www\.|player\.)?vimeo\.com/(?:video/)?(?P<id>[0-9]{1,12})/?"
)


def _vimeo_id(value: str, params: Params) -> PostURL | None:
    m = _VIMEO.fullmatch(value)
    video = m.group("id") if m is not None else value
    if not video.isascii() or not video.isdigit() or len(video) > 12:
        return None
    url = f"https://vimeo.com/{video}"
    return PostURL("vimeo", "post", None, video, "vimeo.com", url, value)


# platform -> how a bare ID (with the tag's other parameters) becomes its post URL
_ID_URLS: dict[str, Callable[[str, Params], PostURL | None]] = {
    "twitter": _twitter_id,
    "instagram": _simple_id("https://www.instagram.com/p/{}/"),
    "youtube": _simple_id("https://www.youtube.com/watch?v={}"),
    "mastodon": _mastodon_id,
    "bluesky": _bluesky_id,
    "vimeo": _vimeo_id,
}
_ID_KEYS = ("id", "tweetid", "tweet", "status", "videoid", "video", "code", "post", "rkey")


# --------------------------------------------------------------------------- rules


@attrs.frozen
class Rule:
    """One embed form: a syntax, the tag names it answers to, and its platform.

    `platform` is the platform of a bare ID and the only one whose post URLs the tag takes;
    None means any platform's post URL and no bare IDs (generic embeds).
    """

    name: str
    syntax: Syntax
    tags: tuple[str, ...]
    platform: str | None
    confidence: float = _CONFIDENCE

    def _takes(self, platform: str) -> bool:
        return self.platform is None or platform == self.platform

    def target(self, tag: Tag) -> PostURL | None:
        """The post the tag embeds: a post URL among its values, else its ID as a URL."""
        values = tag.params.values()
        if tag.content.strip():
            values.append(tag.content.strip())
        for value in values:
            parsed = parse_post_url(value) if "/" in value else None
            if parsed is not None and parsed.kind == "post" and self._takes(parsed.platform):
                return parsed
        build = _ID_URLS.get(self.platform) if self.platform else None
        if build is None:
            return None
        keyed = [tag.params.get(k) for k in _ID_KEYS]
        for value in [v for v in keyed if v] + list(tag.params.positional):
            parsed = build(value.strip(), tag.params)
            if parsed is not None and parsed.kind == "post":
                return parsed
        return None


_TWEET_NAMES = ("tweet", "x", "twitter", "twitter_simple", "x_simple")

RULES: tuple[Rule, ...] = (
    Rule("hugo-x", HUGO, _TWEET_NAMES, "twitter"),
    Rule("hugo-instagram", HUGO, ("instagram", "instagram_simple"), "instagram"),
    Rule("hugo-youtube", HUGO, ("youtube", "youtube_simple", "youtube_lite"), "youtube"),
    Rule("hugo-vimeo", HUGO, ("vimeo", "vimeo_simple"), "vimeo"),
    Rule("hugo-mastodon", HUGO, ("mastodon", "toot"), "mastodon"),
    Rule("hugo-bluesky", HUGO, ("bluesky", "bsky"), "bluesky"),
    # jekyll-twitter-plugin (also v1 `{% twitter oembed URL %}`), Hexo, Eleventy
    Rule("liquid-twitter", LIQUID, ("twitter", "twitternocache", "tweet"), "twitter"),
    Rule("liquid-youtube", LIQUID, ("youtube",), "youtube"),
    Rule("liquid-instagram", LIQUID, ("instagram",), "instagram"),
    Rule("liquid-vimeo", LIQUID, ("vimeo",), "vimeo"),
    # react-tweet, astro-embed, astro-tweet, react-twitter-embed, react-tweet-embed,
    # react-social-media-embed
    Rule(
        "jsx-twitter",
        JSX,
        ("Tweet", "TwitterTweetEmbed", "TweetEmbed", "TwitterEmbed", "XEmbed"),
        "twitter",
    ),
    Rule("jsx-instagram", JSX, ("InstagramEmbed",), "instagram"),
    Rule("jsx-tiktok", JSX, ("TikTokEmbed",), "tiktok"),
    Rule("jsx-facebook", JSX, ("FacebookEmbed",), "facebook"),
    Rule("jsx-linkedin", JSX, ("LinkedInEmbed",), "linkedin"),
    Rule("jsx-youtube", JSX, ("YouTubeEmbed", "YouTube", "LiteYouTubeEmbed"), "youtube"),
    Rule("jsx-vimeo", JSX, ("Vimeo",), "vimeo"),
    Rule("jsx-bluesky", JSX, ("BlueskyPost", "BlueskyEmbed"), "bluesky"),
    Rule("jsx-mastodon", JSX, ("MastodonPost",), "mastodon"),
    # Jetpack `[tweet]` (URL or ID, or `tweet="…"`); `[embed]URL[/embed]` in core
    Rule("wp-tweet", WORDPRESS, ("tweet",), "twitter"),
    Rule("wp-youtube", WORDPRESS, ("youtube",), "youtube"),
    Rule("wp-instagram", WORDPRESS, ("instagram",), "instagram"),
    Rule("wp-embed", WORDPRESS, ("embed",), None),
    Rule("gutenberg-embed", GUTENBERG, ("wp:embed", "wp:core-embed"), None),
    Rule("ghost-embed-card", GHOST, ("kg-card",), None),
    Rule("bare-post-url", BARE, ("",), None, _BARE_CONFIDENCE),
)


def _evidence(rule: Rule, tag: Tag) -> str:
    return rule.syntax.label.replace("{name}", tag.name)


def _post(rule: Rule, tag: Tag, target: PostURL) -> Post:
    return Post(
        platform=target.platform,
        span=(tag.start, tag.end),
        handle=target.handle,
        status_id=target.post_id,
        url=target.canonical,
        confidence=rule.confidence,
        evidence=(f"{_evidence(rule, tag)} ({rule.name})",),
        form="shortcode",
    )


def _grouped(rules: tuple[Rule, ...]) -> list[tuple[Syntax, dict[str, Rule]]]:
    """The rules by syntax, in table order: each syntax with its tag names' rules."""
    groups: dict[int, tuple[Syntax, dict[str, Rule]]] = {}
    for rule in rules:
        _, by_name = groups.setdefault(id(rule.syntax), (rule.syntax, {}))
        for name in rule.tags:
            by_name.setdefault(name, rule)
    return list(groups.values())


_GROUPS = _grouped(RULES)


def detect(src: Source, hay: Haystack | None = None) -> list[Post]:
    """Posts embedded by CMS syntax, ranked in rule order.

    Posts of different rules may overlap (a bare URL inside a Gutenberg block); the caller
    (`detect_posts`) keeps the first-ranked one.
    """
    hay = hay or Haystack.of(src.text)
    posts: list[Post] = []
    for syntax, by_name in _GROUPS:
        names = syntax.active(hay, tuple(by_name))
        if not names:
            continue
        for tag in syntax.find(src, names):
            rule = by_name[tag.name]
            target = rule.target(tag)
            if target is not None:
                posts.append(_post(rule, tag, target))
    return posts
