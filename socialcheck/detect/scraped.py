"""Stub: replaced by the real scraped-signature detector."""

from __future__ import annotations

from ..model import Post


def detect(text: str) -> list[Post]:
    return []
