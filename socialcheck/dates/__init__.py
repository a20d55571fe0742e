"""Date parsing for signatures and footers.

English first, unchanged and cheap: one bounded pattern finds date-shaped text
("March 5, 2026", "5 March 2026", "Mar 5, 2026 at 9:09 AM") and the month word is
looked up in `MONTH_TABLES` (English). Only when that fails does `match_date` hand
over to `multilingual`, which reads the date forms of every X widget language,
Catalan and the Facebook/Instagram locales with month and weekday names generated
from CLDR (`cldr_tables`, see scripts/gen_month_tables.py and docs/dates.md). That
module and its tables are imported on first use, so `import socialcheck` and
English dates do not pay for them.

Text that has the shape of a date but an unknown month word or an impossible day is
still returned, with `date=None` and a `problem` ("unknown month name ...",
"impossible date ..."), so that checks can report it instead of the post being
dropped.
"""

from __future__ import annotations

import datetime as _dt

import attrs

from .._lazy import lazy_compile
from . import english

MONTH_TABLES: tuple[dict[str, int], ...] = (english.MONTHS,)


def _english_month(word: str) -> int | None:
    key = word.lower().rstrip(".")
    for table in MONTH_TABLES:
        if key in table:
            return table[key]
    return None


def month_number(word: str) -> int | None:
    """The month a word names: English first, then any CLDR locale (first wins)."""
    found = _english_month(word)
    if found is not None:
        return found
    from . import multilingual

    return multilingual.month_number(word)


@attrs.frozen
class DateMatch:
    start: int
    end: int
    text: str
    date: _dt.date | None
    problem: str | None = None


# The time after an English date. Besides `at 9:09 AM` it takes the narrow NBSP
# that browsers print before AM (`9:09\u202fAM`) and a zone after the time
# (Instagram's `at 3:55pm PDT`, `GMT+1`); both only extend a match that already has
# a time, and cost nothing measurable when absent.
_TIME = (
    r"(?:,?[ \t\u00a0]{1,2}(?:at[ \t\u00a0]{1,2})?\d{1,2}:\d{2}"
    r"(?:[ \t\u00a0\u202f]?[AaPp]\.?[Mm]\.?)?"
    r"(?:[ \t\u00a0](?:[A-Z]{1,3}T|UTC)(?:[+\-\u2212]\d{1,2}(?::?\d{2})?)?(?![\p{L}\d]))?)?"
)
# Between a date's words: a space or two, or a line wrap (html2text wraps at 78 columns,
# inside a Markdown quote too: `[March 3,\n> 2026](…)`).
_SP = r"(?:[ \t\u00a0]{1,2}|[ \t\u00a0]?\r?\n[ \t]{0,3}(?:>[ \t]{0,2}){0,3})"
_YEAR = r"(?P<y>\d{4})(?!\d)"
# Every quantifier is bounded: this runs at many offsets in hostile text.
_DATE = lazy_compile(
    r"(?:"
    rf"(?P<m>\p{{L}}{{3,12}})\.?{_SP}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?{_SP}{_YEAR}"
    r"|"
    rf"(?P<d2>\d{{1,2}})\.?{_SP}(?P<m2>\p{{L}}{{3,12}})\.?,?{_SP}(?P<y2>\d{{4}})(?!\d)"
    r")" + _TIME
)


# Every non-English form has a digit within this many characters of its start
# (leading weekday + month word of a month-first date); checked before handing over.
_DIGIT = lazy_compile(r"\d")
_DIGIT_REACH = 48


def match_date(text: str, pos: int, *, max_gap: int = 3) -> DateMatch | None:
    """A date starting at `pos`, after at most `max_gap` spaces; else None.

    English is tried first, exactly as before; any other language (or an English
    date with a leading weekday) goes through `multilingual.match`.
    """
    start = pos
    limit = min(len(text), pos + max_gap)
    while start < limit and text[start] in " \t\u00a0":
        start += 1
    m = _DATE.match(text, start, min(len(text), start + 64))
    if m is not None:
        month_word = m.group("m") or m.group("m2")
        month = _english_month(month_word)
        if month is not None:
            day = int(m.group("d") or m.group("d2"))
            year = int(m.group("y") or m.group("y2"))
            written = m.group(0)
            try:
                value = _dt.date(year, month, day)
            except ValueError:
                return DateMatch(m.start(), m.end(), written, None, f"impossible date {written!r}")
            return DateMatch(m.start(), m.end(), written, value)
    elif (
        not text[start : start + 1].isalnum()
        or _DIGIT.search(text, start, min(len(text), start + _DIGIT_REACH)) is None
    ):
        return None  # prose after the handle: no date in any language starts here
    from . import multilingual

    other = multilingual.match(text, start)
    if m is None:
        return other
    month_word = m.group("m") or m.group("m2")
    unknown = DateMatch(m.start(), m.end(), m.group(0), None, f"unknown month name {month_word!r}")
    if other is not None and (
        other.date is not None
        or other.end > unknown.end
        or (other.problem or "").startswith("impossible date")
    ):
        return other
    return unknown


_LOOSE = lazy_compile(
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


# ISO 8601 / RFC 3339 date-times as front matter, <time> elements and APIs write them:
# `T` or a space, optional seconds and fraction (any length), `Z`, `+HH:MM`, `+HHMM` or
# `+HH`, with or without a space before the zone (Jekyll: `2026-03-01 18:00:00 +0000`).
_ISO_STAMP = lazy_compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:[Tt ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<f>\d{1,9}))?)?"
    r"(?:[ \t]?(?:(?P<z>[Zz])|(?P<sign>[+-])(?P<oh>\d{2})(?::?(?P<om>\d{2}))?))?)?"
)


def parse_iso_datetime(value: str) -> _dt.datetime:
    """An ISO 8601 date or date-time, aware when it names a zone; ValueError otherwise.

    `datetime.fromisoformat` first (it is fast, and reads more on newer Pythons); what
    it refuses, the shapes above read the same on every Python >= 3.10 (3.10's takes
    only `+HH:MM` zones and 3- or 6-digit fractions).
    """
    text = value.strip()
    try:
        return _dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    m = _ISO_STAMP.fullmatch(text)
    if m is None:
        raise ValueError(f"not an ISO 8601 date or date-time: {value!r}")
    date = _dt.date(int(m["y"]), int(m["mo"]), int(m["d"]))
    if m["h"] is None:
        return _dt.datetime.combine(date, _dt.time())
    zone: _dt.tzinfo | None = None
    if m["z"]:
        zone = _dt.timezone.utc
    elif m["sign"]:
        offset = _dt.timedelta(hours=int(m["oh"]), minutes=int(m["om"] or 0))
        zone = _dt.timezone(-offset if m["sign"] == "-" else offset)
    micro = int((m["f"] or "").ljust(6, "0")[:6])
    clock = _dt.time(int(m["h"]), int(m["mi"]), int(m["s"] or 0), micro, tzinfo=zone)
    return _dt.datetime.combine(date, clock)


def parse_iso_date(value: str) -> _dt.date:
    """`YYYY-MM-DD`, or an ISO date-time; a time with a zone becomes its UTC date."""
    moment = parse_iso_datetime(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(_dt.timezone.utc)
    return moment.date()
