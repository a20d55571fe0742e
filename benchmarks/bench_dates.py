#!/usr/bin/env python3
"""Time `socialcheck.dates.match_date` (English fast path, other languages, prose).

    .venv/bin/python benchmarks/bench_dates.py            # the installed socialcheck
    cd /some/other/checkout && python .../bench_dates.py  # compare two trees

Prints microseconds per call (best of 5 repeats) for each group, plus the one-off
cost of loading the CLDR tables on the first non-English date.
"""

from __future__ import annotations

import sys
import time
import timeit

ENGLISH = [
    "June 19, 2019",
    "5 March 2026",
    "Mar 5, 2026 at 9:09 AM",
    "November 4, 2024 at 9:09 AM",
    "Sept. 12, 2016",
    "30 February 2026",
]
OTHER = [
    "23 de enero de 2013",
    "11. März 2019",
    "2 марта 2018 г.",
    "2018年6月6日",
    "٢٥ مارس ٢٠٢٠",
    "Jueves, 12 de noviembre de 2020",
]
PROSE = ["said on Monday that", "wrote: we will", "https://t.co/abc", "(@other) x"]


def per_call(cases: list[str], number: int) -> float:
    from socialcheck.dates import match_date

    texts = [f"(@handle) {case} and then more text" for case in cases]

    def run() -> None:
        for text in texts:
            match_date(text, 9)

    best = min(timeit.repeat(run, number=number, repeat=5))
    return best / (number * len(texts)) * 1e6


def main() -> int:
    import socialcheck.dates as dates

    print(f"socialcheck.dates from {dates.__file__}")
    started = time.perf_counter()
    dates.match_date("(@h) 23 de enero de 2013", 4)
    first = (time.perf_counter() - started) * 1e3
    has_ml = "socialcheck.dates.multilingual" in sys.modules
    print(f"first non-English call (loads tables: {has_ml}): {first:.2f} ms")
    for name, cases in (("english", ENGLISH), ("other", OTHER), ("prose", PROSE)):
        print(f"{name:8s} {per_call(cases, 2000):6.2f} us/call")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
