"""Inline suppressions (`socialcheck: ignore`, `ignore-file`) and baseline files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from socialcheck.baseline import Baseline, BaselineError, fingerprints
from socialcheck.cli import main
from socialcheck.model import Finding
from socialcheck.suppress import find_directives

DASH = "\u2014"


def signed(body: str, name: str, handle: str, date: str) -> str:
    return f"{body} pic.twitter.com/AbCdEfGhIj {DASH} {name} (@{handle}) {date}\n"


# Two posts, each dated after a 2026-03-01 article (SC101 on lines 3 and 7).
TWO_POSTS = (
    "Officials said the plan was final.\n"
    "\n" + signed("Body words here", "Jane Doe", "janedoe", "March 5, 2026") + "\n"
    "More prose follows.\n"
    "\n" + signed("Other words here", "Jim Doe", "jimdoe", "March 6, 2026")
)

# Two Hugo shortcodes whose post IDs were made after the article (SC502 on both).
SHORTCODES = """\
---
date: 2026-03-01
---

Police said:

{comment}
{{{{< x user="PortHaldenPD" id="2029196462651813121" >}}}}

The county added:

{{{{< tweet user="HaldenCounty" id="2029286325615013377" >}}}}

Done.
"""


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def scan(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["scan", "--isolated", "--no-cache", "--now", "2026-03-10", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def codes_and_lines(out: str) -> list[tuple[str, int]]:
    found = []
    for line in out.splitlines():
        where, rest = line.split(": ", 1)
        found.append((rest.split()[0], int(where.rsplit(":", 2)[1])))
    return found


# --- comment forms -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- socialcheck: ignore SC502 -->",
        "<!--socialcheck:ignore SC502-->",
        "<!-- socialcheck: ignore id-after-article -->",
        "<!-- socialcheck: ignore SC5 -->",
        "<!-- socialcheck: ignore -->",
        "<!-- socialcheck: ignore SC502 -- the ID was checked by the desk -->",
        "<!--\n  socialcheck: ignore SC101, SC502\n-->",
        "[//]: # (socialcheck: ignore SC502)",
        '[//]: # "socialcheck: ignore SC502"',
        "[comment]: <> (socialcheck: ignore SC502)",
        "{/* socialcheck: ignore SC502 */}",
        "{{/* socialcheck: ignore SC502 */}}",
        "{{- /* socialcheck: ignore SC502 */ -}}",
    ],
)
def test_comment_forms_silence_the_next_post_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, comment: str
) -> None:
    path = write(tmp_path / "story.md", SHORTCODES.format(comment=comment))
    code, out, err = scan(capsys, path)
    # Only the second post's finding is left (its line moves with the comment's lines).
    assert [c for c, _ in codes_and_lines(out)] == ["SC502"], out
    assert code == 1
    assert err == ""
    line = out.split(":")[1]
    assert SHORTCODES.format(comment=comment).splitlines()[int(line) - 1].startswith("{{< tweet")


def test_other_codes_are_not_silenced(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(
        tmp_path / "story.md", SHORTCODES.format(comment="<!-- socialcheck: ignore SC101 -->")
    )
    code, out, _ = scan(capsys, path)
    assert [c for c, _ in codes_and_lines(out)] == ["SC502", "SC502"]


def test_not_a_directive(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for comment in [
        "<!-- socialcheck ignore SC502 -->",  # no colon
        "<!-- socialcheck: ignored -->",
        "socialcheck: ignore SC502",  # not in a comment
    ]:
        path = write(tmp_path / "story.md", SHORTCODES.format(comment=comment))
        assert len(codes_and_lines(scan(capsys, path)[1])) == 2, comment


def test_plain_text_posts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "2026-03-01-story.txt"
    write(path, TWO_POSTS)
    assert codes_and_lines(scan(capsys, str(path))[1]) == [("SC101", 3), ("SC101", 7)]
    lines = TWO_POSTS.splitlines(keepends=True)
    lines.insert(6, "<!-- socialcheck: ignore SC101 -->\n")
    write(path, "".join(lines))
    assert codes_and_lines(scan(capsys, str(path))[1]) == [("SC101", 3)]


def test_trailing_comment_applies_to_the_post_on_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = TWO_POSTS.splitlines(keepends=True)
    lines[2] = lines[2].rstrip("\n") + " <!-- socialcheck: ignore -->\n"
    path = write(tmp_path / "2026-03-01-story.txt", "".join(lines))
    assert codes_and_lines(scan(capsys, path)[1]) == [("SC101", 7)]


@pytest.mark.parametrize(
    ("comment", "left"),
    [
        ("<!-- socialcheck: ignore-file -->", []),
        ("[//]: # (socialcheck: ignore-file SC101)", []),
        ("<!-- socialcheck: ignore-file SC102 -->", [("SC101", 5), ("SC101", 9)]),
    ],
)
def test_ignore_file(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    comment: str,
    left: list[tuple[str, int]],
) -> None:
    path = write(tmp_path / "2026-03-01-story.txt", comment + "\n\n" + TWO_POSTS)
    code, out, _ = scan(capsys, path)
    assert codes_and_lines(out) == left
    assert code == (1 if left else 0)


def test_unknown_code_is_a_note_and_silences_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    comment = "<!-- socialcheck: ignore SC5O2 -->"
    path = write(tmp_path / "story.md", SHORTCODES.format(comment=comment))
    code, out, err = scan(capsys, path)
    assert len(codes_and_lines(out)) == 2
    assert err == f"{path}:7:1: warning: unknown check 'SC5O2' in a socialcheck comment\n"
    assert scan(capsys, "--quiet", path)[2] == ""


def test_suppressed_counts_in_json_and_statistics(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    comment = "<!-- socialcheck: ignore SC502 -->"
    path = write(tmp_path / "story.md", SHORTCODES.format(comment=comment))
    code, out, _ = scan(capsys, "--format", "json", path)
    report = json.loads(out)
    assert report["summary"]["suppressed"] == 1
    assert report["files"][0]["suppressed"] == 1
    assert len(report["files"][0]["findings"]) == 1
    code, out, _ = scan(capsys, "--statistics", path)
    assert out.splitlines()[-1] == "1 finding (1 error) in 1 file; 1 suppressed"


def test_find_directives() -> None:
    text = (
        "a <!-- socialcheck: ignore SC101 stale-post -- why --> b\n"
        "[//]: # (socialcheck: ignore-file)\n"
    )
    first, second = find_directives(text)
    assert (first.kind, first.codes, first.unknown) == ("ignore", {"SC101", "SC102"}, ())
    assert text[first.span[0] : first.span[1]].startswith("<!--")
    assert (second.kind, second.codes) == ("ignore-file", None)
    assert find_directives("no directives here") == ()


# --- baseline ------------------------------------------------------------------------------


def test_fingerprints_ignore_position_but_count_repeats() -> None:
    def finding(start: int, end: int, code: str = "SC101") -> Finding:
        return Finding(code, "x", "error", "m", (start, end), 1, 1)

    text = "abc SIG\n\nSIG\n"
    a, b = fingerprints(text, [finding(4, 7), finding(9, 12)])
    assert a != b  # the same text twice: numbered
    moved = "\n\n\nabc SIG\n\nSIG\n"
    assert fingerprints(moved, [finding(7, 10), finding(12, 15)]) == (a, b)
    assert fingerprints(text, [finding(4, 7, "SC102")])[0] != a


def test_baseline_round_trip(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    story = tmp_path / "content" / "2026-03-01-story.txt"
    write(story, TWO_POSTS)
    code, out, err = scan(capsys, "--write-baseline", "baseline.json", "content")
    assert (code, out) == (0, "")
    assert err == "socialcheck: wrote 2 findings to baseline.json\n"
    data = json.loads((tmp_path / "baseline.json").read_text())
    assert data["version"] == 1 and data["tool"] == "socialcheck"
    assert [(f["path"], f["code"], f["line"]) for f in data["findings"]] == [
        ("content/2026-03-01-story.txt", "SC101", 3),
        ("content/2026-03-01-story.txt", "SC101", 7),
    ]
    # Nothing new: silent, exit 0.
    assert scan(capsys, "--baseline", "baseline.json", "content") == (0, "", "")

    # Lines move (a paragraph above, a post edited around): still nothing new.
    write(story, "A new first paragraph.\n\nAnd another.\n\n" + TWO_POSTS)
    assert scan(capsys, "--baseline", "baseline.json", "content")[:2] == (0, "")

    # A new bad post is reported, alone, and fails the run.
    write(
        story,
        TWO_POSTS + "\n" + signed("Third words here", "Ann Roe", "annroe", "March 9, 2026"),
    )
    code, out, _ = scan(capsys, "--baseline", "baseline.json", "content")
    assert code == 1
    assert codes_and_lines(out) == [("SC101", 9)]
    code, out, _ = scan(capsys, "--format", "json", "--baseline", "baseline.json", "content")
    summary = json.loads(out)["summary"]
    assert (summary["errors"], summary["baselined"]) == (1, 2)

    # The same baseline works from another directory: paths are relative to its file.
    os.chdir(tmp_path / "content")
    code, out, _ = scan(capsys, "--baseline", "../baseline.json", ".")
    assert codes_and_lines(out) == [("SC101", 9)]


def test_each_baseline_entry_matches_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    story = tmp_path / "2026-03-01-story.txt"
    post = signed("Body words here", "Jane Doe", "janedoe", "March 5, 2026")
    write(story, post)
    baseline = str(tmp_path / "b.json")
    assert scan(capsys, "--write-baseline", baseline, str(story))[0] == 0
    write(story, post + "\n" + post)  # the same post twice now: one is new
    code, out, _ = scan(capsys, "--baseline", baseline, str(story))
    assert code == 1
    # The second copy's SC101 is new (and so is its duplicate-post warning).
    assert codes_and_lines(out) == [("SC302", 3), ("SC101", 3)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read baseline"),
        ("{", "invalid JSON"),
        ('{"tool": "other", "findings": []}', "not a socialcheck baseline"),
        ('{"tool": "socialcheck", "version": 9, "findings": []}', "version 9 is not supported"),
        ('{"tool": "socialcheck", "version": 1, "findings": [{"path": 1}]}', "bad entry"),
    ],
)
def test_bad_baseline(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str | None, message: str
) -> None:
    baseline = tmp_path / "b.json"
    if content is not None:
        baseline.write_text(content)
    with pytest.raises(BaselineError, match=message):
        Baseline.load(str(baseline))
    story = write(tmp_path / "a.txt", "text\n")
    code, out, err = scan(capsys, "--baseline", str(baseline), story)
    assert (code, out) == (2, "")
    assert err.startswith("socialcheck: error: ") and message in err
