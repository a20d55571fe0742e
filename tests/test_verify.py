"""Online verification (socialcheck.verify) against a fake of every platform on 127.0.0.1.

No test reaches the internet: every endpoint points at tests/fake_platforms.py, and
an autouse fixture makes any name lookup other than the loopback fail loudly.
Timeouts are half a second; the slow-response fault answers after five seconds, so
only a timeout can end it early.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import socket
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("httpx")

import socialcheck  # noqa: E402
from socialcheck import Config, Document, Post  # noqa: E402
from socialcheck.verify import (  # noqa: E402
    DEFAULT_ENDPOINTS,
    ENDPOINT_NAMES,
    USER_AGENT,
    VerifyResult,
    verify_documents,
)
from socialcheck.verify import _compare as cmp  # noqa: E402
from socialcheck.verify._allowlist import Allowlist, Refused, is_public  # noqa: E402
from socialcheck.verify._cache import Cache, default_cache_path  # noqa: E402
from socialcheck.verify._client import _Bucket, _reset_in, retry_after  # noqa: E402
from socialcheck.verify._endpoints import resolve_endpoints  # noqa: E402

try:
    from . import fake_platforms as fp
except ImportError:
    import fake_platforms as fp  # type: ignore[no-redef]

UTC = dt.timezone.utc
DAY = dt.date(2024, 3, 5)
NOON = dt.datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
SID = fp.snowflake(NOON)
TEXT = "Hello world, this is a post about the budget vote & what comes next"


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(autouse=True)
def no_internet(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any name lookup but the loopback fails; the names asked for are recorded."""
    return fp.guard_name_lookups(monkeypatch)


@pytest.fixture
def fake() -> Iterator[fp.FakePlatforms]:
    with fp.FakePlatforms() as server:
        yield server


def doc_of(*posts: Post) -> Document:
    text = "x" * 400
    return Document(
        text=text,
        article_date=None,
        article_date_source=None,
        posts=tuple(posts),
        segments=(),
        prose=text,
    )


def x_post(**changes: Any) -> Post:
    values: dict[str, Any] = {
        "platform": "twitter",
        "span": (10, 120),
        "handle": "janedoe",
        "display_name": "Jane Doe",
        "date": DAY,
        "body": TEXT,
        "status_id": SID,
        "url": f"https://x.com/janedoe/status/{SID}",
        "body_span": (10, 80),
        "signature_span": (80, 120),
    }
    values.update(changes)
    return Post(**values)


def tweet(fake: fp.FakePlatforms, **changes: Any) -> fp.Tweet:
    values: dict[str, Any] = {
        "status_id": SID,
        "handle": "janedoe",
        "name": "Jane Doe",
        "text": TEXT,
        "date": DAY,
    }
    values.update(changes)
    return fake.add_tweet(**values)


def run(doc: Document, fake: fp.FakePlatforms, **options: Any) -> VerifyResult:
    settings: dict[str, Any] = {
        "endpoints": fake.endpoints(),
        "cache": False,
        "timeout": 0.5,
        "retries": 1,
        "progress": False,
    }
    settings.update(options)
    return socialcheck.verify(doc, **settings)


def only(result: VerifyResult) -> Any:
    assert len(result.verdicts) == 1
    return result.verdicts[0]


def names(result: VerifyResult) -> set[str]:
    return {f.name for f in result}


# --------------------------------------------------------------------------- X


def test_x_post_with_id_verified(fake: fp.FakePlatforms) -> None:
    tweet(fake)
    result = run(doc_of(x_post()), fake)
    v = only(result)
    assert v.verdict == "verified", v
    assert v.compared == ("author", "text", "date")
    assert v.found.handle == "janedoe" and v.found.date == DAY
    assert list(result) == []
    assert [e for e, _ in fake.log] == ["twitter_oembed"]
    assert all(ua == USER_AGENT for ua in fake.user_agents)
    assert "socialcheck" in USER_AGENT and "https://" in USER_AGENT


def test_x_post_found_through_its_media_link(fake: fp.FakePlatforms) -> None:
    tweet(fake, media=["AbCdEfGhIj"])
    post = x_post(status_id=None, url=None, links=("pic.twitter.com/AbCdEfGhIj",))
    v = only(run(doc_of(post), fake))
    assert v.verdict == "verified", v
    assert v.status_id == SID
    assert [e for e, _ in fake.log] == ["pic_twitter", "twitter_oembed"]


def test_tco_link_to_another_site_is_not_followed(fake: fp.FakePlatforms) -> None:
    fake.redirects["zcbyc4Wp5b"] = "https://www.nytimes.com/2018/01/20/us/politics.html"
    post = x_post(status_id=None, url=None, links=("https://t.co/zcbyc4Wp5b",))
    v = only(run(doc_of(post), fake))
    assert v.verdict == "unknown" and v.reason == "no-identifier"
    assert [e for e, _ in fake.log] == ["tco"]  # the target itself was never fetched


