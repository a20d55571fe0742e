"""Which of a detector's trigger literals occur in a text, at memory speed.

Every detector names literals at least one of which occurs wherever it finds a post
(`TRIGGERS`; the tests check that this holds on every fixture and corpus case). Most
text holds none of them, so a detector asks first and skips its own scans. Python's
`str.find` and `regex` each take one pass per literal (~0.25 ns a byte); ahocorasick_rs
(Rust's aho-corasick with its SIMD prefilters) finds any of a small set in one pass,
several times faster (docs/architecture.md, "Trigger literals").

The text is encoded to UTF-8 once per `Haystack`; literals are matched as bytes,
which finds the same occurrences as matching the str.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

# Sets of at most this many literals are searched one literal at a time (measured in
# docs/architecture.md: three link shapes together ran 30x slower than each alone).
_ALONE = 3


class _PlainSearch:
    """The same answers with `bytes.find`, one pass per literal: used only where
    ahocorasick_rs cannot be imported (a platform without its wheel), so that parsing
    still works, more slowly."""

    def __init__(self, literals: list[bytes]) -> None:
        self._literals = literals

    def find_matches_as_indexes(self, data: bytes) -> list[tuple[int, int, int]]:
        for i, literal in enumerate(self._literals):
            at = data.find(literal)
            if at >= 0:
                return [(i, at, at + len(literal))]
        return []


def _automaton(literals: tuple[str, ...]) -> Any:
    encoded = [literal.encode("utf-8", "surrogatepass") for literal in literals]
    try:
        # Imported here: `import socialcheck` stays cheap, and only parsing needs it.
        import ahocorasick_rs
    except ImportError:
        return _PlainSearch(encoded)
    return ahocorasick_rs.BytesAhoCorasick(
        encoded,
        # Leftmost matching is what lets the library use its SIMD prefilter; for
        # "does any occur" it finds a match whenever the standard semantics would.
        matchkind=ahocorasick_rs.MatchKind.LeftmostFirst,
    )


class Literals:
    """A detector's trigger literals, with their searchers built on first use."""

    __slots__ = ("_searchers", "items")

    def __init__(self, *items: str) -> None:
        self.items = tuple(dict.fromkeys(item for item in items if item))
        self._searchers: tuple[Any, ...] | None = None

    def __iter__(self) -> Iterator[str]:
        return iter(self.items)

    def __repr__(self) -> str:
        return f"Literals{self.items!r}"

    def searchers(self) -> tuple[Any, ...]:
        if self._searchers is None:
            if len(self.items) <= _ALONE:
                # One literal is found by its rarest bytes (memchr); a few differing
                # ones together often defeat the prefilter, so each is looked for alone.
                self._searchers = tuple(_automaton((item,)) for item in self.items)
            else:
                self._searchers = (_automaton(self.items),)
        return self._searchers


@attrs.frozen
class Haystack:
    """One text, encoded once for every trigger search made on it."""

    text: str
    data: bytes

    @classmethod
    def of(cls, text: str) -> Haystack:
        # surrogatepass: a str decoded with surrogateescape must not make parsing raise.
        return cls(text, text.encode("utf-8", "surrogatepass"))

    def has_any(self, literals: Literals) -> bool:
        """Whether at least one of `literals` occurs in the text."""
        data = self.data
        if not data:
            return False
        for searcher in literals.searchers():  # noqa: SIM110 (no generator: ~20 calls a file)
            if searcher.find_matches_as_indexes(data):
                return True
        return False
