"""The HTTP side of verification: polite, bounded, allowlisted GETs (httpx).

This is the only module that imports httpx; it is imported when a verification
starts, never by `import socialcheck` or `parse`/`check`.

Every request:
- waits for a token of its (endpoint, host) bucket (`RATE_LIMITS`) and for any
  pause a 429/503 Retry-After or an exhausted `X-RateLimit-Remaining` set on the
  host; holds one of `concurrency` global slots and one of `per_host` host slots;
- is checked against the allowlist, and so is every redirect hop (redirects are
  followed by hand, at most `MAX_REDIRECTS`, a loop is an error);
- has a total deadline of `timeout` seconds (connect, headers and body together,
  so a slow trickle times out too), never past the run's `budget`;
- reads at most `max_bytes` of body (after decompression) and fails beyond that;
- is retried `retries` times with exponential backoff and jitter after a timeout, a
  network error (connection refused or reset) or a 5xx, and after a 429/503 when its
  Retry-After fits within `max_retry_wait` and the budget.
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import email.utils
import random
import time
from collections.abc import Iterable, Mapping
from urllib.parse import urljoin

import attrs
import httpx

from ..dates import parse_iso_datetime
from ._allowlist import Allowlist, HostPort, Refused, Target
from ._models import Counters

MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_BACKOFF_BASE = 0.25
_BACKOFF_MAX = 4.0


class FetchError(Exception):
    """A request that settled nothing: `reason` is a stable code, `detail` a sentence."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class _Retry(Exception):
    def __init__(self, reason: str, detail: str, wait: float | None = None) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
        self.wait = wait


@attrs.frozen
class Reply:
    status: int
    headers: Mapping[str, str]
    body: bytes
    url: str

    @property
    def location(self) -> str | None:
        value = self.headers.get("location")
        return urljoin(self.url, value) if value else None


class _Bucket:
    """A token bucket: at most `capacity` requests at once, refilled at `rate` per second."""

    def __init__(self, capacity: int, per: float) -> None:
        self.capacity = float(max(1, capacity))
        self.rate = self.capacity / max(per, 1e-9)
        self.tokens = self.capacity
        self.stamp = time.monotonic()
        self.lock = asyncio.Lock()

    def wait_needed(self) -> float:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.rate


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.timezone.utc)
    current = now if now is not None else time.time()
    return max(0.0, when.timestamp() - current)


def _reset_in(headers: Mapping[str, str]) -> float | None:
    """Mastodon's X-RateLimit-Reset when X-RateLimit-Remaining is 0: seconds to wait."""
    if headers.get("x-ratelimit-remaining", "").strip() != "0":
        return None
    reset = headers.get("x-ratelimit-reset", "").strip()
    if not reset:
        return None
    try:
        when = parse_iso_datetime(reset)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.timezone.utc)
    return max(0.0, when.timestamp() - time.time())


