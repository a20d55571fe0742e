"""Helpers shared by the golden tests: load gold labels, align, compare, check invariants.

A gold label (``fixtures/*.json`` and ``../shared/corpus/NNN.json``) looks like::

    {"article_date": "YYYY-MM-DD" | null,
     "posts": [{"platform": "twitter", "handle": "h", "display_name": "Name" | null,
                "date": "YYYY-MM-DD" | null, "links": [...],
                "body_starts_with": "..." | null, "body_ends_with": "..." | null,
                "truncated": bool (optional)}],
     "notes": "..."}

Comparison fields (also the names used in ``docs/corpus-known-misses.md``):
``count``, ``article_date``, ``missing`` (no detected post for an expected one),
``platform``, ``handle``, ``display_name``, ``date``, ``links``, ``body_start``,
``body_end``, ``truncated``.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest

import socialcheck
from socialcheck import Document, Post

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES_DIR = REPO_ROOT / "fixtures"
CORPUS_DIR = REPO_ROOT.parent / "shared" / "corpus"
# Keys every fixture expectation's post may carry (each fixture set adds its own).
FIXTURE_POST_KEYS = frozenset(
    {"platform", "handle", "display_name", "date", "links", "body_starts_with", "body_ends_with"}
)
KNOWN_MISSES_FILE = REPO_ROOT / "docs" / "corpus-known-misses.md"
IN_CI = bool(os.environ.get("CI"))


def missing_corpus(message: str) -> NoReturn:
    """A test that needs the shared corpus: skipped without it, failed in CI."""
    if IN_CI:
        pytest.fail(
            message + " -- CI must check out the shared corpus next to the repository "
            "(../shared/corpus) before running the tests",
            pytrace=False,
        )
    pytest.skip(message)


POST_FIELDS = (
    "platform",
    "handle",
    "display_name",
    "date",
    "links",
    "body_start",
    "body_end",
    "truncated",
    "status_id",
)
CASE_FIELDS = ("count", "article_date")
ALL_FIELDS = CASE_FIELDS + ("missing",) + POST_FIELDS
FIELD_ALIASES = {
    "body_starts_with": ("body_start",),
    "body_ends_with": ("body_end",),
    "body": ("body_start", "body_end"),
    "posts": ("count",),
    "*": ALL_FIELDS,
    "all": ALL_FIELDS,
}

MISSING = object()


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class Case:
    """One labelled text: a fixture or a corpus file."""

    name: str
    txt_path: Path
    json_path: Path
    text: str
    gold: Mapping[str, Any]

    @property
    def is_html(self) -> bool:
        return looks_like_html(self.text)


def looks_like_html(text: str) -> bool:
    """HTML input (handled by a later issue): starts with '<' or has a blockquote embed."""
    return text.lstrip().startswith("<") or "<blockquote" in text.lower()


def load_case(json_path: Path, name: str | None = None) -> Case:
    txt_path = json_path.with_suffix(".txt")
    gold = json.loads(json_path.read_text(encoding="utf-8"))
    # newline="" keeps "\r\n" as written: offsets must refer to the exact text.
    with txt_path.open(encoding="utf-8", newline="") as fh:
        text = fh.read()
    return Case(name or json_path.stem, txt_path, json_path, text, gold)


def parse_case(case: Case) -> Document:
    return socialcheck.parse(case.text, source=str(case.txt_path))


@functools.cache
def cached_case(json_path: Path) -> Case:
    return load_case(json_path)


@functools.cache
def cached_parse(json_path: Path) -> Document:
    return parse_case(cached_case(json_path))


def only(posts: Sequence[Post]) -> Post:
    """The one post of `posts` (the test fails otherwise)."""
    assert len(posts) == 1, posts
    return posts[0]


# --------------------------------------------------------------------------- values


def iso(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def short(value: Any, limit: int = 70) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def post_label(post: Post | Mapping[str, Any] | None, index: int | None = None) -> str:
    if post is None:
        return f"post {index}" if index is not None else "post"
    handle = post.get("handle") if isinstance(post, Mapping) else post.handle
    where = f"post {index} " if index is not None else "post "
    return f"{where}@{handle}"


def describe_post(post: Post) -> str:
    body = post.body if post.body is None else post.body[:40]
    return (
        f"@{post.handle} {post.platform} span={post.span} name={post.display_name!r} "
        f"date={iso(post.date)} body={body!r}"
    )


@dataclass(frozen=True)
class Mismatch:
    field: str
    label: str
    expected: Any
    actual: Any
    detail: str = ""

    def __str__(self) -> str:
        extra = f" ({self.detail})" if self.detail else ""
        return (
            f"{self.label}: {self.field}: expected {short(self.expected)}, "
            f"got {short(self.actual)}{extra}"
        )


# --------------------------------------------------------------------------- comparing


def _body_of(post: Post) -> str | None:
    return post.body


def body_matches_start(expected: Mapping[str, Any], post: Post) -> bool:
    start = expected.get("body_starts_with")
    body = _body_of(post)
    if start is None:
        return not body
    return body is not None and body.startswith(start)


def compare_post(expected: Mapping[str, Any], actual: Post | None, label: str) -> list[Mismatch]:
    """Field-by-field differences between one gold post and one detected post."""
    if actual is None:
        return [Mismatch("missing", label, "a post", None, "no detected post aligned with it")]
    out: list[Mismatch] = []

    def check(field: str, want: Any, got: Any, ok: bool | None = None) -> None:
        if ok is None:
            ok = want == got
        if not ok:
            out.append(Mismatch(field, label, want, got))

    check("platform", expected.get("platform", "twitter"), actual.platform)
    check("handle", expected.get("handle"), actual.handle)
    want_name = expected.get("display_name")
    got_name = actual.display_name
    if want_name is None:
        # "no display name" may come out as None or as an empty string.
        check("display_name", None, got_name, ok=not got_name)
    else:
        check("display_name", want_name, got_name)
    check("date", expected.get("date"), iso(actual.date))
    check("links", list(expected.get("links", [])), list(actual.links))

    body = _body_of(actual)
    start = expected.get("body_starts_with")
    end = expected.get("body_ends_with")
    if start is None and end is None:
        check("body_start", None, body, ok=not body)
    else:
        if start is not None:
            ok = body is not None and body.startswith(start)
            check("body_start", start, None if body is None else body[: len(start) + 10], ok=ok)
        if end is not None:
            ok = body is not None and body.endswith(end)
            got = None if body is None else body[-(len(end) + 10) :]
            check("body_end", end, got, ok=ok)
    if "truncated" in expected:
        check("truncated", bool(expected["truncated"]), actual.truncated)
    if expected.get("status_id") is not None:
        check("status_id", expected["status_id"], actual.status_id)
    return out


def align(expected: Sequence[Mapping[str, Any]], actual: Sequence[Post]) -> list[Post | None]:
    """For each gold post, the detected post it should be compared with (or None).

    Matching is by handle in text order (the k-th gold post of a handle goes with the
    k-th detected post of that handle), preferring a detected post whose body also starts
    right; unmatched gold posts then fall back to a case-insensitive handle and finally to
    the body start, so a wrong handle shows up as a field mismatch, not a missing post.
    """
    result: list[Post | None] = [None] * len(expected)
    used: set[int] = set()

    def take(i: int, predicate: Any) -> None:
        for j, post in enumerate(actual):
            if j not in used and predicate(expected[i], post):
                result[i] = post
                used.add(j)
                return

    def same_platform(e: Mapping[str, Any], p: Post) -> bool:
        return bool(p.platform == e.get("platform", "twitter"))

    passes = (
        lambda e, p: (
            same_platform(e, p) and p.handle == e.get("handle") and body_matches_start(e, p)
        ),
        lambda e, p: same_platform(e, p) and p.handle == e.get("handle"),
        lambda e, p: (p.handle or "").casefold() == (e.get("handle") or "").casefold(),
        lambda e, p: e.get("body_starts_with") is not None and body_matches_start(e, p),
    )
    for predicate in passes:
        for i in range(len(expected)):
            if result[i] is None:
                take(i, predicate)
    return result


def unmatched(actual: Sequence[Post], aligned: Iterable[Post | None]) -> list[Post]:
    chosen = {id(p) for p in aligned if p is not None}
    return [p for p in actual if id(p) not in chosen]


def compare_document(
    doc: Document,
    gold: Mapping[str, Any],
    *,
    expected_posts: Sequence[Mapping[str, Any]] | None = None,
    actual_posts: Sequence[Post] | None = None,
) -> list[Mismatch]:
    """Every difference between a parsed document and its gold label."""
    exp = list(gold.get("posts", [])) if expected_posts is None else list(expected_posts)
    act = list(doc.posts) if actual_posts is None else list(actual_posts)
    out: list[Mismatch] = []
    want_date = gold.get("article_date")
    if want_date != iso(doc.article_date):
        out.append(Mismatch("article_date", "article", want_date, iso(doc.article_date)))
    if len(exp) != len(act):
        out.append(
            Mismatch(
                "count",
                "article",
                len(exp),
                len(act),
                "detected: " + "; ".join(describe_post(p) for p in act) if act else "none",
            )
        )
    aligned = align(exp, act)
    for i, (e, a) in enumerate(zip(exp, aligned, strict=True)):
        out.extend(compare_post(e, a, post_label(e, i)))
    for extra in unmatched(act, aligned):
        out.append(Mismatch("count", "extra post", None, describe_post(extra)))
    return out


def report(title: str, mismatches: Sequence[Mismatch]) -> str:
    lines = [f"{title}: {len(mismatches)} mismatch(es)"]
    lines.extend(f"  - {m}" for m in mismatches)
    return "\n".join(lines)


# --------------------------------------------------------------------------- invariants


def invariant_errors(doc: Document, text: str, *, check_bodies: bool = True) -> list[str]:
    """Lossless segmentation and span consistency; an empty list means all hold."""
    errors: list[str] = []
    segs = list(doc.segments)
    if doc.text != text:
        errors.append("Document.text is not the input text")
    joined = "".join(s.text for s in segs)
    if joined != text:
        errors.append(f"segments do not join back to the text (len {len(joined)} vs {len(text)})")
    pos = 0
    for k, seg in enumerate(segs):
        if seg.start != pos:
            errors.append(f"segment {k} starts at {seg.start}, expected {pos} (gap or overlap)")
        if seg.end < seg.start:
            errors.append(f"segment {k} has end {seg.end} < start {seg.start}")
        if text[seg.start : seg.end] != seg.text:
            errors.append(f"segment {k} text differs from text[{seg.start}:{seg.end}]")
        if seg.kind not in ("prose", "post"):
            errors.append(f"segment {k} has kind {seg.kind!r}")
        bad_index = seg.post_index is None or not 0 <= seg.post_index < len(doc.posts)
        if seg.kind == "post" and bad_index:
            errors.append(f"post segment {k} has post_index {seg.post_index!r}")
        pos = seg.end
    if segs and pos != len(text):
        errors.append(f"segments end at {pos}, text length is {len(text)}")

    for i, post in enumerate(doc.posts):
        label = f"post {i} @{post.handle}"
        covering = [s for s in segs if s.kind == "post" and s.post_index == i]
        if len(covering) != 1:
            errors.append(f"{label}: covered by {len(covering)} post segments, expected 1")
        elif (covering[0].start, covering[0].end) != tuple(post.span):
            seg = covering[0]
            errors.append(f"{label}: segment ({seg.start}, {seg.end}) != span {post.span}")
        start, end = post.span
        if not 0 <= start <= end <= len(text):
            errors.append(f"{label}: span {post.span} outside the text")
        for name in ("body_span", "signature_span"):
            inner = getattr(post, name)
            if inner is not None and not (start <= inner[0] <= inner[1] <= end):
                errors.append(f"{label}: {name} {inner} not inside span {post.span}")
        if check_bodies and post.body is not None:
            if post.body_span is None:
                if post.body:
                    errors.append(f"{label}: has a body but no body_span")
            elif text[post.body_span[0] : post.body_span[1]] != post.body:
                got = text[post.body_span[0] : post.body_span[1]]
                errors.append(f"{label}: text[body_span] {short(got)} != body {short(post.body)}")
    return errors


# --------------------------------------------------------------------------- known misses


@dataclass(frozen=True)
class KnownMiss:
    case: str
    key: str  # a handle, a post index, "<index>-<handle>", or "*" for the whole case
    field: str
    reason: str
    line: int


_BULLET = re.compile(r"^\s*(?:[-*+]\s+|\d+\.\s+(?=\d{3}\b))")
# A third token that looks like a misspelt field name (prose lines are ignored).
_FIELDISH = re.compile(r"body|date|name|link|handle|count|trunc|platform|missing", re.IGNORECASE)


def parse_known_misses(text: str) -> tuple[list[KnownMiss], list[str]]:
    """Lines like ``045 TeamPelosi body_start <reason>``; returns (misses, problems).

    Markdown bullets and backticks are ignored, so ``- `045 TeamPelosi body_start`
    reason`` works too; Markdown table rows are skipped (the file's tables list cases
    that are out of scope, not misses).
    The second token is a handle, a post index, ``<index>-<handle>``, or ``*`` / ``-``
    for case-level fields (``count``, ``article_date``). Lines not starting with a
    three-digit case number are prose and ignored.
    """
    misses: list[KnownMiss] = []
    problems: list[str] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        if raw.lstrip().startswith("|"):
            continue  # Markdown tables describe out-of-scope cases, not misses
        line = _BULLET.sub("", raw).replace("`", " ")
        tokens = line.split()
        if len(tokens) < 3 or not re.fullmatch(r"\d{3}", tokens[0]):
            continue
        case, key, field = tokens[0], tokens[1], tokens[2]
        reason = " ".join(tokens[3:])
        fields = FIELD_ALIASES.get(field, (field,))
        if any(f not in ALL_FIELDS for f in fields):
            if _FIELDISH.search(field):
                problems.append(
                    f"line {lineno}: unknown field {field!r} (known: {', '.join(ALL_FIELDS)})"
                )
            continue
        key = "*" if key in ("*", "-") else key.lstrip("@")
        for f in fields:
            misses.append(KnownMiss(case, key, f, reason, lineno))
    return misses, problems


def load_known_misses(path: Path = KNOWN_MISSES_FILE) -> tuple[list[KnownMiss], list[str]]:
    if not path.is_file():
        return [], []
    return parse_known_misses(path.read_text(encoding="utf-8"))


def misses_for(
    misses: Iterable[KnownMiss], case: str, index: int | None = None, handle: str | None = None
) -> dict[str, KnownMiss]:
    """Known misses that apply to one post (or, with no index, to the case), by field."""
    keys = {"*"}
    if index is not None:
        keys |= {str(index), f"{index}-{handle}"}
    if handle:
        keys.add(handle)
    found: dict[str, KnownMiss] = {}
    for miss in misses:
        if miss.case == case and miss.key in keys:
            found.setdefault(miss.field, miss)
    return found
