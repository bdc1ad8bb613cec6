"""A generated batch of council org charts, and what auditing and summarising it costs.

The charts are the bundled examples renamed, retyped and changed in seeded ways (a
capability taken away, the elected members left out, a post made vacant), so a batch has
every authority type and every status of every bullet, and the same count and seed always
give the same files.

    python benchmarks/batch.py 400 -o /tmp/batch          # write 400 charts
    python benchmarks/batch.py 400 --measure              # and time check and summary
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
TYPES = (
    "county",
    "district",
    "unitary",
    "metropolitan_borough",
    "london_borough",
    "combined_authority",
    "other",
)
_STARTS = (
    *("Ash", "Bram", "Cal", "Dun", "Elm", "Fen", "Gor", "Hal", "Ing", "Kel", "Lang"),
    *("Mar", "Nor", "Oak", "Pen", "Rad", "Stan", "Thorn", "Wen", "Yar"),
)
_QUARTERS = ("North", "South", "East", "West", "Upper", "Lower")
_ENDS = ("ford", "ley", "bury", "wick", "ham", "ton", "mere", "dale", "field", "worth")
_STYLE = {
    "county": "{} County Council",
    "district": "{} District Council",
    "unitary": "{} Council",
    "metropolitan_borough": "{} Metropolitan Borough Council",
    "london_borough": "London Borough of {}",
    "combined_authority": "{} Combined Authority",
    "other": "{} Fire and Rescue Authority",
}


def authority_name(n: int, kind: str) -> str:
    """A fictional, unique authority name for the ``n``-th chart of a batch."""
    place = _STARTS[n % len(_STARTS)] + _ENDS[(n // len(_STARTS)) % len(_ENDS)]
    cycle = n // (len(_STARTS) * len(_ENDS))
    if cycle:
        place += f" {['North', 'South', 'East', 'West', 'Upper', 'Lower'][(cycle - 1) % 6]}"
    return _STYLE[kind].format(place)


def _without_members(data: dict[str, Any]) -> None:
    """Leave out the elected members, and every reference to them."""
    members = {m["id"] for m in data.get("members", [])}
    data.pop("members", None)
    for post in data["posts"]:
        if "works_with" in post:
            post["works_with"] = [w for w in post["works_with"] if w not in members]
            if not post["works_with"]:
                del post["works_with"]
    strategy = data.get("digital_strategy")
    if strategy is not None:
        strategy["owners"] = [o for o in strategy.get("owners", []) if o not in members]
        if not strategy["owners"]:
            del data["digital_strategy"]


def _take_capabilities(data: dict[str, Any], rng: random.Random, share: float) -> None:
    for post in data["posts"]:
        held = post.get("capabilities")
        if held and rng.random() < share:
            post["capabilities"] = held[: rng.randrange(len(held))] or None
            if post["capabilities"] is None:
                del post["capabilities"]


def chart(n: int, seed: int, bases: list[dict[str, Any]]) -> dict[str, Any]:
    """The ``n``-th chart of a batch: an example, renamed, retyped and changed."""
    rng = random.Random(seed * 100_003 + n)
    data: dict[str, Any] = json.loads(json.dumps(bases[n % len(bases)], default=str))
    kind = TYPES[n % len(TYPES)]
    data["authority"]["type"] = kind
    data["authority"]["name"] = authority_name(n, kind)
    change = rng.randrange(5)
    if change == 1:
        _without_members(data)
    elif change == 2:
        _take_capabilities(data, rng, 0.3)
    elif change == 3:
        for post in rng.sample(data["posts"][1:], k=min(2, len(data["posts"]) - 1)):
            post["basis"] = "vacant"
            for key in ("holder", "supplier", "contract_ends"):
                post.pop(key, None)
    return data


def write_batch(folder: Path, count: int, seed: int = 20) -> list[Path]:
    """Write ``count`` charts into ``folder`` (one file each); their paths, in order."""
    bases = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.yaml"))]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    width = len(str(count))
    for n in range(count):
        path = folder / f"authority-{n:0{width}d}.yaml"
        text = yaml.safe_dump(chart(n, seed, bases), sort_keys=False, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _median_run(argv: list[str], repeat: int) -> tuple[float, int]:
    times = []
    code = 0
    for _ in range(repeat):
        start = time.perf_counter()
        code = subprocess.run(argv, stdout=subprocess.DEVNULL, check=False).returncode
        times.append(time.perf_counter() - start)
    return statistics.median(times), code


def measure_batch(leadaudit: str, count: int = 400, repeat: int = 3) -> dict[str, float]:
    """Wall seconds of ``check`` and of ``summary`` over a generated batch of ``count``
    charts (one process each), and of ``check`` on one of them (for the per-process cost);
    the ratios the performance targets are stated in."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "batch"
        paths = write_batch(folder, count)
        check, _ = _median_run([leadaudit, "check", "--fail-on", "never", str(folder)], repeat)
        summary, _ = _median_run([leadaudit, "summary", str(folder)], repeat)
        report = Path(tmp) / "report.md"
        markdown, _ = _median_run(
            [leadaudit, "summary", str(folder), "--format", "markdown", "-o", str(report)], repeat
        )
        one, _ = _median_run([leadaudit, "check", "--fail-on", "never", str(paths[0])], repeat)
    return {
        "charts": count,
        "check_s": check,
        "summary_s": summary,
        "summary_markdown_s": markdown,
        "one_process_s": one,
        "separate_processes_s": one * count,
        "speedup_over_processes": one * count / check,
        "summary_over_check": summary / check,
    }


def print_batch(got: dict[str, float]) -> None:
    """The batch figures, as benchmarks/run.py prints its others."""
    n = int(got["charts"])
    print(f"Batch of {n} council charts")
    print(f"  check (one process)      {got['check_s']:7.3f} s")
    print(f"  summary (one process)    {got['summary_s']:7.3f} s")
    print(f"  summary --format markdown with heat map {got['summary_markdown_s']:7.3f} s")
    print(f"  {n} separate checks      {got['separate_processes_s']:7.3f} s (one, times {n})")
    speedup = got["speedup_over_processes"]
    ratio = got["summary_over_check"]
    print(f"  => one process is {speedup:.0f}x faster than {n} (target >= 60x)")
    print(f"  => summary takes {ratio:.2f}x check (target <= 1.10x)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("count", type=int, help="number of charts")
    parser.add_argument("-o", "--output", type=Path, help="folder to write the charts into")
    parser.add_argument("--seed", type=int, default=20, help="random seed")
    parser.add_argument("--measure", action="store_true", help="time check and summary")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command")
    args = parser.parse_args(argv)
    if args.output is not None:
        write_batch(args.output, args.count, args.seed)
    if args.measure:
        from benchmarks.run import tool

        print_batch(measure_batch(tool("leadaudit"), args.count, args.repeat))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    sys.exit(main())
