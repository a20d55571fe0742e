"""Stub: the offline checkers and `check()` land here."""

from __future__ import annotations

import datetime as _dt

from ..config import Config
from ..model import Document, Finding


def check(
    doc: Document, *, now: _dt.datetime | None = None, config: Config | None = None
) -> list[Finding]:
    return []
