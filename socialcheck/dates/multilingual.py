"""Dates that the English pattern cannot read: every language of X's embed widget,
Catalan, and the locales of Facebook's SDK and Instagram's footers.

This module and the generated CLDR tables are imported on the first date that is
not plain English, so `import socialcheck` and English dates do not pay for them.

Shapes read at a position (every quantifier bounded, matched inside a window of
`WINDOW` characters, so one call is O(1) and a scan stays linear):

    [weekday[,] [den]] D[.] [de |d’]month[.][,] [de |del ][พ.ศ. ]YYYY[ г.|р.]
    [weekday[,]] month D[,] YYYY
    YYYY. month D.             (hu)          YYYY month D        (ne, ml)
    YYYY年M月D日  (ja, zh)      YYYY년 M월 D일  (ko)              D tháng M, YYYY  (vi)

each optionally followed by a weekday (tr `9 Ocak 2017 Pazartesi`, hu, ja/zh/ko)
and a time (`à 14:43`, `um 10:31 PDT`, `19:30`, `at 3:55pm PDT`, `午後7:30`).
Digits may be any Unicode decimal digits (Arabic-Indic, Persian, Devanagari,
Bengali, Thai...). A leading or trailing word is taken as a weekday only when the
tables know it as one; a leading non-weekday word means "no date here".

Month words are looked up, case-folded, in the tables of every locale. When a word
names different months in different locales (hr `listopad` = October, cs/pl =
November), the other cues of the written date pick the locale: its digits, the
`de` / `d’` connector, the `г.` / `р.` suffix, the Thai era, the weekday word, a
dot after the day (`12. listopada` is Croatian, `12 listopada` Polish), a dot
after the year. A cue that no candidate satisfies is ignored; when the cues do not
decide, the first locale in `cldr_tables.LOCALES` order wins (English first, then
X's widget languages, then the rest).

Thai: a year above 2400 read in a Thai context (Thai month word, Thai digits or
the era `พ.ศ.`) is a Buddhist-era year and becomes `year - 543`; a year written
after `พ.ศ.` always is.
"""

from __future__ import annotations

import datetime as _dt
import functools
import unicodedata
from collections.abc import Iterable

import attrs
import regex

from .._lazy import lazy_compile
from . import DateMatch, english

WINDOW = 100

_BLANK = "[ \t\u00a0\u202f\u200e\u200f\u061c]"  # spaces, narrow NBSP, bidi marks
_S = _BLANK + "{1,3}"
_S0 = _BLANK + "{0,3}"
# A letter run: letters, combining marks, ZWNJ/ZWJ, Hebrew geresh, Devanagari "॰".
_LET = r"[\p{L}\p{M}\u200c\u200d\u05f3\u05f4\u0970]"
# A month word; inner dots for Thai abbreviations (`มี.ค.`), trailing dot kept.
_MWORD = rf"\p{{L}}{_LET}{{0,19}}(?:\.\p{{L}}{_LET}{{0,5}}){{0,2}}\.?"
_WORD1 = rf"\p{{L}}{_LET}{{0,19}}\.?"
_YEAR = r"(?P<y>\d{4})(?!\d)"
BUDDHIST_ERA = "พ.ศ."  # CLDR's buddhist calendar era; babel ships only the gregorian one
_ERA = r"พ\.[ ]?ศ\.|ค\.[ ]?ศ\."
BUDDHIST_OFFSET = 543

