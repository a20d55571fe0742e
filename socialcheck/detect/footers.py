"""Posts that scraped text keeps only as the footer or placeholder lines of their embed.

    Instagram  `caption A post shared by Name (@handle) on Sep 3, 2018 at 3:55pm PDT`
               `A post shared by @handle on …` (no name), `A post shared by Name (@handle)`
               (v14 embeds: no date, no caption); localised prefixes in INSTAGRAM_LOCALES
    Facebook   `text Posted by Name on Wednesday, January 20, 2016` (or only `on Wednesday`);
               localised forms in FACEBOOK_LOCALES
    Mastodon   `Post by @user@host View on Mastodon` (glued, or on two lines): no text, no date
    Threads    a `View on Threads` line: no author, no text, no date
               (both also as a converter's Markdown link to the post, whose address
               then gives the ID: `[View on Threads](https://www.threads.net/@u/post/…)`)
    TikTok     `@handle caption ♬ original sound - Name` (the sound may be on its own line)

(docs/embed-formats.md sections 2, 5.b, 6.b, 7.b/c, 8.b/c, 9.b.) Every form is found from a
literal anchor (`A post shared by`, `Posted by`, `View on Mastodon`, `♬` ...), so text
without one costs a few substring searches; around each anchor only bounded windows
are read, and no body reaches back past the previous footer, an X signature or `floor`.

The caption or text of an Instagram or Facebook post is found as for X posts
(docs/body-boundaries.md): the text before the footer on its line, or, when the footer
stands alone, the paragraph before it, by the evidence rules of `body.find_body_start`.
Three more rules are specific to footers:

- an Instagram box that opens with `View this post on Instagram` holds exactly the
  caption between that line and the footer;
- before a standalone footer, a reporter's credit line (`Jane Doe, founder of X`) or a
  colon lead-in is not a caption: the post has no text of its own (a listicle of
  captionless embeds, each introduced by the person's name and role);
- Facebook's SDK snippet (`(function(d, s, id) {…}(document, 'script', 'facebook-jssdk'));`)
  that some scrapers leak just before the embed is a boundary: the body starts after it
  (the snippet itself stays in the prose).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

import attrs
import regex

from .._lazy import lazy_compile
from .._literals import Haystack, Literals
from ..dates import DateMatch, match_date, match_loose_date
from ..model import Post
from ..platforms.urls import parse_post_url
from ._claimed import NOTHING, Claimed
from .body import dominant_gap, find_body_start, is_lead_in, paragraphs_before
from .scraped import links_in
from .signature import CAPITALISED_NAME, MD_LINK_TAIL, find_signatures

# Platform limits used to bound a body (characters). Instagram captions: 2,200;
# TikTok captions: 4,000 (raised from 2,200 in 2024); Facebook posts: 63,206.
INSTAGRAM_CAPTION_LIMIT = 2200
TIKTOK_CAPTION_LIMIT = 4000
FACEBOOK_POST_LIMIT = 63206

_BODY_WINDOW = 4000
_NAME_WINDOW = 110  # a display name and its `(@handle)` after the prefix
_SP = r"[ \t\u00a0]"
_SPACES = lazy_compile(_SP + "{1,3}")
_TRIM = " \t\u00a0\u200b\u200e\u200f\ufeff"


# --------------------------------------------------------------------------- tables


@attrs.frozen
class InstagramLocale:
    lang: str
    prefix: str  # before the name: "A post shared by"
    connectors: tuple[str, ...]  # between "(@handle)" and the date: "on"
    view: str | None  # the first line of newer boxes: "View this post on Instagram"


# Every prefix, connector and view line below was seen in real embed code (public code
# index: the footer `<p>` and the `<a>` of embeds in each language); Dutch is known only
# from dateless v14 footers, so it has no date connector.
INSTAGRAM_LOCALES: tuple[InstagramLocale, ...] = (
    InstagramLocale("en", "A post shared by", ("on",), "View this post on Instagram"),
    InstagramLocale(
        "de", "Ein Beitrag geteilt von", ("am",), "Diesen Beitrag auf Instagram ansehen"
    ),
    InstagramLocale(
        "es", "Una publicación compartida de", ("el",), "Ver esta publicación en Instagram"
    ),
    InstagramLocale(
        "es", "Una publicación compartida por", ("el",), "Ver esta publicación en Instagram"
    ),
    InstagramLocale(
        "fr", "Une publication partagée par", ("le",), "Voir cette publication sur Instagram"
    ),
    InstagramLocale(
        "it", "Un post condiviso da", ("in data:",), "Visualizza questo post su Instagram"
    ),
    InstagramLocale("pt", "Uma publicação compartilhada por", ("em",), None),
    InstagramLocale("nl", "Een bericht gedeeld door", (), None),
)


def _weekdays(*words: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in words)


@attrs.frozen
class FacebookLocale:
    lang: str
    marker: str  # "Posted by"; for name-first locales the word after the name
    connector: str | None  # between the name and the date ("on"); None: a space
    weekdays: frozenset[str]
    name_first: bool = False  # tr: `Name paylaştı: 9 Ocak 2017 Pazartesi`


# docs/embed-formats.md 8.c: the SDK prints a weekday with every date (and recent
# posts a weekday alone), which tells a Facebook footer from a blog's "Posted by X on
# March 5, 2016" byline.
FACEBOOK_LOCALES: tuple[FacebookLocale, ...] = (
    FacebookLocale(
        "en",
        "Posted by",
        "on",
        _weekdays("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    ),
    FacebookLocale(
        "es",
        "Publicado por",
        "en",
        _weekdays("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    ),
    FacebookLocale(
        "ru",
        "Опубликовано",
        None,
        _weekdays(
            "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"
        ),
    ),
    FacebookLocale(
        "tr",
        "paylaştı:",
        None,
        _weekdays("Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"),
        name_first=True,
    ),
)
_ALL_WEEKDAYS = frozenset().union(*(loc.weekdays for loc in FACEBOOK_LOCALES))

_INSTAGRAM_ANCHOR = lazy_compile(
    "|".join(regex.escape(loc.prefix) for loc in INSTAGRAM_LOCALES) + f"(?={_SP})"
)
_INSTAGRAM_BY_PREFIX = {loc.prefix: loc for loc in INSTAGRAM_LOCALES}
_INSTAGRAM_VIEWS = tuple(sorted({loc.view for loc in INSTAGRAM_LOCALES if loc.view}))
_FACEBOOK_ANCHOR = lazy_compile(
    "|".join(regex.escape(loc.marker) for loc in FACEBOOK_LOCALES) + f"(?={_SP})"
)
_FACEBOOK_BY_MARKER = {loc.marker: loc for loc in FACEBOOK_LOCALES}


def _facebook_gap(loc: FacebookLocale) -> Any:
    """Where a name ends and the date begins: the connector, then a weekday."""
    days = "|".join(sorted(loc.weekdays, key=len, reverse=True))
    connector = rf"{_SP}{regex.escape(loc.connector)}" if loc.connector else ""
    return lazy_compile(rf"{connector}{_SP}{{1,3}}(?=(?i:{days})(?![\p{{L}}\p{{M}}]))")


_FACEBOOK_GAPS = {loc.marker: _facebook_gap(loc) for loc in FACEBOOK_LOCALES}
# " on " between an Instagram name or handle and its date.
_CONNECTORS = {
    word: lazy_compile(rf"{_SP}{{1,3}}{regex.escape(word)}{_SP}{{0,3}}")
    for loc in INSTAGRAM_LOCALES
    for word in loc.connectors
}

# --------------------------------------------------------------------------- patterns

_IG_HANDLE = r"[A-Za-z0-9._]{1,30}"
_IG_BARE = lazy_compile(rf"@(?P<h>{_IG_HANDLE})")
_IG_PAREN = lazy_compile(rf"\({_SP}?@(?P<h>{_IG_HANDLE}){_SP}?\)")
# A time the date reader left behind: `a las 7:36 PDT`, `à 11h25 PDT`, `alle ore 9:20`,
# `0:31 Uhr`.
_TIME_TAIL = lazy_compile(
    rf",?{_SP}{{1,2}}(?:(?:at|a las|à|às|alle ore|alle|um|om|kl\.){_SP}{{1,2}})?"
    rf"\d{{1,2}}[:h.]\d{{2}}(?:{_SP}?[AaPp]\.?[Mm]\.?)?"
    rf"(?:{_SP}{{1,2}}(?:[A-Z]{{2,5}}(?![\p{{L}}\d])|Uhr(?!\p{{L}})))?"
)
# After a time: `Uhr`, or a zone glued to the next sentence (`3:55pm PDTThe …`).
_ZONE_GLUED = lazy_compile(rf"{_SP}{{1,2}}(?:Uhr(?!\p{{L}})|(?:[ECMP][SD]T|UTC|GMT)(?=\p{{Lu}}))")
_HAS_TIME = lazy_compile(r"\d[:h.]\d\d")
# After a footer's date: a comma or a space and a lower-case word continue a sentence
# ("A post shared by Jane (@jane) on March 5, 2026 drew…"): that is prose.
_PROSE_AFTER = lazy_compile(rf"(?:,{_SP}|{_SP}{{1,3}})\p{{Ll}}")
_WORD = lazy_compile(r"\p{L}[\p{L}\p{M}]{1,15}")
_SDK_END = lazy_compile(r"facebook-jssdk['\"]?[ \t]{0,3}\)?[ \t]{0,3}\)?[ \t]{0,3};?")
_SDK_MARK = "facebook-jssdk"
# A reporter's credit line: a person's name (titles, particles and `and` allowed), a
# comma, a description; it does not end like a sentence and has no hashtag.
_CREDIT_LINE = lazy_compile(
    r"(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof|Sen|Rep|Gov|Sir|Dame)\.?[ \t\u00a0])?"
    r"\p{Lu}[\p{L}\p{M}'’.\-]{0,30}"
    r"(?:[ \t\u00a0](?:(?:Dr|Mr|Mrs|Ms|Prof)\.?[ \t\u00a0])?"
    r"(?:\p{Lu}[\p{L}\p{M}'’.\-]{0,30}|von|van|der|den|de|del|della|da|di|du|la|le|bin|al|"
    r"and|&)){0,6},[ \t\u00a0]"
)
_MASTODON = lazy_compile(
    rf"Post by{_SP}{{1,3}}@(?P<user>[A-Za-z0-9_]{{1,30}})"
    r"@(?P<host>(?:[A-Za-z0-9\-]{1,63}\.){1,8}?[A-Za-z][A-Za-z0-9\-]{0,62}?)"
    # The two lines may be apart by blank lines, and by a Markdown quote's markers.
    rf"{_SP}{{0,3}}(?:\r?\n{_SP}{{0,8}}(?:>{_SP}{{0,3}}){{0,3}}){{0,3}}View on Mastodon"
    # A converter's link around both: `[Post by @u@host … View on Mastodon](post URL)`.
    r"(?:[ \t\u00a0]{0,3}(?:\r?\n[ \t]{0,3}(?:>[ \t]{0,2}){0,3})?\]\((?P<url>[^\s()]{1,400})\))?"
)
_THREADS = "View on Threads"
_SOUND = "♬"
_TIKTOK_HANDLE = r"@(?P<h>[A-Za-z0-9_.]{2,24})"
_TIKTOK_LINE_HANDLE = lazy_compile(rf"{_SP}{{0,8}}{_TIKTOK_HANDLE}(?![\w@])")
_TIKTOK_ANY_HANDLE = lazy_compile(rf"(?<![\w@.]){_TIKTOK_HANDLE}(?![\w@])")
_TIKTOK_LINES_BACK = 3
_SOUND_MAX = 120
_GLUE = lazy_compile(r"(?<=\p{Ll})(?=\p{Lu}\p{Ll})")


# --------------------------------------------------------------------------- helpers


def _line_start(text: str, pos: int, lo: int = 0) -> int:
    nl = text.rfind("\n", lo, pos)
    return lo if nl < 0 else nl + 1


def _line_end(text: str, pos: int, reach: int) -> int:
    """End of the line at `pos`, looking at most `reach` characters ahead."""
    hi = min(len(text), pos + reach)
    nl = text.find("\n", pos, hi)
    return hi if nl < 0 else nl


def _clean(raw: str) -> str | None:
    name = raw.strip(_TRIM)
    return name or None


def _ends_here(text: str, pos: int) -> bool:
    """Nothing but a line end (or the end of the text, or glued capitalised text) follows."""
    i = pos
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    if i >= len(text) or text[i] in "\r\n":
        return True
    return i == pos and (text[i].isupper() or text[i] in "\"“‘'")


def _prose_after(text: str, pos: int) -> bool:
    return _PROSE_AFTER.match(text, pos, min(len(text), pos + 5)) is not None


def _with_time_tail(text: str, dm: DateMatch) -> tuple[int, str]:
    """End and text of a footer date, with a time the date reader did not take."""
    end = dm.end
    if not _HAS_TIME.search(dm.text):
        tail = _TIME_TAIL.match(text, end, min(len(text), end + 40))
        if tail is not None:
            end = tail.end()
    else:
        zone = _ZONE_GLUED.match(text, end, min(len(text), end + 8))
        if zone is not None:
            end = zone.end()
    return end, text[dm.start : end]


def credit_line(words: str) -> bool:
    """A reporter's `Name, role` line (no sentence end, no hashtag)."""
    words = words.strip(_TRIM + "\r\n")
    if not words or len(words) > 200 or "#" in words or words.endswith((".", "!", "?", "…")):
        return False
    return _CREDIT_LINE.match(words) is not None


