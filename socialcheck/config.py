"""Settings that change what the checks report. Files and flags come in a later layer."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from .model import SEVERITIES, Severity


def _non_negative(_inst: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value!r}")


def _severities(_inst: object, _attribute: object, value: Mapping[str, str]) -> None:
    for key, sev in value.items():
        if sev not in SEVERITIES:
            raise ValueError(f"severity for {key!r} must be one of {SEVERITIES}, got {sev!r}")


@attrs.frozen
class Config:
    """Check settings.

    `date_slack_days`: X embeds print the post's UTC date, which may be a day after
    the article's local date; a post this many days after the article is accepted.
    `stale_days`: a post older than this, against the article's date, is reported as
    possibly recycled. `disable`: codes or names of checks to skip. `severity`:
    code or name -> "error" | "warning" | "info".
    """

    date_slack_days: int = attrs.field(default=1, validator=_non_negative)
    stale_days: int = attrs.field(default=30, validator=_non_negative)
    disable: frozenset[str] = attrs.field(default=frozenset(), converter=frozenset)
    severity: Mapping[str, Severity] = attrs.field(factory=dict, validator=_severities)
