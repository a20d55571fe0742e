"""The endpoints verification asks, their limits, and how their answers are read.

Every endpoint has a documented name (the keys of `DEFAULT_ENDPOINTS`) so that
`endpoints={"twitter_oembed": "http://127.0.0.1:8080/x"}` can point it at a mirror or
a test server; `None` turns an endpoint off. The value is a base URL; the paths
below are appended to it. "mastodon" is a template: "{instance}" becomes the host of
the post's own URL (Mastodon IDs are per instance).

Readers take an HTTP status and body and return an `Outcome`: "found" (with a
`PlatformPost`), "missing" (the platform says the post is gone or hidden) or
"unknown" (an answer that settles nothing). They never raise on a bad answer.
References: ../shared/docs/embed-formats.md sections 3.h-13.h and 17.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any, Literal
from urllib.parse import quote, urlsplit

import attrs
import regex

from ..dates import parse_iso_datetime
from ..platforms.ids import decode_id_time
from ..platforms.urls import parse_post_url
from ._allowlist import HostPort, Refused, split_target
from ._models import PlatformPost

# name -> base URL. Paths appended by the lookups:
#   twitter_oembed, x_oembed  /oembed?url=<status url>            (3.h)
#   tco, pic_twitter          /<code>  (the redirect is read, not followed)
#   bluesky_appview           /xrpc/app.bsky.feed.getPostThread?uri=<at-uri>,
#                             /xrpc/com.atproto.identity.resolveHandle?handle=<h> (4.h)
#   mastodon, truthsocial     /api/v1/statuses/<id>                (5.h, 11.h)
#   threads_oembed            /oembed?url=<post url>               (6.h)
#   instagram_oembed          /instagram_oembed?url=<post url>     (7.h)
#   facebook_oembed           /oembed_post?url= | /oembed_video?url= (8.h)
#   tiktok_oembed, youtube_oembed, reddit_oembed  /oembed?url=<url> (9.h, 10.h, 13.h)
#   wayback                   /wayback/available?url=<post url>    (17)
DEFAULT_ENDPOINTS: Mapping[str, str | None] = {
    "twitter_oembed": "https://publish.twitter.com",
    "x_oembed": "https://publish.x.com",
    "tco": "https://t.co",
    "pic_twitter": "https://pic.twitter.com",
    "bluesky_appview": "https://public.api.bsky.app",
    "mastodon": "https://{instance}",
    "truthsocial": "https://truthsocial.com",
    "threads_oembed": "https://graph.threads.net/v1.0",
    "instagram_oembed": "https://graph.facebook.com/v26.0",
    "facebook_oembed": "https://graph.facebook.com/v26.0",
    "tiktok_oembed": "https://www.tiktok.com",
    "youtube_oembed": "https://www.youtube.com",
    "reddit_oembed": "https://www.reddit.com",
    "wayback": "https://archive.org",
}
ENDPOINT_NAMES: tuple[str, ...] = tuple(DEFAULT_ENDPOINTS)
INSTANCE = "{instance}"

# name -> (requests, per seconds): a token bucket per (endpoint, host) holding at most
# `requests` tokens, refilled at requests/seconds. Published limits where there are
# any (Mastodon 300 / 5 min per address; Meta 1,000 / hour per endpoint; Bluesky PDS
# 3,000 / 5 min), conservative guesses elsewhere (docs/verify.md).
RATE_LIMITS: Mapping[str, tuple[int, float]] = {
    "twitter_oembed": (120, 60.0),
    "x_oembed": (120, 60.0),
    "tco": (120, 60.0),
    "pic_twitter": (120, 60.0),
    "bluesky_appview": (3000, 300.0),
    "mastodon": (300, 300.0),
    "truthsocial": (300, 300.0),
    "threads_oembed": (1000, 3600.0),
    "instagram_oembed": (1000, 3600.0),
    "facebook_oembed": (1000, 3600.0),
    "tiktok_oembed": (60, 60.0),
    "youtube_oembed": (120, 60.0),
    "reddit_oembed": (10, 60.0),
    "wayback": (15, 60.0),
}


@attrs.frozen
class Endpoints:
    """The active endpoints of a run: bases, the allowlisted and the caller-named hosts."""

    bases: Mapping[str, str | None]
    hosts: frozenset[HostPort]
    named: frozenset[HostPort]

    def base(self, name: str, instance: str | None = None) -> str | None:
        value = self.bases.get(name)
        if value is None:
            return None
        if INSTANCE in value:
            if not instance:
                return None
            return value.replace(INSTANCE, instance)
        return value

    def is_template(self, name: str) -> bool:
        value = self.bases.get(name)
        return value is not None and INSTANCE in value


def resolve_endpoints(overrides: Mapping[str, str | None] | None) -> Endpoints:
    """Merge the caller's endpoints into the defaults; ValueError on unknown names."""
    bases: dict[str, str | None] = dict(DEFAULT_ENDPOINTS)
    named: set[HostPort] = set()
    for name, value in (overrides or {}).items():
        if name not in DEFAULT_ENDPOINTS:
            known = ", ".join(ENDPOINT_NAMES)
            raise ValueError(f"unknown endpoint name {name!r}; known names: {known}")
        if value is None:
            bases[name] = None
            continue
        if not isinstance(value, str):
            raise TypeError(f"endpoint {name!r} must be a URL string or None, not {value!r}")
        base = value.strip().rstrip("/")
        if INSTANCE in base and name != "mastodon":
            raise ValueError(f"only the 'mastodon' endpoint may use {INSTANCE}")
        probe = base.replace(INSTANCE, "instance.invalid")
        parts = urlsplit(probe)
        if parts.query or parts.fragment:
            raise ValueError(f"endpoint {name!r} must be a base URL without query: {value!r}")
        try:
            target = split_target(probe)
        except Refused as exc:
            raise ValueError(f"endpoint {name!r}: {exc}") from None
        bases[name] = base
        if INSTANCE not in base and value != DEFAULT_ENDPOINTS[name]:
            named.add(target.key)
    hosts: set[HostPort] = set()
    for active in bases.values():
        if active is not None and INSTANCE not in active:
            hosts.add(split_target(active).key)
    return Endpoints(bases, frozenset(hosts), frozenset(named))


