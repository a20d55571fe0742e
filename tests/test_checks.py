"""Tests for socialcheck.checks, on Documents built by hand (no detector involved)."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Any

import pytest

from socialcheck.checks import CHECKS, LineIndex, check, rule
from socialcheck.config import Config
from socialcheck.model import SEVERITIES, Document, Finding, Post

UTC = dt.timezone.utc
# A real-shaped X snowflake minted on 2026-03-05 (the posts' displayed date), so the
# ID forensics checks stay silent on these date-focused tests.
MAR5 = str((int(dt.datetime(2026, 3, 5, 12, tzinfo=UTC).timestamp() * 1000) - 1288834974657) << 22)
ARTICLE = dt.date(2026, 3, 5)
NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
TEXT = "Body text pic.twitter.com/AbCdEfGhIj — Jane Doe (@janedoe) March 5, 2026"


def post(**kw: Any) -> Post:
    fields: dict[str, Any] = {
        "platform": "twitter",
        "span": (0, len(TEXT)),
        "handle": "janedoe",
        "date": ARTICLE,
        "date_text": "March 5, 2026",
        "body": "Body text",
    }
    fields.update(kw)
    return Post(**fields)


def doc(*posts: Post, text: str = TEXT, article_date: dt.date | None = ARTICLE) -> Document:
    return Document(
        text=text,
        article_date=article_date,
        article_date_source="argument" if article_date else None,
        posts=posts,
        segments=(),
        prose=text,
    )


def run(d: Document, *, now: dt.datetime | None = NOW, **config: Any) -> list[Finding]:
    return check(d, now=now, config=Config(**config))


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def test_clean_post_has_no_findings() -> None:
    assert run(doc(post())) == []


def test_document_without_posts() -> None:
    assert run(doc(text="just prose\n")) == []


# SC101 post-after-article


def test_post_after_article_beyond_slack() -> None:
    sig = (40, len(TEXT))
    [f] = run(doc(post(date=dt.date(2026, 3, 7), signature_span=sig)))
    assert (f.code, f.name, f.severity) == ("SC101", "post-after-article", "error")
    assert f.span == sig
    assert "2026-03-07" in f.message and "2026-03-05" in f.message
    assert "2 days" in f.message
    assert f.post_index == 0


def test_post_after_article_exactly_slack_passes() -> None:
    assert run(doc(post(date=dt.date(2026, 3, 6)))) == []


def test_post_after_article_zero_slack() -> None:
    [f] = run(doc(post(date=dt.date(2026, 3, 6))), date_slack_days=0)
    assert f.code == "SC101"
    assert "1 day " in f.message


def test_post_after_article_wider_slack() -> None:
    assert run(doc(post(date=dt.date(2026, 3, 8))), date_slack_days=3) == []
    assert codes(run(doc(post(date=dt.date(2026, 3, 9))), date_slack_days=3)) == ["SC101"]


def test_post_after_article_uses_post_span_without_signature() -> None:
    [f] = run(doc(post(date=dt.date(2026, 3, 8), span=(3, 20))))
    assert f.span == (3, 20)


def test_date_checks_need_article_date() -> None:
    assert run(doc(post(date=dt.date(2026, 3, 9)), article_date=None)) == []
    assert run(doc(post(date=dt.date(2020, 1, 1)), article_date=None)) == []


# SC102 stale-post


def test_stale_post() -> None:
    [f] = run(doc(post(date=dt.date(2026, 2, 2))))  # 31 days before the article
    assert (f.code, f.name, f.severity) == ("SC102", "stale-post", "warning")
    assert "31 days" in f.message and "possibly recycled" in f.message
    assert "2026-02-02" in f.message and "2026-03-05" in f.message


def test_stale_post_exactly_stale_days_passes() -> None:
    assert run(doc(post(date=dt.date(2026, 2, 3)))) == []  # exactly 30 days


def test_stale_days_config() -> None:
    old = doc(post(date=dt.date(2026, 2, 2)))
    assert run(old, stale_days=31) == []
    assert codes(run(old, stale_days=30)) == ["SC102"]
    assert codes(run(doc(post(date=dt.date(2026, 3, 4))), stale_days=0)) == ["SC102"]


# SC103 post-in-future


def test_post_in_future() -> None:
    [f] = run(doc(post(date=dt.date(2026, 3, 11)), article_date=None))
    assert (f.code, f.name, f.severity) == ("SC103", "post-in-future", "error")
    assert "2026-03-11" in f.message and "2026-03-10" in f.message


def test_post_dated_today_passes() -> None:
    assert run(doc(post(date=dt.date(2026, 3, 10)), article_date=None)) == []


def test_naive_now_is_utc() -> None:
    d = doc(post(date=dt.date(2026, 3, 11)), article_date=None)
    assert codes(run(d, now=dt.datetime(2026, 3, 10, 23, 59))) == ["SC103"]
    assert run(d, now=dt.datetime(2026, 3, 11, 0, 0)) == []


def test_naive_now_ignores_local_timezone(monkeypatch: pytest.MonkeyPatch) -> None:
    # Read as local time (-10:00), 23:00 on the 10th would be the 11th in UTC.
    monkeypatch.setenv("TZ", "Pacific/Honolulu")
    time.tzset()
    try:
        d = doc(post(date=dt.date(2026, 3, 11)), article_date=None)
        assert codes(run(d, now=dt.datetime(2026, 3, 10, 23, 0))) == ["SC103"]
    finally:
        monkeypatch.undo()
        time.tzset()


def test_aware_now_uses_utc_calendar_date() -> None:
    d = doc(post(date=dt.date(2026, 3, 11)), article_date=None)
    # 01:00 on the 11th at +05:00 is still the 10th in UTC.
    east = dt.datetime(2026, 3, 11, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    assert codes(run(d, now=east)) == ["SC103"]
    # 22:00 on the 10th at -05:00 is already the 11th in UTC.
    west = dt.datetime(2026, 3, 10, 22, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert run(d, now=west) == []


def test_now_defaults_to_current_time() -> None:
    assert codes(run(doc(post(date=dt.date(9999, 12, 31)), article_date=None), now=None)) == [
        "SC103"
    ]
    assert run(doc(post(date=dt.date(2001, 1, 1)), article_date=None), now=None) == []


def test_now_must_be_datetime() -> None:
    with pytest.raises(TypeError):
        check(doc(post()), now=dt.date(2026, 3, 10))  # type: ignore[arg-type]


# SC104 undated-post / SC105 impossible-date


def test_undated_post() -> None:
    [f] = run(doc(post(date=None, date_text=None)))
    assert (f.code, f.name, f.severity) == ("SC104", "undated-post", "warning")
    assert f.message == "post has no readable date"


@pytest.mark.parametrize("form", ["shortcode", "html-widget", "unsigned"])
def test_undated_forms_by_design_pass(form: str) -> None:
    assert run(doc(post(date=None, date_text=None, form=form))) == []


def test_unreadable_date_is_sc104_with_problem() -> None:
    p = post(date=None, date_text="Februar 5, 2026", date_problem="unknown month name 'Februar'")
    [f] = run(doc(p))
    assert (f.code, f.severity) == ("SC104", "warning")
    assert "'Februar 5, 2026'" in f.message
    assert "unknown month name 'Februar'" in f.message


def test_unreadable_date_reported_even_for_undated_form() -> None:
    p = post(
        date=None,
        date_text="Februar 5, 2026",
        date_problem="unknown month name 'Februar'",
        form="shortcode",
    )
    assert codes(run(doc(p))) == ["SC104"]


def test_impossible_date() -> None:
    problem = "impossible date 'February 30, 2026'"
    sig = (10, 30)
    p = post(date=None, date_text="February 30, 2026", date_problem=problem, signature_span=sig)
    [f] = run(doc(p))
    assert (f.code, f.name, f.severity) == ("SC105", "impossible-date", "error")
    assert "'February 30, 2026'" in f.message and problem in f.message
    assert f.span == sig


def test_message_stays_on_one_line() -> None:
    p = post(date=None, date_text="February\n30, 2026", date_problem="impossible date 'x\ny'")
    [f] = run(doc(p))
    assert "\n" not in f.message and "\r" not in f.message


# SC201 invalid-handle


@pytest.mark.parametrize("handle", ["", "a" * 16, "jane-doe", "jané", "@janedoe", "jane doe"])
def test_invalid_handle(handle: str) -> None:
    [f] = run(doc(post(handle=handle)))
    assert (f.code, f.name, f.severity) == ("SC201", "invalid-handle", "error")
    assert repr(handle) in f.message


@pytest.mark.parametrize("handle", ["a", "a" * 15, "Jane_Doe_99", "_"])
def test_valid_handle(handle: str) -> None:
    assert run(doc(post(handle=handle))) == []


def test_handle_rule_only_for_twitter_and_known_handles() -> None:
    assert run(doc(post(platform="instagram", handle="jane.doe"))) == []
    assert run(doc(post(handle=None))) == []


# SC301 truncated-body


def test_truncated_body() -> None:
    [f] = run(doc(post(truncated=True, body_span=(0, 9))))
    assert (f.code, f.name, f.severity) == ("SC301", "truncated-body", "info")
    assert f.span == (0, 9)


def test_untruncated_body_passes() -> None:
    assert run(doc(post(truncated=False, body_span=(0, 9)))) == []


# SC302 duplicate-post


def _two_line_doc(first: Post, second: Post) -> Document:
    text = TEXT + "\n" + TEXT
    return doc(first, second, text=text)


LATER = (len(TEXT) + 1, 2 * len(TEXT) + 1)


def test_duplicate_by_status_id() -> None:
    d = _two_line_doc(
        post(status_id=MAR5, body="one"), post(status_id=MAR5, body="two", span=LATER)
    )
    [f] = run(d)
    assert (f.code, f.name, f.severity) == ("SC302", "duplicate-post", "warning")
    assert f.post_index == 1 and f.span == LATER and f.line == 2
    assert "line 1" in f.message


def test_same_status_id_on_other_platform_is_not_duplicate() -> None:
    d = _two_line_doc(
        post(status_id=MAR5, body="one"),
        post(status_id=MAR5, body="two", span=LATER, platform="bluesky", handle="jane.bsky.social"),
    )
    assert run(d) == []


def test_duplicate_by_handle_and_body() -> None:
    d = _two_line_doc(
        post(handle="JaneDoe", body="Hello   world\n"),
        post(handle="janedoe", body=" Hello world", span=LATER),
    )
    assert codes(run(d)) == ["SC302"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"handle": "janedoe", "body": "Hello"}, {"handle": "johndoe", "body": "Hello"}),
        ({"handle": "janedoe", "body": "Hello"}, {"handle": "janedoe", "body": "Goodbye"}),
        ({"handle": "janedoe", "body": ""}, {"handle": "janedoe", "body": "  "}),
        ({"handle": None, "body": "Hello"}, {"handle": None, "body": "Hello"}),
        ({"status_id": "1", "body": "a"}, {"status_id": "2", "body": "b"}),
    ],
)
def test_not_duplicates(first: dict[str, Any], second: dict[str, Any]) -> None:
    assert run(_two_line_doc(post(**first), post(span=LATER, **second))) == []


def test_duplicate_points_at_earliest_match() -> None:
    # The third post repeats the second by id and the first by handle and text.
    text = "\n".join([TEXT] * 3)
    step = len(TEXT) + 1
    spans = [(i * step, i * step + len(TEXT)) for i in range(3)]
    posts = [
        post(span=spans[0], handle="jane", body="hi", status_id="1"),
        post(span=spans[1], handle="john", body="yo", status_id="2"),
        post(span=spans[2], handle="JANE", body="hi", status_id="2"),
    ]
    [f] = run(doc(*posts, text=text))
    assert (f.code, f.post_index, f.line) == ("SC302", 2, 3)
    assert f.message == "duplicate of the post on line 1"


def test_every_later_copy_points_at_the_first() -> None:
    text = "\n".join([TEXT] * 3)
    step = len(TEXT) + 1
    posts = [post(status_id="9", span=(i * step, i * step + len(TEXT))) for i in range(3)]
    found = run(doc(*posts, text=text))
    assert [(f.code, f.post_index, f.line) for f in found] == [("SC302", 1, 2), ("SC302", 2, 3)]
    assert all("line 1" in f.message for f in found)


# SC401 malformed-link


@pytest.mark.parametrize(
    "link",
    [
        "pic.twitter.com/AbCdEfGhI",
        "pic.twitter.com/AbCdEfGhIjK",
        "pic.twitter.com/AbCdEf_hIj",
        "https://pic.twitter.com/AbCdEfGhIj/",
        "pic.twitter.com/",
        "t.co/Abc1234",
        "t.co/Abc12345678",
        "http://t.co/Abc-1234",
    ],
)
def test_malformed_link(link: str) -> None:
    p = post(links=("https://example.com/x", link), link_spans=((0, 5), (10, 20)))
    [f] = run(doc(p))
    assert (f.code, f.name, f.severity) == ("SC401", "malformed-link", "warning")
    assert f.span == (10, 20)
    assert repr(link) in f.message


@pytest.mark.parametrize(
    "link",
    [
        "pic.twitter.com/AbCdEfGhIj",
        "https://pic.twitter.com/0123456789",
        "t.co/Abc12345",
        "http://t.co/Abc1234567",
        "https://t.co/Abc123456",
        "https://example.com/short",
        "https://bit.ly/x",
        "https://notpic.twitter.com/x",
    ],
)
def test_wellformed_or_other_link_passes(link: str) -> None:
    assert run(doc(post(links=(link,), link_spans=((10, 20),)))) == []


def test_malformed_link_falls_back_to_post_span() -> None:
    [f] = run(doc(post(span=(2, 50), links=("t.co/x",))))
    assert f.span == (2, 50)


def test_each_malformed_link_reported() -> None:
    p = post(links=("t.co/x", "t.co/y"), link_spans=((30, 36), (5, 11)))
    assert [f.span for f in run(doc(p))] == [(5, 11), (30, 36)]


# Config


@pytest.mark.parametrize("key", ["SC201", "invalid-handle", "sc201", "Invalid-Handle"])
def test_disable_by_code_or_name(key: str) -> None:
    d = doc(post(handle="bad-handle", truncated=True))
    assert codes(run(d)) == ["SC201", "SC301"]
    assert codes(run(d, disable={key})) == ["SC301"]


def test_disable_unrelated_key_changes_nothing() -> None:
    d = doc(post(handle="bad-handle"))
    assert codes(run(d, disable={"SC999", "stale-post"})) == ["SC201"]


@pytest.mark.parametrize("key", ["SC201", "invalid-handle"])
def test_severity_override(key: str) -> None:
    d = doc(post(handle="bad-handle", truncated=True))
    found = run(d, severity={key: "info"})
    assert [(f.code, f.severity) for f in found] == [("SC201", "info"), ("SC301", "info")]


def test_severity_code_wins_over_name() -> None:
    d = doc(post(handle="bad-handle"))
    [f] = run(d, severity={"invalid-handle": "info", "SC201": "warning"})
    assert f.severity == "warning"


# Positions


def test_line_and_column_on_multiline_text() -> None:
    # Non-ASCII before the span: columns count characters, not UTF-8 bytes.
    text = "Héllo wörld 🎉\nsecond line\n\n  ünïcode — pic.twitter.com/bad\nlast"
    start = text.index("pic.twitter.com/bad")
    p = post(
        span=(0, len(text)),
        links=("pic.twitter.com/bad",),
        link_spans=((start, start + 19),),
    )
    [f] = run(doc(p, text=text))
    assert (f.line, f.column) == (4, 13)
    assert f.column == start - text.rindex("\n", 0, start)


def test_line_index_positions_match_naive_scan() -> None:
    text = "ab\n\ncé\n🎉x\n"
    index = LineIndex.of(text)
    for offset in range(len(text) + 1):
        before = text[:offset]
        expected = (before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)
        assert index.position(offset) == expected, offset
    assert LineIndex.of("").position(0) == (1, 1)


# Ordering, determinism, registry


def test_findings_sorted_by_span_start_then_code() -> None:
    text = "line one\nline two\n" + TEXT
    late = post(
        span=(18, 18 + len(TEXT)),
        date=dt.date(2026, 4, 1),  # SC101 and SC103 on the same signature span
        signature_span=(40, 60),
        handle="bad-handle",  # SC201 on the same span too
        truncated=True,
        body_span=(18, 27),  # SC301 starts first
    )
    early = post(span=(0, 8), handle="x" * 20, signature_span=(0, 8))
    found = run(doc(late, early, text=text))
    assert [(f.span[0], f.code) for f in found] == [
        (0, "SC201"),
        (18, "SC301"),
        (40, "SC101"),
        (40, "SC103"),
        (40, "SC201"),
    ]
    assert [f.post_index for f in found] == [1, 0, 0, 0, 0]
    assert [(f.line, f.column) for f in found] == [(1, 1), (3, 1), (3, 23), (3, 23), (3, 23)]


def test_check_is_deterministic() -> None:
    d = doc(
        post(date=dt.date(2026, 1, 1), handle="bad-handle", links=("t.co/x",)),
        post(date=dt.date(2026, 1, 1), handle="bad-handle", links=("t.co/x",)),
    )
    first = run(d)
    # SC102, SC201 and SC401 on each post; SC302 on the copy only.
    assert sorted(codes(first)) == ["SC102", "SC102", "SC201", "SC201", "SC302", "SC401", "SC401"]
    assert [run(d) for _ in range(3)] == [first] * 3
    assert [f.to_dict() for f in first] == [f.to_dict() for f in run(d)]


def test_registry_is_consistent() -> None:
    assert len({c.code for c in CHECKS}) == len(CHECKS)
    assert len({c.name for c in CHECKS}) == len(CHECKS)
    for cls in CHECKS:
        assert re.fullmatch(r"SC\d{3}", cls.code)
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", cls.name)
        assert cls.severity in SEVERITIES
        assert cls.__doc__ and cls.__doc__.strip()
        assert "\n" not in cls.message
    assert [c.code for c in CHECKS] == sorted(c.code for c in CHECKS)


def test_public_codes_and_defaults() -> None:
    expected = {
        "SC101": ("post-after-article", "error"),
        "SC102": ("stale-post", "warning"),
        "SC103": ("post-in-future", "error"),
        "SC104": ("undated-post", "warning"),
        "SC105": ("impossible-date", "error"),
        "SC201": ("invalid-handle", "error"),
        "SC301": ("truncated-body", "info"),
        "SC302": ("duplicate-post", "warning"),
        "SC303": ("over-length-body", "info"),
        "SC401": ("malformed-link", "warning"),
        "SC501": ("id-date-mismatch", "error"),
        "SC502": ("id-after-article", "error"),
        "SC503": ("impossible-id", "error"),
        "SC504": ("url-handle-mismatch", "warning"),
        "SC505": ("invalid-platform-handle", "warning"),
    }
    assert {c.code: (c.name, c.severity) for c in CHECKS} == expected


def test_rule_lookup() -> None:
    assert rule("SC302").name == "duplicate-post"
    assert rule("duplicate-post").code == "SC302"
    assert rule("sc302") is rule("Duplicate-Post")
    with pytest.raises(KeyError):
        rule("SC999")


def test_docs_cover_every_check() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "checks.md").read_text(encoding="utf-8")
    for cls in CHECKS:
        assert re.search(rf"^## {cls.code} `{cls.name}`$", docs, re.MULTILINE), cls.code


def test_over_length_body_is_info_and_weighs_cjk_double() -> None:
    # 150 CJK characters weigh 300 under twitter-text v3: over the limit.
    long_cjk = "漢" * 150
    # 150 Latin characters weigh 150: fine.
    latin = "a" * 150
    found = codes(
        run(doc(post(body=long_cjk), post(body=latin, span=LATER), text=TEXT + "\n" + TEXT))
    )
    assert found.count("SC303") == 1
    truncated = codes(run(doc(post(body=long_cjk + "…", truncated=True))))
    assert "SC303" not in truncated


def test_post_entities_follow_twitter_text() -> None:
    p = post(body="Hi @bob, see #vote https://t.co/AbCdEfGh12 $AAPL")
    kinds = [next(k for k in e if k != "indices") for e in p.entities]
    assert kinds == ["screen_name", "hashtag", "url", "cashtag"]
    assert p.entities[0]["indices"] == [3, 7]
    assert post(body=None).entities == ()
