"""The read stage's product: the input with its kind, the text detectors scan, and masks."""

from __future__ import annotations

import attrs

from .._literals import Haystack, Literals
from .article_date import header_end
from .html import Token, tokenize, visible_text
from .kinds import normalise_kind, sniff_kind
from .markdown import masked_spans
from .offsets import OffsetMap

Span = tuple[int, int]

# Markup worth tokenizing inside Markdown or plain text: raw embed HTML.
_EMBED_MARKUP = Literals("<blockquote", "<iframe", "<div", "<script", "<figure", "<Tweet", "<amp-")


@attrs.frozen
class Source:
    text: str  # the original input; every offset points into it
    kind: str  # "text" | "html" | "markdown"
    scan_text: str  # what text detectors read (HTML: the visible text)
    scan_map: OffsetMap | None  # scan_text offsets -> text offsets (None: the same)
    tokens: tuple[Token, ...]  # HTML tokens, where the input has markup
    markup_masked: tuple[Span, ...]  # HTML code, pre and comments
    floor: int  # offset of `text` after a date header or front matter
    scan_floor: int  # the same in scan_text
    hay: Haystack  # `text`, encoded once for the detectors' literal searches

    def masked(self) -> tuple[Span, ...]:
        """Spans of `text` where nothing is a post (code, comments). Markdown's are found
        only when asked: most text has no post that they could drop."""
        return masked_spans(self.text, self.hay) if self.kind == "markdown" else self.markup_masked


def read_source(text: str, kind: str | None = None, source: str | None = None) -> Source:
    chosen = normalise_kind(kind) if kind else sniff_kind(text, source)
    floor = header_end(text)
    hay = Haystack.of(text)
    if chosen == "html":
        tokens = tokenize(text)
        visible = visible_text(text, tokens)
        # The header is plain text before the markup: skip its visible copy too.
        scan_floor = visible.map.derived(floor) if floor else 0
        return Source(
            text, chosen, visible.text, visible.map, tokens, visible.masked, floor, scan_floor, hay
        )
    tokens = tokenize(text) if hay.has_any(_EMBED_MARKUP) else ()
    return Source(text, chosen, text, None, tokens, (), floor, floor, hay)
