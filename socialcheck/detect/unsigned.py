"""Unsigned X posts: a paragraph that ends with the post's own media or short links.

Scrapers that drop an embed's signature line leave the post's body and the links X put
at its end (docs/embed-formats.md 2.2 and 3.b)::

    Reporter's paragraph.

    WATCH: the full interview with @someone. pic.twitter.com/AbCdEfGhIj

    Next reporter paragraph.

A paragraph (here: a line) is taken as such a post when all of these hold:

- it ENDS with one or more `pic.twitter.com/…` / `t.co/…` links, and nothing but such
  links and hashtags stand in that trailing run; a link inside a sentence is not enough;
- text stands before the links, and that text fits X's 280-character limit;
- it holds no reporting cue (said, wrote, tweeted, according, Twitter, statement...,
  `body.REPORTING_CUE`) and the text does not run into the links (`… and on
  https://t.co/…`): a reporter's sentence ending with a link is prose;
- the next line is not a signature (`— Name (@h) date`): that post is signed, and the
  scraped-signature detector reads it.

Nothing tells who wrote it: `@mentions` in the body are other accounts, so handle,
name and date stay None, and the confidence stays at most 0.6 (0.5 with only t.co
links, which a reporter may also paste). Register this detector last, so that every
signed reading of the same text wins.
"""

from __future__ import annotations

import regex

from .._lazy import lazy_compile
from .._literals import Haystack, Literals
from ..model import Post
from ..platforms import twitter
from ._claimed import NOTHING, Claimed
from .body import REPORTING_CUE
from .scraped import links_in, links_run_start

_X_LINK = lazy_compile(r"(?:https?://)?(?:pic\.(?:twitter|x)\.com|t\.co)/\w{1,30}")
_PIC = lazy_compile(r"(?:https?://)?pic\.(?:twitter|x)\.com/")
_HASHTAG = lazy_compile(r"#\w{1,100}")
_TOKEN = lazy_compile(r"\S+")
_LETTER = lazy_compile(r"\p{L}")
# A signature line right after the paragraph: a dash (or `(@h)`) near its start.
_SIGNATURE_NEXT = lazy_compile(r"[ \t\u00a0>]{0,6}(?:\u2014|\u2013|--|&mdash;|- )")
# A body ending in a word that needs what follows ("… and on https://t.co/…", "see"):
# the link completes the reporter's sentence.
_COMPLETES_SENTENCE = lazy_compile(
    r"(?<![\p{L}\d])(?:at|on|in|via|from|to|see|by|of|and|or|the|a|an|with|for|here|is|are)\Z",
    regex.IGNORECASE,
)
_LINE_SPACE = " \t\r\u00a0"
_QUOTE_SPACE = " \t\u00a0>"
LIMIT = twitter.length_limit(None)  # the date is unknown: the current limit
_TRAILING_PUNCT = '.,;:!?)…"”’'


def _only_x_links(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(the run text[start:end] is X links and hashtags only, it has a pic.twitter.com link)."""
    seen_link = seen_pic = False
    for tok in _TOKEN.finditer(text, start, end):
        word = tok.group(0).rstrip(_TRAILING_PUNCT)
        if _X_LINK.fullmatch(word):
            seen_link = True
            seen_pic = seen_pic or _PIC.match(word) is not None
        elif not _HASHTAG.fullmatch(word):
            return False, False
    return seen_link, seen_pic


def _next_line_is_signature(text: str, line_end: int) -> bool:
    nxt = line_end + 1
    breaks = 1
    while nxt < len(text) and text[nxt] in " \t\r\u00a0\n":
        if text[nxt] == "\n":
            breaks += 1
            if breaks > 2:
                return False  # a wide break: the next paragraph is not this post's signature
        nxt += 1
    if nxt >= len(text):
        return False
    head = text[nxt : min(len(text), nxt + 120)].split("\n", 1)[0]
    return bool(_SIGNATURE_NEXT.match(head)) or "(@" in head


def _post_at(text: str, line_start: int, line_end: int) -> Post | None:
    content_end = line_end
    while content_end > line_start and text[content_end - 1] in _LINE_SPACE:
        content_end -= 1
    body_start = line_start
    while body_start < content_end and text[body_start] in _QUOTE_SPACE:
        body_start += 1
    if content_end <= body_start:
        return None
    run_start = links_run_start(text, body_start, content_end)
    if run_start >= content_end:
        return None
    only_x, has_pic = _only_x_links(text, run_start, content_end)
    if not only_x:
        return None
    body_end = run_start
    while body_end > body_start and text[body_end - 1] in _LINE_SPACE:
        body_end -= 1
    body = text[body_start:body_end]
    if not _LETTER.search(body) or len(body) > LIMIT:
        return None
    if REPORTING_CUE.search(body) or _COMPLETES_SENTENCE.search(body):
        return None
    if _next_line_is_signature(text, line_end):
        return None
    kind = "pic.twitter.com" if has_pic else "t.co"
    evidence = [
        f"ends with a {kind} link; no signature: the source stripped it",
        f"a paragraph of its own within X's {LIMIT}-character limit, with no reporting cue",
        "author and date unknown (@mentions in the text are not the author)",
    ]
    confidence = 0.6 if has_pic else 0.5
    links = links_in(text, body_start, content_end)
    truncated = body.endswith(("…", "...")) and len(body) >= 0.7 * LIMIT
    return Post(
        platform="twitter",
        span=(body_start, content_end),
        body=body,
        body_span=(body_start, body_end),
        links=tuple(link for link, _ in links),
        link_spans=tuple(span for _, span in links),
        truncated=truncated,
        confidence=confidence,
        evidence=tuple(evidence),
        form="unsigned",
    )


# The link shapes of _X_LINK, without their optional scheme.
TRIGGERS = Literals("pic.twitter.com/", "pic.x.com/", "t.co/")


def detect(
    text: str, floor: int = 0, hay: Haystack | None = None, claimed: Claimed = NOTHING
) -> list[Post]:
    """Unsigned X posts in `text`, each a whole paragraph at or after `floor`; none
    around a link inside a `claimed` span."""
    if not (hay or Haystack.of(text)).has_any(TRIGGERS):
        return []
    posts: list[Post] = []
    done = -1  # end of the last line looked at
    for m in _X_LINK.finditer(text, floor):
        if m.start() < done:
            continue
        line_end = text.find("\n", m.end())
        if line_end < 0:
            line_end = len(text)
        done = line_end
        if claimed.overlaps(m.start(), m.end()):
            continue
        nl = text.rfind("\n", floor, m.start())
        line_start = floor if nl < 0 else nl + 1
        post = _post_at(text, line_start, line_end)
        if post is not None:
            posts.append(post)
    return posts
