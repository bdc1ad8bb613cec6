"""Timing whole commands as subprocesses: several runs taking turns, medians, spreads and
ratios measured pair by pair, so a slow moment of a shared machine does not land on one
command alone."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Spread:
    """The median of some figures, with their minimum and maximum."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        """The spread of ``values`` (at least one)."""
        return cls(statistics.median(values), min(values), max(values))

    def show(self, unit: str = "s", digits: int = 3) -> str:
        """``0.245 s [0.231-0.290]``, ``1.18x [1.05-1.31]``: the median, then the range."""
        gap = "" if unit == "x" else " "
        return f"{self.median:.{digits}f}{gap}{unit} [{self.low:.{digits}f}-{self.high:.{digits}f}]"


@dataclass(frozen=True)
class Figure:
    """Every run of one command: wall seconds, peak resident MB and exit codes."""

    label: str
    argv: list[str]
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    codes: list[int] = field(default_factory=list)

    @property
    def time(self) -> Spread:
        """Wall time: median and range."""
        return Spread.of(self.seconds)

    @property
    def memory(self) -> Spread:
        """Peak resident memory: median and range."""
        return Spread.of(self.peak_mb)

    def show(self, width: int = 24) -> str:
        """One line: label, time and peak memory, each with its spread."""
        return (
            f"  {self.label:<{width}} {self.time.show()}  peak {self.memory.show('MB', 0)}"
            f"  ({len(self.seconds)} runs)"
        )


def ratio(a: Figure, b: Figure) -> Spread:
    """``a``'s time over ``b``'s, run pair by pair (run i of a with run i of b)."""
    return Spread.of([x / y for x, y in zip(a.seconds, b.seconds, strict=True)])


def memory_ratio(a: Figure, b: Figure) -> Spread:
    """``a``'s peak memory over ``b``'s, pair by pair."""
    return Spread.of([x / y for x, y in zip(a.peak_mb, b.peak_mb, strict=True)])


def child_env() -> dict[str, str]:
    """The environment of measured commands: byte-code caching on, no colour."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    env.pop("FORCE_COLOR", None)
    return env


def run_once(argv: Sequence[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of one run of ``argv``.

    Exit codes 0 and 1 (findings) are results; anything else stops the benchmark.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code  # reaped by wait4 above
    proc.stderr.close()
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed with exit code {code}:\n{err.decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, code


def measure(
    commands: dict[str, list[str]], repeat: int, env: dict[str, str], warmup: bool = True
) -> dict[str, Figure]:
    """Run each command ``repeat`` times, taking turns, after one warm-up run each."""
    if warmup:
        for argv in commands.values():
            run_once(argv, env)  # warm the page cache and write byte code
    figures = {label: Figure(label, argv) for label, argv in commands.items()}
    for _ in range(repeat):
        for figure in figures.values():
            seconds, peak, code = run_once(figure.argv, env)
            figure.seconds.append(seconds)
            figure.peak_mb.append(peak)
            figure.codes.append(code)
    return figures


def linear_fit(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float, float]:
    """Intercept, slope and R^2 of the least-squares line through the points."""
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = mean_y - slope * mean_x
    total = sum((y - mean_y) ** 2 for y in ys)
    residual = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    return intercept, slope, 1 - residual / total if total else 1.0
