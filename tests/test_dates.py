"""Dates in every language X's embed widget prints, plus Catalan, Facebook and Instagram.

Unit tests of `socialcheck.dates.match_date` for each written form, then one
invented article per language (fixtures/dates/) through `socialcheck.parse()`.
See docs/dates.md.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

import socialcheck
from socialcheck.dates import (
    DateMatch,
    match_date,
    month_number,
    parse_iso_date,
    parse_iso_datetime,
)

ROOT = Path(__file__).resolve().parents[1]
DATE_FIXTURES = ROOT / "fixtures" / "dates"
X_WIDGET_LANGUAGES = [
    "en",
    "ar",
    "bn",
    "cs",
    "da",
    "de",
    "el",
    "es",
    "fa",
    "fi",
    "fil",
    "fr",
    "he",
    "hi",
    "hu",
    "id",
    "it",
    "ja",
    "ko",
    "msa",
    "nl",
    "no",
    "pl",
    "pt",
    "ro",
    "ru",
    "sv",
    "th",
    "tr",
    "uk",
    "ur",
    "vi",
    "zh-cn",
    "zh-tw",
]


def read(written: str, *, before: str = "(@handle) ", after: str = " and more") -> DateMatch:
    """match_date right after a signature's `(@handle)`, as the detector calls it."""
    text = before + written + after
    found = match_date(text, len(before))
    assert found is not None, f"no date read in {written!r}"
    assert found.text == text[found.start : found.end]
    return found