def _sdk_boundary(text: str, lo: int, hi: int) -> int | None:
    """End of a leaked facebook-jssdk snippet in text[lo:hi], if one is there."""
    at = text.rfind(_SDK_MARK, lo, hi)
    if at < 0:
        return None
    m = _SDK_END.match(text, at, hi)
    return m.end() if m else at + len(_SDK_MARK)


@attrs.define
class Context:
    """Lazily computed facts about the whole text, shared by the footers of one call."""

    text: str
    floor: int
    _gap: int | None = None
    _sig_ends: list[int] | None = None

    def usual_gap(self) -> int:
        if self._gap is None:
            self._gap = dominant_gap(self.text, self.floor)
        return self._gap

    def after_signatures(self, lo: int, pos: int) -> int:
        """`lo`, moved past the last X/Bluesky signature that ends before `pos`."""
        if self._sig_ends is None:
            self._sig_ends = (
                sorted(s.end for s in find_signatures(self.text)) if "(@" in self.text else []
            )
        i = bisect.bisect_right(self._sig_ends, pos) - 1
        return max(lo, self._sig_ends[i]) if i >= 0 else lo


@attrs.frozen
class Caption:
    start: int | None  # None: no text of its own
    end: int
    span_start: int  # where the post starts (the body, a box's first line, or the footer)
    confidence: float
    evidence: tuple[str, ...]


