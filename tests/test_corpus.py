"""Golden tests over the real-article corpus in ../shared/corpus/NNN.txt + NNN.json.

Every gold post is compared, on every platform, signed or not. For HTML inputs the
gold body strings refer to the visible text with white-space runs collapsed to one
space, so the detected body is collapsed the same way before comparing.

Known misses live in docs/corpus-known-misses.md, one per line::

    045 TeamPelosi body_start <reason>
    020 1 handle <reason>              (post index instead of handle)
    020 1-NancyPelosi date <reason>    (index and handle)
    011 * count <reason>               (case-level fields: count, article_date)

Fields: count, article_date, missing, platform, handle, display_name, date, links,
body_start, body_end, truncated (``body`` = both body fields, ``*`` = all). Only the
named field of the named post is an expected failure (xfail, not strict); a miss that
no longer happens produces a warning asking to remove the line.

Without the corpus folder the tests skip, unless the environment variable CI is set to a
non-empty value: then the corpus is required and its absence fails.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import attrs
import pytest

from socialcheck import Document, Post

try:  # tests/ may or may not be a package
    from . import golden
except ImportError:
    import golden

CORPUS_DIR = golden.CORPUS_DIR
CORPUS_JSONS = sorted(CORPUS_DIR.glob("[0-9][0-9][0-9].json")) if CORPUS_DIR.is_dir() else []
CASES = {p.stem: golden.load_case(p, name=p.stem) for p in CORPUS_JSONS}
KNOWN_MISSES, KNOWN_MISS_PROBLEMS = golden.load_known_misses()


def gold_posts(case: golden.Case) -> list[Mapping[str, Any]]:
    return list(case.gold.get("posts", []))


def _case_params() -> list[Any]:
    return [pytest.param(name, id=f"corpus-{name}") for name in CASES]


def _post_params() -> list[Any]:
    params = []
    for name, case in CASES.items():
        for i, post in enumerate(gold_posts(case)):
            who = post.get("handle") or post.get("display_name") or "unsigned"
            params.append(pytest.param(name, i, id=f"corpus-{name}-{i}-{who}"))
    return params


def _as_shown(post: Post, is_html: bool) -> Post:
    """For HTML the gold compares visible text with white space collapsed."""
    if not is_html or post.body is None:
        return post
    return attrs.evolve(post, body=" ".join(post.body.split()))


@dataclass(frozen=True)
class Context:
    case: golden.Case
    doc: Document
    expected: list[Mapping[str, Any]]
    signed: list[Post]
    unsigned: list[Post]
    aligned: list[Post | None]


@cache
def context(name: str) -> Context:
    case = CASES[name]
    doc = golden.parse_case(case)
    found = [_as_shown(p, case.is_html) for p in doc.posts]
    expected = gold_posts(case)
    return Context(case, doc, expected, found, [], golden.align(expected, found))


def judge(
    title: str,
    mismatches: Sequence[golden.Mismatch],
    known: Mapping[str, golden.KnownMiss],
    fields: Sequence[str],
) -> None:
    """Fail on unexpected mismatches, xfail on known ones, warn on stale known misses."""
    unexpected = [m for m in mismatches if m.field not in known]
    if unexpected:
        message = golden.report(title, unexpected)
        expected_ones = [m for m in mismatches if m.field in known]
        if expected_ones:
            message += "\n(also known misses: " + ", ".join(m.field for m in expected_ones) + ")"
        pytest.fail(message, pytrace=False)
    if mismatches:
        reasons = "; ".join(
            f"{m.field}: {known[m.field].reason or 'listed in docs/corpus-known-misses.md'}"
            for m in mismatches
        )
        pytest.xfail(f"{title}: known miss: {reasons}")
    failing = {m.field for m in mismatches}
    for field in fields:
        miss = known.get(field)
        if miss is not None and miss.key != "*" and field not in failing:
            warnings.warn(
                f"docs/corpus-known-misses.md line {miss.line} ({miss.case} {miss.key} "
                f"{field}) now matches: remove it",
                stacklevel=2,
            )


# --------------------------------------------------------------------------- presence


def test_corpus_present() -> None:
    if CASES:
        return
    golden.missing_corpus(f"corpus not found: no NNN.json files in {CORPUS_DIR}")


def test_known_misses_file_is_well_formed() -> None:
    if not golden.KNOWN_MISSES_FILE.is_file():
        pytest.skip("docs/corpus-known-misses.md does not exist")
    assert not KNOWN_MISS_PROBLEMS, "\n".join(KNOWN_MISS_PROBLEMS)
    if not CASES:
        pytest.skip("corpus absent: cannot check the cases named in the known misses")
    problems = []
    for miss in KNOWN_MISSES:
        if miss.case not in CASES:
            problems.append(f"line {miss.line}: no corpus case {miss.case}")
            continue
        expected = gold_posts(CASES[miss.case])
        keys = {"*"}
        for i, post in enumerate(expected):
            keys |= {str(i), post["handle"], f"{i}-{post['handle']}"}
        if miss.key not in keys:
            problems.append(f"line {miss.line}: case {miss.case} has no post {miss.key!r}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- per case


@pytest.mark.parametrize("name", [pytest.param(n, id=f"corpus-{n}") for n in CASES])
def test_corpus_parses_losslessly(name: str) -> None:
    """Every case, HTML included: parse() does not raise and segments join back exactly."""
    case = CASES[name]
    doc = golden.parse_case(case)
    errors = golden.invariant_errors(doc, case.text, check_bodies=not case.is_html)
    assert not errors, f"corpus {name}:\n  " + "\n  ".join(errors)


@pytest.mark.parametrize("name", _case_params())
def test_corpus_article_date(name: str) -> None:
    ctx = context(name)
    want = ctx.case.gold.get("article_date")
    got = golden.iso(ctx.doc.article_date)
    mismatches = [] if want == got else [golden.Mismatch("article_date", "article", want, got)]
    known = golden.misses_for(KNOWN_MISSES, name)
    judge(f"corpus {name}", mismatches, known, ["article_date"])


@pytest.mark.parametrize("name", _case_params())
def test_corpus_post_count(name: str) -> None:
    ctx = context(name)
    mismatches: list[golden.Mismatch] = []
    if len(ctx.signed) != len(ctx.expected):
        mismatches.append(golden.Mismatch("count", "posts", len(ctx.expected), len(ctx.signed)))
    missing_ok = True
    for i, (post, got) in enumerate(zip(ctx.expected, ctx.aligned, strict=True)):
        if got is None:
            label = golden.post_label(post, i)
            mismatches.append(golden.Mismatch("count", label, "a post", None, "not detected"))
            if "missing" not in golden.misses_for(KNOWN_MISSES, name, i, post.get("handle")):
                missing_ok = False
    extras = golden.unmatched(ctx.signed, ctx.aligned)
    for extra in extras:
        mismatches.append(golden.Mismatch("count", "extra post", None, golden.describe_post(extra)))
    known = dict(golden.misses_for(KNOWN_MISSES, name))
    if mismatches and missing_ok and not extras:
        # Every difference is a post listed as a known "missing" miss.
        known.setdefault(
            "count",
            golden.KnownMiss(name, "*", "count", "posts listed as known 'missing' misses", 0),
        )
    judge(f"corpus {name}", mismatches, known, ["count"])


# --------------------------------------------------------------------------- per post


@pytest.mark.parametrize(("name", "index"), _post_params())
def test_corpus_post(name: str, index: int) -> None:
    ctx = context(name)
    expected = ctx.expected[index]
    label = f"corpus {name} " + golden.post_label(expected, index)
    mismatches = golden.compare_post(expected, ctx.aligned[index], label)
    known = golden.misses_for(KNOWN_MISSES, name, index, expected.get("handle"))
    judge(label, mismatches, known, ("missing", *golden.POST_FIELDS))
