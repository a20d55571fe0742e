"""Recognise and canonicalise post URLs on every platform of docs/embed-formats (sections *.d).

    >>> parse_post_url("https://twitter.com/MeghanStabler/status/1141401212492890113?s=20")
    PostURL(platform='twitter', kind='post', handle='MeghanStabler', ...)

`parse_post_url` takes one URL and returns a `PostURL` or None. `find_post_urls` finds the
URL-shaped tokens of a text and returns the recognised ones with their spans.

Input rules
- A scheme is optional (`twitter.com/x/status/1`); `http://`, `https://` and `//` are
  accepted, any other scheme except `at://` (Bluesky AT-URIs) gives None. Hosts are
  case-insensitive; a port is ignored; a user-info part (`user@host`) gives None.
- The caller strips trailing sentence punctuation (`.`, `)`, `"` ...) before calling
  `parse_post_url`; `find_post_urls` does it itself. Query strings and fragments are ignored
  except where they carry the post (`watch?v=`, `permalink.php?story_fbid=`, `#!/h/status/1`).
- Markdown escapes (`\\_`) are undone before parsing; URLs longer than `MAX_URL_LENGTH`
  give None. Every pattern is bounded, so parsing is linear in the input.

Kinds
- "post": a specific post or video; `post_id` is set.
- "short": a link that points to a post without exposing it (t.co, pic.twitter.com,
  go.bsky.app, vm.tiktok.com, tiktok.com/t/, fb.watch, facebook.com/share/..., reddit
  /r/<sub>/s/<code>, threads/instagram /share/); `code` holds the opaque code, `post_id`
  is None. youtu.be exposes the video id, so it is a "post".
- "profile": an account URL; `handle` is set, `post_id` is None.
- "media": a pbs.twimg.com/media file; `code` holds the media key.

Hosts
- Known hosts are looked up in a dict (fast path). A subdomain of a known platform's
  domain that is not itself listed (`es-la.facebook.com`, `uk.linkedin.com`) is parsed with
  that platform's rules, but only posts and short links are returned for it, not profiles.
- Nitter instances: any host whose registrable domain label (per tldextract's bundled
  suffix list) or whose first label starts with "nitter" (`nitter.net`, `nitter.poast.org`).
- Mastodon: instances are open-ended, so ANY other host with a Mastodon-shaped post path
  (`/@user/<digits>`, `/@user@origin/<digits>`, `/users/<user>/statuses/<digits>`,
  optional `/embed`) is a Mastodon post, e.g. `https://example.com/@user/123`. The host must
  have a registrable domain (not an IP address or a bare name). Profiles on unknown hosts
  (`/@user`) are NOT recognised: too many non-Mastodon sites use that shape.
- Truth Social (truthsocial.com) is checked before the generic Mastodon shape.

tldextract is imported and built lazily, on first need, with no suffix-list URLs and no
cache directory: it reads only its bundled snapshot, fetches nothing and writes nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, unquote

import attrs
import regex

from .._lazy import lazy_compile

__all__ = ["MAX_URL_LENGTH", "PostURL", "find_post_urls", "parse_post_url"]

MAX_URL_LENGTH = 2000
_MAX_HOST_LENGTH = 253

PLATFORMS = (
    "twitter",
    "bluesky",
    "mastodon",
    "threads",
    "instagram",
    "facebook",
    "tiktok",
    "youtube",
    "truthsocial",
    "linkedin",
    "reddit",
    "telegram",
)
KINDS = ("post", "short", "profile", "media")


@attrs.frozen
class PostURL:
    """A recognised social-media URL.

    platform: one of `PLATFORMS`; kind: one of `KINDS`; handle: the account as written in the
    URL, without "@" (None when the URL has none); post_id: the platform's post id (X status
    id, Bluesky rkey, Mastodon numeric id, Instagram/Threads shortcode, TikTok video id,
    YouTube 11-char id, LinkedIn 19-digit activity/share/ugcPost id, Reddit base36 id,
    Telegram "channel/123", Facebook numeric or pfbid id); host: the URL's host, lowercased
    (for an AT-URI, its authority); canonical: a canonical https URL; url: the input as
    given; code: the opaque code of a short link or the key of a media file.
    """

    platform: str
    kind: str
    handle: str | None
    post_id: str | None
    host: str
    canonical: str
    url: str
    code: str | None = None


# --------------------------------------------------------------------------- splitting


@attrs.frozen
class _Parts:
    host: str
    path: str
    query: str
    fragment: str

    @property
    def segs(self) -> list[str]:
        return _segments(self.path)

    def param(self, name: str) -> str | None:
        """First value of a query parameter (tolerates HTML-escaped `&amp;`)."""
        for key, values in parse_qs(self.query, keep_blank_values=False).items():
            if (key == name or key == "amp;" + name) and values:
                return values[0]
        return None


# (kind, handle, post_id, canonical, code)
_Result = tuple[str, str | None, str | None, str, str | None]
_Parser = Callable[[_Parts], _Result | None]

_SCHEME = lazy_compile(r"[A-Za-z][A-Za-z0-9+.-]{0,30}:")
_LABEL = lazy_compile(r"[\w-]{1,63}")
_DIGITS = lazy_compile(r"[0-9]{1,25}")
_MD_ESCAPE = lazy_compile(r"\\([_*~])")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _segments(path: str) -> list[str]:
    stripped = path.strip("/")
    return stripped.split("/") if stripped else []


@functools.lru_cache(maxsize=1024)  # a run meets the same few hosts again and again
def _valid_host(host: str) -> bool:
    if not host or len(host) > _MAX_HOST_LENGTH:
        return False
    labels = host.split(".")
    return len(labels) >= 2 and all(_LABEL.fullmatch(label) for label in labels)


def _split(url: str) -> _Parts | None:
    rest = url
    if rest.startswith("https://"):  # nearly every URL: no scheme pattern needed
        rest = rest[8:]
    elif rest.startswith("//"):
        rest = rest[2:]
    else:
        m = _SCHEME.match(rest)
        if m is not None and rest.startswith("//", m.end()):
            if m.group()[:-1].lower() not in ("http", "https"):
                return None
            rest = rest[m.end() + 2 :]
    end = len(rest)
    for sep in "/?#\\":
        i = rest.find(sep)
        if i != -1 and i < end:
            end = i
    authority, tail = rest[:end], rest[end:]
    if "@" in authority:
        return None
    host, colon, port = authority.partition(":")
    if colon and not _DIGITS.fullmatch(port):
        return None
    host = host.lower().rstrip(".")
    if not _valid_host(host):
        return None
    tail, _, fragment = tail.partition("#")
    path, _, query = tail.partition("?")
    return _Parts(host=host, path=path, query=query, fragment=fragment)


# --------------------------------------------------------------------------- tldextract


@functools.cache
def _extractor() -> Any:
    """The offline tldextract instance: bundled snapshot only, no fetch, no cache dir."""
    import tldextract  # lazy: `import socialcheck` must not import it

    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


@functools.lru_cache(maxsize=4096)
def _split_domain(host: str) -> tuple[str, str, str]:
    """(subdomain, domain label, public suffix) of a host."""
    ext = _extractor()(host)
    return str(ext.subdomain), str(ext.domain), str(ext.suffix)


def _is_nitter(host: str) -> bool:
    if "nitter" not in host:  # cheap guard: no tldextract for ordinary hosts
        return False
    sub, domain, suffix = _split_domain(host)
    if not suffix or not domain:
        return False
    first = sub.split(".", 1)[0] if sub else domain
    return domain.startswith("nitter") or first.startswith("nitter")


def _has_registrable_domain(host: str) -> bool:
    _sub, domain, suffix = _split_domain(host)
    return bool(domain) and bool(suffix)


# --------------------------------------------------------------------------- X / Twitter

_X_HANDLE = lazy_compile(r"[A-Za-z0-9_]{1,20}")
_X_PROFILE = lazy_compile(r"[A-Za-z0-9_]{1,15}")
_X_CODE = lazy_compile(r"[A-Za-z0-9]{1,30}")
_X_MEDIA = lazy_compile(r"(?P<key>[A-Za-z0-9_-]{1,64})(?:\.[A-Za-z0-9]{1,5})?")
_X_STATUS_ROUTES = frozenset({"i", "status", "statuses"})
_X_RESERVED = _words(
    """i home explore search notifications messages settings login logout signup tos privacy
    intent share hashtag compose account download jobs about help lists bookmarks communities
    premium topics following followers oauth who_to_follow user_spam_reports statuses status
    widgets embed session rules"""
)


def _x_status(handle: str | None, status_id: str) -> _Result | None:
    if not _DIGITS.fullmatch(status_id):
        return None
    who = handle if handle is not None else "i/web"
    return ("post", handle, status_id, f"https://x.com/{who}/status/{status_id}", None)


def _twitter(p: _Parts) -> _Result | None:
    segs = p.segs
    if not segs and p.fragment.startswith("!/"):
        segs = _segments(p.fragment[1:].partition("?")[0])
    if not segs:
        return None
    low = [s.lower() for s in segs]
    if low[0] == "i" and len(segs) >= 4 and low[1] == "web" and low[2] == "status":
        return _x_status(None, segs[3])
    if low[0] == "i" and len(segs) >= 3 and low[1] == "status":
        return _x_status(None, segs[2])
    if low[0] == "statuses" and len(segs) >= 2:
        return _x_status(None, segs[1])
    # Any handle-shaped name before /status/ is an account (X's own @premium included);
    # only the route words that really take that shape are excluded.
    if len(segs) >= 3 and low[1] in ("status", "statuses") and low[0] not in _X_STATUS_ROUTES:
        if _X_HANDLE.fullmatch(segs[0]):
            return _x_status(segs[0], segs[2])
        return None
    if len(segs) == 1 and _X_PROFILE.fullmatch(segs[0]) and low[0] not in _X_RESERVED:
        return ("profile", segs[0], None, f"https://x.com/{segs[0]}", None)
    return None


def _twitter_embed(p: _Parts) -> _Result | None:
    segs = p.segs
    if segs and segs[0] == "embed":
        status_id = p.param("id")
        if status_id is not None:
            return _x_status(None, status_id)
    return None


def _twitter_short(p: _Parts) -> _Result | None:
    segs = p.segs
    if len(segs) == 1 and _X_CODE.fullmatch(segs[0]):
        return ("short", None, None, f"https://{p.host}/{segs[0]}", segs[0])
    return None


def _twitter_media(p: _Parts) -> _Result | None:
    segs = p.segs
    if len(segs) == 2 and segs[0] == "media":
        m = _X_MEDIA.fullmatch(segs[1])
        if m is not None:
            key = m.group("key")
            return ("media", None, None, f"https://pbs.twimg.com/media/{key}", key)
    return None


# --------------------------------------------------------------------------- Bluesky

_DID = lazy_compile(r"did:[a-z]{1,32}:[A-Za-z0-9._:%-]{0,2047}[A-Za-z0-9._-]")
_DNS_LABEL = lazy_compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_RKEY = lazy_compile(r"[A-Za-z0-9._:~-]{1,512}")
_BSKY_TAILS = frozenset({"liked-by", "reposted-by", "quotes"})
_SHORT_CODE = lazy_compile(r"[A-Za-z0-9_-]{1,64}")


def _is_bsky_actor(actor: str) -> bool:
    if actor.startswith("did:"):
        return _DID.fullmatch(actor) is not None
    if len(actor) > _MAX_HOST_LENGTH:
        return False
    labels = actor.split(".")
    return (
        len(labels) >= 2
        and all(_DNS_LABEL.fullmatch(label) for label in labels)
        and labels[-1][0].isalpha()
    )


def _bsky_post(actor: str, rkey: str) -> _Result | None:
    if not _is_bsky_actor(actor) or not _RKEY.fullmatch(rkey) or rkey in (".", ".."):
        return None
    return ("post", actor, rkey, f"https://bsky.app/profile/{actor}/post/{rkey}", None)


def _bluesky(p: _Parts) -> _Result | None:
    segs = p.segs
    if len(segs) >= 2 and segs[0] == "profile":
        actor = unquote(segs[1])
        if len(segs) == 2:
            if _is_bsky_actor(actor):
                return ("profile", actor, None, f"https://bsky.app/profile/{actor}", None)
            return None
        if segs[2] == "post" and (len(segs) == 4 or (len(segs) == 5 and segs[4] in _BSKY_TAILS)):
            return _bsky_post(actor, segs[3])
    return None


def _bluesky_embed(p: _Parts) -> _Result | None:
    segs = p.segs
    if len(segs) == 4 and segs[0] == "embed" and segs[2] == "app.bsky.feed.post":
        return _bsky_post(unquote(segs[1]), segs[3])
    return None


def _bluesky_short(p: _Parts) -> _Result | None:
    segs = p.segs
    if len(segs) == 1 and _SHORT_CODE.fullmatch(segs[0]):
        return ("short", None, None, f"https://go.bsky.app/{segs[0]}", segs[0])
    return None


def _at_uri(url: str) -> PostURL | None:
    body = url[5:]
    for sep in "?#":
        body = body.partition(sep)[0]
    segs = _segments(body)
    if not segs:
        return None
    actor = segs[0]
    result: _Result | None = None
    if len(segs) == 1 and _is_bsky_actor(actor):
        result = ("profile", actor, None, f"https://bsky.app/profile/{actor}", None)
    elif len(segs) == 3 and segs[1] == "app.bsky.feed.post":
        result = _bsky_post(actor, segs[2])
    if result is None:
        return None
    return _make("bluesky", result, actor.lower(), url)


# --------------------------------------------------------------------------- Mastodon family

_MASTO_USER = lazy_compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,63})")


def _masto_handle(seg: str) -> str | None:
    """`@user` or `@user@origin` -> `user` / `user@origin`."""
    if not seg.startswith("@"):
        return None
    user, at, origin = seg[1:].partition("@")
    if not _MASTO_USER.fullmatch(user):
        return None
    if at and not _valid_host(origin.lower()):
        return None
    return seg[1:]


def _masto_post(segs: list[str], allow_posts_segment: bool) -> tuple[str, str] | None:
    """(handle, id) of a Mastodon-shaped post path, else None."""
    if segs and segs[-1] == "embed":
        segs = segs[:-1]
    if segs and segs[0] == "web":
        segs = segs[1:]
    if len(segs) == 4 and segs[0] == "users" and segs[2] == "statuses":
        if _MASTO_USER.fullmatch(segs[1]) and _DIGITS.fullmatch(segs[3]):
            return segs[1], segs[3]
        return None
    if allow_posts_segment and len(segs) == 3 and segs[1] == "posts":
        segs = [segs[0], segs[2]]
    if len(segs) == 2:
        handle = _masto_handle(segs[0])
        if handle is not None and _DIGITS.fullmatch(segs[1]):
            return handle, segs[1]
    return None


def _mastodon(p: _Parts) -> _Result | None:
    found = _masto_post(p.segs, allow_posts_segment=False)
    if found is None or not _has_registrable_domain(p.host):
        return None
    handle, post_id = found
    return ("post", handle, post_id, f"https://{p.host}/@{handle}/{post_id}", None)


def _truthsocial(p: _Parts) -> _Result | None:
    segs = p.segs
    found = _masto_post(segs, allow_posts_segment=True)
    if found is not None:
        handle, post_id = found
        canonical = f"https://truthsocial.com/@{handle}/posts/{post_id}"
        return ("post", handle, post_id, canonical, None)
    user = _masto_handle(segs[0]) if len(segs) == 1 else None
    if user is not None:
        return ("profile", user, None, f"https://truthsocial.com/@{user}", None)
    return None


# --------------------------------------------------------------------------- Threads, Instagram

_IG_CODE = lazy_compile(r"[A-Za-z0-9_-]{5,64}")
_IG_USER = lazy_compile(r"[A-Za-z0-9._]{1,30}")
_IG_TYPES = {"p": "p", "reel": "reel", "reels": "reel", "tv": "tv"}
_IG_RESERVED = _words(
    """explore accounts about developer legal direct stories p reel reels tv web emails challenge
    privacy terms oauth api graphql static press help session s share your_activity ar"""
)


def _threads(p: _Parts) -> _Result | None:
    segs = p.segs
    if not segs:
        return None
    if len(segs) >= 3 and segs[1] == "post" and len(segs) <= 4:
        user = segs[0][1:] if segs[0].startswith("@") else None
        if user and _IG_USER.fullmatch(user) and _IG_CODE.fullmatch(segs[2]):
            canonical = f"https://www.threads.com/@{user}/post/{segs[2]}"
            return ("post", user, segs[2], canonical, None)
        return None
    if len(segs) == 2 and segs[0] == "t" and _IG_CODE.fullmatch(segs[1]):
        return ("post", None, segs[1], f"https://www.threads.com/t/{segs[1]}", None)
    if len(segs) == 2 and segs[0] == "share" and _SHORT_CODE.fullmatch(segs[1]):
        return ("short", None, None, f"https://www.threads.com/share/{segs[1]}", segs[1])
    if len(segs) == 1 and segs[0].startswith("@") and _IG_USER.fullmatch(segs[0][1:]):
        user = segs[0][1:]
        return ("profile", user, None, f"https://www.threads.com/@{user}", None)
    return None


def _instagram(p: _Parts) -> _Result | None:
    segs = p.segs
    user: str | None = None
    if len(segs) >= 3 and segs[1] in _IG_TYPES and segs[0].lower() not in _IG_RESERVED:
        if not _IG_USER.fullmatch(segs[0]):
            return None
        user, segs = segs[0], segs[1:]
    # /p/<code>/ plus at most two trailing segments (`embed/captioned`, `c/<comment>`)
    if 2 <= len(segs) <= 4 and segs[0] in _IG_TYPES and _IG_CODE.fullmatch(segs[1]):
        kind = _IG_TYPES[segs[0]]
        return ("post", user, segs[1], f"https://www.instagram.com/{kind}/{segs[1]}/", None)
    if len(segs) in (2, 3) and segs[0] == "share" and _SHORT_CODE.fullmatch(segs[-1]):
        if len(segs) == 3 and segs[1] not in _IG_TYPES:
            return None
        path = "/".join(segs)
        return ("short", None, None, f"https://www.instagram.com/{path}/", segs[-1])
    if (
        len(segs) == 1
        and _IG_USER.fullmatch(segs[0])
        and segs[0].lower() not in _IG_RESERVED
        and not segs[0].startswith(".")
    ):
        return ("profile", segs[0], None, f"https://www.instagram.com/{segs[0]}/", None)
    return None


# --------------------------------------------------------------------------- Facebook

_FB_ID = lazy_compile(r"[0-9]{1,25}|pfbid[0-9A-Za-z]{10,100}")
_FB_PAGE = lazy_compile(r"[A-Za-z0-9.-]{1,100}")
_FB_RESERVED = _words(
    """login watch groups events marketplace pages help policies privacy sharer share dialog
    plugins photo photos video videos reel reels stories search hashtag friends bookmarks saved
    ads business legal terms about gaming live settings notifications messages home media tr
    recover people public profile story l lm permalink"""
)
_FB = "https://www.facebook.com"


def _fb_id(value: str | None) -> str | None:
    if value is not None and _FB_ID.fullmatch(value):
        return value
    return None


def _fb_page(seg: str) -> bool:
    return (
        _FB_PAGE.fullmatch(seg) is not None
        and seg.lower() not in _FB_RESERVED
        and not seg.lower().endswith(".php")
    )


def _facebook(p: _Parts, nested: bool = False) -> _Result | None:
    segs = p.segs
    low = [s.lower() for s in segs]
    n = len(segs)
    if n == 2 and low[0] == "plugins" and low[1] in ("post.php", "video.php") and not nested:
        href = p.param("href")
        inner = _split(href) if href is not None and len(href) <= MAX_URL_LENGTH else None
        if inner is not None and _PARSERS.get(_HOSTS.get(inner.host, "")) is _facebook:
            return _facebook(inner, nested=True)
        return None
    if n == 1 and low[0] in ("permalink.php", "story.php"):
        story = _fb_id(p.param("story_fbid"))
        owner = p.param("id")
        if story is None:
            return None
        if owner is not None and not _DIGITS.fullmatch(owner):
            owner = None
        canonical = f"{_FB}/permalink.php?story_fbid={story}"
        if owner is not None:
            canonical += f"&id={owner}"
        return ("post", owner, story, canonical, None)
    if n == 1 and low[0] in ("photo", "photo.php"):
        fbid = p.param("fbid")
        if fbid is not None and _DIGITS.fullmatch(fbid):
            return ("post", None, fbid, f"{_FB}/photo/?fbid={fbid}", None)
        return None
    if n == 1 and low[0] in ("watch", "video.php"):
        vid = p.param("v")
        if vid is not None and _DIGITS.fullmatch(vid):
            return ("post", None, vid, f"{_FB}/watch/?v={vid}", None)
        return None
    if n == 2 and low[0] in ("reel", "reels") and _DIGITS.fullmatch(segs[1]):
        return ("post", None, segs[1], f"{_FB}/reel/{segs[1]}/", None)
    if low and low[0] == "share":
        if n == 3 and low[1] in ("p", "v", "r") and _SHORT_CODE.fullmatch(segs[2]):
            return ("short", None, None, f"{_FB}/share/{low[1]}/{segs[2]}/", segs[2])
        if n == 2 and _SHORT_CODE.fullmatch(segs[1]):
            return ("short", None, None, f"{_FB}/share/{segs[1]}/", segs[1])
        return None
    if n == 4 and low[0] == "groups" and low[2] in ("posts", "permalink"):
        post_id = _fb_id(segs[3])
        if post_id is not None and _FB_PAGE.fullmatch(segs[1]):
            canonical = f"{_FB}/groups/{segs[1]}/posts/{post_id}/"
            return ("post", segs[1], post_id, canonical, None)
        return None
    if n == 1 and low[0] == "profile.php":
        owner = p.param("id")
        if owner is not None and _DIGITS.fullmatch(owner):
            return ("profile", owner, None, f"{_FB}/profile.php?id={owner}", None)
        return None
    if n >= 1 and not _fb_page(segs[0]):
        return None
    if n == 3 and low[1] == "posts":
        post_id = _fb_id(segs[2])
        if post_id is not None:
            return ("post", segs[0], post_id, f"{_FB}/{segs[0]}/posts/{post_id}", None)
        return None
    if n in (3, 4) and low[1] == "videos" and _DIGITS.fullmatch(segs[-1]):
        return ("post", segs[0], segs[-1], f"{_FB}/{segs[0]}/videos/{segs[-1]}/", None)
    if n == 4 and low[1] == "photos" and _DIGITS.fullmatch(segs[3]):
        return ("post", segs[0], segs[3], f"{_FB}/photo/?fbid={segs[3]}", None)
    if n == 1 and len(segs[0]) >= 5:
        return ("profile", segs[0], None, f"{_FB}/{segs[0]}", None)
    return None


def _facebook_short(p: _Parts) -> _Result | None:
    segs = p.segs
    if len(segs) == 1 and _SHORT_CODE.fullmatch(segs[0]):
        return ("short", None, None, f"https://fb.watch/{segs[0]}/", segs[0])
    return None


# --------------------------------------------------------------------------- TikTok

_TT_USER = lazy_compile(r"[A-Za-z0-9_.-]{1,64}")
_TT_HTML_ID = lazy_compile(r"(?P<id>[0-9]{1,25})\.html")


def _tt_embed(video_id: str) -> _Result:
    return ("post", None, video_id, f"https://www.tiktok.com/embed/v2/{video_id}", None)


def _tiktok(p: _Parts) -> _Result | None:
    segs = p.segs
    n = len(segs)
    if n and segs[0].startswith("@"):
        user = segs[0][1:]
        if not _TT_USER.fullmatch(user):
            return None
        if n == 1:
            return ("profile", user, None, f"https://www.tiktok.com/@{user}", None)
        if n == 3 and segs[1] in ("video", "photo") and _DIGITS.fullmatch(segs[2]):
            canonical = f"https://www.tiktok.com/@{user}/{segs[1]}/{segs[2]}"
            return ("post", user, segs[2], canonical, None)
        return None
    if n == 2 and segs[0] == "embed" and _DIGITS.fullmatch(segs[1]):
        return _tt_embed(segs[1])
    if n == 3 and (segs[0], segs[1]) in (("embed", "v2"), ("player", "v1")):
        return _tt_embed(segs[2]) if _DIGITS.fullmatch(segs[2]) else None
    if n == 2 and segs[0] == "v":
        m = _TT_HTML_ID.fullmatch(segs[1])
        return _tt_embed(m.group("id")) if m is not None else None
    if n == 2 and segs[0] == "t" and _SHORT_CODE.fullmatch(segs[1]):
        return ("short", None, None, f"https://www.tiktok.com/t/{segs[1]}/", segs[1])
    return None


def _tiktok_short(p: _Parts) -> _Result | None:
    segs = p.segs
    if len(segs) == 1 and _SHORT_CODE.fullmatch(segs[0]):
        host = p.host.removeprefix("www.")
        return ("short", None, None, f"https://{host}/{segs[0]}/", segs[0])
    return None


# --------------------------------------------------------------------------- YouTube

_YT_ID = lazy_compile(r"[A-Za-z0-9_-]{11}")
_YT_HANDLE = lazy_compile(r"[A-Za-z0-9._-]{3,30}")
_YT_NAME = lazy_compile(r"[A-Za-z0-9._-]{1,100}")
_YT_PATHS = frozenset({"shorts", "embed", "live", "v", "e"})
# Player paths eleven characters long, like an ID: a playlist, a channel's live stream.
_YT_RESERVED = frozenset({"videoseries", "live_stream"})
_YT = "https://www.youtube.com"


def _yt_video(video_id: str | None) -> _Result | None:
    if video_id is None or not _YT_ID.fullmatch(video_id) or video_id in _YT_RESERVED:
        return None
    return ("post", None, video_id, f"{_YT}/watch?v={video_id}", None)


def _youtube(p: _Parts) -> _Result | None:
    segs = p.segs
    n = len(segs)
    if n == 1 and segs[0] == "watch":
        return _yt_video(p.param("v"))
    if n == 2 and segs[0] in _YT_PATHS:
        return _yt_video(segs[1])
    if n in (1, 2) and segs[0].startswith("@") and _YT_HANDLE.fullmatch(segs[0][1:]):
        handle = segs[0][1:]
        return ("profile", handle, None, f"{_YT}/@{handle}", None)
    if n == 2 and segs[0] in ("channel", "c", "user") and _YT_NAME.fullmatch(segs[1]):
        return ("profile", segs[1], None, f"{_YT}/{segs[0]}/{segs[1]}", None)
    return None


def _youtube_short(p: _Parts) -> _Result | None:
    segs = p.segs
    return _yt_video(segs[0]) if len(segs) == 1 else None


# --------------------------------------------------------------------------- LinkedIn

_LI_POSTS = lazy_compile(
    r"(?P<vanity>[^/_]{1,200})_(?:[^/]{0,1000}-)?(?P<type>activity|share|ugcPost)"
    r"-(?P<id>[0-9]{19})(?:-[A-Za-z0-9_-]{1,16})?"
)
_LI_URN = lazy_compile(r"urn:li:(?P<type>activity|share|ugcPost):(?P<id>[0-9]{19})")
_LI_SLUG = lazy_compile(r"[^/?#\s]{1,200}")


def _li_post(handle: str | None, urn_type: str, post_id: str) -> _Result:
    canonical = f"https://www.linkedin.com/feed/update/urn:li:{urn_type}:{post_id}/"
    return ("post", handle, post_id, canonical, None)


def _linkedin(p: _Parts) -> _Result | None:
    segs = p.segs
    n = len(segs)
    if n == 2 and segs[0] == "posts":
        m = _LI_POSTS.fullmatch(segs[1])
        if m is not None:
            return _li_post(m.group("vanity"), m.group("type"), m.group("id"))
        return None
    if segs and segs[0] == "embed":
        segs, n = segs[1:], n - 1
    if n == 3 and segs[0] == "feed" and segs[1] == "update":
        m = _LI_URN.fullmatch(unquote(segs[2]))
        if m is not None:
            return _li_post(None, m.group("type"), m.group("id"))
        return None
    if n == 2 and segs[0] in ("in", "company") and _LI_SLUG.fullmatch(segs[1]):
        canonical = f"https://www.linkedin.com/{segs[0]}/{segs[1]}/"
        return ("profile", segs[1], None, canonical, None)
    return None


# --------------------------------------------------------------------------- Reddit

_RD_ID = lazy_compile(r"[A-Za-z0-9]{1,13}")
_RD_SUB = lazy_compile(r"[A-Za-z0-9_]{2,21}")
_RD_USER = lazy_compile(r"[A-Za-z0-9_-]{3,20}")
_RD = "https://www.reddit.com"


def _reddit(p: _Parts) -> _Result | None:
    segs = p.segs
    n = len(segs)
    low = [s.lower() for s in segs]
    if n >= 2 and low[0] == "comments" and _RD_ID.fullmatch(segs[1]):
        post_id = low[1]
        return ("post", None, post_id, f"{_RD}/comments/{post_id}/", None)
    if n >= 4 and low[2] == "comments" and _RD_ID.fullmatch(segs[3]):
        post_id = low[3]
        if low[0] == "r" and _RD_SUB.fullmatch(segs[1]):
            return ("post", None, post_id, f"{_RD}/r/{segs[1]}/comments/{post_id}/", None)
        if low[0] in ("user", "u") and _RD_USER.fullmatch(segs[1]):
            canonical = f"{_RD}/user/{segs[1]}/comments/{post_id}/"
            return ("post", segs[1], post_id, canonical, None)
        return None
    if n == 4 and low[0] == "r" and low[2] == "s" and _RD_SUB.fullmatch(segs[1]):
        if _SHORT_CODE.fullmatch(segs[3]):
            return ("short", None, None, f"{_RD}/r/{segs[1]}/s/{segs[3]}", segs[3])
        return None
    if n == 2 and low[0] in ("user", "u") and _RD_USER.fullmatch(segs[1]):
        return ("profile", segs[1], None, f"{_RD}/user/{segs[1]}/", None)
    return None


def _reddit_short(p: _Parts) -> _Result | None:
    segs = p.segs
    if len(segs) == 1 and _RD_ID.fullmatch(segs[0]):
        post_id = segs[0].lower()
        return ("post", None, post_id, f"{_RD}/comments/{post_id}/", None)
    return None


# --------------------------------------------------------------------------- Telegram

_TG_CHANNEL = lazy_compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
_TG_RESERVED = _words(
    """joinchat addstickers addemoji addtheme share proxy socks setlanguage iv login confirmphone
    bg invoice boost contact addlist"""
)


def _tg_channel(seg: str) -> bool:
    return _TG_CHANNEL.fullmatch(seg) is not None and seg.lower() not in _TG_RESERVED


def _telegram(p: _Parts) -> _Result | None:
    segs = p.segs
    if p.host.endswith(".t.me"):
        channel = p.host[: -len(".t.me")]
        if not segs and _tg_channel(channel):
            return ("profile", channel, None, f"https://t.me/{channel}", None)
        return None
    if segs and segs[0] == "s":
        segs = segs[1:]
    n = len(segs)
    if n == 3 and segs[0] == "c" and _DIGITS.fullmatch(segs[1]) and _DIGITS.fullmatch(segs[2]):
        post_id = f"c/{segs[1]}/{segs[2]}"
        return ("post", None, post_id, f"https://t.me/{post_id}", None)
    if n == 2 and _tg_channel(segs[0]) and _DIGITS.fullmatch(segs[1]):
        post_id = f"{segs[0]}/{segs[1]}"
        return ("post", segs[0], post_id, f"https://t.me/{post_id}", None)
    if n == 1 and _tg_channel(segs[0]):
        return ("profile", segs[0], None, f"https://t.me/{segs[0]}", None)
    return None


# --------------------------------------------------------------------------- dispatch

_PARSERS: dict[str, _Parser] = {
    "twitter": _twitter,
    "twitter-short": _twitter_short,
    "twitter-media": _twitter_media,
    "twitter-embed": _twitter_embed,
    "bluesky": _bluesky,
    "bluesky-embed": _bluesky_embed,
    "bluesky-short": _bluesky_short,
    "mastodon": _mastodon,
    "truthsocial": _truthsocial,
    "threads": _threads,
    "instagram": _instagram,
    "facebook": _facebook,
    "facebook-short": _facebook_short,
    "tiktok": _tiktok,
    "tiktok-short": _tiktok_short,
    "youtube": _youtube,
    "youtube-short": _youtube_short,
    "linkedin": _linkedin,
    "reddit": _reddit,
    "reddit-short": _reddit_short,
    "telegram": _telegram,
}


def _with_www(*hosts: str) -> list[str]:
    return [h for host in hosts for h in (host, "www." + host)]


_HOST_GROUPS: dict[str, list[str]] = {
    "twitter": [
        *_with_www("twitter.com", "x.com"),
        "mobile.twitter.com",
        "m.twitter.com",
        "mobile.x.com",
        "m.x.com",
        *_with_www(
            "fxtwitter.com",
            "vxtwitter.com",
            "fixupx.com",
            "fixvx.com",
            "twittpr.com",
            "xcancel.com",
            "nitter.net",
        ),
    ],
    "twitter-short": ["t.co", "pic.twitter.com", "pic.x.com"],
    "twitter-media": ["pbs.twimg.com"],
    "twitter-embed": ["platform.twitter.com", "platform.x.com"],
    "bluesky": _with_www("bsky.app", "fxbsky.app", "vxbsky.app", "bskx.app"),
    "bluesky-embed": ["embed.bsky.app"],
    "bluesky-short": ["go.bsky.app"],
    "truthsocial": _with_www("truthsocial.com"),
    "threads": _with_www("threads.net", "threads.com"),
    "instagram": [*_with_www("instagram.com", "instagr.am"), "m.instagram.com"],
    "facebook": [
        *_with_www("facebook.com", "fb.com"),
        *(f"{sub}.facebook.com" for sub in ("m", "web", "mbasic", "touch", "mobile", "business")),
    ],
    "facebook-short": _with_www("fb.watch"),
    "tiktok": [*_with_www("tiktok.com"), "m.tiktok.com"],
    "tiktok-short": ["vm.tiktok.com", "vt.tiktok.com"],
    "youtube": [
        *_with_www("youtube.com", "youtube-nocookie.com"),
        "m.youtube.com",
        "music.youtube.com",
    ],
    "youtube-short": _with_www("youtu.be"),
    "linkedin": _with_www("linkedin.com"),
    "reddit": [*_with_www("reddit.com"), *(f"{s}.reddit.com" for s in ("old", "np", "new", "m"))],
    "reddit-short": _with_www("redd.it"),
    "telegram": _with_www("t.me", "telegram.me", "telegram.dog"),
}

# host -> parser key (fast path)
_HOSTS: dict[str, str] = {host: key for key, hosts in _HOST_GROUPS.items() for host in hosts}

# registered domain -> parser key, for subdomains not listed above (posts and short links only)
_FAMILY: dict[str, str] = {
    "twitter.com": "twitter",
    "x.com": "twitter",
    "bsky.app": "bluesky",
    "truthsocial.com": "truthsocial",
    "threads.net": "threads",
    "threads.com": "threads",
    "instagram.com": "instagram",
    "facebook.com": "facebook",
    "tiktok.com": "tiktok",
    "youtube.com": "youtube",
    "linkedin.com": "linkedin",
    "reddit.com": "reddit",
    "t.me": "telegram",
    "fxtwitter.com": "twitter",
    "vxtwitter.com": "twitter",
    "fixupx.com": "twitter",
    "fixvx.com": "twitter",
}


def _platform_of(key: str) -> str:
    return key.partition("-")[0]


def _family(host: str) -> str | None:
    labels = host.split(".")
    for i in range(1, len(labels) - 1):
        key = _FAMILY.get(".".join(labels[i:]))
        if key is not None:
            return key
    return None


def _make(platform: str, result: _Result, host: str, url: str) -> PostURL:
    kind, handle, post_id, canonical, code = result
    return PostURL(
        platform=platform,
        kind=kind,
        handle=handle,
        post_id=post_id,
        host=host,
        canonical=canonical,
        url=url,
        code=code,
    )


# Detectors and checks ask about the same URL several times; PostURL is immutable.
@functools.lru_cache(maxsize=4096)
def parse_post_url(url: str) -> PostURL | None:
    """Recognise one social-media URL; None when it is not a post, profile, short or media link.

    The caller strips trailing punctuation that is not part of the URL (see module doc).
    """
    if len(url) > MAX_URL_LENGTH:
        return None
    text = url.strip()
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    if text[:5].lower() == "at://":
        return _at_uri(text)
    parts = _split(text)
    if parts is None:
        return None
    host = parts.host
    key = _HOSTS.get(host)
    result: _Result | None
    if key is not None:
        result = _PARSERS[key](parts)
    else:
        key = _family(host)
        if key is not None:
            result = _PARSERS[key](parts)
            if result is not None and result[0] == "profile" and key != "telegram":
                result = None
        elif _is_nitter(host):
            key = "twitter"
            result = _twitter(parts)
        else:
            key = "mastodon"
            result = _mastodon(parts)
    if result is None:
        return None
    return _make(_platform_of(key), result, host, url)


# --------------------------------------------------------------------------- text scan

_TRAILING = ".,;:!?)]}'\"\u201d\u2019\u2026*"
# Characters that end a token besides white space: markup, dashes, curly/angle quotes.
_STOP_CHARS = '<>"`\u2014\u2013\u201c\u201d\u2018\u00ab\u00bb'
_STOP = lazy_compile(r"[\s" + _STOP_CHARS + "]")
_PREFIX_MAX = 300  # characters looked back from a token's first "/" (scheme + host fit)
# Searched in reverse from a "/": the run of token characters that ends there.
_WORD_BACK = lazy_compile(r"(?r)[^\s" + _STOP_CHARS + "]{0," + str(_PREFIX_MAX) + "}")

_SCHEMELESS_HOSTS = sorted(
    (h for h in _HOSTS if not h.startswith("www.")), key=lambda h: (-len(h), h)
)
_TOKEN = lazy_compile(
    r"(?:\b(?:https?|at)://|(?<![\w.@/:+%-])(?:www\.|(?:"
    + "|".join(regex.escape(h) for h in _SCHEMELESS_HOSTS)
    + r")/))"
    + r"[^\s"
    + _STOP_CHARS
    + "]{0,"
    + str(MAX_URL_LENGTH)
    + "}",
    regex.IGNORECASE,
)


def find_post_urls(text: str) -> list[tuple[PostURL, tuple[int, int]]]:
    """Recognised URLs in `text`, in order, each with its (start, end) span.

    Tokens are `http(s)://...`, `at://...`, `www....` and scheme-less known hosts followed by
    "/" (`twitter.com/...`, `pic.twitter.com/...`, `t.co/...`). A token ends at white space,
    `<>"` and backtick, dashes and curly quotes (so bs4's glued `pic.twitter.com/abc\u2014 Name`
    works); trailing `.,;:!?)]}'"\u201d\u2019\u2026*` is stripped and the span excludes it.

    Linear: only the words (runs between stop characters) that contain a "/" are examined, each
    once.
    """
    found: list[tuple[PostURL, tuple[int, int]]] = []
    slash = text.find("/")
    while slash != -1:
        back = _WORD_BACK.search(text, max(0, slash - _PREFIX_MAX), slash)
        start = back.start() if back is not None else slash
        stop = _STOP.search(text, slash)
        end = stop.start() if stop is not None else len(text)
        for m in _TOKEN.finditer(text, start, end):
            token = m.group().rstrip(_TRAILING)
            parsed = parse_post_url(token) if token else None
            if parsed is not None:
                found.append((parsed, (m.start(), m.start() + len(token))))
        slash = text.find("/", end)
    return found
