"""Checking the rest of a chart whose validation failed: the parts with errors are set
aside, so reference and graph problems elsewhere are reported in the same run."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from leadaudit.model import OrgChart
from leadaudit.source import DocPath

_ROUNDS = 4
_LISTS = ("posts", "members")


def _ids(items: Any, indexes: set[int]) -> set[str]:
    """The ids of the set-aside items, as written."""
    out: set[str] = set()
    for i in indexes:
        item = items[i] if isinstance(items, list) and i < len(items) else None
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            out.add(item["id"])
    return out


def _set_aside(
    data: dict[str, Any], errors: list[Any], skipped: set[str], kept: dict[str, list[int]]
) -> bool:
    """Take out of ``data`` what ``errors`` point at; False when that cannot be done."""
    bad: dict[str, set[int]] = {name: set() for name in _LISTS}
    for error in errors:
        loc = error["loc"]
        head = loc[0] if loc else None
        if head in _LISTS and len(loc) > 1 and isinstance(loc[1], int):
            bad[head].add(loc[1])
        elif head == "roles" and len(loc) > 1 and isinstance(data.get("roles"), dict):
            skipped.add(str(loc[1]))
            data["roles"] = {k: v for k, v in data["roles"].items() if k != loc[1]}
        elif head == "authority":
            data["authority"] = {"name": "?", "type": "other"}
        elif head == "digital_strategy" or (len(loc) == 1 and head not in ("leadaudit", *_LISTS)):
            data.pop(str(head), None)
        else:
            return False
    for name, indexes in bad.items():
        if indexes:
            items = data.get(name)
            skipped |= _ids(items, indexes)
            data[name] = [x for i, x in enumerate(items or []) if i not in indexes]
            kept[name] = [k for i, k in enumerate(kept[name]) if i not in indexes]
    return True


def path_back(kept: dict[str, list[int]]) -> Callable[[DocPath], DocPath]:
    """Maps a path in the chart with parts set aside back to the file's path."""

    def back(path: DocPath) -> DocPath:
        if len(path) > 1 and path[0] in kept and isinstance(path[1], int):
            return (path[0], kept[str(path[0])][path[1]], *path[2:])
        return path

    return back


def title_hint(value: object, posts: object) -> str | None:
    """'did you mean 'ceo'?' when ``value`` is the title of a post rather than its id."""
    if not isinstance(value, str) or not isinstance(posts, list):
        return None
    wanted = value.strip().casefold()
    for post in posts:
        if isinstance(post, dict) and str(post.get("title", "")).strip().casefold() == wanted:
            pid = post.get("id")
            if isinstance(pid, str):
                return f"did you mean '{pid}'? '{value}' is the title of that post; use its id"
    return None


def salvage(
    raw: dict[str, Any],
) -> tuple[OrgChart, set[str], Callable[[DocPath], DocPath]] | None:
    """The chart with every part that fails validation set aside, the ids those parts
    held (so references to them are not reported as unknown), and the map from the
    chart's paths back to the file's; None when what is left cannot make a chart."""
    data = dict(raw)
    skipped: set[str] = set()
    kept = {
        name: list(range(len(raw[name]))) if isinstance(raw.get(name), list) else []
        for name in _LISTS
    }
    for _ in range(_ROUNDS):
        try:
            return OrgChart.model_validate(data), skipped, path_back(kept)
        except ValidationError as exc:
            errors = exc.errors(include_url=False, include_input=False)
            if not _set_aside(data, errors, skipped, kept):
                return None
    return None
