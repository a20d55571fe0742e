"""The pre-commit hook, for real: `pre-commit try-repo` and `pre-commit run` on a git repo.

A copy of this project (its package, pyproject.toml, README and .pre-commit-hooks.yaml)
is committed to a temporary git repository, so the test sees the working tree as it
is, committed or not. pre-commit then builds the hook's virtualenv the way a user's
machine does (pip installs socialcheck and its dependencies from the configured package
index; about 10 s the first time, then reused), and runs the hook on a temporary
content repository. PRE_COMMIT_HOME, virtualenv's app data and the XDG cache are kept
in temporary directories, never under HOME.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DASH = "\u2014"

pytest.importorskip("pre_commit")
if shutil.which("git") is None:  # pragma: no cover
    pytest.skip("git is not installed", allow_module_level=True)

BAD = (
    "---\n"
    'title: "Bridge"\n'
    "date: 2026-03-01\n"
    "---\n"
    "\n"
    "Officials said the plan was final.\n"
    "\n"
    f"Body words here pic.twitter.com/AbCdEfGhIj {DASH} Jane Doe (@janedoe) March 5, 2026\n"
    "\n"
    "More prose.\n"
)
CLEAN = '---\ntitle: "Clean"\ndate: 2026-03-06\n---\n\nNothing embedded here.\n'


def _env(base: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        PRE_COMMIT_HOME=str(base / "pre-commit-home"),
        VIRTUALENV_OVERRIDE_APP_DATA=str(base / "virtualenv-data"),
        XDG_CACHE_HOME=str(base / "xdg-cache"),
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
        NO_COLOR="1",
    )
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    proc = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True, timeout=60
    )
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("precommit")


@pytest.fixture(scope="module")
def hook_repo(base: Path) -> tuple[Path, str]:
    """A git repository holding this project as it is now; returns (path, commit)."""
    env = _env(base)
    repo = base / "socialcheck-hook"
    repo.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, repo / name)
    shutil.copytree(
        ROOT / "socialcheck",
        repo / "socialcheck",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "-m", "hook")
    return repo, _git(repo, env, "rev-parse", "HEAD")


@pytest.fixture
def site(base: Path, tmp_path: Path) -> Path:
    """A content repository with a bad article, a clean one and a non-content file."""
    env = _env(base)
    root = tmp_path / "site"
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "bad.md").write_text(BAD, encoding="utf-8")
    (posts / "clean.md").write_text(CLEAN, encoding="utf-8")
    # Not a content type: the hook's types_or keeps it out even though it would fail.
    (root / "notes.py").write_text(f"# {BAD.splitlines()[7]}\n", encoding="utf-8")
    _git(root, env, "init", "-q")
    _git(root, env, "add", "-A")
    return root


def pre_commit(cwd: Path, base: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=_env(base),
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_hook_definition() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "socialcheck"
    assert hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["socialcheck", "scan"]
    assert {"markdown", "html", "plain-text"} <= set(hook["types_or"])


def test_try_repo_fails_on_a_bad_article(
    site: Path, base: Path, hook_repo: tuple[Path, str]
) -> None:
    repo, _ = hook_repo
    proc = pre_commit(site, base, "try-repo", str(repo), "socialcheck", "--all-files")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "Failed" in output
    assert "- exit code: 1" in output
    # file:line:col and the message; the front matter date is the article's date.
    assert (
        "content/posts/bad.md:8:44: SC101 error post-after-article: post dated 2026-03-05 "
        "is 4 days after the article date 2026-03-01"
    ) in output
    assert "clean.md" not in output
    assert "notes.py" not in output


def test_try_repo_passes_a_clean_article(
    site: Path, base: Path, hook_repo: tuple[Path, str]
) -> None:
    repo, _ = hook_repo
    proc = pre_commit(
        site, base, "try-repo", str(repo), "socialcheck", "--files", "content/posts/clean.md"
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "socialcheck" in output and "Passed" in output


def test_run_with_a_config_file_and_a_suppression(
    site: Path, base: Path, hook_repo: tuple[Path, str]
) -> None:
    """`pre-commit run` from .pre-commit-config.yaml; the project's config is honoured."""
    repo, rev = hook_repo
    config = {"repos": [{"repo": str(repo), "rev": rev, "hooks": [{"id": "socialcheck"}]}]}
    (site / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = _env(base)
    _git(site, env, "add", "-A")
    proc = pre_commit(site, base, "run", "--all-files")
    assert proc.returncode == 1, proc.stdout + proc.stderr

    # An inline suppression silences the post...
    bad = site / "content" / "posts" / "bad.md"
    lines = BAD.splitlines(keepends=True)
    lines.insert(7, "<!-- socialcheck: ignore SC101 -- the desk checked it -->\n")
    bad.write_text("".join(lines), encoding="utf-8")
    _git(site, env, "add", "-A")
    proc = pre_commit(site, base, "run", "--all-files")
    assert proc.returncode == 0, proc.stdout + proc.stderr

    # ...and the config file's exclude globs apply to the files pre-commit passes.
    bad.write_text(BAD, encoding="utf-8")
    (site / "pyproject.toml").write_text(
        '[tool.socialcheck]\nexclude = ["content/posts/bad.md"]\n', encoding="utf-8"
    )
    _git(site, env, "add", "-A")
    proc = pre_commit(site, base, "run", "--all-files")
    assert proc.returncode == 0, proc.stdout + proc.stderr

    # A broken config is an error that names the file and the key (exit 2).
    (site / "pyproject.toml").write_text(
        '[tool.socialcheck]\nstale-days = "ten"\n', encoding="utf-8"
    )
    _git(site, env, "add", "-A")
    proc = pre_commit(site, base, "run", "--all-files")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output  # pre-commit reports any failing hook as 1
    assert "- exit code: 2" in output
    assert (
        "pyproject.toml: [tool.socialcheck] stale-days: expected a non-negative integer" in output
    )