def caption_before(
    ctx: Context,
    lo: int,
    footer_start: int,
    limit: int,
    *,
    views: tuple[str, ...] = (),
    what: str = "footer",
    boxed: bool = False,
) -> Caption:
    """The post's own text before its footer at `footer_start` (nothing before `lo`).

    `boxed`: only text inside a box opened by one of `views` can be the post's.
    """
    text = ctx.text
    lo = ctx.after_signatures(lo, footer_start)
    window_lo = max(lo, footer_start - _BODY_WINDOW)
    for view in views:
        at = text.rfind(view, window_lo, footer_start)
        if at >= 0:
            first = at + len(view)
            last = footer_start
            while first < last and text[first].isspace():
                first += 1
            while last > first and text[last - 1].isspace():
                last -= 1
            if last - first <= 1.5 * limit:
                why = f"the box opens with {view!r}: the caption is what stands between"
                if first >= last:
                    return Caption(None, footer_start, at, 1.0, (why,))
                return Caption(first, last, at, 1.0, (why,))
    if boxed:
        why = "an embed of this version shows no caption"
        return Caption(None, footer_start, footer_start, 0.9, (why,))
    body_end = footer_start
    while body_end > window_lo and text[body_end - 1] in " \t\r\n\u00a0>":
        body_end -= 1
    if body_end <= window_lo:
        return Caption(
            None, footer_start, footer_start, 1.0, (f"nothing stands before the {what}",)
        )
    line_start = text.rfind("\n", window_lo, footer_start) + 1
    standalone = line_start > body_end
    if standalone:
        paras = paragraphs_before(text, window_lo, body_end)
        if paras:
            words = text[paras[0].start : paras[0].end].strip(_TRIM + "\r\n>")
            if credit_line(words):
                return Caption(
                    None,
                    footer_start,
                    footer_start,
                    0.9,
                    (
                        f"the line before the {what} is the reporter's credit line "
                        "('Name, role'), not the post's text",
                    ),
                )
            if is_lead_in(words) or words.endswith(":"):
                return Caption(
                    None,
                    footer_start,
                    footer_start,
                    0.9,
                    (f"the paragraph before the {what} is the reporter's lead-in",),
                )
    found = find_body_start(text, window_lo, body_end, limit, ctx.usual_gap(), standalone)
    if found is None or found.start >= body_end:
        evidence = found.evidence if found is not None else ()
        confidence = found.confidence if found is not None else 1.0
        return Caption(None, footer_start, footer_start, confidence, evidence)
    evidence = tuple(
        e.replace("the signature", f"the {what}").replace("signature's", f"{what}'s")
        for e in found.evidence
    )
    return Caption(found.start, body_end, found.start, found.confidence, evidence)


