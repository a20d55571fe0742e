"""Unsigned X posts: a paragraph that ends with pic.twitter.com / t.co links, no signature.

Fixtures: fixtures/text/*unsigned* and *tco* (.txt + .json, the schema of
fixtures/*.json), compared field by field with `parse`; unit tests of the rules
(links must end the paragraph, only X links in the trailing run, 280 characters, no
reporting cue, no signature on the next line, @mentions are not the author); and the
unsigned post of ../shared/corpus/014 against its gold label (skips without the corpus,
fails without it when CI is set, as in tests/test_corpus.py).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

import socialcheck
from socialcheck.detect import TEXT_DETECTORS, unsigned

try:  # tests/ may or may not be a package
    from . import golden
except ImportError:
    import golden

TEXT_DIR = golden.FIXTURES_DIR / "text"
FIXTURE_JSONS = [p for p in sorted(TEXT_DIR.glob("*.json")) if re.search(r"unsigned|tco", p.stem)]
IDS = [p.stem for p in FIXTURE_JSONS]
CORPUS_DIR = golden.CORPUS_DIR
PIC = "pic.twitter.com/AbCdEfGhIj"


def article(paragraph: str) -> str:
    return f"The reporter's first paragraph.\n\n{paragraph}\n\nThe reporter's last paragraph.\n"


# --------------------------------------------------------------------------- fixtures


def test_fixtures_present() -> None:
    names = {p.stem for p in FIXTURE_JSONS}
    assert any("negative" in n for n in names) and any("unsigned" in n for n in names)


@pytest.mark.parametrize("json_path", FIXTURE_JSONS, ids=IDS)
def test_fixture_matches_expectation(json_path: Path) -> None:
    case = golden.cached_case(json_path)
    doc = golden.cached_parse(json_path)
    mismatches = golden.compare_document(doc, case.gold)
    assert not mismatches, golden.report(f"fixture text/{case.name}", mismatches)
    errors = golden.invariant_errors(doc, case.text)
    assert not errors, "\n".join(errors)
    for post in doc.posts:
        assert post.form == "unsigned" and post.handle is None and post.display_name is None
        assert post.date is None and post.confidence <= 0.6 and post.evidence
        assert post.body is not None and post.body not in doc.prose


# --------------------------------------------------------------------------- rules


def test_registered_last() -> None:
    assert TEXT_DETECTORS[-1] is unsigned.detect


def test_post_fields() -> None:
    text = article(f"WATCH: @Someone's full interview with @Other. {PIC}")
    post = golden.only(unsigned.detect(text))
    assert (post.platform, post.handle, post.display_name, post.date) == (
        "twitter",
        None,
        None,
        None,
    )
    assert post.body == "WATCH: @Someone's full interview with @Other."
    assert post.links == (PIC,)
    assert post.form == "unsigned" and post.confidence == 0.6
    assert "ends with a pic.twitter.com link; no signature: the source stripped it" in (
        post.evidence
    )
    assert (
        text[post.span[0] : post.span[1]] == f"WATCH: @Someone's full interview with @Other. {PIC}"
    )


def test_tco_only_is_less_certain() -> None:
    post = golden.only(
        unsigned.detect(article("Storm update from the coast. https://t.co/Ab12Cd34Ef"))
    )
    assert post.confidence == 0.5


def test_hashtags_between_links_are_in_the_run_before_them_in_the_body() -> None:
    text = article("Tonight. #Storm https://t.co/Ab12Cd34Ef #Kells https://t.co/Zx98Yw76Vu")
    post = golden.only(unsigned.detect(text))
    assert post.body == "Tonight. #Storm"
    assert post.links == ("https://t.co/Ab12Cd34Ef", "https://t.co/Zx98Yw76Vu")


@pytest.mark.parametrize(
    "paragraph",
    [
        f"The video ({PIC}) spread quickly on Saturday.",  # mid-sentence
        f"The mayor later tweeted a photo of the bridge {PIC}",  # reporting cue
        "According to the agency, the findings are here: https://t.co/Qw12Er34Ty",
        "Read the findings at https://example.com/x and on https://t.co/Pp90Oo87Ii",
        f"See the picture at https://example.com/photo {PIC} https://example.com/more",
        f"Officials said {PIC} was old.",
        PIC,  # links only: no text of its own
        "x" * 281 + " " + PIC,  # longer than X allows
    ],
)
def test_not_a_post(paragraph: str) -> None:
    assert unsigned.detect(article(paragraph)) == []


def test_paragraph_must_end_with_the_links() -> None:
    assert unsigned.detect(f"Body words {PIC} and more words.\n") == []
    assert golden.only(unsigned.detect(f"Body words {PIC}  \r\n")).body == "Body words"


def test_signed_post_is_left_to_the_signature_detector() -> None:
    text = f"Body words {PIC}\n— Jane Doe (@janedoe) March 5, 2026\n"
    assert unsigned.detect(text) == []
    post = golden.only(list(socialcheck.parse(text).posts))
    assert (post.form, post.handle) == ("scraped-signature", "janedoe")


def test_signed_post_wins_in_parse() -> None:
    text = f"Body words {PIC} — Jane Doe (@janedoe) March 5, 2026\n"
    post = golden.only(list(socialcheck.parse(text).posts))
    assert post.form == "scraped-signature"


def test_quote_marker_is_not_in_the_body() -> None:
    post = golden.only(unsigned.detect(f"> Quoted words of the author {PIC}\n"))
    assert post.body == "Quoted words of the author"


def test_floor() -> None:
    text = f"date 2026-03-05 Body words {PIC}\n"
    assert unsigned.detect(text, floor=16)[0].span[0] == 16


def test_truncated_body() -> None:
    body = "word " * 45 + "and then the text stops…"
    post = golden.only(unsigned.detect(article(f"{body} {PIC}")))
    assert post.truncated


def test_hostile_input_stays_fast() -> None:
    started = time.perf_counter()
    for text in (
        f"x {PIC}\n" * 20000,
        "t.co/a\n" + "\n" * 200000,
        f"{PIC} " * 20000,
        ("y " * 200 + f"{PIC}\n") * 2000,
    ):
        unsigned.detect(text, 0)
    assert time.perf_counter() - started < 10


# --------------------------------------------------------------------------- corpus


def test_corpus_unsigned_post() -> None:
    path = CORPUS_DIR / "014.json"
    if not path.is_file():
        golden.missing_corpus(f"corpus not found: no {path}")
    case = golden.load_case(path, name="014")
    doc = golden.parse_case(case)
    expected = [p for p in case.gold["posts"] if p.get("platform") != "twitter" or not p["handle"]]
    actual = [p for p in doc.posts if p.platform != "twitter" or not p.handle]
    mismatches = golden.compare_document(
        doc, case.gold, expected_posts=expected, actual_posts=actual
    )
    assert not mismatches, golden.report("corpus 014 (unsigned post)", mismatches)
    assert golden.only(actual).form == "unsigned"
