"""Offline checks over a parsed Document, in the style of pyflakes messages.

Each check is a small class with a stable code ("SC101"), a kebab-case name, a
default severity, a message template and a docstring; `CHECKS` lists them all and
`rule()` finds one by code or name. `check()` runs them and returns Findings;
rendering them is the reporters' job. See docs/checks.md for every code.
"""

from __future__ import annotations

from ._base import Check, Context, Hit, LineIndex
from ._registry import CHECKS, rule
from ._runner import check

__all__ = ["CHECKS", "Check", "Context", "Hit", "LineIndex", "check", "rule"]