def test_x_author_mismatch(fake: fp.FakePlatforms) -> None:
    tweet(fake, handle="someone_else", name="Someone Else")
    result = run(doc_of(x_post()), fake)
    v = only(result)
    assert v.verdict == "mismatch"
    assert names(result) == {"author-mismatch"}
    finding = next(iter(result))
    assert finding.code == "SC602" and finding.severity == "error"
    assert "@someone_else" in finding.message and finding.span == (80, 120)


def test_x_handle_renamed(fake: fp.FakePlatforms) -> None:
    tweet(fake, handle="janedoe_new")
    result = run(doc_of(x_post()), fake)
    assert only(result).verdict == "mismatch"
    assert names(result) == {"handle-renamed"}


def test_x_text_mismatch(fake: fp.FakePlatforms) -> None:
    tweet(fake, text=TEXT.replace("budget", "defence"))
    result = run(doc_of(x_post()), fake)
    v = only(result)
    assert v.verdict == "mismatch" and names(result) == {"text-mismatch"}
    assert "budget" in v.differences[0].detail and "defence" in v.differences[0].detail
    finding = next(iter(result))
    assert finding.span == (10, 80)  # the body


def test_x_date_mismatch(fake: fp.FakePlatforms) -> None:
    other = dt.datetime(2024, 3, 2, 12, tzinfo=UTC)
    sid = fp.snowflake(other)
    tweet(fake, status_id=sid, date=other.date(), media=["AbCdEfGhIj"])
    post = x_post(status_id=None, url=None, links=("pic.twitter.com/AbCdEfGhIj",))
    result = run(doc_of(post), fake)
    assert only(result).verdict == "mismatch"
    assert names(result) == {"date-mismatch"}
    assert "2024-03-02" in next(iter(result)).message


def test_missing_post_found_through_link_keeps_its_id_date(fake: fp.FakePlatforms) -> None:
    other = dt.datetime(2024, 2, 1, 9, tzinfo=UTC)
    sid = fp.snowflake(other)
    fake.redirects["AbCdEfGhIj"] = f"https://twitter.com/janedoe/status/{sid}/photo/1"
    post = x_post(status_id=None, url=None, links=("pic.twitter.com/AbCdEfGhIj",))
    result = run(doc_of(post), fake)
    v = only(result)
    assert v.verdict == "missing" and v.status_id == sid
    assert names(result) == {"post-missing", "date-mismatch"}


def test_truncated_embed_is_a_prefix(fake: fp.FakePlatforms) -> None:
    tweet(fake, text=TEXT + " and a great deal more that the embed did not show")
    cut = TEXT[:40] + "\u2026"
    assert only(run(doc_of(x_post(body=cut)), fake)).verdict == "verified"


def test_truncated_embed_with_other_words_mismatches(fake: fp.FakePlatforms) -> None:
    tweet(fake, text=TEXT)
    cut = "Goodbye world, this is a post\u2026"
    assert only(run(doc_of(x_post(body=cut)), fake)).verdict == "mismatch"


def test_platform_truncation_is_a_prefix_too(fake: fp.FakePlatforms) -> None:
    tweet(fake, text=TEXT[:30] + "\u2026")
    assert only(run(doc_of(x_post()), fake)).verdict == "verified"


def test_tco_expansion_entities_and_whitespace(fake: fp.FakePlatforms) -> None:
    tweet(fake, text="Read this: https://t.co/AbCd1234 &amp; share\n\nit  now pic.twitter.com/Zz9")
    embed = "Read this: nyti.ms/2DxYz & share it now"
    assert only(run(doc_of(x_post(body=embed)), fake)).verdict == "verified"


def test_embed_without_text_compares_author_and_date_only(fake: fp.FakePlatforms) -> None:
    tweet(fake)
    v = only(run(doc_of(x_post(body="")), fake))
    assert v.verdict == "verified" and v.compared == ("author", "date")


def test_display_name_change_alone_is_a_note(fake: fp.FakePlatforms) -> None:
    tweet(fake, name="Jane D.")
    v = only(run(doc_of(x_post()), fake))
    assert v.verdict == "verified"
    assert any("display name" in n for n in v.notes)


def test_falls_back_to_publish_x_com(fake: fp.FakePlatforms) -> None:
    tweet(fake)
    fake.fault("/oembed", "500", endpoint="twitter_oembed")
    v = only(run(doc_of(x_post()), fake, retries=0))
    assert v.verdict == "verified" and v.found.source == "x_oembed"


