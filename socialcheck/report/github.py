"""GitHub Actions workflow commands: one annotation per finding.

    ::error file=content/a.md,line=3,endLine=3,col=5,endColumn=41,title=SC101 post-after-article::\
post dated 2026-03-05 is 4 days after the article date 2026-03-01

Severities map to the annotation levels `error`, `warning` and `notice` (for info).
Values are escaped as the Actions toolkit does (`%`, CR and LF in the message; also
`:` and `,` in properties), so no text from an article can start another command.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding
from . import FileResult, Item

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, item: Item) -> str:
    finding: Finding = item.finding
    level = LEVELS.get(finding.severity, "error")
    props = [
        ("file", path),
        ("line", str(finding.line)),
        ("endLine", str(item.end_line)),
        ("col", str(finding.column)),
        ("endColumn", str(item.end_column)),
        ("title", f"{finding.code} {finding.name}"),
    ]
    if item.end_line != finding.line:
        # Columns only make sense on a one-line range.
        props = [(k, v) for k, v in props if k not in ("col", "endColumn")]
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{level} {rendered}::{escape_data(finding.message)}"


def annotation_lines(result: FileResult) -> Iterator[str]:
    path = result.path.replace("\\", "/")
    for item in result.reported:
        yield annotation(path, item)


__all__ = ["LEVELS", "annotation", "annotation_lines", "escape_data", "escape_property"]
