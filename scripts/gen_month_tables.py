#!/usr/bin/env python3
"""Generate `socialcheck/dates/cldr_tables.py` from babel's copy of the CLDR data.

babel is needed to run this script only; `socialcheck` never imports it:

    .venv/bin/pip install babel
    .venv/bin/python scripts/gen_month_tables.py          # rewrite the module
    .venv/bin/python scripts/gen_month_tables.py --check  # exit 1 if it is stale

For every locale in `LOCALES` the script collects, case-folded and NFC-normalised:

* month names, format and stand-alone contexts, wide and abbreviated, each with and
  without a trailing dot. The format context carries the genitive and partitive
  forms (ru "марта", pl "marca", cs "března", el "Μαρτίου", fi "maaliskuuta");
* weekday names, same contexts and widths, wide and abbreviated in separate tables
  (Facebook prints `Monday, September 12, 2016`, `Jueves, 12 de noviembre de 2020`,
  `9 Ocak 2017 Pazartesi`; a bare abbreviation such as nn `on` is too weak alone);
* the locale's native digits when they are not 0-9 (Arabic-Indic, Persian,
  Devanagari, Bengali, Thai...);
* the CLDR long and full date patterns, for the documentation and the fixtures.

Rules applied while collecting (all deterministic, output sorted):

* Catalan format-context names carry their preposition (`de maig`, `d’abril`);
  the preposition is stripped because the date reader matches it separately.
* A literal glued to MMMM / EEEE in the locale's long or full date pattern is
  added as a variant (he `d בMMMM y` gives `במרץ`; th `EEEEที่` gives `วันพฤหัสบดีที่`).
* Names containing a digit (ja/ko/zh `3月`, vi `tháng 3`, `Thứ 2`) are left out:
  those dates are numeric and read by dedicated patterns.
* A word that names two different months (or weekdays) inside ONE locale is
  dropped from that locale and reported on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

import regex

try:
    import babel
    import babel.core
    from babel import Locale
except ImportError:  # pragma: no cover - documented requirement
    sys.exit("this script needs babel: .venv/bin/pip install babel")

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "socialcheck" / "dates" / "cldr_tables.py"

# X widget languages (https://docs.x.com/x-for-websites/supported-languages) mapped
# to CLDR locale ids, in X's documented order; English first.
X_WIDGET_LOCALES: dict[str, str] = {
    "en": "en",
    "ar": "ar",
    "bn": "bn",
    "cs": "cs",
    "da": "da",
    "de": "de",
    "el": "el",
    "es": "es",
    "fa": "fa",
    "fi": "fi",
    "fil": "fil",
    "fr": "fr",
    "he": "he",
    "hi": "hi",
    "hu": "hu",
    "id": "id",
    "it": "it",
    "ja": "ja",
    "ko": "ko",
    "msa": "ms",
    "nl": "nl",
    "no": "nb",
    "pl": "pl",
    "pt": "pt",
    "ro": "ro",
    "ru": "ru",
    "sv": "sv",
    "th": "th",
    "tr": "tr",
    "uk": "uk",
    "ur": "ur",
    "vi": "vi",
    "zh-cn": "zh_Hans",
    "zh-tw": "zh_Hant",
}
# Seen in the wild on X embeds although not a widget language.
EXTRA_X = ("ca",)
# Further languages of Facebook's SDK and Instagram's footers ("Ein Beitrag geteilt
# von ... am 23. Okt 2017"), limited to those whose long date fits the shapes that
# socialcheck.dates reads (day-month-year, month-day-year, year. month day.).
EXTRA_META = (
    "af",
    "az",
    "be",
    "bg",
    "et",
    "gl",
    "gu",
    "hr",
    "kn",
    "mk",
    "ml",
    "mr",
    "ne",
    "nn",
    "pa",
    "sk",
    "sl",
    "sq",
    "sr",
    "sr_Latn",
    "sw",
    "ta",
    "te",
)
LOCALES: tuple[str, ...] = (*X_WIDGET_LOCALES.values(), *EXTRA_X, *EXTRA_META)

# Numbering systems -> the code point of their zero (Unicode facts; checked below).
NUMBERING_ZERO = {
    "arab": 0x0660,
    "arabext": 0x06F0,
    "beng": 0x09E6,
    "deva": 0x0966,
    "gujr": 0x0AE6,
    "guru": 0x0A66,
    "knda": 0x0CE6,
    "mlym": 0x0D66,
    "tamldec": 0x0BE6,
    "telu": 0x0C66,
    "thai": 0x0E50,
}
CONNECTOR_PREFIXES = ("de ", "d’", "d'")  # Catalan format-context month names
CONTEXTS = ("format", "stand-alone")
WIDTHS = ("wide", "abbreviated")
# What the reader can capture as one word: letters and marks (ZWNJ/ZWJ for Indic and
# Persian, geresh for Hebrew,
# hi abbreviation sign "॰"), inner dots (th "มี.ค."), spaces and hyphens (pt "segunda-feira").
_LETTERS = r"[\p{L}\p{M}\u200c\u200d\u05f3\u05f4\u0970]"
KEY_OK = regex.compile(rf"\p{{L}}{_LETTERS}*(?:[ .\-]\p{{L}}{_LETTERS}*)*\.?")
GLUED_BEFORE = regex.compile(r"[\p{L}\p{M}]+$")
GLUED_AFTER = regex.compile(r"^[\p{L}\p{M}]+")


def norm(word: str) -> str:
    return unicodedata.normalize("NFC", word.strip()).casefold()


def variants(name: str) -> set[str]:
    key = norm(name)
    for prefix in CONNECTOR_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            key = key[len(prefix) :]
    out = {key}
    for k in list(out):
        out.add(k.rstrip("."))
        if not k.endswith("."):
            out.add(k + ".")
    return {k for k in out if k and not any(ch.isdigit() for ch in k)}


def glued_literals(pattern: str, field: str) -> tuple[str, str]:
    """Literal text glued (no space) before and after `field` in a CLDR pattern."""
    at = pattern.find(field)
    if at < 0:
        return "", ""
    while at > 0 and pattern[at - 1] == field[0]:
        at -= 1
    end = at
    while end < len(pattern) and pattern[end] == field[0]:
        end += 1
    # Quoted literals and pattern letters are ASCII; a glued native literal is not.
    before = GLUED_BEFORE.search(pattern[:at])
    after = GLUED_AFTER.match(pattern[end:])
    keep = [m.group(0) if m and not m.group(0).isascii() else "" for m in (before, after)]
    return keep[0], keep[1]


def collect(
    locale: Locale, kind: str, affixes: list[tuple[str, str]], widths: tuple[str, ...]
) -> tuple[dict[str, int], list[str]]:
    data = locale.months if kind == "months" else locale.days
    found: dict[str, set[int]] = {}
    for ctx in CONTEXTS:
        for width in widths:
            for index, name in data[ctx][width].items():
                value = int(index)  # months 1-12; days 0-6, Monday = 0
                keys = variants(name)
                for before, after in affixes:
                    if before or after:
                        for key in list(keys):
                            if not key.endswith("."):
                                keys |= variants(before + key + after)
                for key in keys:
                    found.setdefault(key, set()).add(value)
    table: dict[str, int] = {}
    dropped: list[str] = []
    for key, values in found.items():
        if len(values) > 1:
            dropped.append(f"{key!r} -> {sorted(values)}")
        elif not KEY_OK.fullmatch(key):
            dropped.append(f"{key!r} (not a word)")
        else:
            table[key] = values.pop()
    return table, dropped


def digits_of(locale: Locale) -> str:
    systems = [locale.default_numbering_system, locale.other_numbering_systems.get("native")]
    for system in systems:
        if system and system != "latn" and system in NUMBERING_ZERO:
            zero = NUMBERING_ZERO[system]
            digits = "".join(chr(zero + i) for i in range(10))
            assert all(unicodedata.decimal(ch) == i for i, ch in enumerate(digits)), system
            return digits
    return ""


def q(value: object) -> str:
    """A Python literal in double quotes (the project's style), deterministic."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def report_collisions(months: dict[str, dict[str, int]]) -> None:
    """Words naming different months in different locales (resolved at run time by cues)."""
    seen: dict[str, dict[int, list[str]]] = {}
    for code in LOCALES:
        for word, number in months[code].items():
            seen.setdefault(word, {}).setdefault(number, []).append(code)
    for word in sorted(seen):
        if len(seen[word]) > 1 and not word.endswith("."):
            where = "; ".join(f"{n}: {' '.join(locs)}" for n, locs in sorted(seen[word].items()))
            print(f"note: {word!r} names different months: {where}", file=sys.stderr)


def render_dict(name: str, annotation: str, entries: dict[str, object], doc: str) -> list[str]:
    lines = [f"# {doc}", f"{name}: {annotation} = {{"]
    for key in sorted(entries):
        value = entries[key]
        if isinstance(value, dict) and not value:
            lines.append(f"    {q(key)}: {{}},")
        elif isinstance(value, dict):
            lines.append(f"    {q(key)}: {{")
            for k in sorted(value, key=lambda k: (value[k], k)):
                lines.append(f"        {q(k)}: {q(value[k])},")
            lines.append("    },")
        else:
            lines.append(f"    {q(key)}: {q(value)},")
    lines.append("}")
    return lines


def generate() -> str:
    months: dict[str, dict[str, int]] = {}
    weekdays: dict[str, dict[str, int]] = {}
    abbreviated: dict[str, dict[str, int]] = {}
    digits: dict[str, str] = {}
    long_patterns: dict[str, str] = {}
    full_patterns: dict[str, str] = {}
    for code in LOCALES:
        locale = Locale.parse(code)
        long_p = locale.date_formats["long"].pattern
        full_p = locale.date_formats["full"].pattern
        long_patterns[code] = long_p
        full_patterns[code] = full_p
        month_affixes = [glued_literals(p, "MMMM") for p in (long_p, full_p)]
        day_affixes = [glued_literals(full_p, "EEEE"), glued_literals(full_p, "cccc")]
        # CJK patterns glue the weekday to the day literal (`d日EEEE`): not an affix.
        day_affixes = [(b, a) for b, a in day_affixes if b not in ("日", "일")]
        months[code], dropped_m = collect(locale, "months", month_affixes, WIDTHS)
        weekdays[code], dropped_d = collect(locale, "days", day_affixes, ("wide",))
        every_day, dropped_a = collect(locale, "days", day_affixes, WIDTHS)
        abbreviated[code] = {k: v for k, v in every_day.items() if k not in weekdays[code]}
        for what, dropped in (
            ("month", dropped_m),
            ("weekday", dropped_d),
            ("abbreviated weekday", dropped_a),
        ):
            for item in dropped:
                print(f"{code}: dropped {what} key {item}", file=sys.stderr)
        native = digits_of(locale)
        if native:
            digits[code] = native
    report_collisions(months)
    header = [
        '"""Month and weekday names from CLDR, for `socialcheck.dates`.',
        "",
        "GENERATED FILE - do not edit by hand.",
        f"Source: babel {babel.__version__}, CLDR {babel.core.get_cldr_version()}.",
        "Regenerate: .venv/bin/pip install babel && .venv/bin/python scripts/gen_month_tables.py",
        "",
        "Keys are NFC-normalised and case-folded. Months are 1-12, weekdays 0-6 (Monday = 0).",
        "Imported lazily, on the first date that is not plain English.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        f"BABEL_VERSION = {q(babel.__version__)}",
        f"CLDR_VERSION = {q(str(babel.core.get_cldr_version()))}",
        "",
        "# Locales in preference order: when a word names different months in different",
        "# locales and no other cue decides, the earlier locale wins.",
        "LOCALES: tuple[str, ...] = (",
        *[f"    {q(code)}," for code in LOCALES],
        ")",
        "",
    ]
    body: list[str] = []
    body += render_dict(
        "X_WIDGET_LOCALES",
        "dict[str, str]",
        dict(X_WIDGET_LOCALES),
        "X widget language code -> CLDR locale id.",
    )
    body.append("")
    body += render_dict(
        "MONTHS", "dict[str, dict[str, int]]", dict(months), "locale -> {month word: 1-12}"
    )
    body.append("")
    body += render_dict(
        "WEEKDAYS",
        "dict[str, dict[str, int]]",
        dict(weekdays),
        "locale -> {wide weekday word: 0-6, Monday = 0}",
    )
    body.append("")
    body += render_dict(
        "WEEKDAYS_ABBREVIATED",
        "dict[str, dict[str, int]]",
        dict(abbreviated),
        "locale -> {abbreviated weekday word (not also a wide name): 0-6}",
    )
    body.append("")
    body += render_dict(
        "DIGITS",
        "dict[str, str]",
        dict(digits),
        "locale -> its native digits 0-9, where they are not ASCII",
    )
    body.append("")
    body += render_dict(
        "LONG_DATE_PATTERNS", "dict[str, str]", long_patterns, "locale -> CLDR long date pattern"
    )
    body.append("")
    body += render_dict(
        "FULL_DATE_PATTERNS", "dict[str, str]", full_patterns, "locale -> CLDR full date pattern"
    )
    return "\n".join(header + body) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the module is stale")
    parser.add_argument("--output", type=Path, default=TARGET)
    args = parser.parse_args()
    text = generate()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is stale; rerun {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text)} bytes, {len(LOCALES)} locales)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
