"""Measure leadaudit against its stack's floor, check-jsonschema, yamllint and json.loads,
side by side, in one run, and say which of the performance targets it meets.

    python -m pip install -e '.[bench]'   # check-jsonschema, yamllint and matplotlib
    python benchmarks/run.py              # every section; --only, --repeat, --million...

Every figure is a whole command run as a subprocess, as a user or a CI job would run it:
several runs (the commands take turns, after a warm-up run each), shown as the median with
the range [min-max], wall time and the peak resident memory of the process. A ratio is
taken run by run (run i of one command against run i of the other, which ran next to it),
so a slow moment of a shared machine does not land on one side; PASS or MISS compares the
median ratio with the target.

The inputs are org charts made by benchmarks/generate.py. check-jsonschema checks the same
YAML against the JSON Schema of leadaudit's org chart model; yamllint lints it with its
default rules; the json.loads floor is a Python process that reads the same data as JSON.
The stack floor is built here: one run of `leadaudit check` records the third-party
modules it imports, and the floor is a process that imports exactly those.

Writes benchmarks/out/: the generated files, results.json and scaling.png.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import DEFAULT_SEED  # noqa: E402
from benchmarks.measure import (  # noqa: E402
    Figure,
    Spread,
    child_env,
    linear_fit,
    measure,
    memory_ratio,
    ratio,
    run_once,
)
from benchmarks.probes import floor_argv, heavy_imported  # noqa: E402

OUT = HERE / "out"
SCALING = (1_000, 5_000, 10_000, 25_000, 50_000, 100_000)
MILLION = 1_000_000
JSON_FLOOR = "import json, sys; json.loads(open(sys.argv[1], 'rb').read())"
SECTIONS = ("startup", "small", "medium", "large", "scaling", "batch", "published")
#: the largest real published file (626 senior posts), read from shared/ beside the project
PUBLISHED = (
    ROOT.parent
    / "shared"
    / "data"
    / "real"
    / "organograms"
    / ("ministry_of_defence-2015-03-31-senior.csv")
)
GIB = 1024**3

# --- The batch summary (`leadaudit summary`) -------------------------------------------
# Its cost over the batch's one-process check is measured here when this leadaudit has
# the command (`leadaudit summary --help` exits 0): the command line is SUMMARY_ARGS
# followed by the batch's files. Target: at most SUMMARY_LIMIT times the check's time.
SUMMARY_ARGS = ["summary"]
SUMMARY_LIMIT = 1.10
# ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One performance target and what this run measured for it."""

    name: str
    measured: Spread
    limit: float
    at_most: bool
    """True: the median must be at most ``limit``; False: at least."""
    unit: str = "x"
    digits: int = 2

    @property
    def met(self) -> bool:
        """Whether the median meets the limit."""
        return (
            self.measured.median <= self.limit
            if self.at_most
            else self.measured.median >= self.limit
        )

    def show(self) -> str:
        """``PASS  name: 1.18x [1.05-1.31], target <= 1.25x``."""
        sign = "<=" if self.at_most else ">="
        shown = self.measured.show(self.unit, self.digits)
        return (
            f"{'PASS' if self.met else 'MISS'}  {self.name}: {shown}, "
            f"target {sign} {self.limit:g}{'' if self.unit == 'x' else ' '}{self.unit}"
        )


@dataclass
class Bench:
    """What every section needs: the tools, the environment, the run counts, the results."""

    leadaudit: str
    env: dict[str, str]
    repeat: int
    slow_repeat: int
    targets: list[Target]
    results: dict[str, object]

    def target(self, target: Target) -> None:
        """Record a target and print its line."""
        self.targets.append(target)
        print("  " + target.show())


