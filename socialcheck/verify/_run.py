"""One verification run: which endpoint to ask for each post, and what the answers mean.

A run (`Session`) holds the HTTP fetcher, the cache, the counters and the in-flight
lookups (two posts needing the same answer share one request). Per post it finds
what to ask (the post's ID from its `status_id` or URL; for X posts that show none,
the status behind their pic.twitter.com / t.co media links), asks, compares, and
turns the answer into a `PostVerdict` and findings (SC601-SC606).
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import os
import sys
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

import attrs
import regex

from .._version import __version__
from ..checks._base import LineIndex, finding_order, signature_span
from ..config import Config
from ..model import Document, Finding, Post, Severity, Span
from ..platforms.ids import decode_id_time
from ..platforms.urls import PostURL, parse_post_url
from . import _compare as cmp
from . import _endpoints as ep
from ._allowlist import Allowlist, HostPort
from ._cache import Cache, default_cache_path
from ._models import (
    RULES_BY_NAME,
    Counters,
    Difference,
    PlatformPost,
    PostVerdict,
    Verdict,
    VerifyResult,
)

if TYPE_CHECKING:
    from ._client import Fetcher, Reply

INSTALL_HINT = (
    "online verification needs httpx, which socialcheck installs only with its 'verify' "
    "extra: pip install 'socialcheck[verify]'"
)
USER_AGENT = (
    f"socialcheck/{__version__} (+https://pypi.org/project/socialcheck/; "
    "checks that embedded social-media posts exist)"
)
PLATFORM_NAMES = {
    "twitter": "X",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "truthsocial": "Truth Social",
    "instagram": "Instagram",
    "threads": "Threads",
    "facebook": "Facebook",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "reddit": "Reddit",
    "linkedin": "LinkedIn",
    "telegram": "Telegram",
}
_X_MEDIA = regex.compile(r"/status(?:es)?/[0-9]{1,25}/(?:photo|video)/[0-9]{1,3}/?\Z")
_OEMBED_PLATFORMS = frozenset({"instagram", "threads", "facebook", "tiktok", "youtube", "reddit"})


class MissingExtraError(ImportError):
    """httpx is not installed: `pip install 'socialcheck[verify]'`."""


def require_httpx() -> None:
    """Raise MissingExtraError (an ImportError) naming the install command without httpx."""
    try:
        import httpx  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError(INSTALL_HINT) from exc


# --------------------------------------------------------------------------- options


@attrs.frozen
class Options:
    """Validated options of a run (see `socialcheck.verify.verify` for each)."""

    endpoints: ep.Endpoints
    concurrency: int = 8
    per_host: int = 4
    timeout: float = 10.0
    budget: float | None = None
    cache: Cache | None = None
    retries: int = 2
    max_bytes: int = 1 << 20
    max_retry_wait: float = 30.0
    proxy: str | None = None
    progress: IO[str] | None = None
    archive: bool = True
    config: Config = attrs.field(factory=Config)


def make_options(
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
) -> Options:
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise ValueError(f"concurrency must be a positive integer, got {concurrency!r}")
    if not (isinstance(timeout, (int, float)) and timeout > 0):
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
    if budget is not None and not (isinstance(budget, (int, float)) and budget >= 0):
        raise ValueError(f"budget must be None or seconds >= 0, got {budget!r}")
    if not isinstance(retries, int) or retries < 0:
        raise ValueError(f"retries must be an integer >= 0, got {retries!r}")
    if not isinstance(max_bytes, int) or max_bytes < 1:
        raise ValueError(f"max_bytes must be a positive integer, got {max_bytes!r}")
    store: Cache | None
    if cache is True:
        store = Cache(default_cache_path(), cache_ttl)
    elif cache is False or cache is None:
        store = None
    elif isinstance(cache, (str, os.PathLike)):
        store = Cache(cache, cache_ttl)
    else:
        raise TypeError(f"cache must be a path, True (default) or False/None (off): {cache!r}")
    stream: IO[str] | None
    if progress is None:
        stream = sys.stderr if _isatty(sys.stderr) else None
    elif progress is True:
        stream = sys.stderr
    elif progress is False:
        stream = None
    else:
        stream = progress
    return Options(
        endpoints=ep.resolve_endpoints(endpoints),
        concurrency=concurrency,
        per_host=min(concurrency, 4),
        timeout=float(timeout),
        budget=None if budget is None else float(budget),
        cache=store,
        retries=retries,
        max_bytes=max_bytes,
        max_retry_wait=float(max_retry_wait),
        proxy=proxy,
        progress=stream,
        archive=archive,
        config=config if config is not None else Config(),
    )


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


# --------------------------------------------------------------------------- progress


class _Progress:
    """`verify 12/40 [####      ]` on a terminal, redrawn at most ten times a second and
    only once the run has taken more than half a second; erased at the end."""

    def __init__(self, stream: IO[str] | None, total: int, force: bool) -> None:
        self.stream = stream
        self.total = total
        self.done = 0
        self.start = time.monotonic()
        self.last = 0.0
        self.force = force
        self.drawn = False

    def advance(self) -> None:
        self.done += 1
        if self.stream is None:
            return
        now = time.monotonic()
        if not self.force and now - self.start < 0.5:
            return
        if now - self.last < 0.1 and self.done < self.total:
            return
        self.last = now
        width = 20
        filled = width * self.done // max(1, self.total)
        bar = "#" * filled + " " * (width - filled)
        self._write(f"\rsocialcheck verify: {self.done}/{self.total} posts [{bar}]")
        self.drawn = True

    def close(self) -> None:
        if self.stream is not None and self.drawn:
            self._write("\r" + " " * 60 + "\r")

    def _write(self, text: str) -> None:
        assert self.stream is not None
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            self.stream = None


# --------------------------------------------------------------------------- session


@attrs.frozen
class _Answer:
    """A post's lookup, before it is judged."""

    outcome: ep.Outcome
    url: str | None = None
    status_id: str | None = None
    id_from_link: bool = False
    renamed_hint: bool | None = None  # Bluesky: handle-renamed (True) or author (False)
    notes: tuple[str, ...] = ()


