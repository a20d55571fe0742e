# Ported from twitter-text (https://github.com/twitter/twitter-text),
# rb/lib/twitter-text/extractor.rb and java/.../Extractor.java.
# Copyright 2011-2018 Twitter, Inc.; licensed under the Apache License, Version 2.0
# (http://www.apache.org/licenses/LICENSE-2.0). Changes: see docs/twitter-text.md.
"""Entity extraction: mentions, lists, replies, URLs, hashtags, cashtags, emoji.

Indices are code-point offsets into the text (Python `str` offsets), end exclusive,
exactly as in the conformance suite.
"""

from __future__ import annotations

from typing import Any

from . import _regexes as rx
from ._urlscan import ascii_domain_spans, iter_url_matches

# Maximum URL length as defined by Twitter's backend.
MAX_URL_LENGTH = 4096
# The maximum t.co path length that the Twitter backend supports.
MAX_TCO_SLUG_LENGTH = 40
# The backend adds a protocol to protocol-less URLs; assume the longer "https://".
URL_PROTOCOL_LENGTH = len("https://")

Entity = dict[str, Any]


def _remove_overlapping_entities(entities: list[Entity]) -> list[Entity]:
    """Sort by start index and drop every entity that overlaps the one kept before it."""
    kept: list[Entity] = []
    for entity in sorted(entities, key=lambda e: int(e["indices"][0])):
        if kept and kept[-1]["indices"][1] > entity["indices"][0]:
            continue
        kept.append(entity)
    return kept


# --- mentions and lists ---------------------------------------------------------------


def extract_mentions_or_lists_with_indices(text: str) -> list[Entity]:
    """`@name` and `@name/list` references.

    Each result is `{"screen_name", "list_slug", "indices"}`; `list_slug` keeps its
    leading slash and is `""` for a plain mention.
    """
    if not text or ("@" not in text and "\uff20" not in text):
        return []
    found: list[Entity] = []
    for m in rx.VALID_MENTION_OR_LIST.finditer(text):
        if rx.END_MENTION_MATCH.match(text, m.end()):
            continue
        list_slug = m.group(4)
        found.append(
            {
                "screen_name": m.group(3),
                "list_slug": list_slug or "",
                "indices": [m.start(3) - 1, m.end(4) if list_slug else m.end(3)],
            }
        )
    return found


def extract_mentions_with_indices(text: str) -> list[Entity]:
    """`@name` mentions (not lists), each `{"screen_name", "indices"}`."""
    return [
        {"screen_name": e["screen_name"], "indices": e["indices"]}
        for e in extract_mentions_or_lists_with_indices(text)
        if not e["list_slug"]
    ]


def extract_mentions(text: str) -> list[str]:
    """Screen names mentioned in `text`, without the `@`, in order (lists excluded)."""
    return [e["screen_name"] for e in extract_mentions_with_indices(text)]


def extract_reply_screen_name(text: str) -> str | None:
    """The screen name a Tweet replies to: an `@name` at the very start (after spaces)."""
    if not text:
        return None
    m = rx.VALID_REPLY.match(text)
    if m is None or rx.END_MENTION_MATCH.match(text, m.end()):
        return None
    screen_name: str = m.group(1)
    return screen_name


# --- URLs -------------------------------------------------------------------------


def _idna_length(domain: str) -> int | None:
    """Length of `domain` once IDNA-encoded (RFC 3490 ToASCII), None if it is invalid.

    Upstream uses IDN.toASCII (Java), libidn (Ruby) or punycode.js; Python's `idna`
    codec implements the same IDNA 2003 ToASCII, including the 63-octet label limit
    and the dot separators U+3002, U+FF0E, U+FF61.
    """
    try:
        encoded = domain.encode("idna")
    except (UnicodeError, ValueError):
        return None
    return len(encoded) if encoded else None


def _is_valid_domain(url_length: int, domain: str | None, protocol: str | None) -> bool:
    """Host passes ToASCII and the whole URL stays within MAX_URL_LENGTH once encoded."""
    if not domain:
        return False
    encoded_length = _idna_length(domain)
    if encoded_length is None:
        return False
    if encoded_length > len(domain):
        url_length += encoded_length - len(domain)
    if not protocol:
        url_length += URL_PROTOCOL_LENGTH
    return url_length <= MAX_URL_LENGTH


