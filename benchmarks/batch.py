"""A generated batch of council org charts, varied enough for a league table.

The charts are the bundled examples renamed, retyped and changed in seeded ways (a
capability taken away, the elected members left out, a post made vacant), so a batch has
every authority type and every status of every bullet, and the same count and seed always
give the same files.

    python benchmarks/batch.py 400 -o /tmp/batch          # write 400 charts

benchmarks/run.py times ``check`` and ``summary`` on its own batch (its "batch" section);
this one is for the tests and for looking at a summary of every type and status.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("count", type=int, help="number of charts")
    parser.add_argument("-o", "--output", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=20, help="random seed")
    args = parser.parse_args(argv)
    write_batch(args.output, args.count, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
