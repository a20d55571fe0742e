"""Moving a post found in a derived text (visible text) onto the original input."""

from __future__ import annotations

import attrs

from ..model import Post, Span
from ..read.offsets import OffsetMap


def mapped_post(post: Post, m: OffsetMap) -> Post:
    def opt(span: Span | None) -> Span | None:
        return None if span is None else m.span(span)

    return attrs.evolve(
        post,
        span=m.span(post.span),
        body_span=opt(post.body_span),
        signature_span=opt(post.signature_span),
        link_spans=tuple(m.span(s) for s in post.link_spans),
    )