_BODY = lazy_compile(
    # D[.] [de |d’]month[.][,] [de |del ][era ]YYYY[ г.]
    rf"(?P<d>\d{{1,2}})(?P<dd>\.|er|ᵉʳ|º|ª)?{_S}"
    rf"(?:(?P<de>de){_S}|(?P<de>d['’]){_S0})?"
    rf"(?:(?P<m>{_MWORD})|(?P<vm>(?i:tháng|thg)){_S}(?P<mn>\d{{1,2}})(?!\d))"
    rf"[,،]?{_S}(?:(?P<de2>del?){_S})?(?:(?P<era>{_ERA}){_S})?{_YEAR}"
    rf"(?:{_S0}(?P<suf>г\.|р\.|года|року|[гр](?!\p{{L}})))?"
    # month D, YYYY
    rf"|(?P<m>{_MWORD}){_S}(?P<d>\d{{1,2}})(?!\d)(?:st|nd|rd|th|\.)?[,،]?{_S}{_YEAR}"
    # YYYY. month D.
    rf"|(?P<y>\d{{4}})(?P<yd>\.){_S}(?P<m>{_MWORD}){_S}(?P<d>\d{{1,2}})(?!\d)\.?"
    # YYYY month D
    rf"|(?P<y>\d{{4}}){_S}(?P<m>{_MWORD}){_S}(?P<d>\d{{1,2}})(?!\d)"
    # YYYY年M月D日, YYYY년 M월 D일
    rf"|(?P<y>\d{{4}}){_S0}(?P<cjk>年){_S0}(?P<mn>\d{{1,2}}){_S0}月{_S0}"
    rf"(?P<d>\d{{1,2}}){_S0}[日号號]"
    rf"|(?P<y>\d{{4}}){_S0}(?P<cjk>년){_S0}(?P<mn>\d{{1,2}}){_S0}월{_S0}(?P<d>\d{{1,2}}){_S0}일"
)
_LEAD = lazy_compile(rf"(?P<w1>{_WORD1})(?:[ \-](?P<w2>{_WORD1}))?")
_AFTER_LEAD = lazy_compile(rf"[,،]?{_S}(?:den{_S})?")
_TRAIL = lazy_compile(rf"[,،]?{_S}(?P<w1>{_WORD1})(?:[ \-](?P<w2>{_WORD1}))?")
_CJK = r"[\p{Han}\p{Hangul}]"
_TRAIL_CJK = lazy_compile(rf"{_S0}(?:[(（](?P<p>{_CJK}{{1,3}})[)）]|(?P<w>{_CJK}{{1,3}}))")
_CONN = (
    r"at|à|a las|a la|a les|às|as|um|om|alle|all['’]|kl\.?|klo\.?|kello|o|в|о|saat"
    r"|lúc|pukul|jam|pada|la|στις|בשעה|ב-?|في|الساعة|nang|เวลา|u|v|ob|kell|[·•\-–]"
)
_TZ = (
    r"(?:UTC|GMT)(?:[+\-−]\d{1,2}(?::?\d{2})?)?|[ECMP][SD]T|PT|ET|BST|CES?T|EES?T|WES?T"
    r"|MSK|IST|JST|KST|HKT|SGT|AE[SD]T|NZ[SD]T|WIB|ICT|PHT"
)
_TIME = lazy_compile(
    rf"(?:[,،]?{_S}(?:(?P<conn>{_CONN}){_S0})?|{_S0})"
    rf"(?:(?:午前|午後|上午|下午|오전|오후){_S0})?"
    rf"(?P<h>\d{{1,2}})(?P<sep>[:.])(?P<mi>\d{{2}})(?!\d)(?::\d{{2}}(?!\d))?"
    rf"(?:{_S0}(?P<ampm>[AaPp]\.?{_S0}[Mm]\.?|[صم])(?![\p{{L}}\p{{M}}]))?"
    rf"(?:{_S}(?P<tz>{_TZ})(?![\p{{L}}\d]))?"
)


@attrs.frozen
class Tables:
    """Inverted CLDR tables and the cue sets derived from the locales' date patterns."""

    order: tuple[str, ...]
    months: dict[str, tuple[tuple[int, str], ...]]  # word -> ((month, locale), ...)
    weekdays: dict[str, frozenset[str]]  # wide weekday word -> locales
    weekdays_abbreviated: dict[str, frozenset[str]]  # abbreviated-only word -> locales
    digit_locales: dict[str, frozenset[str]]  # native digit -> locales
    day_dot: frozenset[str]  # `d. MMMM`
    year_dot: frozenset[str]  # `... y.`
    de: frozenset[str]  # `'de'` / `'del'` in the pattern
    suffix: dict[str, frozenset[str]]  # `г` / `р` -> locales


