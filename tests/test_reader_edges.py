"""Reader edge cases found in review: line endings, optional end tags, fences, closers."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcheck import parse
from socialcheck.read.article_date import header_end
from socialcheck.read.kinds import sniff_kind
from socialcheck.read.markdown import _FENCE, _fences, masked_spans

SIG = "Great day. \u2014 Jane Doe (@jane) March 5, 2026"


def test_crlf_code_fence_closes() -> None:
    text = f"# T\r\n\r\n```\r\ncode\r\n```\r\n\r\n{SIG}\r\n"
    assert [p.handle for p in parse(text, kind="markdown").posts] == ["jane"]


def test_inline_triple_backticks_do_not_open_a_fence() -> None:
    text = f"```npm i``` here.\n\n{SIG}\n"
    assert masked_spans(text) == ((0, 11),)
    assert len(parse(text, kind="markdown").posts) == 1


def _fences_by_search(text: str) -> list[tuple[int, int]]:
    """The fence rule read literally: a regex search for the next opener at a line
    start, then for a closer as long at a line start (the reader skips to lines with
    markers instead)."""
    spans, pos = [], 0
    while (m := _FENCE.search(text, pos)) is not None:
        char, size = m.group(1)[0], len(m.group(1))
        closer = regex.compile(rf"^[ \t]{{0,3}}{regex.escape(char)}{{{size},}}[ \t\r]*$", regex.M)
        close = closer.search(text, m.end())
        spans.append((m.start(), len(text) if close is None else close.end()))
        pos = spans[-1][1]
    return spans


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["```", "````", "~~~", "`", "~", "\n", "\r", " ", "    ", "x", "py"]))
)
def test_fences_follow_the_rule(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _fences(text) == _fences_by_search(text)


def test_crlf_front_matter_gives_the_date() -> None:
    doc = parse("---\r\ntitle: x\r\ndate: 2026-03-05\r\n---\r\n\r\nhello\r\n")
    assert doc.article_date is not None and doc.article_date.isoformat() == "2026-03-05"
    assert doc.article_date_source == "front-matter"


def test_front_matter_closes_only_at_its_own_fence() -> None:
    assert header_end("---\ntitle: x\n----\nbody") == 0
    assert header_end("---\ntitle: x\n---\nbody") == len("---\ntitle: x\n---")


def test_impossible_header_date_is_not_a_header() -> None:
    assert header_end("date 2026-02-30\nbody") == 0


def test_front_matter_means_markdown() -> None:
    assert sniff_kind("---\ntitle: x\n---\nJust a sentence.\n") == "markdown"


@pytest.mark.parametrize("tag", ["svg", "noscript", "template"])
def test_self_closing_hidden_element_hides_nothing_after_it(tag: str) -> None:
    doc = parse(f"<p>icon<{tag}/></p><p>{SIG}</p>", kind="html")
    assert [p.handle for p in doc.posts] == ["jane"]


def test_head_without_end_tag_does_not_hide_the_body() -> None:
    doc = parse(f"<html><head><meta charset=utf-8><title>T</title><body><p>{SIG}</p>", kind="html")
    assert [p.handle for p in doc.posts] == ["jane"]
    assert "T" not in doc.prose.split()  # the title is still not shown


def test_one_extra_blank_line_does_not_pull_prose_into_a_post() -> None:
    text = (
        "Intro paragraph that is long enough to be prose, said the reporter today.\r\n\r\n"
        "No Tariffs! We win!\r\n"
        "\u2014 Donald J. Trump (@realDonaldTrump) July 26, 2019\r\n"
        "Next paragraph.\r\n"
    )
    assert [p.body for p in parse(text).posts] == ["No Tariffs! We win!"]


def test_reporter_sentence_saying_where_it_was_posted_is_not_the_body() -> None:
    # One long scraped line (the dataset lost the paragraph breaks): the reporter's
    # words and the post share it, and together they are longer than a post can be.
    prose = "The council spent the evening on the harbour plan and the new road. " * 4
    text = (
        f"{prose}The mayor responded on Twitter. Great game tonight! "
        "pic.twitter.com/AbCdEfGhIj \u2014 Mayor Bob (@mayorbob) March 5, 2026\n"
    )
    assert [p.body for p in parse(text).posts] == ["Great game tonight!"]


def test_a_short_line_of_its_own_is_the_post_even_with_a_where_posted_sentence() -> None:
    # Scrapers give an embed's text its own block: nothing here is the reporter's.
    body = "Still waiting. He responded on Twitter. Nothing since."
    text = f"Story.\n\n{body} \u2014 Jo Reed (@joreed) March 5, 2026\n\nMore.\n"
    assert [p.body for p in parse(text).posts] == [body]


def test_link_only_post_after_a_paragraph_describing_it_has_no_body() -> None:
    text = (
        "Story.\n\nHe did not add a word of his own. He simply quote-tweeted it.\n\n"
        "https://t.co/AbCdEfGh12 \u2014 Sen. Ann Ostrowski (@SenOstrowski) March 5, 2026\n"
    )
    (post,) = parse(text).posts
    assert post.body is None
    assert post.links == ("https://t.co/AbCdEfGh12",)


def test_everything_after_a_colon_lead_in_is_the_post() -> None:
    text = (
        "Story.\n\nThe sheriff wrote:\n\nWe pulled four drivers over last night.\n\n"
        "Four.\n\nPlease.\n\u2014 Harlow Sheriff (@HarlowSheriff) March 5, 2026\n\nMore.\n"
    )
    (post,) = parse(text).posts
    assert post.body is not None
    assert post.body.startswith("We pulled four drivers") and post.body.endswith("Please.")


def test_first_person_where_posted_sentence_is_the_post_speaking() -> None:
    body = "I posted on Twitter yesterday. Now I am back!"
    text = f"Story.\n\n{body} \u2014 Mayor Bob (@mayorbob) March 5, 2026\n"
    assert [p.body for p in parse(text).posts] == [body]


def test_a_quoted_posts_url_in_the_body_is_not_the_posts_own() -> None:
    quoted = "https://twitter.com/other/status/1141401212492890113"
    text = f"Story.\n\nLook at this {quoted} wow \u2014 Jane (@jane) March 5, 2026\n\nMore.\n"
    (post,) = parse(text).posts
    assert post.links == (quoted,)
    assert post.status_id is None and post.url is None
    own = text.replace("/other/", "/Jane/")
    (post,) = parse(own).posts
    assert post.status_id == "1141401212492890113"


def test_parse_leaves_the_collector_as_it_found_it() -> None:
    import gc

    assert gc.isenabled()
    parse(SIG)
    assert gc.isenabled()
    with pytest.raises(ValueError):
        parse(SIG, kind="pdf")  # raises while the collector is paused
    assert gc.isenabled()
    gc.disable()
    try:
        parse(SIG)
        assert not gc.isenabled()
    finally:
        gc.enable()


# Found by an audit against docs/embed-formats (the converters' and scrapers' output).


def test_a_final_newline_does_not_change_the_body() -> None:
    text = (
        "Intro paragraph.\n\nSafety comes first.\nThe engineers were clear. "
        "\u2014 Mayor Ellen Park (@MayorEllenPark) March 4, 2026\n\nOutro."
    )
    bodies = [[p.body for p in parse(t).posts] for t in (text, text + "\n", "\n\n" + text)]
    assert bodies == [["Safety comes first.\nThe engineers were clear."]] * 3


def test_names_lose_markdown_escapes_and_odd_spaces() -> None:
    text = (
        "> Garage closes tonight.\n>\n> \u2014 \\_Riverton\\_City\\_ (@Riverton\\_City\\_) "
        "[March 3, 2026](https://twitter.com/Riverton_City_/status/2028900000000000000)\n"
    )
    [post] = parse(text, kind="markdown").posts
    assert (post.display_name, post.handle) == ("_Riverton_City_", "Riverton_City_")
    [post] = parse(
        "Garage closes. \u2009\u2014\u2009Riverton City (@RivertonCity) March 3, 2026"
    ).posts
    assert post.display_name == "Riverton City"


def test_mdx_comments_hold_no_embed() -> None:
    commented = 'Intro.\n\n{/* <Tweet id="2028900000000000000" /> */}\n\nMore.\n'
    assert parse(commented, source="post.mdx").posts == ()
    assert (
        len(parse(commented.replace("{/* ", "").replace(" */}", ""), source="post.mdx").posts) == 1
    )


_STATUS = "https://twitter.com/RivertonCity/status/2028900000000000000"


@pytest.mark.parametrize(
    ("links_run", "links"),
    [
        ("pic.twitter.com/AbCdEfGh12", ("pic.twitter.com/AbCdEfGh12",)),
        # markdownify and html2text: the link as a Markdown link, its label is what shows
        (
            "[pic.twitter.com/AbCdEfGh12](https://t.co/AbCdEfGh12)",
            ("pic.twitter.com/AbCdEfGh12",),
        ),
        ("<https://t.co/Qw3rTy5uIo>", ("https://t.co/Qw3rTy5uIo",)),  # an autolink
    ],
)
def test_a_links_run_in_a_markdown_quote(links_run: str, links: tuple[str, ...]) -> None:
    text = (
        f"The city posted this.\n\n> Garage closes tonight {links_run}\n>\n"
        f"> \u2014 Riverton City (@RivertonCity) [March 3, 2026]({_STATUS})\n\nMore.\n"
    )
    [post] = parse(text, kind="markdown").posts
    assert (post.body, post.links) == ("Garage closes tonight", links)
    assert post.status_id == "2028900000000000000"
    assert [text[a:b] for a, b in post.link_spans] == list(links)


def test_a_signature_kept_whole_as_a_markdown_link() -> None:
    """A site that puts `&mdash; Name (@h) date` inside the <a>, through a converter."""
    sig = f"[\u2014 Riverton City (@RivertonCity) March 3, 2026]({_STATUS})"
    text = f"Intro.\n\n> Garage closes tonight, 10pm sharp.\n>\n> {sig}\n\nMore.\n"
    [post] = parse(text, kind="markdown").posts
    assert (post.body, post.display_name, post.status_id) == (
        "Garage closes tonight, 10pm sharp.",
        "Riverton City",
        "2028900000000000000",
    )
    assert post.signature_span is not None
    assert text[post.signature_span[0] : post.signature_span[1]] == sig


@pytest.mark.parametrize(
    "signature",
    [
        # html2text wraps at 78 columns, inside the date's link...
        f"> -- Riverton City (@RivertonCity) [March 3,\n> 2026]({_STATUS})",
        # ...or before the `(@`, leaving the dash and name on the line above
        f"> -- The Official City of Riverton Account\n> (@RivertonCity) [March 3, 2026]({_STATUS})",
        "> \u2014 Riverton City (@RivertonCity) March 3,\n> 2026",
    ],
)
def test_html2text_line_wraps_inside_a_signature(signature: str) -> None:
    text = f"Intro paragraph.\n\n> Garage closes tonight.\n>\n{signature}\n\nOutro paragraph.\n"
    for kind in ("markdown", "text"):
        [post] = parse(text, kind=kind).posts
        assert (post.handle, post.body) == ("RivertonCity", "Garage closes tonight.")
        assert post.date is not None and post.date.isoformat() == "2026-03-03"
        assert post.display_name in ("Riverton City", "The Official City of Riverton Account")
        if "](" in signature:
            assert post.status_id == "2028900000000000000"


def test_a_wrapped_line_is_no_signature_without_a_dash() -> None:
    # A line ending in a name, then `(@h) date` on the next: only a dash makes it one.
    text = (
        "Intro paragraph.\n\nThe account belongs to Riverton City\n(@RivertonCity) March 3, 2026\n"
    )
    for post in parse(text).posts:
        assert post.display_name != "The account belongs to Riverton City"


@pytest.mark.parametrize("dash", ["--", "\u2014"])
def test_a_bluesky_handle_kept_as_a_markdown_link(dash: str) -> None:
    """html2text and markdownify keep the handle's profile link: `([@h](url))`."""
    profile = "https://bsky.app/profile/did:plc:abcdefghijklmnopqrstuvwx"
    text = (
        "Power is out across the valley.\n\n> Gauge hit 74 mph.\n>\n"
        f"> {dash} Dana Whitfield ([@danawx.bsky.social]({profile})) "
        f"[March 5, 2026 at 9:09 AM]({profile}/post/3la4vfasktq27)\n\nCrews are out.\n"
    )
    [post] = parse(text, kind="markdown").posts
    assert (post.platform, post.handle, post.display_name) == (
        "bluesky",
        "danawx.bsky.social",
        "Dana Whitfield",
    )
    assert (post.status_id, post.body) == ("3la4vfasktq27", "Gauge hit 74 mph.")


