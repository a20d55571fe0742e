"""A persistent cache of platform answers (SQLite), so a second run asks nothing again.

Keys are the lookups' request URLs (endpoint base included, so a mirror or a test
server never shares entries with the real platform); values are small JSON objects.
Each entry has a TTL chosen by the kind of answer (`DEFAULT_TTL`): a post that exists,
a post that is missing, a short link's target, a handle's DID, an archive lookup.
Answers that settled nothing (timeouts, rate limits, errors) are never stored.

The default file is `verify.sqlite3` in the user's cache directory:
`$XDG_CACHE_HOME/socialcheck`, else `~/.cache/socialcheck` (`~/Library/Caches/socialcheck`
on macOS, `%LOCALAPPDATA%\\socialcheck\\Cache` on Windows). A cache that cannot be
opened or written is skipped with a warning; it never stops a run.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import sys
import threading
import time
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
FILE_NAME = "verify.sqlite3"

DAY = 86400.0
DEFAULT_TTL: dict[str, float] = {
    "found": 7 * DAY,  # the post exists: author, text and date as the platform has them
    "missing": 1 * DAY,  # deleted/suspended/protected posts may come back
    "redirect": 30 * DAY,  # t.co and pic.twitter.com targets do not change
    "handle": 1 * DAY,  # handle -> DID (handles move)
    "archive": 7 * DAY,  # Wayback availability
}


def default_cache_dir() -> Path:
    """The user's cache directory for socialcheck (not created here)."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "socialcheck"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "socialcheck"
    if os.name == "nt":
        local = os.environ.get("LOCALAPPDATA")
        if local:
            return Path(local) / "socialcheck" / "Cache"
    return Path.home() / ".cache" / "socialcheck"


def default_cache_path() -> Path:
    return default_cache_dir() / FILE_NAME


class Cache:
    """Key -> JSON value with an expiry time, in one SQLite file."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        ttl: Mapping[str, float] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = Path(path)
        self.ttl = dict(DEFAULT_TTL)
        if ttl:
            unknown = set(ttl) - set(DEFAULT_TTL)
            if unknown:
                raise ValueError(
                    f"unknown cache_ttl kind(s) {sorted(unknown)}; known: {sorted(DEFAULT_TTL)}"
                )
            self.ttl.update({k: float(v) for k, v in ttl.items()})
        self._clock = clock
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(self.path), timeout=5.0, check_same_thread=False)
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None or row[0] != str(SCHEMA_VERSION):
                db.execute("DROP TABLE IF EXISTS entries")
                db.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)",
                    (str(SCHEMA_VERSION),),
                )
            db.execute(
                "CREATE TABLE IF NOT EXISTS entries ("
                "key TEXT PRIMARY KEY, kind TEXT NOT NULL, value TEXT NOT NULL, "
                "stored REAL NOT NULL, expires REAL NOT NULL)"
            )
            db.commit()
            self._db = db
        except (OSError, sqlite3.Error) as exc:
            self._disable(exc)

    def _disable(self, exc: BaseException) -> None:
        warnings.warn(
            f"socialcheck verify: cache {self.path} unusable ({exc}); running without it",
            RuntimeWarning,
            stacklevel=3,
        )
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def get(self, key: str) -> dict[str, Any] | None:
        if self._db is None:
            return None
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT value, expires FROM entries WHERE key = ?", (key,)
                ).fetchone()
        except sqlite3.Error as exc:
            self._disable(exc)
            return None
        if row is None or row[1] <= self._clock():
            return None
        try:
            value = json.loads(row[0])
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def put(self, key: str, kind: str, value: Mapping[str, Any]) -> None:
        ttl = self.ttl.get(kind, 0.0)
        if self._db is None or ttl <= 0:
            return
        now = self._clock()
        try:
            with self._lock:
                self._db.execute(
                    "INSERT OR REPLACE INTO entries (key, kind, value, stored, expires) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (key, kind, json.dumps(dict(value), ensure_ascii=False), now, now + ttl),
                )
                self._db.commit()
        except sqlite3.Error as exc:
            self._disable(exc)

    def purge_expired(self) -> None:
        if self._db is None:
            return
        try:
            with self._lock:
                self._db.execute("DELETE FROM entries WHERE expires <= ?", (self._clock(),))
                self._db.commit()
        except sqlite3.Error as exc:
            self._disable(exc)

    def close(self) -> None:
        if self._db is not None:
            with self._lock:
                self._db.close()
            self._db = None