@attrs.frozen
class Footer:
    """A footer found at an anchor, before its body is looked for."""

    kind: str  # "instagram" | "facebook" | "mastodon" | "threads" | "tiktok"
    start: int  # where the footer's own text starts (the body ends before it)
    end: int
    handle: str | None = None
    display_name: str | None = None
    date: DateMatch | None = None
    date_text: str | None = None
    lang: str = "en"
    weekday_only: bool = False
    post_start: int | None = None  # TikTok: the post starts at its handle
    body_span: tuple[int, int] | None = None  # TikTok: the caption, known from the layout
    evidence: str = ""
    url: str | None = None  # the post's address, where the footer links it


# --------------------------------------------------------------------------- Instagram


def _instagram_at(text: str, m: regex.Match[str]) -> Footer | None:
    loc = _INSTAGRAM_BY_PREFIX[m.group(0)]
    sp = _SPACES.match(text, m.end())
    if sp is None:
        return None
    pos = sp.end()
    line_end = _line_end(text, pos, _NAME_WINDOW)
    bare = _IG_BARE.match(text, pos, min(line_end, pos + 40))
    name: str | None
    if bare is not None:
        name, handle, after = None, bare.group("h"), bare.end()
    else:
        paren = _IG_PAREN.search(text, pos, min(line_end, pos + _NAME_WINDOW))
        if paren is None:
            return None
        name, handle, after = _clean(text[pos : paren.start()]), paren.group("h"), paren.end()
    handle = handle.rstrip(".")
    if not handle.strip("._"):
        return None
    evidence = f"Instagram embed footer {loc.prefix!r}"
    for connector in loc.connectors:
        cm = _CONNECTORS[connector].match(text, after, min(len(text), after + len(connector) + 8))
        if cm is None:
            continue
        dm = match_date(text, cm.end()) or match_loose_date(text, cm.end())
        if dm is None:
            continue
        end, written = _with_time_tail(text, dm)
        if _prose_after(text, end):
            return None
        return Footer(
            "instagram", m.start(), end, handle, name, dm, written, loc.lang, evidence=evidence
        )
    if not _ends_here(text, after):
        return None
    return Footer(
        "instagram",
        m.start(),
        after,
        handle,
        name,
        None,
        None,
        loc.lang,
        evidence=evidence + " without a date (v14 embed)",
    )