# --------------------------------------------------------------------------- outcomes

Kind = Literal["found", "missing", "unknown"]


@attrs.frozen
class Outcome:
    """What one lookup settled. `value` carries a redirect target, a DID or an archive URL."""

    kind: Kind
    reason: str
    detail: str = ""
    post: PlatformPost | None = None
    value: str | None = None
    cached: bool = False

    def to_cache(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "reason": self.reason,
            "detail": self.detail,
            "post": self.post.to_dict() if self.post is not None else None,
            "value": self.value,
        }

    @classmethod
    def from_cache(cls, data: Mapping[str, Any]) -> Outcome | None:
        try:
            kind = data["kind"]
            if kind not in ("found", "missing", "unknown"):
                return None
            post = PlatformPost.from_dict(data["post"]) if data.get("post") else None
            return cls(
                kind=kind,
                reason=str(data["reason"]),
                detail=str(data.get("detail") or ""),
                post=post,
                value=data.get("value"),
                cached=True,
            )
        except (KeyError, TypeError, ValueError):
            return None


def unknown(reason: str, detail: str) -> Outcome:
    return Outcome("unknown", reason, detail)


def malformed(detail: str) -> Outcome:
    return Outcome("unknown", "malformed", detail)


def _json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _BAD


_BAD = object()


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def parse_time(value: Any) -> _dt.datetime | None:
    """An RFC 3339 / ISO time as aware UTC; None when it is not one."""
    if not isinstance(value, str) or not value or len(value) > 64:
        return None
    try:
        t = parse_iso_datetime(value)
    except ValueError:
        return None
    if t.tzinfo is None:
        t = t.replace(tzinfo=_dt.timezone.utc)
    return t.astimezone(_dt.timezone.utc)


# --------------------------------------------------------------------------- html