Reader = Callable[["Reply"], ep.Outcome]


class Session:
    """One verification run; use as `async with Session(options) as s: await s.run(docs)`."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.endpoints = options.endpoints
        self.counters = Counters()
        self.allowlist = Allowlist(self.endpoints.hosts, self.endpoints.named)
        self._fetcher: Fetcher | None = None
        self._inflight: dict[str, asyncio.Task[ep.Outcome]] = {}
        self._start = time.monotonic()

    async def __aenter__(self) -> Session:
        from ._client import Fetcher

        self._start = time.monotonic()
        budget = self.options.budget
        self._fetcher = Fetcher(
            allowlist=self.allowlist,
            counters=self.counters,
            limits=ep.RATE_LIMITS,
            timeout=self.options.timeout,
            deadline=None if budget is None else self._start + budget,
            retries=self.options.retries,
            max_bytes=self.options.max_bytes,
            max_retry_wait=self.options.max_retry_wait,
            concurrency=self.options.concurrency,
            per_host=self.options.per_host,
            user_agent=USER_AGENT,
            proxy=self.options.proxy,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        for task in self._inflight.values():
            if not task.done():
                task.cancel()
        if self._fetcher is not None:
            await self._fetcher.aclose()
            self._fetcher = None
        if self.options.cache is not None:
            self.options.cache.close()

    # ------------------------------------------------------------------ run

    async def run(self, docs: Sequence[Document]) -> list[VerifyResult]:
        total = sum(len(d.posts) for d in docs)
        progress = _Progress(
            self.options.progress,
            total,
            force=self.options.progress is not None and not _isatty(self.options.progress),
        )

        async def one(doc: Document, index: int, post: Post) -> PostVerdict:
            try:
                return await self.verify_post(index, post)
            finally:
                progress.advance()

        try:
            per_doc: list[list[PostVerdict]] = list(
                await asyncio.gather(
                    *(
                        asyncio.gather(*(one(doc, i, p) for i, p in enumerate(doc.posts)))
                        for doc in docs
                    )
                )
            )
        finally:
            progress.close()
        stats = self.counters.snapshot(time.monotonic() - self._start)
        results = []
        for doc, verdicts in zip(docs, per_doc, strict=True):
            findings = self.findings(doc, verdicts)
            results.append(VerifyResult(findings, verdicts=verdicts, stats=stats, document=doc))
        return results

    async def verify_post(self, index: int, post: Post) -> PostVerdict:
        handler = self._handler(post.platform)
        if handler is None:
            name = PLATFORM_NAMES.get(post.platform, post.platform)
            return PostVerdict(
                index,
                post.platform,
                "unknown",
                "unsupported",
                f"{name} has no public endpoint to verify posts with",
            )
        try:
            answer = await handler(post)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug must not stop the other posts
            return PostVerdict(
                index,
                post.platform,
                "unknown",
                "internal-error",
                f"internal error while verifying: {type(exc).__name__}: {exc}",
            )
        return await self._judge(index, post, answer)

    def _handler(self, platform: str) -> Callable[[Post], Awaitable[_Answer]] | None:
        if platform == "twitter":
            return self._twitter
        if platform == "bluesky":
            return self._bluesky
        if platform in ("mastodon", "truthsocial"):
            return self._mastodon
        if platform in _OEMBED_PLATFORMS:
            return self._oembed
        return None

    # ------------------------------------------------------------------ lookups

    async def lookup(
        self,
        endpoint: str,
        url: str,
        reader: Reader,
        *,
        cache_kind: str | None = None,
        follow: bool = True,
        extra: tuple[HostPort, ...] = (),
    ) -> ep.Outcome:
        """Ask `url` once per run (and per cache TTL); never raises for network trouble."""
        key = f"{endpoint} {url}"
        cache = self.options.cache
        if cache is not None:
            stored = cache.get(key)
            outcome = ep.Outcome.from_cache(stored) if stored is not None else None
            if outcome is not None:
                self.counters.cache_hits += 1
                return outcome
        task = self._inflight.get(key)
        if task is None:
            task = asyncio.ensure_future(self._fetch(endpoint, url, reader, follow, extra))
            self._inflight[key] = task
        outcome = await asyncio.shield(task)
        if cache is not None and outcome.kind != "unknown" and not outcome.cached:
            cache.put(key, cache_kind or outcome.kind, outcome.to_cache())
        return outcome

    async def _fetch(
        self, endpoint: str, url: str, reader: Reader, follow: bool, extra: tuple[HostPort, ...]
    ) -> ep.Outcome:
        from ._client import FetchError

        assert self._fetcher is not None
        try:
            reply = await self._fetcher.get(endpoint, url, follow=follow, extra=extra)
        except FetchError as exc:
            return ep.unknown(exc.reason, exc.detail)
        return reader(reply)

    async def _archive(self, post_url: str | None) -> str | None:
        base = self.endpoints.base("wayback")
        if not self.options.archive or base is None or not post_url:
            return None
        outcome = await self.lookup(
            "wayback",
            ep.wayback_url(base, post_url),
            lambda r: ep.read_wayback(r.status, r.body),
            cache_kind="archive",
        )
        return outcome.value if outcome.kind == "found" else None

    # ------------------------------------------------------------------ platforms

    async def _twitter(self, post: Post) -> _Answer:
        parsed = _parsed(post, "twitter")
        status_id = post.status_id or (parsed.post_id if parsed is not None else None)
        handle = (parsed.handle if parsed is not None else None) or post.handle
        from_link = False
        if status_id is None:
            found = await self._status_behind_links(post)
            if isinstance(found, ep.Outcome):
                return _Answer(found)
            status_id, link_handle = found
            handle = link_handle or handle
            from_link = True
        who = handle if handle and regex.fullmatch(r"[A-Za-z0-9_]{1,20}", handle) else "i/web"
        status_url = f"https://twitter.com/{who}/status/{status_id}"
        outcome = ep.unknown("endpoint-off", "the X oEmbed endpoints are turned off")
        for name in ("twitter_oembed", "x_oembed"):
            base = self.endpoints.base(name)
            if base is None:
                continue
            outcome = await self.lookup(
                name, ep.x_oembed_url(base, status_url), _x_reader(name, status_id)
            )
            if outcome.kind != "unknown":
                break
        return _Answer(outcome, url=status_url, status_id=status_id, id_from_link=from_link)

    async def _status_behind_links(self, post: Post) -> tuple[str, str | None] | ep.Outcome:
        """(status ID, handle) from the first media link that redirects to this post's
        photo or video; else an "unknown" Outcome saying why not."""
        shorts: list[PostURL] = []
        for link in post.links:
            parsed = parse_post_url(link)
            if parsed is not None and parsed.platform == "twitter" and parsed.kind == "short":
                shorts.append(parsed)
        shorts.sort(key=lambda p: not p.host.startswith("pic."))
        failure: ep.Outcome | None = None
        asked = False
        for short in shorts:
            name = "pic_twitter" if short.host.startswith("pic.") else "tco"
            base = self.endpoints.base(name)
            if base is None or short.code is None:
                continue
            asked = True
            outcome = await self.lookup(
                name,
                ep.short_url(base, short.code),
                lambda r: ep.read_redirect(r.status, r.location),
                cache_kind="redirect",
                follow=False,
            )
            if outcome.kind == "unknown":
                failure = failure or outcome
                continue
            target = parse_post_url(outcome.value) if outcome.value else None
            if (
                target is not None
                and target.platform == "twitter"
                and target.kind == "post"
                and target.post_id
                and _X_MEDIA.search(target.url.split("?", 1)[0].split("#", 1)[0])
            ):
                return target.post_id, target.handle
        if failure is not None:
            detail = f"could not read where the post's media link leads: {failure.detail}"
            return ep.unknown(failure.reason, detail)
        if shorts and not asked:
            return ep.unknown("endpoint-off", "the t.co and pic.twitter.com endpoints are off")
        detail = (
            "the post's media links do not lead to a post"
            if shorts
            else "the post shows no post URL or ID to ask about"
        )
        return ep.unknown("no-identifier", detail)

    async def _bluesky(self, post: Post) -> _Answer:
        parsed = _parsed(post, "bluesky")
        actor = (parsed.handle if parsed is not None else None) or post.handle
        rkey = (parsed.post_id if parsed is not None else None) or post.status_id
        if not actor or not rkey:
            return _Answer(ep.unknown("no-identifier", "the post shows no post URL to ask about"))
        url = f"https://bsky.app/profile/{actor}/post/{rkey}"
        base = self.endpoints.base("bluesky_appview")
        if base is None:
            return _Answer(ep.unknown("endpoint-off", "the Bluesky AppView endpoint is off"), url)
        did = actor
        if not actor.startswith("did:"):
            resolved = await self._resolve_handle(base, actor)
            if resolved.kind != "found" or not resolved.value:
                if resolved.kind == "missing":
                    resolved = ep.Outcome(
                        "missing",
                        "handle-unresolved",
                        f"the post's URL names @{actor}, which resolves to no account "
                        "(renamed or deleted)",
                        cached=resolved.cached,
                    )
                return _Answer(resolved, url, rkey)
            did = resolved.value
        outcome = await self.lookup(
            "bluesky_appview",
            ep.bsky_thread_url(base, f"at://{did}/app.bsky.feed.post/{rkey}"),
            lambda r: ep.read_bsky_thread(r.status, r.body, source="bluesky_appview"),
        )
        hint: bool | None = None
        notes: list[str] = []
        found = outcome.post
        if (
            found is not None
            and post.handle
            and found.handle
            and not cmp.same_handle(post.handle, found.handle)
        ):
            owner = await self._resolve_handle(base, post.handle.lstrip("@"))
            if owner.kind == "found" and owner.value == found.author_id:
                hint = None
            elif owner.kind == "found":
                hint = False  # the embed's handle is someone else's account now
            else:
                hint = True
                if owner.kind == "unknown":
                    notes.append(f"could not check who @{post.handle} is now: {owner.detail}")
        if found is not None and found.indexed_at and found.created_at:
            lag = found.indexed_at - found.created_at
            if lag > _dt.timedelta(days=1):
                notes.append(
                    f"indexed {lag.days} days after its createdAt: the record may be backdated"
                )
        return _Answer(outcome, url, rkey, renamed_hint=hint, notes=tuple(notes))

    async def _resolve_handle(self, base: str, handle: str) -> ep.Outcome:
        return await self.lookup(
            "bluesky_appview",
            ep.bsky_handle_url(base, handle),
            lambda r: ep.read_bsky_handle(r.status, r.body),
            cache_kind="handle",
        )

    async def _mastodon(self, post: Post) -> _Answer:
        platform = post.platform
        parsed = _parsed(post, platform)
        status_id = parsed.post_id if parsed is not None else post.status_id
        instance: str | None = parsed.host if parsed is not None else None
        if instance is None and platform == "mastodon" and post.handle and "@" in post.handle:
            instance = post.handle.rsplit("@", 1)[1].lower() or None
        if platform == "truthsocial":
            instance = "truthsocial.com"
        if not status_id or not instance:
            return _Answer(ep.unknown("no-identifier", "the post shows no post URL to ask about"))
        url = (parsed.canonical if parsed is not None else None) or (
            f"https://{instance}/@{post.handle}/{status_id}" if post.handle else None
        )
        name = platform
        base = self.endpoints.base(name, instance)
        if base is None:
            off = ep.unknown("endpoint-off", f"the {name} endpoint is off")
            return _Answer(off, url, status_id)
        extra: tuple[HostPort, ...] = ((instance, 443),) if self.endpoints.is_template(name) else ()
        outcome = await self.lookup(
            name,
            ep.mastodon_url(base, status_id),
            lambda r: ep.read_mastodon(
                r.status, r.body, source=name, platform=platform, instance=instance
            ),
            extra=extra,
        )
        return _Answer(outcome, url, status_id)

    async def _oembed(self, post: Post) -> _Answer:
        platform = post.platform
        parsed = _parsed(post, platform)
        url = parsed.canonical if parsed is not None else _url_from_id(post)
        status_id = (parsed.post_id if parsed is not None else None) or post.status_id
        if url is None:
            return _Answer(ep.unknown("no-identifier", "the post shows no post URL to ask about"))
        name = f"{platform}_oembed"
        base = self.endpoints.base(name)
        if base is None:
            off = ep.unknown("endpoint-off", f"the {name} endpoint is off")
            return _Answer(off, url, status_id)
        video = platform == "facebook" and any(s in url for s in ("/videos/", "/watch", "/reel/"))
        outcome = await self.lookup(
            name,
            ep.oembed_url(base, name, url, video=video),
            lambda r: ep.read_oembed(r.status, r.body, source=name, platform=platform),
        )
        return _Answer(outcome, url, status_id)

    # ------------------------------------------------------------------ verdicts

    async def _judge(self, index: int, post: Post, answer: _Answer) -> PostVerdict:
        outcome = answer.outcome
        platform = post.platform
        common: dict[str, Any] = {
            "post_index": index,
            "platform": platform,
            "url": answer.url,
            "status_id": answer.status_id,
            "cached": outcome.cached,
        }
        notes = list(answer.notes)
        if outcome.kind == "found" and outcome.post is not None:
            differences, compared, more = compare(post, outcome.post, answer.renamed_hint)
            notes.extend(more)
            verdict: Verdict = "mismatch" if differences else "verified"
            return PostVerdict(
                verdict=verdict,
                reason="differs" if differences else "ok",
                detail=(
                    "; ".join(d.detail for d in differences)
                    if differences
                    else _verified_detail(compared)
                ),
                compared=compared,
                differences=differences,
                found=outcome.post,
                notes=tuple(notes),
                **common,
            )
        differences = ()
        if answer.id_from_link and answer.status_id:
            differences = _id_date_difference(post, answer.status_id)
        if outcome.kind == "missing":
            archived = await self._archive(answer.url)
            return PostVerdict(
                verdict="missing",
                reason=outcome.reason,
                detail=outcome.detail,
                differences=differences,
                archived_url=archived,
                compared=("date",) if differences else (),
                notes=tuple(notes),
                **common,
            )
        return PostVerdict(
            verdict="unknown",
            reason=outcome.reason,
            detail=outcome.detail,
            differences=differences,
            notes=tuple(notes),
            **common,
        )

    def findings(self, doc: Document, verdicts: Sequence[PostVerdict]) -> list[Finding]:
        config = self.options.config
        disabled = frozenset(k.lower() for k in config.disable)
        overrides = {k.lower(): v for k, v in config.severity.items()}
        lines = LineIndex.of(doc.text)
        found: list[Finding] = []

        def emit(name: str, message: str, span: Span, index: int) -> None:
            rule = RULES_BY_NAME[name]
            keys = (rule.code.lower(), rule.name.lower())
            if any(k in disabled for k in keys):
                return
            severity: Severity = next((overrides[k] for k in keys if k in overrides), rule.severity)
            line, column = lines.position(span[0])
            found.append(
                Finding(
                    code=rule.code,
                    name=rule.name,
                    severity=severity,
                    message=_one_line(message),
                    span=span,
                    line=line,
                    column=column,
                    post_index=index,
                )
            )

        for v in verdicts:
            post = doc.posts[v.post_index]
            where = signature_span(post)
            who = PLATFORM_NAMES.get(v.platform, v.platform)
            for d in v.differences:
                span = (post.body_span or post.span) if d.field == "text" else where
                emit(d.name, f"{who}: {d.detail}", span, v.post_index)
            if v.verdict == "missing":
                what = f"post {v.status_id}" if v.status_id else "the post"
                message = f"{who} says {what} does not exist: {v.detail}"
                if v.archived_url:
                    message += f"; archived copy: {v.archived_url}"
                emit("post-missing", message, where, v.post_index)
            elif v.verdict == "unknown":
                emit(
                    "verify-unknown",
                    f"could not verify the post on {who}: {v.detail}",
                    where,
                    v.post_index,
                )
        found.sort(key=finding_order)
        return found


# --------------------------------------------------------------------------- comparing


def compare(
    post: Post, found: PlatformPost, renamed_hint: bool | None = None
) -> tuple[tuple[Difference, ...], tuple[str, ...], tuple[str, ...]]:
    """(differences, fields compared, notes) between an embed and the platform's answer."""
    diffs: list[Difference] = []
    compared: list[str] = []
    notes: list[str] = []
    instance = None
    if found.platform in ("mastodon", "truthsocial") and found.handle and "@" in found.handle:
        instance = found.handle.rsplit("@", 1)[1]
    # author
    if post.handle and found.handle:
        compared.append("author")
        if not cmp.same_handle(post.handle, found.handle, instance=instance):
            same_person = cmp.same_name(post.display_name, found.display_name)
            renamed = renamed_hint if renamed_hint is not None else same_person
            if found.platform == "bluesky" and renamed_hint is None:
                renamed = True
            if renamed:
                diffs.append(
                    Difference(
                        "handle-renamed",
                        "handle",
                        post.handle,
                        found.handle,
                        f"@{post.handle} is now @{found.handle}"
                        + (f" ({found.display_name})" if found.display_name else "")
                        + ": the account was renamed after the post was embedded",
                    )
                )
            else:
                shown = f"@{found.handle}" + (
                    f" ({found.display_name})" if found.display_name else ""
                )
                embed = f"@{post.handle}" + (f" ({post.display_name})" if post.display_name else "")
                diffs.append(
                    Difference(
                        "author-mismatch",
                        "author",
                        post.handle,
                        found.handle,
                        f"the post is by {shown}, the embed says {embed}",
                    )
                )
        elif (
            post.display_name
            and found.display_name
            and not cmp.same_name(post.display_name, found.display_name)
        ):
            notes.append(
                f"display name is now {found.display_name!r} (the embed shows "
                f"{post.display_name!r})"
            )
    elif post.display_name and found.display_name:
        compared.append("author")
        if not cmp.same_name(post.display_name, found.display_name):
            diffs.append(
                Difference(
                    "author-mismatch",
                    "author",
                    post.display_name,
                    found.display_name,
                    f"the post is by {found.display_name!r}, the embed says {post.display_name!r}",
                )
            )
    # text
    if post.body and cmp.words(post.body) and found.text is not None:
        compared.append("text")
        problem = cmp.compare_text(
            post.body, found.text, embed_cut=post.truncated, platform_cut=found.text_truncated
        )
        if problem is not None:
            diffs.append(
                Difference(
                    "text-mismatch",
                    "text",
                    cmp.one_line(post.body),
                    cmp.one_line(found.text),
                    f"the post's text differs from the embed's: {problem}",
                )
            )
    # date
    if post.date is not None:
        exact = found.platform == "twitter"
        when = found.created_at
        day = found.date
        if exact and day is not None:
            if when is not None and when.date() != day:
                notes.append(f"the oEmbed html dates the post {day}, its ID {when.date()}")
            when = None
        if when is not None or day is not None:
            compared.append("date")
            if not cmp.date_agrees(post.date, when, day, exact_utc=exact):
                said = when.strftime("%Y-%m-%d %H:%M UTC") if when is not None else str(day)
                diffs.append(
                    Difference(
                        "date-mismatch",
                        "date",
                        post.date.isoformat(),
                        said,
                        f"the post was made {said}, the embed dates it {post.date.isoformat()}",
                    )
                )
    return tuple(diffs), tuple(compared), tuple(notes)


