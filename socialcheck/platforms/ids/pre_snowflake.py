"""Dating X/Twitter status IDs from before snowflake IDs (<= 29700859247, 2006-03 .. 2010-11).

Before 2010-11-04 X numbered posts sequentially, so an ID says nothing by itself about its
time. TweetedAt (oduwsdl/tweetedat, MIT) collected 2,362 (ID, time) anchors about 16 hours
apart and dates an ID by linear interpolation between the two anchors around it, which
assumes posts arrive at a constant rate between them. They do not: posting follows the day
(and the week), so linear interpolation puts an ID made at night too late and one made in
the afternoon too early.

This module keeps the anchors but warps time by a *posting rhythm*: the ID rate is modelled
as ``level(t) * hod(hour of day, UTC) * dow(day of week)``, with the hour and weekday
factors estimated from the anchors themselves and allowed to drift over the years (a
separate fit every 30 days, each weighting the anchor intervals around it by a Gaussian
kernel). Between two anchors the level is taken as constant, so an ID a fraction ``p`` of
the way from one anchor ID to the next is dated where the integral of the rhythm reaches
``p`` of its total over the interval. That map is strictly increasing, hits both anchors
exactly, and needs no level at all.

The stated uncertainty is calibrated on held-out anchors (``scripts/eval_pre_snowflake.py``,
numbers in docs/forensics.md): ``k(year) * max(gap, reference_gap)``, capped by the
distance to the farther anchor (IDs were sequential, so the post lies between its two
anchors). Intervals whose ID rate is far off their neighbours' (ID jumps, outages) get
that cap as their uncertainty.

The anchor table ships as package data (``socialcheck/data/tweetedat``) and the fitted
rhythm as ``socialcheck/data/pre_snowflake_model.json``; both are read on first use only.
Everything here is pure Python: the fitting code also runs in the evaluation script.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import math
import statistics
from collections.abc import Iterable, Sequence
from importlib import resources

import attrs

__all__ = [
    "LAST_ID",
    "Anchors",
    "Estimate",
    "PreSnowflakeEstimator",
    "Rhythm",
    "Uncertainty",
    "anomalous_intervals",
    "default_estimator",
    "fit_rhythm",
    "linear_estimate",
    "parse_anchor_lines",
]

# The last pre-snowflake ID in the TweetedAt table (2010-11-04T21:02:48Z).
LAST_ID = 29700859247

HOUR = 3600
DAY = 86400
# 1970-01-01 was a Thursday; Monday = 0 as in datetime.weekday().
_EPOCH_WEEKDAY = 3

# Fitting parameters, picked among a few settings on the 5-fold evaluation (see the script).
SIGMA_DAYS = 90.0
GRID_DAYS = 30.0
SMOOTH = 0.1
ITERATIONS = 40
LEVEL_HALF_WINDOW = 3.5 * DAY
MAX_FIT_GAP = 72 * HOUR
FIT_RATIO = (0.25, 4.0)
# An interval whose ID rate is this far off its neighbours' holds a jump or an outage.
JUMP_MIN_LOG = math.log(1.5)
JUMP_SIGMAS = 6.0
MIN_WEIGHT = 0.05

_DATA = "data"
_TABLE = ("tweetedat", "TweetTimeline.txt")
_MODEL = "pre_snowflake_model.json"


# --------------------------------------------------------------------------- anchors


@attrs.frozen
class Anchors:
    """Sorted (id, unix seconds) anchors; both columns strictly increasing."""

    ids: tuple[int, ...]
    times: tuple[int, ...]

    def __attrs_post_init__(self) -> None:
        if len(self.ids) != len(self.times) or len(self.ids) < 2:
            raise ValueError("need at least two anchors, as many times as ids")
        for i in range(1, len(self.ids)):
            if self.ids[i] <= self.ids[i - 1] or self.times[i] <= self.times[i - 1]:
                raise ValueError(f"anchors not strictly increasing at row {i}")

    def subset(self, rows: Iterable[int]) -> Anchors:
        keep = sorted(set(rows))
        return Anchors(tuple(self.ids[i] for i in keep), tuple(self.times[i] for i in keep))

    def id_at(self, t: float) -> float:
        """Linear interpolation of the ID at time `t` (clamped to the table's range)."""
        ts = self.times
        if t <= ts[0]:
            return float(self.ids[0])
        if t >= ts[-1]:
            return float(self.ids[-1])
        j = bisect.bisect_right(ts, t)
        t0, t1 = ts[j - 1], ts[j]
        i0, i1 = self.ids[j - 1], self.ids[j]
        return i0 + (i1 - i0) * (t - t0) / (t1 - t0)

    def level(self, t: float) -> float:
        """IDs per second around `t`, averaged over a week (so the rhythm cancels)."""
        lo = max(t - LEVEL_HALF_WINDOW, self.times[0])
        hi = min(t + LEVEL_HALF_WINDOW, self.times[-1])
        return (self.id_at(hi) - self.id_at(lo)) / (hi - lo)


def parse_anchor_lines(lines: Iterable[str]) -> Anchors:
    """Anchors from TweetedAt's `TweetTimeline.txt` lines: `id,unix_seconds,UTC time`."""
    ids: list[int] = []
    times: list[int] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        fields = line.split(",")
        ids.append(int(fields[0]))
        times.append(int(fields[1]))
    return Anchors(tuple(ids), tuple(times))


def _data_file(*parts: str) -> bytes:
    return resources.files("socialcheck").joinpath(_DATA, *parts).read_bytes()


def table_sha256() -> str:
    return hashlib.sha256(_data_file(*_TABLE)).hexdigest()


def packaged_anchors() -> Anchors:
    """The shipped TweetedAt table (read from package data on each call)."""
    return parse_anchor_lines(_data_file(*_TABLE).decode("ascii").splitlines())


# --------------------------------------------------------------------------- rhythm


def _cell(hour_index: int) -> tuple[int, int]:
    """(hour of day, weekday) of the hour that starts at `hour_index * 3600` (UTC)."""
    return hour_index % 24, (hour_index // 24 + _EPOCH_WEEKDAY) % 7


def _exposure(ta: float, tb: float) -> list[tuple[int, int, float]]:
    """Seconds of [ta, tb) in each UTC hour: (hour of day, weekday, seconds)."""
    out: list[tuple[int, int, float]] = []
    t = ta
    while t < tb:
        hour_index = math.floor(t / HOUR)
        end = min(tb, (hour_index + 1) * HOUR)
        hod, dow = _cell(hour_index)
        out.append((hod, dow, end - t))
        t = end
    return out


@attrs.frozen
class Rhythm:
    """Hour-of-day and weekday rate factors on a time grid (each vector has mean 1)."""

    start: float
    step: float
    hod: tuple[tuple[float, ...], ...]
    dow: tuple[tuple[float, ...], ...]

    def factors(self, t: float) -> tuple[list[float], list[float]]:
        """The factors at time `t`, linearly blended between the two nearest grid points."""
        x = (t - self.start) / self.step
        last = len(self.hod) - 1
        if x <= 0:
            return list(self.hod[0]), list(self.dow[0])
        if x >= last:
            return list(self.hod[last]), list(self.dow[last])
        j = math.floor(x)
        f = x - j
        hod = [(1 - f) * a + f * b for a, b in zip(self.hod[j], self.hod[j + 1], strict=True)]
        dow = [(1 - f) * a + f * b for a, b in zip(self.dow[j], self.dow[j + 1], strict=True)]
        return hod, dow

    def to_json(self) -> dict[str, object]:
        return {
            "start": self.start,
            "step": self.step,
            "hod": [[round(v, 5) for v in row] for row in self.hod],
            "dow": [[round(v, 5) for v in row] for row in self.dow],
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Rhythm:
        hod = data["hod"]
        dow = data["dow"]
        assert isinstance(hod, list) and isinstance(dow, list)
        return cls(
            start=_number(data["start"]),
            step=_number(data["step"]),
            hod=tuple(tuple(float(v) for v in row) for row in hod),
            dow=tuple(tuple(float(v) for v in row) for row in dow),
        )


def _number(value: object) -> float:
    if not isinstance(value, (int, float)):
        raise ValueError(f"expected a number in the model file, got {value!r}")
    return float(value)


def _normalise(values: list[float]) -> list[float]:
    floor = [max(v, MIN_WEIGHT) for v in values]
    mean = sum(floor) / len(floor)
    return [v / mean for v in floor]


def fit_rhythm(
    anchors: Anchors,
    *,
    sigma_days: float = SIGMA_DAYS,
    grid_days: float = GRID_DAYS,
    smooth: float = SMOOTH,
    iterations: int = ITERATIONS,
) -> Rhythm:
    """Estimate the hour-of-day and weekday factors of the ID rate from `anchors`.

    Each interval between neighbouring anchors saw ``dn`` IDs; divided by the weekly level
    around it this is ``obs``, the integral of ``hod * dow`` over the interval. The factors
    are the Poisson maximum-likelihood fit of those integrals (multiplicative EM updates),
    one fit per grid point with intervals weighted by a Gaussian in time, circularly
    smoothed over neighbouring hours. Intervals longer than 72 h or far off the level
    (jumps in the ID sequence) are left out.
    """
    sigma = sigma_days * DAY
    step = grid_days * DAY
    rows: list[tuple[float, float, list[tuple[int, int, float]]]] = []
    for i in range(len(anchors.ids) - 1):
        ta, tb = anchors.times[i], anchors.times[i + 1]
        gap = tb - ta
        if gap > MAX_FIT_GAP:
            continue
        mid = (ta + tb) / 2
        level = anchors.level(mid)
        if level <= 0:
            continue
        obs = (anchors.ids[i + 1] - anchors.ids[i]) / level
        if not FIT_RATIO[0] < obs / gap < FIT_RATIO[1]:
            continue
        rows.append((mid, obs, _exposure(ta, tb)))
    start = float(anchors.times[0])
    count = math.floor((anchors.times[-1] - start) / step) + 1
    hods: list[tuple[float, ...]] = []
    dows: list[tuple[float, ...]] = []
    hod = [1.0] * 24
    dow = [1.0] * 7
    for g in range(count + 1):
        centre = start + g * step
        near = [
            (math.exp(-0.5 * ((mid - centre) / sigma) ** 2), obs, cells)
            for mid, obs, cells in rows
            if abs(mid - centre) <= 2.5 * sigma
        ]
        # Warm start from the previous grid point: neighbouring fits differ little.
        for _ in range(iterations if near else 0):
            num_h = [0.0] * 24
            den_h = [0.0] * 24
            num_d = [0.0] * 7
            den_d = [0.0] * 7
            for weight, obs, cells in near:
                pred = 0.0
                for h, d, s in cells:
                    pred += s * hod[h] * dow[d]
                f = weight * obs / pred
                for h, d, s in cells:
                    sh = s * dow[d]
                    sd = s * hod[h]
                    num_h[h] += f * sh
                    den_h[h] += weight * sh
                    num_d[d] += f * sd
                    den_d[d] += weight * sd
            hod = [v * (n / m if m > 0 else 1.0) for v, n, m in zip(hod, num_h, den_h, strict=True)]
            dow = [v * (n / m if m > 0 else 1.0) for v, n, m in zip(dow, num_d, den_d, strict=True)]
            hod = [
                (1 - 2 * smooth) * hod[h] + smooth * (hod[h - 1] + hod[(h + 1) % 24])
                for h in range(24)
            ]
            hod = _normalise(hod)
            dow = _normalise(dow)
        hods.append(tuple(hod))
        dows.append(tuple(dow))
    return Rhythm(start=start, step=step, hod=tuple(hods), dow=tuple(dows))


def rhythm_mass(rhythm: Rhythm | None, ta: float, tb: float) -> float:
    """The integral of the rhythm over [ta, tb] (seconds when there is no rhythm)."""
    if rhythm is None:
        return tb - ta
    hod, dow = rhythm.factors((ta + tb) / 2)
    return sum(s * hod[h] * dow[d] for h, d, s in _exposure(ta, tb))


def anomalous_intervals(anchors: Anchors, rhythm: Rhythm | None) -> frozenset[int]:
    """Indices i of intervals (anchor i to i+1) whose ID rate is far off their neighbours'.

    The rate is IDs per unit of rhythm mass (so a night is not mistaken for a drop). Its
    log ratio to the median rate of the 7 intervals on each side is flagged when it
    exceeds both log 1.5 and 6 robust standard deviations (1.4826 * median |log ratio|
    over the 30 intervals on each side): in 2009 a rate 2x its neighbours' is a jump, in
    2006, with a few dozen posts a day, it is noise. Flagged intervals hold a jump in the ID
    sequence (X moved IDs forward in June 2009) or an outage, so where in the interval an
    ID falls says little about when it was made.
    """
    n = len(anchors.ids)
    rates = [
        (anchors.ids[i + 1] - anchors.ids[i])
        / rhythm_mass(rhythm, anchors.times[i], anchors.times[i + 1])
        for i in range(n - 1)
    ]
    logs = []
    for i, rate in enumerate(rates):
        near = [rates[j] for j in range(max(0, i - 7), min(n - 1, i + 8)) if j != i]
        logs.append(math.log(rate / statistics.median(near)) if near else 0.0)
    out: set[int] = set()
    for i, value in enumerate(logs):
        spread = [abs(logs[j]) for j in range(max(0, i - 30), min(n - 1, i + 31)) if j != i]
        sigma = 1.4826 * statistics.median(spread) if spread else 0.0
        if abs(value) > max(JUMP_MIN_LOG, JUMP_SIGMAS * sigma):
            out.add(i)
    return frozenset(out)


# --------------------------------------------------------------------------- estimating


@attrs.frozen
class Uncertainty:
    """``k(year of the estimate) * max(gap, reference_gap)`` seconds (see module doc)."""

    reference_gap: float
    k_by_year: tuple[tuple[int, float], ...]

    def k(self, year: int) -> float:
        years = dict(self.k_by_year)
        if year in years:
            return years[year]
        first, last = self.k_by_year[0], self.k_by_year[-1]
        return first[1] if year < first[0] else last[1]

    def to_json(self) -> dict[str, object]:
        return {
            "reference_gap_s": self.reference_gap,
            "k_by_year": {str(y): round(k, 6) for y, k in self.k_by_year},
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Uncertainty:
        ks = data["k_by_year"]
        assert isinstance(ks, dict)
        return cls(
            reference_gap=_number(data["reference_gap_s"]),
            k_by_year=tuple(sorted((int(y), float(k)) for y, k in ks.items())),
        )


@attrs.frozen
class Estimate:
    """One dated ID: unix seconds, +- seconds, how, and its anchor interval."""

    time: float
    uncertainty: float
    method: str
    lower_anchor: int
    gap: float


def year_of(t: float) -> int:
    # Average Gregorian year; exact enough to pick a calibration constant.
    return 1970 + math.floor(t / (365.2425 * DAY))


def _bracket(anchors: Anchors, post_id: int) -> int | None:
    """Index j with ids[j] <= post_id < ids[j + 1], or the last index on the last anchor."""
    ids = anchors.ids
    if post_id < ids[0] or post_id > ids[-1]:
        return None
    j = bisect.bisect_right(ids, post_id) - 1
    return min(j, len(ids) - 2)


def linear_estimate(anchors: Anchors, post_id: int) -> float | None:
    """TweetedAt's method: linear interpolation between the two anchors (unix seconds)."""
    j = _bracket(anchors, post_id)
    if j is None:
        return None
    ia, ib = anchors.ids[j], anchors.ids[j + 1]
    ta, tb = anchors.times[j], anchors.times[j + 1]
    return ta + (tb - ta) * (post_id - ia) / (ib - ia)


def rhythm_time(rhythm: Rhythm, ta: float, tb: float, fraction: float) -> float:
    """The time in [ta, tb] where the rhythm integral reaches `fraction` of its total."""
    hod, dow = rhythm.factors((ta + tb) / 2)
    cells = _exposure(ta, tb)
    total = sum(s * hod[h] * dow[d] for h, d, s in cells)
    target = fraction * total
    t = ta
    acc = 0.0
    for h, d, s in cells:
        mass = s * hod[h] * dow[d]
        if acc + mass >= target:
            return min(tb, t + (target - acc) / (hod[h] * dow[d]))
        acc += mass
        t += s
    return tb


class PreSnowflakeEstimator:
    """Dates pre-snowflake IDs from anchors, a fitted rhythm and a calibrated uncertainty.

    Without a rhythm it is TweetedAt's linear interpolation. Without an uncertainty every
    estimate carries the distance to the farther anchor (what the evaluation calibrates).
    `jumps` are the anomalous intervals (computed when not given).
    """

    def __init__(
        self,
        anchors: Anchors,
        rhythm: Rhythm | None,
        uncertainty: Uncertainty | None,
        jumps: frozenset[int] | None = None,
    ) -> None:
        self.anchors = anchors
        self.rhythm = rhythm
        self.uncertainty = uncertainty
        self.jumps = anomalous_intervals(anchors, rhythm) if jumps is None else jumps

    def estimate(self, post_id: int) -> Estimate | None:
        anchors = self.anchors
        j = _bracket(anchors, post_id)
        if j is None:
            return None
        ia, ib = anchors.ids[j], anchors.ids[j + 1]
        ta, tb = anchors.times[j], anchors.times[j + 1]
        gap = float(tb - ta)
        if post_id in (ia, ib):
            # An anchor itself; its time is known to the second.
            exact = float(ta if post_id == ia else tb)
            return Estimate(exact, 1.0, "x-pre-snowflake-anchor", j, gap)
        fraction = (post_id - ia) / (ib - ia)
        if self.rhythm is None:
            t = ta + gap * fraction
            method = "x-pre-snowflake-linear"
        else:
            t = rhythm_time(self.rhythm, ta, tb, fraction)
            method = "x-pre-snowflake-rhythm"
        # IDs were sequential, so the post lies between its two anchors.
        cap = max(t - ta, tb - t)
        if j in self.jumps:
            return Estimate(t, cap, method + "-jump", j, gap)
        if self.uncertainty is None:
            return Estimate(t, cap, method, j, gap)
        u = self.uncertainty
        bound = u.k(year_of(t)) * max(gap, u.reference_gap)
        return Estimate(t, max(1.0, min(bound, cap)), method, j, gap)


def load_model() -> tuple[Rhythm, Uncertainty, frozenset[int], dict[str, object]]:
    """The shipped rhythm, calibration and jump intervals (as lower-anchor IDs), and meta."""
    data = json.loads(_data_file(_MODEL))
    jumps = frozenset(int(v) for v in data["jump_after_ids"])
    return Rhythm.from_json(data["rhythm"]), Uncertainty.from_json(data["uncertainty"]), jumps, data


@functools.cache
def default_estimator() -> PreSnowflakeEstimator:
    """The shipped estimator: all anchors, the shipped rhythm and calibration (loaded once)."""
    anchors = packaged_anchors()
    rhythm, uncertainty, jump_ids, _meta = load_model()
    rows = {anchor: i for i, anchor in enumerate(anchors.ids)}
    jumps = frozenset(rows[v] for v in jump_ids)
    return PreSnowflakeEstimator(anchors, rhythm, uncertainty, jumps)


def model_json(
    anchors: Anchors, rhythm: Rhythm, uncertainty: Uncertainty, meta: dict[str, object]
) -> str:
    """The text of `pre_snowflake_model.json` (written by scripts/eval_pre_snowflake.py)."""
    jumps = sorted(anchors.ids[i] for i in anomalous_intervals(anchors, rhythm))
    data = {
        **meta,
        "rhythm": rhythm.to_json(),
        "uncertainty": uncertainty.to_json(),
        "jump_after_ids": jumps,
    }
    return json.dumps(data, indent=None, separators=(",", ":"), sort_keys=True) + "\n"


def conformal_quantile(values: Sequence[float], level: float) -> float:
    """The ceil((n + 1) * level)-th smallest value (split-conformal quantile)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = min(len(ordered), math.ceil((len(ordered) + 1) * level))
    return ordered[rank - 1]
