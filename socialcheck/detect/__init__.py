"""Detectors: each finds candidate posts of one embed form; `detect_posts` runs them all."""

from __future__ import annotations

from ..model import Post
from . import scraped

# Order matters only for overlaps: an earlier detector's post wins.
DETECTORS = (scraped.detect,)


def detect_posts(text: str) -> tuple[Post, ...]:
    """Every post found in `text`, sorted by position, with no two overlapping."""
    found: list[Post] = []
    for detector in DETECTORS:
        found.extend(detector(text))
    found.sort(key=lambda p: (p.span[0], -p.span[1]))
    kept: list[Post] = []
    for post in found:
        if kept and post.span[0] < kept[-1].span[1]:
            continue
        kept.append(post)
    return tuple(kept)
