"""Posts embedded by CMS syntax (socialcheck/detect/shortcodes.py).

Golden tests over fixtures/markdown/NN-name.md + .json (the fixture schema plus
`status_id`, `url`, `form` and `span_text`, the exact text the post's span covers), then
unit tests: parameter parsing, the reader's masks, plain-text and HTML inputs, deferral to
the HTML embed rules, and linear time on hostile input.
"""

from __future__ import annotations

import json
import re
import time
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import socialcheck
from socialcheck import Document
from socialcheck.detect import shortcodes
from socialcheck.detect.shortcodes import RULES, Params, parse_params
from socialcheck.read import read_source

try:  # tests/ may or may not be a package
    from . import golden
except ImportError:
    import golden

MD_DIR = golden.FIXTURES_DIR / "markdown"
FIXTURE_JSONS = sorted(MD_DIR.glob("*.json"))
IDS = [p.stem for p in FIXTURE_JSONS]
POST_KEYS = golden.FIXTURE_POST_KEYS | {"status_id", "url", "form", "span_text", "note"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
RULE_IN_EVIDENCE = re.compile(r"\(([a-z0-9-]+)\)$")


@cache
def load(json_path: Path) -> tuple[str, dict[str, Any]]:
    with json_path.with_suffix(".md").open(encoding="utf-8", newline="") as fh:
        text = fh.read()
    return text, json.loads(json_path.read_text(encoding="utf-8"))


@cache
def parsed(json_path: Path) -> Document:
    text, _gold = load(json_path)
    return socialcheck.parse(text, source=str(json_path.with_suffix(".md")))


def md(text: str) -> Document:
    return socialcheck.parse(text, source="page.md")


def spans(doc: Document) -> list[str]:
    return [doc.text[p.span[0] : p.span[1]] for p in doc.posts]


# --------------------------------------------------------------------------- fixtures


def test_fixture_set() -> None:
    mds = {p.stem for p in MD_DIR.glob("*.md")} - {"README"}
    assert mds == set(IDS), f"unpaired fixtures: {sorted(mds ^ set(IDS))}"
    assert all(re.fullmatch(r"\d\d-[a-z0-9-]+", s) for s in IDS), IDS
    assert len(IDS) >= 14
    listed = (MD_DIR / "README.md").read_text(encoding="utf-8")
    assert all(f"`{stem}`" in listed for stem in IDS), "list every fixture in the README"


def test_every_rule_has_a_fixture() -> None:
    covered = set()
    for path in FIXTURE_JSONS:
        for post in parsed(path).posts:
            for line in post.evidence:
                m = RULE_IN_EVIDENCE.search(line)
                if m:
                    covered.add(m.group(1))
    assert {r.name for r in RULES} <= covered, sorted({r.name for r in RULES} - covered)


@pytest.mark.parametrize("json_path", FIXTURE_JSONS, ids=IDS)
def test_expectation_is_well_formed(json_path: Path) -> None:
    text, gold = load(json_path)
    assert set(gold) <= {"article_date", "posts", "notes"}, sorted(gold)
    assert gold.get("notes"), "every fixture explains its shape in 'notes'"
    assert gold["article_date"] is None or ISO_DATE.fullmatch(gold["article_date"])
    for i, post in enumerate(gold["posts"]):
        assert set(post) <= POST_KEYS, (i, sorted(set(post) - POST_KEYS))
        assert post["span_text"] in text, (i, "span_text not in the fixture")
        assert post["status_id"] in post["span_text"], (i, "status_id not in the span")


@pytest.mark.parametrize("json_path", FIXTURE_JSONS, ids=IDS)
def test_fixture_matches_expectation(json_path: Path) -> None:
    text, gold = load(json_path)
    doc = parsed(json_path)
    mismatches = [str(m) for m in golden.compare_document(doc, gold)]
    assert not mismatches, "\n".join(mismatches)
    for i, (want, post) in enumerate(zip(gold["posts"], doc.posts, strict=True)):
        got = {
            "status_id": post.status_id,
            "url": post.url,
            "form": post.form,
            "span_text": text[post.span[0] : post.span[1]],
        }
        expected = {k: want[k] for k in got}
        assert got == expected, f"post {i}"


@pytest.mark.parametrize("json_path", FIXTURE_JSONS, ids=IDS)
def test_fixture_invariants(json_path: Path) -> None:
    text, _gold = load(json_path)
    doc = parsed(json_path)
    errors = golden.invariant_errors(doc, text)
    assert not errors, "\n".join(errors)
    assert "".join(s.text for s in doc.segments) == text


@pytest.mark.parametrize("json_path", FIXTURE_JSONS, ids=IDS)
def test_shortcode_posts_carry_evidence_and_no_date(json_path: Path) -> None:
    for post in parsed(json_path).posts:
        if post.form != "shortcode":
            continue
        assert post.date is None and post.body is None and post.display_name is None
        assert post.evidence and RULE_IN_EVIDENCE.search(post.evidence[0])
        bare = "bare-post-url" in post.evidence[0]
        assert post.confidence == (0.7 if bare else 0.95)


def test_shortcode_posts_are_not_reported_as_undated() -> None:
    doc = parsed(MD_DIR / "01-hugo-x-front-matter.json")
    assert doc.posts
    assert not [f for f in socialcheck.check(doc) if f.name == "undated-post"]


# --------------------------------------------------------------------------- parameters


@pytest.mark.parametrize(
    ("text", "positional", "named"),
    [
        ('user="SanDiegoZoo" id="1453110110599868418"', (),
         (("user", "SanDiegoZoo"), ("id", "1453110110599868418"))),
        ("1453110110599868418", ("1453110110599868418",), ()),
        ("user='a_b' id=99", (), (("user", "a_b"), ("id", "99"))),
        ("id = `raw`", (), (("id", "raw"),)),
        ('"mastodon.social" "someone" "123"', ("mastodon.social", "someone", "123"), ()),
        ("https://twitter.com/a/status/1 maxwidth=500 align=right",
         ("https://twitter.com/a/status/1",), (("maxwidth", "500"), ("align", "right"))),
        ("https://www.youtube.com/watch?v=abcdefghijk&t=3", (
            "https://www.youtube.com/watch?v=abcdefghijk&t=3",), ()),
        ("oembed https://x.com/a/status/1", ("oembed", "https://x.com/a/status/1"), ()),
        ("tweetId={'933354946111705097'}", (), (("tweetid", "933354946111705097"),)),
        ('id={"1"} n={42} t={`x`}', (), (("id", "1"), ("n", "42"), ("t", "x"))),
        ("options={{ height: 400 }} hideConversation", ("hideConversation",),
         (("options", "{ height: 400 }"),)),
        ("", (), ()),
    ],
)  # fmt: skip
def test_parse_params(text: str, positional: tuple[str, ...], named: tuple[Any, ...]) -> None:
    assert parse_params(text) == Params(positional, named)


def test_params_get_takes_the_first_given_key() -> None:
    params = parse_params('tweetId="1" id="2"')
    assert params.get("id", "tweetid") == "2"
    assert params.get("tweetid", "id") == "1"
    assert params.get("nope") is None


def test_parse_params_is_bounded() -> None:
    start = time.perf_counter()
    parse_params('a="' * 50_000 + "{" * 50_000)
    assert time.perf_counter() - start < 2


# --------------------------------------------------------------------------- platforms and IDs


def test_bare_id_takes_the_platform_of_the_shortcode_name() -> None:
    doc = md("{{< tweet 20 >}}\n\n{{< x id=21 >}}\n\n[tweet 22]\n\n<TweetEmbed id={23} />\n")
    assert [(p.platform, p.status_id, p.handle) for p in doc.posts] == [
        ("twitter", "20", None), ("twitter", "21", None),
        ("twitter", "22", None), ("twitter", "23", None),
    ]  # fmt: skip
    assert doc.posts[0].url == "https://x.com/i/web/status/20"


def test_a_url_of_another_platform_is_not_taken() -> None:
    doc = md(
        "{% twitter https://bsky.app/profile/a.bsky.social/post/3kabcdefghi2x %}\n\n"
        '<InstagramEmbed url="https://twitter.com/a/status/1" />\n'
    )
    assert doc.posts == ()


def test_timelines_profiles_and_malformed_ids_are_not_posts() -> None:
    doc = md(
        '{{< twitter_timeline user="a" >}}\n\n'
        "{% twitter https://twitter.com/rubygems %}\n\n"
        "{% twitter https://twitter.com/rubygems/lists/team %}\n\n"
        '{{< tweet user="a" >}}\n\n'
        "{{< tweet notanumber >}}\n\n"
        "{{< youtube tooshort >}}\n\n"
        "{{< instagram >}}\n\n"
        "<Tweet id={tweetId} />\n\n"
        '<TwitterTimelineEmbed sourceType="profile" screenName="a" />\n\n'
        "[embed]https://example.com/page[/embed]\n"
    )
    assert doc.posts == ()


def test_hugo_closing_and_unknown_shortcodes_are_ignored() -> None:
    doc = md("{{< figure src=x.png >}}\n\n{{< /tweet >}}\n\n{{< tweet 5 >}}{{< /tweet >}}\n")
    assert spans(doc) == ["{{< tweet 5 >}}"]


def test_liquid_inside_hugo_percent_delimiters_is_found_once() -> None:
    doc = md("{{% tweet 7 %}}\n")
    assert spans(doc) == ["{{% tweet 7 %}}"]
    assert doc.posts[0].evidence[0].endswith("(hugo-x)")


def test_jsx_component_spans_cover_the_closing_tag_only_when_it_follows() -> None:
    doc = md('<Tweet id="1">\n</Tweet>\n\n<Tweet id="2">\n\n<TweetEmbed id="3"></TweetEmbed>\n')
    assert spans(doc) == [
        '<Tweet id="1">\n</Tweet>',
        '<Tweet id="2">',
        '<TweetEmbed id="3"></TweetEmbed>',
    ]


def test_wordpress_escapes_and_markdown_links_are_not_shortcodes() -> None:
    doc = md(
        "[[tweet 1]] and [tweet](https://twitter.com/a/status/2) and [tweet 3][ref]\n\n"
        "[embed]: https://twitter.com/a/status/4\n"
    )
    assert doc.posts == ()


# --------------------------------------------------------------------------- masks


MASKED = [
    "`{{< tweet 11 >}}`",
    "```\n{{< tweet 11 >}}\n```",
    "~~~\n{% twitter https://twitter.com/a/status/11 %}\n~~~",
    '{{</* tweet user="a" id="11" */>}}',
    "{{%/* tweet 11 */%}}",
    "{% raw %}{% twitter https://twitter.com/a/status/11 %}{% endraw %}",
    "{% comment %}\n{% tweet https://twitter.com/a/status/11 %}\n{% endcomment %}",
    "<!-- {{< tweet 11 >}} -->",
    "<!-- [tweet 11] -->",
    '<!--\n<Tweet id="11" />\n-->',
    "```\nhttps://twitter.com/a/status/11\n```",
    '```jsx\n<Tweet id="11" />\n```',
]


@pytest.mark.parametrize("snippet", MASKED)
def test_code_comments_and_escapes_are_not_embeds(snippet: str) -> None:
    text = f"Intro paragraph.\n\n{snippet}\n\nLast paragraph.\n"
    assert md(text).posts == ()


def test_the_reader_masks_what_the_detector_would_find() -> None:
    """The detector reads the raw input; code is removed by the caller (detect_posts)."""
    text = '```\n{{< tweet 11 >}}\n```\n\n`<Tweet id="12" />`\n'
    found = shortcodes.detect(read_source(text, "markdown"))
    assert [p.status_id for p in found] == ["11", "12"]
    assert md(text).posts == ()


def test_gutenberg_comments_are_not_masked_but_other_comments_are() -> None:
    text = (
        '<!-- wp:embed {"url":"https://twitter.com/a/status/5"} -->\n'
        '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
        "https://twitter.com/a/status/5\n</div></figure>\n<!-- /wp:embed -->\n\n"
        "<!-- a note: [tweet 6] -->\n"
    )
    for kind in ("markdown", "html"):
        src = read_source(text, kind)
        assert not any(start == 0 for start, _end in src.masked()), kind
        assert any(text.startswith("<!-- a note", start) for start, _end in src.masked()), kind
        doc = socialcheck.parse(text, kind=kind)
        assert [p.status_id for p in doc.posts] == ["5"], kind
        assert doc.posts[0].span == (0, text.index("<!-- /wp:embed -->") + 18), kind


# --------------------------------------------------------------------------- deferral to markup


BLOCKQUOTE = (
    '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Gritters are out on all main '
    "routes tonight.</p>&mdash; Kessler Council (@KesslerCouncil) "
    '<a href="https://twitter.com/KesslerCouncil/status/2029196462651816505">March 4, 2026</a>'
    "</blockquote>"
)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            '<!-- wp:embed {"url":"https://twitter.com/KesslerCouncil/status/2029196462651816505",'
            '"providerNameSlug":"twitter"} -->\n<figure class="wp-block-embed">'
            '<div class="wp-block-embed__wrapper">\n',
            "\n</div></figure>\n<!-- /wp:embed -->",
        ),
        (
            '<!--kg-card-begin: embed--><figure class="kg-card kg-embed-card">',
            "</figure><!--kg-card-end: embed-->",
        ),
    ],
    ids=["gutenberg", "ghost"],
)
def test_blocks_holding_embed_markup_are_left_to_the_html_rules(before: str, after: str) -> None:
    text = f"Before.\n\n{before}{BLOCKQUOTE}{after}\n\nAfter.\n"
    doc = md(text)
    assert [p.form for p in doc.posts if p.form == "shortcode"] == []
    inner = text.index(BLOCKQUOTE)
    assert any(p.span[0] <= inner < p.span[1] for p in doc.posts), "html_embeds reads it"


