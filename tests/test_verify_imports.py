"""Online verification stays opt-in: nothing else imports httpx, and without httpx the
API says how to install it. Each test runs a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "fixtures" / "example-article.txt"
TEXT = "Body words here pic.twitter.com/AbCdEfGhIj \u2014 Jane Doe (@janedoe) March 5, 2026\n"


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_parse_and_check_import_no_httpx() -> None:
    done = run_python(
        f"""
        import sys
        import socialcheck
        doc = socialcheck.parse({TEXT!r})
        socialcheck.check(doc)
        socialcheck.verify  # the name resolves without starting anything
        import socialcheck.verify
        from socialcheck.verify import ENDPOINT_NAMES, VerifyResult
        leaked = sorted(m for m in sys.modules if m.split(".")[0] in ("httpx", "httpcore"))
        print("LEAKED", leaked)
        """
    )
    assert done.returncode == 0, done.stderr
    assert "LEAKED []" in done.stdout


def test_scan_without_online_imports_no_httpx() -> None:
    target = EXAMPLE if EXAMPLE.is_file() else None
    done = run_python(
        f"""
        import sys, tempfile, os
        from socialcheck.cli import main
        path = {str(target)!r} if {target is not None!r} else None
        if path is None:
            fd, path = tempfile.mkstemp(suffix=".txt")
            os.write(fd, {TEXT!r}.encode())
            os.close(fd)
        code = main(["scan", path])
        print("LEAKED", "httpx" in sys.modules, code)
        """
    )
    assert "LEAKED False" in done.stdout, done.stdout + done.stderr


def test_without_httpx_the_api_names_the_extra() -> None:
    done = run_python(
        f"""
        import asyncio, sys

        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "httpx" or name.startswith("httpx."):
                    raise ImportError("No module named 'httpx' (blocked by the test)")
                return None

        for name in [m for m in sys.modules if m.startswith("httpx")]:
            del sys.modules[name]
        sys.meta_path.insert(0, Block())
        import socialcheck
        from socialcheck.verify import MissingExtraError, verify_documents
        doc = socialcheck.parse({TEXT!r})
        for call in (
            lambda: socialcheck.verify(doc, cache=False),
            lambda: asyncio.run(socialcheck.averify(doc, cache=False)),
            lambda: verify_documents([doc], cache=False),
        ):
            try:
                call()
            except ImportError as exc:
                print(type(exc).__name__, isinstance(exc, MissingExtraError), exc)
            else:
                print("NO ERROR")
        """
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 3, done.stdout
    for line in lines:
        assert line.startswith("MissingExtraError True "), line
        assert "pip install 'socialcheck[verify]'" in line
