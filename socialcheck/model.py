"""Frozen value classes shared by every stage: Post, Segment, Document, Finding.

Offsets are always into the original input text; decoded or cleaned text lives
in fields only.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Literal

import attrs

Span = tuple[int, int]
SegmentKind = Literal["prose", "post"]
Severity = Literal["error", "warning", "info"]

SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


def _span_ok(_inst: object, attribute: attrs.Attribute[Any], value: Span | None) -> None:
    if value is None:
        return
    start, end = value
    if not (0 <= start <= end):
        raise ValueError(f"{attribute.name}: bad span {value!r}")


def _unit_interval(_inst: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be within 0..1, got {value!r}")


_PLAIN = (str, int, float, type(None))
_PLAIN_TYPES = frozenset({*_PLAIN, bool})  # exact types, for the fast path


def _jsonable(value: Any) -> Any:
    if type(value) in _PLAIN_TYPES or isinstance(value, _PLAIN):  # most fields: cheapest first
        return value
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        # Spans, links and evidence: tuples of plain values, copied without recursion.
        return [v if type(v) in _PLAIN_TYPES else _jsonable(v) for v in value]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value


class ToDict:
    """Mixin for attrs value classes: `to_dict()` for JSON."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready mapping (dates as ISO strings, tuples as lists)."""
        return {name: _jsonable(getattr(self, name)) for name in _field_names(type(self))}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:  # once per class: attrs.fields() is slow to call per object
        names = _FIELD_NAMES[cls] = tuple(a.name for a in attrs.fields(cls))
    return names


@attrs.frozen
class Post(ToDict):
    """One embedded post as found in the text."""

    platform: str
    span: Span = attrs.field(validator=_span_ok)
    handle: str | None = None
    display_name: str | None = None
    date: _dt.date | None = None
    date_text: str | None = None
    # Why a written date gave no `date` ("impossible date", "unknown month"...).
    date_problem: str | None = None
    body: str | None = None
    links: tuple[str, ...] = ()
    status_id: str | None = None
    url: str | None = None
    truncated: bool = False
    body_span: Span | None = attrs.field(default=None, validator=_span_ok)
    signature_span: Span | None = attrs.field(default=None, validator=_span_ok)
    # Offsets of each link in `links`, in the same order.
    link_spans: tuple[Span, ...] = ()
    confidence: float = attrs.field(default=1.0, validator=_unit_interval)
    evidence: tuple[str, ...] = ()
    # Which detector produced the post ("scraped-signature", ...).
    form: str = "scraped-signature"

    @property
    def entities(self) -> tuple[dict[str, Any], ...]:
        """Mentions, hashtags, cashtags and URLs of the body, by the twitter-text rules.

        Indices are offsets into `body`. Computed on access (the rules load lazily).
        """
        if not self.body:
            return ()
        from .twitter_text import extract_entities_with_indices

        return tuple(extract_entities_with_indices(self.body))


@attrs.frozen
class Segment(ToDict):
    """A run of the input that is either reporter prose or one post."""

    kind: SegmentKind
    start: int
    end: int
    text: str
    post_index: int | None = None


@attrs.frozen
class Document(ToDict):
    """The result of `parse`: the input, its posts and its lossless segmentation."""

    text: str
    article_date: _dt.date | None
    article_date_source: str | None
    posts: tuple[Post, ...]
    segments: tuple[Segment, ...]
    prose: str
    source: str | None = None
    input_kind: str = "text"


@attrs.frozen
class Finding(ToDict):
    """One problem a checker found, located in the original text."""

    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    line: int
    column: int
    post_index: int | None = None
