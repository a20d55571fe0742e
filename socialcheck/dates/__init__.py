"""Date parsing for signatures and footers.

One bounded pattern finds date-shaped text ("March 5, 2026", "5 March 2026",
"Mar 5, 2026 at 9:09 AM"); the month word is then looked up in the month tables
of every known language. Adding a language means adding a table to `MONTH_TABLES`;
the pattern does not change. Text that has the shape of a date but an unknown
month word or an impossible day is still returned, with `date=None` and a
`problem`, so that checks can report it instead of the post being dropped.
"""

from __future__ import annotations

import datetime as _dt

import attrs
import regex

from . import english

MONTH_TABLES: tuple[dict[str, int], ...] = (english.MONTHS,)


def month_number(word: str) -> int | None:
    key = word.lower().rstrip(".")
    for table in MONTH_TABLES:
        if key in table:
            return table[key]
    return None


@attrs.frozen
class DateMatch:
    start: int
    end: int
    text: str
    date: _dt.date | None
    problem: str | None = None


_TIME = (
    r"(?:,?[ \t\u00a0]{1,2}(?:at[ \t\u00a0]{1,2})?\d{1,2}:\d{2}(?:[ \t\u00a0]?[AaPp]\.?[Mm]\.?)?)?"
)
_SP = r"[ \t\u00a0]{1,2}"
_YEAR = r"(?P<y>\d{4})(?!\d)"
# Every quantifier is bounded: this runs at many offsets in hostile text.
_DATE = regex.compile(
    r"(?:"
    rf"(?P<m>\p{{L}}{{3,12}})\.?{_SP}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?{_SP}{_YEAR}"
    r"|"
    rf"(?P<d2>\d{{1,2}})\.?{_SP}(?P<m2>\p{{L}}{{3,12}})\.?,?{_SP}(?P<y2>\d{{4}})(?!\d)"
    r")" + _TIME
)


def match_date(text: str, pos: int, *, max_gap: int = 3) -> DateMatch | None:
    """A date starting at `pos`, after at most `max_gap` spaces; else None."""
    start = pos
    limit = min(len(text), pos + max_gap)
    while start < limit and text[start] in " \t\u00a0":
        start += 1
    m = _DATE.match(text, start, min(len(text), start + 64))
    if m is None:
        return None
    month_word = m.group("m") or m.group("m2")
    day = int(m.group("d") or m.group("d2"))
    year = int(m.group("y") or m.group("y2"))
    written = m.group(0)
    month = month_number(month_word)
    if month is None:
        return DateMatch(m.start(), m.end(), written, None, f"unknown month name {month_word!r}")
    try:
        value = _dt.date(year, month, day)
    except ValueError:
        return DateMatch(m.start(), m.end(), written, None, f"impossible date {written!r}")
    return DateMatch(m.start(), m.end(), written, value)


_LOOSE = regex.compile(
    r"\d{4}[年년][^\n()<>]{1,10}?[日일]"
    r"|(?:\p{L}{1,12}\.?,?[ \t\u00a0])?\d[^\n()<>]{0,28}?(?<!\d)(?:19|20)\d{2}(?!\d)"
)


def match_loose_date(text: str, pos: int) -> DateMatch | None:
    """Text that ends in a year soon after `pos`, in a form we cannot read (yet).

    Used only where the rest of a signature is certain, so that a post in an
    unknown language is reported as undated instead of being missed.
    """
    start = pos
    while start < len(text) and start < pos + 3 and text[start] in " \t\u00a0":
        start += 1
    m = _LOOSE.match(text, start, min(len(text), start + 40))
    if m is None:
        return None
    written = m.group(0).strip()
    return DateMatch(m.start(), m.end(), written, None, f"unreadable date {written!r}")


def parse_iso_date(value: str) -> _dt.date:
    """`YYYY-MM-DD`, or an ISO datetime; a time with a zone becomes its UTC date."""
    value = value.strip()
    if len(value) == 10:
        return _dt.date.fromisoformat(value)
    stamp = value.replace("Z", "+00:00").replace("z", "+00:00")
    moment = _dt.datetime.fromisoformat(stamp)
    if moment.tzinfo is not None:
        moment = moment.astimezone(_dt.timezone.utc)
    return moment.date()
