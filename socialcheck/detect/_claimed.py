"""Spans of the scanned text that markup detectors already hold.

A text detector's post that overlaps one of them would lose to the markup's post in
`detect_posts` (earlier detectors win), so the text detectors skip building it, and
the scraped detector does not even read the signatures inside one (an X embed's
visible text holds one). One rule rests on them too: no scraped body reaches back
into a markup post, so a post written right after an embed starts after it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import attrs

Span = tuple[int, int]


@attrs.frozen
class Claimed:
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()

    @classmethod
    def of(cls, spans: Iterable[Span]) -> Claimed:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return cls(tuple(s for s, _ in merged), tuple(e for _, e in merged))

    def holder_end(self, pos: int) -> int | None:
        """The end of the claimed span holding `pos`, else None."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.ends[i] if i >= 0 and self.ends[i] > pos else None

    def end_before(self, pos: int) -> int:
        """The end of the last claimed span that starts at or before `pos` (0: none)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.ends[i] if i >= 0 else 0

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a claimed span."""
        i = bisect.bisect_right(self.starts, start) - 1
        if i >= 0 and self.ends[i] > start:
            return True
        return i + 1 < len(self.starts) and self.starts[i + 1] < end


NOTHING = Claimed()