# --------------------------------------------------------------------------- Facebook


def _facebook_date(
    text: str, at: int, loc: FacebookLocale
) -> tuple[DateMatch | None, int, str, bool] | None:
    """(date, end, written, weekday_only) of a Facebook footer date at `at`; else None."""
    # Every Facebook date starts with its weekday, except name-first locales (tr), whose
    # dates start with the day: a cheap test before the date reader.
    wm = _WORD.match(text, at, min(len(text), at + 16))
    if wm is not None:
        if wm.group(0).casefold() not in loc.weekdays:
            return None
    elif not (loc.name_first and text[at : at + 1].isdigit()):
        return None
    dm = match_date(text, at, max_gap=0)
    if dm is not None:
        words = _WORD.findall(dm.text)
        if not words or (
            words[0].casefold() not in _ALL_WEEKDAYS and words[-1].casefold() not in _ALL_WEEKDAYS
        ):
            return None  # a byline's "on March 5, 2016": Facebook always prints the weekday
        end, written = _with_time_tail(text, dm)
        if _HAS_TIME.search(written):
            # The footer shows no time: "on Monday, March 5, 2018 at 10:14 AM" is a byline.
            return None
        if _prose_after(text, end):
            return None
        return dm, end, written, False
    if wm is None or not _ends_here(text, wm.end()):
        return None
    return None, wm.end(), wm.group(0), True


