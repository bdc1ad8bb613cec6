"""The fast YAML reader reads exactly what the event-based loader reads, or steps aside.

Large org charts are read by a line-based reader; anything outside its part of YAML goes
to the event-based loader. A user must never see a difference: same data, same line and
column for every located path, same errors. These tests compare the two on generated
documents (valid, and mutated into near-misses) and on the benchmark generator's charts.
"""

from __future__ import annotations

import gc
import json
import re
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import generate, to_yaml
from leadaudit.errors import InputError
from leadaudit.framework import load_framework
from leadaudit.importers.yaml import load_bytes
from leadaudit.importers.yaml_events import parse_events as _parse
from leadaudit.importers.yaml_fast import _FIRST, OutsideFastPathError, fast_read
from leadaudit.limits import Limits
from leadaudit.orgchart import load_orgchart_bytes

TRACK = 2
ROOT = Path(__file__).resolve().parents[1]


def both(text: str, max_depth: int = 64, track: int = TRACK) -> tuple[Any, Any]:
    """(fast result or None if it stepped aside, event result or the InputError)."""
    try:
        fast: Any = fast_read(text, max_depth, track)
    except OutsideFastPathError:
        fast = None
    try:
        slow: Any = _parse(text, "doc.yaml", Limits(max_depth=max_depth), track)[:2]
    except InputError as exc:
        slow = exc
    return fast, slow


def assert_same(text: str, max_depth: int = 64, track: int = TRACK) -> bool:
    """The fast reader agrees with the event loader; True when it accepted the text."""
    fast, slow = both(text, max_depth, track)
    if fast is None:
        return False
    assert not isinstance(slow, InputError), f"fast reader accepted: {slow}"
    assert fast == slow
    return True


# -- generated documents ------------------------------------------------------------------

KEYS = st.sampled_from(["id", "title", "a", "b.c", "x-y", "k_2", "null", "1", "posts", "Key"])
WORDS = st.sampled_from(
    [
        "plain",
        "two words",
        "Head of ICT",
        "~",
        "null",
        "NULL",
        "12:30",
        "a:b",
        "C#",
        "http://example.org/x",
        "it's",
        "x, y",
        "-5",
        "- x",
        "a #b",
        "yes",
        "012",
        "",
        " lead",
        "trail ",
        "é ü",
        "[x]",
        "{y}",
        "*a",
        "&b",
        "!t",
        "|",
        ">",
        "%x",
        "@x",
        "`x",
        '"q"',
        "'s'",
        "a: b",
        "a:",
        "?",
        "? x",
        "---",
        "...",
        "(x)",
        "/x",
        "$x",
        "=",
    ]
)
SCALARS = st.one_of(WORDS, st.text(alphabet=" abc:#-[]{},'\"&*!|>%@`?~", max_size=6))


@st.composite
def scalar_text(draw: st.DrawFn) -> str:
    value = draw(SCALARS)
    style = draw(st.sampled_from(["plain", "plain", "double", "single"]))
    if style == "double":
        return json.dumps(value, ensure_ascii=False)
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    return value


@st.composite
def flow_text(draw: st.DrawFn) -> str:
    items = draw(st.lists(SCALARS, max_size=4))
    gap = draw(st.sampled_from([", ", ",", " , "]))
    return "[" + gap.join(items) + "]"


FOLDED_LINES = st.lists(
    st.sampled_from(
        [
            "text",
            "two words",
            "a: b # c",
            'say "x"',
            "back\\slash",
            "trail ",
            " more",
            "",
            "- x",
            "é",
        ]
    ),
    min_size=1,
    max_size=3,
).map(tuple)


