"""Find post signatures in scraped text: `DASH NAME (@handle) DATE`.

The cheap anchor is `(@`; everything else is matched in a bounded window around
it, so hostile input (`"(@a) " * 200_000`) stays linear.
"""

from __future__ import annotations

import attrs

from .._lazy import lazy_compile
from ..dates import DateMatch, match_date, match_loose_date
from ._claimed import NOTHING, Claimed

# `(@h)`, and `([@h](profile URL))` where a converter kept the handle's link (Bluesky).
_ANCHOR = lazy_compile(r"\([ \t\u00a0]?\[?@")
# Handles as written: X handles, Bluesky domain handles, Markdown-escaped `\_`.
_HANDLE = lazy_compile(r"@(?P<h>[\w.\\-]{1,64}?)(?:\]\([^\s()]{1,300}\))?[ \t\u00a0]?\)")
_STRONG_DASHES = ("\u2014", "\u2013", "\u2015", "&mdash;", "&#8212;", "&#x2014;", "--")
_HYPHEN_DASH = lazy_compile(r"(?:^|(?<=\s))-[ \t\u00a0]")
_WIDE_GAP = lazy_compile(r"[ \t\u00a0]{2,}")
_MD_LINKED_DATE = lazy_compile(r"[ \t\u00a0]{0,3}\[")
# The rest of a Markdown link after its label: `](url)` (shared with footers).
MD_LINK_TAIL = lazy_compile(r"\]\((?P<url>[^\s()]{1,400})\)")
_LINKISH = lazy_compile(r"\S*(?:https?://|www\.|pic\.twitter\.com/|t\.co/)\S*")
# Up to four capitalised words ending the text searched: a name (shared with footers).
CAPITALISED_NAME = lazy_compile(r"(?:\p{Lu}[\p{L}\p{M}'’.\-]{0,20}[ \t\u00a0]?){1,4}\Z")
_PROSE_AFTER = lazy_compile(r",[ \t]\p{Ll}")
_BYLINE = lazy_compile(
    r"(?:By|BY|Posted by|Written by|Reported by|Reporting by|Photos? by|Photo:)[ \t\u00a0]"
)

_NAME_WINDOW = 90
_MAX_NAME = 64


@attrs.frozen
class Signature:
    start: int  # the dash, or the name where there is no dash
    end: int  # end of the date
    handle: str
    display_name: str | None
    dash: str | None
    date: DateMatch
    platform: str
    # The permalink when the date is a Markdown link: `[March 5, 2026](https://…/status/…)`.
    url: str | None = None


def _line_start(text: str, pos: int, floor: int) -> int:
    nl = text.rfind("\n", floor, pos)
    return floor if nl < 0 else nl + 1


# CommonMark's escapable characters: `\_` in a converter's output is a plain `_`.
_MD_ESCAPE = lazy_compile(r"\\([!-/:-@\[-`{-~])")


def _clean_name(raw: str) -> str | None:
    # Any Unicode space (thin, narrow no-break...), invisible marks, Markdown escapes.
    name = raw.strip().strip("\u200b\u200e\u200f\ufeff").strip()
    if "\n" in name:  # wrapped before `(@`: the lines, without their quote markers
        name = " ".join(filter(None, (line.strip(" \t\u00a0>") for line in name.split("\n"))))
    if "\\" in name:
        name = _MD_ESCAPE.sub(r"\1", name)
    return name or None


def _strong_dash(text: str, lo: int, hi: int) -> tuple[int, str, int] | None:
    """(dash start, dash, name start) of the last strong dash in text[lo:hi] whose name
    (the rest up to `hi`) is short enough to be one."""
    window = text[lo:hi]
    best, best_dash = -1, ""
    for dash in _STRONG_DASHES:
        at = window.rfind(dash)
        if at > best:
            best, best_dash = at, dash
    if best < 0 or hi - (lo + best + len(best_dash)) > _MAX_NAME:
        return None
    return lo + best, best_dash, lo + best + len(best_dash)