def test_same_link_asked_once(fake: fp.FakePlatforms) -> None:
    tweet(fake, media=["AbCdEfGhIj"])
    post = x_post(status_id=None, url=None, links=("pic.twitter.com/AbCdEfGhIj",))
    result = run(doc_of(post, post, post), fake)
    assert [v.verdict for v in result.verdicts] == ["verified"] * 3
    assert fake.requests == 2


def test_post_without_identifier_is_unknown_and_sends_nothing(fake: fp.FakePlatforms) -> None:
    post = x_post(status_id=None, url=None)
    result = run(doc_of(post), fake)
    v = only(result)
    assert (v.verdict, v.reason) == ("unknown", "no-identifier")
    assert names(result) == {"verify-unknown"}
    assert next(iter(result)).severity == "info"
    assert fake.requests == 0


# --------------------------------------------------------------------------- fault matrix

# kind, retry_after, verdict, reason
FAULTS = [
    ("404", None, "missing", "not-found"),
    ("410", None, "missing", "gone"),
    ("403", None, "missing", "protected"),
    ("429", "3600", "unknown", "rate-limited"),
    ("500", None, "unknown", "server-error"),
    ("503", None, "unknown", "server-error"),
    ("slow", None, "unknown", "timeout"),
    ("redirect-loop", None, "unknown", "redirect-loop"),
    ("redirect-offlist", None, "unknown", "refused"),
    ("oversized", None, "unknown", "too-large"),
    ("oversized-stream", None, "unknown", "too-large"),
    ("invalid-json", None, "unknown", "malformed"),
    ("forbidden-200", None, "unknown", "malformed"),
    ("reset", None, "unknown", "network-error"),
]


@pytest.mark.parametrize(("kind", "wait", "verdict", "reason"), FAULTS, ids=[f[0] for f in FAULTS])
def test_fault_matrix_x(
    fake: fp.FakePlatforms,
    no_internet: list[str],
    kind: str,
    wait: str | None,
    verdict: str,
    reason: str,
) -> None:
    tweet(fake)
    fake.fault(SID, kind, retry_after=wait)
    start = time.monotonic()
    result = run(doc_of(x_post()), fake, endpoints=fake.endpoints(x_oembed=None))
    elapsed = time.monotonic() - start
    v = only(result)
    assert (v.verdict, v.reason) == (verdict, reason), v
    assert v.verdict != "verified"
    expected = "post-missing" if verdict == "missing" else "verify-unknown"
    assert names(result) == {expected}
    assert elapsed < 3.0, f"{kind} took {elapsed:.1f} s"
    if kind == "redirect-offlist":
        assert result.stats.refused == 1
        assert "169.254.169.254" not in no_internet
    assert set(no_internet) <= {"127.0.0.1"}


@pytest.mark.parametrize(
    ("kind", "verdict", "reason"),
    [
        ("404", "missing", "not-found"),
        ("410", "missing", "gone"),
        ("401", "unknown", "sign-in-required"),
        ("500", "unknown", "server-error"),
        ("invalid-json", "unknown", "malformed"),
        ("reset", "unknown", "network-error"),
        ("slow", "unknown", "timeout"),
    ],
)
def test_fault_matrix_mastodon(
    fake: fp.FakePlatforms, kind: str, verdict: str, reason: str
) -> None:
    sid = fp.mastodon_id(NOON)
    fake.add_status("mastodon", fp.mastodon_status(sid, "alice", "<p>Hello</p>", NOON))
    fake.fault(f"/statuses/{sid}", kind)
    post = Post(
        platform="mastodon", span=(0, 50), handle="alice",
        url=f"https://mastodon.example.com/@alice/{sid}", status_id=sid,
    )  # fmt: skip
    v = only(run(doc_of(post), fake, retries=0))
    assert (v.verdict, v.reason) == (verdict, reason)


def test_rate_limit_retry_after_is_honoured(fake: fp.FakePlatforms) -> None:
    tweet(fake)
    fake.fault(SID, "429", retry_after="1", times=1)
    start = time.monotonic()
    result = run(doc_of(x_post()), fake, endpoints=fake.endpoints(x_oembed=None))
    assert only(result).verdict == "verified"
    assert time.monotonic() - start >= 0.9
    assert result.stats.retries == 1 and result.stats.requests == 2


def test_503_retry_after_is_honoured(fake: fp.FakePlatforms) -> None:
    tweet(fake)
    fake.fault(SID, "503", retry_after="0", times=1)
    result = run(doc_of(x_post()), fake, endpoints=fake.endpoints(x_oembed=None), retries=1)
    assert only(result).verdict == "verified"
    assert result.stats.retries == 1


