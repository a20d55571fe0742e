"""Online verification (opt-in): ask the platforms whether each post exists and says
what the embed says. Needs the `verify` extra: pip install 'socialcheck[verify]'.

    >>> import socialcheck
    >>> doc = socialcheck.parse(text)
    >>> result = socialcheck.verify(doc)               # or: await socialcheck.averify(doc)
    >>> [v.verdict for v in result.verdicts]           # one per post
    ['verified', 'missing', 'unknown']
    >>> list(result)                                   # Findings, SC601-SC606
    [Finding(code='SC601', name='post-missing', ...)]

Nothing here runs unless called: `import socialcheck`, `parse` and `check` never touch
the network, and httpx is imported only when a verification starts. Without httpx,
`verify`/`averify` raise `MissingExtraError` (an ImportError) naming the install command.

Verdicts: "verified" (exists; author, text and date agree, as far as the platform
says them), "mismatch" (exists, something differs: `PostVerdict.differences`),
"missing" (deleted, suspended, protected; `archived_url` when the Wayback Machine
has a copy), "unknown" (no answer: no ID to ask about, timeouts, rate limits,
network errors, malformed answers, refused by the allowlist, budget used up). A
failure is never reported as verified. See docs/verify.md.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Mapping, Sequence
from typing import IO, Any

from ..config import Config
from ..model import Document
from ._cache import DEFAULT_TTL, default_cache_path
from ._endpoints import DEFAULT_ENDPOINTS, ENDPOINT_NAMES, RATE_LIMITS
from ._models import (
    RULES,
    VERDICTS,
    Difference,
    PlatformPost,
    PostVerdict,
    Rule,
    Verdict,
    VerifyResult,
    VerifyStats,
)
from ._run import (
    INSTALL_HINT,
    USER_AGENT,
    MissingExtraError,
    make_options,
    require_httpx,
    run_async,
    run_sync,
)

__all__ = [
    "DEFAULT_ENDPOINTS",
    "DEFAULT_TTL",
    "ENDPOINT_NAMES",
    "INSTALL_HINT",
    "RATE_LIMITS",
    "RULES",
    "USER_AGENT",
    "VERDICTS",
    "Difference",
    "MissingExtraError",
    "PlatformPost",
    "PostVerdict",
    "Rule",
    "Verdict",
    "VerifyResult",
    "VerifyStats",
    "averify",
    "averify_documents",
    "default_cache_path",
    "verify",
    "verify_documents",
]


def verify(
    doc: Document,
    *,
    endpoints: Mapping[str, str | None] | None = None,
    concurrency: int = 8,
    timeout: float = 10.0,
    budget: float | None = None,
    cache: str | os.PathLike[str] | bool | None = True,
    cache_ttl: Mapping[str, float] | None = None,
    retries: int = 2,
    max_bytes: int = 1 << 20,
    max_retry_wait: float = 30.0,
    proxy: str | None = None,
    progress: bool | IO[str] | None = None,
    archive: bool = True,
    config: Config | None = None,
) -> VerifyResult:
    """Ask the platforms about every post of `doc`; return its findings and verdicts.

    The result is a list of `Finding`s (SC601 post-missing, SC602 author-mismatch,
    SC603 text-mismatch, SC604 date-mismatch, SC605 handle-renamed, SC606
    verify-unknown), sorted like `check()`'s, with `.verdicts` (one `PostVerdict` per
    post) and `.stats` (requests sent, cache hits, refusals, retries, seconds).

    endpoints: endpoint name -> base URL, replacing the defaults (`DEFAULT_ENDPOINTS`;
        names in `ENDPOINT_NAMES`), or None to turn one off. Hosts named here are
        allowlisted, and may be private or loopback addresses (tests, mirrors).
    concurrency: requests in flight at once (at most 4 per host).
    timeout: seconds for one request, connect to last byte.
    budget: seconds for the whole run; what is left unasked then is "unknown".
    cache: a SQLite file path, True for the user's cache directory
        (`default_cache_path()`), False or None for no cache.
    cache_ttl: seconds to keep each kind of answer ("found", "missing", "redirect",
        "handle", "archive"; `DEFAULT_TTL`).
    retries: repeats after a timeout, network error, 5xx or 429/503.
    max_bytes: the largest answer read (after decompression).
    max_retry_wait: the longest Retry-After honoured; longer gives "unknown".
    proxy: an HTTP(S) proxy URL; environment proxy settings are not used.
    progress: a progress line on stderr (None: only when stderr is a terminal; True;
        False; or a text stream to draw on).
    archive: look missing posts up in the Wayback Machine.
    config: `Config` whose `disable` and `severity` apply to SC6xx codes and names.

    Raises MissingExtraError without httpx, ValueError/TypeError for bad options.
    From inside a running event loop it runs in a worker thread; prefer `averify`.
    """
    require_httpx()
    options = make_options(
        endpoints=endpoints, concurrency=concurrency, timeout=timeout, budget=budget,
        cache=cache, cache_ttl=cache_ttl, retries=retries, max_bytes=max_bytes,
        max_retry_wait=max_retry_wait, proxy=proxy, progress=progress, archive=archive,
        config=config,
    )  # fmt: skip
    return run_sync([doc], options)[0]


async def averify(
    doc: Document,
    *,
    endpoints: Mapping[str, str | None] | None = None,
    concurrency: int = 8,
    timeout: float = 10.0,
    budget: float | None = None,
    cache: str | os.PathLike[str] | bool | None = True,
    cache_ttl: Mapping[str, float] | None = None,
    retries: int = 2,
    max_bytes: int = 1 << 20,
    max_retry_wait: float = 30.0,
    proxy: str | None = None,
    progress: bool | IO[str] | None = None,
    archive: bool = True,
    config: Config | None = None,
) -> VerifyResult:
    """`verify` for async code: `await socialcheck.averify(doc, ...)`, same options."""
    require_httpx()
    options = make_options(
        endpoints=endpoints, concurrency=concurrency, timeout=timeout, budget=budget,
        cache=cache, cache_ttl=cache_ttl, retries=retries, max_bytes=max_bytes,
        max_retry_wait=max_retry_wait, proxy=proxy, progress=progress, archive=archive,
        config=config,
    )  # fmt: skip
    return (await run_async([doc], options))[0]


def verify_documents(docs: Sequence[Document], **options: Any) -> list[VerifyResult]:
    """`verify` over many documents in one run: one client, one cache, one budget, one
    set of rate limits and one progress line; a result per document, in order."""
    require_httpx()
    return run_sync(list(docs), make_options(**options))


async def averify_documents(docs: Sequence[Document], **options: Any) -> list[VerifyResult]:
    """`verify_documents` for async code."""
    require_httpx()
    return await run_async(list(docs), make_options(**options))


class _CallableModule(types.ModuleType):
    """`import socialcheck.verify` binds the package to `socialcheck.verify`, shadowing
    the function of that name; calling the package calls the function, so
    `socialcheck.verify(doc)` works whichever was bound first."""

    def __call__(self, doc: Document, **options: Any) -> VerifyResult:
        return verify(doc, **options)


sys.modules[__name__].__class__ = _CallableModule
