"""Measure leadaudit against check-jsonschema and json.loads, side by side, in one run.

    python -m pip install -e '.[bench]'     # leadaudit, check-jsonschema and matplotlib
    python benchmarks/run.py                # about four minutes on a 2-core machine

Every number is a whole command run as a subprocess, as a user or a CI job would run it:
the median wall time of several runs (the commands take turns, so a slow moment of the
machine does not land on one of them) and the peak resident memory of the child process.
Inputs are generated org charts (benchmarks/generate.py) of 50, 10,000 and 100,000 posts,
plus the sizes of the scaling curve; check-jsonschema checks the same YAML file against
the JSON Schema of leadaudit's org chart model, and the floor is a Python process that
reads the same data as JSON and calls json.loads on it.

Writes benchmarks/out/: the generated files, results.json and scaling.png.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import DEFAULT_SEED  # noqa: E402

OUT = HERE / "out"
HEAVY = ("pydantic", "yaml", "jinja2", "rich")
SCALING = (1_000, 5_000, 10_000, 25_000, 50_000, 100_000)
JSON_FLOOR = "import json, sys; json.loads(open(sys.argv[1], 'rb').read())"
IMPORT_FLOOR = "import typer, typer.main; from pydantic import BaseModel, TypeAdapter"
MODULES_AFTER = (
    "import runpy, sys; sys.argv = ['leadaudit', *sys.argv[1:]]\n"
    "try:\n    runpy.run_module('leadaudit', run_name='__main__')\n"
    "except SystemExit:\n    pass\n"
    "sys.stderr.write(' '.join(sorted(m for m in {heavy} if m in sys.modules)) + '\\n')\n"
)


@dataclass(frozen=True)
class Measure:
    """Several runs of one command: median wall seconds and peak memory in MB."""

    label: str
    seconds: float
    runs: list[float]
    peak_mb: float
    exit_code: int


def child_env() -> dict[str, str]:
    """The environment of measured commands: byte-code caching on, no colour."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    env.pop("FORCE_COLOR", None)
    return env


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of one run of ``argv``."""
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
        raise SystemExit(f"{' '.join(argv)} failed with exit code {code}:\n{err.decode()}")
    return elapsed, usage.ru_maxrss / 1024, code


def measure(commands: dict[str, list[str]], repeat: int, env: dict[str, str]) -> dict[str, Measure]:
    """Run each command ``repeat`` times, taking turns, after one warm-up run each."""
    for argv in commands.values():
        run_once(argv, env)  # warm the page cache and write byte code
    runs: dict[str, list[tuple[float, float, int]]] = {label: [] for label in commands}
    for _ in range(repeat):
        for label, argv in commands.items():
            runs[label].append(run_once(argv, env))
    return {
        label: Measure(
            label,
            statistics.median(r[0] for r in results),
            [round(r[0], 3) for r in results],
            max(r[1] for r in results),
            results[-1][2],
        )
        for label, results in runs.items()
    }


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


def chart(size: int) -> tuple[Path, Path]:
    """The generated org chart of ``size`` posts as YAML and JSON (made if missing)."""
    yaml_path = OUT / f"org-{size}.yaml"
    json_path = OUT / f"org-{size}.json"
    if not (yaml_path.exists() and json_path.exists()):
        # In a child process: a child's peak memory counts the parent's size when it was
        # started, so the measuring process must stay small.
        command = [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(size)]
        command += ["-o", str(yaml_path), "--json", str(json_path), "--seed", str(DEFAULT_SEED)]
        subprocess.run(
            command,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    return yaml_path, json_path


def schema_file() -> Path:
    from leadaudit.model import OrgChart

    path = OUT / "orgchart.schema.json"
    path.write_text(json.dumps(OrgChart.model_json_schema(), indent=2), encoding="utf-8")
    return path


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
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

    return {
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "leadaudit": version("leadaudit"),
        "pydantic": version("pydantic"),
        "PyYAML": version("PyYAML"),
        "check-jsonschema": version("check-jsonschema"),
    }


def heavy_modules(args: list[str], env: dict[str, str]) -> str:
    """Which heavy modules a leadaudit command imports, run in a fresh interpreter."""
    code = MODULES_AFTER.format(heavy=HEAVY)
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False
    )
    imported = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
    return imported or "none"


def plot(points: list[dict[str, float]], path: Path) -> bool:
    """Posts against time and peak memory; False when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FuncFormatter
    except ImportError:
        return False
    thousands = FuncFormatter(lambda value, _pos: f"{value:,.0f}")
    posts = [p["posts"] for p in points]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    left.plot(posts, [p["leadaudit_s"] for p in points], "o-", label="leadaudit check")
    left.plot(posts, [p["json_loads_s"] for p in points], "s--", label="json.loads (floor)")
    left.xaxis.set_major_formatter(thousands)
    left.set_xlabel("posts")
    left.set_ylabel("wall time, median (s)")
    left.set_title("Time")
    left.grid(alpha=0.3)
    left.legend()
    right.plot(posts, [p["leadaudit_mb"] for p in points], "o-", label="leadaudit check")
    right.plot(posts, [p["json_loads_mb"] for p in points], "s--", label="json.loads (floor)")
    right.axhline(400, color="grey", linestyle=":", label="400 MB target")
    right.xaxis.set_major_formatter(thousands)
    right.set_xlabel("posts")
    right.set_ylabel("peak resident memory (MB)")
    right.set_title("Memory")
    right.grid(alpha=0.3)
    right.legend()
    fig.suptitle("leadaudit check on generated org charts: cost by size")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def linear_fit(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Intercept, slope and R^2 of the least-squares line through the points."""
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = mean_y - slope * mean_x
    total = sum((y - mean_y) ** 2 for y in ys)
    residual = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    return intercept, slope, 1 - residual / total if total else 1.0


def verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per command (default 7)")
    parser.add_argument(
        "--sizes",
        type=lambda text: tuple(int(x) for x in text.split(",")),
        default=SCALING,
        help="posts for the scaling curve, comma-separated",
    )
    args = parser.parse_args(argv)
    repeat: int = args.repeat
    OUT.mkdir(parents=True, exist_ok=True)
    env = child_env()
    leadaudit = tool("leadaudit")
    checker = tool("check-jsonschema")
    schema = schema_file()
    py = sys.executable
    info = machine()
    print("Machine: " + "; ".join(f"{k} {v}" for k, v in info.items()))
    print(f"Each figure: median of {repeat} runs (after a warm-up run) of the whole command.")
    print()

    results: dict[str, object] = {"machine": info, "repeat": repeat}

    start = measure(
        {"version": [leadaudit, "--version"], "help": [leadaudit, "--help"]}, repeat, env
    )
    print("Start-up")
    for label in ("version", "help"):
        heavy = heavy_modules([f"--{label}"], env)
        print(
            f"  leadaudit --{label:<8} {start[label].seconds:6.3f} s  "
            f"heavy modules imported: {heavy}"
        )
    results["startup"] = {k: asdict(v) for k, v in start.items()}
    print()

    comparisons = []
    for size in (50, 10_000):
        yaml_path, json_path = chart(size)
        commands = {
            "leadaudit": [leadaudit, "check", str(yaml_path)],
            "check-jsonschema": [checker, "--schemafile", str(schema), str(yaml_path)],
            "json.loads": [py, "-c", JSON_FLOOR, str(json_path)],
        }
        if size == 50:
            # What leadaudit's stack costs before it reads anything: Python, Typer and
            # pydantic imported, nothing run (PyYAML is not needed for block-style YAML).
            commands["imports only"] = [py, "-c", IMPORT_FLOOR]
        got = measure(commands, repeat, env)
        target = 3 if size == 50 else 20
        ratio = got["check-jsonschema"].seconds / got["leadaudit"].seconds
        print(f"{size:,} posts ({yaml_path.stat().st_size / 1e6:.2f} MB of YAML)")
        for m in got.values():
            print(f"  {m.label:<17} {m.seconds:7.3f} s  peak {m.peak_mb:6.0f} MB  runs {m.runs}")
        print(
            f"  => leadaudit is {ratio:.1f}x faster than check-jsonschema "
            f"(target >= {target}x: {verdict(ratio >= target)})"
        )
        if "imports only" in got:
            ceiling = got["check-jsonschema"].seconds / got["imports only"].seconds
            print(
                f"  => importing Typer and pydantic alone is {ceiling:.1f}x faster than "
                "check-jsonschema: the most any tool on this stack can reach here"
            )
        print()
        comparisons.append(
            {
                "posts": size,
                "ratio": ratio,
                "target": target,
                **{k: asdict(v) for k, v in got.items()},
            }
        )
    results["comparisons"] = comparisons

    yaml_path, json_path = chart(100_000)
    got = measure(
        {
            "leadaudit": [leadaudit, "check", str(yaml_path)],
            "json.loads": [py, "-c", JSON_FLOOR, str(json_path)],
        },
        repeat,
        env,
    )
    ratio = got["leadaudit"].seconds / got["json.loads"].seconds
    peak = got["leadaudit"].peak_mb
    print(f"100,000 posts ({yaml_path.stat().st_size / 1e6:.1f} MB of YAML)")
    for m in got.values():
        print(f"  {m.label:<17} {m.seconds:7.3f} s  peak {m.peak_mb:6.0f} MB  runs {m.runs}")
    print(f"  => leadaudit takes {ratio:.1f}x json.loads (target <= 10x: {verdict(ratio <= 10)})")
    print(f"  => peak memory {peak:.0f} MB (target < 400 MB: {verdict(peak < 400)})")
    print()
    results["large"] = {"ratio": ratio, "peak_mb": peak, **{k: asdict(v) for k, v in got.items()}}

    print("Scaling (leadaudit check; json.loads of the same data beside it)")
    print(
        f"  {'posts':>8} {'MB':>6} {'time s':>8} {'ms/1k posts':>12} {'peak MB':>8} {'json.loads s':>13}"
    )
    points: list[dict[str, float]] = []
    for size in args.sizes:
        yaml_path, json_path = chart(size)
        got = measure(
            {
                "leadaudit": [leadaudit, "check", str(yaml_path)],
                "json.loads": [py, "-c", JSON_FLOOR, str(json_path)],
            },
            max(3, repeat - 2),
            env,
        )
        point = {
            "posts": float(size),
            "megabytes": yaml_path.stat().st_size / 1e6,
            "leadaudit_s": got["leadaudit"].seconds,
            "leadaudit_mb": got["leadaudit"].peak_mb,
            "json_loads_s": got["json.loads"].seconds,
            "json_loads_mb": got["json.loads"].peak_mb,
        }
        points.append(point)
        print(
            f"  {size:>8,} {point['megabytes']:>6.1f} {point['leadaudit_s']:>8.3f} "
            f"{1000 * point['leadaudit_s'] / size * 1000:>12.1f} {point['leadaudit_mb']:>8.0f} "
            f"{point['json_loads_s']:>13.3f}"
        )
    if len(points) >= 3:
        fit = linear_fit([p["posts"] for p in points], [p["leadaudit_s"] for p in points])
        mem = linear_fit([p["posts"] for p in points], [p["leadaudit_mb"] for p in points])
        print(
            f"  least-squares line: time = {fit[0]:.3f} s + {1e6 * fit[1]:.1f} ms per 1,000 posts "
            f"(R^2 {fit[2]:.4f}); memory = {mem[0]:.0f} MB + {1000 * mem[1]:.2f} MB per 1,000 posts "
            f"(R^2 {mem[2]:.4f})"
        )
        half = len(points) // 2
        low = (points[half]["leadaudit_s"] - points[0]["leadaudit_s"]) / (
            points[half]["posts"] - points[0]["posts"]
        )
        high = (points[-1]["leadaudit_s"] - points[half]["leadaudit_s"]) / (
            points[-1]["posts"] - points[half]["posts"]
        )
        print(
            f"  cost per 1,000 more posts: {1e6 * low:.1f} ms from {points[0]['posts']:,.0f} to "
            f"{points[half]['posts']:,.0f}, {1e6 * high:.1f} ms from {points[half]['posts']:,.0f} "
            f"to {points[-1]['posts']:,.0f} (a quadratic walk would make the second far larger)"
        )
    results["scaling"] = points
    png = OUT / "scaling.png"
    if plot(points, png):
        print(f"  plot: {png.relative_to(ROOT)}")
    else:
        print("  plot skipped: matplotlib is not installed (python -m pip install -e '.[bench]')")
    (OUT / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