class _EmbedHtml(HTMLParser):
    """The parts of an oEmbed `html` the readers need.

    `first_p`: text of the first <p> (<br> as a line break); `after_p`: text after it;
    `anchors_after_p`: (href, text) of links after it; `text`: all text (paragraphs
    separated by blank lines); `datetimes`: `<time datetime>` values; `attrs`: the
    data-* attributes seen (first of each).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._p_depth = 0
        self._p_done = False
        self._in_p_first = False
        self._first: list[str] = []
        self._after: list[str] = []
        self._anchor: tuple[str, list[str]] | None = None
        self.anchors_after_p: list[tuple[str, str]] = []
        self.datetimes: list[str] = []
        self.attrs: dict[str, str] = {}
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for key, value in values.items():
            if key.startswith("data-") and key not in self.attrs:
                self.attrs[key] = value
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "p":
            if self._parts and not self._parts[-1].endswith("\n\n"):
                self._parts.append("\n\n")
            if not self._p_done and self._p_depth == 0:
                self._in_p_first = True
            self._p_depth += 1
        elif tag == "br":
            self._data("\n")
        elif tag == "a" and self._p_done:
            self._anchor = (values.get("href", ""), [])
        elif tag == "time" and values.get("datetime"):
            self.datetimes.append(values["datetime"])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag == "p":
            self._p_depth = max(0, self._p_depth - 1)
            if self._p_depth == 0 and self._in_p_first:
                self._in_p_first = False
                self._p_done = True
            self._parts.append("\n\n")
        elif tag == "a" and self._anchor is not None:
            href, text = self._anchor
            self.anchors_after_p.append((href, "".join(text).strip()))
            self._anchor = None

    def _data(self, data: str) -> None:
        if self._skip:
            return
        self._parts.append(data)
        if self._in_p_first:
            self._first.append(data)
        elif self._p_done:
            self._after.append(data)
            if self._anchor is not None:
                self._anchor[1].append(data)

    def handle_data(self, data: str) -> None:
        self._data(data)

    @property
    def first_p(self) -> str | None:
        return "".join(self._first).strip() if self._p_done or self._first else None

    @property
    def after_p(self) -> str:
        return "".join(self._after)

    @property
    def text(self) -> str:
        return str(regex.sub(r"\n{3,}", "\n\n", "".join(self._parts))).strip()


def read_html(markup: str) -> _EmbedHtml:
    parser = _EmbedHtml()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError):  # pragma: no cover - html.parser is lenient
        pass
    return parser


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment (Mastodon `content`): paragraphs, line breaks."""
    return read_html(markup).text


def _date_of(text: str) -> _dt.date | None:
    from ..dates import match_date

    text = text.strip()
    for start in range(min(len(text), 40)):
        if start == 0 or not text[start - 1].isalnum():
            found = match_date(text, start)
            if found is not None and found.date is not None:
                return found.date
    return None


def _path_handle(url: str | None) -> str | None:
    """The account name in a profile or post URL: /name, /@name, /@name/post/..."""
    if not url:
        return None
    try:
        segs = [s for s in urlsplit(url).path.split("/") if s]
    except ValueError:
        return None
    if not segs:
        return None
    first = segs[0]
    if first in ("user", "u", "channel", "c") and len(segs) > 1:
        first = segs[1]
    return first.lstrip("@") or None


# --------------------------------------------------------------------------- readers

_ATTRIBUTION = regex.compile(r"(?P<name>[^\n]{0,120}?)\s*\(@(?P<handle>[A-Za-z0-9_]{1,20})\)")
_SHARED_BY = regex.compile(
    r"A post shared by\s+(?P<name>[^\n]{0,120}?)\s*\(@(?P<handle>[A-Za-z0-9._]{1,30})\)"
)


