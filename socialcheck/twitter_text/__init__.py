# Python port of twitter-text (https://github.com/twitter/twitter-text).
# Copyright 2011-2018 Twitter, Inc.; licensed under the Apache License, Version 2.0
# (http://www.apache.org/licenses/LICENSE-2.0). Changes: see docs/twitter-text.md.
"""twitter-text rules in Python: extract mentions, lists, URLs, hashtags and cashtags,
validate them, and compute the weighted Tweet length.

A port of the reference implementations (Ruby/Java/JS) that passes their conformance
suite (extract, validate, tlds). Not imported by `import socialcheck`; import this
module explicitly (its regexes, with ~1,600 TLDs, compile at import):

    >>> from socialcheck import twitter_text as tt
    >>> tt.extract_mentions("hi @jack and @biz")
    ['jack', 'biz']
    >>> tt.parse_tweet("Hi http://test.co").weighted_length
    26

Indices are code-point offsets (Python `str` offsets), end exclusive; the ranges in
`parse_tweet` results are inclusive UTF-16 code-unit offsets, as upstream. See
docs/twitter-text.md.
"""

from __future__ import annotations

from ._extract import (
    extract_cashtags,
    extract_cashtags_with_indices,
    extract_emoji_with_indices,
    extract_entities_with_indices,
    extract_hashtags,
    extract_hashtags_with_indices,
    extract_mentions,
    extract_mentions_or_lists_with_indices,
    extract_mentions_with_indices,
    extract_reply_screen_name,
    extract_urls,
    extract_urls_with_indices,
)
from ._parse import (
    CONFIG_V1,
    CONFIG_V2,
    CONFIG_V3,
    CONFIGS,
    ParseResults,
    TweetConfig,
    WeightedRange,
    parse_tweet,
)
from ._validate import (
    is_valid_hashtag,
    is_valid_list,
    is_valid_tweet,
    is_valid_url,
    is_valid_username,
)

__all__ = [
    "CONFIGS",
    "CONFIG_V1",
    "CONFIG_V2",
    "CONFIG_V3",
    "ParseResults",
    "TweetConfig",
    "WeightedRange",
    "extract_cashtags",
    "extract_cashtags_with_indices",
    "extract_emoji_with_indices",
    "extract_entities_with_indices",
    "extract_hashtags",
    "extract_hashtags_with_indices",
    "extract_mentions",
    "extract_mentions_or_lists_with_indices",
    "extract_mentions_with_indices",
    "extract_reply_screen_name",
    "extract_urls",
    "extract_urls_with_indices",
    "is_valid_hashtag",
    "is_valid_list",
    "is_valid_tweet",
    "is_valid_url",
    "is_valid_username",
    "parse_tweet",
]
