"""Where a post's body starts: decided by evidence, never by position alone.

The rules are documented in docs/body-boundaries.md; each one that fires adds a
short reason to the post's evidence and scales its confidence.
"""

from __future__ import annotations

import attrs
import regex

from .._lazy import lazy_compile

# A sentence end glued to the next capitalised word: scrapers that drop line breaks
# leave "…said:Obama and…" or "…years.Trump has…" where a paragraph ended.
_GLUED = lazy_compile(
    r"(?<=[\p{Ll}\d][.!?:][\"”’)]?)(?=\p{Lu}[\p{Ll}\p{Lu}\s'’])"
    # A reply glued on: "…more direct..@Sen" (stop, then the dot of a dot-reply) or
    # "…best:@Sen". A single "." before "@" is left alone: it may be the reply's own.
    r"|(?<=[\p{Ll}\d][.!?:])(?=\.@\w)|(?<=[\p{Ll}\d][!?:])(?=@\w)"
)
# For the length cut only: any stop glued to a capital ("…to the FBI.Worst…").
_GLUED_ANY = lazy_compile(r"(?<=[.!?][\"”’)]?)(?=\p{Lu}\p{Ll})")
_SENTENCE_GAP = lazy_compile(r"[.!?…][\"”’)]?[ \t\u00a0]+(?=\S)")
_LEAD_IN = lazy_compile(
    r"\b(?:said|says|wrote|writes|writing|tweeted|tweets|posted|posts|added|replied|"
    r"responded|joked|reacted|saying|announced|declared)\b[^.!?\n]{0,60}?:[ \t\u00a0]+(?=\S)",
    regex.IGNORECASE,
)
# A reporter's sentence that says where the post was made ("…, she wrote on Twitter.").
_LEAD_SENTENCE = lazy_compile(
    # Not "I posted on Twitter…": a first person is the post speaking, not the reporter.
    r"(?<!\b(?:I|[Ww]e|[Ii]'ve|[Ww]e've)[ \t])"
    r"\b(?:said|wrote|tweeted|posted|responded|replied|reacted|shared|added|announced)\b"
    r"[^.!?\n]{0,80}?\b(?:on Twitter|on X|in a tweet|in a post|on social media|on Instagram|"
    r"on Bluesky|on Threads|on Facebook|on Mastodon)\b[^.!?\n]{0,60}?[.:!][ \t\u00a0]+(?=\S)"
    # …or that ends with the verb itself: "It tweeted." / "the sheriff wrote:"
    r"|(?<!\b(?:I|[Ww]e)[ \t])\b(?:tweeted|wrote|posted|replied|responded)[.:][ \t\u00a0]*(?=\S)",
    regex.IGNORECASE,
)
# A third person posting: "He simply quote-tweeted it." describes a post, it is not one.
_DESCRIBES_A_POST = lazy_compile(
    r"(?<!\b(?:I|[Ww]e)[ \t])\b(?:tweeted|retweeted|quote-tweeted|posted|replied|responded|"
    r"answered|wrote)\b",
)
# Words that make a short paragraph a reporter's lead-in rather than the post's own.
REPORTING_CUE = lazy_compile(
    r"\b(?:said|says|say|wrote|writes|tweet|tweets|tweeted|post|posts|posted|added|"
    r"replied|responded|joked|reacted|according|reported|below|following|twitter|"
    r"social media|online|users|reactions?|statement|message|thread|asked|noted)\b",
    regex.IGNORECASE,
)
_QUOTED_LINE = lazy_compile(r"[ \t]{0,3}>")
_NUMBERED = lazy_compile(r"[ \t\u00a0]*\d{1,2}[.)][ \t\u00a0]")
_TERMINAL = (".", "!", "?", '"', "”", "’", "'", ")")
_EMOJI_END = lazy_compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F\u200d]\s*\Z")
# Starts with a literal newline so the engine can skip ahead between matches.
_PARA_BREAK = lazy_compile(r"\n(?:[ \t\r\u00a0>]*\n)*")

# Markdown quote markers (`> `) count as white space around and between paragraphs.
_QUOTE_SPACE = " \t\r\n\u00a0>"
_MARKER_INDENT = 16  # spaces and nested `>` a quote marker may have before it
_SHORT_PARAGRAPH = 60
_MAX_EXTRA_PARAGRAPHS = 4
_DUP_TAIL = 24


@attrs.frozen
class BodyStart:
    start: int
    confidence: float
    evidence: tuple[str, ...]


@attrs.frozen
class Paragraph:
    start: int
    end: int
    gap_before: int  # newlines between this paragraph and the one before it


