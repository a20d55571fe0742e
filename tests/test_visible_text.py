"""The visible text of HTML and its map back to the markup (read/html.py, read/offsets.py)."""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from socialcheck.read.html import tokenize, visible_text

PIECES = st.sampled_from(
    [
        "word", "two words", "  ", "\n", "\t", " \n  ", "<p>", "</p>", "<br>", "<br />",
        "<b>", "</b>", '<a href="x">', "</a>", "&amp;", "&mdash;", "&#x2014;", "&lt;", "&nbsp;",
        "<blockquote>", "</blockquote>", "<script>var a = 1 < 2;</script>", "<!-- note -->",
        "<code>x</code>", "é", "—", "(@h)", "<", ">", "&", "<div>", "</div>",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40))
def test_every_visible_character_maps_back_to_where_it_came_from(pieces: list[str]) -> None:
    raw = "".join(pieces)
    vis = visible_text(raw, tokenize(raw))
    assert "  " not in vis.text  # white space collapses to single spaces
    last = -1
    for i, char in enumerate(vis.text):
        start, end = vis.map.start(i), vis.map.end(i + 1)
        assert 0 <= start <= end <= len(raw)
        assert start >= last  # the map is monotonic
        last = start
        if char.isspace():
            continue
        source = raw[start:end]
        # A character is either copied or decoded from an entity, never invented.
        assert source == char or html.unescape(source) == char, (i, char, source)


def test_runs_of_plain_text_map_one_to_one() -> None:
    raw = "<p>The  quick\n brown fox &amp; friends.</p>"
    vis = visible_text(raw, tokenize(raw))
    assert vis.text == "The quick brown fox & friends."
    i = vis.text.index("brown")
    assert raw[vis.map.start(i) : vis.map.end(i + 5)] == "brown"
    amp = vis.text.index("&")
    assert raw[vis.map.start(amp) : vis.map.end(amp + 1)] == "&amp;"
