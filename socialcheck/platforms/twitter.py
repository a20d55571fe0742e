"""X/Twitter facts used by detection and checks (see docs/embed-formats, section 3)."""

from __future__ import annotations

import datetime as _dt

from .._lazy import lazy_compile

HANDLE = lazy_compile(r"[A-Za-z0-9_]{1,15}")

# Posts were limited to 140 characters until 2017-11-07, then 280.
LIMIT_CHANGE = _dt.date(2017, 11, 7)


def is_valid_handle(handle: str) -> bool:
    return HANDLE.fullmatch(handle) is not None


def length_limit(date: _dt.date | None) -> int:
    """Characters a post could hold on its date (unknown date: the current limit)."""
    if date is not None and date < LIMIT_CHANGE:
        return 140
    return 280


def may_exceed_limit(text: str, limit: int = 280) -> bool:
    """Cheap test: False when `text` certainly weighs at most `limit`.

    ASCII weighs one per character, and a URL at most 23 more than its own length
    (every URL has a dot), so only longer or non-ASCII texts need the full rules.
    """
    if len(text) <= limit // 2:
        return False
    return not text.isascii() or len(text) + 23 * text.count(".") > limit


def weighted_length(text: str) -> int:
    """The length X counts for a post (twitter-text v3: CJK and emoji weigh more, URLs 23)."""
    from ..twitter_text import parse_tweet

    return int(parse_tweet(text).weighted_length)
