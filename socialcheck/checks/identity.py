"""Checks on who a post claims to be from."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Post
from ._base import Check, Context, Hit, signature_span

# X/Twitter usernames: 1-15 ASCII letters, digits or underscores.
_TWITTER_HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}")


class InvalidHandle(Check):
    """An X/Twitter handle that X would not accept as a username.

    Handles are 1-15 ASCII letters, digits or underscores, without the "@". Anything
    else was mistyped or invented, and the post cannot be traced to an account.
    """

    code = "SC201"
    name = "invalid-handle"
    severity = "error"
    message = "handle {handle} is not a valid X/Twitter username (1-15 of A-Z, a-z, 0-9, _)"

    def check_post(self, ctx: Context, index: int, post: Post) -> Iterator[Hit]:
        if post.platform != "twitter" or post.handle is None:
            return
        if _TWITTER_HANDLE.fullmatch(post.handle) is None:
            yield Hit(index, signature_span(post), {"handle": repr(post.handle)})


IDENTITY_CHECKS: tuple[type[Check], ...] = (InvalidHandle,)
