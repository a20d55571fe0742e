"""`socialcheck scan` over a 1,000-file Markdown content repo, against codespell (a script).

    .venv/bin/python benchmarks/bench_scan.py              # 1,000 files, best of 5
    .venv/bin/python benchmarks/bench_scan.py --files 200 --repeat 3
    .venv/bin/python benchmarks/bench_scan.py --keep DIR   # also leave the files in DIR

It builds a Hugo-style content tree (front matter with a date, headings, lists, links,
code blocks, prose from common English words, and two or three embedded posts per file
in the usual forms: Hugo shortcodes, X blockquote embeds, scraped signatures, bare post
URLs), about 3 KB a file, deterministically (random.Random(0)). Then it times, as whole
processes the way a user runs them, best of --repeat, in interleaved rounds so that
machine noise hits every command alike:

- codespell over the same directory (skipped, and said so, when it is not installed:
  `.venv/bin/pip install codespell`);
- `socialcheck scan` cold (--no-cache), with the default --jobs and with -j1;
- `socialcheck scan` on a fresh checkout: an empty result cache that the run fills;
- `socialcheck scan` warm: the result cache filled by an earlier run, nothing changed;
- `socialcheck scan` after one file changed (the cache serves the other 999).

Both tools run with their bytecode compiled (written by the warm-up runs under a
temporary PYTHONPYCACHEPREFIX), as installed packages run.

It prints each time, the ratio to codespell, and the CPU count (processes only help on a
machine whose cores really run in parallel; the script measures that too). The target is
socialcheck <= codespell, judged cold, on a fresh checkout and warm; the script always
exits 0.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# fmt: off
_WORD_TEXT = """the of and to a in is that for it as was with be by on not he this are or his
from at
which but have an they you were her she there been one all we their has would when if so no
what more out up into do any your some could them than other time only new these two may first
then do way about many like over such our even most made after also did years where much through
back still should because each those people how too little state good very make world well work
year government between city council bridge harbour police road traffic closed engineers report
repairs ferry island morning evening residents officials statement public meeting weather storm
rail station water county port old town market river school hospital fire minister mayor local
national company workers union strike election vote campaign leader party spokesman spokeswoman
press conference video photo picture shared posted account said told added according announced
warned confirmed denied week month today yesterday tomorrow monday tuesday wednesday thursday
friday saturday sunday january february march april june july august september october november
december north south east west central street avenue square park museum library festival concert
team match season goal coach player fans stadium club league cup final result score win lost"""
PLATFORM_NAMES = ["PortHaldenPD", "HaldenCounty", "KesslerFerries", "MayorOkafor", "danoseiPH",
                  "HarbourMasterKV", "CityLibrary", "HaldenFC", "WeatherDesk", "RailUpdates"]
DISPLAY = ["Port Halden Police", "Halden County", "Kessler Ferries", "Grace Okafor", "Daniel Osei",
           "Harbour Master", "City Library", "Halden FC", "Weather Desk", "Rail Updates"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
# fmt: on
WORDS = _WORD_TEXT.split()
ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    return " ".join(words).capitalize() + rng.choice([".", ".", ".", "?", "!"])


def paragraph(rng: random.Random) -> str:
    text = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
    if rng.random() < 0.3:
        word = rng.choice(WORDS)
        text += f" See [{word}](https://example.org/{word}/{rng.randint(1, 999)})."
    return text


def snowflake(rng: random.Random, day: int) -> str:
    # An X post ID from early 2026, around the given day of March.
    ms = 1_772_323_200_000 + (day - 1) * 86_400_000 + rng.randint(0, 86_399_999)
    return str(((ms - 1_288_834_974_657) << 22) | rng.randint(0, (1 << 22) - 1))


def post(rng: random.Random, day: int) -> str:
    i = rng.randrange(len(PLATFORM_NAMES))
    user, name = PLATFORM_NAMES[i], DISPLAY[i]
    post_day = max(1, min(28, day + rng.choice([-3, -1, 0, 0, 0, 1, 2])))
    status = snowflake(rng, post_day)
    token = "".join(rng.choice(ALNUM) for _ in range(10))
    date = f"{MONTHS[2]} {post_day}, 2026"
    form = rng.randrange(6)
    if form == 0:
        return f'{{{{< x user="{user}" id="{status}" >}}}}'
    if form == 1:
        return f'{{{{< tweet user="{user}" id="{status}" >}}}}'
    if form == 2:
        body = sentence(rng)
        return (
            f'<blockquote class="twitter-tweet"><p lang="en" dir="ltr">{body} '
            f'<a href="https://t.co/{token}">pic.twitter.com/{token}</a></p>&mdash; {name} '
            f'(@{user}) <a href="https://twitter.com/{user}/status/{status}?ref_src=twsrc%5Etfw">'
            f"{date}</a></blockquote>"
        )
    if form == 3:
        return f"{sentence(rng)} pic.twitter.com/{token} \u2014 {name} (@{user}) {date}"
    if form == 4:
        return f"{{{{< instagram {token[:11]} >}}}}"
    return f"https://x.com/{user}/status/{status}"


def article(rng: random.Random, index: int, target: int) -> tuple[str, str]:
    day = rng.randint(1, 28)
    date = f"2026-03-{day:02d}"
    title = sentence(rng).rstrip(".?!")
    parts = [
        f'---\ntitle: "{title}"\ndate: {date}T09:30:00+00:00\n'
        f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]\ndraft: false\n---\n"
    ]
    posts = rng.choice([2, 2, 3])
    slots = set(rng.sample(range(1, 6), posts))
    size, n = len(parts[0]), 0
    while size < target or n < 6:
        block = paragraph(rng)
        if n and n % 4 == 0:
            block = f"## {sentence(rng).rstrip('.?!')}\n\n{block}"
        if rng.random() < 0.12:
            block += "\n\n" + "\n".join(f"- {sentence(rng)}" for _ in range(3))
        if rng.random() < 0.05:
            block += "\n\n```sh\nhugo server --buildDrafts\n```"
        if n in slots:
            block += "\n\n" + post(rng, day)
        parts.append(block + "\n")
        size += len(block) + 2
        n += 1
    name = f"content/posts/{date}-story-{index:04d}.md"
    return name, "\n".join(parts)


def build(directory: Path, files: int, size: int) -> int:
    rng = random.Random(0)
    total = 0
    for index in range(files):
        name, text = article(rng, index, size)
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


# --- timing --------------------------------------------------------------------------------


def installed_env(pycache: Path) -> dict[str, str]:
    """Bytecode written and read under `pycache`: both tools start as installed packages do
    (pip compiles their .pyc files), even from an editable install or where
    PYTHONDONTWRITEBYTECODE is set; the warm-up runs write it."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


