"""The fast reader keeps the positions of a chart's posts in two arrays; every position
it gives is the one the event-based loader records."""

from __future__ import annotations

from benchmarks.generate import generate, to_yaml
from leadaudit.importers.yaml import load_text
from leadaudit.importers.yaml_events import parse_events
from leadaudit.importers.yaml_fast import fast_read_items
from leadaudit.limits import Limits
from leadaudit.source import TRACK_DEPTH


def test_posts_positions_are_kept_in_arrays_and_match_the_event_loader() -> None:
    text = to_yaml(generate(300, seed=3))
    _, marks, items = fast_read_items(text, 64, TRACK_DEPTH)
    assert set(items) == {("posts",), ("members",)}
    assert not any(len(path) == 2 and path[0] == "posts" for path in marks)
    doc = load_text(text, "org.yaml")
    _, expected = parse_events(text, "org.yaml", Limits(), TRACK_DEPTH)[:2]
    for path, at in expected.items():
        if path:  # the root is located at the file's start, whichever reader read it
            assert doc.source_map.locate(path) == at, path
    assert doc.source_map.locate(("posts", 300)) == expected[("posts",)]  # no such post


def test_a_sequence_that_starts_with_a_scalar_keeps_its_positions_in_marks() -> None:
    text = "a:\n  - x\n  - k: v\n  - k: w\nb:\n  - k: v\n  - y\n  - k: z\n"
    _, marks, items = fast_read_items(text, 64, TRACK_DEPTH)
    assert not items.get(("a",), ([], []))[0]
    assert items[("b",)][0].tolist() == [6]  # its first item; the rest follow a scalar
    expected = parse_events(text, "doc.yaml", Limits(), TRACK_DEPTH)[1]
    located = load_text(text, "doc.yaml").source_map
    for path, at in expected.items():
        if path:
            assert located.locate(path) == at, path
    assert {**marks, (("b", 0)): (6, 5)} == expected
