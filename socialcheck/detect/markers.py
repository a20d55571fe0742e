"""Posts between the BBC's accessibility markers (docs/embed-formats.md 2.2).

BBC pages wrap every embed in a skip link and an end label, which scrapers keep::

    Skip Twitter post by @x
    Allow Twitter content? This article contains content provided by Twitter. ...
    Accept and continue
    Body words pic.twitter.com/AbCdEfGhIj — Jane Doe (@x) March 5, 2026 Report
    The BBC is not responsible for the content of external sites.
    End of Twitter post by @x

The numbered forms (`Skip Twitter post 2 by @x`), the other platforms (Instagram,
Facebook, YouTube, TikTok; X as "Twitter" or "X") and a lower-case platform name are
read the same way. One post spans from the skip marker to the end marker. Its body is
the text between them without the consent and disclaimer boilerplate; a signature
inside (`— Name (@x) date`) ends the body and gives the name and date, as in scraped
text. Sometimes the handle after the skip marker is lost (`Skip Twitter post by The
body…`): the end marker's handle decides whether the word after "by" is one. Sometimes
only the end marker survives: the post then ends there and its body is found before it
by the usual evidence (docs/body-boundaries.md), starting after the last sentence with a
reporting verb ("Users have reported that…"), at a lower confidence (at most 0.6).

Register this detector before the scraped-signature one: the signature inside a marker
block is also a scraped signature, and the marker block is the whole post.
"""

from __future__ import annotations

import attrs
import regex

from .._lazy import lazy_compile
from .._literals import Haystack, Literals
from ..model import Post
from ..platforms import twitter
from ._claimed import NOTHING, Claimed
from .body import dominant_gap, find_body_start
from .footers import INSTAGRAM_CAPTION_LIMIT, TIKTOK_CAPTION_LIMIT
from .scraped import links_in, links_run_start, post_from_signature
from .signature import Signature, find_signatures

_SP = r"[ \t\u00a0]"
_MARKER = lazy_compile(
    rf"(?P<kind>Skip|End{_SP}of){_SP}"
    r"(?P<platform>(?i:twitter|x|instagram|facebook|youtube|tiktok))"
    rf"{_SP}(?i:post)(?:{_SP}(?P<n>\d{{1,2}}))?{_SP}by(?![\p{{L}}\d])"
)
_HANDLE_AFTER = lazy_compile(rf"{_SP}{{0,2}}(?P<at>@)?(?P<h>[\w.]{{1,64}})")
_PLATFORMS = {
    "twitter": "twitter",
    "x": "twitter",
    "instagram": "instagram",
    "facebook": "facebook",
    "youtube": "youtube",
    "tiktok": "tiktok",
}
# Sentences the BBC's consent box and disclaimer put inside the block.
_BOILERPLATE = lazy_compile(
    r"(?:Allow[ \t\u00a0][\w ]{1,30}[ \t\u00a0]content\?"
    r"|This (?:article|page) contains content provided by [^.\n]{1,80}\."
    r"|We ask for your permission before anything is loaded, as they may be using cookies"
    r" and other technologies\."
    r"|You may want to read [^\n]{1,300}? before accepting\."
    r"|To view this content choose [‘'\"]?accept and continue[’'\"]?\.?"
    r"|Accept and continue"
    r"|The BBC is not responsible for the content of external sites\.?"
    r"|Read about our approach to external linking\.?"
    r"|View original content on [\w ]{1,30}?(?=[\s.]|$)"
    r"|This [\w ]{1,30} post cannot be displayed in your browser\. Please enable Javascript"
    r" or try a different browser\.?"
    r"|Content is not available)",
    regex.IGNORECASE,
)
# Between a signature and the end marker: at most the BBC's "Report" link.
_REPORT_ONLY = lazy_compile(r"\s{0,20}(?:Report\s{0,20})?")
_SENTENCE_END = lazy_compile(r"[.!?…][\"”’)]?[ \t\u00a0]+(?=\S)")
_MAX_SENTENCES = 12
# A reporter's verb (narrower than body.REPORTING_CUE, whose "message", "online"...
# are common in posts themselves).
_REPORTING_VERB = lazy_compile(
    r"\b(?:said|says|told|reported|reports|according|wrote|tweeted|posted|added|noted|"
    r"explained|announced)\b",
    regex.IGNORECASE,
)
_PAIR_WINDOW = 8000  # a Skip marker and its End marker are never further apart
_BODY_WINDOW = 4000


@attrs.frozen
class Marker:
    kind: str  # "skip" | "end"
    start: int
    end: int  # after "by"
    platform: str
    number: str | None
    token: str | None  # the word after "by" (without "@")
    token_end: int
    at_sign: bool


