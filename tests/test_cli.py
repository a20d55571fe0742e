"""Tests for the command line (socialcheck.cli) and the reporters it drives.

Most tests check CLI mechanics on text that needs no detected post, or replace
`socialcheck.check` with a fake that returns hand-made findings. The tests in the
"end to end" section at the bottom rely on the scraped-signature detector and the
SC101 check (a post dated after its article).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import socialcheck
from socialcheck.cli import main
from socialcheck.model import Document, Finding
from socialcheck.report import FileResult
from socialcheck.report.text import format_finding, render_scan, use_color

ROOT = Path(socialcheck.__file__).resolve().parent.parent

CLEAN = "Officials said the plan was final.\n\nNo posts are quoted here.\n"
# Line 3 carries a post dated March 5, 2026: four days after a 2026-03-01 article.
SIGNED = (
    "Officials said the plan was final.\n"
    "\n"
    "Body words here pic.twitter.com/AbCdEfGhIj \u2014 Jane Doe (@janedoe) March 5, 2026\n"
    "\n"
    "More prose follows.\n"
)
UTF8_ERROR = "not valid UTF-8 at byte {} (use --encoding-errors replace to read it anyway)"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, content: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def run_module(*argv: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "socialcheck", *argv],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=60,
    )


def fake_findings(monkeypatch: pytest.MonkeyPatch, *findings: Finding) -> list[dict[str, Any]]:
    """Make `socialcheck.check` return `findings`; returns the calls it received."""
    calls: list[dict[str, Any]] = []

    def fake(doc: Document, **kwargs: Any) -> list[Finding]:
        calls.append({"doc": doc, **kwargs})
        return list(findings)

    monkeypatch.setattr(socialcheck, "check", fake)
    return calls


def finding(severity: str = "error", **kw: Any) -> Finding:
    fields: dict[str, Any] = {
        "code": "SC999",
        "name": "fake-check",
        "severity": severity,
        "message": "something odd",
        "span": (40, 45),
        "line": 3,
        "column": 5,
    }
    fields.update(kw)
    return Finding(**fields)


# --- version, usage -------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--version")
    assert code == 0
    assert out == f"socialcheck {socialcheck.__version__}\n"


def test_version_subprocess() -> None:
    proc = run_module("--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == f"socialcheck {socialcheck.__version__}\n"
    assert proc.stderr == b""


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    assert code == 2
    assert "usage:" in err


@pytest.mark.parametrize("value", ["2026-13-01", "2026-02-30", "yesterday", "2026-3-1", "20260301"])
def test_bad_article_date(capsys: pytest.CaptureFixture[str], tmp_path: Path, value: str) -> None:
    path = write(tmp_path / "a.txt", CLEAN)
    code, out, err = run(capsys, "scan", "--article-date", value, path)
    assert code == 2
    assert out == ""
    assert "--article-date" in err
    assert repr(value) in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "args",
    [
        ["--now", "next tuesday"],
        ["--stale-days", "-1"],
        ["--date-slack-days", "x"],
        ["--fail-on", "critical"],
        ["--format", "xml"],
        ["--encoding-errors", "ignore"],
    ],
)
def test_bad_options(capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str]) -> None:
    path = write(tmp_path / "a.txt", CLEAN)
    code, out, err = run(capsys, "scan", *args, path)
    assert code == 2
    assert args[0] in err


# --- reading inputs ---------------------------------------------------------------


def test_clean_file_is_silent(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "clean.txt", CLEAN)
    assert run(capsys, "scan", path) == (0, "", "")


def test_invalid_utf8(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "latin1.txt", "caf\u00e9 au lait\n".encode("latin-1"))
    code, out, err = run(capsys, "scan", path)
    assert code == 2
    assert out == ""
    assert err == f"{path}: error: {UTF8_ERROR.format(3)}\n"


def test_invalid_utf8_offset_counts_the_bom(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbfab\xffcd\n")
    code, _, err = run(capsys, "scan", path)
    assert code == 2
    assert err == f"{path}: error: {UTF8_ERROR.format(5)}\n"


def test_invalid_utf8_does_not_stop_other_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = write(tmp_path / "a-bad.txt", b"\xff\xfe not text\n")
    good = write(tmp_path / "b-good.txt", CLEAN)
    code, out, err = run(capsys, "scan", "--format", "json", bad, good)
    assert code == 2
    assert err == f"{bad}: error: {UTF8_ERROR.format(0)}\n"
    assert [f["path"] for f in json.loads(out)["files"]] == [good]


def test_encoding_errors_replace(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "latin1.txt", "caf\u00e9 au lait\n".encode("latin-1"))
    assert run(capsys, "scan", "--encoding-errors", "replace", path) == (0, "", "")
    code, out, err = run(capsys, "extract", "--encoding-errors", "replace", path)
    assert code == 0
    assert json.loads(out)["prose"] == "caf\ufffd au lait\n"


def test_bom_is_removed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + CLEAN.encode())
    code, out, _ = run(capsys, "extract", path)
    assert code == 0
    assert json.loads(out)["prose"] == CLEAN


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    good = write(tmp_path / "good.txt", CLEAN)
    code, out, err = run(capsys, "scan", missing, good)
    assert code == 2
    assert out == ""
    assert err.startswith(f"{missing}: error: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_errors_in_a_subprocess_never_show_a_traceback(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.txt", b"ok\n\x80\n")
    proc = run_module("scan", bad, str(tmp_path / "missing.txt"))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert f"{bad}: error: {UTF8_ERROR.format(3)}" in err
    assert f"{tmp_path / 'missing.txt'}: error: " in err
    assert "Traceback" not in err
    assert proc.stdout == b""


def test_binary_file_is_skipped(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "image.txt", b"GIF89a\x00\x01\x02")
    assert run(capsys, "scan", path) == (0, "", f"{path}: skipped: binary file\n")


@pytest.mark.parametrize("size", [0, 1, 8191, 8192, 8193, (1 << 20) + 5, 3 * (1 << 20)])
def test_files_are_read_whole(tmp_path: Path, size: int) -> None:
    from socialcheck.files import SNIFF_BYTES, Input, Skip, read_bytes

    data = bytes(range(1, 256)) * (size // 255) + b"x" * (size % 255)
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert read_bytes(Input("a.txt", str(path))) == data
    # A NUL in the sniffed head makes a binary file; past it, the text is read whole.
    path.write_bytes(data + b"\0")
    if size < SNIFF_BYTES:
        with pytest.raises(Skip):
            read_bytes(Input("a.txt", str(path)))
    else:
        assert read_bytes(Input("a.txt", str(path))) == data + b"\0"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_sniffed_whole(tmp_path: Path) -> None:
    """A pipe hands over what has arrived: a NUL that arrives later, still within the
    first 8 KB, makes the input binary all the same."""
    import threading
    import time

    from socialcheck.files import Input, Skip, read_bytes

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def feed(data: list[bytes]) -> None:
        with open(fifo, "wb", buffering=0) as pipe:
            for piece in data:
                pipe.write(piece)
                time.sleep(0.1)  # let the reader take the first piece alone

    writer = threading.Thread(target=feed, args=([b"a" * 100, b"\0 and more"],))
    writer.start()
    with pytest.raises(Skip):
        read_bytes(Input("pipe", str(fifo)))
    writer.join()
    writer = threading.Thread(target=feed, args=([b"a" * 100, b" and more"],))
    writer.start()
    assert read_bytes(Input("pipe", str(fifo))) == b"a" * 100 + b" and more"
    writer.join()


def test_extract_refuses_binary_and_directories(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "image.txt", b"\x00\x01")
    code, out, err = run(capsys, "extract", path)
    assert (code, out) == (2, "")
    assert err.startswith(f"{path}: error: binary file")
    code, out, err = run(capsys, "extract", str(tmp_path))
    assert (code, out) == (2, "")
    assert err.startswith(f"{tmp_path}: error: is a directory")


def test_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CLEAN.encode())))
    code, out, err = run(capsys, "scan", "--format", "json", "-")
    assert (code, err) == (0, "")
    [only] = json.loads(out)["files"]
    assert only["path"] == "<stdin>"


def test_stdin_is_decoded_strictly(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"abc\xe9\n")))
    code, out, err = run(capsys, "scan", "-")
    assert (code, out) == (2, "")
    assert err == f"<stdin>: error: {UTF8_ERROR.format(3)}\n"


def test_stdin_subprocess() -> None:
    proc = run_module("extract", "--format", "json", "-", stdin=CLEAN.encode())
    assert proc.returncode == 0, proc.stderr
    obj = json.loads(proc.stdout)
    assert obj["path"] == "<stdin>"
    assert obj["prose"] == CLEAN


# --- walking directories ------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    for rel in ["b.md", "a.txt", "README", "drafts/d.md", "sub/z.md", "sub/c.html"]:
        write(root / rel, CLEAN)
    write(root / "image.png", "not looked at\n")
    write(root / "blob", b"\x00binary")
    write(root / ".hidden.md", CLEAN)
    write(root / ".git" / "notes.txt", CLEAN)
    return root


def walked(capsys: pytest.CaptureFixture[str], root: Path, *options: str) -> list[str]:
    code, out, err = run(capsys, "scan", "--format", "json", *options, str(root))
    assert code == 0, err
    base = str(root) + os.sep
    return [f["path"].removeprefix(base) for f in json.loads(out)["files"]]


def test_walk_is_sorted_and_skips_hidden_binary_and_non_text(
    capsys: pytest.CaptureFixture[str], tree: Path
) -> None:
    code, out, err = run(capsys, "scan", "--format", "json", str(tree))
    assert code == 0
    assert err == f"{tree / 'blob'}: skipped: binary file\n"
    paths = [f["path"] for f in json.loads(out)["files"]]
    expected = ["README", "a.txt", "b.md", "drafts/d.md", "sub/c.html", "sub/z.md"]
    assert paths == [str(tree.joinpath(*rel.split("/"))) for rel in expected]


def test_walk_exclude(capsys: pytest.CaptureFixture[str], tree: Path) -> None:
    paths = walked(capsys, tree, "--exclude", "drafts", "--exclude", "*.html")
    assert paths == ["README", "a.txt", "b.md", os.path.join("sub", "z.md")]


def test_walk_include(capsys: pytest.CaptureFixture[str], tree: Path) -> None:
    assert walked(capsys, tree, "--include", "*.md") == [
        "b.md",
        os.path.join("drafts", "d.md"),
        os.path.join("sub", "z.md"),
    ]
    assert walked(capsys, tree, "--include", "sub/*", "--exclude", "z.*") == [
        os.path.join("sub", "c.html")
    ]
    # An include pattern replaces the default list of text-like extensions.
    assert walked(capsys, tree, "--include", "*.png") == ["image.png"]


def test_include_does_not_filter_named_files(
    capsys: pytest.CaptureFixture[str], tree: Path
) -> None:
    named = str(tree / "a.txt")
    code, out, _ = run(capsys, "scan", "--format", "json", "--include", "*.md", named)
    assert code == 0
    assert [f["path"] for f in json.loads(out)["files"]] == [named]


# --- options reach parse and check -------------------------------------------------------


def test_options_feed_config_and_now(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls = fake_findings(monkeypatch)
    path = write(tmp_path / "a.txt", CLEAN)
    argv = ["scan", "--disable", "SC101", "--disable", "stale-post,SC103", "--stale-days", "7"]
    argv += ["--date-slack-days", "0", "--now", "2026-03-10T12:00:00Z", path]
    assert run(capsys, *argv) == (0, "", "")
    [call] = calls
    config = call["config"]
    # Names are resolved to codes.
    assert config.disable == frozenset({"SC101", "SC102", "SC103"})
    assert (config.stale_days, config.date_slack_days) == (7, 0)
    assert call["now"] == dt.datetime(2026, 3, 10, 12, tzinfo=dt.timezone.utc)


def test_defaults_reach_check(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls = fake_findings(monkeypatch)
    path = write(tmp_path / "a.txt", CLEAN)
    assert run(capsys, "scan", "--now", "2026-03-10", path)[0] == 0
    [call] = calls
    assert call["config"] == socialcheck.Config()
    assert call["now"] == dt.datetime(2026, 3, 10, tzinfo=dt.timezone.utc)


def test_file_name_gives_the_article_date(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "2026-03-01-story.txt", CLEAN)
    code, out, _ = run(capsys, "scan", "--format", "json", path)
    assert code == 0
    [only] = json.loads(out)["files"]
    assert (only["article_date"], only["article_date_source"]) == ("2026-03-01", "filename")
    code, out, _ = run(capsys, "scan", "--format", "json", "--article-date", "2026-02-01", path)
    [only] = json.loads(out)["files"]
    assert (only["article_date"], only["article_date_source"]) == ("2026-02-01", "argument")


# --- output and exit codes (fake findings) -----------------------------------------------


def test_text_output_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_findings(monkeypatch, finding("warning"))
    path = write(tmp_path / "a.txt", CLEAN)
    code, out, err = run(capsys, "scan", "--fail-on", "warning", path)
    assert (code, err) == (1, "")
    assert out == f"{path}:3:5: SC999 warning fake-check: something odd\n"
    assert "\x1b" not in out  # not a terminal: no colour


@pytest.mark.parametrize(
    ("severity", "fail_on", "expected"),
    [
        ("error", "error", 1),
        ("warning", "error", 0),
        ("warning", "warning", 1),
        ("info", "warning", 0),
        ("info", "info", 1),
        ("error", "never", 0),
    ],
)
def test_fail_on(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    severity: str,
    fail_on: str,
    expected: int,
) -> None:
    fake_findings(monkeypatch, finding(severity))
    path = write(tmp_path / "a.txt", CLEAN)
    code, out, _ = run(capsys, "scan", "--fail-on", fail_on, path)
    assert code == expected
    assert f" SC999 {severity} " in out


def test_io_error_wins_over_findings(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_findings(monkeypatch, finding("error"))
    path = write(tmp_path / "a.txt", CLEAN)
    code, _, _ = run(capsys, "scan", path, str(tmp_path / "missing.txt"))
    assert code == 2


def test_json_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_findings(monkeypatch, finding("warning"), finding("info", span=(1, 2), line=1, column=2))
    path = write(tmp_path / "a.txt", CLEAN)
    code, out, err = run(capsys, "scan", "--format", "json", path)
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["version"] == 1
    assert report["summary"] == {
        "files": 1,
        "posts": 0,
        "errors": 0,
        "warnings": 1,
        "infos": 1,
        "suppressed": 0,
        "baselined": 0,
    }
    [only] = report["files"]
    assert set(only) == {
        "path",
        "article_date",
        "article_date_source",
        "posts",
        "findings",
        "suppressed",
        "baselined",
    }
    assert only["path"] == path
    assert only["posts"] == []
    # In text order, whatever order check() gave them in.
    assert [f["severity"] for f in only["findings"]] == ["info", "warning"]
    # Finding.to_dict() plus where the finding ends and its fingerprint.
    reported = only["findings"][1]
    assert {k: v for k, v in reported.items() if k in finding().to_dict()} == finding(
        "warning"
    ).to_dict()
    assert set(reported) - set(finding().to_dict()) == {"end_line", "end_column", "fingerprint"}


def test_json_output_without_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "scan", "--format", "json", str(tmp_path))
    assert code == 0
    assert json.loads(out) == {
        "version": 1,
        "files": [],
        "summary": {
            "files": 0,
            "posts": 0,
            "errors": 0,
            "warnings": 0,
            "infos": 0,
            "suppressed": 0,
            "baselined": 0,
        },
    }


def test_internal_error_is_reported_without_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(socialcheck, "parse", boom)
    path = write(tmp_path / "a.txt", CLEAN)
    code, out, err = run(capsys, "scan", path)
    assert (code, out) == (2, "")
    assert err.startswith("socialcheck: internal error: RuntimeError: boom")
    code, out, err = run(capsys, "extract", path)
    assert (code, out, err) == (2, "", "socialcheck: internal error: RuntimeError: boom\n")


def test_keyboard_interrupt(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(socialcheck, "parse", interrupted)
    path = write(tmp_path / "a.txt", CLEAN)
    assert run(capsys, "scan", path)[0] == 130


# --- reporters ----------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_use_color() -> None:
    assert use_color(_Terminal(), {})
    assert not use_color(_Terminal(), {"NO_COLOR": "1"})
    assert not use_color(_Terminal(), {"NO_COLOR": ""})
    assert not use_color(_Terminal(), {"TERM": "dumb"})
    assert not use_color(io.StringIO(), {})


def test_colour_and_control_characters() -> None:
    hostile = finding(message="line one\nline two \x1b[2J done", name="fake\r\ncheck")
    plain = format_finding("dir/a\x1b.txt", hostile)
    assert plain == "dir/a\\x1b.txt:3:5: SC999 error fake  check: line one line two \\x1b[2J done"
    coloured = format_finding("a.txt", hostile, color=True)
    assert "\x1b[" in coloured
    assert "\n" not in coloured
    assert "\\x1b[2J" in coloured


def test_render_scan_is_empty_without_findings() -> None:
    doc = socialcheck.parse(CLEAN)
    assert render_scan([FileResult.of("a.txt", doc, ())]) == ""


# --- extract ------------------------------------------------------------------------------


def test_extract_json_without_posts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", CLEAN)
    code, out, err = run(capsys, "extract", "--article-date", "2026-03-01", path)
    assert (code, err) == (0, "")
    obj = json.loads(out)
    assert obj["version"] == 1
    assert "text" not in obj
    assert (obj["path"], obj["article_date"], obj["article_date_source"]) == (
        path,
        "2026-03-01",
        "argument",
    )
    assert obj["posts"] == []
    assert obj["segments"] == [{"kind": "prose", "start": 0, "end": len(CLEAN), "post_index": None}]
    assert obj["prose"] == CLEAN


def test_extract_text_without_posts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", CLEAN)
    code, out, err = run(capsys, "extract", "--format", "text", path)
    assert (code, err) == (0, "")
    assert out == f"file: {path}\narticle date: -\nposts: 0\n\n--- prose ---\n{CLEAN}"


# --- end to end: needs the scraped-signature detector and the SC101 check ----------------


def test_e2e_post_after_article_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "2026-03-01-story.txt", SIGNED)
    code, out, err = run(capsys, "scan", path)
    assert (code, err) == (1, "")
    [line] = out.splitlines()
    where, rest = line.split(": ", 1)
    shown, line_no, col = where.rsplit(":", 2)
    assert (shown, line_no) == (path, "3")
    assert rest.startswith("SC101 error post-after-article: ")
    signature_line = SIGNED.splitlines()[2]
    assert 1 < int(col) <= len(signature_line)
    assert "March 5, 2026" in signature_line[int(col) - 1 :]


def test_e2e_post_after_article_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", SIGNED)
    code, out, _ = run(capsys, "scan", "--format", "json", "--article-date", "2026-03-01", path)
    assert code == 1
    report = json.loads(out)
    assert report["summary"] == {
        "files": 1,
        "posts": 1,
        "errors": 1,
        "warnings": 0,
        "infos": 0,
        "suppressed": 0,
        "baselined": 0,
    }
    [only] = report["files"]
    [post] = only["posts"]
    assert (post["display_name"], post["date"]) == ("Jane Doe", "2026-03-05")
    [found] = only["findings"]
    assert (found["code"], found["severity"], found["line"], found["post_index"]) == (
        "SC101",
        "error",
        3,
        0,
    )


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([], 1),
        (["--fail-on", "never"], 0),
        (["--disable", "SC101"], 0),
        (["--disable", "post-after-article"], 0),
        (["--date-slack-days", "4"], 0),
        (["--date-slack-days", "3"], 1),
        (["--article-date", "2026-03-05"], 0),
    ],
)
def test_e2e_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, options: list[str], expected: int
) -> None:
    path = write(tmp_path / "2026-03-01-story.txt", SIGNED)
    code, out, _ = run(capsys, "scan", "--now", "2026-03-10", *options, path)
    assert code == expected
    assert ("SC101" in out) == (options == ["--fail-on", "never"] or expected == 1)


def test_e2e_subprocess(tmp_path: Path) -> None:
    path = write(tmp_path / "2026-03-01-story.txt", SIGNED)
    proc = run_module("scan", path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.decode().startswith(f"{path}:3:")
    assert b"SC101 error post-after-article" in proc.stdout
    assert proc.stderr == b""


def test_e2e_extract_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "2026-03-01-story.txt", SIGNED)
    code, out, _ = run(capsys, "extract", "--format", "text", path)
    assert code == 0
    head, prose = out.split("--- prose ---\n")
    assert "posts: 1" in head
    assert "post #0" in head
    assert "Jane Doe" in head
    assert "2026-03-05" in head
    assert "lines:    3\n" in head
    assert "Body words here" in head
    assert prose == "Officials said the plan was final.\n\nMore prose follows.\n"


def test_e2e_extract_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "2026-03-01-story.txt", SIGNED)
    code, out, _ = run(capsys, "extract", path)
    assert code == 0
    obj = json.loads(out)
    assert [s["kind"] for s in obj["segments"]] == ["prose", "post", "prose"]
    assert obj["segments"][1]["post_index"] == 0
    [post] = obj["posts"]
    assert post["span"] == [obj["segments"][1]["start"], obj["segments"][1]["end"]]
    assert "pic.twitter.com" not in obj["prose"]


# --- output formats, --quiet, --statistics, --output -----------------------------------


def test_github_annotations(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    hostile = finding("warning", message="50% off,\nnext line", name="fake-check")
    fake_findings(monkeypatch, hostile, finding("info", span=(1, 2), line=1, column=2))
    path = write(tmp_path / "a,b:c.txt", CLEAN)
    code, out, err = run(capsys, "scan", "--format", "github", path)
    assert (code, err) == (0, "")
    escaped = path.replace(":", "%3A").replace(",", "%2C")
    assert out.splitlines() == [
        f"::notice file={escaped},line=1,endLine=1,col=2,endColumn=3,"
        "title=SC999 fake-check::something odd",
        f"::warning file={escaped},line=3,endLine=3,col=5,endColumn=10,"
        "title=SC999 fake-check::50%25 off,%0Anext line",
    ]


def test_github_e2e(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "2026-03-01-story.txt", SIGNED)
    code, out, _ = run(capsys, "scan", "--format", "github", path)
    assert code == 1
    [line] = out.splitlines()
    assert line.startswith(f"::error file={path},line=3,endLine=3,col=44,endColumn=")
    assert "title=SC101 post-after-article::post dated 2026-03-05" in line


def test_quiet_and_statistics(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_findings(monkeypatch, finding("warning"), finding("warning", span=(50, 52)))
    path = write(tmp_path / "a.txt", CLEAN)
    write(tmp_path / "blob.txt", b"\x00")
    code, out, err = run(capsys, "scan", "--statistics", str(tmp_path))
    assert code == 0
    assert err == f"{tmp_path / 'blob.txt'}: skipped: binary file\n"
    lines = out.splitlines()
    assert lines[:2] == [f"{path}:3:5: SC999 warning fake-check: something odd"] * 2
    assert lines[2] == "     2  SC999  warning  fake-check"
    assert lines[3] == "2 findings (2 warnings) in 1 file"
    code, out, err = run(capsys, "scan", "--quiet", str(tmp_path))
    assert err == ""
    assert len(out.splitlines()) == 2
    # JSON carries the statistics inside; other formats print them on stderr.
    code, out, err = run(capsys, "scan", "--format", "json", "--statistics", path)
    assert json.loads(out)["statistics"] == [
        {"code": "SC999", "name": "fake-check", "severity": "warning", "count": 2}
    ]
    code, out, err = run(capsys, "scan", "--format", "github", "--statistics", path)
    assert out.startswith("::warning ")
    assert err.endswith("2 findings (2 warnings) in 1 file\n")


def test_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "2026-03-01-story.txt", SIGNED)
    report = tmp_path / "out" / "report.json"
    code, out, err = run(capsys, "scan", "--format", "json", "-o", str(report), path)
    assert (code, out) == (2, "")
    assert "cannot write" in err
    report.parent.mkdir()
    code, out, err = run(capsys, "scan", "--format", "json", "-o", str(report), path)
    assert (code, out, err) == (1, "", "")
    assert json.loads(report.read_text())["summary"]["errors"] == 1


def test_severity_flag(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "2026-03-01-story.txt", SIGNED)
    code, out, _ = run(capsys, "scan", "--severity", "post-after-article=warning", path)
    assert code == 0
    assert " SC101 warning " in out
    code, out, err = run(capsys, "scan", "--severity", "SC101", path)
    assert code == 2
    assert "--severity" in err


def test_post_fields_only_where_read(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Only the JSON report reads each post's fields; other runs count posts, and
    neither the workers nor the cache build or keep the fields for them."""
    from socialcheck import engine

    path = write(tmp_path / "2026-03-01-story.txt", SIGNED)
    seen: list[tuple[bool, tuple[int, int]]] = []
    real_run = engine.run

    def spy(tasks: Any, options: Any, *args: Any, **kwargs: Any) -> Any:
        for done in real_run(tasks, options, *args, **kwargs):
            seen.append((options.with_posts, (len(done.result.posts), done.result.post_count)))
            yield done

    monkeypatch.setattr(engine, "run", spy)
    run(capsys, "scan", "--no-cache", path)
    run(capsys, "scan", "--no-cache", "--format", "sarif", path)
    code, out, _ = run(capsys, "scan", "--no-cache", "--format", "json", "--statistics", path)
    assert json.loads(out)["files"][0]["posts"][0]["handle"] == "janedoe"
    assert json.loads(out)["summary"]["posts"] == 1
    assert seen == [(False, (0, 1)), (False, (0, 1)), (True, (1, 1))]
    seen.clear()
    cache = str(tmp_path / "cache")
    text = run(capsys, "scan", "--cache-dir", cache, path)  # parsed, cached without fields
    assert run(capsys, "scan", "--cache-dir", cache, path) == text  # from the cache
    assert seen == [(False, (0, 1))]
    # A JSON run cannot use that entry: it parses the file again and caches the fields,
    # which the next JSON run (and any other) then takes from the cache.
    code, out, _ = run(capsys, "scan", "--cache-dir", cache, "--format", "json", path)
    assert json.loads(out)["files"][0]["posts"][0]["handle"] == "janedoe"
    again = run(capsys, "scan", "--cache-dir", cache, "--format", "json", path)
    assert again == (code, out, "")
    assert run(capsys, "scan", "--cache-dir", cache, path) == text
    assert seen == [(False, (0, 1)), (True, (1, 1))]