def paragraphs_before(text: str, lo: int, hi: int) -> list[Paragraph]:
    """Paragraphs (runs between line breaks) of text[lo:hi], last first."""
    out: list[Paragraph] = []
    end = hi
    while end > lo:
        nl = text.rfind("\n", lo, end)
        start = lo if nl < 0 else nl + 1
        if text[start:end].strip(_QUOTE_SPACE):
            gap_end = start
            gap_start = start
            while gap_start > lo and text[gap_start - 1] in _QUOTE_SPACE:
                gap_start -= 1
            newlines = text.count("\n", gap_start, gap_end)
            out.append(Paragraph(start, end, newlines))
            end = gap_start
        else:
            end = start - 1 if nl >= 0 else lo
        if len(out) > _MAX_EXTRA_PARAGRAPHS + 1:
            break
    return out


def dominant_gap(text: str, lo: int = 0) -> int:
    """The usual number of newlines between paragraphs of text[lo:] (after any header)."""
    counts: dict[int, int] = {}
    # Breaks before the text's first paragraph or after its last (a file's final
    # newline) separate nothing; `lo` may be a previous post's end, where a break does.
    # str.strip copies the text once, at C speed: cheaper than a loop over hostile white space.
    first = len(text) - len(text.lstrip(_QUOTE_SPACE))
    last = len(text.rstrip(_QUOTE_SPACE))
    for m in _PARA_BREAK.finditer(text, lo):
        if m.start() < first or m.start() >= last:
            continue
        n = m.group(0).count("\n")
        counts[n] = counts.get(n, 0) + 1
    if not counts:
        return 1
    return max(counts.items(), key=lambda kv: (kv[1], -kv[0]))[0]


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and (text[pos].isspace() or text[pos] == ">" and quote_marker_at(text, pos)):
        pos += 1
    return pos


def quote_marker_at(text: str, pos: int) -> bool:
    """Whether the `>` at `pos` is a Markdown quote marker: at most a few spaces (or
    other markers) before it on its line. Bounded, so that a long line costs nothing."""
    j = pos
    while j > 0 and pos - j < _MARKER_INDENT and text[j - 1] in " \t>":
        j -= 1
    return j == 0 or text[j - 1] == "\n"


def is_lead_in(words: str) -> bool:
    """A reporter's sentence that introduces a post: a reporting cue and a final colon."""
    return words.endswith(":") and REPORTING_CUE.search(words) is not None


def _reporter_quoted(text: str, start: int, copy_end: int, end: int) -> bool:
    """Whether text[start:copy_end] is a reporter quoting the post that follows it.

    Only a reporter who says so quotes a post before embedding it ("…, he tweeted.").
    Where the copy is word for word, the cue must stand outside it: a post may say
    "they said" and repeat itself.
    """
    body = text[_skip_space(text, copy_end, end) : end]
    copy_start = copy_end - len(body)
    exact = copy_start >= start and text[copy_start:copy_end] == body
    return REPORTING_CUE.search(text, start, copy_start if exact else copy_end) is not None


def _reporter_lead(text: str, start: int, end: int, limit: int) -> tuple[int, str] | None:
    """The end of a reporter's lead-in inside one paragraph, and why; None if none.

    Only a paragraph too long to be the post alone has room for the reporter's words:
    scrapers give an embed's text its own block, so a short paragraph that says
    "…said:" or "…on Twitter." is the post speaking. Of several lead-ins, the first
    after which the rest fits the platform's limit wins (a post may itself say "Here
    is what I said:").
    """
    if end - start <= limit:
        return None
    found = sorted(
        (m.end(), why)
        for pattern, why in (
            (_LEAD_IN, "starts after a lead-in that ends with a colon"),
            (_LEAD_SENTENCE, "starts after the reporter's sentence saying where it was posted"),
        )
        for m in pattern.finditer(text, start, end)
        if m.end() < end
    )
    for at, why in found:
        if end - at <= limit * 1.1:
            return at, why
    return found[-1] if found else None


def _intra_line(text: str, start: int, end: int, limit: int) -> BodyStart:
    """Where the body starts inside one paragraph text[start:end]."""
    evidence: list[str] = []
    confidence = 1.0
    best = start
    # A lost paragraph break first: what came before it is another paragraph.
    glued = None
    for m in _GLUED.finditer(text, start, end):
        glued = m.start()
    if glued is not None and glued > start:
        best = glued
        evidence.append("starts after a sentence glued to it (a lost paragraph break)")
        confidence *= 0.85
    tail = text[max(best, end - _DUP_TAIL) : end]
    # Only where the paragraph is too long to be the post alone: a short post may
    # repeat its own words.
    if end - best > limit and len(tail.strip()) >= _DUP_TAIL - 4:
        earlier = text.rfind(tail, best, end - len(tail))
        if earlier >= 0 and _reporter_quoted(text, best, earlier + len(tail), end):
            best = _skip_space(text, earlier + len(tail), end)
            evidence.append("the reporter's text repeats the post's words just before it")
            confidence *= 0.9
    lead = _reporter_lead(text, best, end, limit)
    if lead is not None:
        best, why = lead
        evidence.append(why)
        confidence *= 0.85
    if end - best > limit * 1.1:
        cut = None
        starts = sorted(
            [m.end() for m in _SENTENCE_GAP.finditer(text, best, end)]
            + [m.start() for m in _GLUED_ANY.finditer(text, best, end)]
        )
        cut = next((at for at in starts if end - at <= limit), None)
        if cut is not None:
            best = cut
            evidence.append(f"text before it would exceed the {limit}-character limit")
            confidence *= 0.5
        else:
            evidence.append(f"paragraph is longer than the {limit}-character limit")
            confidence *= 0.6
    return BodyStart(best, confidence, tuple(evidence))


