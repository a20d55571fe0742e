"""Tests for socialcheck.platforms.urls: post-URL recognition and canonical forms.

Examples come from docs/embed-formats (sections 3.d-14); ids without a doc source are
made-up but well-formed.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from socialcheck.platforms import urls
from socialcheck.platforms.urls import MAX_URL_LENGTH, PostURL, find_post_urls, parse_post_url

REPO = Path(__file__).resolve().parent.parent

# (url, platform, kind, handle, post_id, canonical)
Case = tuple[str, str, str, "str | None", "str | None", str]

MEGHAN = "https://x.com/MeghanStabler/status/1141401212492890113"
DID = "did:plc:pqeikn4fnyts5seuh5bazj7b"
BSKY_DID_POST = f"https://bsky.app/profile/{DID}/post/3la4vfasktq27"
TRUTH = "https://truthsocial.com/@realDonaldTrump/posts/108779000807761862"
ROMM = "https://www.facebook.com/joseph.romm/posts/10153908777222475"
TIKTOK = "https://www.tiktok.com/@mickbroer/video/7477932044257889558"
YT = "https://www.youtube.com/watch?v=6529hLGsJW8"
LI_SHARE = "https://www.linkedin.com/feed/update/urn:li:share:6728971807346561024/"
REDDIT = "https://www.reddit.com/r/CryptoCurrency/comments/1jki1lj/"

# fmt: off
POSTS: list[Case] = [
    # X / Twitter (3.d)
    (
        "https://twitter.com/MeghanStabler/status/1141401212492890113?ref_src=twsrc%5Etfw",
        "twitter", "post", "MeghanStabler", "1141401212492890113", MEGHAN,
    ),
    (
        "https://x.com/julien_c/status/2047647522173104145",
        "twitter", "post", "julien_c", "2047647522173104145",
        "https://x.com/julien_c/status/2047647522173104145",
    ),
    ("twitter.com/MeghanStabler/status/1141401212492890113", "twitter", "post",
     "MeghanStabler", "1141401212492890113", MEGHAN),
    ("http://WWW.Twitter.COM/MeghanStabler/status/1141401212492890113", "twitter", "post",
     "MeghanStabler", "1141401212492890113", MEGHAN),
    ("https://mobile.twitter.com/MeghanStabler/status/1141401212492890113/photo/1",
     "twitter", "post", "MeghanStabler", "1141401212492890113", MEGHAN),
    ("https://m.x.com/MeghanStabler/status/1141401212492890113/video/1?s=20&t=abc#frag",
     "twitter", "post", "MeghanStabler", "1141401212492890113", MEGHAN),
    ("https://twitter.com/i/web/status/1141401212492890113", "twitter", "post", None,
     "1141401212492890113", "https://x.com/i/web/status/1141401212492890113"),
    ("https://x.com/i/status/1141401212492890113", "twitter", "post", None,
     "1141401212492890113", "https://x.com/i/web/status/1141401212492890113"),
    ("https://twitter.com/statuses/20", "twitter", "post", None, "20",
     "https://x.com/i/web/status/20"),
    ("https://twitter.com/jack/statuses/20", "twitter", "post", "jack", "20",
     "https://x.com/jack/status/20"),
    ("http://twitter.com/#!/jack/status/20", "twitter", "post", "jack", "20",
     "https://x.com/jack/status/20"),
    ("https://twitter.com/realDonaldTrump/status/671140719629848576", "twitter", "post",
     "realDonaldTrump", "671140719629848576",
     "https://x.com/realDonaldTrump/status/671140719629848576"),
    ("https://fxtwitter.com/MeghanStabler/status/1141401212492890113", "twitter", "post",
     "MeghanStabler", "1141401212492890113", MEGHAN),
    ("https://vxtwitter.com/MeghanStabler/status/1141401212492890113", "twitter", "post",
     "MeghanStabler", "1141401212492890113", MEGHAN),
    ("https://fixupx.com/MeghanStabler/status/1141401212492890113/en", "twitter", "post",
     "MeghanStabler", "1141401212492890113", MEGHAN),
    ("https://fixvx.com/MeghanStabler/status/1141401212492890113", "twitter", "post",
     "MeghanStabler", "1141401212492890113", MEGHAN),
    ("https://twittpr.com/MeghanStabler/status/1141401212492890113", "twitter", "post",
     "MeghanStabler", "1141401212492890113", MEGHAN),
    ("https://xcancel.com/MeghanStabler/status/1141401212492890113", "twitter", "post",
     "MeghanStabler", "1141401212492890113", MEGHAN),
    ("https://nitter.net/MeghanStabler/status/1141401212492890113#m", "twitter", "post",
     "MeghanStabler", "1141401212492890113", MEGHAN),
    ("https://nitter.poast.org/MeghanStabler/status/1141401212492890113", "twitter", "post",
     "MeghanStabler", "1141401212492890113", MEGHAN),
    ("https://nitter.privacydev.net/MeghanStabler/status/1141401212492890113", "twitter",
     "post", "MeghanStabler", "1141401212492890113", MEGHAN),
    ("https://platform.twitter.com/embed/Tweet.html?dnt=true&id=1141401212492890113",
     "twitter", "post", None, "1141401212492890113",
     "https://x.com/i/web/status/1141401212492890113"),
    (r"https://twitter.com/NavidHasan\_/status/951946826330296320", "twitter", "post",
     "NavidHasan_", "951946826330296320", "https://x.com/NavidHasan_/status/951946826330296320"),
    # Bluesky (4.d)
    (f"at://{DID}/app.bsky.feed.post/3la4vfasktq27", "bluesky", "post", DID,
     "3la4vfasktq27", BSKY_DID_POST),
    (f"{BSKY_DID_POST}?ref_src=embed", "bluesky", "post", DID, "3la4vfasktq27", BSKY_DID_POST),
    ("https://bsky.app/profile/davidharting.com/post/3la4vfasktq27", "bluesky", "post",
     "davidharting.com", "3la4vfasktq27",
     "https://bsky.app/profile/davidharting.com/post/3la4vfasktq27"),
    (f"https://embed.bsky.app/embed/{DID}/app.bsky.feed.post/3la4vfasktq27", "bluesky",
     "post", DID, "3la4vfasktq27", BSKY_DID_POST),
    (f"https://fxbsky.app/profile/{DID}/post/3la4vfasktq27", "bluesky", "post", DID,
     "3la4vfasktq27", BSKY_DID_POST),
    (f"https://vxbsky.app/profile/{DID}/post/3la4vfasktq27", "bluesky", "post", DID,
     "3la4vfasktq27", BSKY_DID_POST),
    (f"https://bskx.app/profile/{DID}/post/3la4vfasktq27", "bluesky", "post", DID,
     "3la4vfasktq27", BSKY_DID_POST),
    ("at://oppi.li/app.bsky.feed.post/3lotgdvwv322c", "bluesky", "post", "oppi.li",
     "3lotgdvwv322c", "https://bsky.app/profile/oppi.li/post/3lotgdvwv322c"),
    # Mastodon (5.d)
    ("https://fosstodon.org/@rustnl/114505776215440277", "mastodon", "post", "rustnl",
     "114505776215440277", "https://fosstodon.org/@rustnl/114505776215440277"),
    ("https://fosstodon.org/@rustnl/114505776215440277/embed", "mastodon", "post", "rustnl",
     "114505776215440277", "https://fosstodon.org/@rustnl/114505776215440277"),
    ("https://mastodon.social/@trwnh/99664077509711321/embed", "mastodon", "post", "trwnh",
     "99664077509711321", "https://mastodon.social/@trwnh/99664077509711321"),
    ("https://mastodon.social/users/trwnh/statuses/99664077509711321", "mastodon", "post",
     "trwnh", "99664077509711321", "https://mastodon.social/@trwnh/99664077509711321"),
    ("https://mastodon.social/@rustnl@fosstodon.org/114505776215440280", "mastodon", "post",
     "rustnl@fosstodon.org", "114505776215440280",
     "https://mastodon.social/@rustnl@fosstodon.org/114505776215440280"),
    ("https://socel.net/@BGP/113805114250504687", "mastodon", "post", "BGP",
     "113805114250504687", "https://socel.net/@BGP/113805114250504687"),
    # Any host qualifies by shape: instances are open-ended.
    ("https://example.com/@user/123", "mastodon", "post", "user", "123",
     "https://example.com/@user/123"),
    # Truth Social (11.d), checked before the generic Mastodon shape
    (TRUTH, "truthsocial", "post", "realDonaldTrump", "108779000807761862", TRUTH),
    ("https://truthsocial.com/@realDonaldTrump/108779000807761862", "truthsocial", "post",
     "realDonaldTrump", "108779000807761862", TRUTH),
    ("https://truthsocial.com/@realDonaldTrump/108779000807761862/embed", "truthsocial",
     "post", "realDonaldTrump", "108779000807761862", TRUTH),
    # Threads (6.d)
    ("https://www.threads.net/@corentin_da_/post/CuWPE6iNEx_", "threads", "post",
     "corentin_da_", "CuWPE6iNEx_", "https://www.threads.com/@corentin_da_/post/CuWPE6iNEx_"),
    ("https://www.threads.com/@corentin_da_/post/CuWPE6iNEx_?xmt=AQGz&hl=en", "threads",
     "post", "corentin_da_", "CuWPE6iNEx_",
     "https://www.threads.com/@corentin_da_/post/CuWPE6iNEx_"),
    ("https://threads.net/t/CuWPE6iNEx_", "threads", "post", None, "CuWPE6iNEx_",
     "https://www.threads.com/t/CuWPE6iNEx_"),
    # Instagram (7.d)
    ("https://www.instagram.com/p/DHtWpRvMBiw/?utm_source=ig_embed&amp;utm_campaign=loading",
     "instagram", "post", None, "DHtWpRvMBiw", "https://www.instagram.com/p/DHtWpRvMBiw/"),
    ("https://www.instagram.com/reel/DHtWpRvMBiw/", "instagram", "post", None, "DHtWpRvMBiw",
     "https://www.instagram.com/reel/DHtWpRvMBiw/"),
    ("https://www.instagram.com/reels/DHtWpRvMBiw/", "instagram", "post", None, "DHtWpRvMBiw",
     "https://www.instagram.com/reel/DHtWpRvMBiw/"),
    ("https://www.instagram.com/tv/B8nG5Zcg3Fp/", "instagram", "post", None, "B8nG5Zcg3Fp",
     "https://www.instagram.com/tv/B8nG5Zcg3Fp/"),
    ("http://instagr.am/p/BnSDeuBnqK9", "instagram", "post", None, "BnSDeuBnqK9",
     "https://www.instagram.com/p/BnSDeuBnqK9/"),
    ("https://www.instagram.com/tylerxhobbs/p/BnSDeuBnqK9/", "instagram", "post",
     "tylerxhobbs", "BnSDeuBnqK9", "https://www.instagram.com/p/BnSDeuBnqK9/"),
    ("https://www.instagram.com/p/BnSDeuBnqK9/embed/captioned/", "instagram", "post", None,
     "BnSDeuBnqK9", "https://www.instagram.com/p/BnSDeuBnqK9/"),
    # Facebook (8.d)
    (ROMM, "facebook", "post", "joseph.romm", "10153908777222475", ROMM),
    ("https://m.facebook.com/joseph.romm/posts/10153908777222475/", "facebook", "post",
     "joseph.romm", "10153908777222475", ROMM),
    ("https://web.facebook.com/joseph.romm/posts/10153908777222475", "facebook", "post",
     "joseph.romm", "10153908777222475", ROMM),
    ("https://www.facebook.com/nasa/posts/pfbid02Xq5JYNh3mEPGtPV1mVeJYx3NAx5fW1Q9v8UYQ7bvGmzJl",
     "facebook", "post", "nasa", "pfbid02Xq5JYNh3mEPGtPV1mVeJYx3NAx5fW1Q9v8UYQ7bvGmzJl",
     "https://www.facebook.com/nasa/posts/pfbid02Xq5JYNh3mEPGtPV1mVeJYx3NAx5fW1Q9v8UYQ7bvGmzJl"),
    ("https://www.facebook.com/permalink.php?story_fbid=10153908777222475&id=100044",
     "facebook", "post", "100044", "10153908777222475",
     "https://www.facebook.com/permalink.php?story_fbid=10153908777222475&id=100044"),
    ("https://www.facebook.com/photo/?fbid=10158796340977475&set=a.123", "facebook", "post",
     None, "10158796340977475", "https://www.facebook.com/photo/?fbid=10158796340977475"),
    ("https://www.facebook.com/photo.php?fbid=10158796340977475", "facebook", "post", None,
     "10158796340977475", "https://www.facebook.com/photo/?fbid=10158796340977475"),
    ("https://www.facebook.com/nasa/videos/1234567890123456/", "facebook", "post", "nasa",
     "1234567890123456", "https://www.facebook.com/nasa/videos/1234567890123456/"),
    ("https://www.facebook.com/watch/?v=1234567890123456", "facebook", "post", None,
     "1234567890123456", "https://www.facebook.com/watch/?v=1234567890123456"),
    ("https://www.facebook.com/reel/1234567890123456", "facebook", "post", None,
     "1234567890123456", "https://www.facebook.com/reel/1234567890123456/"),
    (
        "https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2F"
        "joseph.romm%2Fposts%2F10153908777222475&show_text=true&width=500",
        "facebook", "post", "joseph.romm", "10153908777222475", ROMM,
    ),
    (
        "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2F"
        "nasa%2Fvideos%2F1234567890123456%2F&show_text=0",
        "facebook", "post", "nasa", "1234567890123456",
        "https://www.facebook.com/nasa/videos/1234567890123456/",
    ),
    # TikTok (9.d)
    (TIKTOK, "tiktok", "post", "mickbroer", "7477932044257889558", TIKTOK),
    (f"{TIKTOK}?_r=1&_t=8abc&refer=embed", "tiktok", "post", "mickbroer",
     "7477932044257889558", TIKTOK),
    ("https://www.tiktok.com/@mickbroer/photo/7477932044257889558", "tiktok", "post",
     "mickbroer", "7477932044257889558",
     "https://www.tiktok.com/@mickbroer/photo/7477932044257889558"),
    ("https://www.tiktok.com/embed/7477932044257889558", "tiktok", "post", None,
     "7477932044257889558", "https://www.tiktok.com/embed/v2/7477932044257889558"),
    ("https://www.tiktok.com/embed/v2/7023491746608712966", "tiktok", "post", None,
     "7023491746608712966", "https://www.tiktok.com/embed/v2/7023491746608712966"),
    # YouTube (10.d)
    (YT, "youtube", "post", None, "6529hLGsJW8", YT),
    ("https://youtu.be/6529hLGsJW8?si=xyz", "youtube", "post", None, "6529hLGsJW8", YT),
    ("https://www.youtube.com/embed/6529hLGsJW8?rel=0", "youtube", "post", None,
     "6529hLGsJW8", YT),
    ("https://www.youtube-nocookie.com/embed/6529hLGsJW8", "youtube", "post", None,
     "6529hLGsJW8", YT),
    ("https://www.youtube.com/shorts/6529hLGsJW8", "youtube", "post", None, "6529hLGsJW8", YT),
    ("https://www.youtube.com/live/6529hLGsJW8?feature=share", "youtube", "post", None,
     "6529hLGsJW8", YT),
    ("https://m.youtube.com/watch?feature=share&v=6529hLGsJW8", "youtube", "post", None,
     "6529hLGsJW8", YT),
    ("https://music.youtube.com/watch?v=6529hLGsJW8&list=RD", "youtube", "post", None,
     "6529hLGsJW8", YT),
    # LinkedIn (12.d)
    ("https://www.linkedin.com/embed/feed/update/urn:li:share:6728971807346561024",
     "linkedin", "post", None, "6728971807346561024", LI_SHARE),
    ("https://www.linkedin.com/feed/update/urn:li:activity:6728971807346561024/",
     "linkedin", "post", None, "6728971807346561024",
     "https://www.linkedin.com/feed/update/urn:li:activity:6728971807346561024/"),
    ("https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A6728971807346561024",
     "linkedin", "post", None, "6728971807346561024",
     "https://www.linkedin.com/feed/update/urn:li:ugcPost:6728971807346561024/"),
    ("https://www.linkedin.com/posts/satyanadella_ai-copilot-activity-7123456789012345678-AbCd",
     "linkedin", "post", "satyanadella", "7123456789012345678",
     "https://www.linkedin.com/feed/update/urn:li:activity:7123456789012345678/"),
    ("https://uk.linkedin.com/posts/jane-doe-1a2b3c_activity-7123456789012345678-x_Y-",
     "linkedin", "post", "jane-doe-1a2b3c", "7123456789012345678",
     "https://www.linkedin.com/feed/update/urn:li:activity:7123456789012345678/"),
    # Reddit (13.d)
    ("https://www.reddit.com/r/CryptoCurrency/comments/1jki1lj/polymarket_voters_just_verifiably_got_scammed/",
     "reddit", "post", None, "1jki1lj", REDDIT),
    ("https://old.reddit.com/r/CryptoCurrency/comments/1jki1lj/", "reddit", "post", None,
     "1jki1lj", REDDIT),
    ("https://np.reddit.com/r/CryptoCurrency/comments/1jki1lj/x/?ref=share&ref_source=embed",
     "reddit", "post", None, "1jki1lj", REDDIT),
    ("https://redd.it/1jki1lj", "reddit", "post", None, "1jki1lj",
     "https://www.reddit.com/comments/1jki1lj/"),
    # Telegram (14.d)
    ("https://t.me/durov/68", "telegram", "post", "durov", "durov/68", "https://t.me/durov/68"),
    ("https://t.me/s/durov/68", "telegram", "post", "durov", "durov/68",
     "https://t.me/durov/68"),
    ("https://telegram.me/durov/68?single", "telegram", "post", "durov", "durov/68",
     "https://t.me/durov/68"),
]
# fmt: on


@pytest.mark.parametrize(("url", "platform", "kind", "handle", "post_id", "canonical"), POSTS)
def test_recognises(
    url: str, platform: str, kind: str, handle: str | None, post_id: str | None, canonical: str
) -> None:
    got = parse_post_url(url)
    assert got is not None, url
    assert (got.platform, got.kind, got.handle, got.post_id, got.canonical) == (
        platform,
        kind,
        handle,
        post_id,
        canonical,
    )
    assert got.url == url
    assert got.platform in urls.PLATFORMS and got.kind in urls.KINDS


def test_canonical_is_a_fixed_point() -> None:
    for url, *_rest in POSTS:
        first = parse_post_url(url)
        assert first is not None
        again = parse_post_url(first.canonical)
        assert again is not None, first.canonical
        assert (again.platform, again.kind, again.post_id, again.canonical) == (
            first.platform,
            first.kind,
            first.post_id,
            first.canonical,
        )


# (url, platform, code, canonical)
# fmt: off
SHORTS = [
    ("https://t.co/rh2qT3eFys", "twitter", "rh2qT3eFys", "https://t.co/rh2qT3eFys"),
    ("http://t.co/IwNjEizN", "twitter", "IwNjEizN", "https://t.co/IwNjEizN"),
    ("pic.twitter.com/rh2qT3eFys", "twitter", "rh2qT3eFys", "https://pic.twitter.com/rh2qT3eFys"),
    ("https://go.bsky.app/Ab3dEf", "bluesky", "Ab3dEf", "https://go.bsky.app/Ab3dEf"),
    ("https://vm.tiktok.com/ZMabcdEF/", "tiktok", "ZMabcdEF", "https://vm.tiktok.com/ZMabcdEF/"),
    ("https://vt.tiktok.com/ZSabcdEF/", "tiktok", "ZSabcdEF", "https://vt.tiktok.com/ZSabcdEF/"),
    ("https://www.tiktok.com/t/ZTabcdEF/", "tiktok", "ZTabcdEF",
     "https://www.tiktok.com/t/ZTabcdEF/"),
    ("https://fb.watch/abcDEF123/", "facebook", "abcDEF123", "https://fb.watch/abcDEF123/"),
    ("https://www.facebook.com/share/p/1AbCdEfGh/", "facebook", "1AbCdEfGh",
     "https://www.facebook.com/share/p/1AbCdEfGh/"),
    ("https://www.facebook.com/share/1AbCdEfGh/", "facebook", "1AbCdEfGh",
     "https://www.facebook.com/share/1AbCdEfGh/"),
    ("https://www.reddit.com/r/CryptoCurrency/s/AbCdEf12", "reddit", "AbCdEf12",
     "https://www.reddit.com/r/CryptoCurrency/s/AbCdEf12"),
]
# fmt: on


@pytest.mark.parametrize(("url", "platform", "code", "canonical"), SHORTS)
def test_short_links(url: str, platform: str, code: str, canonical: str) -> None:
    got = parse_post_url(url)
    assert got is not None, url
    assert (got.platform, got.kind, got.code, got.canonical) == (
        platform,
        "short",
        code,
        canonical,
    )
    assert got.post_id is None and got.handle is None


def test_youtu_be_is_a_post_not_a_short_link() -> None:
    got = parse_post_url("youtu.be/6529hLGsJW8")
    assert got is not None and got.kind == "post" and got.post_id == "6529hLGsJW8"


def test_twitter_media() -> None:
    got = parse_post_url("https://pbs.twimg.com/media/EXsC7MkWsAA2xUm?format=jpg&name=large")
    assert got == PostURL(
        platform="twitter",
        kind="media",
        handle=None,
        post_id=None,
        host="pbs.twimg.com",
        canonical="https://pbs.twimg.com/media/EXsC7MkWsAA2xUm",
        url="https://pbs.twimg.com/media/EXsC7MkWsAA2xUm?format=jpg&name=large",
        code="EXsC7MkWsAA2xUm",
    )
    got = parse_post_url("https://pbs.twimg.com/media/EXsC7MkWsAA2xUm.jpg")
    assert got is not None and got.code == "EXsC7MkWsAA2xUm"


# (url, platform, handle)
PROFILES = [
    ("https://twitter.com/MeghanStabler", "twitter", "MeghanStabler"),
    ("https://x.com/julien_c/", "twitter", "julien_c"),
    ("https://nitter.net/julien_c", "twitter", "julien_c"),
    (f"https://bsky.app/profile/{DID}?ref_src=embed", "bluesky", DID),
    ("https://bsky.app/profile/davidharting.com", "bluesky", "davidharting.com"),
    ("https://truthsocial.com/@realDonaldTrump", "truthsocial", "realDonaldTrump"),
    ("https://www.threads.net/@corentin_da_", "threads", "corentin_da_"),
    ("https://www.instagram.com/tylerxhobbs/", "instagram", "tylerxhobbs"),
    ("https://www.facebook.com/joseph.romm", "facebook", "joseph.romm"),
    ("https://www.facebook.com/profile.php?id=100044", "facebook", "100044"),
    ("https://www.tiktok.com/@mickbroer?refer=embed", "tiktok", "mickbroer"),
    ("https://www.youtube.com/@mkbhd", "youtube", "mkbhd"),
    ("https://www.linkedin.com/in/jane-doe-1a2b3c/", "linkedin", "jane-doe-1a2b3c"),
    ("https://www.reddit.com/user/GabeSter/", "reddit", "GabeSter"),
    ("https://t.me/durov", "telegram", "durov"),
    ("https://t.me/s/durov", "telegram", "durov"),
]


@pytest.mark.parametrize(("url", "platform", "handle"), PROFILES)
def test_profiles_are_not_posts(url: str, platform: str, handle: str) -> None:
    got = parse_post_url(url)
    assert got is not None, url
    assert (got.platform, got.kind, got.handle, got.post_id) == (platform, "profile", handle, None)


NOT_RECOGNISED = [
    "twitter.com/home",
    "https://twitter.com/home",
    "https://x.com/i/flow/login",
    "https://x.com/search?q=socialcheck",
    "https://x.com/explore",
    "https://twitter.com/intent/tweet?text=hi",
    "https://x.com/someone/status/notanumber",
    "https://x.com/someone/status/",
    "https://www.nytimes.com/2026/03/05/world/europe/some-article.html",
    "https://www.bbc.co.uk/news/world-12345678",
    "https://example.com/",
    "https://example.com/@user",  # Mastodon-shaped profile on an unknown host: not recognised
    "https://medium.com/@someone/how-i-built-it-3f2a1b",
    "https://192.168.0.1/@user/123",  # no registrable domain
    "https://localhost/@user/123",
    "https://www.instagram.com/explore/",
    "https://www.instagram.com/accounts/login/",
    "https://www.facebook.com/login/",
    "https://www.facebook.com/watch/",
    "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.com",
    "https://www.youtube.com/embed/videoseries?list=PL123",
    "https://www.youtube.com/watch?v=tooShort",
    "https://www.linkedin.com/pulse/some-article-jane-doe",
    "https://www.reddit.com/r/CryptoCurrency/",
    "https://t.me/joinchat/AbCdEf",
    "https://help.twitter.com/en",  # subdomain of a platform: posts only, no profiles
    "ftp://twitter.com/jack/status/20",
    "mailto:jack@twitter.com",
    "javascript:alert(1)",
    "https://user@twitter.com/jack/status/20",
    "",
    "https://",
    "at://",
    "at://did:plc:pqeikn4fnyts5seuh5bazj7b/app.bsky.actor.profile/self",
    "https://www.threads.com/",
    "https://bsky.app/",
]


@pytest.mark.parametrize("url", NOT_RECOGNISED)
def test_not_recognised(url: str) -> None:
    assert parse_post_url(url) is None


def test_host_and_port_handling() -> None:
    got = parse_post_url("HTTPS://X.COM:443/jack/status/20")
    assert (
        got is not None and got.host == "x.com" and got.canonical == "https://x.com/jack/status/20"
    )
    got = parse_post_url("//twitter.com/jack/status/20")
    assert got is not None and got.post_id == "20"
    got = parse_post_url("https://es-la.facebook.com/joseph.romm/posts/10153908777222475")
    assert got is not None and got.platform == "facebook" and got.canonical == ROMM
    assert parse_post_url("https://twitter.com.evil.example/jack/status/20") is None


def test_length_cap() -> None:
    base = "https://x.com/jack/status/20?pad="
    ok = base + "a" * (MAX_URL_LENGTH - len(base))
    assert len(ok) == MAX_URL_LENGTH and parse_post_url(ok) is not None
    assert parse_post_url(ok + "a") is None


def test_post_url_is_frozen() -> None:
    got = parse_post_url(MEGHAN)
    assert got is not None
    with pytest.raises(AttributeError):
        got.handle = "other"  # type: ignore[misc]


# --------------------------------------------------------------------------- find_post_urls


def spans(text: str) -> list[tuple[str, str]]:
    return [(text[a:b], p.canonical) for p, (a, b) in find_post_urls(text)]


def test_find_in_scraped_text() -> None:
    text = (
        "TEXT pic.twitter.com/rh2qT3eFys\u2014 Meghan Stabler (@MeghanStabler) June 19, 2019 "
        "(see https://twitter.com/MeghanStabler/status/1141401212492890113?ref_src=twsrc%5Etfw)."
    )
    assert spans(text) == [
        ("pic.twitter.com/rh2qT3eFys", "https://pic.twitter.com/rh2qT3eFys"),
        (
            "https://twitter.com/MeghanStabler/status/1141401212492890113?ref_src=twsrc%5Etfw",
            MEGHAN,
        ),
    ]


def test_find_strips_trailing_punctuation() -> None:
    for tail in [
        ".",
        ",",
        ";",
        ":",
        "!",
        "?",
        ")",
        "]",
        "}",
        "'",
        '"',
        "\u201d",
        "\u2019",
        "\u2026",
        ").",
        '."',
    ]:
        text = f"Read t.co/rh2qT3eFys{tail} now"
        assert spans(text) == [("t.co/rh2qT3eFys", "https://t.co/rh2qT3eFys")], tail


def test_find_markdown_and_html() -> None:
    text = (
        "> \u2014 Donald J. Trump (@realDonaldTrump) [November 30, 2015]"
        "(https://twitter.com/realDonaldTrump/status/671140719629848576)\n"
        '<a href="https://www.tiktok.com/@mickbroer/video/7477932044257889558">x</a> '
        "www.youtube.com/watch?v=6529hLGsJW8 and youtu.be/6529hLGsJW8, "
        f'data-bluesky-uri="at://{DID}/app.bsky.feed.post/3la4vfasktq27"'
    )
    assert [c for _s, c in spans(text)] == [
        "https://x.com/realDonaldTrump/status/671140719629848576",
        TIKTOK,
        YT,
        YT,
        BSKY_DID_POST,
    ]


def test_find_spans_point_into_text() -> None:
    text = "a https://fosstodon.org/@rustnl/114505776215440277. b x.com/jack/status/20"
    found = find_post_urls(text)
    assert [span for _p, span in found] == [(2, 50), (54, 74)]
    for parsed, (start, end) in found:
        assert text[start:end] == parsed.url


def test_find_ignores_unrecognised_and_embedded_hosts() -> None:
    text = (
        "https://example.com/article max.com/jack/status/20 notx.com/a/status/1 "
        "email me at jack@x.com/ ok"
    )
    assert find_post_urls(text) == []


def test_find_is_linear_on_hostile_input() -> None:
    hostile = [
        "a" * 200_000,
        "/" * 200_000,
        "https://" * 25_000,
        "x.com/" * 30_000,
        ("a" * 299 + "/ ") * 700,
        "https://www.linkedin.com/posts/a_" + "-" * 1_900,
    ]
    for text in hostile:
        start = time.perf_counter()
        find_post_urls(text)
        parse_post_url(text[:MAX_URL_LENGTH])
        assert time.perf_counter() - start < 2.0


# --------------------------------------------------------------------------- offline guarantees


def test_offline_no_socket_no_writes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    home, cache = tmp_path / "home", tmp_path / "cache"
    home.mkdir()
    cache.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.delenv("TLDEXTRACT_CACHE", raising=False)

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("socialcheck.platforms.urls tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    # Rebuild the lazy extractor under the patches (it reads the suffix list when built).
    urls._extractor.cache_clear()
    urls._split_domain.cache_clear()
    try:
        nitter = parse_post_url("https://nitter.poast.org/jack/status/20")
        masto = parse_post_url("https://fosstodon.org/@rustnl/114505776215440277")
        assert nitter is not None and nitter.platform == "twitter"
        assert masto is not None and masto.platform == "mastodon"
        assert parse_post_url("https://10.0.0.1/@user/1") is None
        assert len(find_post_urls("x https://mastodon.social/@trwnh/99664077509711321 y")) == 1
    finally:
        urls._extractor.cache_clear()
        urls._split_domain.cache_clear()
    assert list(home.rglob("*")) == []
    assert list(cache.rglob("*")) == []


def test_import_is_lazy_and_offline_in_a_fresh_interpreter(tmp_path: Path) -> None:
    home, cache = tmp_path / "home", tmp_path / "cache"
    home.mkdir()
    cache.mkdir()
    script = textwrap.dedent(
        """
        import socket, sys

        def refuse(*args, **kwargs):
            raise AssertionError("network access")

        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        import socialcheck
        assert "tldextract" not in sys.modules, "import socialcheck imported tldextract"
        from socialcheck.platforms import urls
        assert "tldextract" not in sys.modules, "importing urls imported tldextract"
        assert urls.parse_post_url("https://x.com/jack/status/20") is not None
        assert "tldextract" not in sys.modules, "known hosts must not need tldextract"
        got = urls.parse_post_url("https://nitter.poast.org/jack/status/20")
        assert got is not None and got.platform == "twitter", got
        assert "tldextract" in sys.modules
        print("ok")
        """
    )
    env = {k: v for k, v in os.environ.items() if k != "TLDEXTRACT_CACHE"}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(cache), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
    assert list(home.rglob("*")) == []
    assert list(cache.rglob("*")) == []
