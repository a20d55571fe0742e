"""Hard body-boundary cases (fixtures/stress/), written after the detector to probe it.

Each post is compared on handle, name, date, links and body start/end. The posts the
detector still gets wrong are listed in KNOWN with the reason (docs/body-boundaries.md,
"Known limits"); they are strict xfails, so fixing one turns its test red until the
entry is removed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from socialcheck import parse

STRESS = Path(__file__).resolve().parents[1] / "fixtures" / "stress"

KNOWN = {
    ("01-isot-no-glued-break", "mbell_lex"): "the source turned the quote before the "
    "post into a space: no glued stop, no colon, nothing marks the break",
    ("02-isot-tweeted-wrote", "lenaortiz_nm"): "the post starts with a lower-case word "
    "glued to the reporter's sentence ('brutal.no one')",
    ("04-isot-glue-inside-body", "OhioDems"): "the post itself has a stop glued to a "
    "capital ('a.m.See'), read as a lost paragraph break",
    ("04-isot-glue-inside-body", "JanKesslerOH"): "the post itself has a stop glued to a "
    "capital ('Dayton!Tomorrow'), read as a lost paragraph break",
    ("06-newsapi-colon-leadin-two-paragraphs", "HarlowSheriff"): "a colon lead-in with "
    "no reporting verb ('was blunter:') is not recognised",
    ("09-wapo-caption-and-subhead", "nedfowler"): "a short subhead without a stop reads "
    "like a post's caption line",
    ("14-isot-partial-paraphrase", "VicDurantHarlow"): "a loose paraphrase in a "
    "paragraph under the length limit: no evidence separates it",
}


def _cases() -> list[Any]:
    params = []
    for path in sorted(STRESS.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for index, post in enumerate(gold["posts"]):
            reason = KNOWN.get((path.stem, post["handle"]))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(
                pytest.param(path, index, id=f"{path.stem}-{post['handle']}", marks=marks)
            )
    return params


@pytest.mark.parametrize(("path", "index"), _cases())
def test_stress_post(path: Path, index: int) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    want = gold["posts"][index]
    doc = parse(path.with_suffix(".txt").read_text(encoding="utf-8"), source=str(path))
    same = [p for p in doc.posts if p.handle == want["handle"]]
    before = sum(1 for p in gold["posts"][:index] if p["handle"] == want["handle"])
    assert len(same) > before, f"@{want['handle']} not found"
    post = same[before]
    assert (post.display_name or None) == want["display_name"]
    assert (post.date.isoformat() if post.date else None) == want["date"]
    assert list(post.links) == want["links"]
    body = post.body or ""
    if want["body_starts_with"] is None:
        assert not body
    else:
        assert body.startswith(want["body_starts_with"]), body[:60]
        assert body.endswith(want["body_ends_with"]), body[-60:]


def test_stress_fixtures_are_there() -> None:
    assert len(list(STRESS.glob("*.json"))) >= 12
