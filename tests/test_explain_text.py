"""``explain`` on a terminal and through a pipe: the rule kind's documentation as plain
text, reflowed to the terminal (or a line a paragraph when piped), examples verbatim."""

from __future__ import annotations

import inspect
import re
import sys
from itertools import pairwise

import pytest

from leadaudit.framework import load_framework
from leadaudit.framework.kinddoc import doc_lines
from tests.support import invoke, on_terminal

RULES = [(fw, rule.id) for fw in ("rec20", "statutory") for rule in load_framework(fw).rules]
MARKUP = re.compile(r"``|::\s*$|(?<![\w*])\*\w|\w\*(?![\w*])")
"""reStructuredText inline literals, literal-block markers and emphasis."""


def _examples(framework: str, rule_id: str) -> list[str]:
    """The kind's example lines (indented in its docstring), as explain must show them."""
    rule = load_framework(framework).rule(rule_id)
    assert rule is not None
    doc = inspect.cleandoc(sys.modules[type(rule.check).__module__].__doc__ or "")
    return [f"  {line}" for line in doc.splitlines() if line.startswith(" ")]


@pytest.mark.parametrize("width", [40, 60, 100])
@pytest.mark.parametrize(("framework", "rule"), RULES)
def test_explain_is_reflowed_to_the_terminal(framework: str, rule: str, width: int) -> None:
    result = on_terminal("explain", rule, "--framework", framework, width=width)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    examples = _examples(framework, rule)
    assert [line for line in examples if line not in lines] == [], "examples are verbatim"
    prose = [line for line in lines if line not in examples]
    # Only a word longer than a line (an option's JSON value, say) may overflow, alone.
    assert [line for line in prose if len(line) > width and len(line.split()) > 1] == []
    assert [line for line in prose if MARKUP.search(line)] == []
    piped = invoke("explain", rule, "--framework", framework).stdout
    assert {word for line in prose for word in line.split()} <= set(piped.split()), (
        "a word was broken"
    )


@pytest.mark.parametrize(("framework", "rule"), RULES)
def test_explain_when_piped_gives_each_paragraph_one_line(framework: str, rule: str) -> None:
    result = invoke("explain", rule, "--framework", framework)
    lines = result.stdout.splitlines()
    examples = set(_examples(framework, rule))
    doc = lines[next(i for i, line in enumerate(lines) if line.startswith("How ")) + 1 :]
    prose = [line if line not in examples else "" for line in doc]
    assert [(a, b) for a, b in pairwise(prose) if a and b] == []
    assert [line for line in lines if MARKUP.search(line) and line not in examples] == []


SAMPLE = """kind: does *one* thing with ``option``.

A paragraph
over two lines, naming ``a: b`` and *within the authority*.

Passes::

    - {id: a, title: A very long line that must never be reflowed, reports_to: top, x: [y]}

    - {id: b}

Fails with ``option: true``::

    - {id: c}

Fails too ::

    - {id: d}

Fails: the same without ``option``.
"""


def test_markup_becomes_plain_text_and_examples_stay_as_written() -> None:
    assert doc_lines(SAMPLE, 40) == [
        "  kind: does one thing with 'option'.",
        "",
        "  A paragraph over two lines, naming 'a:",
        "  b' and within the authority.",
        "",
        "  Passes:",
        "",
        "      - {id: a, title: A very long line that must never be reflowed, reports_to: top,"
        " x: [y]}",
        "",
        "      - {id: b}",
        "",
        "  Fails with 'option: true':",
        "",
        "      - {id: c}",
        "",
        "  Fails too",
        "",
        "      - {id: d}",
        "",
        "  Fails: the same without 'option'.",
    ]


def test_without_a_width_each_paragraph_is_one_line() -> None:
    lines = doc_lines(SAMPLE, None)
    assert "  A paragraph over two lines, naming 'a: b' and within the authority." in lines


def test_a_slug_or_id_is_never_broken_at_a_hyphen() -> None:
    text = on_terminal("explain", "R20-08", width=40).stdout
    assert re.search(r"^R20-08 \(works-with-ceo-and-politicians\):", text)


def test_explain_wraps_the_rule_fields_under_their_labels() -> None:
    text = on_terminal("explain", "R20-11", width=60).stdout
    assert text.startswith("R20-11 (in-house-architecture): Digital architecture is")
    assert '\nOptions:     capabilities=["digital_architecture"],\n             ' in text
    assert "\n  Passes:\n" in text
    assert "'in_house" in text
