"""Counted words agree with their number: '1 of 1 rule met', '1 more problem', never
'1 rules' or '1 findings', in every output and message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leadaudit.cli.exits import print_problems
from leadaudit.errors import Problem
from leadaudit.framework import catalogue, load_framework
from leadaudit.importers.text import too_large
from leadaudit.limits import Limits
from leadaudit.sanitize import MAX_MESSAGE, message_line
from tests.support import invoke, on_terminal, report_inputs

NOUNS = (
    "rules|findings|posts|errors|warnings|files|waivers|members|partners|levels|nodes|bytes"
    "|problems|characters|areas|strengths|capabilities|items|bullets|owners|reports"
)
ONE_PLURAL = re.compile(rf"(?<![\w.,/:-])1 (?:[a-z]+ )?(?:{NOUNS})\b")
"""'1 rules', '1 more problems', '1 pinned waivers': one of something, in the plural."""


def test_the_pattern_finds_the_slips() -> None:
    for slip in ("1 of 1 rules met", "... and 1 more problems", "1 findings", "(1 posts)"):
        assert ONE_PLURAL.search(slip), slip
    for fine in (
        "1 of 1 rule met",
        "2 of 3 rules",
        "R20-01 errors",
        "bullets 1 and 7",
        "7.1 rules",
    ):
        assert not ONE_PLURAL.search(fine), fine


def _outputs(source: Path) -> list[str]:
    out = [invoke("check", str(source), "--format", fmt).stdout for fmt in ("text", "json")]
    out += [invoke("check", str(source), "--format", fmt).stdout for fmt in ("github", "sarif")]
    out.append(invoke("report", str(source)).stdout)
    out.append(on_terminal("check", str(source), width=100).stdout)
    return out


@pytest.mark.parametrize("source", report_inputs(), ids=[p.stem for p in report_inputs()])
def test_no_output_counts_one_thing_in_the_plural(source: Path) -> None:
    slips = [m.group() for text in _outputs(source) for m in ONE_PLURAL.finditer(text)]
    assert slips == []


def test_one_rule_met_is_singular_in_the_area_scores() -> None:
    gaps = "examples/unitary-gaps.yaml"
    assert "1 of 1 rule met" in on_terminal("check", gaps, width=100).stdout
    assert '"reason": "1 of 1 rule met"' in invoke("check", gaps, "--format", "json").stdout


def test_one_more_problem(capsys: pytest.CaptureFixture[str]) -> None:
    print_problems([Problem("org.yaml", i + 1, 1, "wrong") for i in range(51)])
    assert capsys.readouterr().err.splitlines()[-1] == "... and 1 more problem"


def test_one_more_character() -> None:
    assert message_line("x" * (MAX_MESSAGE + 1)).endswith("... (1 more character)")


def test_a_file_over_a_limit_of_one_byte() -> None:
    error = too_large("org.yaml", None, Limits(max_file_size=1))
    assert error.problems[0].message == "file is over the limit of 1 byte"


def test_a_framework_of_one_rule() -> None:
    fw = load_framework("rec20")
    one = fw.model_copy(update={"rules": fw.rules[:1]})
    assert "   1 rule   " in catalogue.frameworks_text([one])
    assert "  19 rules  " in catalogue.frameworks_text([fw])


@pytest.mark.parametrize(
    ("option", "text", "message"),
    [
        ("--max-depth", "a: {b: 1}\n", "nesting is deeper than the limit of 1 level"),
        (
            "--max-alias-nodes",
            "a: &x [1, 2]\nb: *x\n",
            "aliases expand to more than 1 node",
        ),
    ],
)
def test_limits_of_one(tmp_path: Path, option: str, text: str, message: str) -> None:
    org = tmp_path / "org.yaml"
    org.write_text(text, encoding="utf-8")
    result = invoke("check", str(org), option, "1")
    assert result.exit_code == 2
    assert message in result.stderr
    assert not ONE_PLURAL.search(result.stderr)
