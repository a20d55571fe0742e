"""`socialcheck scan --online` and `socialcheck verify`, against a fake platform on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from socialcheck.cli import main

try:
    from . import fake_platforms as fp
except ImportError:
    import fake_platforms as fp

WHEN = dt.datetime(2026, 3, 5, 14, 30, tzinfo=dt.timezone.utc)
STATUS = fp.snowflake(WHEN)
ARTICLE = (
    "date 2026-03-05\n\nThe council met on Thursday.\n\n"
    "We are open today! pic.twitter.com/AbCdEfGhIj — Jane Doe (@janedoe) March 5, 2026\n\n"
    f"Source: https://twitter.com/janedoe/status/{STATUS}\n"
)


@pytest.fixture(autouse=True)
def no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    fp.guard_name_lookups(monkeypatch)


@pytest.fixture
def fake() -> Iterator[fp.FakePlatforms]:
    with fp.FakePlatforms() as server:
        yield server


def endpoint_flags(fake: fp.FakePlatforms) -> list[str]:
    return [f"--endpoint={name}={url}" for name, url in fake.endpoints().items() if url]


def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    # The status URL in the prose is not the post's; the pic link resolves to it.
    path.write_text(ARTICLE.replace(f"Source: https://twitter.com/janedoe/status/{STATUS}\n", ""))
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_verify_reports_a_text_mismatch(
    fake: fp.FakePlatforms, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.add_tweet(
        STATUS, "janedoe", "Jane Doe", "We are closed today!", WHEN.date(), ["AbCdEfGhIj"]
    )
    path = article(tmp_path)
    cache = tmp_path / "verdicts.sqlite"
    argv = ["verify", str(path), "--verify-cache", str(cache), "--isolated", *endpoint_flags(fake)]
    code, out, err = run(argv, capsys)
    assert code == 1, err
    assert "SC603" in out and "text-mismatch" in out
    assert f"{path}:5:" in out  # the signature's line... or the body's, both on line 5
    # verify reports only online findings: no offline SC3xx info about the post.
    assert "SC1" not in out and "SC3" not in out
    first = fake.requests
    assert first > 0
    # A second run answers from the verdict cache: no request is sent.
    code, out2, _ = run(argv, capsys)
    assert code == 1 and out2 == out
    assert fake.requests == first


def test_scan_online_adds_verdicts_to_offline_findings(
    fake: fp.FakePlatforms, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.add_tweet(STATUS, "janedoe", "Jane Doe", "We are open today!", WHEN.date(), ["AbCdEfGhIj"])
    path = article(tmp_path)
    argv = [
        "scan", "--online", str(path), "--format", "json", "--isolated",
        "--article-date", "2026-03-01", "--verify-cache", "off", *endpoint_flags(fake),
    ]  # fmt: skip
    code, out, err = run(argv, capsys)
    assert code == 1, err
    codes = [f["code"] for f in json.loads(out)["files"][0]["findings"]]
    assert "SC101" in codes  # offline: dated after the article
    assert not [c for c in codes if c.startswith("SC60") and c != "SC606"]  # it verifies


def test_scan_without_online_sends_nothing(
    fake: fp.FakePlatforms, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = article(tmp_path)
    code, _, err = run(["scan", str(path), "--isolated", *endpoint_flags(fake)], capsys)
    assert code == 0, err
    assert fake.requests == 0


def test_verify_without_httpx_says_how_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Block:
        def find_spec(self, name: str, *args: Any) -> None:
            if name == "httpx" or name.startswith("httpx."):
                raise ImportError("No module named 'httpx'")
            return None

    for name in [m for m in sys.modules if m == "httpx" or m.startswith("httpx.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [Block(), *sys.meta_path])
    code, _, err = run(["verify", str(article(tmp_path)), "--verify-cache", "off"], capsys)
    assert code == 2
    assert "socialcheck[verify]" in err
    assert "Traceback" not in err


def test_bad_endpoint_flag_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["verify", str(article(tmp_path)), "--endpoint", "nonsense"], capsys)
    assert code == 2
    assert "NAME=URL" in err
