"""Which kind of input a text is: plain text, HTML or Markdown."""

from __future__ import annotations

import os

import regex

from .._lazy import lazy_compile
from .article_date import header_end

KINDS = ("text", "html", "markdown")
_ALIASES = {"md": "markdown", "htm": "html", "txt": "text", "plain": "text"}
_EXTENSIONS = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".md": "markdown", ".markdown": "markdown", ".mdx": "markdown", ".mkd": "markdown",
    ".txt": "text", ".text": "text",
}  # fmt: skip

_SNIFF = 8192
_HTML_START = lazy_compile(
    r"\A\s{0,200}<(?:!doctype|html|head|body|meta|div|p|article|section)\b", regex.IGNORECASE
)
_HTML_TAG = lazy_compile(
    r"</?(?:p|div|span|a|br|blockquote|section|article|figure|li|h[1-6])\b[^<>]{0,300}>",
    regex.IGNORECASE,
)
_MARKDOWN = lazy_compile(
    r"^(?:#{1,6}[ \t]|```|~~~|---[ \t\r]*$|\+\+\+[ \t\r]*$|[*-][ \t]|>[ \t]|\{\{[<%]|\{%)"
    r"|\]\([^()\s]{1,300}\)",
    regex.MULTILINE,
)


def normalise_kind(kind: str) -> str:
    value = _ALIASES.get(kind.lower(), kind.lower())
    if value not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    return value


def sniff_kind(text: str, source: str | None = None) -> str:
    """The input's kind from the file name, else from the first few kilobytes."""
    if source:
        ext = os.path.splitext(source)[1].lower()
        if ext in _EXTENSIONS:
            return _EXTENSIONS[ext]
    floor = header_end(text)
    if floor and text.lstrip("\ufeff").startswith(("---", "+++")):
        return "markdown"  # YAML or TOML front matter: a static-site content file
    head = text[floor:][:_SNIFF]
    if _HTML_START.match(head):
        return "html"
    if len(_MARKDOWN.findall(head)) >= 2:
        return "markdown"
    if len(_HTML_TAG.findall(head)) >= 6:
        return "html"
    return "text"
