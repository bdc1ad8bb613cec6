"""A position deeper than the first read records (a post's capability, say) is found by
reading that post alone, not the whole file again; it is the position a fully tracked
read of the whole file gives."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from benchmarks.generate import generate, to_yaml
from leadaudit.errors import MAX_PROBLEMS, InputError
from leadaudit.importers.yaml import load_text
from leadaudit.importers.yaml_events import parse_events
from leadaudit.limits import Limits
from leadaudit.orgchart import load_orgchart_bytes
from leadaudit.source import TRACK_DEPTH, DocPath, SourceMap, TextLines
from tests.support import FRAMEWORK
from tests.test_fast_reader import documents, mutated


def _full(text: str) -> tuple[SourceMap, list[DocPath]]:
    """A map of the whole text, every position tracked, and the paths to try on it: those
    in the file, and some that are not (placed at their nearest ancestor)."""
    _, marks, keys = parse_events(text, "doc.yaml", Limits(), 1 << 30)
    paths = [p for p in marks if p]
    return SourceMap(marks, None, keys), [
        *paths,
        *((*p, "not-there") for p in paths),
        *((*p, 99) for p in paths),
    ]


@pytest.fixture
def whole_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The lengths of the texts read with every position tracked, as they are read."""
    from leadaudit.importers import yaml_events

    read = yaml_events.parse_events
    sizes: list[int] = []

    def counted(text: str, filename: str, limits: Limits, track_depth: int) -> Any:
        if track_depth > TRACK_DEPTH:
            sizes.append(len(text))
        return read(text, filename, limits, track_depth)

    monkeypatch.setattr(yaml_events, "parse_events", counted)
    return sizes


