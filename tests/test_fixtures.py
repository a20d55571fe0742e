"""Golden tests over the hand-written fixtures in fixtures/*.txt + *.json.

Each fixture is compared field by field with its expectation (count, platform, handle,
display_name, date, links, body start/end, truncated, article_date) and checked for
the segmentation invariants. The fixture files themselves are linted first, so a typo in
an expectation is reported as such and not as a detector bug.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

try:  # tests/ may or may not be a package
    from . import golden
except ImportError:
    import golden

FIXTURE_JSONS = sorted(golden.FIXTURES_DIR.glob("*.json"))
IDS = [f"fixture-{p.stem}" for p in FIXTURE_JSONS]
MIN_FIXTURES = 28
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
HANDLE = re.compile(r"[A-Za-z0-9_]{1,20}")
POST_KEYS = golden.FIXTURE_POST_KEYS | {"truncated", "status_id", "note"}


def test_fixture_set_is_complete() -> None:
    txts = {p.stem for p in golden.FIXTURES_DIR.glob("*.txt")}
    jsons = {p.stem for p in FIXTURE_JSONS}
    assert txts == jsons, f"unpaired fixtures: {sorted(txts ^ jsons)}"
    numbered = [s for s in jsons if re.match(r"\d\d-", s)]
    assert len(numbered) >= MIN_FIXTURES, f"only {len(numbered)} numbered fixtures"
    assert "example-article" in jsons
    assert (golden.FIXTURES_DIR / "README.md").is_file()


@pytest.mark.parametrize("json_path", FIXTURE_JSONS, ids=IDS)
def test_fixture_expectation_is_well_formed(json_path: Path) -> None:
    """The label follows the corpus schema and quotes the .txt exactly."""
    raw = json.loads(json_path.read_text(encoding="utf-8"))
    case = golden.cached_case(json_path)
    text = case.text
    assert set(raw) <= {"article_date", "posts", "notes", "source"}, sorted(raw)
    assert raw.get("notes"), "every fixture explains its shape in 'notes'"
    ad = raw["article_date"]
    assert ad is None or ISO_DATE.fullmatch(ad), ad
    assert isinstance(raw["posts"], list)
    for i, post in enumerate(raw["posts"]):
        where = f"post {i}"
        assert set(post) <= POST_KEYS, (where, sorted(set(post) - POST_KEYS))
        assert post["platform"] == "twitter", where
        assert HANDLE.fullmatch(post["handle"]), (where, post["handle"])
        assert f"(@{post['handle']})" in text, (where, "handle not in text")
        name = post["display_name"]
        assert name is None or (name == name.strip() and name), (where, name)
        if name is not None:
            assert f"{name} (@{post['handle']})" in text, (where, name)
        assert post["date"] is None or ISO_DATE.fullmatch(post["date"]), (where, post["date"])
        assert isinstance(post["links"], list)
        for link in post["links"]:
            assert link in text, (where, link)
        start, end = post["body_starts_with"], post["body_ends_with"]
        assert (start is None) == (end is None), where
        for piece in (start, end):
            if piece is not None:
                assert 0 < len(piece) <= 30, (where, piece)
                assert piece in text, (where, piece)
        if "truncated" in post:
            assert isinstance(post["truncated"], bool), where


@pytest.mark.parametrize("json_path", FIXTURE_JSONS, ids=IDS)
def test_fixture_matches_expectation(json_path: Path) -> None:
    case = golden.cached_case(json_path)
    doc = golden.cached_parse(json_path)
    mismatches = golden.compare_document(doc, case.gold)
    assert not mismatches, golden.report(f"fixture {case.name}", mismatches)


@pytest.mark.parametrize("json_path", FIXTURE_JSONS, ids=IDS)
def test_fixture_invariants(json_path: Path) -> None:
    case = golden.cached_case(json_path)
    doc = golden.cached_parse(json_path)
    errors = golden.invariant_errors(doc, case.text)
    assert not errors, f"fixture {case.name}:\n  " + "\n  ".join(errors)


def test_example_article_has_a_post_after_the_article_date() -> None:
    """The README's demo relies on one post being dated after its article."""
    gold = golden.cached_case(golden.FIXTURES_DIR / "example-article.json").gold
    assert gold["article_date"] == "2026-03-05"
    assert len(gold["posts"]) == 3
    assert any(p["date"] > gold["article_date"] for p in gold["posts"] if p["date"])
