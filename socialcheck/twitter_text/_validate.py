# Ported from twitter-text (https://github.com/twitter/twitter-text),
# rb/lib/twitter-text/validation.rb.
# Copyright 2011-2018 Twitter, Inc.; licensed under the Apache License, Version 2.0
# (http://www.apache.org/licenses/LICENSE-2.0). Changes: see docs/twitter-text.md.
"""Validation: Tweets, usernames, lists, hashtags, URLs."""

from __future__ import annotations

import regex

from . import _regexes as rx
from ._extract import extract_hashtags, extract_mentions
from ._parse import TweetConfig, parse_tweet

_VALID_LIST = regex.compile(f"\\A(?:{rx.VALID_MENTION_OR_LIST.pattern})\\Z", regex.IGNORECASE)
_HTTP_SCHEME = regex.compile("https?", regex.IGNORECASE)


def is_valid_tweet(text: str, config: str | TweetConfig = "v1") -> bool:
    """True if `text` is a valid Tweet: not empty, no invalid characters, and within the
    length limit of `config` (default "v1": 140 characters, URLs count 23)."""
    return parse_tweet(text, config).valid


def is_valid_username(username: str) -> bool:
    """True if `username` is exactly one `@screen_name` mention."""
    if not username:
        return False
    extracted = extract_mentions(username)
    return len(extracted) == 1 and extracted[0] == username[1:]


def is_valid_list(username_list: str) -> bool:
    """True if `username_list` is exactly `@screen_name/list-slug`."""
    if not username_list:
        return False
    m = _VALID_LIST.match(username_list)
    return bool(m and m.group(1) == "" and m.group(4))


def is_valid_hashtag(hashtag: str) -> bool:
    """True if `hashtag` is exactly one `#hashtag`."""
    if not hashtag:
        return False
    extracted = extract_hashtags(hashtag)
    return len(extracted) == 1 and extracted[0] == hashtag[1:]


def _valid_match(value: str | None, pattern: regex.Pattern[str], optional: bool = False) -> bool:
    """Upstream `valid_match?`: the leftmost match of `pattern` is all of `value`.

    A match that starts after 0 can never span the whole value, so anchoring at 0 gives
    the same answer as upstream's unanchored search, without its quadratic worst case.
    """
    if value is None:
        return optional
    m = pattern.match(value)
    return m is not None and m.group(0) == value


def is_valid_url(url: str, require_protocol: bool = True, *, unicode_domains: bool = True) -> bool:
    """True if `url` is a well-formed http(s) URL (RFC 3986 based, stricter).

    With `require_protocol=False` a bare `example.com/path` is accepted (and any scheme
    is ignored); `unicode_domains=False` limits hosts to ASCII names and IP addresses.
    """
    if not url:
        return False
    parts = rx.VALIDATE_URL_UNENCODED.match(url)
    if parts is None or parts.group(0) != url:
        return False
    scheme, authority, path, query, fragment = parts.groups()
    if require_protocol and not (
        _valid_match(scheme, rx.VALIDATE_URL_SCHEME) and _HTTP_SCHEME.fullmatch(scheme or "")
    ):
        return False
    if not (
        _valid_match(path, rx.VALIDATE_URL_PATH)
        and _valid_match(query, rx.VALIDATE_URL_QUERY, optional=True)
        and _valid_match(fragment, rx.VALIDATE_URL_FRAGMENT, optional=True)
    ):
        return False
    if unicode_domains:
        return _valid_match(authority, rx.VALIDATE_URL_UNICODE_AUTHORITY)
    return _valid_match(authority, rx.VALIDATE_URL_AUTHORITY)