@pytest.mark.parametrize(
    "byline",
    [
        "By Dana Ortiz (@DanaOrtizRVT) March 3, 2026",
        "Posted by Dana Ortiz (@DanaOrtizRVT) March 3, 2026",
        "Posted by Jane Smith on Monday, March 5, 2018 at 10:14 AM",  # Facebook's has no time
    ],
)
def test_an_article_byline_is_not_a_post(byline: str) -> None:
    text = f"Riverton closes its riverside garage\n\n{byline}\n\nThe council voted on Tuesday.\n"
    assert parse(text).posts == ()


def test_a_dashed_signature_may_start_with_by() -> None:
    # Only a dashless name is read as a byline: a dash says it is a signature.
    text = "Garage closes tonight. \u2014 By The Bay News (@bythebay) March 3, 2026"
    [post] = parse(text).posts
    assert (post.display_name, post.body) == ("By The Bay News", "Garage closes tonight.")


def test_bluesky_media_placeholder_glued_to_the_text() -> None:
    """bs4 glues Bluesky's `[image or embed]` to the post's text: it is no link."""
    text = (
        "Intro paragraph.\n\nLook at this radar loop[image or embed]\u2014 Dana Whitfield "
        "(@danawx.bsky.social) March 5, 2026 at 9:09 AM\n\nMore.\n"
    )
    [post] = parse(text).posts
    assert (post.platform, post.body) == ("bluesky", "Look at this radar loop")


