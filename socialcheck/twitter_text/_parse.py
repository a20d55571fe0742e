# Ported from twitter-text (https://github.com/twitter/twitter-text),
# js/src/parseTweet.js, java/.../TwitterTextParser.java and config/v1-v3.json.
# Copyright 2011-2018 Twitter, Inc.; licensed under the Apache License, Version 2.0
# (http://www.apache.org/licenses/LICENSE-2.0). Changes: see docs/twitter-text.md.
"""Weighted Tweet length: `parse_tweet` and the v1/v2/v3 configurations."""

from __future__ import annotations

import unicodedata
from typing import Any

import attrs

from ._extract import extract_emoji_with_indices, extract_urls_with_indices
from ._regexes import INVALID_CHARACTERS_SET


@attrs.frozen
class WeightedRange:
    """Code points `start..end` (inclusive) weigh `weight` (in units of 1/scale)."""

    start: int
    end: int
    weight: int


@attrs.frozen
class TweetConfig:
    """A twitter-text weighting configuration (upstream `config/v*.json`)."""

    version: int
    max_weighted_tweet_length: int
    scale: int
    default_weight: int
    transformed_url_length: int
    ranges: tuple[WeightedRange, ...] = ()
    emoji_parsing_enabled: bool = False


# Upstream v2/v3 ranges: Latin to Georgian (U+0000-U+10FF), the spaces U+2000-U+200D,
# hyphens and quotes U+2010-U+201F, primes U+2032-U+2037 weigh 1; everything else 2.
_V2_RANGES = (
    WeightedRange(0, 4351, 100),
    WeightedRange(8192, 8205, 100),
    WeightedRange(8208, 8223, 100),
    WeightedRange(8242, 8247, 100),
)

CONFIG_V1 = TweetConfig(
    version=1,
    max_weighted_tweet_length=140,
    scale=1,
    default_weight=1,
    transformed_url_length=23,
)
CONFIG_V2 = TweetConfig(
    version=2,
    max_weighted_tweet_length=280,
    scale=100,
    default_weight=200,
    transformed_url_length=23,
    ranges=_V2_RANGES,
)
CONFIG_V3 = TweetConfig(
    version=3,
    max_weighted_tweet_length=280,
    scale=100,
    default_weight=200,
    transformed_url_length=23,
    ranges=_V2_RANGES,
    emoji_parsing_enabled=True,
)
CONFIGS: dict[str, TweetConfig] = {"v1": CONFIG_V1, "v2": CONFIG_V2, "v3": CONFIG_V3}


@attrs.frozen
class ParseResults:
    """What `parse_tweet` found. Ranges are inclusive UTF-16 code-unit offsets into the
    text as given (before NFC), as in every upstream implementation."""

    weighted_length: int
    valid: bool
    permillage: int
    display_range_start: int
    display_range_end: int
    valid_range_start: int
    valid_range_end: int

    def to_dict(self) -> dict[str, Any]:
        """Plain mapping with the snake_case field names."""
        return attrs.asdict(self)


def _config(config: str | TweetConfig) -> TweetConfig:
    if isinstance(config, TweetConfig):
        return config
    try:
        return CONFIGS[config]
    except KeyError:
        raise ValueError(f"unknown twitter-text config {config!r}; use v1, v2 or v3") from None


def _utf16_len(text: str) -> int:
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def parse_tweet(text: str, config: str | TweetConfig = "v3") -> ParseResults:
    """Weighted length and validity of `text` as a Tweet, under `config` ("v1", "v2",
    "v3" or a `TweetConfig`).

    The text is NFC-normalised first; every URL counts `transformed_url_length`; with
    emoji parsing (v3) every emoji sequence counts as one default-weight character;
    other code points weigh by range. Invalid characters (U+FFFE, U+FEFF, U+FFFF) make
    the Tweet invalid. The valid range ends at the last code unit that still fits.
    """
    cfg = _config(config)
    normalized = unicodedata.normalize("NFC", text)
    scale = cfg.scale
    max_scaled = cfg.max_weighted_tweet_length * scale
    url_weight = cfg.transformed_url_length * scale

    url_ends = {u["indices"][0]: u["indices"][1] for u in extract_urls_with_indices(normalized)}
    emoji_ends = (
        {e["indices"][0]: e["indices"][1] for e in extract_emoji_with_indices(normalized)}
        if cfg.emoji_parsing_enabled
        else {}
    )

    weighted = 0
    valid = True
    valid_display_index = 0  # UTF-16 offset of the last code unit within the limit
    offset16 = 0
    i = 0
    n = len(normalized)
    while i < n:
        if i in url_ends:
            end = url_ends[i]
            weighted += url_weight
        elif i in emoji_ends:
            end = emoji_ends[i]
            weighted += cfg.default_weight
        else:
            end = i + 1
            cp = ord(normalized[i])
            weight = cfg.default_weight
            for r in cfg.ranges:
                if r.start <= cp <= r.end:
                    weight = r.weight
                    break
            weighted += weight
        offset16 += _utf16_len(normalized[i:end])
        # Upstream tests the last code unit of each counted unit for invalid characters.
        if valid and normalized[end - 1] in INVALID_CHARACTERS_SET:
            valid = False
        if valid and weighted <= max_scaled:
            valid_display_index = offset16 - 1
        i = end

    weighted_length = weighted // scale
    valid = valid and 0 < weighted_length <= cfg.max_weighted_tweet_length
    permillage = weighted_length * 1000 // cfg.max_weighted_tweet_length
    text16 = _utf16_len(text)
    normalization_offset = text16 - offset16
    return ParseResults(
        weighted_length=weighted_length,
        valid=valid,
        permillage=permillage,
        display_range_start=0,
        display_range_end=text16 - 1 if text16 > 0 else 0,
        valid_range_start=0,
        valid_range_end=valid_display_index + normalization_offset,
    )
