"""`check()`: run every enabled check over a Document and return sorted Findings."""

from __future__ import annotations

import datetime as _dt
import functools

from ..config import Config
from ..model import Document, Finding, Severity
from ._base import Check, Context, LineIndex, finding_order
from ._registry import CHECKS


def _utc_today(now: _dt.datetime | None) -> _dt.date:
    if now is None:
        return _dt.datetime.now(_dt.timezone.utc).date()
    if not isinstance(now, _dt.datetime):
        raise TypeError(f"now must be a datetime, not {type(now).__name__}")
    if now.tzinfo is None:
        return now.date()  # naive means UTC already
    return now.astimezone(_dt.timezone.utc).date()


def _enabled(cls: type[Check], disabled: frozenset[str]) -> bool:
    return cls.code.lower() not in disabled and cls.name.lower() not in disabled


def _severity(cls: type[Check], overrides: dict[str, Severity]) -> Severity:
    # A code entry wins over a name entry when a config names the same check twice.
    for key in (cls.code.lower(), cls.name.lower()):
        if key in overrides:
            return overrides[key]
    return cls.severity


@functools.lru_cache(maxsize=16)
def _plan(
    disable: frozenset[str], severity: tuple[tuple[str, Severity], ...]
) -> tuple[tuple[type[Check], Check, Severity], ...]:
    """The enabled checks, each with its severity: the same for every file of a run."""
    disabled = frozenset(key.lower() for key in disable)
    overrides = {key.lower(): sev for key, sev in severity}
    return tuple(
        (cls, cls(), _severity(cls, overrides)) for cls in CHECKS if _enabled(cls, disabled)
    )


def _one_line(text: str) -> str:
    # Values are quoted with repr(), but a message must never break a line report.
    return text.replace("\r", "\\r").replace("\n", "\\n")


def check(
    doc: Document, *, now: _dt.datetime | None = None, config: Config | None = None
) -> list[Finding]:
    """Run every enabled check over `doc`; findings sorted by span start, then code.

    `now` (default: the current time) decides what "in the future" means; a naive
    `now` is taken as UTC and only its UTC calendar date is used. Never touches the
    network.
    """
    config = config if config is not None else Config()
    ctx = Context(doc=doc, config=config, today=_utc_today(now), lines=LineIndex.of(doc.text))
    findings: list[Finding] = []
    for cls, check_, severity in _plan(config.disable, tuple(sorted(config.severity.items()))):
        for hit in check_.find(ctx):
            line, column = ctx.lines.position(hit.span[0])
            findings.append(
                Finding(
                    code=cls.code,
                    name=cls.name,
                    severity=severity,
                    message=_one_line(cls.message.format(**hit.args)),
                    span=hit.span,
                    line=line,
                    column=column,
                    post_index=hit.post_index,
                )
            )
    findings.sort(key=finding_order)
    return findings