# --------------------------------------------------------------------------- bare URLs


URL = "https://twitter.com/FennickTrams/status/2029469646059945606"


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        (f"Intro.\n\n{URL}\n\nMore.\n", "text", True),
        (f"{URL}\n\nMore.\n", "text", True),
        (f"Intro.\n\n{URL}", "text", True),
        (f"Intro.\r\n\r\n{URL}\r\n\r\nMore.\r\n", "text", True),
        (f"Intro.\n\n {URL}\n\nMore.\n", "text", False),
        (f"Intro.\n\n  {URL}\n\nMore.\n", "markdown", True),
        (f"Intro.\n\n    {URL}\n\nMore.\n", "markdown", False),
        (f"Intro.\n{URL}\n\nMore.\n", "text", False),
        (f"Intro.\n\n{URL}\nMore.\n", "markdown", False),
        (f"Intro.\n\nSee {URL} now.\n\nMore.\n", "markdown", False),
        (f"Intro.\n\n{URL}.\n\nMore.\n", "markdown", False),
        (f"Intro.\n\n<{URL}>\n\nMore.\n", "markdown", True),
        (f"Intro.\n\n<{URL}>\n\nMore.\n", "text", False),
        (f"Intro.\n\n[{URL}]({URL})\n\nMore.\n", "markdown", False),
        ("Intro.\n\nhttps://twitter.com/FennickTrams\n\nMore.\n", "markdown", False),
        ("Intro.\n\nhttps://t.co/AbCdEf1234\n\nMore.\n", "markdown", False),
        ("Intro.\n\ntwitter.com/FennickTrams/status/2029469646059945606\n\nMore.\n", "text", False),
        (f"<p>Intro.</p>\n\n{URL}\n\n<p>More.</p>\n", "html", False),
    ],
)
def test_a_post_url_alone_in_its_paragraph(text: str, kind: str, found: bool) -> None:
    doc = socialcheck.parse(text, kind=kind)
    bare = [p for p in doc.posts if p.form == "shortcode"]
    assert bool(bare) == found, [p.evidence for p in doc.posts]
    if found:
        assert bare[0].confidence == 0.7
        assert bare[0].status_id == "2029469646059945606"
        assert doc.text[bare[0].span[0] : bare[0].span[1]].strip("<>") == URL


