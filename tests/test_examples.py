"""Every bundled example runs through ``leadaudit check`` and gives its documented verdict.

Each example's header comment carries one machine-readable line::

    # expect: exit <code>; errors <ids>; warnings <ids>; info <ids>

The four clauses come in that order, separated by ``;``. ``<ids>`` is a space-separated
list of rule ids, or ``none``. The clauses give the exit code of ``leadaudit check FILE``
with default options, and the exact set of rules that report at each severity (a rule
that reports several findings of one severity is listed once).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import EXAMPLES
from tests.support import invoke

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))

_EXPECT = re.compile(
    r"^# expect: exit (?P<exit>\d+)"
    r"; errors (?P<error>none|R\S+(?: R\S+)*)"
    r"; warnings (?P<warning>none|R\S+(?: R\S+)*)"
    r"; info (?P<info>none|R\S+(?: R\S+)*)$"
)


@dataclass(frozen=True)
class Expected:
    exit_code: int
    rules: dict[str, frozenset[str]]


def _header(path: Path) -> list[str]:
    """The comment lines before the first line of YAML."""
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines


def parse_expect(line: str) -> Expected:
    match = _EXPECT.match(line)
    if match is None:
        raise ValueError(f"not an expect line: {line!r}")

    def ids(text: str) -> frozenset[str]:
        return frozenset() if text == "none" else frozenset(text.split())

    return Expected(
        int(match["exit"]),
        {sev: ids(match[sev]) for sev in ("error", "warning", "info")},
    )


def expected_of(path: Path) -> Expected:
    lines = [line for line in _header(path) if line.startswith("# expect:")]
    assert len(lines) == 1, f"{path.name}: needs exactly one '# expect:' line in its header"
    return parse_expect(lines[0])


def _check_json(path: Path) -> tuple[int, dict[str, Any]]:
    result = invoke("check", "--format", "json", str(path))
    return result.exit_code, json.loads(result.stdout)


def test_the_expect_format_parses() -> None:
    parsed = parse_expect("# expect: exit 1; errors R20-02 R20-11; warnings none; info R20-10")
    assert parsed == Expected(
        1,
        {
            "error": frozenset({"R20-02", "R20-11"}),
            "warning": frozenset(),
            "info": frozenset({"R20-10"}),
        },
    )
    with pytest.raises(ValueError, match="not an expect line"):
        parse_expect("# expect: exit 1; warnings R20-03; errors none; info none")


def test_the_documented_examples_are_present() -> None:
    names = {p.name for p in EXAMPLE_FILES}
    assert {
        "county-compliant.yaml",
        "unitary-gaps.yaml",
        "district-shared-cdo.yaml",
        "metropolitan-interim.yaml",
        "london-committee.yaml",
    } <= names


def test_one_example_is_large() -> None:
    """Reports must stay readable for 80+ posts; one example exercises that."""
    sizes = {
        p.name: len(yaml.safe_load(p.read_text(encoding="utf-8"))["posts"]) for p in EXAMPLE_FILES
    }
    assert max(sizes.values()) >= 80, sizes


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_header_says_what_it_shows(path: Path) -> None:
    header = "\n".join(_header(path))
    assert "What it shows:" in header
    assert "Expected verdict:" in header


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_gives_its_documented_verdict(path: Path) -> None:
    expected = expected_of(path)
    code, payload = _check_json(path)
    found: dict[str, set[str]] = {"error": set(), "warning": set(), "info": set()}
    for finding in payload["findings"]:
        found[finding["severity"]].add(finding["rule"])
    assert {sev: frozenset(ids) for sev, ids in found.items()} == expected.rules
    assert code == expected.exit_code
    assert payload["summary"]["files"] == 1


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_text_output_agrees_with_json(path: Path) -> None:
    expected = expected_of(path)
    _, payload = _check_json(path)
    result = invoke("check", str(path))
    assert result.exit_code == expected.exit_code, result.output
    assert result.stderr == ""
    overall = re.search(
        r"Overall (?P<score>\d+\.\d)/10: (?P<error>\d+) errors?, (?P<warning>\d+) warnings?, "
        r"(?P<info>\d+) info",
        result.stdout,
    )
    assert overall is not None, result.stdout
    assert float(overall["score"]) == payload["files"][0]["score"]
    for severity in ("error", "warning", "info"):
        assert int(overall[severity]) == payload["summary"][severity]
        for rule in expected.rules[severity]:
            assert f" {rule} {severity}: " in result.stdout
