"""Patterns compiled on first use.

The detectors hold dozens of patterns; compiling them all costs tens of milliseconds
at the first parse, though most texts never reach most of them (their literal gates
fail first). A `LazyPattern` compiles when first used and behaves as the pattern.
"""

from __future__ import annotations

from typing import Any

import regex

# The compiled pattern's methods, copied onto the instance at compilation: later calls
# find them as plain attributes instead of going through `__getattr__`.
_FORWARDED = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    __slots__ = ("_compiled", "_flags", "_kwargs", "_source", *_FORWARDED)

    def __init__(self, source: str, flags: int = 0, **kwargs: Any) -> None:
        self._source = source
        self._flags = flags
        self._kwargs = kwargs
        self._compiled: Any = None

    def _get(self) -> Any:
        if self._compiled is None:
            compiled = regex.compile(self._source, self._flags, **self._kwargs)
            for name in _FORWARDED:
                setattr(self, name, getattr(compiled, name))
            self._compiled = compiled
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self._get(), name)


def lazy_compile(source: str, flags: int = 0, **kwargs: Any) -> Any:
    """`regex.compile`, deferred until the pattern is first used."""
    return LazyPattern(source, flags, **kwargs)
