"""SARIF 2.1.0 output, for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

One run; `tool.driver.rules` lists every check (id = code, name, descriptions and
help from the check's docstring, default level); each result has its rule, level,
message, one physical location (region with 1-based lines, columns counted in Unicode
code points, the character offset and length, and a snippet) and a partial
fingerprint (`socialcheck/v1`) that does not change when lines move. Findings
silenced by a socialcheck comment are kept with `suppressions: [{"kind": "inSource"}]`;
findings listed in a --baseline file are left out. Relative paths are given against
`%SRCROOT%`, the directory socialcheck ran in. Files that could not be read are
`toolExecutionNotifications` of the invocation.

The tests validate this output against the official OASIS schema.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import attrs

from .._version import __version__
from . import FileResult, Item

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
CATEGORIES = {
    "1": "dates",
    "2": "identity",
    "3": "content",
    "4": "links",
    "5": "forensics",
}
FINGERPRINT_KEY = "socialcheck/v1"


@attrs.frozen
class Notification:
    """Something about the run itself: a file that could not be read, or was skipped."""

    level: str  # "error" | "warning" | "note"
    message: str
    path: str | None = None


def artifact_uri(path: str) -> tuple[str, str | None]:
    """(uri, uriBaseId) for a path as shown: relative paths against %SRCROOT%."""
    if path.startswith("<") and path.endswith(">"):
        return quote(path.strip("<>"), safe=""), None
    if os.path.isabs(path):
        return Path(path).as_uri(), None
    posix = os.path.normpath(path).replace(os.sep, "/")
    return quote(posix, safe="/-._~!$&'()*+,;=@"), SRCROOT


def _doc_parts(cls: type) -> tuple[str, str]:
    doc = inspect.getdoc(cls) or ""
    paragraphs = [p.strip() for p in doc.split("\n\n") if p.strip()]
    short = " ".join(paragraphs[0].split()) if paragraphs else cls.__name__
    full = "\n\n".join(" ".join(p.split()) for p in paragraphs) or short
    return short, full


def rule_object(cls: Any) -> dict[str, Any]:
    short, full = _doc_parts(cls)
    level = LEVELS.get(cls.severity, "warning")
    category = CATEGORIES.get(cls.code[2:3], "other")
    help_text = (
        f"{full}\n\nDefault severity: {cls.severity}. Silence one post with "
        f"<!-- socialcheck: ignore {cls.code} --> before it, or disable the check with "
        f'disable = ["{cls.code}"] in the socialcheck config.'
    )
    help_md = (
        f"**{cls.code} `{cls.name}`** (default severity: {cls.severity})\n\n{full}\n\n"
        f"Silence one post with `<!-- socialcheck: ignore {cls.code} -->` before it, "
        f'or disable the check with `disable = ["{cls.code}"]` in the socialcheck config.'
    )
    return {
        "id": cls.code,
        "name": cls.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["socialcheck", category], "category": category},
    }


def _result(path: str, item: Item, rule_index: dict[str, int]) -> dict[str, Any]:
    finding = item.finding
    uri, base = artifact_uri(path)
    location: dict[str, Any] = {"uri": uri}
    if base:
        location["uriBaseId"] = base
    region: dict[str, Any] = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": item.end_line,
        "endColumn": max(item.end_column, finding.column if item.end_line == finding.line else 1),
        "charOffset": finding.span[0],
        "charLength": max(0, finding.span[1] - finding.span[0]),
    }
    if item.snippet:
        region["snippet"] = {"text": item.snippet}
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: item.fingerprint},
    }
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    if finding.post_index is not None:
        result["properties"] = {"postIndex": finding.post_index}
    if item.suppressed:
        result["suppressions"] = [{"kind": "inSource"}]
    return result


def sarif_log(
    results: Iterable[FileResult],
    *,
    notifications: Sequence[Notification] = (),
    exit_code: int | None = None,
    cwd: str | None = None,
) -> dict[str, Any]:
    """The SARIF log of a scan."""
    from ..checks import CHECKS

    rules = [rule_object(cls) for cls in CHECKS]
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    sarif_results = [
        _result(result.path, item, rule_index)
        for result in results
        for item in result.items
        if not item.baselined
    ]
    invocation: dict[str, Any] = {
        "executionSuccessful": not any(n.level == "error" for n in notifications),
    }
    if exit_code is not None:
        invocation["exitCode"] = exit_code
    if notifications:
        invocation["toolExecutionNotifications"] = [_notification(n) for n in notifications]
    root = Path(cwd or os.getcwd()).as_uri().rstrip("/") + "/"
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "socialcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": root}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
        "invocations": [invocation],
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _notification(note: Notification) -> dict[str, Any]:
    obj: dict[str, Any] = {"level": note.level, "message": {"text": note.message}}
    if note.path is not None:
        uri, base = artifact_uri(note.path)
        location: dict[str, Any] = {"uri": uri}
        if base:
            location["uriBaseId"] = base
        obj["locations"] = [{"physicalLocation": {"artifactLocation": location}}]
    return obj


__all__ = [
    "SARIF_SCHEMA",
    "SARIF_VERSION",
    "Notification",
    "artifact_uri",
    "rule_object",
    "sarif_log",
]