def assert_parts_agree(text: str) -> None:
    try:
        doc = load_text(text, "doc.yaml")
    except InputError:
        return  # not a mapping, or not YAML: nothing to locate
    full, paths = _full(text)
    for path in paths:
        assert doc.source_map.locate(path) == full.locate(path), path
        assert doc.source_map.locate_key(path) == full.locate_key(path), path


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_deep_positions_from_a_part_are_those_of_the_whole_file(text: str) -> None:
    assert_parts_agree(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_deep_positions_in_near_miss_documents_agree_too(text: str) -> None:
    assert_parts_agree(text)


@pytest.mark.parametrize(
    "text",
    [
        # a block value under a key is recorded where its key is written; its neighbours
        # below must not lend it their paths
        "roles:\n  a:\n    caps: [x, y]\n  b:\n    caps: [z]\n",
        "roles:\n  a: {caps: [x, y]}\n  b: {caps: [z]}\n",
        "roles:\n  'a':\n    caps: [x]\n  b:\n    caps: [z]\n",
        # posts written at the left margin, in flow, over several lines, with comments
        "posts:\n- id: a\n  caps: [x]\n- id: b\n  caps:\n  - y\n",
        "posts:\n  - {id: a, caps: [x, y]}\n  - {id: b,\n     caps: [z]}\n",
        "posts:\n  - id: a\n# a note at the margin\n    caps:\n      - x\n  - id: b\n",
        "posts:\n  - id: a\r\n    caps: [x]\r\n  - id: b\r\n    caps: [y]\r\n",
        "posts:\n  - id: a\n    note: >-\n      two\n      lines\n    caps: [x]\n",
        "posts:\n  - - x\n    - [y, z]\n  - - w\n",
        "a: &anchor\n  b:\n    c: 1\nd:\n  e: *anchor\n",
        "a:\n  b:\n    c:\n      d:\n        e: [1, 2]\n",
        # an item inside a flow collection does not read alone
        "id: [?]",
        "a: [[x, {b: c}], [d]]\n",
        # an empty value at a part's end is placed where the next token is, outside it
        "title:\n - ?\n - plain",
        "posts:\n  - id: a\n    notes:\n  - id: b\n    notes:\n    # the end\n",
        "posts:\n  - id: a\n    caps:\n    -\n  - id: b\n",
        # a carriage return alone ends a line for YAML, not for a split at newlines
        "id: plain\r # c\ntitle:\r\n id: plain\r\n title:\r\n  id: []",
        "a:\n  b: x\u2028  c: y\n",
        # keys two levels down, written plainly, quoted, in flow
        "a:\n  b: 1\n  'c': 2\n  d:\n    - e\n",
        "a: {b: 1, c: {d: 2}}\n",
        "- x\n",
    ],
)
def test_chosen_shapes_agree(text: str) -> None:
    assert_parts_agree(text)


def test_a_generated_chart_is_never_read_whole_again_to_place_deep_paths(
    whole_reads: list[int],
) -> None:
    text = to_yaml(generate(400, seed=5))
    assert_parts_agree(text)
    assert whole_reads and len(text) not in whole_reads[:-1]  # the last is _full's own


def test_text_lines_find_each_line_start() -> None:
    text = "".join(f"line {n}\n" * (n % 3) for n in range(4000)) + "last"
    TextLines.BLOCK, block = 64, TextLines.BLOCK
    try:
        lines = TextLines(text)
        expected = text.split("\n")
        for n in (1, 2, 3, 63, 64, 65, 1000, len(expected) - 1, len(expected)):
            assert next(lines.lines_from(n)) == expected[n - 1], n
        assert lines.start(len(expected) + 1) is None
        assert lines.start(0) is None
        assert list(lines.lines_from(len(expected) - 1)) == expected[-2:]
    finally:
        TextLines.BLOCK = block


def test_one_unknown_line_in_a_large_chart_is_placed_by_reading_its_post_alone(
    whole_reads: list[int],
) -> None:
    # reading the whole file again, every position tracked, took three times the load
    # itself and four times its memory, for one misspelt id
    text = to_yaml(generate(20_000, seed=1))
    doc = load_text(text, "org.yaml")
    where = doc.source_map.locate(("posts", 12_345, "reports_to"))
    assert whole_reads and max(whole_reads) < 2_000  # the post's text, not the file's
    assert where == _full(text)[0].locate(("posts", 12_345, "reports_to"))


def test_an_unknown_field_in_a_large_charts_authority_is_placed_without_a_second_read(
    whole_reads: list[int],
) -> None:
    text = to_yaml(generate(20_000, seed=1)).replace("  type: county", "  tpye: county", 1)
    with pytest.raises(InputError) as caught:
        load_orgchart_bytes(text.encode(), "org.yaml", FRAMEWORK.capabilities)
    line = text[: text.index("  tpye:")].count("\n") + 1
    assert [p.render() for p in caught.value.problems][:2] == [
        f"org.yaml:{line - 2}:1: authority: missing required field 'type'",
        f"org.yaml:{line}:3: authority.tpye: unknown field 'tpye' (did you mean 'type'?)",
    ]
    assert len(text) not in whole_reads


def test_an_unknown_field_named_like_its_roles_id_is_placed_at_itself() -> None:
    # the key scan this replaced stopped at the role's own key, 'owner:', two lines up
    # (plain block YAML, which the fast reader reads without recording key positions)
    text = (
        "leadaudit: 1\n"
        "authority:\n"
        "  name: Testshire County Council\n"
        "  type: county\n"
        "roles:\n"
        "  owner:\n"
        "    title: Owner\n"
        "    owner: someone\n"
        "posts:\n"
        "  - id: ceo\n"
        "    title: Chief Executive\n"
        "    capabilities: [head_of_paid_service]\n"
    )
    with pytest.raises(InputError) as caught:
        load_orgchart_bytes(text.encode(), "org.yaml", FRAMEWORK.capabilities)
    assert [p.render() for p in caught.value.problems] == [
        "org.yaml:8:5: roles.owner.owner: unknown field 'owner'"
    ]


def _bad_chart(posts: int) -> bytes:
    lines = [
        "leadaudit: 1",
        "authority: {name: Testshire County Council, type: county}",
        "posts:",
        "  - id: ceo",
        "    title: Chief Executive",
        "    capabilities: [head_of_paid_service]",
    ]
    for i in range(posts):
        lines += [f"  - id: p{i}", f"    title: Post {i}", f"    reports_to: c{i}"]
        if i % 3 == 0:
            lines += ["    capabilities: [data_analytic]"]
    return ("\n".join(lines) + "\n").encode()


def test_only_the_problems_described_are_placed_and_they_are_the_first_in_the_file(
    whole_reads: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # a problem in each of thousands of posts: the first MAX_PROBLEMS in file order are
    # described (each placed by reading its post), the rest counted without being placed
    from leadaudit.orgchart import problems as collected

    text = _bad_chart(3_000)
    with pytest.raises(InputError) as capped:
        load_orgchart_bytes(text, "org.yaml", FRAMEWORK.capabilities)
    assert len(capped.value.problems) == MAX_PROBLEMS
    assert capped.value.omitted == 4_000 - MAX_PROBLEMS
    assert len(whole_reads) <= MAX_PROBLEMS  # a post read at most once, and no more posts
    monkeypatch.setattr(collected, "MAX_PROBLEMS", 10**6)
    with pytest.raises(InputError) as every:
        load_orgchart_bytes(text, "org.yaml", FRAMEWORK.capabilities)
    assert len(every.value.problems) == 4_000
    assert capped.value.problems == every.value.problems[:MAX_PROBLEMS]