def test_a_post_of_paragraphs_in_one_markdown_quote() -> None:
    """Converters write an embed's box as one quote, its paragraphs apart by `>` lines:
    the quote's paragraphs are the post's (the body is the source's text, markers kept)."""
    quote = "> Safety comes first.\n>\n> The engineers were clear.\n>\n"
    sig = "> \u2014 Mayor Ellen Park (@MayorEllenPark) March 4, 2026\n"
    text = f"Intro paragraph here.\n\n{quote}{sig}\nOutro.\n"
    [post] = parse(text, kind="markdown").posts
    assert post.body == "Safety comes first.\n>\n> The engineers were clear."
    # A reporter's paragraph outside the quote stays out.
    text = f"Intro paragraph here.\n\nThe mayor was blunt.\n\n> Safety comes first.\n>\n{sig}"
    [post] = parse(text, kind="markdown").posts
    assert post.body == "Safety comes first."


@pytest.mark.parametrize("marker", ["*", "**", "_"])
def test_emphasis_around_a_signature(marker: str) -> None:
    sig = f"{marker}\u2014 Riverton City (@RivertonCity) March 3, 2026{marker}"
    text = f"Intro paragraph.\n\nGarage closes tonight.\n\n{sig}\n\nMore.\n"
    [post] = parse(text, kind="markdown").posts
    assert (post.body, post.display_name) == ("Garage closes tonight.", "Riverton City")
    assert post.signature_span is not None
    assert text[post.signature_span[0] : post.signature_span[1]] == sig