def _key(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


@functools.cache
def tables() -> Tables:
    """Load and invert `cldr_tables` (once, on first use)."""
    from . import cldr_tables as t

    order = t.LOCALES
    months: dict[str, list[tuple[int, str]]] = {}
    for word, number in english.MONTHS.items():
        months.setdefault(word, []).append((number, "en"))
    for loc in order:
        for word, number in t.MONTHS[loc].items():
            seen = months.setdefault(word, [])
            if (number, loc) not in seen:
                seen.append((number, loc))
    weekdays: dict[str, set[str]] = {}
    abbreviated: dict[str, set[str]] = {}
    for loc in order:
        for word in t.WEEKDAYS[loc]:
            weekdays.setdefault(word, set()).add(loc)
        for word in t.WEEKDAYS_ABBREVIATED[loc]:
            abbreviated.setdefault(word, set()).add(loc)
    digit_locales: dict[str, set[str]] = {}
    for loc, digits in t.DIGITS.items():
        for ch in digits:
            digit_locales.setdefault(ch, set()).add(loc)

    def where(test: str) -> frozenset[str]:
        return frozenset(
            loc
            for loc in order
            if regex.search(test, t.LONG_DATE_PATTERNS[loc])
            or regex.search(test, t.FULL_DATE_PATTERNS[loc])
        )

    return Tables(
        order=order,
        months={k: tuple(v) for k, v in months.items()},
        weekdays={k: frozenset(v) for k, v in weekdays.items()},
        weekdays_abbreviated={k: frozenset(v) for k, v in abbreviated.items()},
        digit_locales={k: frozenset(v) for k, v in digit_locales.items()},
        day_dot=where(r"(?<![A-Za-z])d{1,2}\."),
        year_dot=where(r"(?<![A-Za-z'])y\.$"),
        de=where(r"'del?'") | {"ca"},
        suffix={"г": where("'г'"), "р": where("'р'")},
    )


def _lookup(
    table: dict[str, tuple[tuple[int, str], ...]], word: str
) -> tuple[tuple[int, str], ...]:
    key = _key(word)
    return table.get(key) or table.get(key.rstrip(".")) or ()


def _weekday_locales(word: str, *, abbreviated: bool = True) -> frozenset[str] | None:
    """Locales where `word` is a weekday name; abbreviations only if `abbreviated`.

    A bare abbreviation is weak evidence (nn `on`, nl `do`, fi `la` are also common
    words), so callers accept one only where the layout vouches for it: a comma
    after a leading weekday, CJK. One-letter Latin abbreviations (et, hu) never count.
    """
    if len(word) < 2 and not regex.match(_CJK, word):
        return None
    key = _key(word)
    tab = tables()
    for k in (key, key.rstrip(".")):
        found = tab.weekdays.get(k)
        if found is None and abbreviated:
            found = tab.weekdays_abbreviated.get(k)
        if found is not None:
            return found
    return None


def month_number(word: str) -> int | None:
    """The month a word names in any known locale (first locale wins)."""
    found = _lookup(tables().months, word)
    return found[0][0] if found else None


def _choose(
    candidates: tuple[tuple[int, str], ...], cues: Iterable[frozenset[str] | None]
) -> tuple[int, str]:
    for cue in cues:
        if cue is None:
            continue
        narrowed = tuple(c for c in candidates if c[1] in cue)
        if narrowed:
            candidates = narrowed
    return candidates[0]


def _int(digits: str) -> int:
    return int(digits)  # int() reads every Unicode decimal digit (Nd)


def _native_digit_cue(written: str) -> frozenset[str] | None:
    digit_locales = tables().digit_locales
    for ch in written:
        if ch in digit_locales:
            return digit_locales[ch]
    return None


def _has_native_digits(written: str) -> bool:
    return any(ch.isdecimal() and not ch.isascii() for ch in written)


def _lead_weekday(text: str, start: int, limit: int) -> tuple[regex.Match[str], str] | None:
    """A weekday at `start` followed by a date body: (body match, weekday word)."""
    lead = _LEAD.match(text, start, limit)
    if lead is None:
        return None
    options = []
    if lead.group("w2") and lead.group("w2").casefold() != "den":
        options.append(lead.end())
    options.append(lead.end("w1"))
    for end in options:
        after = _AFTER_LEAD.match(text, end, limit)
        if after is None:
            continue
        body = _BODY.match(text, after.end(), limit)
        comma = text[end : end + 1] in (",", "،")
        if body is not None and _weekday_locales(text[start:end], abbreviated=comma):
            return body, text[start:end]
    return None


def _trail_weekday(text: str, at: int, limit: int, cjk: bool) -> tuple[int, str] | None:
    """A weekday right after the date: (end, word)."""
    if cjk:
        m = _TRAIL_CJK.match(text, at, limit)
        if m is None:
            return None
        if m.group("p"):
            word = m.group("p")
            return (m.end(), word) if _weekday_locales(word) else None
        word = m.group("w")
        for size in range(len(word), 0, -1):  # `木曜日に` -> `木曜日`
            if _weekday_locales(word[:size]):
                return m.start("w") + size, word[:size]
        return None
    m = _TRAIL.match(text, at, limit)
    if m is None:
        return None
    ends = [m.end()] if m.group("w2") else []
    ends.append(m.end("w1"))
    for end in ends:
        word = text[m.start("w1") : end]
        if _weekday_locales(word, abbreviated=False):
            return end, word
    return None


def _time_end(text: str, at: int, limit: int) -> int:
    m = _TIME.match(text, at, limit)
    if m is None:
        return at
    hour, minute = _int(m.group("h")), _int(m.group("mi"))
    if m.group("sep") == "." and not m.group("conn"):
        return at  # `5 mars 2019 12.50` is a price, not a time
    if hour > 24 or minute > 59 or (m.group("ampm") and not 1 <= hour <= 12):
        return at
    end: int = m.end()
    return end


def match(text: str, start: int) -> DateMatch | None:
    """A date in any known language starting exactly at `start`; else None."""
    limit = min(len(text), start + WINDOW)
    body = _BODY.match(text, start, limit)
    weekday: str | None = None
    if body is None:
        if start >= limit or not text[start].isalpha():
            return None
        found = _lead_weekday(text, start, limit)
        if found is None:
            return None
        body, weekday = found
    cjk = body.group("cjk")
    end = body.end()
    trail = _trail_weekday(text, end, limit, bool(cjk))
    if trail is not None:
        end, trail_word = trail
        weekday = weekday or trail_word
    end = _time_end(text, end, limit)
    written = text[start:end]

    day, year = _int(body.group("d")), _int(body.group("y"))
    locale: str | None = None
    if body.group("mn") is not None:
        month = _int(body.group("mn"))
    else:
        word = body.group("m")
        candidates = _lookup(tables().months, word)
        if not candidates:
            if body.start("y") == body.start() and body.group("yd") is None:
                return None  # `2020 season 12`: too weak a shape without a known month
            problem = f"unknown month name {word.rstrip('.')!r}"
            return DateMatch(start, end, written, None, problem)
        month, locale = _choose(candidates, _cues(text, body, weekday, written))
    era = body.group("era")
    thai = locale == "th" or any("\u0e50" <= ch <= "\u0e59" for ch in written)
    # Buddhist era: written `พ.ศ.`, or a Thai date with a year past 2400.
    buddhist = era.replace(" ", "") == BUDDHIST_ERA if era else thai and year > 2400
    if buddhist:
        year -= BUDDHIST_OFFSET
    try:
        value = _dt.date(year, month, day)
    except ValueError:
        return DateMatch(start, end, written, None, f"impossible date {written!r}")
    return DateMatch(start, end, written, value)


def _cues(
    text: str, body: regex.Match[str], weekday: str | None, written: str
) -> list[frozenset[str] | None]:
    """Locale sets suggested by the written date, strongest first."""
    tab = tables()
    cues: list[frozenset[str] | None] = [_native_digit_cue(written)]
    if body.group("era") is not None:
        cues.append(frozenset({"th"}))
    suffix = body.group("suf")
    if suffix:
        cues.append(tab.suffix["г" if suffix.startswith("г") else "р"])
    connector = body.group("de") or body.group("de2")
    if connector in ("de", "del"):
        cues.append(tab.de)
    elif connector:  # `d’abril`
        cues.append(frozenset({"ca"}))
    if weekday is not None:
        cues.append(_weekday_locales(weekday))
    day_first = body.group("m") is not None and body.start("d") < body.start("m")
    if day_first:
        # A dot after the day is a strong hint (de, cs, hr, fi...), its absence too.
        if body.group("dd") == ".":
            cues.append(tab.day_dot)
        else:
            cues.append(frozenset(tab.order) - tab.day_dot)
        if text[body.end() : body.end() + 1] == ".":
            cues.append(tab.year_dot)  # hr/sr `12. listopada 2020.` (or a full stop)
    return cues