def extract_urls_with_indices(text: str, extract_without_protocol: bool = True) -> list[Entity]:
    """URLs with and (by default) without `http(s)://`, each `{"url", "indices"}`.

    Protocol-less URLs are only the ASCII domains (optionally with a path) found in a
    match, so `日本語example.com` gives `example.com`.
    """
    if not text or ("." not in text if extract_without_protocol else ":" not in text):
        return []
    urls: list[Entity] = []
    for m in iter_url_matches(text):
        url = text[m.url_start : m.end]
        start, end = m.url_start, m.end
        protocol, path = m.protocol, m.path
        domain = text[m.domain_start : m.domain_end]
        if not protocol:
            if not extract_without_protocol or (
                m.before and rx.INVALID_URL_WITHOUT_PROTOCOL_PRECEDING_CHARS.search(m.before)
            ):
                continue
            # Only the ASCII domains of a protocol-less match are URLs.
            last_url: Entity | None = None
            for a_start, a_end in ascii_domain_spans(domain):
                ascii_domain = domain[a_start:a_end]
                if not _is_valid_domain(len(url), ascii_domain, protocol):
                    continue
                last_url = {"url": ascii_domain, "indices": [start + a_start, start + a_end]}
                urls.append(last_url)
            if last_url is None:
                continue
            if path:
                # The last ASCII domain only holds the domain: add the path and query.
                last_url["url"] = url.replace(domain, last_url["url"], 1)
                last_url["indices"][1] = end
        else:
            tco = rx.VALID_TCO_URL.match(url)
            if tco is not None:
                # t.co URLs: no extra path characters, and a slug of at most 40.
                if len(tco.group(1)) > MAX_TCO_SLUG_LENGTH:
                    continue
                url = tco.group(0)
                end = start + len(url)
            if not _is_valid_domain(len(url), domain, protocol):
                continue
            urls.append({"url": url, "indices": [start, end]})
    return urls


def extract_urls(text: str, extract_without_protocol: bool = True) -> list[str]:
    """URLs in `text`, in order."""
    return [u["url"] for u in extract_urls_with_indices(text, extract_without_protocol)]


# --- hashtags ---------------------------------------------------------------------


def extract_hashtags_with_indices(text: str, check_url_overlap: bool = True) -> list[Entity]:
    """`#tag` references, each `{"hashtag", "indices"}` (the `#` excluded from the text).

    A hashtag inside a URL (`http://example.com/#anchor`) is dropped unless
    `check_url_overlap` is false.
    """
    if not text or ("#" not in text and "\uff03" not in text):
        return []
    tags: list[Entity] = []
    for m in rx.VALID_HASHTAG.finditer(text):
        if rx.END_HASHTAG_MATCH.match(text, m.end()):
            continue
        tags.append({"hashtag": m.group(3), "indices": [m.start(2), m.end(3)]})
    if check_url_overlap and tags:
        urls = extract_urls_with_indices(text)
        if urls:
            merged = _remove_overlapping_entities(tags + urls)
            tags = [e for e in merged if "hashtag" in e]
    return tags


def extract_hashtags(text: str) -> list[str]:
    """Hashtags in `text`, without the `#`, in order."""
    return [t["hashtag"] for t in extract_hashtags_with_indices(text)]


# --- cashtags ---------------------------------------------------------------------


def extract_cashtags_with_indices(text: str) -> list[Entity]:
    """`$SYMBOL` references, each `{"cashtag", "indices"}` (the `$` excluded)."""
    if not text or "$" not in text:
        return []
    return [
        {"cashtag": m.group(3), "indices": [m.start(2), m.end(3)]}
        for m in rx.VALID_CASHTAG.finditer(text)
    ]


def extract_cashtags(text: str) -> list[str]:
    """Cashtags in `text`, without the `$`, in order."""
    return [t["cashtag"] for t in extract_cashtags_with_indices(text)]


# --- emoji and everything -------------------------------------------------------------


def extract_emoji_with_indices(text: str) -> list[Entity]:
    """Emoji sequences (each counted as one character by config v3): `{"emoji", "indices"}`."""
    if not text:
        return []
    return [{"emoji": m.group(0), "indices": [m.start(), m.end()]} for m in rx.EMOJI.finditer(text)]


def extract_entities_with_indices(text: str, emoji: bool = False) -> list[Entity]:
    """URLs, hashtags, mentions/lists and cashtags (and emoji) without overlaps, in order."""
    if not text:
        return []
    entities = (
        extract_urls_with_indices(text)
        + extract_hashtags_with_indices(text, check_url_overlap=False)
        + extract_mentions_or_lists_with_indices(text)
        + extract_cashtags_with_indices(text)
    )
    if emoji:
        entities += extract_emoji_with_indices(text)
    return _remove_overlapping_entities(entities)
