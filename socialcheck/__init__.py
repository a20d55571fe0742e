"""socialcheck: find social-media posts embedded in articles and check them.

    >>> import socialcheck
    >>> doc = socialcheck.parse(text, article_date="2026-03-05")
    >>> findings = socialcheck.check(doc)
    >>> socialcheck.decode_id_time("twitter", "2047647522173104145").time  # the ID's time

Importing this package and parsing never touch the network. The public names are
loaded on first use (PEP 562), so `import socialcheck` and `socialcheck --version`
stay fast; the detectors' patterns compile when `parse` is first touched.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .checks import check
    from .config import Config
    from .model import Document, Finding, Post, Segment
    from .pipeline import parse
    from .platforms.ids import IdTime, decode_id_time
    from .verify import averify, verify

_LAZY = {
    "check": ".checks",
    "Config": ".config",
    "Document": ".model",
    "Finding": ".model",
    "Post": ".model",
    "Segment": ".model",
    "parse": ".pipeline",
    "IdTime": ".platforms.ids",
    "decode_id_time": ".platforms.ids",
    "verify": ".verify",
    "averify": ".verify",
}

__all__ = [
    "Config",
    "Document",
    "Finding",
    "IdTime",
    "Post",
    "Segment",
    "__version__",
    "averify",
    "check",
    "decode_id_time",
    "parse",
    "verify",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'socialcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
