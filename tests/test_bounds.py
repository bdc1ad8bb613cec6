"""Every run is bounded: limits have ceilings nobody can lift, a framework is read once
however often it is extended, a diagram stays small, discovery reads no more than it must,
and the loose edges (dates, TOML escapes, Markdown references) are closed."""

from __future__ import annotations

from pathlib import Path

import pytest

import leadaudit
from leadaudit.framework import resolve
from leadaudit.framework.bundled import FrameworkRef
from leadaudit.framework.read import read_framework_file
from leadaudit.limits import Limits
from leadaudit.reportdata import MAX_DRAWN
from leadaudit.reporters.escape import md_text
from tests.support import invoke
from tests.support_config import org_text, write


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "org.yaml", org_text())
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ("--max-file-size", "30000000000"),
        ("--max-depth", "2000"),
        ("--max-alias-nodes", "100000000"),
    ],
)
def test_limits_cannot_be_raised_past_their_ceilings(here: Path, args: tuple[str, str]) -> None:
    result = invoke("check", "org.yaml", *args)
    assert result.exit_code == 2
    assert "less than or equal to" in result.output


def test_a_configuration_file_cannot_lift_a_limit_past_its_ceiling(here: Path) -> None:
    write(here / ".leadaudit.yaml", "limits:\n  max_alias_nodes: 100000000\n")
    result = invoke("check", "org.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith(".leadaudit.yaml:2:20: limits.max_alias_nodes: ")
    assert "1000000" in result.stderr


def test_a_parent_extended_many_times_is_read_once(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    levels = 5
    for n in range(levels):
        parent = f"f{n + 1}.yaml" if n + 1 < levels else "rec20"
        write(
            here / f"f{n}.yaml",
            f"leadaudit_framework: 1\nname: f{n}\nextends: [{parent}, {parent}, {parent}]\n",
        )
    reads: list[str] = []
    real = read_framework_file

    def counting(ref: FrameworkRef, limits: Limits) -> object:
        reads.append(ref.key)
        return real(ref, limits)

    monkeypatch.setattr(resolve, "read_framework_file", counting)
    fw = resolve.load_framework("f0.yaml")
    assert len(reads) == len(set(reads)) == levels + 1  # each file once, rec20 included
    assert fw.name == "f0"


def test_a_very_deep_chart_draws_a_bounded_diagram(tmp_path: Path) -> None:
    depth = 1000
    posts = ["  - id: ceo\n    title: Chief Executive\n    capabilities: [head_of_paid_service]"]
    for n in range(depth):
        above = "ceo" if n == 0 else f"p{n - 1}"
        posts.append(f"  - id: p{n}\n    title: Post {n}\n    reports_to: {above}")
    posts.append(
        f"  - id: cdo\n    title: CDO\n    reports_to: p{depth - 1}\n"
        "    capabilities: [digital_leadership]"
    )
    text = "leadaudit: 1\nauthority: {name: Deep, type: county}\nposts:\n" + "\n".join(posts)
    result = leadaudit.audit(leadaudit.load(write(tmp_path / "deep.yaml", text + "\n")))
    assert result.chart is not None
    assert len(result.chart.posts) == MAX_DRAWN
    report = leadaudit.render(result, "markdown")
    assert report.count("\n    p_") < 2 * MAX_DRAWN + 10


def test_a_malformed_tool_table_header_is_reported_not_skipped(here: Path) -> None:
    (here / "pyproject.toml").write_text('[tool.leadaudit\nfail_on = "never"\n', encoding="utf-8")
    result = invoke("check", "org.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("pyproject.toml: invalid TOML")


def test_toml_escapes_cannot_bring_in_control_characters(here: Path) -> None:
    (here / "pyproject.toml").write_text(
        '[tool.leadaudit]\nframework = "rec20\\u202e"\n', encoding="utf-8"
    )
    result = invoke("check", "org.yaml")
    assert result.exit_code == 2
    assert "U+202E, written as an escape, is not allowed" in result.stderr


def test_markdown_math_and_issue_references_stay_inert() -> None:
    assert md_text("costs $5 and $6") == "costs \\$5 and \\$6"
    assert md_text("see GH-12 and gh-3") == "see GH\u200b-12 and gh\u200b-3"
