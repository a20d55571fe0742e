"""socialcheck: find social-media posts embedded in articles and check them.

    >>> import socialcheck
    >>> doc = socialcheck.parse(text, article_date="2026-03-05")
    >>> findings = socialcheck.check(doc)

Importing this package and parsing never touch the network.
"""

from ._version import __version__
from .checks import check
from .config import Config
from .model import Document, Finding, Post, Segment
from .pipeline import parse

__all__ = [
    "Config",
    "Document",
    "Finding",
    "Post",
    "Segment",
    "__version__",
    "check",
    "parse",
]