def _markers(text: str) -> list[Marker]:
    found = []
    for m in _MARKER.finditer(text):
        after = _HANDLE_AFTER.match(text, m.end(), min(len(text), m.end() + 70))
        found.append(
            Marker(
                kind="skip" if m.group("kind") == "Skip" else "end",
                start=m.start(),
                end=m.end(),
                platform=_PLATFORMS[m.group("platform").lower()],
                number=m.group("n"),
                token=after.group("h").rstrip(".") if after else None,
                token_end=after.start("h") + len(after.group("h").rstrip("."))
                if after
                else m.end(),
                at_sign=bool(after and after.group("at")),
            )
        )
    return found


def _limit(platform: str) -> int:
    if platform == "instagram":
        return INSTAGRAM_CAPTION_LIMIT
    if platform == "tiktok":
        return TIKTOK_CAPTION_LIMIT
    return twitter.length_limit(None)


def _strip_boilerplate(text: str, lo: int, hi: int) -> tuple[int, int]:
    """text[lo:hi] without leading and trailing boilerplate sentences and white space."""
    while True:
        while lo < hi and text[lo].isspace():
            lo += 1
        m = _BOILERPLATE.match(text, lo, hi)
        if m is None or m.end() == lo:
            break
        lo = m.end()
    found = list(_BOILERPLATE.finditer(text, lo, hi))
    while True:
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if found and found[-1].end() == hi and found[-1].start() >= lo:
            hi = found.pop().start()
            continue
        break
    return lo, hi


@attrs.define
class _Signatures:
    text: str
    _all: list[Signature] | None = None

    def inside(self, lo: int, hi: int) -> list[Signature]:
        if self._all is None:
            self._all = find_signatures(self.text) if "(@" in self.text else []
        return [s for s in self._all if lo <= s.start and s.end <= hi]


def _handles(skip: Marker | None, end: Marker) -> tuple[str | None, int | None, int]:
    """(handle, end of the skip marker, end of the end marker)."""
    handle = end.token if end.at_sign else None
    if skip is not None and skip.at_sign and skip.token:
        handle = handle or skip.token
    skip_end = None
    if skip is not None:
        same = skip.token and end.token and skip.token.casefold() == end.token.casefold()
        skip_end = skip.token_end if skip.at_sign or same else skip.end
        if handle is None and same:
            handle = skip.token
    end_end = end.token_end if end.at_sign or (handle and end.token == handle) else end.end
    return handle, skip_end, end_end


def _from_signature(
    text: str,
    sig: Signature,
    lo: int,
    span: tuple[int, int],
    platform: str,
    *,
    whole: bool,
    usual_gap: int = 2,
) -> Post:
    post = post_from_signature(text, sig, lo, usual_gap, whole=whole)
    return attrs.evolve(post, platform=platform, span=(min(span[0], post.span[0]), span[1]))


def _unsigned_body(
    text: str, lo: int, hi: int
) -> tuple[tuple[int, int] | None, list[tuple[str, tuple[int, int]]]]:
    """Body span (without the trailing links run) and links of text[lo:hi]."""
    if hi <= lo:
        return None, []
    run = links_run_start(text, lo, hi)
    body_end = run
    while body_end > lo and text[body_end - 1].isspace():
        body_end -= 1
    links = links_in(text, lo, hi)
    return ((lo, body_end) if body_end > lo else None), links


def _post(
    text: str,
    platform: str,
    span: tuple[int, int],
    handle: str | None,
    body_span: tuple[int, int] | None,
    links: list[tuple[str, tuple[int, int]]],
    confidence: float,
    evidence: tuple[str, ...],
) -> Post:
    return Post(
        platform=platform,
        span=span,
        handle=handle,
        body=text[body_span[0] : body_span[1]] if body_span else None,
        body_span=body_span,
        links=tuple(link for link, _ in links),
        link_spans=tuple(s for _, s in links),
        confidence=confidence,
        evidence=evidence,
        form="bbc-markers",
    )


def _block(text: str, skip: Marker, end: Marker, sigs: _Signatures) -> Post:
    handle, skip_end, end_end = _handles(skip, end)
    assert skip_end is not None
    span = (skip.start, end_end)
    evidence = (
        f"between the BBC markers {text[skip.start : skip.end]!r} and {text[end.start : end.end]!r}"
    )
    lo, hi = _strip_boilerplate(text, skip_end, end.start)
    inside = sigs.inside(lo, hi)
    if inside:
        post = _from_signature(text, inside[-1], lo, span, skip.platform, whole=True)
        return attrs.evolve(
            post,
            handle=post.handle or handle,
            confidence=0.95,
            evidence=(evidence, "the signature inside gives the name and date"),
            form="bbc-markers",
        )
    body_span, links = _unsigned_body(text, lo, hi)
    why = "the text between the markers" if body_span else "no text between the markers"
    return _post(text, skip.platform, span, handle, body_span, links, 0.85, (evidence, why))


