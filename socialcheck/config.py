"""Settings: `Config` (what the checks read) and `ProjectConfig` (a project's config file).

`Config` is what `socialcheck.check()` takes: the checks read `date_slack_days`,
`stale_days`, `disable` and `severity`.

`ProjectConfig` is what the command line reads from a project: `[tool.socialcheck]`
in `pyproject.toml` or the top level of `.socialcheck.toml`, found by walking up from
the scanned path (`find_config_file`) and validated strictly (`load_config`): an
unknown key or a value of the wrong type raises `ConfigError`, whose message names the
file, the key and what was expected. Every key is listed in `KEYS` and documented in
docs/config.md.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeGuard

import attrs

from ._digest import blake2b
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


# --- project config files --------------------------------------------------------------

PYPROJECT = "pyproject.toml"
DOTFILE = ".socialcheck.toml"
# In one directory the dedicated file wins over pyproject.toml.
CONFIG_NAMES = (DOTFILE, PYPROJECT)

# Where an article's date may come from, in the order `parse` tries them.
DATE_SOURCES = ("header", "front-matter", "html-meta", "json-ld", "filename")
FAIL_ON = ("error", "warning", "info", "never")


class ConfigError(Exception):
    """A config file (or a flag that names checks) is not valid; the message says why."""


@attrs.frozen
class ProjectConfig:
    """A project's settings, as read from its config file (all keys optional).

    `path` is the file read (None: defaults, no file); `root` is the directory that
    relative globs and the cache directory are taken from (the config file's
    directory, else the nearest directory holding `.git`, else None).
    `enable` is None when every check is enabled; otherwise the set of codes to run.
    `disable` holds codes. Globs keep their text.
    """

    path: Path | None = None
    root: Path | None = None
    enable: frozenset[str] | None = None
    disable: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = attrs.field(factory=dict)
    stale_days: int | None = None
    date_slack_days: int | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    article_date_sources: tuple[str, ...] = DATE_SOURCES
    fail_on: str | None = None
    cache: bool = True
    cache_dir: Path | None = None

    def check_config(
        self,
        *,
        enable: Iterable[str] = (),
        disable: Iterable[str] = (),
        severity: Mapping[str, Severity] | None = None,
        stale_days: int | None = None,
        date_slack_days: int | None = None,
    ) -> Config:
        """The `Config` for `check()`: this file's settings with flags on top.

        A flag's `enable` makes a check run even if the file disables it (or leaves it
        out of its `enable` list); a flag's `disable` always wins. Flags' severities
        replace the file's for the same check; numbers given as flags replace the file's.
        Names are resolved to codes (`resolve_checks`); `ConfigError` for unknown ones.
        """
        days = (
            date_slack_days
            if date_slack_days is not None
            else self.date_slack_days
            if self.date_slack_days is not None
            else Config().date_slack_days
        )
        stale = (
            stale_days
            if stale_days is not None
            else self.stale_days
            if self.stale_days is not None
            else Config().stale_days
        )
        enable, disable = list(enable), list(disable)
        if self.enable is None and not (self.disable or enable or disable or severity):
            # Nothing to resolve: no need to import the checks.
            return Config(date_slack_days=days, stale_days=stale, severity=dict(self.severity))
        from .checks import CHECKS

        every = {cls.code for cls in CHECKS}
        flag_enable = resolve_checks(enable, "--enable")
        flag_disable = resolve_checks(disable, "--disable")
        running = set(every if self.enable is None else self.enable | flag_enable)
        running -= self.disable - flag_enable
        running -= flag_disable
        severities: dict[str, Severity] = dict(self.severity)
        for key, value in (severity or {}).items():
            for code in resolve_checks([key], "--severity"):
                severities[code] = value
        disabled: Any = frozenset(every - running)
        return Config(date_slack_days=days, stale_days=stale, disable=disabled, severity=severities)


_CODE_PREFIX = re.compile(r"(?i)SC\d{1,3}")


def resolve_checks(keys: Iterable[str], where: str) -> frozenset[str]:
    """Codes of the checks named by `keys`: codes, names or code prefixes ("SC5").

    Case-insensitive; a comma-separated string names several. `ConfigError` (naming
    `where`) for a name that matches no check.
    """
    from .checks import CHECKS
    from .verify._models import RULES as ONLINE_RULES

    # Offline checks and online verification findings share one namespace of codes.
    rules = [(cls.code, cls.name) for cls in CHECKS] + [(r.code, r.name) for r in ONLINE_RULES]
    by_key = {key.lower(): code for code, name in rules for key in (code, name)}
    codes: set[str] = set()
    for value in keys:
        for part in value.split(","):
            key = part.strip()
            if not key:
                continue
            if key.lower() in by_key:
                codes.add(by_key[key.lower()])
                continue
            if _CODE_PREFIX.fullmatch(key):
                matched = {code for code, _ in rules if code.upper().startswith(key.upper())}
                if matched:
                    codes |= matched
                    continue
            known = [code for code, _ in rules] + [name for _, name in rules]
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{where}: unknown check {key!r}{hint}")
    return frozenset(codes)


# --- reading a file ---------------------------------------------------------------------


def _load_toml(data: bytes) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    document: dict[str, Any] = tomllib.loads(data.decode("utf-8"))
    return document


def _is_str_list(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _describe(value: object) -> str:
    kind = {
        bool: "boolean",
        int: "integer",
        float: "float",
        str: "string",
        list: "array",
        dict: "table",
    }.get(type(value), type(value).__name__)
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{shown} ({kind})"


class _Reader:
    """Validates one table of settings; every error names the file and the key."""

    def __init__(self, path: Path, table_name: str | None) -> None:
        self.path = path
        self.table_name = table_name

    def where(self, key: str) -> str:
        table = f"[{self.table_name}] " if self.table_name else ""
        return f"{self.path}: {table}{key}"

    def fail(self, key: str, expected: str, value: object) -> ConfigError:
        return ConfigError(f"{self.where(key)}: expected {expected}, got {_describe(value)}")

    def days(self, key: str, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(key, "a non-negative integer (days)", value)
        return value

    def checks(self, key: str, value: object) -> frozenset[str]:
        if not _is_str_list(value):
            raise self.fail(key, "an array of check codes or names (strings)", value)
        try:
            return resolve_checks(value, self.where(key))
        except ConfigError as exc:
            raise ConfigError(str(exc)) from None

    def severity(self, key: str, value: object) -> dict[str, Severity]:
        if not isinstance(value, dict):
            raise self.fail(
                key, 'a table of check code or name = "error" | "warning" | "info"', value
            )
        out: dict[str, Severity] = {}
        for name, sev in value.items():
            sub = f"{key}.{name}"
            if sev not in SEVERITIES:
                raise self.fail(sub, 'one of "error", "warning", "info"', sev)
            for code in resolve_checks([name], self.where(sub)):
                out[code] = sev
        return out

    def globs(self, key: str, value: object) -> tuple[str, ...]:
        if not _is_str_list(value) or any(not item.strip() for item in value):
            raise self.fail(key, "an array of glob patterns (non-empty strings)", value)
        return tuple(value)

    def date_sources(self, key: str, value: object) -> tuple[str, ...]:
        if not _is_str_list(value) or any(item not in DATE_SOURCES for item in value):
            names = ", ".join(f'"{name}"' for name in DATE_SOURCES)
            raise self.fail(key, f"an array of article-date sources among {names}", value)
        return tuple(dict.fromkeys(value))

    def fail_on(self, key: str, value: object) -> str:
        if value not in FAIL_ON:
            raise self.fail(key, 'one of "error", "warning", "info", "never"', value)
        return str(value)

    def boolean(self, key: str, value: object) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, "a boolean (true or false)", value)
        return value

    def directory(self, key: str, value: object) -> Path:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "a directory path (string)", value)
        path = Path(os.path.expanduser(value))
        return path if path.is_absolute() else self.path.parent / path


# key -> (ProjectConfig field, reader method)
KEYS: dict[str, tuple[str, Callable[[_Reader, str, object], object]]] = {
    "enable": ("enable", _Reader.checks),
    "disable": ("disable", _Reader.checks),
    "severity": ("severity", _Reader.severity),
    "stale-days": ("stale_days", _Reader.days),
    "date-slack-days": ("date_slack_days", _Reader.days),
    "include": ("include", _Reader.globs),
    "exclude": ("exclude", _Reader.globs),
    "article-date-sources": ("article_date_sources", _Reader.date_sources),
    "fail-on": ("fail_on", _Reader.fail_on),
    "cache": ("cache", _Reader.boolean),
    "cache-dir": ("cache_dir", _Reader.directory),
}


def parse_config(
    table: Mapping[str, Any], path: Path, table_name: str | None = None
) -> ProjectConfig:
    """Validate one settings table read from `path` (keys may use - or _)."""
    reader = _Reader(path, table_name)
    values: dict[str, Any] = {}
    seen: dict[str, str] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        if key not in KEYS:
            close = difflib.get_close_matches(key, list(KEYS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            known = ", ".join(KEYS)
            raise ConfigError(f"{reader.where(raw_key)}: unknown key{hint}; known keys: {known}")
        if key in seen:
            raise ConfigError(f"{reader.where(raw_key)}: given twice (also as {seen[key]!r})")
        seen[key] = raw_key
        field, read = KEYS[key]
        values[field] = read(reader, raw_key, value)
    return ProjectConfig(path=path, root=path.parent, **values)


def load_config(path: str | os.PathLike[str]) -> ProjectConfig:
    """Read and validate a config file; `ConfigError` if it cannot be read or is invalid.

    For `pyproject.toml` the settings are the `[tool.socialcheck]` table (missing: all
    defaults); any other file holds them at its top level.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read config file: {exc.strerror or exc}") from None
    try:
        document = _load_toml(data)
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{file}: not valid UTF-8 at byte {exc.start}") from None
    except ValueError as exc:  # tomllib.TOMLDecodeError is a ValueError
        raise ConfigError(f"{file}: invalid TOML: {exc}") from None
    if file.name == PYPROJECT:
        tool = document.get("tool", {})
        table = tool.get("socialcheck", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise ConfigError(f"{file}: [tool.socialcheck] must be a table")
        return parse_config(table, file, "tool.socialcheck")
    return parse_config(document, file)


def _has_tool_table(path: Path) -> bool:
    try:
        data = path.read_bytes()
    except OSError:
        return False
    # Cheap test first: most pyproject.toml files have no such table.
    if b"socialcheck" not in data:
        return False
    try:
        tool = _load_toml(data).get("tool")
    except (ValueError, UnicodeDecodeError):
        return True  # let load_config report the error
    return isinstance(tool, dict) and "socialcheck" in tool


def find_config_file(start: str | os.PathLike[str]) -> Path | None:
    """The nearest config file at or above `start` (a file or a directory), or None.

    `.socialcheck.toml` wins over `pyproject.toml` in the same directory; a
    `pyproject.toml` counts only when it has a `[tool.socialcheck]` table.
    """
    here = Path(os.path.abspath(start))
    if not here.is_dir():
        here = here.parent
    for directory in (here, *here.parents):
        dotfile = directory / DOTFILE
        if dotfile.is_file():
            return dotfile
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def find_project_root(start: str | os.PathLike[str]) -> Path | None:
    """The nearest directory at or above `start` that holds `.git`, or None."""
    here = Path(os.path.abspath(start))
    if not here.is_dir():
        here = here.parent
    for directory in (here, *here.parents):
        if (directory / ".git").exists():
            return directory
    return None


def discover(paths: Iterable[str]) -> ProjectConfig:
    """The config for a run over `paths`: found from their common directory up.

    Standard input ("-") and an empty list search from the current directory.
    """
    start = common_start(paths)
    found = find_config_file(start)
    if found is not None:
        return load_config(found)
    return ProjectConfig(root=find_project_root(start))


def common_start(paths: Iterable[str]) -> str:
    dirs = []
    for path in paths:
        if path == "-":
            dirs.append(os.getcwd())
            continue
        full = os.path.abspath(path)
        dirs.append(full if os.path.isdir(full) else os.path.dirname(full))
    if not dirs:
        return os.getcwd()
    try:
        return os.path.commonpath(dirs)
    except ValueError:  # different drives
        return dirs[0]


def settings_digest(config: Config, extra: Mapping[str, Any]) -> str:
    """A short stable digest of everything in `config` and `extra` (for cache keys)."""
    payload = {
        "date_slack_days": config.date_slack_days,
        "stale_days": config.stale_days,
        "disable": sorted(config.disable),
        "severity": sorted(config.severity.items()),
        **extra,
    }
    blob = json.dumps(payload, sort_keys=True, default=str).encode("utf-8")
    return blake2b(blob, digest_size=16).hexdigest()


__all__ = [
    "CONFIG_NAMES",
    "DATE_SOURCES",
    "KEYS",
    "Config",
    "ConfigError",
    "ProjectConfig",
    "discover",
    "find_config_file",
    "find_project_root",
    "load_config",
    "parse_config",
    "resolve_checks",
    "settings_digest",
]