def test_a_list_of_post_urls_is_not_an_embed() -> None:
    text = f"Sources:\n\n{URL}\n{URL[:-3]}111\n{URL[:-3]}222\n\nEnd.\n"
    for kind in ("text", "markdown"):
        assert socialcheck.parse(text, kind=kind).posts == ()


def test_a_bare_url_in_the_front_matter_is_not_a_post() -> None:
    text = f"---\ntitle: x\ndate: 2026-03-05\n---\n\n{URL}\n\nText.\n"
    doc = md(text)
    assert len(doc.posts) == 1 and doc.posts[0].span[0] == text.index(URL)
    text = f"---\ntitle: x\nsource:\n\n{URL}\n\n---\n\nText.\n"
    assert md(text).posts == ()


def test_html_input_gets_shortcodes_but_no_bare_urls() -> None:
    text = f'<p>Intro.</p>\n<!-- wp:embed {{"url":"{URL}"}} /-->\n\n{URL}\n\n<p>End.</p>\n'
    doc = socialcheck.parse(text, kind="html")
    assert spans(doc) == [f'<!-- wp:embed {{"url":"{URL}"}} /-->']


# --------------------------------------------------------------------------- hostile input


HOSTILE = [
    "{{< " * 40_000,
    "{{< tweet " + "a " * 80_000,
    "{% twitter " * 20_000,
    "[tweet " * 30_000,
    "[embed]" * 30_000,
    "<Tweet " * 30_000,
    '<Tweet id="' * 30_000,
    "<Tweet id={" * 30_000,
    "<Tweet a>" * 30_000,
    '<!-- wp:embed {"url":"x"} -->' * 10_000,
    "<!--kg-card-begin: embed-->" * 10_000,
    f"{URL} " * 20_000,
    f"\n\n{URL}\n" * 5_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=[f"hostile-{i}" for i in range(len(HOSTILE))])
def test_hostile_input_is_linear(text: str) -> None:
    for kind in ("markdown", "html", "text"):
        src = read_source(text, kind)
        start = time.perf_counter()
        shortcodes.detect(src)
        assert time.perf_counter() - start < 3, kind
