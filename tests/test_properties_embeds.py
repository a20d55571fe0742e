"""Property tests: generated posts rendered as embed markup and CMS shortcodes round-trip.

Random posts (handles, display names, bodies, dates, IDs consistent with the dates) are
rendered as the platforms' own embed markup (../shared/docs/embed-formats.md 3.a X,
4.a Bluesky, 7.a Instagram old and v14) between HTML `<p>` paragraphs, or as Hugo and
Jekyll shortcodes (section 16) between Markdown paragraphs, and parsed with
`parse(text, kind="html")` / `parse(text, kind="markdown")`. Checked field for field:
platform, handle, display name and date (where the markup shows them), body (white-space
runs collapsed; the markup's entities decoded), status id; each post's span is exactly
the rendered embed (blockquote through its widget script, or the shortcode text); one
post per embed; segments join to the input.

No network. The example database is off so that the run writes no files.
"""

from __future__ import annotations

import datetime as dt
import html
import string
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from socialcheck import Document, decode_id_time, parse

# Budget: the whole file runs in well under a minute on two cores.
SETTINGS = settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

UTC = dt.timezone.utc
PACIFIC = ZoneInfo("America/Los_Angeles")
TWEPOCH_MS = 1288834974657  # 2010-11-04T01:42:54.657Z (docs/embed-formats 3.f)
INSTAGRAM_EPOCH_MS = 1314220021721  # 2011-08-24T21:07:01.721Z (7.f)
B32_SORTABLE = "234567abcdefghijklmnopqrstuvwxyz"  # Bluesky TIDs (4.f)
B64URL = string.ascii_uppercase + string.ascii_lowercase + string.digits + "-_"
# fmt: off
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]
# fmt: on
LIMIT_CHANGE = dt.date(2017, 11, 7)  # X: 140 characters before, 280 after

HANDLE_CHARS = string.ascii_letters + string.digits + "_"
LOWER = string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits

# --------------------------------------------------------------------------- people

# X's own top-level paths (`x.com/home`, `x.com/i/…`, legacy `/statuses/<id>`): no account
# can hold these names. Mirrors the route list of socialcheck/platforms/urls.py except
# `premium`, which is a real account (test_x_account_named_like_a_route below).
# fmt: off
X_ROUTES = frozenset([
    "i", "home", "explore", "search", "notifications", "messages", "settings", "login",
    "logout", "signup", "tos", "privacy", "intent", "share", "hashtag", "compose", "account",
    "download", "jobs", "about", "help", "lists", "bookmarks", "communities", "topics",
    "following", "followers", "oauth", "who_to_follow", "user_spam_reports", "statuses",
    "status", "widgets", "embed", "session", "rules",
])
# fmt: on

# X handles: 1-15 of [A-Za-z0-9_] (docs/embed-formats 3.e), other than X's routes.
x_handles = st.text(alphabet=HANDLE_CHARS, min_size=1, max_size=15).filter(
    lambda h: h.lower() not in X_ROUTES
)


@st.composite
def bsky_handles(draw: Any) -> str:
    """`<name>.bsky.social`: 3-18 lowercase letters and digits, inner hyphens (4.e)."""
    labels = draw(
        st.lists(st.text(alphabet=LOWER + string.digits, min_size=1, max_size=8), min_size=1,
                 max_size=3)
    )  # fmt: skip
    name = "-".join(labels)[:18].strip("-")
    return f"{name.ljust(3, 'x')}.bsky.social"


@st.composite
def ig_handles(draw: Any) -> str:
    """1-30 of [a-z0-9._], no leading, trailing or doubled `.` (7.e)."""
    words = draw(
        st.lists(
            st.text(alphabet=LOWER + string.digits + "_", min_size=1, max_size=8),
            min_size=1,
            max_size=3,
        )
    )
    return ".".join(words)[:30].strip(".")


lower_word = st.text(alphabet=LOWER, min_size=1, max_size=9)
cap_word = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(string.ascii_uppercase),
    st.text(alphabet=LOWER, max_size=8),
)
NAME_EMOJI = ["😀", "🦉", "✨", "🇺🇸", "👍🏽", "🚀🚀"]
NAME_SYMBOLS = ["&", "<3", "<", "<Co>", "A&B"]
name_piece = st.one_of(
    cap_word, cap_word, cap_word, lower_word, st.sampled_from(NAME_EMOJI),
    st.sampled_from(NAME_SYMBOLS),
)  # fmt: skip


