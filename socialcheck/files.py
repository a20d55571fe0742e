"""Which files a scan reads, and reading them: walking, globs, UTF-8 decoding.

Standard library only, so that the command line can list and read files before the
detectors are imported.

Globs (`include` / `exclude`, from flags or a config file) work like .gitignore
patterns: `*` and `?` stay within one path segment, `**` spans segments (`**/` also
matches no directory at all), `[...]` is a character class. A pattern without a `/`
matches the name of the file or of any directory above it (`drafts` skips every
directory called drafts); a pattern with a `/` matches the path relative to the
scanned directory or to the project root (the config file's directory), from the
start (`content/**/*.md`). A trailing `/` is ignored.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

TEXT_EXTENSIONS = frozenset(
    {".txt", ".md", ".markdown", ".mdx", ".html", ".htm", ".xml", ".json", ".rst", ".adoc", ".text"}
)
# A NUL byte within this many leading bytes marks a file as binary.
SNIFF_BYTES = 8192
STDIN_PATH = "-"
STDIN_NAME = "<stdin>"
_BOM = b"\xef\xbb\xbf"


class Input(NamedTuple):
    """One input to read: `shown` is the path printed to the user."""

    shown: str
    path: str | None  # None: standard input


class Skip(Exception):
    """The input is not checked; the message is a note, not an error."""


class InputError(Exception):
    """The input cannot be read; the message is shown after `path: error: `."""


# --- globs ------------------------------------------------------------------------------


def _translate(pattern: str) -> str:
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "*":
            if pattern.startswith("**", i):
                i += 2
                if i < n and pattern[i] == "/":
                    out.append("(?:.*/)?")
                    i += 1
                else:
                    out.append(".*")
                continue
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            end = pattern.find("]", i + 2 if pattern[i + 1 : i + 2] in ("!", "^") else i + 1)
            if end < 0:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1 : end]
                if body[:1] in ("!", "^"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


class Glob:
    """One compiled pattern (see the module docstring)."""

    __slots__ = ("by_name", "pattern", "regex")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        text = pattern.replace("\\", "/") if os.sep == "\\" else pattern
        while text.startswith("./"):
            text = text[2:]
        text = text.rstrip("/") or text
        anchored = text.startswith("/")
        text = text.lstrip("/")
        self.by_name = "/" not in text and not anchored
        self.regex = re.compile(_translate(text) + r"\Z", re.DOTALL)

    def matches(self, rel_path: str) -> bool:
        """True when the pattern matches `rel_path` (a/b/c, no leading ./) or a parent."""
        if not rel_path:
            return False
        parts = rel_path.split("/")
        if self.by_name:
            return any(self.regex.match(part) for part in parts)
        return any(self.regex.match("/".join(parts[:k])) for k in range(len(parts), 0, -1))

    def __repr__(self) -> str:
        return f"Glob({self.pattern!r})"


def compile_globs(patterns: Iterable[str]) -> tuple[Glob, ...]:
    return tuple(Glob(p) for p in patterns if p.strip())


def _rel(path: str, base: str | None) -> str | None:
    """`path` relative to `base` with / separators, or None when it is not under it."""
    if base is None:
        return None
    try:
        rel = os.path.relpath(path, base)
    except ValueError:
        return None
    if rel == os.curdir or rel.startswith(os.pardir + os.sep) or rel == os.pardir:
        return None
    return rel.replace(os.sep, "/")


class Filter:
    """Include and exclude patterns, tried against every relative form of a path."""

    def __init__(
        self,
        include: Sequence[str] = (),
        exclude: Sequence[str] = (),
        root: str | os.PathLike[str] | None = None,
    ) -> None:
        self.include = compile_globs(include)
        self.exclude = compile_globs(exclude)
        self.root = os.path.abspath(root) if root is not None else None

    def _forms(self, path: str, rel: str | None) -> list[str]:
        forms = [rel] if rel else []
        under_root = _rel(os.path.abspath(path), self.root)
        if under_root and under_root not in forms:
            forms.append(under_root)
        return forms

    def excluded(self, path: str, rel: str | None) -> bool:
        if not self.exclude:
            return False
        return any(g.matches(form) for form in self._forms(path, rel) for g in self.exclude)

    def included(self, path: str, rel: str | None) -> bool | None:
        """Whether an include pattern matches; None when there are no include patterns."""
        if not self.include:
            return None
        return any(g.matches(form) for form in self._forms(path, rel) for g in self.include)

    def keeps_named(self, path: str) -> bool:
        """For a file named on the command line (with --force-exclude)."""
        rel = os.path.normpath(path).replace(os.sep, "/")
        if os.path.isabs(path) or rel.startswith("../") or rel == "..":
            rel_form: str | None = None
        else:
            rel_form = rel
        if self.excluded(path, rel_form):
            return False
        return self.included(path, rel_form) is not False


def shown(path: str) -> str:
    """`path` safe to print: undecodable file-name bytes become visible escapes."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return path


def reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def is_texty(name: str) -> bool:
    ext = os.path.splitext(name)[1]
    return ext == "" or ext.lower() in TEXT_EXTENSIONS


def walk(top: str, rules: Filter, notes: Any) -> Iterator[Input]:
    """Files under `top`, depth-first in sorted name order; hidden entries skipped.

    `notes.error(shown, reason)` hears of directories that cannot be read.
    """

    def visit(directory: str, rel: str) -> Iterator[Input]:
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            notes.error(shown(directory), reason(exc))
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel_path = f"{rel}/{name}" if rel else name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_file = not is_dir and entry.is_file()
            except OSError as exc:
                notes.error(shown(entry.path), reason(exc))
                continue
            if is_dir:
                if not rules.excluded(entry.path, rel_path):
                    yield from visit(entry.path, rel_path)
            elif is_file:
                if rules.excluded(entry.path, rel_path):
                    continue
                wanted = rules.included(entry.path, rel_path)
                if wanted is False or (wanted is None and not is_texty(name)):
                    continue
                yield Input(shown(entry.path), entry.path)
            # Anything else (a link to a directory, a fifo, a socket) is left alone.

    yield from visit(top, "")


def inputs(
    paths: Sequence[str], walk_rules: Filter, notes: Any, named_rules: Filter | None = None
) -> Iterator[Input]:
    """Every input named by `paths`, directories walked; `named_rules` filters named files."""
    for path in paths:
        if path == STDIN_PATH:
            yield Input(STDIN_NAME, None)
        elif os.path.isdir(path):
            yield from walk(path, walk_rules, notes)
        elif named_rules is None or named_rules.keeps_named(path):
            yield Input(shown(path), path)


# --- reading ----------------------------------------------------------------------------


def read_stdin() -> bytes:
    stream: Any = sys.stdin
    if stream is None:
        return b""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data = buffer.read()
        return bytes(data)
    text = stream.read()
    return text.encode("utf-8", "surrogateescape") if isinstance(text, str) else bytes(text)


_READ_SIZE = 1 << 20


def read_bytes(item: Input) -> bytes:
    """The input's bytes; `Skip` for a binary file, `InputError` when unreadable."""
    if item.path is None:
        data = read_stdin()
        if b"\0" in data[:SNIFF_BYTES]:
            raise Skip("binary file")
        return data
    try:
        # os-level reads: a buffered file object costs more than reading a small file.
        fd = os.open(item.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            # A pipe gives what is there: the head is read until it is whole or ends.
            head, ended = os.read(fd, SNIFF_BYTES), False
            while len(head) < SNIFF_BYTES:
                more = os.read(fd, SNIFF_BYTES - len(head))
                if not more:
                    ended = True
                    break
                head += more
            if b"\0" in head:
                raise Skip("binary file")
            chunks = [head]
            while not ended and (chunk := os.read(fd, _READ_SIZE)):
                chunks.append(chunk)
        finally:
            os.close(fd)
    except OSError as exc:
        raise InputError(reason(exc)) from None
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def decode(data: bytes, errors: str = "strict") -> str:
    """UTF-8 text without a leading BOM; `InputError` names the first bad byte."""
    skipped = 0
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
        skipped = len(_BOM)
    try:
        return data.decode("utf-8", errors)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 at byte {exc.start + skipped} "
            "(use --encoding-errors replace to read it anyway)"
        ) from None


__all__ = [
    "STDIN_NAME",
    "STDIN_PATH",
    "TEXT_EXTENSIONS",
    "Filter",
    "Glob",
    "Input",
    "InputError",
    "Skip",
    "compile_globs",
    "decode",
    "inputs",
    "is_texty",
    "read_bytes",
    "read_stdin",
    "shown",
    "walk",
]