_SHORTCODE = "{{< instagram BalQ2SWFty8 >}}"
_RAW_EMBED = (
    '<blockquote class="twitter-tweet"><p>Hi</p>&mdash; A (@a) '
    '<a href="https://twitter.com/a/status/2028900000000000000">March 3, 2026</a></blockquote>'
)


@pytest.mark.parametrize("embed", [_SHORTCODE, _RAW_EMBED])
@pytest.mark.parametrize("indent", ["    ", "\t", "      "])
def test_indented_code_shows_an_embed_it_does_not_hold(embed: str, indent: str) -> None:
    """A documentation page's indented code block (CommonMark) holds no post."""
    text = f"To embed a post, write:\n\n{indent}{embed}\n\n{indent}more code\n\nThat is all.\n"
    assert parse(text, kind="markdown").posts == ()


@pytest.mark.parametrize(
    "text",
    [
        # a list item's content, indented under it: not code
        f"Reactions:\n\n- The city:\n\n    {_SHORTCODE}\n\n- More.\n",
        f"Reactions:\n\n1. The city:\n\n    {_SHORTCODE}\n",
        # a paragraph's lazy continuation: not code (it cannot interrupt a paragraph)
        f"A paragraph line\n    {_SHORTCODE}\n\nDone.\n",
        # code ended by an unindented line; the embed after it is live
        f"Code:\n\n    example()\n{_SHORTCODE}\n",
    ],
)
def test_indentation_that_is_not_code(text: str) -> None:
    assert len(parse(text, kind="markdown").posts) == 1


@pytest.mark.parametrize("quote", ["", "> "])
def test_view_on_threads_kept_as_a_markdown_link(quote: str) -> None:
    """html2text and markdownify keep the placeholder's link: the post's address."""
    url = "https://www.threads.net/@corentin_da_/post/CuWPE6iNEx_"
    placeholder = f"[View on Threads]({url})"
    text = f"Intro paragraph.\n\n{quote}{placeholder}\n\nMore.\n"
    for kind in ("markdown", "text"):
        [post] = parse(text, kind=kind).posts
        assert (post.platform, post.handle, post.status_id) == (
            "threads",
            "corentin_da_",
            "CuWPE6iNEx_",
        )
        assert text[post.span[0] : post.span[1]] == placeholder


_MASTODON_URL = "https://fosstodon.org/@rustnl/114505776215440277"


@pytest.mark.parametrize(
    "placeholder",
    [
        # markdownify: the two lines apart by a quote's blank line, the link around both
        f"[Post by @rustnl@fosstodon.org\n>\n> View on Mastodon]({_MASTODON_URL})",
        # html2text: one line, the link's end wrapped to the next
        f"[ Post by @rustnl@fosstodon.org View on Mastodon\n> ]({_MASTODON_URL})",
    ],
)
def test_mastodon_placeholder_kept_as_a_markdown_link(placeholder: str) -> None:
    text = f"Intro paragraph.\n\n> {placeholder}\n\nMore.\n"
    [post] = parse(text, kind="markdown").posts
    assert (post.platform, post.handle) == ("mastodon", "rustnl@fosstodon.org")
    assert (post.status_id, post.url) == ("114505776215440277", _MASTODON_URL)
    assert text[post.span[0] : post.span[1]] == placeholder
