"""Posts become a lossless partition of the input: prose and post segments."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Post, Segment


def build_segments(text: str, posts: Sequence[Post]) -> tuple[Segment, ...]:
    """Segments in text order; joined, their texts equal `text` exactly.

    `posts` must be sorted by span and must not overlap (the detectors ensure it).
    """
    segments: list[Segment] = []
    pos = 0
    for index, post in enumerate(posts):
        start, end = post.span
        if start > pos:
            segments.append(Segment("prose", pos, start, text[pos:start]))
        segments.append(Segment("post", start, end, text[start:end], index))
        pos = end
    if pos < len(text) or not segments:
        segments.append(Segment("prose", pos, len(text), text[pos:]))
    return tuple(segments)


def assemble_prose(segments: Sequence[Segment]) -> str:
    """The reporter's text with every post removed.

    Where a post stood, the text on either side is joined by one paragraph break,
    so prose that was glued to a post (scraped text loses line breaks) does not
    run into the next sentence.
    """
    parts: list[str] = []
    after_post = False
    for seg in segments:
        if seg.kind == "post":
            after_post = True
            continue
        piece = seg.text
        if after_post and parts:
            parts[-1] = parts[-1].rstrip()
            piece = piece.lstrip()
            if parts[-1] and piece:
                parts.append("\n\n")
        elif after_post:
            piece = piece.lstrip()
        parts.append(piece)
        after_post = False
    if after_post and parts:
        parts[-1] = parts[-1].rstrip()
    return "".join(parts)
