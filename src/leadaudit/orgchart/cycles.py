"""Naming the reporting cycles of an org chart, each once."""

from __future__ import annotations

from collections.abc import Callable


def report_cycles(
    unreached: list[str],
    parent: dict[str, str | None],
    depth: dict[str, int],
    roots: list[str],
    post_index: dict[str, int],
    add: Callable[[tuple[str | int, ...], str, str | None], None],
) -> None:
    """Name each reporting cycle once, located at its first post in file order."""
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
    top_posts = set(roots)
    for start in sorted(unreached, key=post_index.__getitem__):
        walk: list[str] = []
        current: str | None = start
        while (
            current is not None
            and current not in depth
            and current not in top_posts
            and state.get(current) is None
        ):
            state[current] = 1
            walk.append(current)
            current = parent.get(current)
        if current is not None and state.get(current) == 1:
            cycle = walk[walk.index(current) :]
            first = min(cycle, key=post_index.__getitem__)
            at = cycle.index(first)
            ordered = cycle[at:] + cycle[:at]
            add(
                ("posts", post_index[first], "reports_to"),
                _describe_cycle(ordered),
                "one post in the cycle must report outside it",
            )
        for pid in walk:
            state[pid] = 2


_CYCLE_SHOWN = 8
"""Longest cycle named in full; longer ones show their ends."""


def _describe_cycle(cycle: list[str]) -> str:
    """'reporting cycle: a -> b -> a', shortened in the middle for a long cycle."""
    if len(cycle) <= _CYCLE_SHOWN:
        return "reporting cycle: " + " -> ".join([*cycle, cycle[0]])
    shown = [*cycle[:3], "...", *cycle[-2:], cycle[0]]
    return f"reporting cycle of {len(cycle):,} posts: " + " -> ".join(shown)
