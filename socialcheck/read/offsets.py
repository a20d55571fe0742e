"""Maps offsets in a derived text (HTML's visible text) back to the original input."""

from __future__ import annotations

import bisect

import attrs


@attrs.frozen
class OffsetMap:
    """Piecewise map from derived offsets to raw offsets.

    Each run says: derived[d : d + n] came from raw[r : r + m]. Plain text runs have
    n == m; a decoded entity has n == 1 and m == len("&amp;"); an inserted line break
    for a block tag has n == 1 and m == 0 (it stands at the tag).
    """

    derived_starts: tuple[int, ...]
    raw_starts: tuple[int, ...]
    derived_lengths: tuple[int, ...]
    raw_lengths: tuple[int, ...]
    raw_total: int

    def _run(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.derived_starts, pos) - 1)

    def start(self, pos: int) -> int:
        """Raw offset where the derived character at `pos` begins."""
        if not self.derived_starts:
            return 0
        i = self._run(pos)
        offset = pos - self.derived_starts[i]
        if offset >= self.derived_lengths[i]:
            return self.raw_starts[i] + self.raw_lengths[i]
        if self.derived_lengths[i] == self.raw_lengths[i]:
            return self.raw_starts[i] + offset
        return self.raw_starts[i]

    def end(self, pos: int) -> int:
        """Raw offset just past the derived character at `pos - 1` (span ends)."""
        if pos <= 0 or not self.derived_starts:
            return 0 if pos <= 0 else self.raw_total
        i = self._run(pos - 1)
        offset = pos - self.derived_starts[i]
        if self.derived_lengths[i] == self.raw_lengths[i]:
            return self.raw_starts[i] + min(offset, self.raw_lengths[i])
        return self.raw_starts[i] + self.raw_lengths[i]

    def derived(self, raw_pos: int) -> int:
        """The first derived offset whose character starts at or after `raw_pos`."""
        i = bisect.bisect_right(self.raw_starts, raw_pos) - 1
        if i < 0:
            return 0
        into = raw_pos - self.raw_starts[i]
        if into == 0:
            # Zero-width runs (inserted breaks) share a raw start with what follows.
            while i > 0 and self.raw_starts[i - 1] == raw_pos:
                i -= 1
            return self.derived_starts[i]
        if into < self.raw_lengths[i] and self.raw_lengths[i] == self.derived_lengths[i]:
            return self.derived_starts[i] + into
        return self.derived_starts[i] + self.derived_lengths[i]

    def span(self, span: tuple[int, int]) -> tuple[int, int]:
        start = self.start(span[0])
        return start, max(start, self.end(span[1]))


class OffsetMapBuilder:
    """Collects runs while a derived text is built left to right."""

    def __init__(self) -> None:
        self._d: list[int] = []
        self._r: list[int] = []
        self._dn: list[int] = []
        self._rn: list[int] = []
        self.length = 0

    def add(self, raw_start: int, raw_length: int, derived_length: int) -> None:
        if derived_length <= 0:
            return
        if (
            self._d
            and raw_length == derived_length
            and self._rn[-1] == self._dn[-1]
            and self._r[-1] + self._rn[-1] == raw_start
        ):
            # Extend the previous plain run instead of starting a new one.
            self._dn[-1] += derived_length
            self._rn[-1] += raw_length
        else:
            self._d.append(self.length)
            self._r.append(raw_start)
            self._dn.append(derived_length)
            self._rn.append(raw_length)
        self.length += derived_length

    def build(self, raw_total: int) -> OffsetMap:
        return OffsetMap(
            tuple(self._d), tuple(self._r), tuple(self._dn), tuple(self._rn), raw_total
        )
