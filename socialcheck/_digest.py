"""BLAKE2b for fingerprints and cache keys, without loading OpenSSL.

`hashlib` imports `_hashlib` (OpenSSL, about 2 ms of every run that fingerprints a
finding); its `blake2b` is the built-in `_blake2` module's in any case.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b

__all__ = ["blake2b"]