def test_file_result_counts_its_posts() -> None:
    doc = socialcheck.parse(SIGNED, article_date=dt.date(2026, 3, 1))
    assert FileResult.of("a", doc).post_count == 1
    assert FileResult.of("a", doc, with_posts=False).posts == ()
    assert FileResult.of("a", doc, with_posts=False).post_count == 1
    assert FileResult("a", posts=({"x": 1}, {"y": 2})).post_count == 2


def test_help_wraps_as_argparse_would(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import argparse

    from socialcheck import cli

    monkeypatch.setenv("COLUMNS", "52")
    narrow = run(capsys, "scan", "--help")
    monkeypatch.setattr(cli, "_HelpFormatter", argparse.HelpFormatter)
    assert run(capsys, "scan", "--help") == narrow
    monkeypatch.setenv("COLUMNS", "100")
    assert run(capsys, "scan", "--help") != narrow


def test_a_scan_loads_no_module_it_does_not_need(tmp_path: Path) -> None:
    """shutil (argparse's width) and OpenSSL (hashlib) each cost ~2 ms of every run."""
    path = write(tmp_path / "2026-03-01-story.txt", SIGNED)
    script = (
        "import sys\n"
        "from socialcheck.cli import main\n"
        f"code = main(['scan', '--cache-dir', {str(tmp_path / 'c')!r}, {path!r}])\n"
        "print(code, sorted(m for m in ('shutil', '_hashlib') if m in sys.modules))\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.stdout.splitlines()[-1] == "1 []", done.stderr


# --- jobs, progress ----------------------------------------------------------------------


def test_parallel_scan_matches_serial(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from socialcheck import engine

    for i in range(12):
        write(tmp_path / f"2026-03-01-story-{i:02d}.txt", SIGNED if i % 3 else CLEAN)
    write(tmp_path / "zz-bad.txt", b"\xff\n")
    serial = run(capsys, "scan", "--format", "json", "-j", "1", str(tmp_path))
    monkeypatch.setattr(engine, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(engine, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(engine, "MAX_CHUNK", 2)
    assert engine.worth_a_pool([engine.Task(0, "a", "a", "x")] * 3, 2)
    parallel = run(capsys, "scan", "--format", "json", "-j", "2", str(tmp_path))
    assert parallel == serial
    assert serial[0] == 2
    assert len(json.loads(serial[1])["files"]) == 12
    # The text output is in input order too.
    text_serial = run(capsys, "scan", "-j", "1", str(tmp_path))
    assert run(capsys, "scan", "-j", "3", str(tmp_path)) == text_serial
    # Where fork is not used (macOS, Windows), a process pool gives the same results.
    monkeypatch.setattr(engine._fork, "available", lambda: False)
    assert run(capsys, "scan", "--format", "json", "-j", "2", str(tmp_path)) == serial


def test_take_back_withdraws_the_last_chunk_no_worker_started() -> None:
    from concurrent.futures import Future

    from socialcheck import engine

    started: Future[list[engine.Done]] = Future()
    assert started.set_running_or_notify_cancel()  # a worker runs it: not withdrawable
    waiting: Future[list[engine.Done]] = Future()
    first = [engine.Task(0, "a", "a", "x")]
    queued = [(waiting, first), (started, [engine.Task(1, "b", "b", "y")])]
    assert engine._take_back(queued) == (waiting, first)
    assert waiting.cancelled() and queued == []
    assert engine._take_back(queued) is None


def test_parallel_internal_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from socialcheck import engine

    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(socialcheck, "parse", boom)
    monkeypatch.setattr(engine, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(engine, "PARALLEL_MIN_CHARS", 0)
    for i in range(4):
        write(tmp_path / f"{i}.txt", CLEAN)
    code, out, err = run(capsys, "scan", "-j", "2", str(tmp_path))
    assert (code, out) == (2, "")
    assert err.count("socialcheck: internal error: RuntimeError: boom (while checking") == 4


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from socialcheck import cli

    monkeypatch.setattr(cli, "PROGRESS_AFTER_SECONDS", 0.0)
    for i in range(3):
        write(tmp_path / f"2026-03-01-{i}.txt", SIGNED)
    args = cli.build_parser().parse_args(["scan", "-j", "1", "--no-cache", str(tmp_path)])
    out, err = io.StringIO(), _Terminal()
    assert cli.cmd_scan(args, out, err) == 1
    shown = err.getvalue()
    assert "\r[" in shown and "3/3 files" in shown
    assert shown.endswith("\r\x1b[K")  # cleared at the end
    assert len(out.getvalue().splitlines()) == 3
    # Not a terminal, or --quiet: no bar.
    err2 = io.StringIO()
    assert cli.cmd_scan(args, io.StringIO(), err2) == 1
    assert err2.getvalue() == ""
    quiet = cli.build_parser().parse_args(["scan", "-q", "--no-cache", str(tmp_path)])
    err3 = _Terminal()
    cli.cmd_scan(quiet, io.StringIO(), err3)
    assert err3.getvalue() == ""


# --- cache ----------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write(root / "content" / "2026-03-01-story.txt", SIGNED)
    write(root / "content" / "clean.md", CLEAN)
    return root


def test_cache_skips_unchanged_files(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, repo: Path
) -> None:
    monkeypatch.delenv("SOCIALCHECK_CACHE_DIR", raising=False)
    content = str(repo / "content")
    first = run(capsys, "scan", "--format", "json", "--now", "2026-03-10", content)
    cache = repo / ".socialcheck_cache"
    assert (cache / "results-v1.json").is_file()
    assert (cache / ".gitignore").read_text().endswith("*\n")
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f")

    calls = fake_findings(monkeypatch)  # a cache hit never calls check()
    assert run(capsys, "scan", "--format", "json", "--now", "2026-03-10", content) == first
    assert calls == []
    # A changed file is checked again; the other is not.
    write(repo / "content" / "clean.md", CLEAN + "More.\n")
    run(capsys, "scan", "--now", "2026-03-10", content)
    assert [Path(c["doc"].source).name for c in calls] == ["clean.md"]
    # Other settings, or another day, miss the cache.
    calls.clear()
    run(capsys, "scan", "--now", "2026-03-10", "--stale-days", "3", content)
    assert len(calls) == 2
    calls.clear()
    run(capsys, "scan", "--now", "2026-03-11", content)
    assert len(calls) == 2
    # --no-cache neither reads nor writes it.
    calls.clear()
    run(capsys, "scan", "--now", "2026-03-10", "--no-cache", content)
    assert len(calls) == 2


def test_cache_location(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, repo: Path
) -> None:
    monkeypatch.delenv("SOCIALCHECK_CACHE_DIR", raising=False)
    elsewhere = tmp_path / "elsewhere"
    run(capsys, "scan", "--cache-dir", str(elsewhere), str(repo / "content"))
    assert (elsewhere / "results-v1.json").is_file()
    assert not (repo / ".socialcheck_cache").exists()
    env_dir = tmp_path / "env"
    monkeypatch.setenv("SOCIALCHECK_CACHE_DIR", str(env_dir))
    run(capsys, "scan", str(repo / "content"))
    assert (env_dir / "results-v1.json").is_file()
    monkeypatch.delenv("SOCIALCHECK_CACHE_DIR")
    # No project root (no .git, no config file): nothing is written anywhere.
    loose = tmp_path / "loose"
    write(loose / "a.txt", SIGNED)
    before = set(tmp_path.rglob("*"))
    run(capsys, "scan", str(loose))
    assert set(tmp_path.rglob("*")) == before
    # cache = false in the config turns it off.
    write(repo / ".socialcheck.toml", "cache = false\n")
    run(capsys, "scan", str(repo / "content"))
    assert not (repo / ".socialcheck_cache").exists()


def test_corrupt_cache_is_ignored(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, repo: Path
) -> None:
    monkeypatch.delenv("SOCIALCHECK_CACHE_DIR", raising=False)
    content = str(repo / "content")
    expected = run(capsys, "scan", "--now", "2026-03-10", content)
    cache_file = repo / ".socialcheck_cache" / "results-v1.json"
    data = json.loads(cache_file.read_text())
    for entry in data["entries"].values():
        entry["result"]["items"] = "junk"
    cache_file.write_text(json.dumps(data))
    assert run(capsys, "scan", "--now", "2026-03-10", content) == expected
    cache_file.write_text("{not json")
    assert run(capsys, "scan", "--now", "2026-03-10", content) == expected


# --- globs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.md", "a.md", True),
        ("*.md", "x/y/a.md", True),  # no slash: any name
        ("drafts", "content/drafts/a.md", True),  # a directory above
        ("drafts/", "content/drafts/a.md", True),
        ("content/*.md", "content/a.md", True),
        ("content/*.md", "content/x/a.md", False),  # * stays in one segment
        ("content/**/*.md", "content/a.md", True),  # **/ may match nothing
        ("content/**/*.md", "content/x/y/a.md", True),
        ("content/**", "content/x/y/a.md", True),
        ("/content", "content/a.md", True),
        ("/content", "x/content/a.md", False),
        ("./content/a.md", "content/a.md", True),
        ("a?.md", "ab.md", True),
        ("[!a]*.md", "b.md", True),
        ("[!a]*.md", "a.md", False),
        ("posts/2026-*", "posts/2026-03-01-x.md", True),
    ],
)
def test_glob(pattern: str, path: str, expected: bool) -> None:
    from socialcheck.files import Glob

    assert Glob(pattern).matches(path) is expected


# --- the JSON schema in docs/ ------------------------------------------------------------


def test_json_output_matches_its_documented_schema(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "docs" / "schema" / "scan-v1.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    write(tmp_path / "2026-03-01-story.txt", SIGNED)
    write(tmp_path / "clean.md", CLEAN)
    write(tmp_path / "x" / "2026-03-01-two.txt", SIGNED + "\n" + SIGNED)
    code, out, _ = run(
        capsys, "scan", "--format", "json", "--statistics", "--now", "2026-03-10", str(tmp_path)
    )
    report = json.loads(out)
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(report)]
    assert errors == []
    assert report["summary"]["errors"] >= 3


def test_concurrent_cache_writers_merge(tmp_path: Path) -> None:
    from socialcheck.cache import ResultCache

    first, second = ResultCache(tmp_path, "ns"), ResultCache(tmp_path, "ns")
    first.load()
    second.load()
    first.put("a", {"x": 1})
    second.put("b", {"y": 2})
    first.save()
    second.save()  # the file changed since it was loaded: merged, not overwritten
    again = ResultCache(tmp_path, "ns")
    again.load()
    assert (again.get("a"), again.get("b")) == ({"x": 1}, {"y": 2})
    stale = json.loads((tmp_path / "results-v1.json").read_text())
    stale["entries"]["a"]["day"] = "2000-01-01"
    (tmp_path / "results-v1.json").write_text(json.dumps(stale))
    again.load()
    assert again.get("a") is None  # written on another day
    again.put("c", {})
    again.save()
    assert set(json.loads((tmp_path / "results-v1.json").read_text())["entries"]) == {"b", "c"}


# --- the script entry point (cli.run: main, then os._exit) ------------------------------


def test_script_exits_with_mains_code_and_flushed_output(tmp_path: Path) -> None:
    path = write(tmp_path / "2026-03-01-story.txt", SIGNED)
    proc = subprocess.run(
        [sys.executable, "-m", "socialcheck", "scan", "--no-cache", path],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stdout.startswith(path + ":") and proc.stdout.endswith("\n")
    assert proc.stderr == ""


def test_script_quiet_when_the_reader_closes_the_pipe(tmp_path: Path) -> None:
    for i in range(40):
        write(tmp_path / f"2026-03-01-story-{i:02d}.txt", SIGNED)
    proc = subprocess.Popen(
        [sys.executable, "-m", "socialcheck", "scan", "--no-cache", "-j", "1", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read().decode()
    # 2 when the closed pipe was noticed, 1 when everything fitted in its buffer first.
    assert proc.wait(timeout=60) in (1, 2)
    assert "Traceback" not in err and "Exception ignored" not in err
