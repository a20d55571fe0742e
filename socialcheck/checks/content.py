"""Checks on a post's text."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Post
from ..platforms import twitter
from ._base import Check, Context, Hit


class TruncatedBody(Check):
    """A post whose text was cut off (an ellipsis or "Show more" where it ends).

    A quote taken from a truncated copy may drop what changes its meaning; compare
    it with the original post.
    """

    code = "SC301"
    name = "truncated-body"
    severity = "info"
    message = "post text is truncated; compare it with the original post"

    def check_post(self, ctx: Context, index: int, post: Post) -> Iterator[Hit]:
        if post.truncated:
            yield Hit(index, post.body_span or post.span)


class OverLengthBody(Check):
    """An X post whose text is longer than X's 280-character limit, with no truncation mark.

    Paid accounts may post longer texts, but an embed shows at most the first 280
    weighted characters and then "…"; a longer body without it often holds words that
    are not the post's (the reporter's prose taken in), so the body deserves a look.
    Length is weighted by the twitter-text rules (CJK and emoji count double, URLs 23).
    """

    code = "SC303"
    name = "over-length-body"
    severity = "info"
    message = "post text weighs {weight} characters, over X's 280, with no truncation mark"

    def check_post(self, ctx: Context, index: int, post: Post) -> Iterator[Hit]:
        body = post.body
        if post.platform != "twitter" or not body or post.truncated:
            return
        if not twitter.may_exceed_limit(body):
            return
        weight = twitter.weighted_length(body)
        if weight > 280:
            yield Hit(index, post.body_span or post.span, {"weight": weight})


def _collapsed(body: str | None) -> str:
    return " ".join(body.split()) if body else ""


class DuplicatePost(Check):
    """The same post embedded twice.

    Same platform and status id, or same handle (ignoring case) and same non-empty
    text (ignoring whitespace differences). Usually a copy-paste slip. Reported on
    each later copy, pointing at the first.
    """

    code = "SC302"
    name = "duplicate-post"
    severity = "warning"
    message = "duplicate of the post on line {first_line}"

    def find(self, ctx: Context) -> Iterator[Hit]:
        first_by_id: dict[tuple[str, str], int] = {}
        first_by_text: dict[tuple[str, str], int] = {}
        posts = ctx.doc.posts
        for index, post in enumerate(posts):
            id_key = (post.platform, post.status_id) if post.status_id else None
            body = _collapsed(post.body)
            text_key = (post.handle.casefold(), body) if post.handle and body else None
            earlier = [
                table[key]
                for table, key in ((first_by_id, id_key), (first_by_text, text_key))
                if key is not None and key in table
            ]
            if earlier:
                first = posts[min(earlier)]
                yield Hit(index, post.span, {"first_line": ctx.lines.line(first.span[0])})
            if id_key is not None:
                first_by_id.setdefault(id_key, index)
            if text_key is not None:
                first_by_text.setdefault(text_key, index)


CONTENT_CHECKS: tuple[type[Check], ...] = (TruncatedBody, DuplicatePost, OverLengthBody)
