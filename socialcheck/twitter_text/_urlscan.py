# Part of the twitter-text port; the matching rules are upstream's (regex.rb
# `valid_url` and `valid_ascii_domain`). Copyright 2011-2018 Twitter, Inc.; licensed
# under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).
"""A linear-time scanner that finds exactly what upstream's URL regex finds.

Upstream finds URLs with one regex, `preceding-char (https?://)? subdomain* domain-name
TLD port? path? query?`, run left to right. Its domain part backtracks through every
label of a dotted chain and is retried at every start position inside the chain, so
`a.a.a.a...` (no TLD at the end) costs O(n^2) TLD tests: 1,000 characters took seconds.

The scanner gets the same matches from tables built once per text:

* the text splits into *runs*: maximal stretches of domain characters, `_` and `-`. A
  label starting at `d` always extends to the end of its run and is a label only if the
  run ends with `.` and with a domain character (not `_`/`-`), and `d` is one too;
* a run's label continues the chain when the next run starts right after its dot;
* upstream's greedy `subdomain*` then backtracking picks the LAST label of the chain
  that has no `_` and is followed by a TLD; `best_after[i]` holds that label for the
  chain after run `i`, computed right to left once;
* the leftmost match is then the first start position, in upstream's order of
  alternatives, whose domain exists; port, path and query are matched by the regex
  engine at the domain's end (they cannot fail, so they never backtrack into it).

`tests/test_twitter_text_conformance.py` compares this scanner with upstream's regex,
built there from the pieces in _regexes.py, on generated text and the suite's texts.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from . import _regexes as rx

_DASHES = "_-"


class UrlMatch(NamedTuple):
    """One match of upstream's URL regex, by its groups (None when not taken)."""

    start: int  # start of group 1: the preceding character, if any
    before: str  # group 2
    url_start: int  # start of group 3 (protocol or domain)
    end: int  # end of groups 1 and 3
    protocol: str | None  # group 4
    domain_start: int  # group 5
    domain_end: int
    port: str | None  # group 6
    path: str | None  # group 7
    query: str | None  # group 8


class _Domains:
    """Which positions of `text` start a domain, and where that domain ends."""

    __slots__ = ("best_after", "ends", "last_underscore", "starts", "text", "tld_end", "valid")

    def __init__(self, text: str) -> None:
        self.text = text
        n = len(text)
        spans = [m.span() for m in rx.DOMAIN_LABEL_RUN.finditer(text)]
        count = len(spans)
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.valid = [False] * count  # run ends with a domain character and a dot
        self.tld_end: list[int | None] = [None] * count  # end of the TLD after the dot
        self.last_underscore = [-1] * count
        self.best_after: list[int | None] = [None] * count
        best: list[int | None] = [None] * count  # best label of the chain from the run start
        for i in range(count - 1, -1, -1):
            s, e = spans[i]
            if e >= n or text[e] != "." or text[e - 1] in _DASHES:
                continue
            self.valid[i] = True
            m = rx.TLD.match(text, e + 1)
            self.tld_end[i] = m.end() if m else None
            self.last_underscore[i] = text.rfind("_", s, e)
            j = i + 1
            if j < count and spans[j][0] == e + 1 and text[e + 1] not in _DASHES:
                self.best_after[i] = best[j]
            if text[s] not in _DASHES:
                best[i] = self.best_after[i]
                if best[i] is None and self.tld_end[i] is not None and s > self.last_underscore[i]:
                    best[i] = i

    def run_at(self, pos: int) -> int:
        """Index of the run containing `pos`, or -1."""
        i = bisect_right(self.starts, pos) - 1
        return i if i >= 0 and pos < self.ends[i] else -1

    def viable(self, i: int) -> bool:
        """Some start position inside run `i` may begin a domain."""
        return self.valid[i] and (self.best_after[i] is not None or self.tld_end[i] is not None)

    def end_at(self, d: int, i: int) -> int | None:
        """End of the domain that starts at `d` (inside run `i`), or None."""
        if not self.valid[i] or self.text[d] in _DASHES:
            return None
        after = self.best_after[i]
        if after is not None:
            return self.tld_end[after]
        if d > self.last_underscore[i]:
            return self.tld_end[i]
        return None

    def end_from(self, d: int) -> int | None:
        i = self.run_at(d)
        return None if i < 0 else self.end_at(d, i)