def read_x_oembed(status: int, body: bytes, *, source: str, status_id: str) -> Outcome:
    """X oEmbed (3.h): author from author_url/author_name, text and date from `html`."""
    if status in (404, 410):
        return Outcome(
            "missing",
            "not-found" if status == 404 else "gone",
            f"X answers {status}: the post was deleted, or its account is suspended or protected",
        )
    if status == 403:
        return Outcome(
            "missing", "protected", "X answers 403: the post is protected or not visible logged out"
        )
    if status != 200:
        return unknown(f"http-{status}", f"X's oEmbed answered HTTP {status}")
    data = _json(body)
    if not isinstance(data, dict) or not isinstance(data.get("html"), str):
        return malformed("X's oEmbed answer is not an oEmbed JSON object with html")
    page = read_html(data["html"])
    text = page.first_p
    url = _str(data.get("url"))
    parsed = parse_post_url(url) if url else None
    found_id = parsed.post_id if parsed is not None and parsed.kind == "post" else None
    handle = _path_handle(_str(data.get("author_url")))
    name = _str(data.get("author_name"))
    attribution = _ATTRIBUTION.search(page.after_p)
    if attribution is not None:
        handle = handle or attribution.group("handle")
        tail = attribution.group("name").strip().lstrip("\u2014-\u2013 ").strip()
        name = name or tail or None
    day = _date_of(page.anchors_after_p[-1][1]) if page.anchors_after_p else None
    if day is None and text is None:
        return malformed("X's oEmbed html has neither the post's text nor its date")
    sid = found_id or status_id
    decoded = decode_id_time("twitter", sid) if sid else None
    exact = decoded is not None and decoded.uncertainty <= _dt.timedelta(minutes=1)
    created = decoded.time if decoded is not None and exact else None
    post = PlatformPost(
        platform="twitter",
        source=source,
        url=url,
        status_id=sid,
        handle=handle,
        display_name=name,
        text=text,
        text_truncated=text is not None and text.rstrip().endswith("\u2026"),
        created_at=created,
        date=day,
    )
    return Outcome("found", "ok", post=post)


def read_redirect(status: int, location: str | None) -> Outcome:
    """t.co / pic.twitter.com: the Location of a 3xx, never followed here."""
    if status in (301, 302, 303, 307, 308) and location:
        return Outcome("found", "ok", value=location)
    if status in (404, 410):
        return Outcome("missing", "not-found", f"the short link answers {status}")
    return unknown(f"http-{status}", f"the short link answered HTTP {status} without a redirect")


def _xrpc_error(body: bytes) -> str | None:
    data = _json(body)
    return _str(data.get("error")) if isinstance(data, dict) else None


def read_bsky_handle(status: int, body: bytes) -> Outcome:
    """resolveHandle: {"did": ...}; 400 InvalidRequest/"Unable to resolve" -> missing."""
    if status == 200:
        data = _json(body)
        did = _str(data.get("did")) if isinstance(data, dict) else None
        if did is None or not did.startswith("did:"):
            return malformed("resolveHandle answered without a DID")
        return Outcome("found", "ok", value=did)
    if status in (400, 404):
        error = _xrpc_error(body)
        if status == 404 or error in ("InvalidRequest", "HandleNotFound", "NotFound"):
            return Outcome("missing", "handle-unresolved", "the handle resolves to no account")
    return unknown(f"http-{status}", f"resolveHandle answered HTTP {status}")


def read_bsky_thread(status: int, body: bytes, *, source: str) -> Outcome:
    """getPostThread (4.h): threadViewPost -> found; notFoundPost/blockedPost/NotFound."""
    if status in (400, 404):
        error = _xrpc_error(body)
        if status == 404 or error == "NotFound":
            return Outcome("missing", "not-found", "the AppView has no such post (deleted)")
        return unknown(f"http-{status}", f"the AppView answered HTTP {status} ({error})")
    if status != 200:
        return unknown(f"http-{status}", f"the AppView answered HTTP {status}")
    data = _json(body)
    thread = data.get("thread") if isinstance(data, dict) else None
    if not isinstance(thread, dict):
        return malformed("getPostThread answered without a thread")
    kind = str(thread.get("$type", ""))
    if kind.endswith("#notFoundPost") or thread.get("notFound") is True:
        return Outcome("missing", "not-found", "the AppView has no such post (deleted)")
    if kind.endswith("#blockedPost") or thread.get("blocked") is True:
        return Outcome("missing", "blocked", "the post is hidden by a block")
    post = thread.get("post")
    if not isinstance(post, dict):
        return malformed("getPostThread's thread has no post")
    author = post.get("author")
    record = post.get("record")
    if not isinstance(author, dict) or not isinstance(record, dict):
        return malformed("the AppView's post lacks its author or record")
    uri = _str(post.get("uri")) or ""
    rkey = uri.rsplit("/", 1)[-1] if uri else None
    handle = _str(author.get("handle"))
    did = _str(author.get("did"))
    url = f"https://bsky.app/profile/{handle or did}/post/{rkey}" if rkey else None
    created = parse_time(record.get("createdAt"))
    text = record.get("text")
    if not isinstance(text, str) or created is None or did is None:
        return malformed("the AppView's post lacks its text, createdAt or author DID")
    return Outcome(
        "found",
        "ok",
        post=PlatformPost(
            platform="bluesky",
            source=source,
            url=url,
            status_id=rkey,
            handle=handle,
            display_name=_str(author.get("displayName")),
            author_id=did,
            text=text,
            created_at=created,
            indexed_at=parse_time(post.get("indexedAt")),
        ),
    )