def tool(name: str) -> str:
    """A console script installed beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(
            f"{name} is not installed; install the benchmark extras: "
            "python -m pip install -e '.[bench]'"
        )
    return found


def generate(code: str) -> None:
    """Run generating code in a child process: a child's peak memory counts the parent's
    size when it was started, so the measuring process must stay small."""
    subprocess.run(
        [sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )


def chart(size: int) -> tuple[Path, Path]:
    """The generated org chart of ``size`` posts as YAML and JSON (made if missing)."""
    yaml_path = OUT / f"org-{size}.yaml"
    json_path = OUT / f"org-{size}.json"
    if not (yaml_path.exists() and json_path.exists()):
        generate(
            "from pathlib import Path; from benchmarks.generate import write; "
            f"write({size}, Path({str(yaml_path)!r}), Path({str(json_path)!r}), {DEFAULT_SEED})"
        )
    return yaml_path, json_path


def batch_charts(count: int) -> list[Path]:
    """``count`` council-sized charts (60 to 100 posts, each of its own seed)."""
    folder = OUT / f"batch-{count}"
    paths = [folder / f"council-{n:03d}.yaml" for n in range(count)]
    if not all(p.exists() for p in paths):
        folder.mkdir(parents=True, exist_ok=True)
        generate(
            "from pathlib import Path; from benchmarks.generate import write\n"
            f"for n in range({count}):\n"
            f"    write(60 + n * 7 % 41, Path({str(folder)!r}) / f'council-{{n:03d}}.yaml', "
            "seed=1000 + n)"
        )
    return paths


def schema_file() -> Path:
    """The org chart's JSON Schema, for check-jsonschema (written in a child process)."""
    path = OUT / "orgchart.schema.json"
    generate(
        "import json; from pathlib import Path; from leadaudit.model import OrgChart; "
        f"Path({str(path)!r}).write_text(json.dumps(OrgChart.model_json_schema(), indent=2))"
    )
    return path


def machine() -> dict[str, str]:
    """The machine and the versions measured."""
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    names = ("leadaudit", "typer", "pydantic", "PyYAML", "check-jsonschema", "yamllint")
    return {
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        **{name: version(name) for name in names},
    }


def show(figures: dict[str, Figure]) -> None:
    """Print each figure's line."""
    for figure in figures.values():
        print(figure.show())


def startup(bench: Bench) -> None:
    """--version and --help against importing Typer, and what they import."""
    print("Start-up")
    got = measure(
        {
            "leadaudit --version": [bench.leadaudit, "--version"],
            "leadaudit --help": [bench.leadaudit, "--help"],
            "python -c 'import typer'": [sys.executable, "-c", "import typer"],
        },
        bench.repeat,
        bench.env,
    )
    show(got)
    typer_figure = got["python -c 'import typer'"]
    for flag in ("--version", "--help"):
        bench.target(
            Target(
                f"leadaudit {flag} / import typer",
                ratio(got[f"leadaudit {flag}"], typer_figure),
                1.0,
                True,
            )
        )
    for flag in ("--version", "--help"):
        heavy = heavy_imported([flag], bench.env)
        verdict = "PASS" if not heavy else "MISS"
        print(f"  {verdict}  heavy modules leadaudit {flag} imports: {', '.join(heavy) or 'none'}")
        bench.targets.append(
            Target(f"heavy modules {flag} imports", Spread.of([len(heavy)]), 0, True, "modules", 0)
        )
    bench.results["startup"] = {k: asdict(v) for k, v in got.items()}
    print()


def compared(
    bench: Bench, checker: str, linter: str, schema: Path, size: int
) -> dict[str, list[str]]:
    """leadaudit check, check-jsonschema, yamllint and json.loads on the ``size`` chart."""
    yaml_path, json_path = chart(size)
    return {
        "leadaudit check": [bench.leadaudit, "check", str(yaml_path)],
        "check-jsonschema": [checker, "--schemafile", str(schema), str(yaml_path)],
        "yamllint": [linter, str(yaml_path)],
        "json.loads": [sys.executable, "-c", JSON_FLOOR, str(json_path)],
    }