@st.composite
def display_names(draw: Any, max_len: int = 50) -> str:
    """Letters, spaces, emoji, a comma, `&` and `<` (escaped when rendered in HTML)."""
    parts = draw(st.lists(name_piece, min_size=1, max_size=4))
    name = parts[0]
    for part in parts[1:]:
        name += draw(st.sampled_from([" ", " ", ", "])) + part
    return name[:max_len].strip(" ,") or parts[0]


# --------------------------------------------------------------------------- bodies

BODY_EXTRAS = [
    "&", "AT&T", "<", "a<b", "<3", '"quoted"', "\u201ccurly\u201d", "it's", "'single'",
    "🦉", "🚀🚀", "👍🏽", "café", "naïve", "NASA",
]  # fmt: skip
body_word = st.one_of(lower_word, lower_word, lower_word, st.sampled_from(BODY_EXTRAS))


@attrs.frozen
class Tok:
    """One word of a body: plain text, a mention or a hashtag (linked in X markup)."""

    kind: str  # "text" | "mention" | "hashtag"
    value: str  # for mentions and hashtags, without the `@` / `#`

    @property
    def plain(self) -> str:
        return {"text": "", "mention": "@", "hashtag": "#"}[self.kind] + self.value


hashtags = st.text(alphabet=ALNUM, min_size=1, max_size=12).filter(lambda t: t[0].isalpha())


@st.composite
def sentences(draw: Any, mentions: Any) -> list[Tok]:
    """A capitalised sentence of 2-10 words, maybe with a mention and a hashtag inside."""
    first = draw(cap_word.filter(lambda w: len(w) >= 2))
    middle = [Tok("text", w) for w in draw(st.lists(body_word, max_size=7))]
    last = draw(lower_word) + draw(st.sampled_from(".!?"))
    if draw(st.booleans()):
        middle.insert(draw(st.integers(0, len(middle))), Tok("mention", draw(mentions)))
    if draw(st.booleans()):
        tag = draw(hashtags)
        middle.insert(draw(st.integers(0, len(middle))), Tok("hashtag", tag))
    return [Tok("text", first), *middle, Tok("text", last)]


@attrs.frozen
class Body:
    sentences: tuple[tuple[Tok, ...], ...]
    pic: str | None = None  # `pic.twitter.com/<10 alnum>` (X only)

    @property
    def plain(self) -> str:
        """The text as the post shows it, without the media link."""
        return " ".join(" ".join(t.plain for t in s) for s in self.sentences)


@st.composite
def bodies(draw: Any, mentions: Any, max_len: int, pic: bool = False) -> Body:
    sents = draw(st.lists(sentences(mentions), min_size=1, max_size=3))
    body = Body(tuple(tuple(s) for s in sents))
    if len(body.plain) > max_len:  # keep the whole first sentence: still a valid post
        body = Body(body.sentences[:1])
    media = None
    if pic and draw(st.booleans()):
        media = "pic.twitter.com/" + draw(st.text(alphabet=ALNUM, min_size=10, max_size=10))
    return attrs.evolve(body, pic=media)