def read_mastodon(
    status: int, body: bytes, *, source: str, platform: str, instance: str | None
) -> Outcome:
    """GET /api/v1/statuses/:id (5.h): account, content, created_at."""
    if status in (404, 410):
        return Outcome(
            "missing",
            "not-found" if status == 404 else "gone",
            f"the instance answers {status}: the post was deleted or is not public",
        )
    if status in (401, 403):
        return unknown(
            "sign-in-required",
            f"the instance answers {status}: it does not serve posts anonymously",
        )
    if status != 200:
        return unknown(f"http-{status}", f"the instance answered HTTP {status}")
    data = _json(body)
    if not isinstance(data, dict) or not isinstance(data.get("account"), dict):
        return malformed("the status JSON has no account")
    account = data["account"]
    created = parse_time(data.get("created_at"))
    content = data.get("content")
    if created is None or not isinstance(content, str):
        return malformed("the status JSON lacks created_at or content")
    acct = _str(account.get("acct")) or _str(account.get("username"))
    if acct is not None and "@" not in acct and instance:
        acct = f"{acct}@{instance}"
    text = html_to_text(content)
    spoiler = _str(data.get("spoiler_text"))
    return Outcome(
        "found",
        "ok",
        post=PlatformPost(
            platform=platform,
            source=source,
            url=_str(data.get("url")) or _str(data.get("uri")),
            status_id=str(data.get("id") or "") or None,
            handle=acct,
            display_name=_str(account.get("display_name")),
            author_id=str(account.get("id") or "") or None,
            text=f"{spoiler}\n\n{text}" if spoiler else text,
            created_at=created,
        ),
    )


_PLATFORM_NAMES = {
    "instagram": "Instagram",
    "threads": "Threads",
    "facebook": "Facebook",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "reddit": "Reddit",
}


