"""JSON rendering. Both objects carry `"version": 1` (`JSON_VERSION`); fields may be
added within a version, never renamed, removed or given a new meaning.

`scan` object::

    {
      "version": 1,
      "files": [
        {
          "path": "news/2026-03-01-story.md",   # as given / as walked; "<stdin>"
          "article_date": "2026-03-01" | null,
          "article_date_source": "argument" | "header" | "front-matter"
                                 | "html-meta" | "json-ld" | "filename" | null,
          "posts": [Post.to_dict(), ...],        # in text order
          "findings": [Finding.to_dict(), ...]   # in reading order
        }
      ],
      "summary": {"files": n, "posts": n, "errors": n, "warnings": n, "infos": n}
    }

`extract` object (one input)::

    {
      "version": 1,
      "path": ..., "source": ..., "input_kind": "text",
      "article_date": ..., "article_date_source": ...,
      "posts": [Post.to_dict(), ...],
      "segments": [{"kind": "prose" | "post", "start": n, "end": n,
                    "post_index": n | null}, ...],
      "prose": "the reporter's text with every post removed"
    }

Offsets (`span`, `start`, `end`, ...) count Unicode code points in the decoded text
(after a leading BOM is removed); lines and columns are 1-based. Dates are ISO
`YYYY-MM-DD`. `post_index` indexes `posts` (0-based).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..model import Document
from . import JSON_VERSION, FileResult, summarize


def file_object(result: FileResult) -> dict[str, Any]:
    doc = result.document
    return {
        "path": result.path,
        "article_date": doc.article_date.isoformat() if doc.article_date else None,
        "article_date_source": doc.article_date_source,
        "posts": [post.to_dict() for post in doc.posts],
        "findings": [finding.to_dict() for finding in result.findings],
    }


def scan_object(results: Iterable[FileResult]) -> dict[str, Any]:
    """The versioned `scan` report for every checked file."""
    results = list(results)
    return {
        "version": JSON_VERSION,
        "files": [file_object(result) for result in results],
        "summary": summarize(results).to_dict(),
    }


def extract_object(path: str, doc: Document) -> dict[str, Any]:
    """The versioned `extract` object: the document without its full text."""
    return {
        "version": JSON_VERSION,
        "path": path,
        "source": doc.source,
        "input_kind": doc.input_kind,
        "article_date": doc.article_date.isoformat() if doc.article_date else None,
        "article_date_source": doc.article_date_source,
        "posts": [post.to_dict() for post in doc.posts],
        "segments": [
            {"kind": seg.kind, "start": seg.start, "end": seg.end, "post_index": seg.post_index}
            for seg in doc.segments
        ],
        "prose": doc.prose,
    }


def dumps(obj: Any, *, ascii_only: bool = False) -> str:
    """Indented JSON with a final newline; `ascii_only` escapes every non-ASCII character."""
    return json.dumps(obj, indent=2, ensure_ascii=ascii_only) + "\n"


__all__ = ["dumps", "extract_object", "file_object", "scan_object"]