def collapse(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


# --------------------------------------------------------------------------- IDs


def x_snowflake(when: dt.datetime, low_bits: int) -> str:
    """`(ms since twepoch) << 22 | datacenter, worker, sequence` (docs/embed-formats 3.f)."""
    ms = int(when.timestamp() * 1000)
    return str(((ms - TWEPOCH_MS) << 22) | low_bits)


def bluesky_tid(when: dt.datetime, clock_id: int) -> str:
    """13 base32-sortable digits of `µs since the Unix epoch << 10 | clock id` (4.f)."""
    micros = int(when.timestamp()) * 1_000_000 + when.microsecond
    n = (micros << 10) | clock_id
    return "".join(B32_SORTABLE[(n >> (5 * (12 - i))) & 31] for i in range(13))


def instagram_shortcode(when: dt.datetime, low_bits: int) -> str:
    """Base64url digits of `(ms since the Instagram epoch) << 23 | shard, sequence` (7.f)."""
    media = ((int(when.timestamp() * 1000) - INSTAGRAM_EPOCH_MS) << 23) | low_bits
    digits = ""
    while media:
        digits = B64URL[media & 63] + digits
        media >>= 6
    return digits


def utc_times(lo: dt.date, hi: dt.date) -> Any:
    return st.datetimes(
        dt.datetime.combine(lo, dt.time()), dt.datetime.combine(hi, dt.time(23, 59, 59))
    ).map(lambda t: t.replace(tzinfo=UTC))


def long_date(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def clock(when: dt.datetime, space: str, *, upper: bool = True) -> str:
    hour = when.hour % 12 or 12
    half = "AM" if when.hour < 12 else "PM"
    return f"{hour}:{when.minute:02d}{space}{half if upper else half.lower()}"


# --------------------------------------------------------------------------- expectations


@attrs.frozen
class Expected:
    """One rendered embed: its markup and the fields `parse` must give back."""

    markup: str
    platform: str
    handle: str | None
    display_name: str | None
    date: dt.date | None
    body: str | None
    status_id: str | None
    links: tuple[str, ...] | None = None  # None: not checked
    form: str | None = None


def fields(post: Any, want: Expected) -> tuple[Any, ...]:
    return (
        post.platform,
        post.handle,
        post.display_name,
        post.date,
        collapse(post.body),
        post.status_id,
        post.links if want.links is not None else None,
        post.form if want.form is not None else None,
    )


def wanted(want: Expected) -> tuple[Any, ...]:
    return (
        want.platform,
        want.handle,
        want.display_name,
        want.date,
        collapse(want.body),
        want.status_id,
        want.links,
        want.form,
    )


def assert_segments(text: str, doc: Document) -> None:
    segs = doc.segments
    assert "".join(s.text for s in segs) == text
    pos = 0
    for seg in segs:
        assert seg.start == pos and seg.text == text[seg.start : seg.end]
        pos = seg.end
    assert pos == len(text)
    post_segs = [s for s in segs if s.kind == "post"]
    assert [(s.start, s.end) for s in post_segs] == [p.span for p in doc.posts]
    assert [s.post_index for s in post_segs] == list(range(len(doc.posts)))


def assert_round_trip(
    text: str, doc: Document, embeds: list[tuple[int, Expected]], prose: list[str]
) -> None:
    """`embeds`: each rendered embed with the offset it was placed at; `prose`: the
    visible text of the paragraphs around them."""
    assert_segments(text, doc)
    for para in prose:
        assert para in doc.prose
    want_spans = [(at, at + len(e.markup)) for at, e in embeds]
    got_spans = [p.span for p in doc.posts]
    assert got_spans == want_spans, [text[a:b] for a, b in got_spans]
    for post, (_at, want) in zip(doc.posts, embeds, strict=True):
        assert fields(post, want) == wanted(want)


def article(
    paragraphs: list[str], embeds: list[Expected], sep: str = "\n\n", head: str = "", tail: str = ""
) -> tuple[str, list[tuple[int, Expected]]]:
    """paragraph, embed, paragraph, ... joined by `sep`; the offset of each embed."""
    text = head + paragraphs[0]
    placed = []
    for embed, para in zip(embeds, paragraphs[1:], strict=True):
        text += sep
        placed.append((len(text), embed))
        text += embed.markup + sep + para
    return text + tail, placed


# --------------------------------------------------------------------------- prose

CUE_WORDS = ["said", "says", "tweeted", "posted", "wrote", "online", "twitter", "statement"]
prose_word = st.one_of(*[lower_word] * 6, st.sampled_from(CUE_WORDS))


@st.composite
def prose_sentence(draw: Any) -> str:
    first = draw(cap_word.filter(lambda w: len(w) >= 2))
    return " ".join([first, *draw(st.lists(prose_word, min_size=7, max_size=19))]) + "."


prose_text = st.lists(prose_sentence(), min_size=2, max_size=4).map(" ".join)
HTML_SHELLS = [
    ("", ""),
    ("<!DOCTYPE html>\n<html><body><article>\n", "\n</article></body></html>\n"),
    ('<div class="entry-content">\n', "\n</div>\n"),
]

# --------------------------------------------------------------------------- X markup

X_WIDGETS = [
    '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>',
    '<script async src="https://platform.x.com/widgets.js" charset="utf-8"></script>',
    '<script async src="//platform.twitter.com/widgets.js" charset="utf-8"></script>',
]
X_ATTRS = ["", ' data-lang="en"', ' data-dnt="true"', ' data-theme="dark"']


def x_body_html(body: Body, host: str, br: str) -> str:
    def tok(t: Tok) -> str:
        if t.kind == "mention":
            return f'<a href="https://{host}/{t.value}?ref_src=twsrc%5Etfw">@{t.value}</a>'
        if t.kind == "hashtag":
            href = f"https://{host}/hashtag/{t.value}?src=hash&amp;ref_src=twsrc%5Etfw"
            return f'<a href="{href}">#{t.value}</a>'
        return html.escape(t.value)

    out = br.join(" ".join(tok(t) for t in s) for s in body.sentences)
    if body.pic:
        out += f' <a href="https://t.co/{body.pic[-10:]}">{body.pic}</a>'
    return out


@st.composite
def x_embeds(
    draw: Any, host: str | None = None, dash: str | None = None, handles: Any = x_handles
) -> Expected:
    when = draw(utc_times(dt.date(2011, 1, 1), dt.date(2026, 12, 31)))
    handle = draw(handles)
    name = draw(display_names())
    limit = 140 if when.date() < LIMIT_CHANGE else 280
    body = draw(bodies(x_handles, limit, pic=True))
    status_id = x_snowflake(when, draw(st.integers(0, (1 << 22) - 1)))
    host = host or draw(st.sampled_from(["twitter.com", "x.com"]))
    dash = dash or draw(st.sampled_from(["&mdash;", "\u2014"]))
    ref = draw(st.sampled_from(["?ref_src=twsrc%5Etfw", ""]))
    br = draw(st.sampled_from([" ", "<br><br>", "<br>"]))
    classes = draw(st.sampled_from(["twitter-tweet", "twitter-tweet tw-align-center"]))
    markup = (
        f'<blockquote class="{classes}"{draw(st.sampled_from(X_ATTRS))}>'
        f'<p lang="en" dir="ltr">{x_body_html(body, host, br)}</p>'
        f"{dash} {html.escape(name)} (@{handle}) "
        f'<a href="https://{host}/{handle}/status/{status_id}{ref}">{long_date(when.date())}</a>'
        "</blockquote>"
    )
    script = draw(st.sampled_from([None, *X_WIDGETS]))
    if script is not None:
        markup += draw(st.sampled_from([" ", "\n", ""])) + script
    return Expected(
        markup=markup,
        platform="twitter",
        handle=handle,
        display_name=name,
        date=when.date(),
        body=body.plain,
        status_id=status_id,
        links=(body.pic,) if body.pic else (),
        form="html-embed",
    )


# --------------------------------------------------------------------------- Bluesky markup

BSKY_SCRIPT = '<script async src="https://embed.bsky.app/static/embed.js" charset="utf-8"></script>'


@st.composite
def bluesky_embeds(draw: Any) -> Expected:
    when = draw(utc_times(dt.date(2023, 2, 1), dt.date(2026, 12, 31)))
    handle = draw(bsky_handles())
    name = draw(st.one_of(st.just(""), display_names(max_len=64)))
    body = draw(bodies(bsky_handles(), 300))
    rkey = bluesky_tid(when, draw(st.integers(0, 1023)))
    did = "did:plc:" + draw(st.text(alphabet=LOWER + "234567", min_size=24, max_size=24))
    # The date and time in the embedder's time zone (docs/embed-formats 4.c).
    offset = dt.timedelta(minutes=15 * draw(st.integers(-12 * 4, 14 * 4)))
    local = when + offset
    month = MONTHS[local.month - 1]
    month = draw(st.sampled_from([month, month[:3]]))
    space = draw(st.sampled_from([" ", "\u202f"]))  # ICU >= 72 puts U+202F before AM/PM
    shown = f"{month} {local.day}, {local.year} at {clock(local, space)}"
    text = draw(st.sampled_from([" ", "\n\n", "\n"])).join(
        " ".join(t.plain for t in s) for s in body.sentences
    )
    profile = f"https://bsky.app/profile/{did}"
    markup = (
        f'<blockquote class="bluesky-embed" data-bluesky-uri="at://{did}/app.bsky.feed.post/'
        f'{rkey}" data-bluesky-cid="bafyrei{rkey}" data-bluesky-embed-color-mode="system">'
        f'<p lang="en">{html.escape(text)}</p>&mdash; {html.escape(name or handle)} '
        f'(<a href="{profile}?ref_src=embed">@{handle}</a>) '
        f'<a href="{profile}/post/{rkey}?ref_src=embed">{shown}</a></blockquote>'
    )
    if draw(st.booleans()):
        markup += BSKY_SCRIPT
    return Expected(
        markup=markup,
        platform="bluesky",
        handle=handle,
        display_name=name or handle,  # the app shows the handle for an empty name
        date=local.date(),
        body=body.plain,
        status_id=rkey,
        form="html-embed",
    )


# --------------------------------------------------------------------------- Instagram markup

IG_SCRIPTS = [
    '<script async defer src="//www.instagram.com/embed.js"></script>',
    '<script async src="//platform.instagram.com/en_US/embeds.js"></script>',
    '<script async src="https://www.instagram.com/embed.js"></script>',
]
IG_BOX = (
    ' style=" background:#FFF; border:0; border-radius:3px; box-shadow:0 0 1px 0 '
    "rgba(0,0,0,0.5),0 1px 10px 0 rgba(0,0,0,0.15); margin: 1px; max-width:540px; "
    'min-width:326px; padding:0; width:99.375%;"'
)
IG_PREVIEW_OLD = (
    '<div style="padding:8px;"> <div style=" background:#F8F8F8; line-height:0; '
    'margin-top:40px; padding:50.0% 0; text-align:center; width:100%;"> <div style=" '
    "display:block; height:44px; margin:0 auto -44px; position:relative; top:-22px; "
    'width:44px;"></div></div>'
)
IG_VIEW = (
    '<div style="padding-top: 8px;"> <div style=" color:#3897F0; font-family:Arial,'
    'sans-serif; font-size:14px; font-style:normal; font-weight:550; line-height:18px;">'
    " View this post on Instagram</div></div>"
)
IG_TEXT = ' style=" color:#c9c8cd; font-family:Arial,sans-serif; font-size:14px;"'
IG_LEADS = ["A post shared by", "A photo posted by", "A video posted by"]


def ig_permalink(code: str) -> str:
    return f"https://www.instagram.com/p/{code}/?utm_source=ig_embed&amp;utm_campaign=loading"


@st.composite
def instagram_parts(draw: Any) -> tuple[dt.datetime, str, str, str]:
    when = draw(utc_times(dt.date(2011, 9, 1), dt.date(2026, 12, 31)))
    code = instagram_shortcode(when, draw(st.integers(0, (1 << 23) - 1)))
    return when, code, draw(ig_handles()), draw(display_names(max_len=30))


@st.composite
def instagram_old_embeds(draw: Any) -> Expected:
    """v7-v12: caption paragraph and `A post shared by <a>Name</a> (@h) on <time>` (7.a)."""
    when, code, handle, name = draw(instagram_parts())
    body = draw(bodies(ig_handles(), 2200))
    caption = draw(st.sampled_from([" ", "\n", "<br>"])).join(
        html.escape(" ".join(t.plain for t in s)) for s in body.sentences
    )
    pacific = when.astimezone(PACIFIC)
    shown = (
        f"{MONTHS[pacific.month - 1][:3]} {pacific.day}, {pacific.year} at "
        f"{clock(pacific, '', upper=False)} {pacific.tzname()}"
    )
    version = draw(st.sampled_from(["7", "8", "12"]))
    view = IG_VIEW if version == "12" else ""
    markup = (
        f'<blockquote class="instagram-media" data-instgrm-captioned '
        f'data-instgrm-permalink="{ig_permalink(code)}" data-instgrm-version="{version}"{IG_BOX}>'
        f"{IG_PREVIEW_OLD}{view} "
        f'<p style=" margin:8px 0 0 0; padding:0 4px;"> <a href="{ig_permalink(code)}"'
        f' target="_blank">{caption}</a></p> '
        f"<p{IG_TEXT}>{draw(st.sampled_from(IG_LEADS))} "
        f'<a href="https://www.instagram.com/{handle}/" target="_blank"> {html.escape(name)}</a>'
        f' (@{handle}) on <time style=" font-family:Arial,sans-serif;"'
        f' datetime="{when.replace(microsecond=0).isoformat()}">{shown}</time></p></div>'
        "</blockquote>"
    )
    if draw(st.booleans()):
        markup += draw(st.sampled_from([" ", "\n", "\r\n"])) + draw(st.sampled_from(IG_SCRIPTS))
    return Expected(
        markup=markup,
        platform="instagram",
        handle=handle,
        display_name=name,
        date=when.date(),  # the UTC date of `datetime`, not the Pacific date shown
        body=body.plain,
        status_id=code,
        form="html-embed",
    )


@st.composite
def instagram_v14_embeds(draw: Any) -> Expected:
    """v14: no caption, no date; `A post shared by Name (@h)` in a link (7.a)."""
    when, code, handle, name = draw(instagram_parts())
    markup = (
        f'<blockquote class="instagram-media" data-instgrm-captioned '
        f'data-instgrm-permalink="{ig_permalink(code)}" data-instgrm-version="14"{IG_BOX}>'
        f'<div style="padding:16px;"> <a href="{ig_permalink(code)}" style=" background:#FFFFFF;'
        f' line-height:0; padding:0 0; text-align:center;" target="_blank"> {IG_VIEW}</a>'
        f'<p{IG_TEXT}><a href="{ig_permalink(code)}" target="_blank">A post shared by '
        f"{html.escape(name)} (@{handle})</a></p></div></blockquote>"
    )
    if draw(st.booleans()):
        markup += draw(st.sampled_from([" ", "\n"])) + IG_SCRIPTS[0]
    return Expected(
        markup=markup,
        platform="instagram",
        handle=handle,
        display_name=name,
        date=None,
        body=None,
        status_id=code,
        form="html-widget",
    )


# --------------------------------------------------------------------------- shortcodes


@st.composite
def x_times_and_ids(draw: Any) -> tuple[dt.datetime, str]:
    when = draw(utc_times(dt.date(2011, 1, 1), dt.date(2026, 12, 31)))
    return when, x_snowflake(when, draw(st.integers(0, (1 << 22) - 1)))


@st.composite
def hugo_shortcodes(draw: Any, name: str | None = None, handles: Any = x_handles) -> Expected:
    """`{{< tweet user="h" id="…" >}}` / `{{< x user="h" id="…" >}}` (section 16)."""
    _when, status_id = draw(x_times_and_ids())
    handle = draw(handles)
    name = name or draw(st.sampled_from(["tweet", "x"]))
    params = [f'user="{handle}"', f'id="{status_id}"']
    if draw(st.booleans()):
        params.reverse()
    markup = "{{< " + name + " " + " ".join(params) + " >}}"
    return Expected(markup, "twitter", handle, None, None, None, status_id, form="shortcode")


@st.composite
def jekyll_tags(draw: Any, handles: Any = x_handles) -> Expected:
    """`{% twitter https://twitter.com/<user>/status/<id> %}` (jekyll-twitter-plugin)."""
    _when, status_id = draw(x_times_and_ids())
    handle = draw(handles)
    options = draw(st.sampled_from(["", " maxwidth=500 align=right"]))
    markup = f"{{% twitter https://twitter.com/{handle}/status/{status_id}{options} %}}"
    return Expected(markup, "twitter", handle, None, None, None, status_id, form="shortcode")


FRONT_MATTER = ["", "---\ntitle: Notes from the council\ndate: 2026-03-05\n---\n\n"]


# --------------------------------------------------------------------------- the generators


@SETTINGS
@given(data=st.data())
def test_generated_ids_encode_their_dates(data: st.DataObject) -> None:
    """The generators' IDs decode, with the package's own decoders, to the post's time."""
    when = data.draw(utc_times(dt.date(2011, 9, 1), dt.date(2026, 12, 31)))
    low = data.draw(st.integers(0, (1 << 22) - 1))
    for platform, post_id, precision in (
        ("twitter", x_snowflake(when, low), dt.timedelta(milliseconds=1)),
        ("bluesky", bluesky_tid(when, low & 1023), dt.timedelta(microseconds=1)),
        ("instagram", instagram_shortcode(when, low), dt.timedelta(milliseconds=1)),
    ):
        decoded = decode_id_time(platform, post_id)
        assert decoded is not None, (platform, post_id)
        assert abs(decoded.time - when) < precision, (platform, post_id, decoded.time, when)


# --------------------------------------------------------------------------- HTML embeds


def check_html(data: st.DataObject, embeds: list[Expected]) -> None:
    """The embeds between `<p>` paragraphs (maybe in a page shell), parsed as HTML."""
    prose = data.draw(st.lists(prose_text, min_size=len(embeds) + 1, max_size=len(embeds) + 1))
    head, tail = data.draw(st.sampled_from(HTML_SHELLS))
    sep = data.draw(st.sampled_from(["\n\n", "\n", ""]))
    paragraphs = [f"<p>{html.escape(p, quote=False)}</p>" for p in prose]
    text, placed = article(paragraphs, embeds, sep=sep, head=head, tail=tail)
    assert_round_trip(text, parse(text, kind="html"), placed, prose)


@pytest.mark.parametrize(
    ("host", "dash"),
    [("twitter.com", "&mdash;"), ("x.com", "&mdash;"), ("twitter.com", "\u2014"),
     ("x.com", "\u2014")],
)  # fmt: skip
@SETTINGS
@given(data=st.data())
def test_x_blockquote_round_trip(host: str, dash: str, data: st.DataObject) -> None:
    check_html(data, [data.draw(x_embeds(host=host, dash=dash))])


@SETTINGS
@given(data=st.data())
def test_bluesky_blockquote_round_trip(data: st.DataObject) -> None:
    check_html(data, [data.draw(bluesky_embeds())])


@SETTINGS
@given(data=st.data())
def test_instagram_old_round_trip(data: st.DataObject) -> None:
    check_html(data, [data.draw(instagram_old_embeds())])


@SETTINGS
@given(data=st.data())
def test_instagram_v14_round_trip(data: st.DataObject) -> None:
    check_html(data, [data.draw(instagram_v14_embeds())])


any_html_embed = st.one_of(
    x_embeds(), bluesky_embeds(), instagram_old_embeds(), instagram_v14_embeds()
)


@SETTINGS
@given(data=st.data())
def test_mixed_html_article_round_trip(data: st.DataObject) -> None:
    check_html(data, data.draw(st.lists(any_html_embed, min_size=2, max_size=4)))


# --------------------------------------------------------------------------- shortcodes


def check_markdown(data: st.DataObject, embeds: list[Expected]) -> None:
    """The shortcodes between plain paragraphs (maybe after front matter), as Markdown."""
    prose = data.draw(st.lists(prose_text, min_size=len(embeds) + 1, max_size=len(embeds) + 1))
    text, placed = article(prose, embeds, head=data.draw(st.sampled_from(FRONT_MATTER)))
    assert_round_trip(text, parse(text, kind="markdown"), placed, prose)


@pytest.mark.parametrize("name", ["tweet", "x"])
@SETTINGS
@given(data=st.data())
def test_hugo_shortcode_round_trip(name: str, data: st.DataObject) -> None:
    check_markdown(data, [data.draw(hugo_shortcodes(name))])


@SETTINGS
@given(data=st.data())
def test_jekyll_twitter_tag_round_trip(data: st.DataObject) -> None:
    check_markdown(data, [data.draw(jekyll_tags())])


@SETTINGS
@given(data=st.data())
def test_mixed_markdown_article_round_trip(data: st.DataObject) -> None:
    embeds = st.lists(st.one_of(hugo_shortcodes(), jekyll_tags()), min_size=2, max_size=4)
    check_markdown(data, data.draw(embeds))


# ------------------------------------------------------------------ names like routes

# @premium is X's own Premium account (e.g. https://twitter.com/premium/status/
# 1758837061786779942), although `premium` is also a route of x.com: a handle before
# /status/ is an account whatever else the word names.
account_named_like_a_route = st.sampled_from(["premium", "Premium"])


@pytest.mark.parametrize("markup", ["blockquote", "hugo", "jekyll"])
@settings(SETTINGS, max_examples=10, phases=[Phase.generate])
@given(data=st.data())
def test_x_account_named_like_a_route(markup: str, data: st.DataObject) -> None:
    handles = account_named_like_a_route
    if markup == "blockquote":
        check_html(data, [data.draw(x_embeds(handles=handles))])
    elif markup == "hugo":
        check_markdown(data, [data.draw(hugo_shortcodes(handles=handles))])
    else:
        check_markdown(data, [data.draw(jekyll_tags(handles=handles))])