def test_mastodon_rate_limit_headers_pause_the_host() -> None:
    soon = (dt.datetime.now(UTC) + dt.timedelta(seconds=30)).isoformat()
    assert 25 < (_reset_in({"x-ratelimit-remaining": "0", "x-ratelimit-reset": soon}) or 0) <= 30
    assert _reset_in({"x-ratelimit-remaining": "12", "x-ratelimit-reset": soon}) is None
    assert _reset_in({}) is None


@pytest.mark.parametrize("kind", ["500", "503", "slow", "reset"])
def test_transient_faults_are_retried(fake: fp.FakePlatforms, kind: str) -> None:
    tweet(fake)
    fake.fault(SID, kind, times=1)
    result = run(doc_of(x_post()), fake, endpoints=fake.endpoints(x_oembed=None))
    assert only(result).verdict == "verified"
    assert result.stats.retries == 1


def test_budget_ends_the_run(fake: fp.FakePlatforms) -> None:
    tweet(fake)
    fake.fault(SID, "slow")
    start = time.monotonic()
    result = run(doc_of(x_post(), x_post()), fake, timeout=5.0, budget=0.4)
    assert time.monotonic() - start < 2.0
    assert {(v.verdict, v.reason) for v in result.verdicts} == {("unknown", "budget")}


def test_zero_budget_sends_nothing(fake: fp.FakePlatforms) -> None:
    tweet(fake)
    result = run(doc_of(x_post()), fake, budget=0)
    assert (only(result).verdict, only(result).reason) == ("unknown", "budget")
    assert fake.requests == 0


def test_faults_on_short_links_and_archive(fake: fp.FakePlatforms) -> None:
    fake.fault("AbCdEfGhIj", "reset")
    post = x_post(status_id=None, url=None, links=("pic.twitter.com/AbCdEfGhIj",))
    v = only(run(doc_of(post), fake, retries=0))
    assert (v.verdict, v.reason) == ("unknown", "network-error")


def test_archive_failure_keeps_the_missing_verdict(fake: fp.FakePlatforms) -> None:
    fake.fault("/wayback/available", "500")
    v = only(run(doc_of(x_post()), fake, retries=0))
    assert (v.verdict, v.archived_url) == ("missing", None)


def test_missing_post_with_archived_copy(fake: fp.FakePlatforms) -> None:
    snapshot = f"http://web.archive.org/web/20240306000000/https://twitter.com/janedoe/status/{SID}"
    fake.archives[SID] = snapshot
    result = run(doc_of(x_post()), fake)
    v = only(result)
    assert (v.verdict, v.reason, v.archived_url) == ("missing", "not-found", snapshot)
    finding = next(iter(result))
    assert finding.code == "SC601" and snapshot in finding.message


def test_requests_per_host_are_limited(fake: fp.FakePlatforms) -> None:
    fake.slow_seconds = 0.2
    posts = []
    for i in range(10):
        sid = fp.snowflake(NOON, sequence=i)
        tweet(fake, status_id=sid)
        fake.fault(sid, "slow", times=1)
        posts.append(x_post(status_id=sid, url=f"https://x.com/janedoe/status/{sid}"))
    result = run(doc_of(*posts), fake, timeout=3.0, concurrency=8)
    assert [v.verdict for v in result.verdicts] == ["verified"] * 10
    assert 1 < fake.max_active <= 4


# --------------------------------------------------------------------------- other platforms


def bsky_post(**changes: Any) -> Post:
    values: dict[str, Any] = {
        "platform": "bluesky",
        "span": (0, 100),
        "handle": "alice.bsky.social",
        "display_name": "Alice",
        "date": DAY,
        "body": "Posting from the AppView",
        "status_id": "3lfb5zdb3p22z",
        "url": "https://bsky.app/profile/did:plc:alice/post/3lfb5zdb3p22z",
    }
    values.update(changes)
    return Post(**values)


def add_alice(fake: fp.FakePlatforms, **changes: Any) -> None:
    values: dict[str, Any] = {
        "did": "did:plc:alice",
        "handle": "alice.bsky.social",
        "rkey": "3lfb5zdb3p22z",
        "text": "Posting from the AppView",
        "created_at": NOON,
        "display_name": "Alice",
    }
    values.update(changes)
    fake.add_bluesky(fp.BskyPost(**values))


def test_bluesky_verified(fake: fp.FakePlatforms) -> None:
    add_alice(fake)
    v = only(run(doc_of(bsky_post()), fake))
    assert v.verdict == "verified" and v.compared == ("author", "text", "date")


def test_bluesky_handle_in_url_is_resolved(fake: fp.FakePlatforms) -> None:
    add_alice(fake)
    url = "https://bsky.app/profile/alice.bsky.social/post/3lfb5zdb3p22z"
    v = only(run(doc_of(bsky_post(url=url)), fake))
    assert v.verdict == "verified"
    assert [e for e, _ in fake.log] == ["bluesky_appview", "bluesky_appview"]