def _end_only(text: str, end: Marker, lo: int, sigs: _Signatures, usual_gap: int) -> Post | None:
    handle, _, end_end = _handles(None, end)
    if handle is None:
        return None
    evidence = f"ends at the BBC marker {text[end.start : end.end]!r} (its skip marker is lost)"
    window_lo = max(lo, end.start - _BODY_WINDOW)
    lo2, hi = _strip_boilerplate(text, window_lo, end.start)
    if hi <= lo2:
        return None
    inside = sigs.inside(lo2, end.start)
    if inside and _REPORT_ONLY.fullmatch(text, inside[-1].end, end.start):
        sig = inside[-1]
        earlier = inside[-2].end if len(inside) > 1 else lo2
        post = _from_signature(
            text, sig, earlier, (sig.start, end_end), end.platform, whole=False,
            usual_gap=usual_gap,
        )  # fmt: skip
        return attrs.evolve(
            post,
            span=(post.span[0], end_end),
            handle=post.handle or handle,
            evidence=(evidence, *post.evidence),
            form="bbc-markers",
        )
    if inside:
        # Another post's signature stands before: this body cannot reach back over it.
        lo2, hi = _strip_boilerplate(text, inside[-1].end, end.start)
        if hi <= lo2:
            return None
    run = links_run_start(text, lo2, hi)
    body_end = run
    while body_end > lo2 and text[body_end - 1].isspace():
        body_end -= 1
    line_start = text.rfind("\n", lo2, end.start) + 1
    standalone = line_start > body_end
    found = find_body_start(text, lo2, body_end, _limit(end.platform), usual_gap, standalone)
    if found is None or found.start >= body_end:
        return None  # nothing of the post is left: no post to report
    start = found.start
    reasons = [e.replace("signature", "end marker") for e in found.evidence]
    # Without the skip marker the start is the least certain part: the post starts after
    # the last sentence that reports ("Users have reported that…"): that is the reporter's.
    sentence = start
    cut = None
    for _ in range(_MAX_SENTENCES):
        gap = _SENTENCE_END.search(text, sentence, body_end)
        if gap is None:
            break
        if _REPORTING_VERB.search(text, sentence, gap.start()):
            cut = gap.end()
        sentence = gap.end()
    if cut is not None:
        start = cut
        reasons.append("starts after the last sentence with a reporting verb")
    links = links_in(text, start, hi)
    return _post(
        text,
        end.platform,
        (start, end_end),
        handle,
        (start, body_end),
        links,
        round(0.6 * found.confidence, 3),
        (evidence, *reasons),
    )


# How every _MARKER begins.
TRIGGERS = Literals("Skip", "End of", "End\u00a0of", "End\tof")


def detect(
    text: str, floor: int = 0, hay: Haystack | None = None, claimed: Claimed = NOTHING
) -> list[Post]:
    """Posts enclosed by (or ending at) BBC embed markers; none starts before `floor`."""
    if not (hay or Haystack.of(text)).has_any(TRIGGERS):
        return []
    markers = [m for m in _markers(text) if m.start >= floor]
    if not markers:
        return []
    sigs = _Signatures(text)
    posts: list[Post] = []
    used: set[int] = set()
    for i, skip in enumerate(markers):
        if skip.kind != "skip" or i + 1 >= len(markers):
            continue
        end = markers[i + 1]
        if (
            end.kind == "end"
            and end.platform == skip.platform
            and end.number == skip.number
            and end.start - skip.end <= _PAIR_WINDOW
        ):
            posts.append(_block(text, skip, end, sigs))
            used.update((i, i + 1))
    lone = [(i, m) for i, m in enumerate(markers) if m.kind == "end" and i not in used]
    if lone:
        usual_gap = dominant_gap(text, floor)
        taken = sorted(p.span for p in posts)
        for i, end in lone:
            before = [s for s in taken if s[1] <= end.start]
            lo = max([floor, *(s[1] for s in before)])
            if i > 0:
                lo = max(lo, markers[i - 1].token_end)
            post = _end_only(text, end, lo, sigs, usual_gap)
            if post is not None:
                posts.append(post)
    posts.sort(key=lambda p: p.span)
    return posts
