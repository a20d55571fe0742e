"""Config files: discovery, every key, strict errors, flags over the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from socialcheck.cli import main
from socialcheck.config import (
    DATE_SOURCES,
    KEYS,
    Config,
    ConfigError,
    ProjectConfig,
    discover,
    find_config_file,
    load_config,
    resolve_checks,
)

SIGNED = (
    "Officials said the plan was final.\n"
    "\n"
    "Body words here pic.twitter.com/AbCdEfGhIj \u2014 Jane Doe (@janedoe) March 5, 2026\n"
    "\n"
    "More prose follows.\n"
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def scan(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["scan", "--no-cache", "--now", "2026-03-10", *argv])
    out, err = capsys.readouterr()
    return code, out, err


# --- discovery -------------------------------------------------------------------------


def test_found_by_walking_up(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.socialcheck]\nstale-days = 9\n")
    deep = tmp_path / "content" / "posts"
    deep.mkdir(parents=True)
    assert find_config_file(deep) == tmp_path / "pyproject.toml"
    assert find_config_file(deep / "a.md") == tmp_path / "pyproject.toml"
    config = discover([str(deep)])
    assert config.stale_days == 9
    assert config.root == tmp_path


def test_pyproject_without_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / ".socialcheck.toml", "stale-days = 3\n")
    write(tmp_path / "site" / "pyproject.toml", "[tool.black]\nline-length = 80\n")
    assert find_config_file(tmp_path / "site") == tmp_path / ".socialcheck.toml"


def test_dotfile_wins_in_the_same_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.socialcheck]\nstale-days = 9\n")
    write(tmp_path / ".socialcheck.toml", "stale-days = 3\n")
    assert discover([str(tmp_path)]).stale_days == 3


def test_nearest_wins(tmp_path: Path) -> None:
    write(tmp_path / ".socialcheck.toml", "stale-days = 3\n")
    write(tmp_path / "blog" / "pyproject.toml", "[tool.socialcheck]\nstale-days = 4\n")
    assert discover([str(tmp_path / "blog" / "x.md")]).stale_days == 4
    # Several paths: their common directory.
    assert discover([str(tmp_path / "blog"), str(tmp_path / "news")]).stale_days == 3


def test_no_file_means_defaults_and_a_git_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "content").mkdir()
    config = discover([str(tmp_path / "content")])
    assert config.path is None
    assert config.root == tmp_path
    assert config.check_config() == Config()


# --- every key ----------------------------------------------------------------------


FULL = """\
[tool.socialcheck]
enable = ["SC1", "invalid-handle"]
disable = ["undated-post"]
stale-days = 60
date_slack_days = 2
include = ["content/**/*.md"]
exclude = ["content/drafts/"]
article-date-sources = ["filename", "front-matter"]
fail-on = "warning"
cache = false
cache-dir = "build/cache"

