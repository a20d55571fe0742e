"""Tests for the forensic checks SC501-SC505 (socialcheck/checks/forensics.py).

Posts are built by hand with real IDs from docs/embed-formats; each check must fire on an
altered date, ID, URL or handle and stay silent on the real one.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from socialcheck.checks import CHECKS, check, rule
from socialcheck.checks.forensics import FORENSIC_CHECKS, post_id
from socialcheck.config import Config
from socialcheck.model import Document, Finding, Post

UTC = dt.timezone.utc
NOW = dt.datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
TEXT = "Body text https://example.com/link — Jane Doe (@janedoe) March 5, 2026"

# Real (ID, date) pairs (docs/embed-formats).
X_ID = "1141401212492890113"  # embed: "June 19, 2019" (17:43:49 UTC)
X_URL = f"https://twitter.com/MeghanStabler/status/{X_ID}"
BSKY_RKEY = "3la4vfasktq27"  # 2024-11-04T14:09:48.819Z, shown "November 4, 2024 at 9:09 AM"
BSKY_DID_URL = f"https://bsky.app/profile/did:plc:pqeikn4fnyts5seuh5bazj7b/post/{BSKY_RKEY}"
MASTO_URL = "https://fosstodon.org/@rustnl/114505776215440277"  # 2025-05-14T10:44:45Z
TIKTOK_ID = "7477932044257889558"  # 2025-03-04
IG_URL = "https://www.instagram.com/p/DHtWpRvMBiw/"  # 2025-03-27T15:58:09.6Z


def post(**kw: Any) -> Post:
    fields: dict[str, Any] = {
        "platform": "twitter",
        "span": (0, len(TEXT)),
        "signature_span": (35, len(TEXT)),
        "handle": "MeghanStabler",
        "date": dt.date(2019, 6, 19),
        "status_id": X_ID,
        "url": X_URL,
        "body": "Body text",
    }
    fields.update(kw)
    return Post(**fields)


def doc(*posts: Post, article_date: dt.date | None = None) -> Document:
    return Document(
        text=TEXT,
        article_date=article_date,
        article_date_source="argument" if article_date else None,
        posts=posts,
        segments=(),
        prose=TEXT,
    )


def run(
    *posts: Post, article_date: dt.date | None = None, now: dt.datetime = NOW, **config: Any
) -> list[Finding]:
    found = check(doc(*posts, article_date=article_date), now=now, config=Config(**config))
    return [f for f in found if f.code.startswith("SC5")]


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


# --------------------------------------------------------------------------- registry


def test_forensic_codes_names_and_severities() -> None:
    assert {c.code: (c.name, c.severity) for c in FORENSIC_CHECKS} == {
        "SC501": ("id-date-mismatch", "error"),
        "SC502": ("id-after-article", "error"),
        "SC503": ("impossible-id", "error"),
        "SC504": ("url-handle-mismatch", "warning"),
        "SC505": ("invalid-platform-handle", "warning"),
    }
    assert all(c in CHECKS for c in FORENSIC_CHECKS)
    assert [c.code for c in CHECKS] == sorted(c.code for c in CHECKS)
    assert rule("id-date-mismatch").code == "SC501"
    assert rule("sc505").name == "invalid-platform-handle"


def test_docs_cover_forensic_checks() -> None:
    root = Path(__file__).resolve().parent.parent / "docs"
    checks_md = (root / "checks.md").read_text(encoding="utf-8")
    forensics_md = (root / "forensics.md").read_text(encoding="utf-8")
    for cls in FORENSIC_CHECKS:
        assert re.search(rf"^## {cls.code} `{cls.name}`$", checks_md, re.MULTILINE), cls.code
        assert cls.code in forensics_md


def test_real_posts_are_clean() -> None:
    posts = [
        post(),
        post(platform="bluesky", handle="davidharting.com", date=dt.date(2024, 11, 4),
             status_id=BSKY_RKEY, url=BSKY_DID_URL),
        post(platform="mastodon", handle="rustnl@fosstodon.org", date=None, status_id=None,
             url=MASTO_URL),
        post(platform="tiktok", handle="mickbroer", date=None, status_id=TIKTOK_ID,
             url=f"https://www.tiktok.com/@mickbroer/video/{TIKTOK_ID}"),
        post(platform="instagram", handle="skep.association", date=dt.date(2025, 3, 27),
             status_id=None, url=IG_URL),
        post(platform="threads", handle="corentin_da_", date=None, status_id=None,
             url="https://www.threads.net/@corentin_da_/post/CuWPE6iNEx_"),
        post(platform="linkedin", handle=None, date=None, status_id=None,
             url="https://www.linkedin.com/embed/feed/update/urn:li:share:6728971807346561024"),
        post(platform="truthsocial", handle=None, date=None, status_id=None,
             url="https://truthsocial.com/@realDonaldTrump/108779000807761862/embed"),
    ]  # fmt: skip
    for p in posts:
        assert run(p, article_date=dt.date(2025, 6, 1)) == [], p.platform


def test_post_id_prefers_status_id_then_url() -> None:
    assert post_id(post()) == ("twitter", X_ID)
    assert post_id(post(status_id=None)) == ("twitter", X_ID)
    assert post_id(post(platform="mastodon", status_id=None, url=MASTO_URL)) == (
        "mastodon",
        "114505776215440277",
    )
    assert post_id(post(status_id=None, url=None)) is None
    assert post_id(post(status_id=None, url="https://example.com/")) is None


# --------------------------------------------------------------------------- SC501


def test_id_date_mismatch_x_real_date_passes() -> None:
    assert run(post()) == []


@pytest.mark.parametrize("day", [dt.date(2019, 6, 20), dt.date(2019, 6, 18), dt.date(2020, 6, 19)])
def test_id_date_mismatch_x_altered_date(day: dt.date) -> None:
    [f] = run(post(date=day))
    assert (f.code, f.name, f.severity) == ("SC501", "id-date-mismatch", "error")
    assert X_ID in f.message and "2019-06-19 17:43:49 UTC" in f.message
    assert "UTC date" in f.message
    assert f.span == (35, len(TEXT))


def test_id_date_mismatch_x_from_url_only() -> None:
    assert codes(run(post(status_id=None, date=dt.date(2019, 6, 20)))) == ["SC501"]
    assert run(post(status_id=None)) == []


def test_id_date_mismatch_pre_snowflake_anchor() -> None:
    # Tweet 20 (jack, 2006-03-21 20:50:14 UTC) is a TweetedAt anchor: exact.
    twenty = {"status_id": "20", "url": "https://twitter.com/jack/status/20", "handle": "jack"}
    assert run(post(date=dt.date(2006, 3, 21), **twenty)) == []
    assert codes(run(post(date=dt.date(2006, 3, 22), **twenty))) == ["SC501"]


def test_id_date_mismatch_pre_snowflake_uses_uncertainty() -> None:
    # 1000000 is estimated at 2006-12-12 13:11 UTC +- about 6 h: that day only.
    one_m = {"status_id": "1000000", "url": None, "handle": "jack"}
    assert run(post(date=dt.date(2006, 12, 12), **one_m)) == []
    assert codes(run(post(date=dt.date(2006, 12, 14), **one_m))) == ["SC501"]
    [f] = run(post(date=dt.date(2006, 12, 14), **one_m))
    assert "±" in f.message


@pytest.mark.parametrize(
    ("day", "fires"),
    [
        (dt.date(2024, 11, 4), False),  # UTC date, and the embed's UTC-5
        (dt.date(2024, 11, 5), False),  # UTC+10 is already November 5
        (dt.date(2024, 11, 3), True),  # even UTC-14 is November 4 00:09
        (dt.date(2024, 11, 6), True),
        (dt.date(2025, 11, 4), True),
    ],
)
def test_id_date_mismatch_bluesky_local_date(day: dt.date, fires: bool) -> None:
    p = post(platform="bluesky", handle="davidharting.com", date=day, status_id=BSKY_RKEY,
             url=BSKY_DID_URL)  # fmt: skip
    found = run(p)
    assert codes(found) == (["SC501"] if fires else [])
    if fires:
        assert "local date" in found[0].message


@pytest.mark.parametrize(
    ("day", "fires"),
    [
        (dt.date(2025, 3, 27), False),  # UTC, and US Pacific (08:58 PDT)
        (dt.date(2025, 3, 28), False),  # 05:58 on the 28th at UTC+14
        (dt.date(2025, 3, 26), True),  # even UTC-14 is 01:58 on the 27th
        (dt.date(2025, 3, 29), True),
    ],
)
def test_id_date_mismatch_instagram(day: dt.date, fires: bool) -> None:
    p = post(platform="instagram", handle="someone", date=day, status_id=None, url=IG_URL)
    assert codes(run(p)) == (["SC501"] if fires else [])


def test_id_date_mismatch_needs_date_and_decodable_id() -> None:
    assert run(post(date=None)) == []
    assert run(post(status_id="not-an-id", url=None, date=dt.date(2001, 1, 1))) == []
    assert run(post(platform="facebook", status_id="10153908777222475", url=None)) == []


# --------------------------------------------------------------------------- SC502


def _masto(**kw: Any) -> Post:
    fields: dict[str, Any] = {
        "platform": "mastodon",
        "handle": "rustnl@fosstodon.org",
        "date": None,
        "status_id": None,
        "url": MASTO_URL,
        "links": (MASTO_URL,),
        "link_spans": ((10, 34),),
    }
    fields.update(kw)
    return post(**fields)


def test_id_after_article_fires_without_a_shown_date() -> None:
    [f] = run(_masto(), article_date=dt.date(2025, 5, 12))
    assert (f.code, f.name, f.severity) == ("SC502", "id-after-article", "error")
    assert "2025-05-14 10:44:45 UTC" in f.message and "2 days after" in f.message
    assert f.span == (10, 34)  # the link that carries the ID


@pytest.mark.parametrize(
    "article", [dt.date(2025, 5, 13), dt.date(2025, 5, 14), dt.date(2026, 1, 1)]
)
def test_id_after_article_within_slack_passes(article: dt.date) -> None:
    assert run(_masto(), article_date=article) == []


def test_id_after_article_uses_date_slack() -> None:
    assert codes(run(_masto(), article_date=dt.date(2025, 5, 13), date_slack_days=0)) == ["SC502"]
    assert run(_masto(), article_date=dt.date(2025, 5, 10), date_slack_days=4) == []


def test_id_after_article_tiktok() -> None:
    p = post(platform="tiktok", handle="mickbroer", date=None, status_id=TIKTOK_ID, url=None)
    assert codes(run(p, article_date=dt.date(2025, 3, 1))) == ["SC502"]
    assert run(p, article_date=dt.date(2025, 3, 4)) == []


def test_id_after_article_needs_article_date() -> None:
    assert run(_masto(), article_date=None) == []


# --------------------------------------------------------------------------- SC503


@pytest.mark.parametrize("status_id", ["29700859248", "100000000000", "362387865599999"])
def test_impossible_x_id_in_scheme_gap(status_id: str) -> None:
    [f] = run(post(status_id=status_id, url=None, date=None))
    assert (f.code, f.name, f.severity) == ("SC503", "impossible-id", "error")
    assert "29700859247" in f.message and "362387865600000" in f.message


def test_impossible_x_id_beyond_64_bits() -> None:
    [f] = run(post(status_id=str(1 << 63), url=None, date=None))
    assert f.code == "SC503" and "64-bit" in f.message


def test_x_ids_around_the_gap_are_possible() -> None:
    for status_id in ("29700859247", "362387865600000", X_ID):
        assert "SC503" not in codes(run(post(status_id=status_id, url=None, date=None)))


def test_impossible_id_after_today() -> None:
    # 2047647522173104145 is a real post of 2026-04-24; "today" before that is impossible.
    real = post(status_id="2047647522173104145", url=None, date=None, handle="julien_c")
    assert run(real, now=dt.datetime(2026, 4, 24, 23, 0, tzinfo=UTC)) == []
    [f] = run(real, now=dt.datetime(2026, 4, 23, 12, 0, tzinfo=UTC))
    assert f.code == "SC503" and "after today (2026-04-23 UTC)" in f.message


def _tid(when: dt.datetime) -> str:
    n = int(when.timestamp() * 1_000_000) << 10
    return "".join("234567abcdefghijklmnopqrstuvwxyz"[(n >> s) & 31] for s in range(60, -5, -5))


def test_impossible_id_before_launch() -> None:
    # The last 2 characters are the random clock ID.
    assert _tid(dt.datetime(2024, 11, 4, 14, 9, 48, 819254, tzinfo=UTC))[:11] == BSKY_RKEY[:11]
    early = _tid(dt.datetime(2022, 6, 1, tzinfo=UTC))
    [f] = run(
        post(platform="bluesky", handle="a.bsky.social", date=None, status_id=early, url=None)
    )
    assert f.code == "SC503" and "before bluesky existed (2023-02-01)" in f.message
    masto_2015 = str(int(dt.datetime(2015, 6, 1, tzinfo=UTC).timestamp() * 1000) << 16)
    p = post(platform="mastodon", handle="a@b.org", date=None, status_id=masto_2015, url=None)
    assert codes(run(p)) == ["SC503"]
    tiktok_2015 = str(int(dt.datetime(2015, 6, 1, tzinfo=UTC).timestamp()) << 32)
    p = post(platform="tiktok", handle="someone", date=None, status_id=tiktok_2015, url=None)
    assert codes(run(p)) == ["SC503"]


def test_undecodable_ids_are_not_impossible() -> None:
    # Old sequential Mastodon IDs carry no time; Facebook IDs are not decoded at all.
    assert (
        run(post(platform="mastodon", handle="a@b.org", date=None, status_id="99664", url=None))
        == []
    )
    assert run(post(platform="facebook", status_id="123", url=None, date=None)) == []


# --------------------------------------------------------------------------- SC504


def test_url_handle_mismatch_fires_and_says_url_is_not_authoritative() -> None:
    links = {"links": (X_URL,), "link_spans": ((10, 34),)}
    [f] = run(post(handle="JaneDoe", **links))
    assert (f.code, f.name, f.severity) == ("SC504", "url-handle-mismatch", "warning")
    assert "'@MeghanStabler'" in f.message and "'@JaneDoe'" in f.message
    assert "not authoritative" in f.message and "renamed" in f.message
    assert f.span == (10, 34)


def test_url_handle_case_is_ignored() -> None:
    assert run(post(handle="meghanstabler")) == []
    assert run(post(handle="@MEGHANSTABLER")) == []


def test_url_handle_mismatch_needs_both_handles() -> None:
    assert run(post(handle=None)) == []
    assert run(post(url=f"https://x.com/i/web/status/{X_ID}", handle="JaneDoe")) == []
    assert run(post(url=None, handle="JaneDoe")) == []


def test_url_handle_bluesky() -> None:
    base = {"platform": "bluesky", "date": dt.date(2024, 11, 4), "status_id": BSKY_RKEY}
    # Embeds link the DID: nothing to compare.
    assert run(post(handle="someone.bsky.social", url=BSKY_DID_URL, **base)) == []
    by_handle = f"https://bsky.app/profile/davidharting.com/post/{BSKY_RKEY}"
    assert run(post(handle="DavidHarting.com", url=by_handle, **base)) == []
    assert codes(run(post(handle="someone.bsky.social", url=by_handle, **base))) == ["SC504"]


@pytest.mark.parametrize(
    ("handle", "url", "fires"),
    [
        ("rustnl@fosstodon.org", MASTO_URL, False),
        ("rustnl", MASTO_URL, False),
        ("RustNL@Fosstodon.org", MASTO_URL, False),
        ("rustnl@mastodon.social", MASTO_URL, True),
        ("rusty@fosstodon.org", MASTO_URL, True),
        ("rustnl@fosstodon.org", "https://mastodon.social/@rustnl@fosstodon.org/1145", False),
        ("rustnl@mastodon.social", "https://mastodon.social/@rustnl@fosstodon.org/1145", True),
    ],
)
def test_url_handle_mastodon(handle: str, url: str, fires: bool) -> None:
    p = post(platform="mastodon", handle=handle, date=None, status_id=None, url=url)
    assert ("SC504" in codes(run(p))) == fires


# --------------------------------------------------------------------------- SC505


@pytest.mark.parametrize(
    ("platform", "handle"),
    [
        ("bluesky", "davidharting.com"),
        ("bluesky", "kaspth.bsky.social"),
        ("bluesky", "DavidHarting.com"),
        ("bluesky", "oppi.li"),
        ("bluesky", "handle.invalid"),
        ("bluesky", "did:plc:pqeikn4fnyts5seuh5bazj7b"),
        ("mastodon", "rustnl@fosstodon.org"),
        ("mastodon", "user_1"),
        ("mastodon", "first.last@example.social"),
        ("truthsocial", "realDonaldTrump"),
        ("instagram", "skep.association"),
        ("instagram", "tylerxhobbs"),
        ("instagram", "a"),
        ("instagram", "a" * 30),
        ("threads", "corentin_da_"),
        ("tiktok", "mickbroer"),
        ("tiktok", "mick.broer_1"),
        ("twitter", "jane-doe"),  # X handles are SC201's
        ("facebook", "Joseph Romm"),  # no rule for Facebook names
    ],
)
def test_valid_platform_handles(platform: str, handle: str) -> None:
    assert "SC505" not in codes(
        run(post(platform=platform, handle=handle, url=None, status_id=None))
    )


@pytest.mark.parametrize(
    ("platform", "handle", "why"),
    [
        ("bluesky", "david harting.com", "domain name"),
        ("bluesky", "davidharting", "domain name"),
        ("bluesky", "-david.bsky.social", "domain name"),
        ("bluesky", "david.123", "domain name"),
        ("bluesky", "a" * 64 + ".com", "domain name"),
        ("bluesky", "myhandle.local", ".local"),
        ("bluesky", "secret.onion", ".onion"),
        ("bluesky", "did:PLC:abc", "DID"),
        ("mastodon", "rust nl@fosstodon.org", "user name"),
        ("mastodon", "rustnl@fosstodon", "instance"),
        ("mastodon", "rustnl@@fosstodon.org", "instance"),
        ("truthsocial", "real donald", "user name"),
        ("instagram", ".abc", "dot"),
        ("instagram", "abc.", "dot"),
        ("instagram", "a..b", "dot"),
        ("instagram", "a" * 31, "1-30"),
        ("instagram", "ab-c", "1-30"),
        ("threads", "ab-c", "1-30"),
        ("tiktok", "mick-broer", "1-24"),
        ("tiktok", "mick.", "dot"),
        ("tiktok", "a" * 25, "1-24"),
    ],
)
def test_invalid_platform_handles(platform: str, handle: str, why: str) -> None:
    found = [f for f in run(post(platform=platform, handle=handle, url=None, status_id=None))
             if f.code == "SC505"]  # fmt: skip
    assert len(found) == 1, found
    [f] = found
    assert (f.name, f.severity) == ("invalid-platform-handle", "warning")
    assert repr(handle) in f.message and why in f.message
    assert f.span == (35, len(TEXT))


def test_forensic_checks_can_be_disabled() -> None:
    bad = post(date=dt.date(2019, 6, 20), handle="JaneDoe")
    assert codes(run(bad)) == ["SC501", "SC504"]
    assert codes(run(bad, disable={"id-date-mismatch", "SC504"})) == []