def render(draw: st.DrawFn, value: Any, indent: int, step: int, lines: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                lines.append(f"{pad}{key}: {item}")
            elif isinstance(item, tuple):  # a folded block scalar, one entry per line
                lines.append(f"{pad}{key}: >-")
                lines.extend(f"{pad}{' ' * step}{line}" if line else "" for line in item)
            else:
                lines.append(f"{pad}{key}:")
                inner = indent if isinstance(item, list) and draw(st.booleans()) else indent + step
                render(draw, item, inner, step, lines)
    else:
        for item in value:
            if isinstance(item, dict):
                sub: list[str] = []
                render(draw, item, indent + 2, step, sub)
                if sub:
                    sub[0] = f"{pad}- " + sub[0][indent + 2 :]
                    lines.extend(sub)
            else:
                lines.append(f"{pad}- {item}")


def values(depth: int) -> st.SearchStrategy[Any]:
    leaf = st.one_of(scalar_text(), flow_text(), FOLDED_LINES)
    if depth == 0:
        return leaf
    return st.one_of(
        leaf,
        st.dictionaries(KEYS, values(depth - 1), min_size=1, max_size=3),
        st.lists(st.one_of(scalar_text(), mappings(depth - 1)), min_size=1, max_size=3),
    )


def mappings(depth: int) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(KEYS, values(depth), min_size=1, max_size=3)


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines: list[str] = []
    render(draw, draw(mappings(3)), 0, draw(st.sampled_from([1, 2, 4])), lines)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(st.sampled_from(["", "# note", "  # indented note", "   "])))
    if draw(st.booleans()):
        lines.insert(0, "---")
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return end.join(lines) + draw(st.sampled_from(["", end]))


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = draw(documents()).split("\n")
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        change = draw(st.integers(0, 7))
        if change == 0:
            lines[at] = " " + line
        elif change == 1:
            lines[at] = line[1:]
        elif change == 2:
            lines[at] = line + draw(st.sampled_from([" # c", "#c", ":", " :", "  "]))
        elif change == 3:
            lines[at] = line.replace(": ", ":", 1)
        elif change == 4:
            lines.insert(at, line)
        elif change == 5:
            lines[at] = line.replace("- ", "-", 1)
        elif change == 6:
            cut = draw(st.integers(0, len(line)))
            lines[at] = line[:cut] + draw(st.sampled_from(["'", '"', "[", "]", "&a ", "*a", "\t"]))
        else:
            del lines[at]
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_read_the_same(text: str) -> None:
    assert_same(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_documents_read_the_same_or_step_aside(text: str) -> None:
    assert_same(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.integers(1, 4))
def test_depth_limit_is_left_to_the_event_loader(text: str, max_depth: int) -> None:
    assert_same(text, max_depth)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.integers(3, 6))
def test_positions_deeper_down_agree_too(text: str, track: int) -> None:
    # The loader only records positions two levels down, where the reader takes an
    # item's "key: value" lines in one piece; deeper tracking must still agree line by line.
    assert_same(text, track=track)


# -- chosen cases -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb:\n  - x\n  - 'it''s'\n  - \"q\"\nc: [d, null, e f]\n",
        "posts:\n- id: a\n  roles:\n  - r\n- id: b\n",
        "---\n# heading\na:   # a comment\n  b: c # another\n",
        "a:\n\nb: ~\nc: NULL\nd: ''\n",
        "a: x\r\nb:\r\n  - y\r\n",
        "a: http://example.org/x:8080\nb: 12:30\n",
        "a: [ ]\nb: []\n",
        # an item's "key: value" lines, read in one piece
        "p:\n  - id: a\n    t: x y\n    r: ~\n    s: null\n  - id: b\n    t: NULL\n",
        "p:\n- id: a\n  t: b:c\n  u: http://x.org:80/y\nq: z\n",
        "p:\n  - id: a\n    t: x\n    # note\n    u: y\n\n    v: w\n  - id: b\n",
        "p:\n  - id: a\n    t: x\n    u:  two spaces\n    v: y # c\n    w: z\n",
        "p:\n  - id: a\n    t: x\n    l:\n      - m: n\n        o: p\n    u: y\n",
        "p:\n  - id: a\n    t: x\n    c: [d, e]\n    u: 'y'\n    v: \"z\"\n",
        # folded block scalars in their simplest form
        "a: >-\n  one line\nb: x\n",
        "a:\n  b: >-\n      several: lines, # kept\n      as one\n\n  c: >-\n    z\n",
    ],
)
def testfast_reader_takes_common_shapes(text: str) -> None:
    assert assert_same(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key: the event loader names both lines
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # tags
        "<<: {a: 1}\n",  # merge key
        "a: |\n  text\n",  # block scalar
        "a: multi\n  line\n",  # multi-line plain scalar
        "a: 1\n---\nb: 2\n",  # two documents
        "a:\tb\n",  # tab
        'a: "esc\\u0041"\n',  # escapes in double quotes
        "a: C#\n",  # '#' inside a plain scalar
        "- a\n- b\n",  # not a mapping at the top
        "a: {b: c}\n",  # flow mapping
        "a: [b,\n  c]\n",  # flow list over two lines
        "a: b: c\n",  # invalid
        "a: >-\n  x\n\n  y\n",  # a folded scalar with a blank line inside
        "a: >-\n  x\n    y\n",  # a more-indented line
        'a: >-\n  say "x"\n',  # would need escapes quoted
        "a: >\n  x\n",  # clip, not strip: keeps the line break
        "p:\n  - id: a\n    t: x\n    id: y\n",  # a duplicate key among an item's lines
        "p:\n  - id: a\n    t: x\n    t: y\n",  # the same, later in the item
        "p:\n  -   id: a\n    t: x\n",  # the item's keys are at column 7, not 5
        "p:\n  - id: a\n    t: x\n   u: y\n",  # a key one column left of the item's
    ],
)
def testfast_reader_steps_aside(text: str) -> None:
    fast, _slow = both(text)
    assert fast is None


