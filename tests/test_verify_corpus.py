"""The corpus, verified against emulated endpoints built from its gold labels.

Each ../shared/corpus case is parsed; the fake platforms (tests/fake_platforms.py)
then hold, for every gold post that can be looked up, the post as the platform would
have it: the gold author, display name and date, and the text (the detected body,
which the corpus tests hold to the gold's start and end; a post the embed cut with
"…" goes on longer on the platform). X posts that show no ID get one (a snowflake of
their gold date) behind their pic.twitter.com / t.co links, as X's redirects do.

A few posts are made to differ (another author, a renamed account, other words,
another date) and some to be gone (404 with an archived copy, 410); the test checks
the verdict of every post, that no request left the fake server or was refused, and
that a second run over the same input with the same cache sends no request at all.

Without the corpus folder the test skips, unless CI is set (then it fails).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("httpx")

from socialcheck import Document, Post  # noqa: E402
from socialcheck.platforms.ids import decode_id_time  # noqa: E402
from socialcheck.platforms.urls import parse_post_url  # noqa: E402
from socialcheck.verify import verify_documents  # noqa: E402
from socialcheck.verify._compare import words  # noqa: E402

try:
    from . import fake_platforms as fp
    from . import golden
except ImportError:
    import fake_platforms as fp  # type: ignore[no-redef]
    import golden  # type: ignore[no-redef]

UTC = dt.timezone.utc
CORPUS_JSONS = (
    sorted(golden.CORPUS_DIR.glob("[0-9][0-9][0-9].json")) if golden.CORPUS_DIR.is_dir() else []
)
MORE = " and the rest of the post, which the embed cut off"


@pytest.fixture(autouse=True)
def no_internet(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any name lookup but the loopback fails; the names asked for are recorded."""
    return fp.guard_name_lookups(monkeypatch)


@dataclass
class Expected:
    verdict: str
    findings: set[str] = field(default_factory=set)
    reason: str | None = None
    archived: str | None = None


@dataclass
class Item:
    case: str
    index: int
    post: Post
    gold: Mapping[str, Any]
    status_id: str | None = None
    codes: list[str] = field(default_factory=list)
    from_link: bool = False


def _short_codes(post: Post) -> list[str]:
    codes = []
    for link in post.links:
        parsed = parse_post_url(link)
        if parsed is not None and parsed.platform == "twitter" and parsed.kind == "short":
            assert parsed.code is not None
            codes.append(parsed.code)
    return codes


def _platform_text(post: Post) -> str:
    body = post.body or ""
    if post.truncated or body.rstrip().endswith(("\u2026", "...")):
        return body.rstrip().rstrip("\u2026.").rstrip() + MORE
    return body


def _gold_date(gold: Mapping[str, Any], doc: Document) -> dt.date:
    if gold.get("date"):
        return dt.date.fromisoformat(gold["date"])
    return doc.article_date or dt.date(2018, 1, 20)


