"""Posts in embed markup: the platforms' blockquotes, iframes, divs and scripts.

A pipeline of small named rules over one token stream (docs/embed-formats, sections
a): each rule says which start tag opens its embed and turns the element into a
Post. Adding a platform's markup touches only `RULES` and the rule's group module:

- `html_x`: X and Bluesky boxes and widgets, WordPress embed blocks;
- `html_meta`: Instagram, Facebook, Threads;
- `html_widgets`: Mastodon, Truth Social, TikTok, YouTube, LinkedIn, Reddit, Telegram;
- `html_base`: the shared pieces (elements, widget scripts, signed boxes, widget posts).

A post's span covers its whole element and the widget script that follows it; text
inside a box is read from its visible text, so the signature grammar is shared with
scraped text. Markup that shows the post's date line (X and Bluesky signatures, old
Instagram `<time>`, Facebook's `Posted by … on <date>`) gives form "html-embed"; markup
with no date by design gives "html-widget": iframes, Mastodon, Threads, Instagram v14,
and TikTok and Reddit, whose captions and titles are kept as the body.
Timeline, profile and page widgets (`a.twitter-timeline`, TikTok creator embeds,
`div.fb-page`) are not posts. Code, pre and comments are masked by the reader, and
escaped markup (`&lt;blockquote …&gt;`) is text, not tags.
"""

from __future__ import annotations

from .._literals import Haystack
from ..model import Post
from ..read import Source
from . import html_meta, html_widgets, html_x
from .html_base import (
    Element,
    EmbedRule,
    clear_structure,
    element,
    inner_text,
    links_in,
    openers,
    signed_box,
    widget_post,
    with_widget_script,
)

__all__ = [
    "RULES",
    "Element",
    "EmbedRule",
    "detect",
    "element",
    "inner_text",
    "links_in",
    "signed_box",
    "widget_post",
    "with_widget_script",
]

# In order: for each start tag, the first rule that matches it and builds a post wins.
RULES: tuple[EmbedRule, ...] = (
    *html_x.RULES,
    *html_meta.RULES,
    *html_widgets.RULES,
    *html_x.FALLBACK_RULES,
)


def detect(src: Source, hay: Haystack | None = None) -> list[Post]:
    """Posts of the embed markup in `src`, in text order.

    Linear in the tokens: a post's element is not scanned again, and the rules that may
    decline an element do so in constant time or leave nested copies to the inner one.
    """
    tokens = src.tokens
    posts: list[Post] = []
    done = -1  # the last token of the last post's element
    try:
        for i in openers(tokens):
            if i <= done:
                continue
            tok = tokens[i]
            for rule in RULES:
                if rule.matches(tok):
                    el = element(tokens, i)
                    post = rule.build(src, el)
                    if post is not None:
                        posts.append(post)
                        done = max(i, el.close)
                        break
    finally:
        clear_structure()  # keep no token stream alive after the call
    return posts