def small(bench: Bench, checker: str, linter: str, schema: Path) -> None:
    """50 posts: start-up dominated; against the stack floor, check-jsonschema, yamllint."""
    yaml_path, _ = chart(50)
    floor, modules = floor_argv(["check", str(yaml_path)], bench.env)
    seen = heavy_imported(["check", str(yaml_path)], bench.env)
    print(f"50 posts ({yaml_path.stat().st_size / 1e3:.0f} KB of YAML)")
    print(
        f"  the stack floor imports the {len(modules)} third-party modules check imports "
        f"({len({m.partition('.')[0] for m in modules})} packages); the same probe sees check "
        f"import {len(seen)} heavy modules ({', '.join(seen[:4])}...)"
    )
    got = measure(
        {**compared(bench, checker, linter, schema, 50), "stack floor": floor},
        bench.repeat,
        bench.env,
    )
    show(got)
    check = got["leadaudit check"]
    bench.target(
        Target("50 posts: check / stack floor", ratio(check, got["stack floor"]), 1.25, True)
    )
    bench.target(
        Target(
            "50 posts: check-jsonschema / check", ratio(got["check-jsonschema"], check), 1.8, False
        )
    )
    print(f"  (beside it: yamllint / check {ratio(got['yamllint'], check).show('x', 2)})")
    bench.results["small"] = {"floor_modules": modules, **{k: asdict(v) for k, v in got.items()}}
    print()


def medium(bench: Bench, checker: str, linter: str, schema: Path) -> None:
    """10,000 posts: against check-jsonschema and yamllint."""
    yaml_path, _ = chart(10_000)
    print(f"10,000 posts ({yaml_path.stat().st_size / 1e6:.1f} MB of YAML)")
    got = measure(compared(bench, checker, linter, schema, 10_000), bench.slow_repeat, bench.env)
    show(got)
    check = got["leadaudit check"]
    for other in ("check-jsonschema", "yamllint"):
        bench.target(Target(f"10,000 posts: {other} / check", ratio(got[other], check), 30, False))
    bench.results["medium"] = {k: asdict(v) for k, v in got.items()}
    print()


def large(bench: Bench) -> None:
    """100,000 posts: time and peak memory against json.loads of the same data."""
    yaml_path, json_path = chart(100_000)
    print(f"100,000 posts ({yaml_path.stat().st_size / 1e6:.1f} MB of YAML)")
    got = measure(
        {
            "leadaudit check": [bench.leadaudit, "check", str(yaml_path)],
            "json.loads": [sys.executable, "-c", JSON_FLOOR, str(json_path)],
        },
        bench.repeat,
        bench.env,
    )
    show(got)
    check, floor = got["leadaudit check"], got["json.loads"]
    bench.target(Target("100,000 posts: check / json.loads, time", ratio(check, floor), 5, True))
    bench.target(
        Target(
            "100,000 posts: check / json.loads, peak memory", memory_ratio(check, floor), 1.7, True
        )
    )
    bench.results["large"] = {k: asdict(v) for k, v in got.items()}
    print()


def published(bench: Bench) -> None:
    """The largest real published org chart: imported, and checked straight from its CSV."""
    if not PUBLISHED.is_file():
        print(f"Published file: {PUBLISHED} is absent, not measured")
        print()
        return
    out = OUT / "published.yaml"
    print(f"Published file: {PUBLISHED.name} ({PUBLISHED.stat().st_size / 1e3:.0f} kB)")
    got = measure(
        {
            "leadaudit import": [bench.leadaudit, "import", str(PUBLISHED), "-o", str(out)],
            "leadaudit check": [bench.leadaudit, "check", str(PUBLISHED)],
        },
        bench.repeat,
        bench.env,
    )
    show(got)
    for label in ("leadaudit import", "leadaudit check"):
        name = f"largest published file: {label.split()[1]}, seconds"
        bench.target(Target(name, got[label].time, 1.0, True, unit="s", digits=3))
    bench.results["published"] = {k: asdict(v) for k, v in got.items()}
    print()


