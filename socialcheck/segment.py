"""Posts become a lossless partition of the input: prose and post segments."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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


def join_prose(pieces: Sequence[str]) -> str:
    """The reporter's text from the pieces that stood between posts.

    Where a post stood, the text on either side is joined by one paragraph break,
    so prose that was glued to a post (scraped text loses line breaks) does not
    run into the next sentence.
    """
    out: list[str] = []
    for i, piece in enumerate(pieces):
        if i > 0:
            piece = piece.lstrip()
        if i < len(pieces) - 1:
            piece = piece.rstrip()
        if piece:
            if out:
                out.append("\n\n")
            out.append(piece)
    return "".join(out)


def assemble_prose(text: str, posts: Sequence[Post]) -> str:
    """The reporter's text with every post removed."""
    pieces = []
    pos = 0
    for post in posts:
        pieces.append(text[pos : post.span[0]])
        pos = post.span[1]
    pieces.append(text[pos:])
    return join_prose(pieces) if posts else text


def assemble_visible_prose(
    visible: str, raw_to_visible: Callable[[int], int], posts: Sequence[Post]
) -> str:
    """The visible text (HTML) with every post's markup removed."""
    pieces = []
    pos = 0
    for post in posts:
        start = raw_to_visible(post.span[0])
        pieces.append(visible[pos:start])
        pos = max(start, raw_to_visible(post.span[1]))
    pieces.append(visible[pos:])
    return join_prose(pieces)
