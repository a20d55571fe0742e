"""Throughput and scaling benchmark for `socialcheck.parse` (a script, not a test).

    .venv/bin/python benchmarks/bench_parse.py            # full run
    .venv/bin/python benchmarks/bench_parse.py --quick    # smaller inputs, fewer repeats

For every input it prints the size, the best-of-N time of `socialcheck.parse`, MB/s,
and the ratio to ONE pass of `regex.compile(r"\\(@\\w{1,15}\\)").findall` over the same
text, timed in the same run. Hostile inputs are also timed at twice their size.
Targets are listed in benchmarks/README.md; a summary against them ends the output.
All inputs are generated deterministically (random.Random(0)); nothing is read from
disk or the network.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import socialcheck  # noqa: E402

BASELINE = regex.compile(r"\(@\w{1,15}\)")
MB = 1_000_000

# Targets (see README.md).
PROSE_RATIO_MAX = 3.0
DENSE_MBPS_MIN = 20.0
DOUBLING_MAX = 2.2  # 2x plus 10% noise
IMPORT_MS_MAX = 60.0
VERSION_MS_MAX = 150.0


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------

ONSETS = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w",
          "br", "ch", "dr", "fl", "gr", "pl", "sh", "st", "th", "tr"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"]
CODAS = ["", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ck"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def invented_word(rng: random.Random) -> str:
    return "".join(
        rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
        for _ in range(rng.choice((1, 1, 2, 2, 3)))
    )


class Words:
    """A fixed invented vocabulary, so that word frequencies look like prose."""

    def __init__(self, rng: random.Random, size: int = 4000) -> None:
        self.rng = rng
        self.vocab = [invented_word(rng) for _ in range(size)]

    def word(self) -> str:
        # Zipf-ish: small indices far more often.
        i = int(len(self.vocab) * self.rng.random() ** 3)
        return self.vocab[i]

    def sentence(self, lo: int = 8, hi: int = 20, *, asides: bool = True) -> str:
        words = [self.word() for _ in range(self.rng.randint(lo, hi))]
        if asides:
            roll = self.rng.random()
            # Real prose has parentheses and @mentions (never "(@"), so the
            # detector's cheap "no '(' or no '@'" exit does not fire.
            if roll < 0.15:
                at = self.rng.randrange(1, len(words))
                words[at] = f"({words[at]} {self.word()})"
            elif roll < 0.22:
                at = self.rng.randrange(1, len(words))
                words[at] = "@" + words[at]
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))


def prose_text(target: int, seed: int = 0) -> str:
    w = Words(random.Random(seed))
    parts: list[str] = []
    size = 0
    while size < target:
        para = w.paragraph()
        parts.append(para)
        size += len(para) + 2
    return "\n\n".join(parts)


def _post_pieces(w: Words) -> tuple[str, str, str, str]:
    rng = w.rng
    body = " ".join(
        w.sentence(2, 8, asides=False)[:-1] + rng.choice(".!?") for _ in range(rng.randint(1, 3))
    )[:200]
    links = " ".join(
        rng.choice(("pic.twitter.com/", "https://t.co/"))
        + "".join(rng.choice(ALNUM) for _ in range(10))
        for _ in range(rng.randint(0, 2))
    )
    name = " ".join(w.word().capitalize() for _ in range(rng.randint(1, 3)))
    handle = "".join(rng.choice(ALNUM + "_") for _ in range(rng.randint(3, 15)))
    year = rng.randint(2010, 2026)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    date = rng.choice(
        (
            f"{MONTHS[month - 1]} {day}, {year}",
            f"{MONTHS[month - 1][:3]} {day}, {year}",
            f"{day} {MONTHS[month - 1]} {year}",
            f"{MONTHS[month - 1]} {day}, {year} at {rng.randint(1, 12)}:{rng.randint(0, 59):02d} AM",
        )
    )
    return body, links, f"{name} (@{handle})", date


def dense_text(target: int, seed: int = 0, every: int = 2000) -> tuple[str, int]:
    """Prose with one post per ~`every` characters, in the supported scraped shapes."""
    w = Words(random.Random(seed))
    rng = w.rng
    out: list[str] = []
    size = 0
    posts = 0
    while size < target:
        chunk: list[str] = []
        while sum(len(c) for c in chunk) < every - 300:
            chunk.append(w.paragraph())
        body, links, who, date = _post_pieces(w)
        sp_links = f" {links}" if links else ""
        shape = posts % 7
        if shape == 0:
            post = f"{body}{sp_links} \u2014 {who} {date}"
        elif shape == 1:
            post = f"{body}{sp_links} {rng.choice(('–', '--', '&mdash;'))} {who} {date}"
        elif shape == 2:
            post = f"{body}{sp_links}\u2014 {who} {date}"
        elif shape == 3:
            post = f"{body}{sp_links}\n\u2014 {who} {date}"
        elif shape == 4:
            post = f"{body}\n\n{links or 'pic.twitter.com/AbCdEfGhIj'} \u2014 {who} {date}"
        elif shape == 5:
            # ISOT: glued to the sentence before and the one after, no dash, two spaces.
            chunk[-1] += f"{body}{sp_links}  {who} {date}{w.sentence()}"
            post = ""
        else:
            post = f"{body}{sp_links} \u2014 {who} {date}"
        if post:
            chunk.append(post)
        piece = "\n\n".join(chunk)
        out.append(piece)
        size += len(piece) + 2
        posts += 1
    return "\n\n".join(out), posts


def one_line(target: int, seed: int = 0) -> str:
    w = Words(random.Random(seed))
    parts: list[str] = []
    size = 0
    while size < target:
        word = w.word()
        parts.append(word)
        size += len(word) + 1
    return " ".join(parts)


# Hostile inputs: a builder taking a scale factor (1 = the size in the brief).
HOSTILE: list[tuple[str, Callable[[int], str]]] = [
    ('"(@a) " * 200_000', lambda k: "(@a) " * (200_000 * k)),
    ('"— (@x) " * 150_000', lambda k: "\u2014 (@x) " * (150_000 * k)),
    ("1 MB line, no break", lambda k: one_line(1_000_000 * k)),
    ('"pic.twitter.com/abcdefghij " * 40_000', lambda k: "pic.twitter.com/abcdefghij " * (40_000 * k)),
    ("'<blockquote class=\"twitter-tweet\"><p>' * 30_000",
     lambda k: '<blockquote class="twitter-tweet"><p>' * (30_000 * k)),
    ('"— A (@a) March 5, 2026 " * 50_000', lambda k: "\u2014 A (@a) March 5, 2026 " * (50_000 * k)),
    ('"x. " * 300_000 + "— A (@a) March 5, 2026"',
     lambda k: "x. " * (300_000 * k) + "\u2014 A (@a) March 5, 2026"),
]


# ---------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------


def best_of(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def measure(text: str, repeat: int) -> tuple[float, float, int]:
    """(parse seconds, baseline seconds, posts found)."""
    found = len(socialcheck.parse(text).posts)  # warm up, and count
    t_parse = best_of(lambda: socialcheck.parse(text), repeat)
    t_base = best_of(lambda: BASELINE.findall(text), repeat)
    return t_parse, t_base, found


def fmt_size(n: int) -> str:
    return f"{n / MB:7.2f} MB"


def row(label: str, text: str, t_parse: float, t_base: float, posts: int) -> None:
    mbps = len(text.encode("utf-8")) / MB / t_parse if t_parse else float("inf")
    ratio = t_parse / t_base if t_base else float("inf")
    print(
        f"  {label:<48} {fmt_size(len(text))}  {t_parse:8.4f} s  {mbps:8.1f} MB/s"
        f"  x{ratio:7.1f} regex  posts={posts}"
    )


# ---------------------------------------------------------------------------
# Start-up costs, each in a fresh interpreter
# ---------------------------------------------------------------------------


def _run(cmd: list[str]) -> float | None:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        return None
    return elapsed


def startup(repeat: int = 5) -> tuple[float | None, float | None, float | None, str]:
    """(import ms by wall clock, import ms per -X importtime, --version ms, how)."""
    py = sys.executable
    base = [t for t in (_run([py, "-c", "pass"]) for _ in range(repeat)) if t is not None]
    imp = [t for t in (_run([py, "-c", "import socialcheck"]) for _ in range(repeat)) if t]
    import_ms = (min(imp) - min(base)) * 1000 if imp and base else None

    importtime_ms = None
    proc = subprocess.run(
        [py, "-X", "importtime", "-c", "import socialcheck"], capture_output=True, text=True,
        cwd=ROOT,
    )
    for line in proc.stderr.splitlines():
        # "import time: self [us] | cumulative | imported package"
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == "socialcheck":
            importtime_ms = int(parts[1]) / 1000

    exe = shutil.which("socialcheck") or str(Path(py).with_name("socialcheck"))
    cmds = []
    if Path(exe).exists():
        cmds.append(([exe, "--version"], "socialcheck --version"))
    cmds.append(([py, "-m", "socialcheck", "--version"], "python -m socialcheck --version"))
    version_ms = None
    how = "unavailable"
    for cmd, label in cmds:
        runs = [_run(cmd) for _ in range(repeat)]
        if all(r is not None for r in runs):
            version_ms = min(r for r in runs if r is not None) * 1000
            how = label
            break
    return import_ms, importtime_ms, version_ms, how


# ---------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="inputs 1/10 the size, fewer repeats")
    args = ap.parse_args()
    scale = 10 if args.quick else 1
    big_repeat = 2 if args.quick else 3
    small_repeat = 3 if args.quick else 5

    print(f"socialcheck {socialcheck.__version__}, Python {sys.version.split()[0]}, "
          f"regex {regex.__version__}")
    print(f"best of {big_repeat} (large inputs) / {small_repeat} (hostile inputs)\n")
    summary: list[tuple[str, bool, str]] = []

    print("(a) post-free prose")
    text = prose_text(10 * MB // scale)
    t_parse, t_base, posts = measure(text, big_repeat)
    row("invented prose, ( and @ but no (@", text, t_parse, t_base, posts)
    ratio = t_parse / t_base
    summary.append(("post-free prose <= 3x one regex pass", ratio <= PROSE_RATIO_MAX,
                    f"x{ratio:.2f}"))
    if posts:
        summary.append(("post-free prose finds no post", False, f"{posts} posts"))
    bare = text.replace("(", "").replace("@", "")
    t_parse, t_base, posts = measure(bare, big_repeat)
    row("same prose without ( and @", bare, t_parse, t_base, posts)

    print("\n(b) post-dense text (one post per ~2 KB)")
    text, made = dense_text(5 * MB // scale)
    t_parse, t_base, posts = measure(text, big_repeat)
    row(f"{made} posts written", text, t_parse, t_base, posts)
    mbps = len(text.encode("utf-8")) / MB / t_parse
    summary.append(("post-dense >= 20 MB/s", mbps >= DENSE_MBPS_MIN, f"{mbps:.1f} MB/s"))
    if posts != made:
        print(f"  note: {made} posts written, {posts} found")

    print("\n(c) hostile inputs (1x, then 2x; ratio = time(2x) / time(1x))")
    worst = 0.0
    worst_label = ""
    for label, build in HOSTILE:
        one = build(1) if not args.quick else build(1)[: len(build(1)) // scale]
        two = one + one if args.quick else build(2)
        t1, b1, p1 = measure(one, small_repeat)
        t2, _b2, _p2 = measure(two, small_repeat)
        row(label, one, t1, b1, p1)
        growth = t2 / t1 if t1 else float("inf")
        print(f"  {'':<48} {'2x:':>10} {t2:8.4f} s   time(2x)/time(1x) = {growth:.2f}")
        if growth > worst:
            worst, worst_label = growth, label
    summary.append(("doubling a hostile input <= 2.2x time", worst <= DOUBLING_MAX,
                    f"worst {worst:.2f} ({worst_label})"))

    print("\n(d) start-up (fresh interpreter, best of 5)")
    import_ms, importtime_ms, version_ms, how = startup()
    if import_ms is not None:
        print(f"  import socialcheck (wall, minus `python -c pass`): {import_ms:6.1f} ms")
        summary.append(("import < 60 ms", import_ms < IMPORT_MS_MAX, f"{import_ms:.1f} ms"))
    else:
        print("  import socialcheck: failed")
        summary.append(("import < 60 ms", False, "import failed"))
    if importtime_ms is not None:
        print(f"  import socialcheck (-X importtime, cumulative):     {importtime_ms:6.1f} ms")
    if version_ms is not None:
        print(f"  {how}: {version_ms:6.1f} ms")
        summary.append(("--version < 150 ms", version_ms < VERSION_MS_MAX,
                        f"{version_ms:.1f} ms ({how})"))
    else:
        print("  --version: skipped (no working CLI entry point)")

    print("\nSummary against targets")
    for label, ok, value in summary:
        print(f"  [{'PASS' if ok else 'MISS'}] {label:<42} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