class Fetcher:
    """GETs for one verification run; see the module doc. Create inside the event loop."""

    def __init__(
        self,
        *,
        allowlist: Allowlist,
        counters: Counters,
        limits: Mapping[str, tuple[int, float]],
        timeout: float,
        deadline: float | None,
        retries: int,
        max_bytes: int,
        max_retry_wait: float,
        concurrency: int,
        per_host: int,
        user_agent: str,
        proxy: str | None,
    ) -> None:
        self.allowlist = allowlist
        self.counters = counters
        self.limits = limits
        self.timeout = timeout
        self.deadline = deadline
        self.retries = retries
        self.max_bytes = max_bytes
        self.max_retry_wait = max_retry_wait
        self.per_host = per_host
        self._global = asyncio.Semaphore(concurrency)
        self._hosts: dict[HostPort, asyncio.Semaphore] = {}
        self._buckets: dict[tuple[str, HostPort], _Bucket] = {}
        self._paused: dict[HostPort, float] = {}
        self._client = httpx.AsyncClient(
            headers={"User-Agent": user_agent, "Accept": "application/json, text/html;q=0.5"},
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            trust_env=False,
            proxy=proxy,
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    # ------------------------------------------------------------------ budget

    def remaining(self) -> float:
        if self.deadline is None:
            return float("inf")
        return self.deadline - time.monotonic()

    def _budget_error(self) -> FetchError:
        return FetchError("budget", "the run's time budget is used up")

    async def _sleep(self, seconds: float, reason: str, detail: str) -> None:
        if seconds <= 0:
            return
        if seconds > self.remaining():
            raise FetchError(reason, detail + " (beyond the time budget)")
        await asyncio.sleep(seconds)

    # ------------------------------------------------------------------ public

    async def get(
        self, endpoint: str, url: str, *, follow: bool = True, extra: Iterable[HostPort] = ()
    ) -> Reply:
        """GET `url` for `endpoint`; redirects followed within the allowlist unless `follow`
        is false (then a 3xx reply is returned as is). Raises FetchError."""
        extra = tuple(extra)
        attempt = 0
        while True:
            if self.remaining() <= 0:
                raise self._budget_error()
            try:
                return await self._chain(endpoint, url, follow, extra)
            except _Retry as again:
                attempt += 1
                if attempt > self.retries:
                    raise FetchError(again.reason, again.detail) from None
                if again.wait is not None:
                    if again.wait > self.max_retry_wait:
                        raise FetchError(
                            again.reason,
                            f"{again.detail}; Retry-After {again.wait:.0f} s is longer than "
                            f"the {self.max_retry_wait:.0f} s we wait",
                        ) from None
                    wait = again.wait
                else:
                    wait = min(_BACKOFF_MAX, _BACKOFF_BASE * 2 ** (attempt - 1))
                    wait += random.uniform(0, wait / 4)
                self.counters.retries += 1
                await self._sleep(wait, again.reason, again.detail)

    # ------------------------------------------------------------------ internals

    def _check(self, url: str, extra: tuple[HostPort, ...]) -> Target:
        try:
            return self.allowlist.check(url, extra)
        except Refused as exc:
            self.counters.refused += 1
            raise FetchError("refused", str(exc)) from None

    async def _chain(
        self, endpoint: str, url: str, follow: bool, extra: tuple[HostPort, ...]
    ) -> Reply:
        seen = {url}
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            target = self._check(current, extra)
            try:
                await self.allowlist.check_address(target)
            except Refused as exc:
                self.counters.refused += 1
                raise FetchError("refused", str(exc)) from None
            reply = await self._once(endpoint, target, current)
            if reply.status in (429, 503):
                wait = retry_after(reply.headers.get("retry-after"))
                if wait is not None:
                    self._pause(target.key, wait)
                    raise _Retry("rate-limited", f"{target.host} answered {reply.status}", wait)
                if reply.status == 429:
                    raise _Retry("rate-limited", f"{target.host} answered 429", 1.0)
            if 500 <= reply.status < 600:
                raise _Retry("server-error", f"{target.host} answered HTTP {reply.status}")
            reset = _reset_in(reply.headers)
            if reset is not None:
                self._pause(target.key, reset)
            if not follow or reply.status not in _REDIRECTS:
                return reply
            location = reply.location
            if location is None:
                return reply
            if location in seen:
                raise FetchError("redirect-loop", f"{target.host} redirects in a loop")
            seen.add(location)
            current = location
        raise FetchError("redirect-loop", f"more than {MAX_REDIRECTS} redirects from {url}")

    def _pause(self, key: HostPort, seconds: float) -> None:
        until = time.monotonic() + seconds
        if until > self._paused.get(key, 0.0):
            self._paused[key] = until

    async def _admit(self, endpoint: str, target: Target) -> None:
        paused = self._paused.get(target.key, 0.0) - time.monotonic()
        if paused > 0:
            if paused > self.max_retry_wait:
                raise FetchError(
                    "rate-limited", f"{target.host} asked us to wait {paused:.0f} s more"
                )
            await self._sleep(paused, "rate-limited", f"{target.host} asked us to wait")
        count, per = self.limits.get(endpoint, (60, 60.0))
        bucket = self._buckets.get((endpoint, target.key))
        if bucket is None:
            bucket = self._buckets[(endpoint, target.key)] = _Bucket(count, per)
        async with bucket.lock:
            while True:
                wait = bucket.wait_needed()
                if wait <= 0:
                    break
                await self._sleep(wait, "budget", f"the rate limit of {endpoint} needs a wait")

    async def _once(self, endpoint: str, target: Target, url: str) -> Reply:
        await self._admit(endpoint, target)
        host_slots = self._hosts.get(target.key)
        if host_slots is None:
            host_slots = self._hosts[target.key] = asyncio.Semaphore(self.per_host)
        async with self._global, host_slots:
            limit = min(self.timeout, self.remaining())
            if limit <= 0:
                raise self._budget_error()
            self.counters.requests += 1
            try:
                return await asyncio.wait_for(self._exchange(url), timeout=limit)
            except (asyncio.TimeoutError, httpx.TimeoutException):
                if limit < self.timeout:
                    raise FetchError("budget", "the time budget ran out mid-request") from None
                detail = f"{target.host} did not answer within {limit:g} s"
                raise _Retry("timeout", detail) from None
            except httpx.DecodingError as exc:
                detail = f"undecodable body from {target.host}: {exc}"
                raise FetchError("malformed", detail) from None
            except httpx.TransportError as exc:
                kind = type(exc).__name__
                raise _Retry("network-error", f"{kind} talking to {target.host}") from None

    async def _exchange(self, url: str) -> Reply:
        request = self._client.build_request("GET", url)
        response = await self._client.send(request, stream=True)
        try:
            headers = {k.lower(): v for k, v in response.headers.items()}
            if response.status_code in _REDIRECTS:
                return Reply(response.status_code, headers, b"", url)
            length = headers.get("content-length", "")
            if length.isdigit() and int(length) > self.max_bytes:
                raise FetchError(
                    "too-large", f"the answer is {int(length)} bytes, over {self.max_bytes}"
                )
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError("too-large", f"the answer is over {self.max_bytes} bytes")
                chunks.append(chunk)
            return Reply(response.status_code, headers, b"".join(chunks), url)
        finally:
            await response.aclose()