def scaling(bench: Bench, sizes: tuple[int, ...], million: int) -> None:
    """Cost by size, a least-squares line through it, and the largest chart against it."""
    print("Scaling (leadaudit check; json.loads of the same data beside it)")
    print(f"  {'posts':>9} {'MB':>6} {'time s':>24} {'peak MB':>16} {'json.loads s':>13}")
    points: list[dict[str, float]] = []
    for size in sizes:
        yaml_path, json_path = chart(size)
        got = measure(
            {
                "check": [bench.leadaudit, "check", str(yaml_path)],
                "json.loads": [sys.executable, "-c", JSON_FLOOR, str(json_path)],
            },
            max(3, bench.repeat - 2),
            bench.env,
        )
        points.append(_point(size, yaml_path, got["check"], got["json.loads"].time.median))
    fit = linear_fit([p["posts"] for p in points], [p["leadaudit_s"] for p in points])
    mem = linear_fit([p["posts"] for p in points], [p["leadaudit_mb"] for p in points])
    print(
        f"  least-squares line to {sizes[-1]:,}: time = {fit[0]:.3f} s + {1e6 * fit[1]:.2f} ms "
        f"per 1,000 posts (R^2 {fit[2]:.4f}); memory = {mem[0]:.0f} MB + "
        f"{1000 * mem[1]:.3f} MB per 1,000 posts (R^2 {mem[2]:.4f})"
    )
    if million:
        yaml_path, _ = chart(million)
        argv = [bench.leadaudit, "check", "--max-file-size", str(GIB), str(yaml_path)]
        got = measure({"check": argv}, max(1, bench.slow_repeat - 1), bench.env)
        point = _point(million, yaml_path, got["check"], float("nan"))
        points.append(point)
        time_line = fit[0] + fit[1] * million
        mem_line = mem[0] + mem[1] * million
        print(
            f"  {million:,} posts against the line: {point['leadaudit_s']:.2f} s (the line says "
            f"{time_line:.2f} s), {point['leadaudit_mb']:.0f} MB (the line says {mem_line:.0f} MB)"
        )
        bench.target(
            Target(
                f"{million:,} posts: time / the line's",
                Spread.of([t / time_line for t in got["check"].seconds]),
                1.25,
                True,
            )
        )
        bench.target(
            Target(f"{million:,} posts: peak memory", got["check"].memory, 2048, True, "MB", 0)
        )
    bench.results["scaling"] = points
    # In a child process: matplotlib would grow this one, and a child's peak memory
    # counts the parent's size at the fork.
    data = OUT / "scaling.json"
    data.write_text(json.dumps(points), encoding="utf-8")
    generate(f"from benchmarks.run import plot_file; plot_file({str(data)!r})")
    print()


def _point(size: int, path: Path, check: Figure, json_s: float) -> dict[str, float]:
    point = {
        "posts": float(size),
        "megabytes": path.stat().st_size / 1e6,
        "leadaudit_s": check.time.median,
        "leadaudit_mb": check.memory.median,
        "json_loads_s": json_s,
    }
    print(
        f"  {size:>9,} {point['megabytes']:>6.1f} {check.time.show():>24} "
        f"{check.memory.show('', 0):>16} {json_s:>13.3f}"
    )
    return point


def batch(bench: Bench, count: int) -> None:
    """Many council-sized charts in one process against one process each."""
    paths = batch_charts(count)
    print(f"A batch of {count} council-sized charts (60 to 100 posts each)")
    one = Figure(f"one process, {count} files", [bench.leadaudit, "check", *map(str, paths)])
    each = Figure(f"{count} processes, one each", [])
    run_once(one.argv, bench.env)
    for _ in range(bench.slow_repeat):
        total, peak = 0.0, 0.0
        for path in paths:
            seconds, mb, _code = run_once([bench.leadaudit, "check", str(path)], bench.env)
            total += seconds
            peak = max(peak, mb)
        each.seconds.append(total)
        each.peak_mb.append(peak)
        seconds, mb, code = run_once(one.argv, bench.env)
        one.seconds.append(seconds)
        one.peak_mb.append(mb)
        one.codes.append(code)
    show({"each": each, "one": one})
    bench.target(
        Target(f"{count} charts: {count} processes / one process", ratio(each, one), 60, False)
    )
    bench.results["batch"] = {"each": asdict(each), "one": asdict(one)}
    summary(bench, one, paths)
    print()


def summary(bench: Bench, check: Figure, paths: list[Path]) -> None:
    """The batch summary's cost over the batch check (see SUMMARY_ARGS)."""
    probe = subprocess.run(
        [bench.leadaudit, *SUMMARY_ARGS, "--help"], capture_output=True, env=bench.env, check=False
    )
    if probe.returncode != 0:
        print(f"  leadaudit {' '.join(SUMMARY_ARGS)}: not in this leadaudit, not measured")
        return
    argv = [bench.leadaudit, *SUMMARY_ARGS, *map(str, paths)]
    got = measure({"summary": argv, "check": check.argv}, bench.slow_repeat, bench.env)
    show(got)
    bench.target(
        Target("batch: summary / check", ratio(got["summary"], got["check"]), SUMMARY_LIMIT, True)
    )
    bench.results["summary"] = {k: asdict(v) for k, v in got.items()}


