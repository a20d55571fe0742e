"""Detectors: each finds the posts of one embed form; `detect_posts` runs them all.

Text detectors read the text a person sees (for HTML, the visible text) and their
offsets are mapped back to the input; source detectors read the input itself
(markup, shortcodes). Where two detectors claim the same place, the one listed
first wins: markup knows more than the text it renders to.

Each text is encoded once into a `Haystack`; every detector first asks it whether
any of its trigger literals occur, and most texts let most detectors stop there.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

from .._literals import Haystack
from ..model import Post
from ..read import Source
from . import footers, html_embeds, markers, scraped, shortcodes, unsigned
from ._claimed import NOTHING, Claimed
from ._mapping import mapped_post

TextDetector = Callable[[str, int, Haystack, Claimed], list[Post]]
SourceDetector = Callable[[Source, Haystack], list[Post]]

SOURCE_DETECTORS: tuple[SourceDetector, ...] = (shortcodes.detect, html_embeds.detect)

TEXT_DETECTORS: tuple[TextDetector, ...] = (
    markers.detect,
    scraped.detect,
    footers.detect,
    unsigned.detect,
)


def _in_masked(post: Post, masked: Sequence[tuple[int, int]], starts: Sequence[int]) -> bool:
    at = (post.signature_span or post.span)[0]
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and at < masked[i][1]


def _merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _resolve(ranked: Sequence[Post]) -> tuple[Post, ...]:
    """Keep posts in rank order unless they overlap one already kept; return in text order."""
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Post] = []
    for post in ranked:
        start, end = post.span
        i = bisect.bisect_left(starts, start)
        if i > 0 and ends[i - 1] > start:
            continue
        if i < len(starts) and starts[i] < end:
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        kept.insert(i, post)
    return tuple(kept)


def _claimed_in_scan(src: Source, posts: Sequence[Post]) -> Claimed:
    """The markup posts' spans, in the coordinates of the text the text detectors read."""
    if not posts:
        return NOTHING
    if src.scan_map is None:
        return Claimed.of(p.span for p in posts)
    derived = src.scan_map.derived
    return Claimed.of((derived(p.span[0]), derived(p.span[1])) for p in posts)


def detect_posts(src: Source) -> tuple[Post, ...]:
    """Every post found in the input, in text order, with no two overlapping."""
    raw = src.hay
    marked: list[Post] = []
    for source_detector in SOURCE_DETECTORS:
        marked.extend(source_detector(src, raw))
    masks = _Masks(src)
    # Claimed: the markup posts that survive (not masked, not beaten by an earlier
    # one); a text post overlapping one of them would lose to it.
    claimed = _claimed_in_scan(src, _resolve(masks.drop(marked)))
    scan = raw if src.scan_text is src.text else Haystack.of(src.scan_text)
    ranked = marked
    for text_detector in TEXT_DETECTORS:
        found = text_detector(src.scan_text, src.scan_floor, scan, claimed)
        if src.scan_map is not None:
            found = [mapped_post(p, src.scan_map) for p in found]
        ranked.extend(found)
    return _resolve(masks.drop(ranked))


class _Masks:
    """The input's masked spans, found on the first post there is to drop."""

    def __init__(self, src: Source) -> None:
        self._src = src
        self._spans: list[tuple[int, int]] | None = None
        self._starts: list[int] = []

    def drop(self, posts: Sequence[Post]) -> list[Post]:
        if not posts:
            return []
        if self._spans is None:
            self._spans = _merged(self._src.masked())
            self._starts = [a for a, _ in self._spans]
        if not self._spans:
            return list(posts)
        return [p for p in posts if not _in_masked(p, self._spans, self._starts)]
