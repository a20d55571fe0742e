"""Finding fingerprints and baseline files: report only the findings that are new.

A fingerprint identifies a finding without its line or column, so that it survives
edits elsewhere in the file: it hashes the check's code, the text the finding points
at (whitespace collapsed) and how many identical findings came before it in the file.

A baseline file (`socialcheck scan --write-baseline FILE`) lists every current
finding's path (relative to the baseline file's directory, with `/`), code and
fingerprint, sorted, as versioned JSON; `--baseline FILE` then drops the findings it
lists (each entry matches once) and reports the rest. Line and message are kept in
the file for people only.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from ._digest import blake2b
from .model import Finding

BASELINE_VERSION = 1
FINGERPRINT_VERSION = "v1"


class BaselineError(Exception):
    """A baseline file cannot be read or is not one."""


def _normalised(text: str) -> str:
    return " ".join(text.split())


def finding_text(text: str, finding: Finding) -> str:
    """The text a finding points at (its line when the span is empty)."""
    start, end = finding.span
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    if end > start and text[start:end].strip():
        return text[start:end]
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return text[line_start : len(text) if line_end < 0 else line_end]


def fingerprints(text: str, findings: Sequence[Finding]) -> tuple[str, ...]:
    """One fingerprint per finding, in order; identical ones are numbered."""
    seen: Counter[tuple[str, str]] = Counter()
    out: list[str] = []
    for finding in findings:
        key = (finding.code, _normalised(finding_text(text, finding)))
        occurrence = seen[key]
        seen[key] += 1
        digest = blake2b(digest_size=12)
        digest.update(f"{FINGERPRINT_VERSION}\0{key[0]}\0{occurrence}\0".encode())
        digest.update(key[1].encode("utf-8", "surrogatepass"))
        out.append(digest.hexdigest())
    return tuple(out)


def baseline_path(shown: str, base_dir: str) -> str:
    """The path as a baseline stores it: relative to `base_dir`, with `/`."""
    if shown.startswith("<") and shown.endswith(">"):
        return shown
    try:
        rel = os.path.relpath(os.path.abspath(shown), base_dir)
    except ValueError:
        rel = os.path.abspath(shown)
    return rel.replace(os.sep, "/")


class Baseline:
    """The findings listed in a baseline file, each matching once."""

    def __init__(self, entries: Iterable[tuple[str, str, str]], base_dir: str) -> None:
        self.remaining: Counter[tuple[str, str, str]] = Counter(entries)
        self.base_dir = base_dir

    @classmethod
    def load(cls, path: str) -> Baseline:
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise BaselineError(
                f"{path}: not a socialcheck baseline (invalid JSON: {exc})"
            ) from None
        if (
            not isinstance(data, dict)
            or data.get("tool") != "socialcheck"
            or not isinstance(data.get("findings"), list)
        ):
            raise BaselineError(f"{path}: not a socialcheck baseline")
        if data.get("version") != BASELINE_VERSION:
            raise BaselineError(
                f"{path}: baseline version {data.get('version')!r} is not supported "
                f"(expected {BASELINE_VERSION}); write it again with --write-baseline"
            )
        entries = []
        for item in data["findings"]:
            if not isinstance(item, dict) or not all(
                isinstance(item.get(k), str) for k in ("path", "code", "fingerprint")
            ):
                raise BaselineError(f"{path}: not a socialcheck baseline (bad entry {item!r})")
            entries.append((item["path"], item["code"], item["fingerprint"]))
        return cls(entries, os.path.dirname(os.path.abspath(path)))

    def take(self, shown: str, code: str, fingerprint: str) -> bool:
        """True (and the entry is used up) when the baseline lists this finding."""
        key = (baseline_path(shown, self.base_dir), code, fingerprint)
        if self.remaining[key] > 0:
            self.remaining[key] -= 1
            return True
        return False


def baseline_object(
    items: Iterable[tuple[str, Finding, str]], baseline_file: str
) -> dict[str, Any]:
    """The JSON object of a baseline for `(shown path, finding, fingerprint)` items."""
    base_dir = os.path.dirname(os.path.abspath(baseline_file))
    rows = [
        {
            "path": baseline_path(shown, base_dir),
            "code": finding.code,
            "fingerprint": fingerprint,
            "line": finding.line,
            "message": finding.message,
        }
        for shown, finding, fingerprint in items
    ]
    rows.sort(key=lambda r: (r["path"], r["line"], r["code"], r["fingerprint"]))
    return {"version": BASELINE_VERSION, "tool": "socialcheck", "findings": rows}


def write_baseline(items: Iterable[tuple[str, Finding, str]], path: str) -> int:
    """Write the baseline file (atomically); returns the number of findings."""
    obj = baseline_object(items, path)
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")
    os.replace(tmp, path)
    return len(obj["findings"])


__all__ = [
    "BASELINE_VERSION",
    "Baseline",
    "BaselineError",
    "baseline_object",
    "baseline_path",
    "finding_text",
    "fingerprints",
    "write_baseline",
]
