"""An item's run (its "key: value" lines after the first, which the fast reader takes in
one piece) reads exactly as the event-based loader reads it: the same values, keys in the
same order, and a key given twice sends the file to the event loader, which reports it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from leadaudit.errors import InputError
from leadaudit.importers.yaml_events import parse_events
from leadaudit.importers.yaml_fast import OutsideFastPathError, fast_read
from leadaudit.limits import Limits

# Plain scalars a run may hold (each is read by the fast reader) that JSON writes
# differently, or that YAML reads as null.
VALUES = [
    r"C:\Temp\new",
    r"ends in a backslash \\",
    'say "hi" twice ""',
    r"x\u00e9 stays seven characters",
    r"x\"y\\",
    "it's",
    "Caf\u00e9 \u2013 \u201c\u00dc\u201d \u6771\u4eac \U0001f642",
    "~",
    "null",
    "Null",
    "NULL",
    "nullable",
    "a:b",
    "12:30",
    "5-",
    "yes",
    "x, y",
    "(not flow) x",
    "$5 + 10% = ~6",
]


def chart(posts: int, *, below: bool = True, indent: int = 2) -> str:
    """A chart whose posts each have a run, with every value above in turn; with
    ``below``, every third post also has keys below its run (a flow list, then more)."""
    pad = " " * indent
    lines = ["leadaudit: 1", "authority:", "  name: X", "posts:"]
    for n in range(posts):
        lines.append(f"{pad}- id: p{n}")
        lines.append(f"{pad}  title: {VALUES[n % len(VALUES)]}")
        lines.append(f"{pad}  holder: {VALUES[(n * 7) % len(VALUES)]}")
        lines.append(f"{pad}  reports_to: p{n // 3}")
        if below and n % 3 == 0:
            lines.append(f"{pad}  roles: [a, b]")
            lines.append(f"{pad}  basis: {VALUES[(n * 5) % len(VALUES)]}")
    lines.append("members:")
    lines.extend(f"- id: m{n}\n  name: {VALUES[n % len(VALUES)]}" for n in range(40))
    return "\n".join(lines) + "\n"


def read_both(text: str, track: int = 2) -> tuple[Any, Any]:
    """The fast reader's data (None when it steps aside) and the event loader's data (or
    its InputError); ``track`` is how deep positions are recorded (2 by default, as in a
    check: a run deeper than that records none)."""
    try:
        fast: Any = fast_read(text, 64, track)[0]
    except OutsideFastPathError:
        fast = None
    try:
        slow: Any = parse_events(text, "org.yaml", Limits(), 2)[0]
    except InputError as exc:
        slow = exc
    return fast, slow


SIZES = [3000, 50]


@pytest.mark.parametrize("posts", SIZES)
@pytest.mark.parametrize("below", [True, False])
@pytest.mark.parametrize("track", [2, 1 << 30])
def test_runs_read_as_the_event_loader_reads_them(posts: int, below: bool, track: int) -> None:
    fast, slow = read_both(chart(posts, below=below), track)
    assert fast is not None, "the fast reader stepped aside"
    assert fast == slow
    # the same keys in the same order, item by item
    assert json.dumps(fast) == json.dumps(slow)


def test_runs_at_another_indent_read_the_same() -> None:
    fast, slow = read_both(chart(300, indent=4))
    assert fast is not None
    assert json.dumps(fast) == json.dumps(slow)


def with_line_added(text: str, item: int, after: str, line: str) -> str:
    """``text`` with ``line`` added to post ``item`` after its line starting ``after``."""
    head, mark, rest = text.partition(f"  - id: p{item}\n")
    assert mark, f"no post p{item}"
    at = rest.index("\n", rest.index(after)) + 1
    return head + mark + rest[:at] + f"    {line}\n" + rest[at:]


@pytest.mark.parametrize("posts", SIZES)
@pytest.mark.parametrize(
    ("after", "line"),
    [
        ("    title:", "title: again"),  # a key twice in the run
        ("    title:", "id: again"),  # the item's first key again in its run
        ("    roles:", "title: again"),  # a key of the run again below it
        ("    roles:", "roles: [c]"),  # a key below the run twice
    ],
)
@pytest.mark.parametrize("track", [2, 1 << 30])
def test_a_key_given_twice_is_left_to_the_event_loader(
    posts: int, after: str, line: str, track: int
) -> None:
    for item in (3, (posts - 2) // 3 * 3):  # near the start and near the end
        fast, slow = read_both(with_line_added(chart(posts), item, after, line), track)
        assert fast is None, f"the fast reader took a key given twice in p{item}"
        assert isinstance(slow, InputError)
        assert "duplicate key" in str(slow)
