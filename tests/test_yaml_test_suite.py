"""The official YAML test suite, through the loader and the CLI: a clean result or a clean error.

Every one of the suite's cases (yaml/yaml-test-suite, data-2022-01-17) must load to data
or fail with an InputError whose every problem has a line and a column, and the CLI must
exit 2 with ``file:line:col:`` messages, never a traceback or a hang. The fast reader must
agree with the event-based loader wherever it accepts a case, and must never accept a case
the suite marks as invalid.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leadaudit.cli import app
from leadaudit.errors import InputError
from leadaudit.importers.text import decode
from leadaudit.importers.yaml import load_bytes
from leadaudit.importers.yaml_events import parse_events as _parse
from leadaudit.importers.yaml_fast import OutsideFastPathError, fast_read
from leadaudit.limits import Limits
from tests.conftest import SHARED

SUITE = SHARED / "data" / "yaml-test-suite"
CASES = sorted(SUITE.rglob("in.yaml")) if SUITE.is_dir() else []
LOCATED = re.compile(r"^\S.*?:\d+:\d+: ", re.MULTILINE)

pytestmark = pytest.mark.skipif(not CASES, reason="../shared/data/yaml-test-suite is absent")

# libyaml (and so PyYAML's C parser) accepts these invalid cases; leadaudit reads them
# as libyaml does. The fast reader declines every one of them.
LIBYAML_LENIENT = {"9C9N", "DK95/01", "QB6E", "S98Z", "SU5Z", "X4QW"}


def case_id(path: Path) -> str:
    return path.parent.relative_to(SUITE).as_posix()


def is_invalid(path: Path) -> bool:
    return (path.parent / "error").exists()


def test_the_suite_is_complete() -> None:
    assert len(CASES) == 402
    assert sum(is_invalid(p) for p in CASES) == 94


@pytest.mark.parametrize("path", CASES, ids=case_id)
def test_loader_gives_data_or_located_errors(path: Path) -> None:
    try:
        doc = load_bytes(path.read_bytes(), case_id(path), Limits())
    except InputError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.line is not None and problem.col is not None, problem.render()
            assert problem.line >= 1 and problem.col >= 1
        return
    assert isinstance(doc.data, dict)
    if is_invalid(path):
        assert case_id(path) in LIBYAML_LENIENT


@pytest.mark.parametrize("path", CASES, ids=case_id)
def testfast_reader_agrees_with_event_loader(path: Path) -> None:
    try:
        text = decode(path.read_bytes(), "in.yaml")
    except InputError:
        return
    try:
        fast = fast_read(text, Limits().max_depth, 2)
    except OutsideFastPathError:
        return
    assert not is_invalid(path), "the fast reader accepted invalid YAML"
    assert fast == _parse(text, "in.yaml", Limits(), 2)[:2]


def test_cli_exits_2_with_located_messages_for_every_case(tmp_path: Path) -> None:
    runner = CliRunner()
    outcomes: dict[int, int] = {}
    for path in CASES:
        result = runner.invoke(app, ["check", str(path)])
        outcomes[result.exit_code] = outcomes.get(result.exit_code, 0) + 1
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        assert "internal error" not in result.output
        # None of the cases is an org chart, so each is an input error, located.
        assert result.exit_code == 2, (case_id(path), result.output)
        assert LOCATED.search(result.output), (case_id(path), result.output)
    assert outcomes == {2: len(CASES)}
