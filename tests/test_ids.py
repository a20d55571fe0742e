"""Tests for socialcheck.decode_id_time and the pre-snowflake X estimator.

The (ID, time) pairs come from docs/embed-formats (sections 3.f, 4.c/4.f, 5.f, 6.f, 7.f,
9.f, 11, 12, 15) unless a comment names another source.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import socialcheck
from socialcheck import IdTime, decode_id_time
from socialcheck.platforms import ids
from socialcheck.platforms.ids import pre_snowflake as ps

UTC = dt.timezone.utc
REPO = Path(__file__).resolve().parent.parent
SHARED_TABLE = REPO.parent / "shared" / "data" / "tweetedat" / "TweetTimeline.txt"
DATA = REPO / "socialcheck" / "data"


def utc(text: str) -> dt.datetime:
    """`YYYY-MM-DDTHH:MM[:SS[.f]]Z` (strptime: Python 3.10's fromisoformat takes
    neither `Z` nor a one-digit fraction)."""
    for shape in ("%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M%z"):
        try:
            return dt.datetime.strptime(text, shape)
        except ValueError:
            continue
    raise ValueError(text)


def decoded(platform: str, post_id: str) -> IdTime:
    got = decode_id_time(platform, post_id)
    assert got is not None, (platform, post_id)
    return got


# --------------------------------------------------------------------------- real pairs

# (platform, id, expected UTC time, how close the doc's figure is: its last digit)
EXACT_PAIRS = [
    # 4.f: 3la4vfasktq27 -> 2024-11-04T14:09:48.819Z
    ("bluesky", "3la4vfasktq27", "2024-11-04T14:09:48.819Z", dt.timedelta(milliseconds=1)),
    # 4.c table (TID time, to the second)
    ("bluesky", "3lotgdvwv322c", "2025-05-10T17:04:34Z", dt.timedelta(seconds=1)),
    ("bluesky", "3lhvhc7ss6s2j", "2025-02-11T10:30:29Z", dt.timedelta(seconds=1)),
    ("bluesky", "3lbf3etdjxc24", "2024-11-20T13:43:26Z", dt.timedelta(seconds=1)),
    # 3.f: 2047647522173104145 -> 2026-04-24T12:03Z
    ("twitter", "2047647522173104145", "2026-04-24T12:03:00Z", dt.timedelta(minutes=1)),
    ("x", "2047647522173104145", "2026-04-24T12:03:00Z", dt.timedelta(minutes=1)),
    # 5.f: 103254962155278888 -> 2019-12-05T11:34:47.183Z (created_at 11:34:47.196Z)
    ("mastodon", "103254962155278888", "2019-12-05T11:34:47.183Z", dt.timedelta(milliseconds=1)),
    # 11: 108779000807761862 -> 2022-08-07T01:30:27.755Z (yt-dlp timestamp 1659835827)
    ("truthsocial", "108779000807761862", "2022-08-07T01:30:27.755Z", dt.timedelta(0)),
    # 12: 6728971807346561024 -> 2020-11-02T10:11:37Z
    ("linkedin", "6728971807346561024", "2020-11-02T10:11:37Z", dt.timedelta(seconds=1)),
    # 7.f: DHtWpRvMBiw -> 3597631270905977008 -> 2025-03-27T15:58:09.6Z
    ("instagram", "DHtWpRvMBiw", "2025-03-27T15:58:09.6Z", dt.timedelta(milliseconds=100)),
    ("instagram", "3597631270905977008", "2025-03-27T15:58:09.6Z", dt.timedelta(milliseconds=100)),
    (
        "instagram",
        "3597631270905977008_16278726",
        "2025-03-27T15:58:09.6Z",
        dt.timedelta(milliseconds=100),
    ),
    # 6.f: CuWPE6iNEx_ -> 2023-07-06T07:24Z
    ("threads", "CuWPE6iNEx_", "2023-07-06T07:24:00Z", dt.timedelta(minutes=1)),
    # Discord's developer reference: 175928847299117063 -> 2016-04-30 11:18:25.796 UTC
    ("discord", "175928847299117063", "2016-04-30T11:18:25.796Z", dt.timedelta(0)),
    # A message log (pastebin.com/w16PaWCn): "634141408629882890 | Wed Oct 16 2019 21:31:33"
    ("discord", "634141408629882890", "2019-10-16T21:31:33Z", dt.timedelta(seconds=1)),
]


@pytest.mark.parametrize(("platform", "post_id", "expected", "close"), EXACT_PAIRS)
def test_decoders_on_real_pairs(
    platform: str, post_id: str, expected: str, close: dt.timedelta
) -> None:
    got = decoded(platform, post_id)
    assert got.time.tzinfo is not None and got.time.utcoffset() == dt.timedelta(0)
    assert abs(got.time - utc(expected)) <= close, got
    assert got.uncertainty == dt.timedelta(seconds=1)


# Pairs known to the day or second from the platform's own record of the post.
@pytest.mark.parametrize(
    ("platform", "post_id", "created"),
    [
        # 7.f: Instagram API created_at 1743091090 (15:58:10)
        ("instagram", "DHtWpRvMBiw", dt.datetime.fromtimestamp(1743091090, UTC)),
        # 11: yt-dlp test timestamp 1659835827
        ("truthsocial", "108779000807761862", dt.datetime.fromtimestamp(1659835827, UTC)),
        # 5.f: created_at 2019-12-05T11:34:47.196Z
        ("mastodon", "103254962155278888", utc("2019-12-05T11:34:47.196Z")),
    ],
)
def test_created_at_within_uncertainty(platform: str, post_id: str, created: dt.datetime) -> None:
    got = decoded(platform, post_id)
    assert got.earliest <= created <= got.latest


@pytest.mark.parametrize(
    ("platform", "post_id", "day"),
    [
        # 9.f: TikTok (yt-dlp upload_date 20211026; the doc's 2025-03-04)
        ("tiktok", "7023491746608712966", dt.date(2021, 10, 26)),
        ("tiktok", "7477932044257889558", dt.date(2025, 3, 4)),
        # 3.a: the embed of 1141401212492890113 says "June 19, 2019" (UTC date)
        ("twitter", "1141401212492890113", dt.date(2019, 6, 19)),
    ],
)
def test_decoders_on_real_days(platform: str, post_id: str, day: dt.date) -> None:
    assert decoded(platform, post_id).time.date() == day


def test_bluesky_embed_times_are_local_renderings_of_the_tid() -> None:
    # 4.c: the embed text is the TID time in the embedder's zone.
    shown = {
        "3la4vfasktq27": (dt.datetime(2024, 11, 4, 9, 9), -5),
        "3lotgdvwv322c": (dt.datetime(2025, 5, 10, 22, 34), 5.5),
        "3lhvhc7ss6s2j": (dt.datetime(2025, 2, 11, 19, 30), 9),
        "3lbf3etdjxc24": (dt.datetime(2024, 11, 20, 14, 43), 1),
    }
    for rkey, (local, offset) in shown.items():
        zone = dt.timezone(dt.timedelta(hours=offset))
        got = decoded("bluesky", rkey).time.astimezone(zone).replace(tzinfo=None)
        assert got.replace(second=0, microsecond=0) == local, rkey


def test_methods_name_the_scheme() -> None:
    assert decoded("twitter", "2047647522173104145").method == "x-snowflake"
    assert decoded("bluesky", "3la4vfasktq27").method == "bluesky-tid-client-clock"
    assert decoded("mastodon", "103254962155278888").method == "mastodon-snowflake"
    assert decoded("truthsocial", "108779000807761862").method == "truthsocial-snowflake"
    assert decoded("instagram", "DHtWpRvMBiw").method == "instagram-shortcode"
    assert decoded("instagram", "3597631270905977008").method == "instagram-media-id"
    assert decoded("threads", "CuWPE6iNEx_").method == "threads-shortcode"
    assert decoded("tiktok", "7477932044257889558").method == "tiktok-id"
    assert decoded("linkedin", "6728971807346561024").method == "linkedin-id"
    assert decoded("discord", "175928847299117063").method == "discord-snowflake"


def test_instagram_shortcode_to_media_id() -> None:
    assert ids.instagram_media_id("DHtWpRvMBiw") == 3597631270905977008
    assert ids.instagram_media_id("3597631270905977008_16278726") == 3597631270905977008


def test_platform_names_are_case_and_space_insensitive() -> None:
    assert decode_id_time(" Twitter ", "2047647522173104145") is not None
    assert decode_id_time("BLUESKY", "3la4vfasktq27") is not None
    assert decode_id_time("twitter", " 2047647522173104145\n") is not None


# --------------------------------------------------------------------------- boundaries


def test_snowflake_threshold() -> None:
    first = decoded("twitter", str(ids.SNOWFLAKE_MIN))
    assert first.method == "x-snowflake"
    assert first.time == utc("2010-11-05T01:42:54.657Z")  # twepoch + 1 day
    assert decode_id_time("twitter", str(ids.SNOWFLAKE_MIN - 1)) is None


def test_gap_between_the_schemes_is_none() -> None:
    for value in (ids.PRE_SNOWFLAKE_MAX + 1, 10**12, ids.SNOWFLAKE_MIN - 1):
        assert decode_id_time("twitter", str(value)) is None
        assert ids.x_id_in_scheme_gap(str(value))
    assert not ids.x_id_in_scheme_gap(str(ids.PRE_SNOWFLAKE_MAX))
    assert not ids.x_id_in_scheme_gap(str(ids.SNOWFLAKE_MIN))


def test_pre_snowflake_ends_are_anchors() -> None:
    first = decoded("twitter", "20")
    assert first.time == utc("2006-03-21T20:50:14Z")
    assert first.method == "x-pre-snowflake-anchor"
    last = decoded("twitter", str(ids.PRE_SNOWFLAKE_MAX))
    assert last.time == utc("2010-11-04T21:02:48Z")
    assert last.uncertainty == dt.timedelta(seconds=1)


def test_pre_snowflake_below_first_anchor_is_none() -> None:
    for value in ("0", "1", "19"):
        assert decode_id_time("twitter", value) is None


def test_largest_64_bit_ids() -> None:
    top = str((1 << 63) - 1)
    assert decode_id_time("twitter", top) is not None
    assert decode_id_time("mastodon", top) is not None
    for platform in ("twitter", "mastodon", "tiktok", "linkedin", "discord", "instagram"):
        assert decode_id_time(platform, str(1 << 63)) is None, platform


def test_legacy_sequential_ids_carry_no_time() -> None:
    # Mastodon before 2.0 and Instagram before its 2011 sharding numbered posts in order.
    assert decode_id_time("mastodon", "99664077") is None
    assert decode_id_time("truthsocial", "12345") is None
    assert decode_id_time("instagram", "BR") is None
    assert decode_id_time("instagram", "12345678") is None


GARBAGE = [
    "",
    " ",
    "abc",
    "12a",
    "-5",
    "+5",
    "1e5",
    "1.5",
    "١٢٣",  # Arabic-Indic digits are digits to str.isdigit, not to an ID
    "９９",  # fullwidth digits
    "9" * 25,
    "9" * 200,
    "3la4vfasktq2",  # 12 characters
    "3la4vfasktq27x",  # 14 characters
    "kla4vfasktq27",  # top bit set
    "3LA4VFASKTQ27",  # TIDs are lower case
    "DHtWpRvMBiw!",
    "DHtWpRvMBiwDHtWpRvMBiw",  # more than 64 bits
    "1_",
    "_1",
    "\x00",
    "12\n34",
]


@pytest.mark.parametrize("platform", [*ids.LAUNCHES, "x", "facebook", "reddit", "", "??"])
@pytest.mark.parametrize("post_id", GARBAGE)
def test_garbage_is_none(platform: str, post_id: str) -> None:
    assert decode_id_time(platform, post_id) is None


@pytest.mark.parametrize("value", [None, 123, 1.5, b"123", ["1"]])
def test_wrong_types_are_none(value: object) -> None:
    assert decode_id_time("twitter", value) is None  # type: ignore[arg-type]
    assert decode_id_time(value, "123") is None  # type: ignore[arg-type]


def test_unknown_platform_is_none() -> None:
    assert decode_id_time("facebook", "10153908777222475") is None
    assert decode_id_time("youtube", "dQw4w9WgXcQ") is None


def test_random_strings_never_raise() -> None:
    rng = random.Random(5)
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-. @"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        for platform in ids.LAUNCHES:
            decode_id_time(platform, text)


# --------------------------------------------------------------------------- pre-snowflake


def test_pre_snowflake_is_monotone_and_bracketed() -> None:
    est = ps.default_estimator()
    anchors = est.anchors
    rng = random.Random(1)
    values = sorted(rng.randrange(20, ids.PRE_SNOWFLAKE_MAX) for _ in range(2000))
    times = []
    for value in values:
        got = est.estimate(value)
        assert got is not None
        j = got.lower_anchor
        assert anchors.ids[j] <= value <= anchors.ids[j + 1]
        assert anchors.times[j] <= got.time <= anchors.times[j + 1]
        assert 1 <= got.uncertainty <= got.gap
        times.append(got.time)
    assert times == sorted(times)


def test_pre_snowflake_uncertainty_is_stated_and_large_in_2006() -> None:
    early = decoded("twitter", "1000000")  # December 2006
    late = decoded("twitter", "10000000000")  # March 2010
    assert early.method == late.method == "x-pre-snowflake-rhythm"
    assert early.time.year == 2006 and late.time.year == 2010
    assert early.uncertainty > late.uncertainty >= dt.timedelta(minutes=30)


def test_pre_snowflake_jump_interval_gets_the_whole_bracket() -> None:
    # X moved IDs forward on 2009-06-12: the anchor interval around it holds a jump.
    est = ps.default_estimator()
    got = est.estimate(2133421743 + 5_000_000)
    assert got is not None and got.method.endswith("-jump")
    j = got.lower_anchor
    assert got.uncertainty == max(
        got.time - est.anchors.times[j], est.anchors.times[j + 1] - got.time
    )


def test_shipped_model_matches_the_shipped_table() -> None:
    model = json.loads((DATA / "pre_snowflake_model.json").read_text(encoding="ascii"))
    table = (DATA / "tweetedat" / "TweetTimeline.txt").read_bytes()
    assert model["table_sha256"] == hashlib.sha256(table).hexdigest()
    anchors = ps.packaged_anchors()
    assert len(anchors.ids) == 2362
    assert anchors.ids[-1] == ids.PRE_SNOWFLAKE_MAX == ps.LAST_ID
    rhythm, _uncertainty, jumps, _meta = ps.load_model()
    # The stored jump intervals are the ones the shipped rhythm finds.
    assert {anchors.ids[i] for i in ps.anomalous_intervals(anchors, rhythm)} == jumps
    assert 2133421743 in jumps  # 2009-06-12


def test_table_ships_with_its_license_and_provenance() -> None:
    folder = DATA / "tweetedat"
    assert "MIT License" in (folder / "LICENSE").read_text(encoding="utf-8")
    assert "Copyright (c) 2019 ODU WS-DL" in (folder / "LICENSE").read_text(encoding="utf-8")
    provenance = (folder / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "oduwsdl/tweetedat" in provenance
    assert hashlib.sha256((folder / "TweetTimeline.txt").read_bytes()).hexdigest() in provenance


def _shared_table() -> Path:
    if not SHARED_TABLE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED_TABLE} is missing in CI")
        pytest.skip(f"{SHARED_TABLE} not present")
    return SHARED_TABLE


def test_packaged_table_is_the_shared_one() -> None:
    shared = _shared_table().read_bytes()
    assert (DATA / "tweetedat" / "TweetTimeline.txt").read_bytes() == shared


def test_held_out_anchors_within_stated_uncertainty() -> None:
    """Hold out every 5th anchor of 2008; fit the rhythm without them; date them.

    A small, fast version of scripts/eval_pre_snowflake.py (which does all anchors). The
    rhythm is fitted only on anchors from mid-2007 to mid-2009 to keep the test quick; the
    uncertainty uses the shipped calibration.
    """
    anchors = ps.parse_anchor_lines(_shared_table().read_text(encoding="ascii").splitlines())
    start, end = utc("2008-01-01T00:00Z").timestamp(), utc("2009-01-01T00:00Z").timestamp()
    held = [i for i, t in enumerate(anchors.times) if start <= t < end and i % 5 == 0]
    window = [
        i
        for i, t in enumerate(anchors.times)
        if utc("2007-07-01T00:00Z").timestamp() <= t < utc("2009-07-01T00:00Z").timestamp()
        and i not in set(held)
    ]
    train = anchors.subset(window)
    _rhythm, shipped_u, _jumps, _meta = ps.load_model()
    ours = ps.PreSnowflakeEstimator(train, ps.fit_rhythm(train, iterations=25), shipped_u)
    linear = ps.PreSnowflakeEstimator(train, None, None)
    errors, linear_errors, covered = [], [], 0
    for i in held:
        got = ours.estimate(anchors.ids[i])
        lin = linear.estimate(anchors.ids[i])
        assert got is not None and lin is not None
        err = abs(got.time - anchors.times[i])
        errors.append(err)
        linear_errors.append(abs(lin.time - anchors.times[i]))
        covered += err <= got.uncertainty
    assert len(held) > 90
    assert covered / len(held) >= 0.93
    assert sum(errors) < 0.75 * sum(linear_errors)
    assert sorted(errors)[len(errors) // 2] < 0.6 * sorted(linear_errors)[len(errors) // 2]


# --------------------------------------------------------------------------- laziness


def test_import_does_not_load_the_table() -> None:
    script = textwrap.dedent(
        """
        import sys, time
        started = time.perf_counter()
        import socialcheck
        imported = time.perf_counter() - started
        name = "socialcheck.platforms.ids.pre_snowflake"
        assert name not in sys.modules, "import socialcheck imported the estimator"
        assert socialcheck.decode_id_time("twitter", "2047647522173104145") is not None
        assert socialcheck.decode_id_time("bluesky", "3la4vfasktq27") is not None
        assert name not in sys.modules, "a snowflake loaded the pre-snowflake table"
        started = time.perf_counter()
        got = socialcheck.decode_id_time("twitter", "1000000")
        first = time.perf_counter() - started
        assert got is not None and got.time.year == 2006
        assert name in sys.modules
        print(f"{imported:.3f} {first:.3f}")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    imported, first = (float(v) for v in done.stdout.split())
    assert first < 0.5, f"first pre-snowflake decode took {first:.3f} s"


def test_ids_module_import_is_cheap() -> None:
    script = "import socialcheck.platforms.ids"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    self_us = {
        line.split("|")[2].strip(): int(line.split("|")[0].split(":")[1])
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line and "self" not in line
    }
    assert self_us["socialcheck.platforms.ids"] < 30_000
    assert "socialcheck.platforms.ids.pre_snowflake" not in self_us


def test_public_surface() -> None:
    assert "decode_id_time" in socialcheck.__all__ and "IdTime" in socialcheck.__all__
    assert socialcheck.decode_id_time is ids.decode_id_time
