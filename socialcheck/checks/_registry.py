"""The list of checks, and lookup by code or name for reporters and config."""

from __future__ import annotations

from ._base import Check
from .content import CONTENT_CHECKS
from .dates import DATE_CHECKS
from .forensics import FORENSIC_CHECKS
from .identity import IDENTITY_CHECKS
from .links import LINK_CHECKS

CHECKS: tuple[type[Check], ...] = (
    DATE_CHECKS + IDENTITY_CHECKS + CONTENT_CHECKS + LINK_CHECKS + FORENSIC_CHECKS
)

# Codes and names share one namespace; keys are lower-case so "sc101" also works.
_BY_KEY: dict[str, type[Check]] = {
    key.lower(): cls for cls in CHECKS for key in (cls.code, cls.name)
}


def rule(code_or_name: str) -> type[Check]:
    """The check class for a code ("SC101") or name ("post-after-article").

    Case-insensitive; raises KeyError for an unknown code or name.
    """
    try:
        return _BY_KEY[code_or_name.strip().lower()]
    except KeyError:
        raise KeyError(f"unknown check {code_or_name!r}") from None
