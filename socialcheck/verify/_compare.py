"""Compare what an embed shows with what the platform says: author, text, date.

Text is compared as a sequence of words after normalising away what embedding,
scraping and the platforms' own rendering change without changing what was said:

- HTML entities are decoded and the text NFKC-normalised; format characters
  (zero-width joiners, variation selectors, directional marks) are dropped;
- URLs are removed on both sides: X shows `t.co` links and `pic.twitter.com/...`
  where a scraped page may show the expanded `nyti.ms/...` (a "t.co expansion"),
  so no URL-shaped token counts;
- what remains is split into words (letters, digits and marks) and symbols (emoji),
  case-folded; punctuation, quotes and white space do not count (scrapers turn
  "can't" into "can t");
- a text that ends with "…" or "..." (or that the parser marked truncated) is a
  prefix: its last, possibly cut word is dropped and the rest must begin the other.

Dates: X's embeds print the UTC calendar date, so an X post's date must be the
platform's UTC date; other platforms' embeds show a date in the embedder's (or an
unknown) time zone, so 14 hours either way are allowed.
"""

from __future__ import annotations

import datetime as _dt
import html
import unicodedata

import regex

_URL = regex.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b(?:pic\.(?:twitter|x)\.com|t\.co)/\S*"
    r"|\b[\w-]{1,63}(?:\.[\w-]{1,63})*\.[A-Za-z]{2,24}/\S*",
    regex.IGNORECASE,
)
_DROP = regex.compile(r"[\p{Cf}\uFE00-\uFE0F\U000E0100-\U000E01EF]")
_TOKEN = regex.compile(r"[\p{L}\p{N}\p{M}]+|\p{So}")
_ELLIPSIS_END = regex.compile(r"(?:\u2026|\.\.\.)\W*\Z")
_TRAILING_URLS = regex.compile(r"(?:\s*(?:" + _URL.pattern + r"))+\s*\Z", regex.IGNORECASE)
_SPACE = regex.compile(r"\s+")

ANY_ZONE = _dt.timedelta(hours=14)


def clean(text: str) -> str:
    """Entities decoded, NFKC, format characters dropped."""
    return str(_DROP.sub("", unicodedata.normalize("NFKC", html.unescape(text))))


def is_cut(text: str) -> bool:
    """The text ends with an ellipsis (ignoring trailing links): it is a prefix."""
    return _ELLIPSIS_END.search(_TRAILING_URLS.sub("", clean(text))) is not None


def words(text: str) -> list[str]:
    """The words and symbols of a text, URLs removed, case-folded."""
    return [t.casefold() for t in _TOKEN.findall(_URL.sub(" ", clean(text)))]


def one_line(text: str, limit: int = 60) -> str:
    flat = str(_SPACE.sub(" ", text)).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


def compare_text(
    embed: str, platform: str, *, embed_cut: bool = False, platform_cut: bool = False
) -> str | None:
    """None when the texts agree, else a short description of the first difference.

    Callers skip the comparison when the embed shows no words at all.
    """
    a, b = words(embed), words(platform)
    a_cut = embed_cut or is_cut(embed)
    b_cut = platform_cut or is_cut(platform)
    if a_cut and a:
        a = a[:-1]
    if b_cut and b:
        b = b[:-1]
    if a_cut and b_cut:
        n = min(len(a), len(b))
        a, b = a[:n], b[:n]
    elif a_cut:
        b = b[: len(a)]
    elif b_cut:
        a = a[: len(b)]
    if a == b:
        return None
    pairs = enumerate(zip(a, b, strict=False))
    at = next((i for i, (x, y) in pairs if x != y), min(len(a), len(b)))
    lo = max(0, at - 3)

    def window(seq: list[str]) -> str:
        part = " ".join(seq[lo : at + 5])
        if not part:
            return "(nothing)" if at >= len(seq) else ""
        return ("\u2026 " if lo else "") + part + (" \u2026" if at + 5 < len(seq) else "")

    if at >= len(a) and len(b) > len(a):
        return f"the platform's text goes on after the embed's ends: {window(b)!r}"
    if at >= len(b) and len(a) > len(b):
        return f"the embed's text goes on after the platform's ends: {window(a)!r}"
    return f"embed has {window(a)!r}, platform has {window(b)!r} (word {at + 1})"


def same_name(a: str | None, b: str | None) -> bool:
    """Display names equal after NFKC, case-folding and white-space normalising."""
    if a is None or b is None:
        return False
    return _name_key(a) == _name_key(b)


def _name_key(name: str) -> str:
    return str(_SPACE.sub(" ", clean(name))).strip().casefold()


def _handle_parts(handle: str) -> tuple[str, str | None]:
    user, _, domain = handle.strip().lstrip("@").partition("@")
    return user.casefold(), (domain.casefold().rstrip(".") or None)


def same_handle(embed: str, platform: str, *, instance: str | None = None) -> bool:
    """Handles equal, case-insensitively, without "@".

    Fediverse handles compare `user` and, when both sides (or the instance the
    platform answered for, for local accounts) name a domain, the domain too.
    """
    user_a, dom_a = _handle_parts(embed)
    user_b, dom_b = _handle_parts(platform)
    if user_a != user_b:
        return False
    dom_b = dom_b or (instance.casefold() if instance else None)
    return dom_a is None or dom_b is None or dom_a == dom_b


def date_agrees(
    embed: _dt.date,
    platform_time: _dt.datetime | None,
    platform_date: _dt.date | None,
    *,
    exact_utc: bool,
) -> bool:
    """Whether the embed's calendar date fits the platform's time or UTC date."""
    if platform_time is not None:
        t = platform_time.astimezone(_dt.timezone.utc)
        if exact_utc:
            return embed == t.date()
        return (t - ANY_ZONE).date() <= embed <= (t + ANY_ZONE).date()
    if platform_date is not None:
        if exact_utc:
            return embed == platform_date
        return abs((embed - platform_date).days) <= 1
    return True
