"""Checks on the links a post carries."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Post
from ._base import Check, Context, Hit

# Only the two shorteners whose token length X fixes; other links are not judged.
_SHORT_LINK = re.compile(
    r"(?:https?://)?(?P<host>pic\.twitter\.com|t\.co)/(?P<token>.*)",
    re.IGNORECASE | re.DOTALL,
)
_TOKEN_RULES: dict[str, tuple[re.Pattern[str], str]] = {
    "pic.twitter.com": (re.compile(r"[A-Za-z0-9]{10}"), "10"),
    "t.co": (re.compile(r"[A-Za-z0-9]{8,10}"), "8-10"),
}


class MalformedLink(Check):
    """A pic.twitter.com or t.co link whose token has the wrong shape.

    X issues pic.twitter.com tokens of exactly 10 letters or digits and t.co tokens
    of 8-10. Any other shape was mistyped, cut off or invented, and will not resolve.
    """

    code = "SC401"
    name = "malformed-link"
    severity = "warning"
    message = "malformed {host} link {link}: expected a token of {expected} letters or digits"

    def check_post(self, ctx: Context, index: int, post: Post) -> Iterator[Hit]:
        for i, link in enumerate(post.links):
            m = _SHORT_LINK.fullmatch(link)
            if m is None:
                continue
            host = m.group("host").lower()
            pattern, expected = _TOKEN_RULES[host]
            if pattern.fullmatch(m.group("token")) is None:
                span = post.link_spans[i] if i < len(post.link_spans) else post.span
                yield Hit(index, span, {"host": host, "link": repr(link), "expected": expected})


LINK_CHECKS: tuple[type[Check], ...] = (MalformedLink,)
