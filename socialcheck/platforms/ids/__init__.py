"""When was a post made, according to its ID? (docs/embed-formats, sections *.f and 15)

    >>> decode_id_time("twitter", "2047647522173104145").time
    datetime.datetime(2026, 4, 24, 12, 3, ...)

`decode_id_time(platform, post_id)` returns an `IdTime` (an aware UTC `time`, an
`uncertainty` and a short `method`) or None when the ID carries no time we can read:
unknown platform, a malformed or out-of-range ID, an ID of a scheme that is not
time-encoded (pre-2017 Mastodon, pre-2011 Instagram), or an X ID in the gap between the
sequential and the snowflake schemes. It never raises on bad input.

| platform           | ID form                                | time                            |
|--------------------|----------------------------------------|---------------------------------|
| twitter (x)        | snowflake, >= 86400000 << 22           | `(id >> 22) + 1288834974657` ms |
| twitter (x)        | sequential, 20 .. 29700859247          | estimated from TweetedAt anchors|
| bluesky            | 13-char TID record key                 | `n >> 10` microseconds          |
| mastodon           | snowflake                              | `id >> 16` ms (per instance)    |
| truthsocial        | Mastodon snowflake                     | `id >> 16` ms                   |
| tiktok             | video ID                               | `id >> 32` s                    |
| instagram, threads | shortcode, media ID, `<media>_<owner>` | `(id >> 23) + 1314220021721` ms |
| linkedin           | 19-digit activity/share/ugcPost ID     | `id >> 22` ms                   |
| discord            | snowflake                              | `(id >> 22) + 1420070400000` ms |

What `uncertainty` bounds: the distance between `time` and the clock reading of the
machine that made the ID, when it made it. For the exact schemes that is the resolution
plus the skew between a service's ID generators, stated as 1 second (X snowflakes are only
k-sorted within about a second). For pre-snowflake X IDs it is the calibrated bound of the
estimator (see `pre_snowflake`). It cannot bound a clock that lies: Bluesky TIDs are made by
the posting client (a normal client uses its clock, so the TID dates the record and bounds
how far a shown date can be backdated, but a crafted client may write any TID: agreement is
consistency, not proof), and a Mastodon server gives remote posts and backfilled records IDs
made from the *claimed* `created_at` (and IDs differ on every instance).

Only the anchor table of the pre-snowflake estimator is data; it is read on the first
pre-snowflake ID, never at import.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Callable

import attrs

__all__ = [
    "IdTime",
    "LAUNCHES",
    "PRE_SNOWFLAKE_MAX",
    "SNOWFLAKE_MIN",
    "decode_id_time",
    "instagram_media_id",
    "normalise_platform",
    "x_id_in_scheme_gap",
]

UTC = _dt.timezone.utc
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=UTC)

TWEPOCH_MS = 1288834974657  # 2010-11-04T01:42:54.657Z
SNOWFLAKE_MIN = 86400000 << 22  # 362387865600000: X's own "is snowflake" threshold
PRE_SNOWFLAKE_MAX = 29700859247  # last sequential ID (TweetedAt)
INSTAGRAM_EPOCH_MS = 1314220021721  # 2011-08-24T21:07:01.721Z
DISCORD_EPOCH_MS = 1420070400000  # 2015-01-01T00:00:00Z
_MAX_64 = (1 << 63) - 1
# Below this, Mastodon and Instagram IDs are the old sequential numbers (they decode to
# within a few minutes of their epochs), not time-encoded ones.
_LEGACY_BELOW = 1 << 40

_EXACT = _dt.timedelta(seconds=1)

# Earliest date a post of each platform can have (UTC). X, Bluesky, Mastodon, Instagram
# and TikTok are their launches; the others are deliberately early, conservative bounds
# (Threads opened 2023-07-05, Truth Social 2022-02-21 after a late-2021 beta; LinkedIn
# opened 2003-05-05; Discord IDs start at its 2015 epoch).
LAUNCHES: dict[str, _dt.date] = {
    "twitter": _dt.date(2006, 3, 21),
    "bluesky": _dt.date(2023, 2, 1),
    "mastodon": _dt.date(2016, 1, 1),
    "instagram": _dt.date(2010, 10, 1),
    "tiktok": _dt.date(2016, 9, 1),
    "threads": _dt.date(2023, 6, 1),
    "truthsocial": _dt.date(2021, 6, 1),
    "linkedin": _dt.date(2003, 5, 1),
    "discord": _dt.date(2015, 1, 1),
}

_ALIASES = {
    "x": "twitter",
    "twitter": "twitter",
    "bluesky": "bluesky",
    "bsky": "bluesky",
    "mastodon": "mastodon",
    "truthsocial": "truthsocial",
    "truth social": "truthsocial",
    "truth": "truthsocial",
    "tiktok": "tiktok",
    "instagram": "instagram",
    "threads": "threads",
    "linkedin": "linkedin",
    "discord": "discord",
}

_DIGITS = re.compile(r"[0-9]{1,20}")
_MEDIA_OWNER = re.compile(r"(?P<media>[0-9]{1,20})_[0-9]{1,20}")
_TID = re.compile(r"[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}")
_B32_SORTABLE = "234567abcdefghijklmnopqrstuvwxyz"
_B32_VALUE = {c: i for i, c in enumerate(_B32_SORTABLE)}
_SHORTCODE = re.compile(r"[A-Za-z0-9_-]{1,11}")
_B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_B64_VALUE = {c: i for i, c in enumerate(_B64URL)}


_Decoder = Callable[[str], "IdTime | None"]


@attrs.frozen
class IdTime:
    """The time an ID encodes: `time` (aware, UTC) +- `uncertainty`, found by `method`."""

    time: _dt.datetime
    uncertainty: _dt.timedelta
    method: str

    @property
    def earliest(self) -> _dt.datetime:
        return self.time - self.uncertainty

    @property
    def latest(self) -> _dt.datetime:
        return self.time + self.uncertainty


def normalise_platform(platform: str) -> str | None:
    """The canonical platform name ("x" -> "twitter"), or None when IDs of it carry no time."""
    if not isinstance(platform, str):
        return None
    return _ALIASES.get(platform.strip().lower())


def _from_ms(ms: float, method: str, uncertainty: _dt.timedelta = _EXACT) -> IdTime | None:
    try:
        return IdTime(_EPOCH + _dt.timedelta(milliseconds=ms), uncertainty, method)
    except OverflowError:
        return None


def _number(post_id: str) -> int | None:
    """A non-negative 64-bit integer written with ASCII digits, else None."""
    if _DIGITS.fullmatch(post_id) is None:
        return None
    value = int(post_id)
    return value if value <= _MAX_64 else None


def x_id_in_scheme_gap(post_id: str) -> bool:
    """True for an X status ID between the last sequential and the first snowflake ID."""
    value = _number(post_id.strip()) if isinstance(post_id, str) else None
    return value is not None and PRE_SNOWFLAKE_MAX < value < SNOWFLAKE_MIN


def _twitter(post_id: str) -> IdTime | None:
    value = _number(post_id)
    if value is None or value <= 0:
        return None
    if value >= SNOWFLAKE_MIN:
        return _from_ms((value >> 22) + TWEPOCH_MS, "x-snowflake")
    if value > PRE_SNOWFLAKE_MAX:
        return None  # the gap between the schemes: no post has such an ID
    from . import pre_snowflake  # lazy: the table is read on first use only

    est = pre_snowflake.default_estimator().estimate(value)
    if est is None:
        return None
    return _from_ms(est.time * 1000, est.method, _dt.timedelta(seconds=est.uncertainty))


def _bluesky(post_id: str) -> IdTime | None:
    if _TID.fullmatch(post_id) is None:
        return None
    n = 0
    for char in post_id:
        n = (n << 5) | _B32_VALUE[char]
    micros = n >> 10
    try:
        time = _EPOCH + _dt.timedelta(microseconds=micros)
    except OverflowError:
        return None
    return IdTime(time, _EXACT, "bluesky-tid-client-clock")


def _mastodon(method: str) -> _Decoder:
    def decode(post_id: str) -> IdTime | None:
        value = _number(post_id)
        if value is None or value < _LEGACY_BELOW:
            return None
        return _from_ms(value >> 16, method)

    return decode


def _tiktok(post_id: str) -> IdTime | None:
    value = _number(post_id)
    if value is None or value <= 0:
        return None
    return _from_ms((value >> 32) * 1000, "tiktok-id")


def instagram_media_id(post_id: str) -> int | None:
    """The numeric media ID of a shortcode, a media ID or a `<media>_<owner>` API ID."""
    m = _MEDIA_OWNER.fullmatch(post_id)
    if m is not None:
        return _number(m.group("media"))
    if _DIGITS.fullmatch(post_id) is not None:
        return _number(post_id)
    if _SHORTCODE.fullmatch(post_id) is None:
        return None
    value = 0
    for char in post_id:
        value = (value << 6) | _B64_VALUE[char]
    return value if value <= _MAX_64 else None


def _instagram(name: str) -> _Decoder:
    def decode(post_id: str) -> IdTime | None:
        media = instagram_media_id(post_id)
        if media is None or media < _LEGACY_BELOW:
            return None
        numeric = _DIGITS.fullmatch(post_id) or _MEDIA_OWNER.fullmatch(post_id)
        kind = "media-id" if numeric else "shortcode"
        return _from_ms((media >> 23) + INSTAGRAM_EPOCH_MS, f"{name}-{kind}")

    return decode


def _linkedin(post_id: str) -> IdTime | None:
    value = _number(post_id)
    if value is None or value <= 0:
        return None
    return _from_ms(value >> 22, "linkedin-id")


def _discord(post_id: str) -> IdTime | None:
    value = _number(post_id)
    if value is None or value <= 0:
        return None
    return _from_ms((value >> 22) + DISCORD_EPOCH_MS, "discord-snowflake")


_DECODERS: dict[str, _Decoder] = {
    "twitter": _twitter,
    "bluesky": _bluesky,
    "mastodon": _mastodon("mastodon-snowflake"),
    "truthsocial": _mastodon("truthsocial-snowflake"),
    "tiktok": _tiktok,
    "instagram": _instagram("instagram"),
    "threads": _instagram("threads"),
    "linkedin": _linkedin,
    "discord": _discord,
}


def decode_id_time(platform: str, post_id: str) -> IdTime | None:
    """The time `post_id` encodes on `platform`, or None (never raises on bad input).

    `platform` is a `Post.platform` name ("twitter", "bluesky", "mastodon", "truthsocial",
    "tiktok", "instagram", "threads", "linkedin", "discord"; "x" is accepted too);
    `post_id` is the ID as written in the post's URL (X status ID, Bluesky record key,
    Instagram/Threads shortcode or media ID, ...). Surrounding white space is ignored.
    """
    name = normalise_platform(platform)
    if name is None or not isinstance(post_id, str):
        return None
    text = post_id.strip()
    if not text or len(text) > 64:
        return None
    return _decoded(name, text)


# Checks ask about the same ID several times; IdTime is immutable.
@functools.lru_cache(maxsize=4096)
def _decoded(name: str, text: str) -> IdTime | None:
    try:
        return _DECODERS[name](text)
    except (ValueError, OverflowError, KeyError):  # pragma: no cover - defensive
        return None
