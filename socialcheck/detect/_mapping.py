"""Moving a post found in a derived text (visible text) onto the original input."""

from __future__ import annotations

from typing import Any

import attrs

from ..model import Post, Span
from ..read.offsets import OffsetMap


def mapped_post(post: Post, m: OffsetMap, **changes: Any) -> Post:
    """`post` with its spans moved through `m`, and `changes` made in the same copy."""

    def opt(span: Span | None) -> Span | None:
        return None if span is None else m.span(span)

    fields: dict[str, Any] = {
        "span": m.span(post.span),
        "body_span": opt(post.body_span),
        "signature_span": opt(post.signature_span),
        "link_spans": tuple(m.span(s) for s in post.link_spans),
    }
    fields.update(changes)
    return attrs.evolve(post, **fields)