def _name_and_dash(text: str, anchor: int) -> tuple[int, str | None, int] | None:
    """(signature start, dash, name start) for the name before `anchor`."""
    floor = _line_start(text, anchor, max(0, anchor - _NAME_WINDOW))
    window = text[floor:anchor]
    if not window.strip(" \t\u00a0>") and floor > 0 and text[floor - 1] == "\n":
        # Nothing but quote markers before `(@`: html2text wrapped the line (78 columns),
        # and only a strong dash ending the line before makes it a signature.
        end = floor - 1
        wrapped = _strong_dash(text, _line_start(text, end, max(0, end - _NAME_WINDOW)), end)
        if wrapped is not None:
            return wrapped
    dashed = _strong_dash(text, floor, anchor)
    if dashed is not None:
        return dashed
    tail = window.rstrip(" \t\u00a0")
    for m in _HYPHEN_DASH.finditer(tail):
        if len(tail) - m.end() <= _MAX_NAME:
            return floor + m.start(), "-", floor + m.end()
    # No dash (datasets that strip it): the name follows a wide gap, a link or the line start.
    gaps = list(_WIDE_GAP.finditer(tail))
    if gaps and len(tail) - gaps[-1].end() <= _MAX_NAME:
        start = floor + gaps[-1].end()
        return start, None, start
    links = list(_LINKISH.finditer(tail))
    if links and len(tail) - links[-1].end() <= _MAX_NAME:
        start = floor + links[-1].end()
        while start < anchor and text[start] in " \t\u00a0":
            start += 1
        return start, None, start
    if len(tail) <= _MAX_NAME and (floor == 0 or text[floor - 1] == "\n"):
        return floor, None, floor
    # Last resort: up to four capitalised words before the anchor.
    words = CAPITALISED_NAME.search(tail)
    if words:
        start = floor + words.start()
        return start, None, start
    return None


def find_signatures(text: str, skip: Claimed = NOTHING) -> list[Signature]:
    """Every `NAME (@handle) DATE` signature, in text order. A `(@` inside a `skip`
    span (a markup post that already holds it) is not read, and a signature after it
    starts at that span's end at the earliest."""
    found: list[Signature] = []
    last_end = 0
    for anchor_m in _ANCHOR.finditer(text):
        anchor = anchor_m.start()
        if anchor < last_end:
            continue
        if skip.starts and (held_until := skip.holder_end(anchor)) is not None:
            last_end = held_until
            continue
        hm = _HANDLE.match(text, anchor_m.end() - 1, min(len(text), anchor_m.end() + 380))
        if hm is None:
            continue
        handle = hm.group("h").replace("\\", "")
        if not handle.strip(".-"):
            continue
        date_at = hm.end()
        bracket = _MD_LINKED_DATE.match(text, date_at, date_at + 4)
        if bracket:
            date_at = bracket.end()
        date = match_date(text, date_at)
        if date is None:
            # Cheap test before placing the name: an unread date needs a real dash.
            before = text[max(0, anchor - _NAME_WINDOW) : anchor]
            if "\u2014" not in before and "&mdash;" not in before:
                continue
        placed = _name_and_dash(text, anchor)
        if placed is None:
            continue
        start, dash, name_start = placed
        if date is None:
            # Only a certain signature (a real dash) may carry a date we cannot read.
            if dash in (None, "-", "--"):
                continue
            date = match_loose_date(text, date_at)
            if date is None:
                continue
        end = date.end
        url = None
        if bracket:
            tail = MD_LINK_TAIL.match(text, date.end, date.end + 410)
            if tail is None:
                continue
            end, url = tail.end(), tail.group("url")
        elif start > 0 and text[start - 1] == "[":
            # `[— Name (@h) date](url)`: a converter kept the whole signature as the link.
            tail = MD_LINK_TAIL.match(text, date.end, date.end + 410)
            if tail is not None:
                start, end, url = start - 1, tail.end(), tail.group("url")
        # `*— Name (@h) date*`: Markdown emphasis around the whole signature.
        for marker in ("**", "__", "*", "_"):
            if text.startswith(marker, end) and text.endswith(marker, 0, start):
                start, end = start - len(marker), end + len(marker)
                break
        if start < last_end:
            start = name_start = max(name_start, last_end)
        # Without a dash, "Name (@h) March 5, 2026, said..." is prose, not a signature,
        # and "By Name (@h) March 5, 2026" is an article's byline.
        if dash is None and (
            _PROSE_AFTER.match(text, end, end + 3) or _BYLINE.match(text[name_start:anchor].strip())
        ):
            continue
        platform = "bluesky" if "." in handle.strip(".") else "twitter"
        found.append(
            Signature(
                start=start,
                end=end,
                handle=handle,
                display_name=_clean_name(text[name_start:anchor]),
                dash=dash,
                date=date,
                platform=platform,
                url=url,
            )
        )
        last_end = end
    return found
