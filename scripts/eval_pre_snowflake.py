"""Evaluate the pre-snowflake X ID estimator against TweetedAt's linear interpolation.

    python scripts/eval_pre_snowflake.py                 # print the numbers (about a minute)
    python scripts/eval_pre_snowflake.py --write-model   # also refit the shipped model

Protocol (numbers go to docs/forensics.md):

- The 2,362 TweetedAt anchors are split into 5 folds by row number (row % 5); fold 0,
  every 5th anchor, is the test split. The first and last anchors are never held out
  (nothing to interpolate from).
- For each fold, the rhythm is fitted on the other 4/5 of the anchors only, and every
  held-out anchor is dated from the remaining anchors, by linear interpolation (TweetedAt)
  and by the rhythm model. The error is |estimate - true time|.
- The uncertainty of both methods has the same form, ``k(year) * max(gap, 32 h)`` capped
  by the distance to the farther anchor (the whole bracket for intervals with an ID jump),
  with k per year the split-conformal 96% quantile of error / max(gap, 32 h). Coverage of
  fold f is measured with k calibrated on the OTHER folds' held-out errors only, so no
  anchor is used both to calibrate and to judge its own bound.
- The shipped model (--write-model) fits the rhythm on all anchors and calibrates k on the
  held-out errors of all five folds.

Gaps in this evaluation are twice the gaps the shipped estimator sees (one anchor of a
pair is held out), which is why the bound does not shrink below the 32 h reference gap:
errors grow far more slowly than the gap, so shrinking the bound with the gap would not
carry the held-out coverage over to the denser table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from socialcheck.platforms.ids import pre_snowflake as ps  # noqa: E402

FOLDS = 5
TEST_FOLD = 0
LEVEL = 0.96
REFERENCE_GAP = 32 * ps.HOUR
MODEL_PATH = REPO / "socialcheck" / "data" / "pre_snowflake_model.json"


@attrs.frozen
class Row:
    fold: int
    truth: float
    estimate: float
    gap: float
    cap: float
    jump: bool

    @property
    def error(self) -> float:
        return abs(self.estimate - self.truth)

    @property
    def year(self) -> int:
        return ps.year_of(self.estimate)


def held_out(anchors: ps.Anchors) -> tuple[list[Row], list[Row]]:
    """(linear rows, rhythm rows): every anchor but the two ends, dated without its fold."""
    n = len(anchors.ids)
    linear: list[Row] = []
    rhythm: list[Row] = []
    for fold in range(FOLDS):
        test = [i for i in range(1, n - 1) if i % FOLDS == fold]
        train = anchors.subset(i for i in range(n) if i % FOLDS != fold or i in (0, n - 1))
        started = time.perf_counter()
        fitted = ps.fit_rhythm(train)
        print(f"  fold {fold}: fitted in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        for rows, model in (
            (linear, ps.PreSnowflakeEstimator(train, None, None)),
            (rhythm, ps.PreSnowflakeEstimator(train, fitted, None)),
        ):
            for i in test:
                est = model.estimate(anchors.ids[i])
                assert est is not None
                rows.append(
                    Row(
                        fold=fold,
                        truth=anchors.times[i],
                        estimate=est.time,
                        gap=est.gap,
                        cap=est.uncertainty,  # without calibration: the distance cap
                        jump=est.lower_anchor in model.jumps,
                    )
                )
    return linear, rhythm


def calibrate(rows: Sequence[Row], level: float = LEVEL) -> ps.Uncertainty:
    ratios: dict[int, list[float]] = defaultdict(list)
    for row in rows:
        if not row.jump:
            ratios[row.year].append(row.error / max(row.gap, REFERENCE_GAP))
    ks = tuple((year, ps.conformal_quantile(v, level)) for year, v in sorted(ratios.items()))
    return ps.Uncertainty(reference_gap=REFERENCE_GAP, k_by_year=ks)


def bound(row: Row, u: ps.Uncertainty) -> float:
    if row.jump:
        return row.cap
    return max(1.0, min(row.cap, u.k(row.year) * max(row.gap, REFERENCE_GAP)))


def cross_validated_bounds(rows: Sequence[Row]) -> list[float]:
    """Each row's bound with k calibrated on the other folds only."""
    per_fold = {f: calibrate([r for r in rows if r.fold != f]) for f in range(FOLDS)}
    return [bound(r, per_fold[r.fold]) for r in rows]


def pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def summary(rows: Sequence[Row], bounds: Sequence[float]) -> dict[str, float]:
    errors = [r.error / 60 for r in rows]
    covered = [r.error <= b for r, b in zip(rows, bounds, strict=True)]
    return {
        "n": len(rows),
        "mean": statistics.fmean(errors),
        "median": statistics.median(errors),
        "p90": pct(errors, 0.90),
        "p95": pct(errors, 0.95),
        "max": max(errors),
        "within_1h": sum(e <= 60 for e in errors) / len(errors),
        "coverage": sum(covered) / len(covered),
        "bound_mean_h": statistics.fmean(bounds) / 3600,
        "bound_median_h": statistics.median(bounds) / 3600,
    }


