"""`--format sarif`: SARIF 2.1.0 validated against the official OASIS schema (tests/data)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from socialcheck.checks import CHECKS
from socialcheck.cli import main
from socialcheck.report.sarif import SARIF_SCHEMA, artifact_uri

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
SIGNED = (
    "Officials said the plan was final.\n"
    "\n"
    "Body words here pic.twitter.com/AbCdEfGhIj \u2014 Jane Doe (@janedoe) March 5, 2026\n"
    "\n"
    "More prose follows.\n"
)
SUPPRESSED = "<!-- socialcheck: ignore SC101 -- checked with the desk -->\n" + SIGNED


def validate(log: dict[str, Any]) -> None:
    validator = jsonschema.Draft4Validator(
        SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def sarif(
    capsys: pytest.CaptureFixture[str], *argv: str, code: int | None = None
) -> dict[str, Any]:
    status = main(["scan", "--format", "sarif", "--isolated", "--no-cache", *argv])
    out, _ = capsys.readouterr()
    if code is not None:
        assert status == code
    log: dict[str, Any] = json.loads(out)
    return log


def test_schema_file_is_the_official_one() -> None:
    assert SCHEMA["id"] == SARIF_SCHEMA
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


def test_log_validates_and_describes_every_rule(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "2026-03-01-story.md").write_text(SIGNED, encoding="utf-8")
    (tmp_path / "content" / "2026-03-01-quiet.md").write_text(SUPPRESSED, encoding="utf-8")
    (tmp_path / "content" / "bad.txt").write_bytes(b"\xff\xfe")
    log = sarif(capsys, "--now", "2026-03-10", "content", code=2)
    validate(log)
    assert log["version"] == "2.1.0"
    assert log["$schema"] == SARIF_SCHEMA
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "socialcheck"
    assert [rule["id"] for rule in driver["rules"]] == [cls.code for cls in CHECKS]
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert run["columnKind"] == "unicodeCodePoints"

    by_file = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r
        for r in run["results"]
        if r["ruleId"] == "SC101"
    }
    loud = by_file["content/2026-03-01-story.md"]
    quiet = by_file["content/2026-03-01-quiet.md"]
    assert "suppressions" not in loud
    assert quiet["suppressions"] == [{"kind": "inSource"}]
    assert loud["level"] == "error"
    assert driver["rules"][loud["ruleIndex"]]["id"] == "SC101"
    location = loud["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    region = location["region"]
    assert region["startLine"] == 3
    assert region["endLine"] == 3
    assert region["startColumn"] < region["endColumn"]
    line = SIGNED.splitlines()[2]
    assert region["snippet"]["text"] == line[region["startColumn"] - 1 : region["endColumn"] - 1]
    assert (
        SIGNED[region["charOffset"] : region["charOffset"] + region["charLength"]]
        == (region["snippet"]["text"])
    )
    # The fingerprint ignores the line: the same post one line lower has the same one.
    assert loud["partialFingerprints"]["socialcheck/v1"]
    assert quiet["partialFingerprints"] == loud["partialFingerprints"]
    # The unreadable file is a notification of an unsuccessful invocation.
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "not valid UTF-8" in note["message"]["text"]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file://")


def test_severity_override_sets_the_level(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "2026-03-01-story.md"
    path.write_text(SIGNED, encoding="utf-8")
    log = sarif(capsys, "--severity", "SC101=info", "--now", "2026-03-10", str(path), code=0)
    validate(log)
    [run] = log["runs"]
    [result] = [r for r in run["results"] if r["ruleId"] == "SC101"]
    assert result["level"] == "note"
    # Absolute paths are file URIs.
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == path.as_uri()


def test_empty_run_validates(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    log = sarif(capsys, str(tmp_path), code=0)
    validate(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_stdin_and_odd_paths_make_valid_uris(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import io
    import sys

    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(("date 2026-03-01\n" + SIGNED).encode()))
    )
    log = sarif(capsys, "--now", "2026-03-10", "-", code=1)
    validate(log)
    assert artifact_uri("<stdin>") == ("stdin", None)
    assert artifact_uri("a dir/b#c.md") == ("a%20dir/b%23c.md", "%SRCROOT%")
    assert artifact_uri("x:y.md")[0] == "x%3Ay.md"  # not a scheme
