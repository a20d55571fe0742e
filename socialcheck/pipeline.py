"""`parse`: read -> detect -> segment, returning one frozen Document."""

from __future__ import annotations

import datetime as _dt

from .dates import parse_iso_date
from .detect import detect_posts
from .model import Document
from .read import find_article_date
from .segment import assemble_prose, build_segments


def _given_date(value: _dt.date | str) -> _dt.date:
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_dt.timezone.utc)
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_iso_date(value)
        except ValueError:
            raise ValueError(
                f"article_date {value!r} is not a date (expected YYYY-MM-DD)"
            ) from None
    raise TypeError(f"article_date must be a date or a string, not {type(value).__name__}")


def parse(
    text: str,
    *,
    article_date: _dt.date | str | None = None,
    source: str | None = None,
) -> Document:
    """Find every embedded post in `text` and split it losslessly from the prose.

    Never touches the network. `article_date` wins over any date found in the text;
    a malformed `article_date` raises ValueError (the text itself never makes this raise).
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes a str, not {type(text).__name__}")
    if article_date is not None:
        date_value: _dt.date | None = _given_date(article_date)
        date_source: str | None = "argument"
    else:
        found = find_article_date(text, source)
        date_value = found.date if found else None
        date_source = found.source if found else None
    posts = detect_posts(text)
    segments = build_segments(text, posts)
    return Document(
        text=text,
        article_date=date_value,
        article_date_source=date_source,
        posts=posts,
        segments=segments,
        prose=assemble_prose(segments),
        source=source,
    )