def plot_file(data: str) -> None:
    """Plot the scaling points saved in ``data`` (JSON) to scaling.png beside it."""
    points = json.loads(Path(data).read_text(encoding="utf-8"))
    png = Path(data).with_name("scaling.png")
    if plot(points, png):
        print(f"  plot: {png.relative_to(ROOT)}")


def plot(points: list[dict[str, float]], path: Path) -> bool:
    """Posts against time and peak memory; False when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FuncFormatter
    except ImportError:
        print("  plot skipped: matplotlib is not installed (python -m pip install -e '.[bench]')")
        return False
    thousands = FuncFormatter(lambda value, _pos: f"{value:,.0f}")
    posts = [p["posts"] for p in points]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    left.plot(posts, [p["leadaudit_s"] for p in points], "o-", label="leadaudit check")
    left.set_ylabel("wall time, median (s)")
    left.set_title("Time")
    right.plot(posts, [p["leadaudit_mb"] for p in points], "o-", label="leadaudit check")
    right.axhline(2048, color="grey", linestyle=":", label="2 GB target")
    right.set_ylabel("peak resident memory (MB)")
    right.set_title("Memory")
    for axes in (left, right):
        axes.set_xscale("log")
        axes.xaxis.set_major_formatter(thousands)
        axes.set_xlabel("posts")
        axes.grid(alpha=0.3)
        axes.legend()
    fig.suptitle("leadaudit check on generated org charts: cost by size")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def main(argv: list[str] | None = None) -> int:
    """Run the chosen sections and print every target's PASS or MISS."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per quick command (7)")
    parser.add_argument(
        "--slow-repeat", type=int, default=3, help="runs per slow command: 10,000 posts, batch (3)"
    )
    parser.add_argument(
        "--sizes",
        type=lambda text: tuple(int(x) for x in text.split(",")),
        default=SCALING,
        help="posts for the scaling curve, comma-separated",
    )
    parser.add_argument("--million", type=int, default=MILLION, help="largest chart; 0 skips it")
    parser.add_argument("--batch", type=int, default=400, help="charts in the batch (400)")
    parser.add_argument(
        "--only",
        type=lambda text: tuple(text.split(",")),
        default=SECTIONS,
        help=f"sections to run, comma-separated: {', '.join(SECTIONS)}",
    )
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    info = machine()
    bench = Bench(
        tool("leadaudit"), child_env(), args.repeat, args.slow_repeat, [], {"machine": info}
    )
    print("Machine: " + "; ".join(f"{k} {v}" for k, v in info.items()))
    print(
        f"Each figure: median [min-max] of {args.repeat} runs ({args.slow_repeat} for the slow "
        "commands) after a warm-up run; ratios taken run by run."
    )
    print()
    sections: dict[str, Callable[[], None]] = {
        "startup": lambda: startup(bench),
        "scaling": lambda: scaling(bench, args.sizes, args.million),
        "batch": lambda: batch(bench, args.batch) if args.batch else None,
        "large": lambda: large(bench),
        "published": lambda: published(bench),
    }
    if {"small", "medium"} & set(args.only):
        checker, linter, schema = tool("check-jsonschema"), tool("yamllint"), schema_file()
        sections["small"] = lambda: small(bench, checker, linter, schema)
        sections["medium"] = lambda: medium(bench, checker, linter, schema)
    for name in SECTIONS:
        if name in args.only:
            sections[name]()
    print("Targets")
    for target in bench.targets:
        print("  " + target.show())
    met = sum(t.met for t in bench.targets)
    print(f"  {met} of {len(bench.targets)} met")
    bench.results["targets"] = [{**asdict(t), "met": t.met} for t in bench.targets]
    (OUT / "results.json").write_text(json.dumps(bench.results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