def table(title: str, results: Mapping[str, tuple[Sequence[Row], Sequence[float]]]) -> str:
    lines = [
        f"{title}",
        "| method | n | mean err (min) | median | p90 | p95 | max | within 1 h"
        " | coverage of bound | bound mean (h) | bound median (h) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, (rows, bounds) in results.items():
        s = summary(rows, bounds)
        lines.append(
            f"| {name} | {s['n']:.0f} | {s['mean']:.1f} | {s['median']:.1f} | {s['p90']:.1f}"
            f" | {s['p95']:.1f} | {s['max']:.0f} | {s['within_1h']:.1%} | {s['coverage']:.1%}"
            f" | {s['bound_mean_h']:.2f} | {s['bound_median_h']:.2f} |"
        )
    return "\n".join(lines)


def by_year(results: Mapping[str, tuple[Sequence[Row], Sequence[float]]]) -> str:
    lines = [
        "By year of the held-out anchor (all folds): mean / median error in minutes,"
        " coverage of the cross-validated bound",
        "| year | n | " + " | ".join(results) + " |",
        "|---|---|" + "---|" * len(results),
    ]
    years = sorted({dt.datetime.fromtimestamp(r.truth, dt.timezone.utc).year
                    for rows, _ in results.values() for r in rows})  # fmt: skip
    for year in years:
        cells = []
        n = 0
        for rows, bounds in results.values():
            pick = [
                (r, b)
                for r, b in zip(rows, bounds, strict=True)
                if dt.datetime.fromtimestamp(r.truth, dt.timezone.utc).year == year
            ]
            n = len(pick)
            s = summary([r for r, _ in pick], [b for _, b in pick])
            cells.append(f"{s['mean']:.0f} / {s['median']:.0f} / {s['coverage']:.1%}")
        lines.append(f"| {year} | {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--table",
        type=Path,
        help="TweetTimeline.txt to use (default: the copy shipped as package data)",
    )
    parser.add_argument(
        "--write-model", action="store_true", help=f"refit and write {MODEL_PATH.name}"
    )
    args = parser.parse_args(argv)
    if args.table is not None:
        anchors = ps.parse_anchor_lines(args.table.read_text(encoding="ascii").splitlines())
    else:
        anchors = ps.packaged_anchors()
    print(f"{len(anchors.ids)} anchors; 5-fold held-out evaluation", file=sys.stderr)
    linear, rhythm = held_out(anchors)
    lin_b = cross_validated_bounds(linear)
    rhy_b = cross_validated_bounds(rhythm)

    def fold(rows: list[Row], bounds: list[float], f: int) -> tuple[list[Row], list[float]]:
        pairs = [(r, b) for r, b in zip(rows, bounds, strict=True) if r.fold == f]
        return [r for r, _ in pairs], [b for _, b in pairs]

    names = ("linear (TweetedAt)", "rhythm (socialcheck)")
    print(
        table(
            f"Test split: every 5th anchor (row % 5 == {TEST_FOLD}), estimated from the other"
            " 4/5; bound calibrated on the other folds' held-out errors",
            {
                names[0]: fold(linear, lin_b, TEST_FOLD),
                names[1]: fold(rhythm, rhy_b, TEST_FOLD),
            },
        )
    )
    print()
    all_results = {names[0]: (linear, lin_b), names[1]: (rhythm, rhy_b)}
    print(table("All five folds (each anchor held out once)", all_results))
    print()
    print(
        "Coverage per fold (rhythm): "
        + ", ".join(
            f"{f}: {summary(*fold(rhythm, rhy_b, f))['coverage']:.1%}" for f in range(FOLDS)
        )
    )
    print()
    print(by_year(all_results))
    shipped = calibrate(rhythm)
    print()
    print(
        "Shipped calibration (all folds, 96% split-conformal): reference gap 32 h, k(year) = "
        + ", ".join(
            f"{y}: {k:.4f} ({k * REFERENCE_GAP / 60:.0f} min)" for y, k in shipped.k_by_year
        )
    )
    if args.write_model:
        started = time.perf_counter()
        full = ps.fit_rhythm(anchors)
        print(f"  full fit in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        meta: dict[str, object] = {
            "about": (
                "Posting rhythm and uncertainty calibration for pre-snowflake X IDs, derived"
                " from the TweetedAt table (MIT, see tweetedat/) by"
                " scripts/eval_pre_snowflake.py --write-model."
            ),
            "table_sha256": ps.table_sha256() if args.table is None else None,
            "params": {
                "sigma_days": ps.SIGMA_DAYS,
                "grid_days": ps.GRID_DAYS,
                "smooth": ps.SMOOTH,
                "iterations": ps.ITERATIONS,
                "level": LEVEL,
            },
        }
        MODEL_PATH.write_text(ps.model_json(anchors, full, shipped, meta), encoding="ascii")
        print(f"wrote {MODEL_PATH.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
