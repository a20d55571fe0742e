"""Value classes of online verification: what a platform said, verdicts, the result.

All are frozen attrs classes with `to_dict()` (JSON-ready: dates as ISO strings,
tuples as lists), like the classes of `socialcheck.model`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any, Literal

import attrs

from ..model import Document, Finding, Severity
from ..model import ToDict as _ToDict

Verdict = Literal["verified", "mismatch", "missing", "unknown"]
VERDICTS: tuple[Verdict, ...] = ("verified", "mismatch", "missing", "unknown")


@attrs.frozen
class PlatformPost(_ToDict):
    """What a platform answered about one post; None where it said nothing.

    `handle` is the account name as the platform has it now (X screen name, Bluesky
    handle, Mastodon `acct`, Instagram/TikTok username); `author_id` the stable account
    ID where there is one (Bluesky DID, Mastodon account ID). `created_at` is an aware
    UTC time, `date` a UTC calendar date when only that is known (X's oEmbed html).
    `text_truncated` is true when the platform's own text is cut ("…"). `source` is the
    endpoint name that answered.
    """

    platform: str
    source: str
    url: str | None = None
    status_id: str | None = None
    handle: str | None = None
    display_name: str | None = None
    author_id: str | None = None
    text: str | None = None
    text_truncated: bool = False
    created_at: _dt.datetime | None = None
    date: _dt.date | None = None
    indexed_at: _dt.datetime | None = None

    @property
    def utc_date(self) -> _dt.date | None:
        if self.date is not None:
            return self.date
        if self.created_at is not None:
            return self.created_at.astimezone(_dt.timezone.utc).date()
        return None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlatformPost:
        values = dict(data)
        for key in ("created_at", "indexed_at"):
            if values.get(key):
                values[key] = _dt.datetime.fromisoformat(values[key])
        if values.get("date"):
            values["date"] = _dt.date.fromisoformat(values["date"])
        names = {a.name for a in attrs.fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in names})


@attrs.frozen
class Difference(_ToDict):
    """One thing the platform says differently from the embed.

    `name` is the finding name it is reported as ("author-mismatch", "text-mismatch",
    "date-mismatch", "handle-renamed"); `field` what differs ("author", "handle",
    "text", "date"); `embed` and `platform` the two values as short strings.
    """

    name: str
    field: str
    embed: str | None
    platform: str | None
    detail: str


@attrs.frozen
class PostVerdict(_ToDict):
    """The verdict on one post of a document (`post_index` into `Document.posts`).

    verdict: "verified" (exists; every field compared agrees), "mismatch" (exists, but
    `differences` lists what differs), "missing" (the platform says it does not exist
    or cannot be seen: deleted, suspended, protected, private; `archived_url` is an
    archived copy when the Wayback Machine has one) or "unknown" (no answer could be
    had: no ID to ask about, unsupported platform, timeout, rate limit, network error,
    malformed answer, refused by the allowlist, time budget used up).

    `reason` is a short stable code (docs/verify.md lists them), `detail` a sentence.
    `url` is the post URL asked about and `status_id` the post's ID (found from a
    t.co/pic.twitter.com link when the embed shows none). `compared` names the fields
    that were compared ("author", "text", "date"); `found` is what the platform said.
    `cached` is true when the answer came from the cache without a request.
    """

    post_index: int
    platform: str
    verdict: Verdict
    reason: str
    detail: str = ""
    url: str | None = None
    status_id: str | None = None
    compared: tuple[str, ...] = ()
    differences: tuple[Difference, ...] = ()
    archived_url: str | None = None
    found: PlatformPost | None = None
    notes: tuple[str, ...] = ()
    cached: bool = False


@attrs.frozen
class VerifyStats(_ToDict):
    """Counters of one verification run (or of one document's share of it).

    `requests`: HTTP requests sent (each redirect hop and retry counts);
    `cache_hits`: answers taken from the cache; `refused`: URLs or redirect hops
    refused by the allowlist; `retries`: requests repeated after a timeout, a 5xx, a
    network error or a 429/503; `elapsed`: seconds.
    """

    requests: int = 0
    cache_hits: int = 0
    refused: int = 0
    retries: int = 0
    elapsed: float = 0.0


@attrs.frozen
class Rule(_ToDict):
    """A verification finding kind: code, name, default severity, what it means."""

    code: str
    name: str
    severity: Severity
    summary: str


RULES: tuple[Rule, ...] = (
    Rule("SC601", "post-missing", "warning", "the platform says the post does not exist"),
    Rule("SC602", "author-mismatch", "error", "the platform names another author"),
    Rule("SC603", "text-mismatch", "error", "the platform's text differs from the embed's"),
    Rule("SC604", "date-mismatch", "error", "the platform dates the post differently"),
    Rule("SC605", "handle-renamed", "warning", "the author's handle changed since the embed"),
    Rule("SC606", "verify-unknown", "info", "the post could not be verified"),
)
RULES_BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}


class VerifyResult(list[Finding]):
    """The findings of one document's verification (a list, sorted like `check()`'s).

    It is a plain list of `Finding`s, so `check(doc) + verify(doc)` works; it also
    carries `verdicts` (one `PostVerdict` per post, in `Document.posts` order),
    `stats` (this document's share of the run's `VerifyStats`) and `document`.
    """

    verdicts: tuple[PostVerdict, ...]
    stats: VerifyStats
    document: Document | None

    def __init__(
        self,
        findings: Iterable[Finding] = (),
        *,
        verdicts: Iterable[PostVerdict] = (),
        stats: VerifyStats | None = None,
        document: Document | None = None,
    ) -> None:
        super().__init__(findings)
        self.verdicts = tuple(verdicts)
        self.stats = stats if stats is not None else VerifyStats()
        self.document = document

    @property
    def findings(self) -> list[Finding]:
        return list(self)

    def counts(self) -> dict[str, int]:
        """How many posts got each verdict."""
        counts: dict[str, int] = dict.fromkeys(VERDICTS, 0)
        for v in self.verdicts:
            counts[v.verdict] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": [f.to_dict() for f in self],
            "verdicts": [v.to_dict() for v in self.verdicts],
            "counts": self.counts(),
            "stats": self.stats.to_dict(),
        }


@attrs.define
class Counters:
    """The mutable counters behind `VerifyStats` (one per run)."""

    requests: int = 0
    cache_hits: int = 0
    refused: int = 0
    retries: int = 0

    def snapshot(self, elapsed: float = 0.0) -> VerifyStats:
        return VerifyStats(self.requests, self.cache_hits, self.refused, self.retries, elapsed)