def _facebook_at(text: str, m: regex.Match[str]) -> Footer | None:
    loc = _FACEBOOK_BY_MARKER[m.group(0)]
    evidence = f"Facebook embed footer {loc.marker!r} with a weekday"
    if loc.name_first:
        sp = _SPACES.match(text, m.end())
        if sp is None:
            return None
        found = _facebook_date(text, sp.end(), loc)
        if found is None:
            return None
        line = _line_start(text, m.start(), max(0, m.start() - _NAME_WINDOW))
        words = CAPITALISED_NAME.search(text, line, m.start())
        if words is not None:
            name_start = words.start()
        elif m.start() - line <= 64:
            name_start = line
        else:
            return None
        name = _clean(text[name_start : m.start()])
        if name is None:
            return None
        dm, end, written, weekday_only = found
        return Footer(
            "facebook", name_start, end, None, name, dm, written, loc.lang, weekday_only,
            evidence=evidence,
        )  # fmt: skip
    sp = _SPACES.match(text, m.end())
    if sp is None:
        return None
    name_start = sp.end()
    window_end = _line_end(text, name_start, _NAME_WINDOW)
    gap = _FACEBOOK_GAPS[loc.marker]
    for g in gap.finditer(text, name_start + 1, window_end):
        found = _facebook_date(text, g.end(), loc)
        if found is None:
            continue
        name = _clean(text[name_start : g.start()])
        if name is None:
            continue
        dm, end, written, weekday_only = found
        return Footer(
            "facebook", m.start(), end, None, name, dm, written, loc.lang, weekday_only,
            evidence=evidence,
        )  # fmt: skip
    return None


# --------------------------------------------------------------------------- others


def _mastodon_at(text: str, m: regex.Match[str]) -> Footer:
    handle = f"{m.group('user')}@{m.group('host')}"
    start = m.start()
    if m.group("url"):
        bracket = text.rfind("[", max(0, start - 3), start)
        if bracket >= 0 and not text[bracket + 1 : start].strip():
            start = bracket  # the link's own bracket (html2text writes `[ Post by`)
    return Footer(
        "mastodon",
        start,
        m.end(),
        handle,
        evidence="Mastodon embed placeholder 'Post by @user@host' / 'View on Mastodon'",
        url=m.group("url"),
    )


