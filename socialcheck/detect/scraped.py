"""Posts in scraped text: a signature, the links run before it, and the body before that."""

from __future__ import annotations

from .._lazy import lazy_compile
from .._literals import Haystack, Literals
from ..model import Post
from ..platforms import twitter
from ..platforms.urls import PostURL, parse_post_url
from ._claimed import NOTHING, Claimed
from .body import BodyStart, dominant_gap, find_body_start, quote_marker_at
from .signature import Signature, find_signatures

_TOKEN_BACKWARDS = lazy_compile(r"(?r)\S+")
# Brackets and angle brackets end a link: Markdown writes `[pic.twitter.com/x](https://t.co/x)`
# and `<https://t.co/x>`.
_LINK = lazy_compile(
    r"(?:https?://[^\s\[\]<>]{1,300}|(?:pic\.(?:twitter|x)\.com|t\.co)/\w{1,30}[^\s\[\]<>]{0,40}"
    r"|www\.[^\s\[\]<>]{1,300})"
)
# A Markdown link or autolink as one word of the links run (its label, or its address).
_MD_LINK_WORD = lazy_compile(r"\[([^\[\]]{1,300})\]\([^\s()]{1,400}\)[.,;:!?]{0,3}")
_AUTOLINK_WORD = lazy_compile(r"<(https?://[^\s<>]{1,300})>[.,;:!?]{0,3}")
_HASHTAG = lazy_compile(r"#\w{1,100}")
# A link glued to the end of a sentence: the source dropped the break before it.
_GLUED_LINK = lazy_compile(r"[.!?:\"”’)](https?://|pic\.(?:twitter|x)\.com/|t\.co/)")
_MEDIA_PLACEHOLDER = "[image or embed]"
_LINKS_WINDOW = 1200
_BODY_WINDOW = 4000
_BLUESKY_LIMIT = 300


def links_run_start(text: str, lo: int, sig_start: int) -> int:
    """Start of the links (and hashtags between them) just before the signature."""
    window_lo = max(lo, sig_start - _LINKS_WINDOW)
    tail = text[window_lo:sig_start].rstrip()
    if tail.endswith(_MEDIA_PLACEHOLDER):
        # Bluesky's embed appends this link text for media; it is not the author's words.
        sig_start = window_lo + len(tail) - len(_MEDIA_PLACEHOLDER)
    run_start = sig_start
    # Read words backwards from the signature; the run is usually a word or two long.
    for tok in _TOKEN_BACKWARDS.finditer(text, window_lo, sig_start):
        word = tok.group(0)
        if not word.strip(">") and quote_marker_at(text, tok.start()):
            continue  # a Markdown quote's marker: white space to the run
        md = _MD_LINK_WORD.fullmatch(word)
        label = md.group(1) if md else ""
        if (
            _LINK.fullmatch(word)
            or _LINK.match(word)
            and word.startswith(("http", "pic.", "t.co"))
            or _LINK.fullmatch(label)
            or _AUTOLINK_WORD.fullmatch(word)
        ):
            run_start = tok.start()
        elif (_HASHTAG.fullmatch(word) or _HASHTAG.fullmatch(label)) and run_start < sig_start:
            continue
        else:
            glued = _GLUED_LINK.search(word)
            if glued is not None:
                # "…knows how.pic.twitter.com/…": the link starts mid-word.
                run_start = tok.start() + glued.start(1)
            break
    return run_start


