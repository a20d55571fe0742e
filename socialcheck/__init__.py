"""socialcheck: find social-media posts embedded in articles and check them.

    >>> import socialcheck
    >>> doc = socialcheck.parse(text, article_date="2026-03-05")
    >>> findings = socialcheck.check(doc)
    >>> socialcheck.decode_id_time("twitter", "2047647522173104145").time  # the ID's time

Importing this package and parsing never touch the network.
"""

from ._version import __version__
from .checks import check
from .config import Config
from .model import Document, Finding, Post, Segment
from .pipeline import parse
from .platforms.ids import IdTime, decode_id_time

__all__ = [
    "Config",
    "Document",
    "Finding",
    "IdTime",
    "Post",
    "Segment",
    "__version__",
    "check",
    "decode_id_time",
    "parse",
]