def test_bluesky_unresolvable_handle_in_url_is_missing(fake: fp.FakePlatforms) -> None:
    url = "https://bsky.app/profile/gone.bsky.social/post/3lfb5zdb3p22z"
    v = only(run(doc_of(bsky_post(url=url)), fake))
    assert (v.verdict, v.reason) == ("missing", "handle-unresolved")


def test_bluesky_deleted_post_is_missing(fake: fp.FakePlatforms) -> None:
    v = only(run(doc_of(bsky_post()), fake))
    assert (v.verdict, v.reason) == ("missing", "not-found")


def test_bluesky_renamed_account(fake: fp.FakePlatforms) -> None:
    add_alice(fake, handle="alice.example.com")
    result = run(doc_of(bsky_post()), fake)
    assert names(result) == {"handle-renamed"}


def test_bluesky_handle_of_someone_else(fake: fp.FakePlatforms) -> None:
    add_alice(fake, handle="alice.example.com")
    fake.bsky_handles["alice.bsky.social"] = "did:plc:mallory"
    result = run(doc_of(bsky_post()), fake)
    assert names(result) == {"author-mismatch"}


def test_bluesky_local_date_window_and_backdating_note(fake: fp.FakePlatforms) -> None:
    late = dt.datetime(2024, 3, 5, 23, 30, tzinfo=UTC)  # March 6 in UTC+2
    add_alice(fake, created_at=late, indexed_at=late + dt.timedelta(days=40))
    v = only(run(doc_of(bsky_post(date=dt.date(2024, 3, 6))), fake))
    assert v.verdict == "verified"
    assert any("backdated" in n for n in v.notes)


def test_mastodon_verified_and_remote_handle(fake: fp.FakePlatforms) -> None:
    sid = fp.mastodon_id(NOON)
    status = fp.mastodon_status(
        sid, "alice", "<p>Hello <a href='https://example.com/x'><span class='invisible'>"
        "https://</span>example.com/x</a></p><p>Second paragraph</p>", NOON,
        acct="alice@origin.example.com", display_name="Alice",
    )  # fmt: skip
    fake.add_status("mastodon", status)
    post = Post(
        platform="mastodon", span=(0, 50), handle="alice@origin.example.com", date=DAY,
        body="Hello example.com/x\nSecond paragraph",
        url=f"https://mastodon.example.com/@alice@origin.example.com/{sid}", status_id=sid,
    )  # fmt: skip
    v = only(run(doc_of(post), fake))
    assert v.verdict == "verified", v
    assert v.compared == ("author", "text", "date")


def test_truthsocial_verified(fake: fp.FakePlatforms) -> None:
    sid = "108779000807761862"
    when = dt.datetime(2022, 8, 7, 1, 30, 27, tzinfo=UTC)
    status = fp.mastodon_status(sid, "realDonaldTrump", "<p>Text</p>", when,
                                instance="truthsocial.com")  # fmt: skip
    fake.add_status("truthsocial", status)
    doc = socialcheck.parse(f"Intro.\n\nhttps://truthsocial.com/@realDonaldTrump/posts/{sid}\n")
    v = only(run(doc, fake))
    assert v.verdict == "verified" and v.compared == ("author",)