def links_in(text: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    out = []
    for m in _LINK.finditer(text, start, end):
        if text.startswith("](", m.start() - 2):
            continue  # a Markdown link's address: its label is the link as shown
        link = m.group(0).rstrip('.,;:!?)…"”’')
        out.append((link, (m.start(), m.start() + len(link))))
    return out


def _own_url(sig: Signature, links: list[str]) -> PostURL | None:
    """The post's own permalink: the date's link, or a post URL of the signer's.

    A link to someone else's post in the body is a quoted post, not this one.
    """
    if sig.url:
        found = parse_post_url(sig.url)
        if found is not None and found.kind == "post":
            return found
    for link in reversed(links):
        found = parse_post_url(link)
        if (
            found is not None
            and found.kind == "post"
            and found.platform == sig.platform
            and (found.handle or "").casefold() == sig.handle.casefold()
        ):
            return found
    return None


def _limit(sig: Signature) -> int:
    if sig.platform == "bluesky":
        return _BLUESKY_LIMIT
    return twitter.length_limit(sig.date.date)


def post_from_signature(
    text: str, sig: Signature, lo: int, usual_gap: int = 2, *, whole: bool = False
) -> Post:
    """The post that `sig` signs; `whole`: everything from `lo` is the body (an embed's box)."""
    run_start = links_run_start(text, lo, sig.start)
    body_end = run_start
    while body_end > lo and (
        text[body_end - 1].isspace()
        or text[body_end - 1] == ">"
        and quote_marker_at(text, body_end - 1)
    ):
        body_end -= 1
    limit = _limit(sig)
    line_start = text.rfind("\n", lo, run_start) + 1
    standalone = line_start > body_end
    # A link glued to the sentence before it stands where a paragraph break was lost:
    # that sentence is the reporter's, and the post is only its link.
    glued_link = (
        run_start > lo
        and not text[run_start - 1].isspace()
        and run_start < sig.start
        and not text.startswith(_MEDIA_PLACEHOLDER, run_start)  # Bluesky's, not a link
    )
    found: BodyStart | None
    if glued_link and not whole:
        found = BodyStart(
            run_start, 0.8, ("the link is glued to the sentence before it: the post is the link",)
        )
    elif whole:
        first = lo
        while first < body_end and text[first].isspace():
            first += 1
        found = BodyStart(first, 1.0, ("the embed's box holds only the post",))
    else:
        found = find_body_start(
            text,
            max(lo, body_end - _BODY_WINDOW),
            body_end,
            limit,
            usual_gap,
            standalone,
            link_only=standalone and run_start < sig.start,
        )
    evidence: list[str] = []
    confidence = 0.95 if sig.dash else 0.85
    if sig.date.date is None:
        confidence *= 0.8
    if found is None or found.start >= body_end:
        body = None
        body_span = None
        start = run_start if run_start < sig.start else sig.start
        if found is not None:
            evidence.extend(found.evidence)
            confidence *= found.confidence
        else:
            evidence.append("no text of its own between the previous post and the signature")
    else:
        body_span = (found.start, body_end)
        body = text[found.start : body_end]
        start = found.start
        evidence.extend(found.evidence)
        confidence *= found.confidence
    links = links_in(text, start, sig.start)
    own = _own_url(sig, [link for link, _ in links])
    truncated = body is not None and body.endswith(("…", "...")) and (len(body) >= 0.7 * limit)
    if not sig.dash:
        evidence.append("signature has no dash (stripped by the source)")
    # Cheap length test first: a weighted length over 280 needs more than 140 characters.
    if sig.platform == "twitter" and body and not truncated and twitter.may_exceed_limit(body):
        weight = twitter.weighted_length(body)
        if weight > 280:
            confidence *= 0.8
            evidence.append(
                f"the body weighs {weight} characters, over X's 280 (a paid long post, "
                "or text that is not the post's)"
            )
    return Post(
        platform=sig.platform,
        span=(start, sig.end),
        handle=sig.handle,
        display_name=sig.display_name,
        date=sig.date.date,
        date_text=sig.date.text,
        date_problem=sig.date.problem,
        body=body,
        links=tuple(link for link, _ in links),
        link_spans=tuple(span for _, span in links),
        status_id=own.post_id if own else None,
        url=own.canonical if own else None,
        truncated=truncated,
        body_span=body_span,
        signature_span=(sig.start, sig.end),
        confidence=round(min(1.0, max(0.0, confidence)), 3),
        evidence=tuple(evidence),
        form="scraped-signature",
    )


# Every signature has its anchor `(@` (a space, or a Markdown link's `[`, allowed between):
# see signature._ANCHOR.
TRIGGERS = Literals("(@", "( @", "(\t@", "(\u00a0@", "([@", "( [@", "(\t[@", "(\u00a0[@")


def detect(
    text: str, floor: int = 0, hay: Haystack | None = None, claimed: Claimed = NOTHING
) -> list[Post]:
    """Posts with a scraped signature in `text`; no body reaches back before `floor`.

    `claimed` spans hold markup posts: the signatures inside them are not read (they
    make no post), and no body reaches back into one: a post written right after an
    embed starts after the embed."""
    if not (hay or Haystack.of(text)).has_any(TRIGGERS):
        return []
    signatures = find_signatures(text, claimed)
    if not signatures:
        return []
    lo = floor
    usual_gap = dominant_gap(text, lo)
    posts = []
    for sig in signatures:
        lo = max(lo, claimed.end_before(sig.start))  # no body reaches into a markup post
        if sig.start < lo:
            # It begins inside a markup post (or before the floor): no post of its own,
            # and no later body reaches back over it.
            lo = max(lo, sig.end)
            continue
        if not claimed.overlaps(sig.start, sig.end):
            posts.append(post_from_signature(text, sig, lo, usual_gap))
        lo = sig.end
    return posts
