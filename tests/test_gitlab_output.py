"""--format gitlab: GitLab's code quality report, with fingerprints that stay put."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from leadaudit.reporters.gitlab import SEVERITY
from tests.conftest import ROOT
from tests.support import report_inputs, run

GAPS = ROOT / "tests" / "fixtures" / "borough-gaps.yaml"
ISSUE_KEYS = {"description", "check_name", "fingerprint", "severity", "location"}


def _report(*args: str) -> tuple[str, list[dict[str, Any]]]:
    result = run(["check", *args, "--format", "gitlab"])
    assert result.exit_code in (0, 1), result.stderr
    issues: list[dict[str, Any]] = json.loads(result.stdout)
    return result.stdout, issues


@pytest.mark.parametrize("source", report_inputs(), ids=lambda p: p.stem)
def test_every_issue_has_the_fields_gitlab_reads(
    source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    text, issues = _report(source.as_posix())
    assert not text.startswith("\ufeff")
    assert isinstance(issues, list)
    for issue in issues:
        assert set(issue) == ISSUE_KEYS
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == source.as_posix()
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert len(issue["fingerprint"]) == 64
        assert issue["description"].startswith(issue["check_name"].split()[0] + ": ")
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)


def test_severities_map_to_gitlab_levels_in_order() -> None:
    assert [SEVERITY[s] for s in sorted(SEVERITY, key=lambda s: -s.rank)] == [
        "critical",
        "major",
        "info",
    ]


def test_the_same_finding_in_two_files_has_two_fingerprints(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    shutil.copy(GAPS, first)
    shutil.copy(GAPS, second)
    _, issues = _report(str(first), str(second))
    by_file: dict[str, list[str]] = {}
    for issue in issues:
        by_file.setdefault(issue["location"]["path"], []).append(issue["check_name"])
    assert by_file[first.as_posix()] == by_file[second.as_posix()]
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(fingerprints) == 2 * len(by_file[first.as_posix()])
    assert len(set(fingerprints)) == len(fingerprints)


def test_fingerprints_do_not_move_with_the_lines(tmp_path: Path) -> None:
    chart = tmp_path / "org.yaml"
    shutil.copy(GAPS, chart)
    _, before = _report(str(chart))
    chart.write_text("# a comment that moves every line down\n" + GAPS.read_text("utf-8"))
    _, after = _report(str(chart))
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    assert [i["location"]["lines"]["begin"] for i in after] == [
        i["location"]["lines"]["begin"] + 1 for i in before
    ]


def test_issues_are_sorted_by_path_then_line(tmp_path: Path) -> None:
    first, second = tmp_path / "b.yaml", tmp_path / "a.yaml"
    shutil.copy(GAPS, first)
    shutil.copy(GAPS, second)
    text, issues = _report(str(first), str(second))
    keys = [(i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues]
    assert keys == sorted(keys)
    assert _report(str(first), str(second))[0] == text


def test_a_clean_chart_gives_an_empty_array(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text, issues = _report("examples/county-compliant.yaml")
    assert issues == [] and text == "[]\n"


def test_findings_sharing_a_fingerprint_in_one_file_stay_apart() -> None:
    from dataclasses import replace

    import leadaudit
    from leadaudit.reporters import RenderOptions
    from leadaudit.reporters.gitlab import render

    result = leadaudit.audit(leadaudit.load(GAPS))
    twice = replace(result, findings=(result.findings[0], result.findings[0]))
    issues = json.loads(render([twice], RenderOptions()))
    assert len({i["fingerprint"] for i in issues}) == 2
