"""Checks that compare what a post shows with what its ID and URL say (docs/forensics.md).

Most platforms put the creation time into the post ID (`socialcheck.decode_id_time`), so a
post's date can be checked even when the embed shows none, and a forged or edited embed
whose date, ID and URL do not fit together can be caught offline.

The ID is `Post.status_id`; for posts where the detector kept only `Post.url`, it is the
URL's post ID (`parse_post_url(post.url).post_id`).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator

from ..model import Post, Span
from ..platforms.ids import (
    LAUNCHES,
    PRE_SNOWFLAKE_MAX,
    SNOWFLAKE_MIN,
    IdTime,
    decode_id_time,
    normalise_platform,
)
from ..platforms.urls import PostURL, parse_post_url
from ._base import Check, Context, Hit, plural_days, signature_span

UTC = _dt.timezone.utc
_DAY = _dt.timedelta(days=1)
_MAX_64 = (1 << 63) - 1

# How far the displayed calendar date may sit from the ID's UTC time. X embeds print the
# UTC date of the ID (docs/embed-formats 3.c); Bluesky prints the embedder's local date and
# time, Instagram's old embeds US Pacific time, and other platforms show no date in their
# embeds, so a date written next to them may be in any zone (UTC-12 .. UTC+14).
_ANY_ZONE = _dt.timedelta(hours=14)
_DISPLAY_WINDOW: dict[str, _dt.timedelta] = {"twitter": _dt.timedelta(0)}
_DISPLAY_RULE: dict[str, str] = {
    "twitter": "X embeds show the UTC date of the ID",
    "bluesky": "Bluesky shows the embedder's local date; 14 h allowed either way",
    "instagram": "Instagram shows US Pacific time; 14 h allowed either way",
}
_ANY_ZONE_RULE = "any time zone allowed (14 h either way)"


# --------------------------------------------------------------------------- shared


def post_id(post: Post) -> tuple[str, str] | None:
    """(platform, ID) of a post: its status_id, else the post ID of its URL."""
    if post.status_id:
        return post.platform, post.status_id
    parsed = _parsed_url(post)
    if parsed is not None and parsed.kind == "post" and parsed.post_id:
        return parsed.platform, parsed.post_id
    return None


def _parsed_url(post: Post) -> PostURL | None:
    return parse_post_url(post.url) if post.url else None


def _id_time(post: Post) -> tuple[str, str, IdTime] | None:
    found = post_id(post)
    if found is None:
        return None
    platform, pid = found
    decoded = decode_id_time(platform, pid)
    return (platform, pid, decoded) if decoded is not None else None


def _id_span(post: Post, pid: str) -> Span:
    """Where the ID is written: the link that carries it, else the signature line."""
    for i, link in enumerate(post.links):
        if pid in link and i < len(post.link_spans):
            return post.link_spans[i]
    return signature_span(post)


def _fmt_duration(delta: _dt.timedelta) -> str:
    seconds = round(delta.total_seconds())
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    if minutes < 120:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def fmt_id_time(value: IdTime) -> str:
    """`2024-11-04 14:09:48 UTC`, plus `± 1 h 17 min` for an estimate."""
    text = value.time.strftime("%Y-%m-%d %H:%M:%S UTC")
    if value.uncertainty > _dt.timedelta(seconds=1):
        text += f" ± {_fmt_duration(value.uncertainty)}"
    return text


def _day_start(day: _dt.date) -> _dt.datetime:
    return _dt.datetime(day.year, day.month, day.day, tzinfo=UTC)


# --------------------------------------------------------------------------- checks


class IdDateMismatch(Check):
    """The date a post shows does not fit the time its ID encodes.

    X embeds print the UTC calendar date of the post, which the snowflake ID fixes to the
    millisecond, so the two must name the same day (for IDs from before November 2010,
    the estimate's stated uncertainty is allowed). Bluesky prints the embedder's local
    date and Instagram US Pacific time, and other platforms show no date of their own, so
    for them the shown day must lie within 14 hours of the ID's time. A mismatch means the
    date or the ID was edited, or the embed was made by hand.
    """

    code = "SC501"
    name = "id-date-mismatch"
    severity = "error"
    message = "post shows {post_date} but its ID {post_id} was made {id_time} ({rule})"

    def check_post(self, ctx: Context, index: int, post: Post) -> Iterator[Hit]:
        if post.date is None:
            return
        found = _id_time(post)
        if found is None:
            return
        platform, pid, decoded = found
        window = _DISPLAY_WINDOW.get(platform, _ANY_ZONE)
        start = _day_start(post.date)
        if decoded.latest + window < start or decoded.earliest - window >= start + _DAY:
            rule = _DISPLAY_RULE.get(platform, _ANY_ZONE_RULE)
            yield Hit(
                index,
                signature_span(post),
                {
                    "post_date": post.date,
                    "post_id": pid,
                    "id_time": fmt_id_time(decoded),
                    "rule": rule,
                },
            )


class IdAfterArticle(Check):
    """A post whose ID was made after the article that embeds it was published.

    Uses the time in the post's ID, so it works for embeds that show no date (Mastodon,
    Threads, TikTok, LinkedIn, Truth Social). The earliest time the ID allows, as a UTC
    date, must not be more than `date_slack_days` after the article date.
    """

    code = "SC502"
    name = "id-after-article"
    severity = "error"
    message = "post ID {post_id} was made {id_time}, {delta} after the article date {article_date}"

    def check_post(self, ctx: Context, index: int, post: Post) -> Iterator[Hit]:
        article = ctx.doc.article_date
        if article is None:
            return
        found = _id_time(post)
        if found is None:
            return
        _platform, pid, decoded = found
        delta = (decoded.earliest.date() - article).days
        if delta > ctx.config.date_slack_days:
            yield Hit(
                index,
                _id_span(post, pid),
                {
                    "post_id": pid,
                    "id_time": fmt_id_time(decoded),
                    "delta": plural_days(delta),
                    "article_date": article,
                },
            )


class ImpossibleId(Check):
    """A post ID that no real post can have.

    An X status ID between the last sequential ID (29700859247, November 2010) and the
    first snowflake ID (362387865600000), or beyond 64 bits; or any ID whose time is
    before its platform launched (X 2006-03-21, Bluesky 2023-02, Mastodon 2016,
    Instagram 2010-10, TikTok 2016-09; see docs/forensics.md for the others) or after
    today (UTC).
    """

    code = "SC503"
    name = "impossible-id"
    severity = "error"
    message = "post ID {post_id} cannot exist: {reason}"

    def check_post(self, ctx: Context, index: int, post: Post) -> Iterator[Hit]:
        found = post_id(post)
        if found is None:
            return
        platform, pid = found
        reason = self._reason(ctx, normalise_platform(platform), pid.strip())
        if reason is not None:
            yield Hit(index, _id_span(post, pid), {"post_id": pid, "reason": reason})

    @staticmethod
    def _reason(ctx: Context, platform: str | None, pid: str) -> str | None:
        if platform is None:
            return None
        if platform == "twitter" and re.fullmatch(r"[0-9]{1,40}", pid):
            value = int(pid)
            if value > _MAX_64:
                return "X status IDs are 64-bit numbers"
            if PRE_SNOWFLAKE_MAX < value < SNOWFLAKE_MIN:
                return (
                    f"X status IDs jump from {PRE_SNOWFLAKE_MAX} (the last sequential ID)"
                    f" to {SNOWFLAKE_MIN} (the first snowflake ID)"
                )
        decoded = decode_id_time(platform, pid)
        if decoded is None:
            return None
        launch = LAUNCHES.get(platform)
        if launch is not None and decoded.latest < _day_start(launch):
            return f"it decodes to {fmt_id_time(decoded)}, before {platform} existed ({launch})"
        if decoded.earliest.date() > ctx.today:
            return f"it decodes to {fmt_id_time(decoded)}, after today ({ctx.today} UTC)"
        return None


def _comparable(platform: str, handle: str, host: str | None) -> str:
    """A handle folded for comparison; fediverse handles get their instance when known."""
    handle = handle.strip().lstrip("@").casefold()
    if platform in ("mastodon", "truthsocial") and "@" not in handle and host:
        handle = f"{handle}@{host.removeprefix('www.').casefold()}"
    return handle


class UrlHandleMismatch(Check):
    """The account in the post's URL differs from the one its signature shows.

    Case is ignored. The handle in a URL is not authoritative: the ID alone identifies the
    post, sites redirect a URL with any handle, and accounts get renamed, so this may be a
    rename or a hand-edited link as well as a post attributed to the wrong account.
    Bluesky URLs that name a DID, and fediverse handles without an instance (compared by
    user name only), are handled as such.
    """

    code = "SC504"
    name = "url-handle-mismatch"
    severity = "warning"
    message = (
        "the post's URL names {url_handle} but its signature shows {handle}; a URL's handle"
        " is not authoritative (accounts are renamed), so check who really posted it"
    )

    def check_post(self, ctx: Context, index: int, post: Post) -> Iterator[Hit]:
        if not post.handle:
            return
        parsed = _parsed_url(post)
        if parsed is None or not parsed.handle or parsed.kind != "post":
            return
        platform = parsed.platform
        if platform != post.platform:
            return
        if platform == "bluesky" and parsed.handle.startswith("did:"):
            return
        url_handle = _comparable(platform, parsed.handle, parsed.host)
        shown = _comparable(platform, post.handle, None)
        if "@" not in shown:
            url_handle = url_handle.partition("@")[0]
        if url_handle != shown:
            yield Hit(
                index,
                _url_span(post),
                {"url_handle": repr("@" + parsed.handle), "handle": repr("@" + post.handle)},
            )


def _url_span(post: Post) -> Span:
    for i, link in enumerate(post.links):
        if link == post.url and i < len(post.link_spans):
            return post.link_spans[i]
    return signature_span(post)


# --------------------------------------------------------------------------- handles

_DNS_HANDLE = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?"
)
_DID = re.compile(r"did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]")
_BSKY_BAD_TLDS = frozenset(
    {"alt", "arpa", "example", "internal", "invalid", "local", "localhost", "onion"}
)
_FEDI_USER = re.compile(r"[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*")
_IG_USER = re.compile(r"[A-Za-z0-9._]{1,30}")
_TT_USER = re.compile(r"[A-Za-z0-9_.]{1,24}")


def _bluesky_handle(handle: str) -> str | None:
    if handle.startswith("did:"):
        if _DID.fullmatch(handle) and len(handle) <= 2048:
            return None
        return "expected a DID of the form did:method:identifier"
    low = handle.lower()
    if low == "handle.invalid":
        return None  # what the app shows for a handle that failed verification
    if len(low) > 253 or _DNS_HANDLE.fullmatch(low) is None:
        return (
            "expected a domain name of 2+ labels of letters, digits and inner hyphens,"
            " the last starting with a letter"
        )
    tld = low.rsplit(".", 1)[1]
    if tld in _BSKY_BAD_TLDS:
        return f"the .{tld} top-level domain is not allowed"
    return None


def _host_ok(host: str) -> bool:
    return len(host) <= 253 and _DNS_HANDLE.fullmatch(host.lower()) is not None


def _fedi_handle(handle: str) -> str | None:
    user, at, host = handle.partition("@")
    if _FEDI_USER.fullmatch(user) is None or len(user) > 64:
        return (
            "expected user or user@instance, the user name of letters, digits, _ and inner . or -"
        )
    if at and not _host_ok(host):
        return "expected user@instance with the instance a domain name"
    return None


def _instagram_handle(handle: str) -> str | None:
    if (
        _IG_USER.fullmatch(handle) is None
        or handle.startswith(".")
        or handle.endswith(".")
        or ".." in handle
    ):
        return "expected 1-30 of A-Z, a-z, 0-9, . and _, with no leading, trailing or doubled dot"
    return None


def _tiktok_handle(handle: str) -> str | None:
    if _TT_USER.fullmatch(handle) is None or handle.endswith("."):
        return "expected 1-24 of A-Z, a-z, 0-9, . and _, not ending in a dot"
    return None


_HANDLE_RULES = {
    "bluesky": ("Bluesky", _bluesky_handle),
    "mastodon": ("Mastodon", _fedi_handle),
    "truthsocial": ("Truth Social", _fedi_handle),
    "instagram": ("Instagram", _instagram_handle),
    "threads": ("Threads", _instagram_handle),
    "tiktok": ("TikTok", _tiktok_handle),
}


class InvalidPlatformHandle(Check):
    """A handle that its platform would not accept (platforms other than X; X is SC201).

    Bluesky: a domain name (2+ labels of letters, digits and inner hyphens, at most 253
    characters, a TLD starting with a letter, not .alt .arpa .example .internal .invalid
    .local .localhost .onion) or a DID. Mastodon and Truth Social: `user` or
    `user@instance`. Instagram and Threads: 1-30 of letters, digits, `.` and `_`, with no
    leading, trailing or doubled dot. TikTok: 1-24 of letters, digits, `.` and `_`, not
    ending in a dot. The Instagram, Threads and TikTok rules are not published by the
    platforms (see docs/embed-formats), hence a warning.
    """

    code = "SC505"
    name = "invalid-platform-handle"
    severity = "warning"
    message = "handle {handle} is not a valid {platform} handle: {rule}"

    def check_post(self, ctx: Context, index: int, post: Post) -> Iterator[Hit]:
        if not post.handle:
            return
        rule = _HANDLE_RULES.get(post.platform)
        if rule is None:
            return
        label, validate = rule
        handle = post.handle.removeprefix("@")
        problem = validate(handle)
        if problem is not None:
            yield Hit(
                index,
                signature_span(post),
                {"handle": repr(post.handle), "platform": label, "rule": problem},
            )


FORENSIC_CHECKS: tuple[type[Check], ...] = (
    IdDateMismatch,
    IdAfterArticle,
    ImpossibleId,
    UrlHandleMismatch,
    InvalidPlatformHandle,
)