class World:
    """The fake platforms' content, built from the gold labels, and what to expect."""

    def __init__(self, fake: fp.FakePlatforms) -> None:
        self.fake = fake
        self.docs: list[tuple[str, Document]] = []
        self.expected: dict[tuple[str, int], Expected] = {}
        self.sequence = 0

    def snowflake(self, day: dt.date) -> str:
        self.sequence += 1
        noon = dt.datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
        return fp.snowflake(noon + dt.timedelta(seconds=self.sequence), self.sequence)

    def build(self, cases: list[golden.Case]) -> None:
        lookable: list[Item] = []
        for case in cases:
            doc = golden.parse_case(case)
            self.docs.append((case.name, doc))
            gold_posts = list(case.gold.get("posts", []))
            assert len(gold_posts) == len(doc.posts), case.name
            for i, (post, gold) in enumerate(zip(doc.posts, gold_posts, strict=True)):
                assert post.platform == gold["platform"], (case.name, i)
                item = Item(case.name, i, post, gold)
                if self.add(item, doc):
                    lookable.append(item)
                else:
                    self.expected[(case.name, i)] = Expected("unknown", {"verify-unknown"},
                                                             reason="no-identifier")  # fmt: skip
        for item in lookable:
            self.expected[(item.case, item.index)] = Expected("verified")
        self.perturb(lookable)

    def add(self, item: Item, doc: Document) -> bool:
        post, gold = item.post, item.gold
        if post.platform == "twitter":
            codes = _short_codes(post)
            if not post.status_id and not codes:
                return False
            day = _gold_date(gold, doc)
            item.status_id = post.status_id or self.snowflake(day)
            item.codes = [] if post.status_id else codes
            item.from_link = not post.status_id
            handle = gold.get("handle") or "unsigned_author"
            self.fake.add_tweet(
                item.status_id,
                handle,
                gold.get("display_name") or handle,
                _platform_text(post),
                day,
                media=item.codes,
            )
            return True
        if post.platform == "bluesky" and post.url and post.status_id:
            parsed = parse_post_url(post.url)
            assert parsed is not None and parsed.handle is not None
            decoded = decode_id_time("bluesky", post.status_id)
            assert decoded is not None
            self.fake.add_bluesky(
                fp.BskyPost(
                    did=parsed.handle,
                    handle=gold["handle"],
                    rkey=post.status_id,
                    text=_platform_text(post),
                    created_at=decoded.time,
                    display_name=gold.get("display_name"),
                )
            )
            return True
        if post.platform == "instagram" and post.status_id:
            payload = fp.instagram_payload(gold["handle"], gold.get("display_name") or "")
            self.fake.add_oembed("instagram_oembed", post.status_id, payload)
            return True
        return False

    def perturb(self, lookable: list[Item]) -> None:
        """Make some X posts differ and some go missing, spread over the corpus."""
        able = [
            it
            for it in lookable
            if it.from_link and it.post.handle and it.post.date and words(it.post.body or "")
        ]
        assert len(able) >= 18, len(able)
        pick = able[1::3]
        author, renamed, text, date, gone404, gone410 = pick[:6]

        t = self.fake.tweets[author.status_id or ""]
        self.retweet(author, handle="impostor_acct", name="Somebody Else Entirely")
        self.expect(author, "mismatch", {"author-mismatch"})

        t = self.fake.tweets[renamed.status_id or ""]
        self.retweet(renamed, handle=(t.handle + "_2")[:15], name=t.name)
        self.expect(renamed, "mismatch", {"handle-renamed"})

        t = self.fake.tweets[text.status_id or ""]
        words_ = t.text.split()
        words_[min(2, len(words_) - 1)] = "FABRICATED"
        t.text = " ".join(words_)
        self.expect(text, "mismatch", {"text-mismatch"})

        t = self.fake.tweets[date.status_id or ""]
        self.retweet(date, day=t.date - dt.timedelta(days=3))
        self.expect(date, "mismatch", {"date-mismatch"})

        assert gone404.status_id and gone410.status_id
        self.fake.fault(gone404.status_id, "404", endpoint="twitter_oembed")
        self.fake.fault(gone404.status_id, "404", endpoint="x_oembed")
        snapshot = f"http://web.archive.org/web/20180120000000/https://twitter.com/x/status/{gone404.status_id}"
        self.fake.archives[gone404.status_id] = snapshot
        self.expect(gone404, "missing", {"post-missing"}, reason="not-found", archived=snapshot)
        self.fake.fault(gone410.status_id, "410", endpoint="twitter_oembed")
        self.fake.fault(gone410.status_id, "410", endpoint="x_oembed")
        self.expect(gone410, "missing", {"post-missing"}, reason="gone")

    def retweet(self, item: Item, **changes: Any) -> None:
        """Replace an item's tweet (new ID for a new date; links follow it)."""
        old = self.fake.tweets.pop(item.status_id or "")
        day = changes.get("day", old.date)
        sid = self.snowflake(day) if day != old.date else old.status_id
        item.status_id = sid
        self.fake.add_tweet(
            sid,
            changes.get("handle", old.handle),
            changes.get("name", old.name),
            old.text,
            day,
            media=old.media,
        )

    def expect(self, item: Item, verdict: str, findings: set[str], **kw: Any) -> None:
        self.expected[(item.case, item.index)] = Expected(verdict, findings, **kw)


@pytest.fixture
def world() -> Iterator[World]:
    if not CORPUS_JSONS:
        golden.missing_corpus(f"no corpus at {golden.CORPUS_DIR}")
    cases = [golden.load_case(p, name=p.stem) for p in CORPUS_JSONS]
    with fp.FakePlatforms() as fake:
        w = World(fake)
        w.build(cases)
        yield w


def test_corpus_verdicts_and_second_run(
    world: World, tmp_path: Path, no_internet: list[str]
) -> None:
    docs = [doc for _, doc in world.docs]
    options: dict[str, Any] = {
        "endpoints": world.fake.endpoints(),
        "cache": tmp_path / "verify.sqlite3",
        "timeout": 2.0,
        "progress": False,
    }
    results = verify_documents(docs, **options)
    problems = []
    counts: dict[str, int] = {}
    for (name, _doc), result in zip(world.docs, results, strict=True):
        for v in result.verdicts:
            want = world.expected[(name, v.post_index)]
            got_findings = {f.name for f in result if f.post_index == v.post_index}
            counts[v.verdict] = counts.get(v.verdict, 0) + 1
            ok = (
                v.verdict == want.verdict
                and got_findings == want.findings
                and (want.reason is None or v.reason == want.reason)
                and (want.archived is None or v.archived_url == want.archived)
            )
            if not ok:
                problems.append(
                    f"{name} post {v.post_index} (@{v.found.handle if v.found else '-'}): "
                    f"expected {want}, got {v.verdict}/{v.reason} {sorted(got_findings)} "
                    f"{v.detail}"
                )
    assert not problems, "\n".join(problems)
    assert counts["verified"] >= 30 and counts["mismatch"] == 4 and counts["missing"] == 2
    stats = results[0].stats
    assert stats.refused == 0
    assert stats.requests == world.fake.requests > 0
    assert set(no_internet) <= {"127.0.0.1"}

    # The same input again, with the same cache: not one request.
    before = world.fake.requests
    again = verify_documents(docs, **options)
    assert world.fake.requests == before
    assert again[0].stats.requests == 0
    assert [[v.verdict for v in r.verdicts] for r in again] == [
        [v.verdict for v in r.verdicts] for r in results
    ]
    assert [[(f.code, f.span) for f in r] for r in again] == [
        [(f.code, f.span) for f in r] for r in results
    ]
