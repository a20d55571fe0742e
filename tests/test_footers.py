"""Footer and marker detectors: Instagram, Facebook, Mastodon, Threads, TikTok, BBC markers.

Fixtures: fixtures/text/NN-name.txt + .json (the schema of fixtures/*.json; platforms
other than X, `handle` as the platform writes it). The unsigned-X fixtures are checked by
tests/test_unsigned.py. For every fixture here: the label is well formed and quotes the
.txt, `parse` finds exactly the labelled posts (handle, display name, date, links, body
start and end, platform), the segments join back to the text, and no post's text is left
in the prose.

Corpus: the non-X posts of ../shared/corpus/012 (Facebook) and 016 (20 Instagram
footers) are compared with their gold labels; without the corpus folder the test
skips, unless CI is set (then it fails), as in tests/test_corpus.py.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

import socialcheck
from socialcheck.detect import TEXT_DETECTORS, footers, markers, scraped, unsigned

try:  # tests/ may or may not be a package
    from . import golden
except ImportError:
    import golden

TEXT_DIR = golden.FIXTURES_DIR / "text"
ALL_JSONS = sorted(TEXT_DIR.glob("*.json"))
# Fixtures of the unsigned-X detector (tests/test_unsigned.py).
UNSIGNED_NAMES = re.compile(r"unsigned|tco")
FIXTURE_JSONS = [p for p in ALL_JSONS if not UNSIGNED_NAMES.search(p.stem)]
IDS = [p.stem for p in FIXTURE_JSONS]
POST_KEYS = golden.FIXTURE_POST_KEYS | {"truncated", "status_id", "note"}
HANDLES = {
    "twitter": re.compile(r"[A-Za-z0-9_]{1,15}"),
    "instagram": re.compile(r"[A-Za-z0-9._]{1,30}"),
    "tiktok": re.compile(r"[A-Za-z0-9._]{2,24}"),
    "mastodon": re.compile(r"[A-Za-z0-9_]{1,30}@[A-Za-z0-9.\-]{3,253}"),
}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
CORPUS_DIR = golden.CORPUS_DIR


# --------------------------------------------------------------------------- fixtures


def test_fixture_set_is_complete() -> None:
    txts = {p.stem for p in TEXT_DIR.glob("*.txt")}
    jsons = {p.stem for p in ALL_JSONS}
    assert txts == jsons, f"unpaired fixtures: {sorted(txts ^ jsons)}"
    assert all(re.fullmatch(r"\d\d-[a-z0-9-]+", s) for s in jsons), sorted(jsons)


def test_fixtures_cover_every_form_and_locale() -> None:
    """One fixture at least per detector form, platform and localised footer."""
    texts = {p.stem: golden.cached_case(p).text for p in FIXTURE_JSONS}
    platforms: set[str] = set()
    forms: set[str] = set()
    for path in FIXTURE_JSONS:
        for post in golden.cached_parse(path).posts:
            platforms.add(post.platform)
            forms.add(post.form)
    assert {"instagram", "facebook", "mastodon", "threads", "tiktok", "twitter"} <= platforms
    assert {"footer", "bbc-markers"} <= forms
    every = "\n".join(texts.values())
    for loc in footers.INSTAGRAM_LOCALES:
        assert loc.prefix in every, f"no fixture for the Instagram footer {loc.prefix!r}"
    for fb in footers.FACEBOOK_LOCALES:
        assert fb.marker in every, f"no fixture for the Facebook footer {fb.marker!r}"
    negatives = [s for s in texts if "negative" in s]
    assert len(negatives) >= 2


@pytest.mark.parametrize("json_path", FIXTURE_JSONS, ids=IDS)
def test_fixture_expectation_is_well_formed(json_path: Path) -> None:
    raw = json.loads(json_path.read_text(encoding="utf-8"))
    text = golden.cached_case(json_path).text
    assert set(raw) <= {"article_date", "posts", "notes", "source"}, sorted(raw)
    assert raw.get("notes"), "every fixture explains its shape in 'notes'"
    assert raw["article_date"] is None or ISO_DATE.fullmatch(raw["article_date"])
    for i, post in enumerate(raw["posts"]):
        where = f"post {i}"
        assert set(post) <= POST_KEYS, (where, sorted(set(post) - POST_KEYS))
        handle = post["handle"]
        if handle is not None:
            assert HANDLES[post["platform"]].fullmatch(handle), (where, handle)
            assert handle in text, (where, "handle not in text")
        name = post["display_name"]
        assert name is None or (name == name.strip() and name in text), (where, name)
        assert post["date"] is None or ISO_DATE.fullmatch(post["date"]), (where, post["date"])
        for link in post["links"]:
            assert link in text, (where, link)
        start, end = post["body_starts_with"], post["body_ends_with"]
        assert (start is None) == (end is None), where
        for piece in (start, end):
            if piece is not None:
                assert 0 < len(piece) <= 30 and piece in text, (where, piece)


@pytest.mark.parametrize("json_path", FIXTURE_JSONS, ids=IDS)
def test_fixture_matches_expectation(json_path: Path) -> None:
    case = golden.cached_case(json_path)
    mismatches = golden.compare_document(golden.cached_parse(json_path), case.gold)
    assert not mismatches, golden.report(f"fixture text/{case.name}", mismatches)


@pytest.mark.parametrize("json_path", FIXTURE_JSONS, ids=IDS)
def test_fixture_invariants_and_prose(json_path: Path) -> None:
    case = golden.cached_case(json_path)
    doc = golden.cached_parse(json_path)
    errors = golden.invariant_errors(doc, case.text)
    assert not errors, f"fixture text/{case.name}:\n  " + "\n  ".join(errors)
    for post in doc.posts:
        if post.body:
            assert post.body not in doc.prose, post
        if post.signature_span is not None:
            footer = case.text[post.signature_span[0] : post.signature_span[1]]
            assert footer not in doc.prose, footer


# --------------------------------------------------------------------------- registration


def test_detector_order() -> None:
    """BBC markers before the scraped signatures (the block is one post); unsigned last."""
    order = list(TEXT_DETECTORS)
    assert order.index(markers.detect) < order.index(scraped.detect)
    assert order.index(scraped.detect) < order.index(footers.detect)
    assert order[-1] is unsigned.detect


# --------------------------------------------------------------------------- Instagram


def test_instagram_footer_fields() -> None:
    text = "Caption words #tag\nA post shared by Jo Ann (@jo.ann_) on Sep 3, 2018 at 3:55pm PDT\n"
    post = golden.only(footers.detect(text))
    assert (post.platform, post.handle, post.display_name) == ("instagram", "jo.ann_", "Jo Ann")
    assert post.date is not None and post.date.isoformat() == "2018-09-03"
    assert post.date_text == "Sep 3, 2018 at 3:55pm PDT"
    assert post.form == "footer" and post.body == "Caption words #tag"
    assert post.signature_span is not None
    assert text[post.signature_span[0] : post.signature_span[1]].startswith("A post shared by")
    assert post.span == (0, text.index("PDT") + 3)


def test_instagram_no_name() -> None:
    post = golden.only(footers.detect("A post shared by @solo.acc on Jan 2, 2018 at 9:00am PST"))
    assert (post.handle, post.display_name, post.body) == ("solo.acc", None, None)


def test_instagram_german_time_with_uhr() -> None:
    text = "Ein Beitrag geteilt von SKEP Test (@skep.test) am 23. Okt 2017 um 0:31 Uhr\nWeiter."
    post = golden.only(footers.detect(text))
    assert post.date_text == "23. Okt 2017 um 0:31 Uhr"
    assert text[post.span[1] :] == "\nWeiter."


def test_instagram_zone_glued_to_the_next_sentence() -> None:
    text = "Cap.A post shared by Jo (@jo) on Sep 3, 2018 at 3:55pm PDTThe next sentence."
    post = golden.only(footers.detect(text))
    assert text[post.span[1] :] == "The next sentence."


def test_instagram_v14_needs_the_line_to_end() -> None:
    assert golden.only(footers.detect("A post shared by Jo (@jo)\nNext.")).date is None
    assert golden.only(footers.detect("A post shared by Jo (@jo)Next paragraph.")).handle == "jo"
    assert footers.detect("A post shared by Jo (@jo) drew praise.") == []
    assert footers.detect("A post shared by Jo (@jo) on Tuesday shows a cat.") == []


def test_instagram_dated_footer_followed_by_prose_is_prose() -> None:
    assert footers.detect("A post shared by Jo (@jo) on March 5, 2026, she said.") == []
    assert footers.detect("A post shared by Jo (@jo) on March 5, 2026 drew praise.") == []


def test_instagram_unreadable_date_is_kept_with_its_problem() -> None:
    post = golden.only(footers.detect("A post shared by Jo (@jo) on Febtember 3, 2018\n"))
    assert post.date is None and post.date_problem


def test_instagram_v14_takes_no_caption_without_a_box() -> None:
    text = "The reporter's sentence about the band.\n\nA post shared by The Band (@theband)\n"
    post = golden.only(footers.detect(text))
    assert post.body is None and post.span[0] == text.index("A post")


def test_instagram_view_box_with_caption() -> None:
    text = (
        "Prose.\n\nView this post on Instagram\n\nCaption here\n\n"
        "A post shared by J (@j) on Jan 2, 2018\n"
    )
    post = golden.only(footers.detect(text))
    assert post.body == "Caption here"
    assert post.span[0] == text.index("View this post")


@pytest.mark.parametrize(
    ("line", "is_credit"),
    [
        ("Shaleen Doe, marijuana attorney; commissioner", True),
        ("Dr. Ann Lee, Dr. Bo Lee, co-founders, The Clinic", True),
        ("Mia von Berg, founder of Gossamer magazine", True),
        ("Ann Lee and Bo Chu, founders of The High Ends\u00a0", True),
        ("Paris, you were amazing.", False),  # ends like a sentence
        ("Proud of this crew today, thank you all #crew", False),  # hashtag
        ("Here are the women who will shape the industry", False),  # no comma after a name
        ("", False),
    ],
)
def test_credit_line(line: str, is_credit: bool) -> None:
    assert footers.credit_line(line) is is_credit


def test_instagram_caption_is_bounded_by_an_x_signature() -> None:
    text = (
        "Hi pic.twitter.com/AbCdEfGhIj — A B (@ab) May 4, 2019\n"
        "Caption 🎉A post shared by A B (@a.b) on May 4, 2019 at 9:15am PDT"
    )
    post = golden.only(footers.detect(text))
    assert post.body == "Caption 🎉"


# --------------------------------------------------------------------------- Facebook


def test_facebook_footer_fields() -> None:
    text = "Humanity is on very thin ice....Posted by Jo Romm on Monday, September 12, 2016"
    post = golden.only(footers.detect(text))
    assert (post.platform, post.handle, post.display_name) == ("facebook", None, "Jo Romm")
    assert post.date is not None and post.date.isoformat() == "2016-09-12"
    assert post.body == "Humanity is on very thin ice...."
    assert post.form == "footer"


def test_facebook_weekday_only() -> None:
    post = golden.only(footers.detect("Text of the post.\n\nPosted by Jo Romm on Wednesday\n"))
    assert (post.date, post.date_text, post.date_problem) == (None, "Wednesday", None)
    assert post.body == "Text of the post."


@pytest.mark.parametrize(
    "text",
    [
        "Posted by admin on the forum, the message drew replies.",
        "Posted by Mark Ellis on March 3, 2016\n",  # blog byline: no weekday
        "Posted by Jane Doe on Wednesday, the update spread.",
        "Posted by Jane Doe on Wednesday, January 20, 2016, and locked.",
        "Posted by Jane Doe on Wednesday. Nobody replied.",
        "posted by Jane Doe on Wednesday, January 20, 2016\n",  # lower case: prose
    ],
)
def test_facebook_prose_is_not_a_footer(text: str) -> None:
    assert footers.detect(text) == []


def test_facebook_sdk_snippet_is_a_boundary_and_stays_in_the_prose() -> None:
    sdk = (
        '(function(d, s, id) {  var js; js.src = "//connect.facebook.net/en_US/sdk.js";'
        "}(document, 'script', 'facebook-jssdk'));"
    )
    text = f"It is still live:{sdk}Post words here. Posted by Ted X on Friday, March 3, 2017"
    post = golden.only(footers.detect(text))
    assert post.body == "Post words here."
    assert "the body starts after the leaked facebook-jssdk snippet" in post.evidence
    doc = socialcheck.parse(text)
    assert sdk in doc.prose


def test_facebook_body_stops_at_the_previous_footer() -> None:
    text = (
        "One.Posted by A on Monday, September 12, 2016\n"
        "Two.Posted by B on Tuesday, September 13, 2016"
    )
    posts = footers.detect(text)
    assert [p.body for p in posts] == ["One.", "Two."]


# --------------------------------------------------------------------------- Mastodon, Threads


@pytest.mark.parametrize(
    "text",
    [
        "Post by @rustnl@fosstodon.org View on Mastodon",
        "Post by @rustnl@fosstodon.orgView on Mastodon",
        "Post by @rustnl@fosstodon.org\nView on Mastodon",
        "Post by @rustnl@fosstodon.org\n\nView on Mastodon",
    ],
)
def test_mastodon_placeholder(text: str) -> None:
    post = golden.only(footers.detect(text))
    assert (post.platform, post.handle, post.body, post.date) == (
        "mastodon",
        "rustnl@fosstodon.org",
        None,
        None,
    )
    assert post.confidence == 0.7 and post.evidence and post.span == (0, len(text))


def test_mastodon_needs_both_lines() -> None:
    assert footers.detect("Post by @rustnl@fosstodon.org is great.") == []
    assert footers.detect("View on Mastodon") == []


def test_threads_line() -> None:
    post = golden.only(footers.detect("Prose.\n\n  View on Threads \n\nMore prose."))
    assert (post.platform, post.handle, post.body, post.confidence) == (
        "threads",
        None,
        None,
        0.7,
    )
    assert footers.detect("You can View on Threads anything.") == []
    assert footers.detect("Readers could view on Threads.") == []


# --------------------------------------------------------------------------- TikTok


def test_tiktok_one_line() -> None:
    text = "@mick.broer Registratie van ‘Tabaksdrone’ ♬ original sound - Mick Broer\nNext."
    post = golden.only(footers.detect(text))
    assert (post.platform, post.handle, post.body) == (
        "tiktok",
        "mick.broer",
        "Registratie van ‘Tabaksdrone’",
    )
    assert post.span == (0, text.index("\n"))


def test_tiktok_handle_line_and_sound_line() -> None:
    text = "Prose.\n\n@creator\nThanks @friend for this #dance\n♬ Song - Artist\n\nMore."
    post = golden.only(footers.detect(text))
    assert post.handle == "creator"
    assert post.body == "Thanks @friend for this #dance"


def test_tiktok_without_a_handle_is_not_a_post() -> None:
    assert footers.detect("Music ♬ original sound - Someone") == []
    assert footers.detect("@creator caption ♬") == []  # no sound


# --------------------------------------------------------------------------- BBC markers


def test_bbc_block_with_signature_is_one_post() -> None:
    text = (
        "Before.\nSkip Twitter post by @jm\nAllow Twitter content?\nAccept and continue\n"
        "Body words pic.twitter.com/AbCdEfGhIj — Jane M (@jm) January 11, 2020 Report\n"
        "End of Twitter post by @jm\nAfter."
    )
    doc = socialcheck.parse(text)
    post = golden.only(list(doc.posts))
    assert post.form == "bbc-markers"
    assert (post.handle, post.display_name, post.body) == ("jm", "Jane M", "Body words")
    assert post.links == ("pic.twitter.com/AbCdEfGhIj",)
    assert post.span == (text.index("Skip"), text.index("\nAfter."))


def test_bbc_skip_marker_without_handle() -> None:
    text = (
        "Skip Twitter post by The world is watching.    — Don T (@dt) January 11, 2020 "
        "Report End of Twitter post by @dt Secretary said more."
    )
    post = golden.only(markers.detect(text))
    assert post.handle == "dt" and post.body == "The world is watching."
    assert text[post.span[1] :] == " Secretary said more."


def test_bbc_unpaired_or_mismatched_markers() -> None:
    # Numbers differ: the skip marker is not this post's; the end marker alone ends it.
    post = golden.only(markers.detect("Skip Twitter post by @a\nText\nEnd of Twitter post 2 by @a"))
    assert post.evidence[0].startswith("ends at the BBC marker")
    assert (post.handle, post.body, post.confidence <= 0.6) == ("a", "Text", True)
    assert markers.detect("Skip Twitter post by @a and nothing else") == []
    assert markers.detect("End of Twitter post by someone") == []  # no @handle


def test_bbc_end_marker_alone_on_one_line() -> None:
    text = (
        "The box lost ground to rivals this year, and many owners have looked elsewhere. "
        "Owners have reported that trying to watch clips now prompts an alert warning them "
        "that they will lose the feature on 1 January. I use my stick for clips and suddenly "
        "this message appears today. Great! pic.twitter.com/Pe53chi4ft End of Twitter post "
        'by @someuser "We have been trying," the company said.'
    )
    post = golden.only(markers.detect(text))
    assert post.handle == "someuser" and post.links == ("pic.twitter.com/Pe53chi4ft",)
    assert post.body is not None and post.body.startswith("I use my stick")
    assert post.confidence <= 0.6
    assert text[post.span[1] :].startswith(' "We have')


def test_bbc_end_only_body_stops_at_an_earlier_signature() -> None:
    text = (
        "Prose paragraph here.\n\nFirst post words — Ann A (@anna) May 4, 2019\n"
        "Second post words pic.twitter.com/AbCdEfGhIj End of Twitter post by @bee\n\nMore."
    )
    posts = socialcheck.parse(text).posts
    assert [(p.form, p.handle) for p in posts] == [
        ("scraped-signature", "anna"),
        ("bbc-markers", "bee"),
    ]
    assert posts[1].body == "Second post words"


def test_bbc_platforms() -> None:
    for word, platform in [("YouTube", "youtube"), ("TikTok", "tiktok"), ("Facebook", "facebook")]:
        text = f"Skip {word} post by @acc\n\nWords.\n\nEnd of {word} post by @acc"
        post = golden.only(markers.detect(text))
        assert (post.platform, post.handle, post.body) == (platform, "acc", "Words.")


# --------------------------------------------------------------------------- floor, cost


def test_nothing_before_the_floor() -> None:
    text = "date 2026-03-05\nA post shared by Jo (@jo)\n"
    assert footers.detect(text, floor=text.index("\n") + 1)[0].span[0] >= 16
    assert footers.detect("Words.\nPost by @a@b.org View on Mastodon", floor=10) == []


@pytest.mark.parametrize(
    "text",
    [
        "A post shared by " * 20000,
        "A post shared by Jo (@jo) on Monday " * 8000,
        "Posted by a on " * 20000,
        "Опубликовано " * 20000,
        "Post by @a@" + "b." * 40000 + "View on Mastodon",
        "View on Threads" * 20000,
        "♬" * 100000,
        "@aa " * 50000 + "♬ x",
        "Skip Twitter post by @a End of Twitter post by @a " * 5000,
        "End of Twitter post by @a " * 10000,
    ],
    ids=lambda t: repr(t[:20]),
)
def test_hostile_input_stays_fast(text: str) -> None:
    started = time.perf_counter()
    for detector in (footers.detect, markers.detect):
        detector(text, 0)
    assert time.perf_counter() - started < 10


# --------------------------------------------------------------------------- corpus


def _corpus_case(name: str) -> golden.Case:
    path = CORPUS_DIR / f"{name}.json"
    if not path.is_file():
        golden.missing_corpus(f"corpus not found: no {path}")
    return golden.load_case(path, name=name)


def non_x(posts: list[Any]) -> list[Any]:
    """Posts that are not signed X posts: other platforms and unsigned posts."""
    out = []
    for post in posts:
        platform = post.get("platform") if isinstance(post, dict) else post.platform
        handle = post.get("handle") if isinstance(post, dict) else post.handle
        if platform != "twitter" or not handle:
            out.append(post)
    return out


def compare_non_x(name: str) -> None:
    case = _corpus_case(name)
    doc = golden.parse_case(case)
    expected = non_x(list(case.gold.get("posts", [])))
    actual = non_x(list(doc.posts))
    mismatches = golden.compare_document(
        doc, case.gold, expected_posts=expected, actual_posts=actual
    )
    assert not mismatches, golden.report(f"corpus {name} (posts other than signed X)", mismatches)
    errors = golden.invariant_errors(doc, case.text)
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("name", ["012", "016"], ids=lambda n: f"corpus-{n}")
def test_corpus_footer_posts(name: str) -> None:
    compare_non_x(name)