def read_oembed(status: int, body: bytes, *, source: str, platform: str) -> Outcome:
    """The Meta (Instagram, Threads, Facebook), TikTok, YouTube and Reddit oEmbeds."""
    who = _PLATFORM_NAMES.get(platform, platform)
    if status in (404, 410):
        return Outcome(
            "missing",
            "not-found" if status == 404 else "gone",
            f"{who} answers {status}: the post was deleted or is not public",
        )
    if status == 403 and platform == "youtube":
        return Outcome("missing", "private", "YouTube answers 403: the video is private")
    if status == 401 and platform == "youtube":
        return unknown("http-401", "YouTube answers 401: embedding is disabled for the video")
    if status in (401, 403) and platform in ("instagram", "threads", "facebook"):
        return unknown("token-required", f"{who}'s oEmbed answers {status}: it wants a token")
    if status != 200:
        return unknown(f"http-{status}", f"{who}'s oEmbed answered HTTP {status}")
    data = _json(body)
    if not isinstance(data, dict):
        return malformed(f"{who}'s oEmbed answer is not a JSON object")
    if "error" in data and "html" not in data:
        return malformed(f"{who}'s oEmbed answered an error object")
    markup = _str(data.get("html")) or ""
    page = read_html(markup)
    handle: str | None = None
    name: str | None = None
    text: str | None = None
    day: _dt.date | None = None
    created: _dt.datetime | None = None
    status_id: str | None = None
    if platform == "instagram":
        shared = _SHARED_BY.search(page.text)
        if shared is not None:
            handle, name = shared.group("handle"), shared.group("name").strip() or None
        handle = handle or _str(data.get("author_name"))
        created = next((t for t in map(parse_time, page.datetimes) if t is not None), None)
    elif platform == "threads":
        permalink = page.attrs.get("data-text-post-permalink")
        handle = _path_handle(permalink)
    elif platform == "facebook":
        text = page.first_p
        if page.anchors_after_p:
            author_href, author_name = page.anchors_after_p[0]
            name = author_name or None
            handle = _path_handle(author_href)
            day = _date_of(page.anchors_after_p[-1][1])
        name = name or _str(data.get("author_name"))
    elif platform == "tiktok":
        handle = _str(data.get("author_unique_id")) or _path_handle(_str(data.get("author_url")))
        name = _str(data.get("author_name"))
        text = _str(data.get("title"))
        status_id = _str(data.get("embed_product_id"))
    elif platform == "youtube":
        name = _str(data.get("author_name"))
        author_url = _str(data.get("author_url")) or ""
        handle = _path_handle(author_url) if "/@" in author_url else None
        text = _str(data.get("title"))
    elif platform == "reddit":
        handle = _str(data.get("author_name"))
        text = _str(data.get("title"))
        if text is None:
            first = read_html(markup).anchors_after_p
            text = first[0][1] if first else None
    if not markup and platform in ("instagram", "threads", "facebook"):
        return malformed(f"{who}'s oEmbed answer has no html")
    return Outcome(
        "found",
        "ok",
        post=PlatformPost(
            platform=platform,
            source=source,
            url=_str(data.get("url")),
            status_id=status_id,
            handle=handle,
            display_name=name,
            text=text,
            created_at=created,
            date=day,
        ),
    )


def read_wayback(status: int, body: bytes) -> Outcome:
    """Wayback availability (17): archived_snapshots.closest.url when available."""
    if status != 200:
        return unknown(f"http-{status}", f"the Wayback Machine answered HTTP {status}")
    data = _json(body)
    snapshots = data.get("archived_snapshots") if isinstance(data, dict) else None
    if not isinstance(snapshots, dict):
        return malformed("the Wayback answer has no archived_snapshots")
    closest = snapshots.get("closest")
    if isinstance(closest, dict) and closest.get("available") and _str(closest.get("url")):
        return Outcome("found", "ok", value=str(closest["url"]))
    return Outcome("missing", "not-archived", "no archived copy")


# --------------------------------------------------------------------------- URLs


def q(value: str) -> str:
    return quote(value, safe="")


def x_oembed_url(base: str, status_url: str) -> str:
    return f"{base}/oembed?url={q(status_url)}&omit_script=true&dnt=true&lang=en"


def short_url(base: str, code: str) -> str:
    return f"{base}/{q(code)}"


def bsky_thread_url(base: str, at_uri: str) -> str:
    return f"{base}/xrpc/app.bsky.feed.getPostThread?uri={q(at_uri)}&depth=0&parentHeight=0"


def bsky_handle_url(base: str, handle: str) -> str:
    return f"{base}/xrpc/com.atproto.identity.resolveHandle?handle={q(handle)}"


def mastodon_url(base: str, status_id: str) -> str:
    return f"{base}/api/v1/statuses/{q(status_id)}"


def oembed_url(base: str, name: str, post_url: str, *, video: bool = False) -> str:
    if name == "instagram_oembed":
        return f"{base}/instagram_oembed?url={q(post_url)}"
    if name == "facebook_oembed":
        return f"{base}/{'oembed_video' if video else 'oembed_post'}?url={q(post_url)}"
    if name == "youtube_oembed":
        return f"{base}/oembed?url={q(post_url)}&format=json"
    return f"{base}/oembed?url={q(post_url)}"


def wayback_url(base: str, post_url: str) -> str:
    return f"{base}/wayback/available?url={q(post_url)}"
