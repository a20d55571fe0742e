"""Checks on the date written under a post."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Post
from ._base import Check, Context, Hit, plural_days, signature_span

# Forms that always display a date (a signature or a dated embed box). Every other form
# (shortcodes, widgets, unsigned posts, dateless footers and markers) may show none by
# design, so a missing date there is not a finding; a date written but unreadable is.
DATED_FORMS = frozenset({"scraped-signature", "html-embed"})

# `socialcheck.dates` words this problem as "impossible date '...'"; any other
# problem (e.g. "unknown month name 'Februar'") only means we could not read it.
_IMPOSSIBLE = "impossible date"


def _quoted(text: str | None) -> str:
    return repr(text) if text is not None else "(no date text)"


class PostAfterArticle(Check):
    """A post dated after the article that embeds it.

    An article cannot quote a post written after it was published, so the post, the
    article date or the embed is wrong. X embeds print the post's UTC date, which can
    be a day after the article's local date, hence `date_slack_days` (default 1).
    """

    code = "SC101"
    name = "post-after-article"
    severity = "error"
    message = "post dated {post_date} is {delta} after the article date {article_date}"

    def check_post(self, ctx: Context, index: int, post: Post) -> Iterator[Hit]:
        article = ctx.doc.article_date
        if post.date is None or article is None:
            return
        delta = (post.date - article).days
        if delta > ctx.config.date_slack_days:
            yield Hit(
                index,
                signature_span(post),
                {"post_date": post.date, "article_date": article, "delta": plural_days(delta)},
            )


class StalePost(Check):
    """A post much older than the article that embeds it.

    Old posts are often recycled as if they were news. Reported when the post is more
    than `stale_days` (default 30) days older than the article date.
    """

    code = "SC102"
    name = "stale-post"
    severity = "warning"
    message = (
        "post dated {post_date} is {delta} older than the article date {article_date}"
        " (possibly recycled)"
    )

    def check_post(self, ctx: Context, index: int, post: Post) -> Iterator[Hit]:
        article = ctx.doc.article_date
        if post.date is None or article is None:
            return
        age = (article - post.date).days
        if age > ctx.config.stale_days:
            yield Hit(
                index,
                signature_span(post),
                {"post_date": post.date, "article_date": article, "delta": plural_days(age)},
            )


class PostInFuture(Check):
    """A post dated after today (UTC): the date is mistyped or the embed is fake."""

    code = "SC103"
    name = "post-in-future"
    severity = "error"
    message = "post dated {post_date} is in the future (today is {today} UTC)"

    def check_post(self, ctx: Context, index: int, post: Post) -> Iterator[Hit]:
        if post.date is not None and post.date > ctx.today:
            yield Hit(index, signature_span(post), {"post_date": post.date, "today": ctx.today})


class UndatedPost(Check):
    """A post whose signature gives no readable date.

    Without a date the other date checks cannot run. Covers both a missing date and a
    written date we cannot read (e.g. an unknown month name); an impossible calendar
    date is SC105 instead. A missing date is reported only for forms that always show
    one (a scraped signature, a dated embed box); shortcodes, widgets, unsigned posts
    and dateless footers show none by design.
    """

    code = "SC104"
    name = "undated-post"
    severity = "warning"
    message = "post has no readable date{detail}"

    def check_post(self, ctx: Context, index: int, post: Post) -> Iterator[Hit]:
        if post.date is not None:
            return
        problem = post.date_problem
        if problem is None:
            if post.form in DATED_FORMS:
                yield Hit(index, signature_span(post), {"detail": ""})
        elif not problem.startswith(_IMPOSSIBLE):
            # A date was written, so the form's convention does not excuse it.
            detail = f": {_quoted(post.date_text)} ({problem})"
            yield Hit(index, signature_span(post), {"detail": detail})


class ImpossibleDate(Check):
    """A written date that does not exist on the calendar (e.g. February 30).

    A real embed prints a real date, so this points to a hand-typed or forged post.
    """

    code = "SC105"
    name = "impossible-date"
    severity = "error"
    message = "post date {date_text} does not exist ({problem})"

    def check_post(self, ctx: Context, index: int, post: Post) -> Iterator[Hit]:
        problem = post.date_problem
        if post.date is None and problem is not None and problem.startswith(_IMPOSSIBLE):
            yield Hit(
                index,
                signature_span(post),
                {"date_text": _quoted(post.date_text), "problem": problem},
            )


DATE_CHECKS: tuple[type[Check], ...] = (
    PostAfterArticle,
    StalePost,
    PostInFuture,
    UndatedPost,
    ImpossibleDate,
)