def test_default_mastodon_instance_on_private_address_is_refused(
    fake: fp.FakePlatforms, monkeypatch: pytest.MonkeyPatch
) -> None:
    def resolver(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "evil.example.net":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", 443))]
        raise OSError(f"the tests must not reach {host!r}")

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    doc = socialcheck.parse("Intro.\n\nhttps://evil.example.net/@alice/111000000000000000\n")
    endpoints = fake.endpoints(mastodon=DEFAULT_ENDPOINTS["mastodon"])
    result = run(doc, fake, endpoints=endpoints)
    v = only(result)
    assert (v.verdict, v.reason) == ("unknown", "refused")
    assert "10.0.0.7" in v.detail
    assert result.stats.refused == 1 and result.stats.requests == 0


URLS = (
    "Intro.\n\nhttps://www.instagram.com/p/BalQ2SWFty8/\n\n"
    "https://www.threads.net/@corentin_da_/post/CuWPE6iNEx_\n\n"
    "https://www.tiktok.com/@mickbroer/video/7477932044257889558\n\n"
    "https://www.youtube.com/watch?v=6529hLGsJW8\n\n"
    "https://www.reddit.com/r/CryptoCurrency/comments/1jki1lj/polymarket/\n\n"
    "https://www.facebook.com/joseph.romm/posts/10153908777222475\n\n"
    "https://www.linkedin.com/feed/update/urn:li:activity:6728971807346561024\n"
)


def test_oembed_platforms(fake: fp.FakePlatforms) -> None:
    fake.add_oembed("instagram_oembed", "BalQ2SWFty8", fp.instagram_payload("someone", "Some One"))
    fake.add_oembed("threads_oembed", "CuWPE6iNEx_", fp.threads_payload("corentin_da_", "x"))
    fake.add_oembed(
        "tiktok_oembed", "7477932044257889558",
        fp.tiktok_payload("mickbroer", "Mick Broer", "Registratie", "7477932044257889558"),
    )  # fmt: skip
    fake.add_oembed("youtube_oembed", "6529hLGsJW8", fp.youtube_payload("A video", "Chan", "chan"))
    fake.add_oembed("reddit_oembed", "1jki1lj", fp.reddit_payload("GabeSter", "Polymarket"))
    fake.fault("oembed_post", "404")
    result = run(socialcheck.parse(URLS), fake)
    got = {v.platform: (v.verdict, v.reason) for v in result.verdicts}
    assert got == {
        "instagram": ("verified", "ok"),
        "threads": ("verified", "ok"),
        "tiktok": ("verified", "ok"),
        "youtube": ("verified", "ok"),
        "reddit": ("verified", "ok"),
        "facebook": ("missing", "not-found"),
        "linkedin": ("unknown", "unsupported"),
    }
    by = {v.platform: v for v in result.verdicts}
    assert by["threads"].compared == ("author",) and by["tiktok"].compared == ("author",)
    assert by["instagram"].found.handle == "someone"


def test_facebook_oembed_compares_text_name_and_date(fake: fp.FakePlatforms) -> None:
    day = dt.date(2016, 9, 12)
    payload = fp.facebook_payload("joseph.romm", "Joseph Romm", "Humanity is on thin ice", day)
    fake.add_oembed("facebook_oembed", "10153908777222475", payload)
    post = Post(
        platform="facebook", span=(0, 60), display_name="Joseph Romm", date=day,
        body="Humanity is on very thin ice....",
        url="https://www.facebook.com/joseph.romm/posts/10153908777222475",
    )  # fmt: skip
    result = run(doc_of(post), fake)
    v = only(result)
    assert v.compared == ("author", "text", "date")
    assert names(result) == {"text-mismatch"}


def test_meta_token_required_is_unknown(fake: fp.FakePlatforms) -> None:
    fake.fault("instagram_oembed", "403")
    doc = socialcheck.parse("Intro.\n\nhttps://www.instagram.com/p/BalQ2SWFty8/\n")
    v = only(run(doc, fake))
    assert (v.verdict, v.reason) == ("unknown", "token-required")


# --------------------------------------------------------------------------- cache


def test_second_run_sends_no_request(fake: fp.FakePlatforms, tmp_path: Path) -> None:
    tweet(fake, media=["AbCdEfGhIj"])
    linked = x_post(status_id=None, url=None, links=("pic.twitter.com/AbCdEfGhIj",))
    gone = x_post(status_id="1765000000000000001", url=None)
    doc = doc_of(linked, gone)
    first = run(doc, fake, cache=tmp_path / "c.sqlite3")
    sent = fake.requests
    assert sent == 4  # redirect, oEmbed, oEmbed (404), Wayback
    second = run(doc, fake, cache=tmp_path / "c.sqlite3")
    assert fake.requests == sent and second.stats.requests == 0
    assert second.stats.cache_hits == 4
    assert [v.verdict for v in second.verdicts] == [v.verdict for v in first.verdicts]
    assert all(v.cached for v in second.verdicts)


def test_unknown_answers_are_not_cached(fake: fp.FakePlatforms, tmp_path: Path) -> None:
    tweet(fake)
    fake.fault(SID, "500", times=2)
    doc = doc_of(x_post())
    path = tmp_path / "c.sqlite3"
    endpoints = fake.endpoints(x_oembed=None)
    assert only(run(doc, fake, cache=path, retries=0, endpoints=endpoints)).verdict == "unknown"
    assert only(run(doc, fake, cache=path, retries=0, endpoints=endpoints)).verdict == "unknown"
    assert only(run(doc, fake, cache=path, retries=0, endpoints=endpoints)).verdict == "verified"
    assert fake.requests == 3


def test_cache_entries_expire(tmp_path: Path) -> None:
    now = [1000.0]
    cache = Cache(tmp_path / "c.sqlite3", {"missing": 60}, clock=lambda: now[0])
    cache.put("k", "missing", {"kind": "missing"})
    cache.put("f", "found", {"kind": "found"})
    assert cache.get("k") == {"kind": "missing"}
    now[0] += 61
    assert cache.get("k") is None
    assert cache.get("f") == {"kind": "found"}  # 7 days
    cache.close()


def test_cache_ttl_names_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown cache_ttl"):
        Cache(tmp_path / "c.sqlite3", {"verified": 1})


def test_corrupt_cache_is_skipped(fake: fp.FakePlatforms, tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    tweet(fake)
    with pytest.warns(RuntimeWarning, match="unusable"):
        result = run(doc_of(x_post()), fake, cache=path)
    assert only(result).verdict == "verified"


def test_default_cache_lives_in_the_user_cache_dir(
    fake: fp.FakePlatforms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_path() == tmp_path / "xdg" / "socialcheck" / "verify.sqlite3"
    tweet(fake)
    run(doc_of(x_post()), fake, cache=True)
    assert default_cache_path().is_file()
    with sqlite3.connect(default_cache_path()) as db:
        assert db.execute("SELECT count(*) FROM entries").fetchone()[0] == 1
    assert not (tmp_path / "home").exists()


# --------------------------------------------------------------------------- API


def test_options_are_checked(fake: fp.FakePlatforms) -> None:
    doc = doc_of()
    with pytest.raises(ValueError, match="unknown endpoint name 'twitter'"):
        socialcheck.verify(doc, endpoints={"twitter": "http://127.0.0.1:1"}, cache=False)
    with pytest.raises(ValueError, match="only the 'mastodon'"):
        socialcheck.verify(doc, endpoints={"tco": "https://{instance}"}, cache=False)
    with pytest.raises(ValueError, match="concurrency"):
        socialcheck.verify(doc, concurrency=0, cache=False)
    with pytest.raises(ValueError, match="timeout"):
        socialcheck.verify(doc, timeout=0, cache=False)


def test_turned_off_endpoint_sends_nothing(fake: fp.FakePlatforms) -> None:
    tweet(fake)
    off = {name: None for name in ENDPOINT_NAMES}
    v = only(run(doc_of(x_post()), fake, endpoints=off))
    assert (v.verdict, v.reason) == ("unknown", "endpoint-off")
    assert fake.requests == 0


def test_config_disables_and_overrides(fake: fp.FakePlatforms) -> None:
    doc = doc_of(x_post(), x_post(status_id=None, url=None))
    config = Config(disable=frozenset({"verify-unknown"}), severity={"SC601": "error"})
    result = run(doc, fake, config=config)
    assert [(f.code, f.severity) for f in result] == [("SC601", "error")]
    assert [v.verdict for v in result.verdicts] == ["missing", "unknown"]


def test_progress_line(fake: fp.FakePlatforms) -> None:
    tweet(fake)
    stream = io.StringIO()
    run(doc_of(x_post(), x_post()), fake, progress=stream)
    out = stream.getvalue()
    assert "socialcheck verify: 2/2 posts" in out
    assert out.endswith("\r")


def test_averify_and_verify_inside_a_loop(fake: fp.FakePlatforms) -> None:
    tweet(fake)
    doc = doc_of(x_post())
    settings = {"endpoints": fake.endpoints(), "cache": False, "timeout": 0.5, "progress": False}

    async def main() -> tuple[VerifyResult, VerifyResult]:
        awaited = await socialcheck.averify(doc, **settings)
        nested = socialcheck.verify(doc, **settings)  # runs in a worker thread
        return awaited, nested

    awaited, nested = asyncio.run(main())
    assert only(awaited).verdict == only(nested).verdict == "verified"


def test_package_and_function_are_both_callable(fake: fp.FakePlatforms) -> None:
    import socialcheck.verify as package

    tweet(fake)
    doc = doc_of(x_post())
    kw = {"endpoints": fake.endpoints(), "cache": False, "progress": False}
    assert only(package(doc, **kw)).verdict == "verified"
    assert only(socialcheck.verify(doc, **kw)).verdict == "verified"
    assert only(socialcheck.averify and package.verify(doc, **kw)).verdict == "verified"


def test_verify_documents_shares_one_run(fake: fp.FakePlatforms) -> None:
    tweet(fake)
    docs = [doc_of(x_post()), doc_of(), doc_of(x_post(), x_post(status_id=None, url=None))]
    results = verify_documents(docs, endpoints=fake.endpoints(), cache=False, progress=False)
    assert [[v.verdict for v in r.verdicts] for r in results] == [
        ["verified"],
        [],
        ["verified", "unknown"],
    ]
    assert fake.requests == 1
    assert results[0].to_dict()["counts"]["verified"] == 1


def test_result_is_a_list_of_findings(fake: fp.FakePlatforms) -> None:
    result = run(doc_of(x_post(status_id=None, url=None)), fake)
    combined = socialcheck.check(result.document) + result if result.document else []
    assert combined and all(isinstance(f, socialcheck.Finding) for f in combined)
    assert result.verdicts[0].to_dict()["verdict"] == "unknown"


# --------------------------------------------------------------------------- units


def test_allowlist() -> None:
    allow = Allowlist({("publish.twitter.com", 443)}, {("127.0.0.1", 8080)})
    allow.check("https://publish.twitter.com/oembed?url=x")
    allow.check("http://127.0.0.1:8080/x")
    for url, why in [
        ("http://publish.twitter.com/oembed", "plain http"),
        ("https://publish.twitter.com:8443/", "not on the allowlist"),
        ("https://evil.example.net/", "not on the allowlist"),
        ("http://169.254.169.254/latest/meta-data/", "plain http"),
        ("https://169.254.169.254/", "not on the allowlist"),
        ("http://127.0.0.1:8081/", "plain http"),
        ("https://user@publish.twitter.com/", "user-info"),
        ("ftp://publish.twitter.com/", "scheme"),
    ]:
        with pytest.raises(Refused, match=why):
            allow.check(url)
    allow.check("https://evil.example.net/", extra=[("evil.example.net", 443)])
    import ipaddress

    for address, public in [
        ("8.8.8.8", True),
        ("10.1.2.3", False),
        ("127.0.0.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("::1", False),
        ("::ffff:10.0.0.1", False),
        ("fe80::1", False),
        ("224.0.0.1", False),
        ("2606:4700::1111", True),
    ]:
        assert is_public(ipaddress.ip_address(address)) is public, address


def test_named_endpoints_are_allowlisted_and_defaults_are_not_named() -> None:
    resolved = resolve_endpoints({"tco": "http://127.0.0.1:9/t", "wayback": None})
    assert ("127.0.0.1", 9) in resolved.named and ("127.0.0.1", 9) in resolved.hosts
    assert ("t.co", 443) not in resolved.hosts
    assert ("publish.twitter.com", 443) in resolved.hosts
    assert ("archive.org", 443) not in resolved.hosts
    assert resolved.base("mastodon", "fosstodon.org") == "https://fosstodon.org"
    assert resolve_endpoints(None).named == frozenset()


def test_retry_after_values() -> None:
    assert retry_after("120") == 120.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert retry_after("soon") is None
    assert retry_after(None) is None


def test_token_bucket() -> None:
    async def main() -> list[float]:
        bucket = _Bucket(2, 1.0)
        return [bucket.wait_needed() for _ in range(3)]

    first, second, third = asyncio.run(main())
    assert first == second == 0.0
    assert 0.4 < third <= 0.5


@pytest.mark.parametrize(
    ("embed", "platform", "agree"),
    [
        ("Hello  world", "Hello\n\nworld", True),
        ("Tom &amp; Jerry", "Tom & Jerry", True),
        ("You can t say", "You can\u2019t say", True),
        ("Look pic.twitter.com/AbCdEf", "Look https://t.co/xyz", True),
        ("Read nyti.ms/2abc now", "Read https://t.co/xyz now", True),
        ("A long post that goes on\u2026", "A long post that goes on and on", True),
        ("A long post that goes o\u2026", "A long post that goes on and on", True),
        ("A long post that says no\u2026", "A long post that goes on", False),
        ("Hello world", "Hello world!!", True),
        ("Hello world", "Goodbye world", False),
        ("Hello", "Hello world", False),
        ("\u25aa\ufe0f Point", "\u25aa Point", True),
        ("Caf\u00e9", "Cafe\u0301", True),
    ],
)
def test_text_comparison(embed: str, platform: str, agree: bool) -> None:
    assert (cmp.compare_text(embed, platform) is None) is agree


def test_handle_comparison() -> None:
    assert cmp.same_handle("@JaneDoe", "janedoe")
    assert cmp.same_handle("alice@origin.example.com", "alice@ORIGIN.example.com")
    assert cmp.same_handle("alice", "alice@origin.example.com")
    assert not cmp.same_handle("alice@other.example.com", "alice@origin.example.com")
    assert cmp.same_handle("alice@m.example", "alice", instance="m.example")
    assert not cmp.same_handle("alice@x.example", "alice", instance="m.example")


def test_date_comparison() -> None:
    late = dt.datetime(2024, 3, 5, 23, 30, tzinfo=UTC)
    assert cmp.date_agrees(DAY, late, None, exact_utc=True)
    assert not cmp.date_agrees(dt.date(2024, 3, 6), late, None, exact_utc=True)
    assert cmp.date_agrees(dt.date(2024, 3, 6), late, None, exact_utc=False)
    assert not cmp.date_agrees(dt.date(2024, 3, 8), late, None, exact_utc=False)
