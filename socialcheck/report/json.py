"""JSON rendering. Both objects carry `"version": 1` (`JSON_VERSION`); fields may be
added within a version, never renamed, removed or given a new meaning. The `scan`
object is described by the JSON Schema in docs/schema/scan-v1.schema.json and in
docs/output-formats.md.

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
          "findings": [                          # in reading order, reported ones only
            {Finding.to_dict(), "end_line": n, "end_column": n, "fingerprint": "..."}
          ],
          "suppressed": n,                       # silenced by socialcheck comments
          "baselined": n                         # listed in the --baseline file
        }
      ],
      "summary": {"files": n, "posts": n, "errors": n, "warnings": n, "infos": n,
                  "suppressed": n, "baselined": n},
      "statistics": [{"code": ..., "name": ..., "severity": ..., "count": n}]
                                                 # only with --statistics
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
(after a leading BOM is removed); lines and columns are 1-based and count code points;
`end_column` is exclusive (one past the last character). Dates are ISO `YYYY-MM-DD`.
`post_index` indexes `posts` (0-based).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..model import Document
from . import JSON_VERSION, FileResult, Item, statistics, summarize


def finding_object(item: Item) -> dict[str, Any]:
    obj = item.finding.to_dict()
    obj["end_line"] = item.end_line
    obj["end_column"] = item.end_column
    obj["fingerprint"] = item.fingerprint
    return obj


def file_object(result: FileResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "article_date": result.article_date.isoformat() if result.article_date else None,
        "article_date_source": result.article_date_source,
        "posts": [dict(post) for post in result.posts],
        "findings": [finding_object(item) for item in result.reported],
        "suppressed": result.suppressed,
        "baselined": result.baselined,
    }


def scan_object(results: Iterable[FileResult], *, with_statistics: bool = False) -> dict[str, Any]:
    """The versioned `scan` report for every checked file."""
    results = list(results)
    obj: dict[str, Any] = {
        "version": JSON_VERSION,
        "files": [file_object(result) for result in results],
        "summary": summarize(results).to_dict(),
    }
    if with_statistics:
        obj["statistics"] = [
            {"code": code, "name": name, "severity": severity, "count": count}
            for code, name, severity, count in statistics(results)
        ]
    return obj


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


__all__ = ["dumps", "extract_object", "file_object", "finding_object", "scan_object"]