def iter_url_matches(text: str) -> list[UrlMatch]:
    """All matches of upstream's VALID_URL regex in `text`, as `finditer` gives them."""
    n = len(text)
    domains = _Domains(text)
    excluded = rx.URL_PRECEDING_EXCLUDED
    protocols = [m.span() for m in rx.PROTOCOL.finditer(text)]
    out: list[UrlMatch] = []

    proto_i = 0  # protocols before this index can no longer start a match
    run_i = 0  # runs before this index hold no protocol-less candidate any more

    def first_plain(lo: int) -> tuple[int, int] | None:
        """(d, domain end) for the first d >= lo that starts a protocol-less domain and
        is preceded by an allowed character."""
        nonlocal run_i
        i = max(run_i, bisect_right(domains.starts, lo) - 1, 0)
        count = len(domains.starts)
        while i < count:
            if domains.ends[i] > lo and domains.viable(i):
                run_i = i
                for d in range(max(domains.starts[i], lo), domains.ends[i]):
                    if text[d - 1] not in excluded:
                        end = domains.end_at(d, i)
                        if end is not None:
                            return d, end
            i += 1
        run_i = i
        return None

    plain = first_plain(1)
    pos = 0
    while pos < n:
        # (s, length of the preceding character, URL start, domain start, domain end)
        candidates: list[tuple[int, int, int, int, int]] = []
        # "http(s)://" at p preceded by an allowed character: s = p - 1.
        while proto_i < len(protocols):
            p, q = protocols[proto_i]
            if p > pos and text[p - 1] not in excluded:
                end = domains.end_from(q)
                if end is not None:
                    candidates.append((p - 1, 1, p, q, end))
                    break
            proto_i += 1  # behind pos, or can never match
        # A domain at d preceded by an allowed character: s = d - 1.
        if plain is not None and plain[0] <= pos:
            plain = first_plain(pos + 1)
        if plain is not None:
            d, end = plain
            candidates.append((d - 1, 1, d, d, end))
        if pos == 0:
            # Upstream's `^` alternative: no preceding character. It is tried after the
            # alternatives that consume one, so it only wins when they fail at 0.
            if protocols and protocols[0][0] == 0:
                end = domains.end_from(protocols[0][1])
                if end is not None:
                    candidates.append((0, 0, 0, protocols[0][1], end))
            else:
                end = domains.end_from(0)
                if end is not None:
                    candidates.append((0, 0, 0, 0, end))
        if not candidates:
            break
        s, pre, url_start, dom_start, dom_end = min(candidates, key=lambda c: (c[0], -c[1]))
        rest = rx.URL_AFTER_DOMAIN.match(text, dom_end)
        assert rest is not None  # every part after the domain is optional
        end = rest.end()
        out.append(
            UrlMatch(
                start=s,
                before=text[s : s + pre],
                url_start=url_start,
                end=end,
                protocol=text[url_start:dom_start] if dom_start > url_start else None,
                domain_start=dom_start,
                domain_end=dom_end,
                port=rest.group(1),
                path=rest.group(2),
                query=rest.group(3),
            )
        )
        pos = end
    return out


def ascii_domain_spans(domain: str) -> list[tuple[int, int]]:
    """Matches of upstream's `valid_ascii_domain` in `domain`, as `scan` gives them.

    `(?:label\\.)+TLD` with ASCII (and Latin-accented) labels: from any start inside a
    run, the greedy match ends at the TLD after the LAST label of the chain that has
    one; runs whose chain has none cannot start a match.
    """
    spans = [m.span() for m in rx.ASCII_DOMAIN_LABEL_RUN.finditer(domain)]
    count = len(spans)
    n = len(domain)
    last_end: list[int | None] = [None] * count  # end of the match from this run
    for i in range(count - 1, -1, -1):
        s, e = spans[i]
        if e >= n or domain[e] != ".":
            continue
        j = i + 1
        if j < count and spans[j][0] == e + 1 and last_end[j] is not None:
            last_end[i] = last_end[j]
        else:
            m = rx.TLD.match(domain, e + 1)
            if m is not None:
                last_end[i] = m.end()
    starts = [sp[0] for sp in spans]
    found: list[tuple[int, int]] = []
    pos = 0
    i = 0
    while i < count:
        s, e = spans[i]
        end = last_end[i]
        if e <= pos or end is None:
            i += 1
            continue
        start = max(s, pos)
        found.append((start, end))
        pos = end
        i = max(i, bisect_right(starts, pos) - 1)
    return found