def _threads_at(text: str, at: int) -> Footer | None:
    end = at + len(_THREADS)
    if text[at - 1 : at] == "[" and (link := MD_LINK_TAIL.match(text, end, end + 410)):
        # `[View on Threads](https://www.threads.net/@u/post/…)`: a converter kept the link.
        if not _ends_here(text, link.end()):
            return None
        return Footer(
            "threads", at - 1, link.end(), url=link.group("url"),
            evidence="Threads embed placeholder 'View on Threads', linked to the post",
        )  # fmt: skip
    i = at
    while i > 0 and text[i - 1] in _TRIM:
        i -= 1
    before_ok = i == 0 or text[i - 1] == "\n" or (i == at and not text[at - 1].isspace())
    after_ok = _ends_here(text, end)
    if not (before_ok and after_ok):
        return None
    return Footer("threads", at, end, evidence="Threads embed placeholder 'View on Threads'")


def _tiktok_at(text: str, at: int, lo: int) -> Footer | None:
    line_end = _line_end(text, at, _SOUND_MAX + 1)
    cap = min(line_end, at + _SOUND_MAX)
    end = cap
    if line_end > at + _SOUND_MAX:
        glue = _GLUE.search(text, at, cap)
        if glue is not None:
            end = glue.start()
    while end > at and text[end - 1] in _TRIM + "\r":
        end -= 1
    if not text[at + 1 : end].strip(_TRIM):
        return None
    # The account: a line starting with @handle (this one or up to three before), else
    # the first @handle on this line (text glued before the embed).
    handle_m = None
    line = _line_start(text, at, lo)
    for _ in range(_TIKTOK_LINES_BACK + 1):
        hm = _TIKTOK_LINE_HANDLE.match(text, line, at)
        if hm is not None:
            handle_m = hm
            break
        if line <= lo:
            break
        line = _line_start(text, line - 1, lo)
    if handle_m is None:
        first = _line_start(text, at, lo)
        handle_m = _TIKTOK_ANY_HANDLE.search(text, first, at)
    if handle_m is None:
        return None
    first = handle_m.end()
    last = at
    while first < last and text[first] in _TRIM + "\r\n":
        first += 1
    while last > first and text[last - 1] in _TRIM + "\r\n":
        last -= 1
    if last - first > TIKTOK_CAPTION_LIMIT:
        return None
    return Footer(
        "tiktok",
        at,
        end,
        handle_m.group("h").rstrip("."),
        post_start=handle_m.start("h") - 1,
        body_span=(first, last) if last > first else None,
        evidence="TikTok embed text: '@handle', caption, '♬ sound'",
    )


# --------------------------------------------------------------------------- assembly


def _to_post(ctx: Context, footer: Footer, lo: int) -> Post:
    text = ctx.text
    date = footer.date
    links: list[tuple[str, tuple[int, int]]] = []
    body_span: tuple[int, int] | None = None
    start = footer.start
    if footer.kind in ("mastodon", "threads"):
        evidence: tuple[str, ...] = (
            footer.evidence,
            "the embed holds no text and no date of the post",
        )
        confidence = 0.7
    elif footer.kind == "tiktok":
        body_span = footer.body_span
        start = footer.post_start if footer.post_start is not None else footer.start
        evidence = (footer.evidence, "the embed shows no date")
        confidence = 0.8
    else:
        limit = INSTAGRAM_CAPTION_LIMIT if footer.kind == "instagram" else FACEBOOK_POST_LIMIT
        views = _INSTAGRAM_VIEWS if footer.kind == "instagram" else ()
        floor = lo
        extra: list[str] = []
        if footer.kind == "facebook":
            sdk = _sdk_boundary(text, max(lo, footer.start - _BODY_WINDOW), footer.start)
            if sdk is not None:
                floor = sdk
                extra.append("the body starts after the leaked facebook-jssdk snippet")
        if footer.kind == "instagram" and date is None:
            # v14 embeds have no caption: only a "View this post" box can hold text.
            caption = caption_before(ctx, floor, footer.start, limit, views=views, boxed=True)
        else:
            caption = caption_before(ctx, floor, footer.start, limit, views=views)
        confidence = (0.95 if date is not None and date.date is not None else 0.85) * (
            caption.confidence
        )
        if footer.weekday_only:
            confidence *= 0.9
        if caption.start is not None:
            body_span = (caption.start, caption.end)
            if caption.end - caption.start > 1000 and not extra and footer.kind == "facebook":
                confidence *= 0.6
                extra.append("a long body: where it starts is uncertain")
        start = caption.span_start
        evidence = (footer.evidence, *extra, *caption.evidence)
    if body_span is not None:
        links = links_in(text, body_span[0], body_span[1])
    own = parse_post_url(footer.url) if footer.url else None
    if own is not None and (own.kind != "post" or own.platform != footer.kind):
        own = None
    return Post(
        platform=footer.kind,
        span=(start, footer.end),
        handle=footer.handle or (own.handle if own else None),
        status_id=own.post_id if own else None,
        url=own.canonical if own else None,
        display_name=footer.display_name,
        date=date.date if date is not None else None,
        date_text=footer.date_text,
        date_problem=date.problem if date is not None else None,
        body=text[body_span[0] : body_span[1]] if body_span is not None else None,
        links=tuple(link for link, _ in links),
        link_spans=tuple(span for _, span in links),
        body_span=body_span,
        signature_span=(footer.start, footer.end),
        confidence=round(min(1.0, max(0.0, confidence)), 3),
        evidence=evidence,
        form="footer",
    )