ENV: dict[str, str] | None = None


def wall(command: Sequence[str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, env=ENV)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1, 65):  # codespell exits 65 when it finds typos
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}): {proc.stderr[-400:]!r}")
    return elapsed


def tool(name: str) -> list[str] | None:
    here = Path(sys.executable).parent / name
    if here.exists():
        return [str(here)]
    found = shutil.which(name)
    return [found] if found else None


def parallel_speedup() -> float:
    """How much faster two busy processes finish than one doing both (2.0: two real cores)."""

    def burn() -> None:
        total = 0
        for i in range(3_000_000):
            total += i

    start = time.perf_counter()
    burn()
    burn()
    serial = time.perf_counter() - start
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    start = time.perf_counter()
    procs = [context.Process(target=burn) for _ in range(2)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    return serial / (time.perf_counter() - start)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument(
        "--size", type=int, default=2600, help="bytes of prose per file (files are ~3 KB)"
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", metavar="DIR", help="build the files in DIR and keep them")
    args = parser.parse_args(argv)

    tmp = tempfile.mkdtemp(prefix="socialcheck-bench-")
    try:
        site = Path(args.keep) if args.keep else Path(tmp) / "site"
        site.mkdir(parents=True, exist_ok=True)
        total = build(site, args.files, args.size)
        cache = Path(tmp) / "cache"
        global ENV
        ENV = installed_env(Path(tmp) / "pycache")
        socialcheck = tool("socialcheck") or [sys.executable, "-m", "socialcheck"]
        codespell = tool("codespell")
        scan = [*socialcheck, "scan", "--isolated", "--quiet", "content"]
        commands: dict[str, list[str]] = {}
        if codespell:
            commands["codespell"] = [*codespell, "content"]
        commands["socialcheck cold (default -j)"] = [*scan, "--no-cache"]
        commands["socialcheck cold -j1"] = [*scan, "--no-cache", "-j", "1"]
        commands["socialcheck warm (cache)"] = [*scan, "--cache-dir", str(cache)]
        touched = sorted((site / "content" / "posts").iterdir())[len(WORDS) % args.files]

        def one_changed() -> list[str]:
            with touched.open("a", encoding="utf-8") as handle:
                handle.write(f"\nEdited {time.time_ns()}.\n")
            return [*scan, "--cache-dir", str(cache)]

        print(f"{args.files} Markdown files, {total / 1e6:.2f} MB, in {site}")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
        print(
            f"CPUs: {os.cpu_count()}; two processes run {parallel_speedup():.2f}x as fast as one;"
            f" load average {load:.2f}"
        )
        if load > 0.5:
            print("(the machine is busy with other work: times are noisy, rerun when it is idle)")
        if not codespell:
            print("codespell is not installed: its time is skipped (pip install codespell)")
        wall([*scan, "--cache-dir", str(cache)], site)  # fill the cache, warm the disk
        if codespell:
            wall(commands["codespell"], site)
        best: dict[str, float] = {}
        fresh = Path(tmp) / "fresh-cache"

        def first_run() -> list[str]:
            # A fresh checkout's first run: nothing cached yet, every result written.
            shutil.rmtree(fresh, ignore_errors=True)
            return [*scan, "--cache-dir", str(fresh)]

        dynamic: dict[str, Callable[[], list[str]]] = {
            "socialcheck first run, fills cache": first_run,
            "socialcheck, 1 file changed": one_changed,
        }
        for _ in range(args.repeat):
            for label, command in commands.items():
                best[label] = min(best.get(label, float("inf")), wall(command, site))
            for label, make in dynamic.items():
                best[label] = min(best.get(label, float("inf")), wall(make(), site))
        reference = best.get("codespell")
        print()
        print(f"{'command':<34} {'best of ' + str(args.repeat):>10}  {'/ codespell':>11}")
        for label, seconds in best.items():
            ratio = f"{seconds / reference:>10.2f}x" if reference else f"{'-':>11}"
            print(f"{label:<34} {seconds:>9.3f}s  {ratio}")
        if reference:
            print()
            judged = (
                "socialcheck cold (default -j)",
                "socialcheck first run, fills cache",
                "socialcheck warm (cache)",
            )
            for label in judged:
                verdict = "PASS" if best[label] <= reference else "MISS"
                print(f"[{verdict}] {label}: {best[label]:.3f}s vs codespell {reference:.3f}s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