def _id_date_difference(post: Post, status_id: str) -> tuple[Difference, ...]:
    """For an X post whose ID came from its media link: does the ID's date fit?"""
    if post.date is None:
        return ()
    decoded = decode_id_time("twitter", status_id)
    if decoded is None or decoded.uncertainty > _dt.timedelta(hours=12):
        return ()
    if decoded.earliest.date() <= post.date <= decoded.latest.date():
        return ()
    said = decoded.time.strftime("%Y-%m-%d %H:%M UTC")
    return (
        Difference(
            "date-mismatch",
            "date",
            post.date.isoformat(),
            said,
            f"the post behind its media link ({status_id}) was made {said}, "
            f"the embed dates it {post.date.isoformat()}",
        ),
    )


def _x_reader(name: str, status_id: str) -> Reader:
    def read(reply: Reply) -> ep.Outcome:
        return ep.read_x_oembed(reply.status, reply.body, source=name, status_id=status_id)

    return read


def _verified_detail(compared: Sequence[str]) -> str:
    if not compared:
        return "the post exists (the platform's answer has nothing more to compare)"
    return "the post exists; " + ", ".join(compared) + " agree"


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")


def _parsed(post: Post, platform: str) -> PostURL | None:
    if not post.url:
        return None
    parsed = parse_post_url(post.url)
    if parsed is None or parsed.kind != "post" or parsed.platform != platform:
        return None
    return parsed


def _url_from_id(post: Post) -> str | None:
    sid = post.status_id
    if not sid:
        return None
    if post.platform == "instagram":
        return f"https://www.instagram.com/p/{sid}/"
    if post.platform == "threads":
        return f"https://www.threads.net/t/{sid}"
    if post.platform == "tiktok" and post.handle:
        return f"https://www.tiktok.com/@{post.handle}/video/{sid}"
    if post.platform == "youtube":
        return f"https://www.youtube.com/watch?v={sid}"
    if post.platform == "reddit":
        return f"https://www.reddit.com/comments/{sid}/"
    return None


# --------------------------------------------------------------------------- entry points


async def run_async(docs: Sequence[Document], options: Options) -> list[VerifyResult]:
    require_httpx()
    async with Session(options) as session:
        return await session.run(docs)


def run_sync(docs: Sequence[Document], options: Options) -> list[VerifyResult]:
    """Run in a fresh event loop; from inside a running loop, in a worker thread."""
    require_httpx()
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(run_async(docs, options))
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, run_async(docs, options)).result()