[tool.socialcheck.severity]
SC102 = "error"
"post-in-future" = "info"
"""


def test_every_key(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "pyproject.toml", FULL))
    assert config.enable == frozenset({"SC101", "SC102", "SC103", "SC104", "SC105", "SC201"})
    assert config.disable == frozenset({"SC104"})
    assert config.severity == {"SC102": "error", "SC103": "info"}
    assert (config.stale_days, config.date_slack_days) == (60, 2)
    assert config.include == ("content/**/*.md",)
    assert config.exclude == ("content/drafts/",)
    assert config.article_date_sources == ("filename", "front-matter")
    assert config.fail_on == "warning"
    assert config.cache is False
    assert config.cache_dir == tmp_path / "build" / "cache"
    checks = config.check_config()
    from socialcheck.checks import CHECKS

    running = {cls.code for cls in CHECKS} - checks.disable
    assert running == {"SC101", "SC102", "SC103", "SC105", "SC201"}
    assert (checks.stale_days, checks.date_slack_days) == (60, 2)
    assert checks.severity == {"SC102": "error", "SC103": "info"}


def test_every_key_is_documented() -> None:
    docs = (Path(__file__).resolve().parent.parent / "docs" / "config.md").read_text()
    for key in KEYS:
        assert f"`{key}`" in docs, key


def test_flags_override_the_file(tmp_path: Path) -> None:
    dotfile = FULL.split("\n", 1)[1].replace("[tool.socialcheck.severity]", "[severity]")
    config = load_config(write(tmp_path / ".socialcheck.toml", dotfile))
    checks = config.check_config(
        enable=["undated-post", "SC401"],
        disable=["SC101"],
        severity={"stale-post": "info"},
        stale_days=5,
        date_slack_days=0,
    )
    from socialcheck.checks import CHECKS

    running = {cls.code for cls in CHECKS} - checks.disable
    # --enable brings back a disabled check and adds to the file's enable list;
    # --disable wins.
    assert running == {"SC102", "SC103", "SC104", "SC105", "SC201", "SC401"}
    assert checks.severity["SC102"] == "info"
    assert (checks.stale_days, checks.date_slack_days) == (5, 0)


def test_resolve_checks() -> None:
    assert resolve_checks(["sc101", "Stale-Post", "SC5"], "x") >= {"SC101", "SC102", "SC501"}
    assert resolve_checks(["SC101, SC102"], "x") == {"SC101", "SC102"}
    with pytest.raises(ConfigError, match=r"--disable: unknown check 'SC1O1' \(did you mean"):
        resolve_checks(["SC1O1"], "--disable")
    with pytest.raises(ConfigError, match="unknown check 'SC9'"):
        resolve_checks(["SC9"], "x")


# --- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "key", "expected"),
    [
        ("stale-days = 'ten'", "stale-days", "expected a non-negative integer (days), got 'ten'"),
        ("stale-days = -1", "stale-days", "expected a non-negative integer"),
        ("stale-days = true", "stale-days", "got True (boolean)"),
        ("date-slack-days = 1.5", "date-slack-days", "got 1.5 (float)"),
        ("enable = 'SC101'", "enable", "expected an array of check codes or names"),
        ("disable = ['SC999']", "disable", "unknown check 'SC999'"),
        ("severity = 'error'", "severity", "expected a table"),
        ("severity = { SC101 = 'fatal' }", "severity.SC101", 'one of "error"'),
        ("severity = { nope = 'error' }", "severity.nope", "unknown check 'nope'"),
        ("include = ['']", "include", "expected an array of glob patterns"),
        ("exclude = 'drafts'", "exclude", "got 'drafts' (string)"),
        ("article-date-sources = ['meta']", "article-date-sources", 'among "header"'),
        ("fail-on = 'critical'", "fail-on", 'one of "error", "warning", "info", "never"'),
        ("cache = 'no'", "cache", "expected a boolean"),
        ("cache-dir = 3", "cache-dir", "expected a directory path"),
        ("stale_days = 1\nstale-days = 2", "stale-days", "given twice"),
    ],
)
def test_bad_values_name_file_key_and_type(
    tmp_path: Path, body: str, key: str, expected: str
) -> None:
    path = write(tmp_path / "pyproject.toml", f"[tool.socialcheck]\n{body}\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(f"{path}: [tool.socialcheck] {key}: "), message
    assert expected in message


def test_unknown_key(tmp_path: Path) -> None:
    path = write(tmp_path / ".socialcheck.toml", "stale-day = 3\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(f"{path}: stale-day: unknown key (did you mean 'stale-days'?)")
    assert "known keys: enable, disable" in message


def test_invalid_toml(tmp_path: Path) -> None:
    path = write(tmp_path / ".socialcheck.toml", "stale-days = = 3\n")
    with pytest.raises(ConfigError, match=r"invalid TOML"):
        load_config(path)


def test_cli_reports_a_bad_config_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "pyproject.toml", "[tool.socialcheck]\nstale-days = 'x'\n")
    article = write(tmp_path / "a.md", "text\n")
    code, out, err = scan(capsys, str(article))
    assert (code, out) == (2, "")
    assert err == (
        f"socialcheck: error: {tmp_path / 'pyproject.toml'}: [tool.socialcheck] stale-days: "
        "expected a non-negative integer (days), got 'x' (string)\n"
    )


def test_cli_unknown_check_flag_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    article = write(tmp_path / "a.md", "text\n")
    code, _, err = scan(capsys, "--isolated", "--disable", "nope", str(article))
    assert code == 2
    assert "--disable: unknown check 'nope'" in err


# --- the settings reach the scan ------------------------------------------------------


def test_config_drives_a_scan(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    article = write(tmp_path / "content" / "2026-03-01-story.md", SIGNED)
    code, out, _ = scan(capsys, str(tmp_path / "content"))
    assert code == 1 and "SC101" in out
    write(tmp_path / ".socialcheck.toml", "date-slack-days = 4\n")
    assert scan(capsys, str(tmp_path / "content")) == (0, "", "")
    # A flag overrides the file.
    code, out, _ = scan(capsys, "--date-slack-days", "1", str(article))
    assert code == 1 and "SC101" in out
    # --config names the file; --isolated ignores it.
    other = write(tmp_path / "strict.toml", 'severity = { SC101 = "warning" }\n')
    code, out, _ = scan(capsys, "--config", str(other), str(article))
    assert code == 0 and "SC101 warning" in out
    code, out, _ = scan(capsys, "--isolated", str(article))
    assert code == 1 and "SC101 error" in out


def test_fail_on_from_config(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / ".socialcheck.toml", 'fail-on = "never"\n')
    article = write(tmp_path / "2026-03-01-story.md", SIGNED)
    code, out, _ = scan(capsys, str(article))
    assert code == 0 and "SC101" in out
    assert scan(capsys, "--fail-on", "error", str(article))[0] == 1


def test_config_globs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[tool.socialcheck]\ninclude = ["content/**/*.md"]\nexclude = ["drafts"]\n',
    )
    for rel in ["content/a.md", "content/x/b.md", "content/drafts/c.md", "content/d.txt", "e.md"]:
        write(tmp_path / rel, "text\n")
    code, out, _ = scan(capsys, "--format", "json", str(tmp_path))
    assert code == 0
    paths = [Path(f["path"]).relative_to(tmp_path).as_posix() for f in json.loads(out)["files"]]
    assert paths == ["content/a.md", "content/x/b.md"]
    # Named files are filtered too with --force-exclude (the pre-commit hook's flag).
    named = [str(tmp_path / "content/drafts/c.md"), str(tmp_path / "e.md")]
    code, out, _ = scan(capsys, "--format", "json", *named)
    assert len(json.loads(out)["files"]) == 2
    code, out, _ = scan(capsys, "--format", "json", "--force-exclude", *named)
    assert json.loads(out)["files"] == []


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        (None, ("2026-03-02", "front-matter")),
        (["filename"], ("2026-03-01", "filename")),
        (["filename", "front-matter"], ("2026-03-01", "filename")),
        (["front-matter", "filename"], ("2026-03-02", "front-matter")),
        (["header"], (None, None)),
        ([], (None, None)),
    ],
)
def test_article_date_sources(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    sources: list[str] | None,
    expected: tuple[Any, Any],
) -> None:
    if sources is not None:
        write(tmp_path / ".socialcheck.toml", f"article-date-sources = {json.dumps(sources)}\n")
    article = write(tmp_path / "2026-03-01-story.md", "---\ndate: 2026-03-02\n---\n\nText.\n")
    code, out, _ = scan(capsys, "--format", "json", str(article))
    [only] = json.loads(out)["files"]
    assert (only["article_date"], only["article_date_source"]) == expected
    # --article-date always wins.
    code, out, _ = scan(capsys, "--format", "json", "--article-date", "2026-01-01", str(article))
    [only] = json.loads(out)["files"]
    assert (only["article_date"], only["article_date_source"]) == ("2026-01-01", "argument")


def test_defaults_match_config_defaults() -> None:
    project = ProjectConfig()
    assert project.article_date_sources == DATE_SOURCES
    assert project.check_config() == Config()
