"""Where an article's date comes from, in order of trust.

1. the caller's explicit value;
2. a leading `date YYYY-MM-DD` header, on its own line or as the first line's prefix;
3. YAML (`---`) or TOML (`+++`) front matter `date`;
4. HTML `article:published_time` meta or JSON-LD `datePublished`;
5. a `YYYY-MM-DD-` prefix of the source's file name.

A time with a zone becomes its UTC calendar date: X prints UTC dates, so the
article must be compared on the same clock.
"""

from __future__ import annotations

import datetime as _dt
import os

import attrs
import regex

from .._lazy import lazy_compile
from ..dates import parse_iso_date

_HEADER = lazy_compile(r"\A\ufeff?\s{0,8}date[ \t]{1,4}(\d{4}-\d{2}-\d{2})(?!\d)")
_FRONT_YAML = lazy_compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_FRONT_TOML = lazy_compile(r"\A(?:\ufeff)?\+\+\+[ \t]*\r?\n")
# A front matter block closes at a line that is exactly its fence.
_CLOSERS = {
    "---": lazy_compile(r"^---[ \t\r]*$", regex.MULTILINE),
    "+++": lazy_compile(r"^\+\+\+[ \t\r]*$", regex.MULTILINE),
}
_YAML_DATE = lazy_compile(
    r"^(?:date|published|pubDate|publishDate)[ \t]{0,4}:[ \t]{0,4}"
    r"['\"]?([0-9][0-9T:.+\-Z ]{9,34})['\"]?[ \t\r]*$",
    regex.MULTILINE,
)
_TOML_DATE = lazy_compile(
    r"^(?:date|publishDate)[ \t]{0,4}=[ \t]{0,4}['\"]?([0-9][0-9T:.+\-Z ]{9,34})['\"]?[ \t\r]*$",
    regex.MULTILINE,
)
_META = lazy_compile(
    r"<meta\b[^>]{0,400}?(?:property|name)=[\"']article:published_time[\"'][^>]{0,400}?>",
    regex.IGNORECASE,
)
_CONTENT = lazy_compile(r"content=[\"']([^\"']{10,40})[\"']", regex.IGNORECASE)
_JSON_LD = lazy_compile(r"\"datePublished\"[ \t]{0,4}:[ \t]{0,4}\"([^\"]{10,40})\"")
_FILE_PREFIX = lazy_compile(r"\A(\d{4}-\d{2}-\d{2})-")

# Front matter and head metadata sit near the top; never scan a whole large file.
_HEAD_WINDOW = 64 * 1024


@attrs.frozen
class ArticleDate:
    date: _dt.date
    source: str


def _iso(value: str) -> _dt.date | None:
    try:
        return parse_iso_date(value)
    except ValueError:
        return None


def _front_matter_block(head: str) -> tuple[int, int, str] | None:
    """(content start, closing fence end, fence) of leading YAML or TOML front matter."""
    for opener, fence in ((_FRONT_YAML, "---"), (_FRONT_TOML, "+++")):
        m = opener.match(head)
        if m is None:
            continue
        close = _CLOSERS[fence].search(head, m.end())
        if close is not None:
            return m.end(), close.end(), fence
    return None


def _front_matter(head: str) -> ArticleDate | None:
    block = _front_matter_block(head)
    if block is None:
        return None
    start, end, fence = block
    pattern = _YAML_DATE if fence == "---" else _TOML_DATE
    found = pattern.search(head, start, end)
    if found:
        value = _iso(found.group(1))
        if value is not None:
            return ArticleDate(value, "front-matter")
    return None


def _html(head: str) -> ArticleDate | None:
    if "<" not in head:
        return None
    # Cheap literal checks first: these patterns are only worth running where they can match.
    meta = _META.search(head) if "article:published_time" in head else None
    if meta:
        content = _CONTENT.search(meta.group(0))
        if content:
            value = _iso(content.group(1))
            if value is not None:
                return ArticleDate(value, "html-meta")
    ld = _JSON_LD.search(head) if '"datePublished"' in head else None
    if ld:
        value = _iso(ld.group(1))
        if value is not None:
            return ArticleDate(value, "json-ld")
    return None


def find_article_date(text: str, source: str | None = None) -> ArticleDate | None:
    """The article's date found in the text or the source name (not the argument)."""
    head = text[:_HEAD_WINDOW]
    m = _HEADER.match(head)
    if m:
        value = _iso(m.group(1))
        if value is not None:
            return ArticleDate(value, "header")
    found = _front_matter(head) or _html(head)
    if found is not None:
        return found
    if source:
        name = os.path.basename(source)
        fm = _FILE_PREFIX.match(name)
        if fm:
            value = _iso(fm.group(1))
            if value is not None:
                return ArticleDate(value, "filename")
    return None


def header_end(text: str) -> int:
    """Offset just past a leading date header or front matter block (0 if none).

    No post body can reach back into these. A header whose date is impossible is
    not a header (the reader does not take its date either).
    """
    head = text[:_HEAD_WINDOW]
    m = _HEADER.match(head)
    if m and _iso(m.group(1)) is not None:
        return int(m.end(1))
    block = _front_matter_block(head)
    return block[1] if block else 0