def iso(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


# (written date, ISO date). Every match must cover exactly the written text.
FORMS = [
    # English fast path, unchanged
    ("June 19, 2019", "2019-06-19"),
    ("5 March 2026", "2026-03-05"),
    ("Mar 5, 2026 at 9:09 AM", "2026-03-05"),
    ("Sept. 12, 2016", "2016-09-12"),
    # D de month de YYYY (es, pt, ca); ca `d’abril`, CLDR's `del`
    ("23 de enero de 2013", "2013-01-23"),
    ("1 de agosto de 2019", "2019-08-01"),
    ("10 de março de 2020", "2020-03-10"),
    ("1 de maig de 2018", "2018-05-01"),
    ("12 d’abril de 2018", "2018-04-12"),
    ("12 d'octubre de 2018", "2018-10-12"),
    ("3 de juny del 2019", "2019-06-03"),
    # D. Month YYYY (de, da, no, cs, fi)
    ("11. März 2019", "2019-03-11"),
    ("23. Okt. 2017", "2017-10-23"),
    ("23. Okt 2017", "2017-10-23"),
    ("4. maj 2019", "2019-05-04"),
    ("17. mai 2018", "2018-05-17"),
    ("17. listopadu 2020", "2020-11-17"),
    ("5. lokakuuta 2020", "2020-10-05"),
    ("12. maaliskuuta 2020", "2020-03-12"),
    # D month YYYY (fr it nl pl tr ru id ms ro sv el he)
    ("13 mars 2019", "2019-03-13"),
    ("7 ottobre 2017", "2017-10-07"),
    ("12 januari 2017", "2017-01-12"),
    ("8 marca 2018", "2018-03-08"),
    ("3 stycznia 2016", "2016-01-03"),
    ("21 Eylül 2016", "2016-09-21"),
    ("1 Mayıs 2018", "2018-05-01"),
    ("17 Agustus 2021", "2021-08-17"),
    ("31 Ogos 2020", "2020-08-31"),
    ("1 decembrie 2019", "2019-12-01"),
    ("6 juni 2020", "2020-06-06"),
    ("25 Φεβρουαρίου 2021", "2021-02-25"),
    ("18 במאי 2021", "2021-05-18"),
    ("30 सितंबर 2020", "2020-09-30"),
    ("9 نومبر، 2021", "2021-11-09"),
    # Month D, YYYY outside English (fil)
    ("Disyembre 24, 2019", "2019-12-24"),
    # ru / uk / be / bg suffix, part of the match
    ("2 марта 2018 г.", "2018-03-02"),
    ("11 декабря 2016 г.", "2016-12-11"),
    ("24 серпня 2022 р.", "2022-08-24"),
    ("12 сакавіка 2020 г.", "2020-03-12"),
    ("3 март 2021 г.", "2021-03-03"),
    # CJK and Korean numerals
    ("2018年6月6日", "2018-06-06"),
    ("2017年12月28日", "2017-12-28"),
    ("2018년 4월 13일", "2018-04-13"),
    ("2025年2月11日 19:30", "2025-02-11"),
    # hu, vi
    ("2019. október 23.", "2019-10-23"),
    ("2020. márc. 12.", "2020-03-12"),
    ("2 tháng 9, 2020", "2020-09-02"),
    ("12 thg 3, 2020", "2020-03-12"),
    # native digits
    ("٢٥ مارس ٢٠٢٠", "2020-03-25"),
    ("۹ ژوئیه ۲۰۲۲", "2022-07-09"),
    ("১৫ আগস্ট, ২০২১", "2021-08-15"),
    ("३० सितंबर २०२०", "2020-09-30"),
    # Thai, Buddhist era
    ("12 มีนาคม พ.ศ. 2563", "2020-03-12"),
    ("12 มีนาคม 2563", "2020-03-12"),
    ("12 มี.ค. 2563", "2020-03-12"),
    ("๑๒ มีนาคม ๒๕๖๓", "2020-03-12"),
    ("12 มีนาคม ค.ศ. 2020", "2020-03-12"),
    ("12 มีนาคม 2020", "2020-03-12"),
    # leading weekday (Facebook)
    ("Monday, September 12, 2016", "2016-09-12"),
    ("Monday, 26 October 2020", "2020-10-26"),
    ("Jueves, 12 de noviembre de 2020", "2020-11-12"),
    ("Вторник, 17 марта 2020 г.", "2020-03-17"),
    ("torsdag den 4. maj 2019", "2019-05-04"),
    ("maanantai 5. lokakuuta 2020", "2020-10-05"),
    ("segunda-feira, 12 de março de 2020", "2020-03-12"),
    ("יום שלישי, 18 במאי 2021", "2021-05-18"),
    ("Thứ Tư, 2 tháng 9, 2020", "2020-09-02"),
    ("วันพฤหัสบดีที่ 12 มีนาคม พ.ศ. 2563", "2020-03-12"),
    ("Pzt, 9 Ocak 2017", "2017-01-09"),
    # trailing weekday
    ("9 Ocak 2017 Pazartesi", "2017-01-09"),
    ("2019. október 23., szerda", "2019-10-23"),
    ("2019年10月10日 星期四", "2019-10-10"),
    ("2020年3月12日木曜日", "2020-03-12"),
    ("2020年3月12日(木)", "2020-03-12"),
    ("2018년 4월 13일 금요일", "2018-04-13"),
    # times: Bluesky, Instagram
    ("November 4, 2024 at 9:09 AM", "2024-11-04"),
    ("November 4, 2024 at 9:09\u202fAM", "2024-11-04"),
    ("Sep 3, 2018 at 3:55pm PDT", "2018-09-03"),
    ("20 novembre 2024 à 14:43", "2024-11-20"),
    ("23. Okt 2017 um 10:31 PDT", "2017-10-23"),
    ("12 de marzo de 2020 a las 14:30", "2020-03-12"),
    ("5. lokakuuta 2020 klo 14.43", "2020-10-05"),
    ("2025年2月11日 午後7:30", "2025-02-11"),
]


@pytest.mark.parametrize(("written", "expected"), FORMS, ids=[f[0] for f in FORMS])
def test_form(written: str, expected: str) -> None:
    found = read(written)
    assert found.problem is None
    assert found.date == iso(expected)
    assert found.text == written


def test_date_glued_to_the_next_sentence_keeps_its_own_end() -> None:
    found = read("2 марта 2018 г.", after="Власти заявили…")
    assert found.text == "2 марта 2018 г."
    assert read("13 mars 2019", after="La mairie").text == "13 mars 2019"


def test_time_needs_a_time() -> None:
    # `12.50` without a connector is a price, not a time; `PDT` only follows a time.
    assert read("13 mars 2019", after=" 12.50 euros").text == "13 mars 2019"
    assert read("June 19, 2019", after=" PDT").text == "June 19, 2019"


def test_max_gap_is_respected() -> None:
    text = "(@h)   12 de marzo de 2020"
    found = match_date(text, 4)
    assert found is not None and found.start == 7
    assert match_date("(@h)      12 de marzo de 2020", 4) is None


IMPOSSIBLE = [
    "30 de febrero de 2026",
    "30. Februar 2026",
    "31 апреля 2020 г.",
    "31 listopada 2020",
    "2026年2月30日",
    "2026년 13월 1일",
    "31 มิถุนายน พ.ศ. 2563",
    "٣١ أبريل ٢٠٢٠",
    "2019. február 30.",
    "31 tháng 4, 2020",
    "Jueves, 31 de junio de 2020",
    "February 30, 2026",
]


@pytest.mark.parametrize("written", IMPOSSIBLE)
def test_impossible_dates(written: str) -> None:
    found = read(written)
    assert found.date is None
    assert found.problem is not None and found.problem.startswith("impossible date")
    assert found.text == written


@pytest.mark.parametrize(
    ("written", "word"),
    [("12 de brumario de 2020", "brumario"), ("5 Foo 2026", "Foo"), ("12. Blah 2020", "Blah")],
)
def test_unknown_month_names(written: str, word: str) -> None:
    found = read(written)
    assert found.date is None
    assert found.problem == f"unknown month name {word!r}"


@pytest.mark.parametrize(
    "prose",
    [
        "said on Monday that",
        "wrote: we will",
        "on Mar 5, 2018 at 10:31am PST",  # the connector belongs to the detector
        "do 12 maart 2020",  # nl `do` (Thursday) is too weak without a comma
        "P, 12. märts 2020",  # one-letter abbreviations never count
        "2020 season 12 was",
        "https://t.co/abc 2020",
        "",
    ],
)
def test_no_date(prose: str) -> None:
    assert match_date("(@handle) " + prose, 10) is None


def test_word_with_two_meanings_follows_the_other_cues() -> None:
    # hr `listopad` is October, pl/cs November; the day's dot and the year's dot
    # are Croatian, their absence Polish; without cues the first locale (cs) wins.
    assert read("12 listopada 2020").date == iso("2020-11-12")
    assert read("12. listopada 2020.", after=" i").date == iso("2020-10-12")
    assert month_number("listopad") == 11


def test_month_number() -> None:
    assert month_number("March") == 3
    assert month_number("März") == 3
    assert month_number("МАРТА") == 3
    assert month_number("okt.") == 10
    assert month_number("brumaire") is None


def test_match_is_local() -> None:
    """A match never depends on text past its window: the scan stays linear."""
    hostile = "(@a) " + "12 de " * 5_000 + "marzo de 2020"
    for pos in range(0, 600, 7):
        full = match_date(hostile, pos)
        cut = match_date(hostile[: pos + 120], pos)
        assert full == cut


def test_tables_are_generated_and_complete() -> None:
    from socialcheck.dates import cldr_tables

    assert cldr_tables.BABEL_VERSION and cldr_tables.CLDR_VERSION
    assert set(cldr_tables.X_WIDGET_LOCALES) == set(X_WIDGET_LANGUAGES)
    for locale in (*cldr_tables.X_WIDGET_LOCALES.values(), "ca"):
        assert locale in cldr_tables.LOCALES
        assert cldr_tables.LONG_DATE_PATTERNS[locale]
        if locale not in ("ja", "ko", "vi", "zh_Hans", "zh_Hant"):  # numeric months
            assert len(set(cldr_tables.MONTHS[locale].values())) == 12, locale
        assert len(set(cldr_tables.WEEKDAYS[locale].values())) == 7, locale
    for table in (cldr_tables.MONTHS, cldr_tables.WEEKDAYS):
        for words in table.values():
            assert all(word == word.casefold() for word in words)
    text = (ROOT / "socialcheck" / "dates" / "cldr_tables.py").read_text(encoding="utf-8")
    assert "GENERATED FILE" in text and "scripts/gen_month_tables.py" in text


def test_tables_are_up_to_date() -> None:
    pytest.importorskip("babel")
    script = ROOT / "scripts" / "gen_month_tables.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()


def test_every_locale_reads_its_own_long_and_full_dates() -> None:
    """What CLDR prints for each generated locale, every month, reads back."""
    babel_dates = pytest.importorskip("babel.dates")
    from socialcheck.dates import cldr_tables

    failures = []
    for locale in cldr_tables.LOCALES:
        for month in range(1, 13):
            day = dt.date(2021, month, 28 if month == 2 else 27)
            for width in ("long", "full"):
                if (locale, width) == ("te", "full"):
                    continue  # `27, నవంబర్ 2020, శుక్రవారం`: day, month - not read (docs)
                written = babel_dates.format_date(day, width, locale=locale)
                if locale in ("hr", "sr", "sr_Latn"):
                    written = written.removesuffix(".")  # year dot: not part of the match
                found = match_date(f"(@h) {written} x", 5)
                if found is None or found.date != day or found.text != written:
                    failures.append((locale, written, found))
    assert not failures, failures[:10]


def test_import_does_not_load_babel_or_the_tables() -> None:
    code = (
        "import sys, socialcheck\n"
        "from socialcheck.dates import match_date\n"
        "def loaded(prefixes):\n"
        "    return [m for m, v in sys.modules.items() if v and m.startswith(prefixes)]\n"
        "assert match_date('(@h) June 19, 2019', 4).date is not None\n"
        "assert match_date('(@h) said on Monday', 4) is None\n"
        "bad = loaded(('babel', 'socialcheck.dates.cldr', 'socialcheck.dates.multi'))\n"
        "assert not bad, bad\n"
        "match_date('(@h) 11. März 2019', 4)\n"
        "assert 'socialcheck.dates.cldr_tables' in sys.modules\n"
        "assert not loaded(('babel',)), loaded(('babel',))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr.decode()


# --- one invented article per language, through the whole pipeline -------------------

EXPECTED = json.loads((DATE_FIXTURES / "expected.json").read_text(encoding="utf-8"))


def test_every_language_has_a_fixture() -> None:
    names = {name.removesuffix(".txt") for name in EXPECTED}
    assert names == {*X_WIDGET_LANGUAGES, "ca"}
    assert {p.name for p in DATE_FIXTURES.glob("*.txt")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_post_date(name: str) -> None:
    text = (DATE_FIXTURES / name).read_text(encoding="utf-8")
    doc = socialcheck.parse(text)
    assert len(doc.posts) == 1, [p.handle for p in doc.posts]
    post = doc.posts[0]
    assert post.date_problem is None, post.date_problem
    assert post.date == iso(EXPECTED[name])
    assert post.date_text is not None and post.date_text in text


_UTC = dt.timezone.utc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01", dt.datetime(2026, 3, 1)),
        ("2026-03-01T18:00", dt.datetime(2026, 3, 1, 18, 0)),
        ("2026-03-01 18:00:00", dt.datetime(2026, 3, 1, 18, 0)),
        ("2026-03-01T18:00:00Z", dt.datetime(2026, 3, 1, 18, 0, tzinfo=_UTC)),
        ("2026-03-01t18:00:00z", dt.datetime(2026, 3, 1, 18, 0, tzinfo=_UTC)),
        # Jekyll front matter: a space before a zone without a colon.
        ("2026-03-01 18:00:00 +0000", dt.datetime(2026, 3, 1, 18, 0, tzinfo=_UTC)),
        (
            "2026-03-01T23:30:00-05:00",
            dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.timezone(-dt.timedelta(hours=5))),
        ),
        (
            "2026-03-01T18:00:00+05",
            dt.datetime(2026, 3, 1, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=5))),
        ),
        # Fractions of any length: one digit (an API's), nine (nanoseconds, cut to micro).
        ("2025-03-27T15:58:09.6Z", dt.datetime(2025, 3, 27, 15, 58, 9, 600000, tzinfo=_UTC)),
        (
            "2024-11-04T14:09:48.819123456Z",
            dt.datetime(2024, 11, 4, 14, 9, 48, 819123, tzinfo=_UTC),
        ),
        (
            "  2026-03-01T18:00:00,5+01:30 ",
            dt.datetime(
                2026, 3, 1, 18, 0, 0, 500000, tzinfo=dt.timezone(dt.timedelta(hours=1, minutes=30))
            ),
        ),
    ],
)
def test_iso_date_times_read_alike_on_every_python(text: str, expected: dt.datetime) -> None:
    got = parse_iso_datetime(text)
    assert got == expected and got.tzinfo == expected.tzinfo


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01 18:00:00 +0000", dt.date(2026, 3, 1)),
        ("2026-03-01T23:30:00-05:00", dt.date(2026, 3, 2)),  # its UTC date
        ("2026-03-01T23:30:00", dt.date(2026, 3, 1)),  # no zone: as written
    ],
)
def test_iso_dates(text: str, expected: dt.date) -> None:
    assert parse_iso_date(text) == expected


@pytest.mark.parametrize(
    "text", ["2026-02-30", "2026-03-01T25:00", "2026-03-01T18:00+24:00", "March 1, 2026", ""]
)
def test_impossible_iso_stamps_raise(text: str) -> None:
    with pytest.raises(ValueError):
        parse_iso_datetime(text)