def _one_quote(text: str, para: Paragraph, current: Paragraph) -> bool:
    """Whether `para`, `current` and every line between them are lines of one Markdown
    quote: converters write an embed's box as one (its paragraphs apart by `>` lines)."""
    pos = text.rfind("\n", 0, para.start) + 1
    while True:
        if not _QUOTED_LINE.match(text, pos):
            return False
        nl = text.find("\n", pos, current.start)
        if nl < 0:
            return True
        pos = nl + 1


def _joins_previous(text: str, para: Paragraph, current: Paragraph, usual_gap: int) -> str | None:
    """Why `para` belongs to the post that continues in `current`, or None."""
    if _one_quote(text, para, current):
        return "one Markdown quote holds both, as converters write an embed's box"
    words = text[para.start : para.end].strip()
    if current.gap_before < usual_gap:
        return "a single line break, narrower than the article's paragraph breaks"
    # Two or more newlines wider: one extra blank line is too common to mean anything.
    if current.gap_before >= usual_gap + 2 and not words.endswith(":"):
        return "a wider break than the article's paragraphs separates it from the post"
    if REPORTING_CUE.search(words):
        return None
    if _NUMBERED.match(words) and (
        _NUMBERED.match(text, current.start) or len(words) <= 2 * _SHORT_PARAGRAPH
    ):
        return "numbered lines continue the post"
    if len(words) <= _SHORT_PARAGRAPH and not words.endswith(_TERMINAL):
        return "a short line without closing punctuation, unlike the reporter's sentences"
    if _EMOJI_END.search(words) and len(words) <= 2 * _SHORT_PARAGRAPH:
        return "ends with an emoji"
    return None


def find_body_start(
    text: str,
    lo: int,
    body_end: int,
    limit: int,
    usual_gap: int,
    standalone: bool,
    link_only: bool = False,
) -> BodyStart | None:
    """Start of the body that ends at `body_end`; None when the post has no text.

    `link_only`: the signature's line holds links, as a post with no words of its own
    would show; then a paragraph before that describes posting is the reporter's.
    """
    paras = paragraphs_before(text, lo, body_end)
    if not paras:
        return None
    first = paras[0]
    evidence: list[str] = []
    confidence = 1.0
    if standalone:
        evidence.append("the signature stands alone; the body is the paragraph before it")
        if first.end - first.start > limit * 1.5:
            return BodyStart(
                body_end, 0.6, ("the paragraph before the signature is too long to be the post",)
            )
        if link_only and _DESCRIBES_A_POST.search(text, first.start, first.end):
            return BodyStart(
                body_end,
                0.6,
                ("the paragraph before the signature describes the post (the reporter's)",),
            )
        confidence *= 0.9
    inner = _intra_line(text, first.start, first.end, limit)
    if inner.start > first.start:
        return BodyStart(
            inner.start, confidence * inner.confidence, tuple(evidence) + inner.evidence
        )
    if not standalone:
        evidence.append("the body is the signature's own paragraph")
    start = _skip_space(text, first.start, body_end)
    current = first
    earlier = paras[1:]
    # A reporter's colon lead-in further up: every paragraph after it is the post's.
    lead_at = next(
        (
            k
            for k, para in enumerate(earlier)
            if k > 0
            and body_end - earlier[k - 1].start <= limit
            and is_lead_in(text[para.start : para.end].strip())
        ),
        -1,
    )
    for i, para in enumerate(earlier):
        if body_end - para.start > limit:
            break
        reason = _joins_previous(text, para, current, usual_gap)
        if i < lead_at:
            reason = reason or "the reporter's colon lead-in stands before it"
        if reason is None:
            break
        evidence.append(f"includes the paragraph before: {reason}")
        confidence *= 0.8
        start = _skip_space(text, para.start, body_end)
        current = para
    return BodyStart(start, confidence, tuple(evidence))