@pytest.mark.parametrize("name", ["rec20", "statutory", "capabilities"])
def test_bundled_frameworks_take_the_fast_path(name: str) -> None:
    text = (ROOT / "frameworks" / f"{name}.yaml").read_text(encoding="utf-8")
    for track in (TRACK, 1 << 30):
        assert assert_same(text, track=track), f"{name}.yaml left the fast path"


@pytest.mark.parametrize("size", [1, 2, 50, 600])
def test_generated_org_charts_take_the_fast_path(size: int) -> None:
    text = to_yaml(generate(size))
    assert assert_same(text), "a generated org chart left the fast path"


def as_loaded(value: Any) -> Any:
    """Generated data as the loader returns it: every scalar is text."""
    if isinstance(value, dict):
        return {k: as_loaded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_loaded(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def test_generated_chart_loads_to_its_data() -> None:
    chart = generate(40)
    assert load_bytes(to_yaml(chart).encode(), "org.yaml").data == as_loaded(chart)


def test_errors_after_the_fast_path_are_located_exactly() -> None:
    framework = load_framework("rec20")
    chart = generate(30)
    chart["posts"][20]["basis"] = "seconded"
    data = to_yaml(chart).encode()
    with pytest.raises(InputError) as caught:
        load_orgchart_bytes(data, "org.yaml", framework.capabilities)
    (problem,) = caught.value.problems
    line = data.decode().splitlines().index("    basis: seconded") + 1
    assert (problem.line, problem.col, problem.path) == (line, 12, "posts[20].basis")
    assert problem.message.startswith("'seconded' is not one of: permanent")

    chart["posts"][20]["basis"] = "permanent"
    chart["posts"][17]["reports_to"] = "nobody"
    data = to_yaml(chart).encode()
    with pytest.raises(InputError) as caught:
        load_orgchart_bytes(data, "org.yaml", framework.capabilities)
    (problem,) = caught.value.problems
    line = data.decode().splitlines().index("    reports_to: nobody") + 1
    assert (problem.line, problem.col, problem.path) == (line, 17, "posts[17].reports_to")


def set_gc(enabled: bool) -> None:
    if enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_leaves_the_garbage_collector_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        set_gc(enabled)
        load_orgchart_bytes(
            to_yaml(generate(20)).encode(), "org.yaml", load_framework("rec20").capabilities
        )
        with pytest.raises(InputError):
            load_bytes(b"a: 1\na: 2\n", "dup.yaml")
        assert gc.isenabled() is enabled
    finally:
        set_gc(was)


def test_plain_scalars_start_with_a_letter_digit_symbol_or_anything_from_u00a0() -> None:
    every = "".join(map(chr, range(0x110000)))
    starters = set(re.findall(_FIRST, every))
    expected = set("_(/$+=~") | set(string.ascii_letters + string.digits)
    expected |= set(every[0xA0:])
    assert starters == expected


def test_a_tab_in_a_comment_line_keeps_the_fast_path() -> None:
    data, _ = fast_read("a: b\n#\ta comment\n  # \tanother\nc: d\n", 64, 2)
    assert data == {"a": "b", "c": "d"}
    for text in ("a:\tb\n", "a: b\t# trailing\n", "a:\n\t- b\n"):
        with pytest.raises(OutsideFastPathError):
            fast_read(text, 64, 2)