def _instagram(text: str) -> list[Footer]:
    return [f for m in _INSTAGRAM_ANCHOR.finditer(text) if (f := _instagram_at(text, m))]


def _facebook(text: str) -> list[Footer]:
    return [f for m in _FACEBOOK_ANCHOR.finditer(text) if (f := _facebook_at(text, m))]


def _mastodon(text: str) -> list[Footer]:
    return [_mastodon_at(text, m) for m in _MASTODON.finditer(text)]


def _threads(text: str) -> list[Footer]:
    found = []
    at = text.find(_THREADS)
    while at >= 0:
        footer = _threads_at(text, at)
        if footer is not None:
            found.append(footer)
        at = text.find(_THREADS, at + len(_THREADS))
    return found


def _tiktok(text: str) -> list[Footer]:
    found: list[Footer] = []
    lo = 0
    at = text.find(_SOUND)
    while at >= 0:
        footer = _tiktok_at(text, at, lo)
        if footer is not None:
            found.append(footer)
            lo = footer.end
        else:
            lo = at + 1
        at = text.find(_SOUND, max(lo, at + 1))
    return found


@attrs.frozen
class Finder:
    find: Callable[[str], list[Footer]]
    triggers: Literals  # one of them occurs in every footer it finds


FINDERS: tuple[Finder, ...] = (
    Finder(_instagram, Literals(*(loc.prefix for loc in INSTAGRAM_LOCALES))),
    Finder(_facebook, Literals(*(loc.marker for loc in FACEBOOK_LOCALES))),
    Finder(_mastodon, Literals("View on Mastodon")),
    Finder(_threads, Literals(_THREADS)),
    Finder(_tiktok, Literals(_SOUND)),
)
TRIGGERS = Literals(*(lit for finder in FINDERS for lit in finder.triggers))


def detect(
    text: str, floor: int = 0, hay: Haystack | None = None, claimed: Claimed = NOTHING
) -> list[Post]:
    """Posts known by their embed's footer; no body reaches back before `floor`."""
    hay = hay or Haystack.of(text)
    footers = [f for fd in FINDERS if hay.has_any(fd.triggers) for f in fd.find(text)]
    if not footers:
        return []
    footers.sort(key=lambda f: (f.start, f.end))
    ctx = Context(text, floor)
    posts: list[Post] = []
    lo = floor
    for footer in footers:
        first = footer.post_start if footer.post_start is not None else footer.start
        if first < lo:
            continue
        if not claimed.overlaps(footer.start, footer.end):  # else markup holds it
            posts.append(_to_post(ctx, footer, lo))
        lo = footer.end
    return posts
