"""The result cache: a file whose content, settings and day are unchanged is not parsed again.

A file's key hashes its bytes, its base name (an article date can come from it, and
its extension picks the input kind) and the run's "namespace": socialcheck's version
plus the size and mtime of every file of the installed package (so an edited checkout
never serves stale results), the check settings, the options that change parsing, and
the UTC date of "today" (SC103 compares post dates with it). A value is the file's
result in JSON (never pickle: a cache file in a repository must not be able to run
code). Entries written on an earlier day are dropped when the cache is saved.

The cache lives in `.socialcheck_cache/` in the project root (the config file's
directory, else the nearest directory holding `.git`), or where `--cache-dir`,
`cache-dir` or `SOCIALCHECK_CACHE_DIR` say; without a project root and without those,
nothing is cached. The directory holds a `.gitignore` (`*`) and a `CACHEDIR.TAG`.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
from pathlib import Path
from typing import Any

from ._digest import blake2b
from ._version import __version__

CACHE_DIRNAME = ".socialcheck_cache"
CACHE_FORMAT = 2  # 2: entries count their posts, whose fields a run may leave out
ENV_DIR = "SOCIALCHECK_CACHE_DIR"
_FILE = "results-v1.json"
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by socialcheck.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)

_code_digest: str | None = None


def code_digest() -> str:
    """A digest of socialcheck's version and the size and mtime of its installed files."""
    global _code_digest
    if _code_digest is None:
        package = Path(__file__).resolve().parent
        digest = blake2b(digest_size=16)
        digest.update(f"{__version__}\0{CACHE_FORMAT}\0".encode())
        for directory, dirs, files in os.walk(package):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".pyc", ".pyo")):
                    continue
                full = os.path.join(directory, name)
                with contextlib.suppress(OSError):
                    st = os.stat(full)
                    rel = os.path.relpath(full, package)
                    digest.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
        _code_digest = digest.hexdigest()
    return _code_digest


def cache_directory(
    explicit: str | os.PathLike[str] | None, root: Path | None, configured: Path | None
) -> Path | None:
    """Where the cache lives: the flag, else $SOCIALCHECK_CACHE_DIR, else the config's
    `cache-dir`, else `<project root>/.socialcheck_cache`; None: no cache."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    if configured is not None:
        return configured
    if root is not None:
        return root / CACHE_DIRNAME
    return None


class ResultCache:
    """Entries `key -> result (JSON)`; load once, `get`/`put`, `save` once."""

    def __init__(self, directory: Path, namespace: str) -> None:
        self.directory = directory
        self.namespace = namespace
        self.file = directory / _FILE
        self.entries: dict[str, Any] = {}
        self.added: dict[str, Any] = {}
        self.today = _dt.datetime.now(_dt.timezone.utc).date().isoformat()
        self.loaded_stamp: tuple[int, int] | None = None

    def key(self, name: str, data: bytes) -> str:
        digest = blake2b(digest_size=20)
        digest.update(self.namespace.encode())
        digest.update(b"\0")
        digest.update(name.encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _read(self) -> dict[str, Any]:
        try:
            with open(self.file, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
            return {}
        entries = data.get("entries")
        return entries if isinstance(entries, dict) else {}

    def _stamp(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.file)
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def load(self) -> None:
        self.loaded_stamp = self._stamp()
        self.entries = self._read()

    def get(self, key: str) -> Any:
        entry = self.entries.get(key)
        if isinstance(entry, dict) and entry.get("day") == self.today:
            return entry.get("result")
        return None

    def put(self, key: str, result: Any) -> None:
        self.added[key] = {"day": self.today, "result": result}

    def save(self) -> None:
        """Merge new entries into the file (atomically); errors are ignored: it is a cache."""
        if not self.added:
            return
        with contextlib.suppress(OSError):
            self._prepare()
            # Another run (pre-commit runs several at once) may have written the file
            # since it was loaded: merge with what is there now.
            stamp = self._stamp()
            current = self.entries if stamp == self.loaded_stamp else self._read()
            merged = {k: v for k, v in current.items() if _fresh(v, self.today)}
            merged.update(self.added)
            # json.dumps, not json.dump: only the one-shot encoder is the C one; ASCII
            # escapes encode a quarter faster than UTF-8 text, and nobody reads this file.
            text = json.dumps({"format": CACHE_FORMAT, "entries": merged}, separators=(",", ":"))
            tmp = self.file.with_name(f"{_FILE}.{os.getpid()}.tmp")
            with open(tmp, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, self.file)
            self.entries = merged
            self.loaded_stamp = self._stamp()
            self.added = {}

    def _prepare(self) -> None:
        if self.directory.is_dir():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / ".gitignore").write_text(
            "# Created by socialcheck: this directory is a cache.\n*\n", encoding="utf-8"
        )
        (self.directory / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")


def _fresh(entry: Any, today: str) -> bool:
    return isinstance(entry, dict) and entry.get("day") == today


__all__ = ["CACHE_DIRNAME", "ENV_DIR", "ResultCache", "cache_directory", "code_digest"]
