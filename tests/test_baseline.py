"""check --baseline and --baseline-ref: only new findings fail; fixed, persisting and stale
ones are reported; a bad baseline is a located error."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES
from tests.support import invoke

GAPS = (FIXTURES / "borough-gaps.yaml").read_text(encoding="utf-8")

# The digital leader moves one level further down (R20-02 finds '3 levels below', not '2'):
# a worse finding, and every line below the new post moves down four.
DEEPER = (
    "  - id: head-digital\n    title: Head of Digital and ICT\n    reports_to: dof",
    "  - id: ad-resources\n    title: Assistant Director of Resources\n    reports_to: dof\n"
    "    directorate: Finance\n"
    "  - id: head-digital\n    title: Head of Digital and ICT\n    reports_to: ad-resources",
)
# Architecture comes in-house: R20-11, and R20-19 on the architect, are fixed.
IN_HOUSE = ("    basis: outsourced\n", "")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _chart(*changes: tuple[str, str], path: str = "org.yaml") -> Path:
    text = GAPS
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def _save(*files: str, to: str = "base.json") -> Path:
    result = invoke("check", *files, "--format", "json", "-o", to, "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    return Path(to)


def _json(*args: str) -> tuple[int, dict[str, Any]]:
    result = invoke("check", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, data


def _states(data: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    return [(f["rule"], f["baseline_state"], f["baseline_change"]) for f in data["findings"]]


# -- new, persisting, fixed ---------------------------------------------------------------


def test_the_same_chart_has_only_persisting_findings_and_passes(here: Path) -> None:
    _chart()
    _save("org.yaml")
    assert invoke("check", "org.yaml").exit_code == 1
    code, data = _json("org.yaml", "--baseline", "base.json")
    assert code == 0
    assert {state for _, state, _ in _states(data)} == {"persisting"}
    assert (data["summary"]["new"], data["summary"]["persisting"], data["summary"]["fixed"]) == (
        0,
        13,
        0,
    )
    assert data["baseline"] == {
        "source": "base.json",
        "path": "base.json",
        "ref": None,
        "commit": None,
        "stale": [],
    }


def test_a_moved_finding_persists(here: Path) -> None:
    _chart()
    _save("org.yaml")
    _chart(("leadaudit: 1\n", "# a comment\n# and another\nleadaudit: 1\n"))
    code, data = _json("org.yaml", "--baseline", "base.json")
    assert code == 0
    before = json.loads(Path("base.json").read_text(encoding="utf-8"))["findings"]
    assert [f["line"] for f in data["findings"]] == [f["line"] + 2 for f in before]
    assert {state for _, state, _ in _states(data)} == {"persisting"}


def test_a_worse_finding_is_new_and_not_also_fixed(here: Path) -> None:
    _chart()
    _save("org.yaml")
    _chart(DEEPER)
    code, data = _json("org.yaml", "--baseline", "base.json")
    assert code == 1
    new = [s for s in _states(data) if s[1] == "new"]
    assert new == [("R20-02", "new", "was '2 levels below' in the baseline")]
    assert data["summary"]["fixed"] == 0
    moved = [
        f for f in data["findings"] if f["subject"] == "head-digital" and f["rule"] != "R20-02"
    ]
    assert moved and all(f["baseline_state"] == "persisting" for f in moved)


def test_fixed_findings_are_listed_as_the_baseline_recorded_them(here: Path) -> None:
    _chart()
    _save("org.yaml")
    _chart(IN_HOUSE)
    code, data = _json("org.yaml", "--baseline", "base.json")
    assert code == 0
    fixed = data["files"][0]["baseline"]["fixed"]
    assert [(f["rule"], f["subject"], f["line"]) for f in fixed] == [
        ("R20-11", "architect", 25),
        ("R20-19", "architect", 25),
    ]
    assert data["summary"]["fixed"] == 2


def test_text_marks_each_finding_and_counts_against_the_baseline(here: Path) -> None:
    _chart()
    _save("org.yaml")
    _chart(DEEPER, IN_HOUSE)
    result = invoke("check", "org.yaml", "--baseline", "base.json")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        "    org.yaml:24:5: R20-02 error [new: was '2 levels below' in the baseline]: Head of "
        "Digital and ICT (head-digital) is 3 levels below Chief Executive (ceo)"
    ) in "\n".join(lines)
    assert "    org.yaml:6:1: R20-07 warning [persisting]: No digital strategy is recorded" in (
        "\n".join(lines)
    )
    assert "  Fixed since the baseline (2):" in lines
    assert "  Baseline base.json: 1 new, 10 persisting, 2 fixed" in lines


def test_only_a_new_finding_at_the_threshold_fails(here: Path) -> None:
    _chart(IN_HOUSE)
    _save("org.yaml")
    _chart()  # architecture outsourced again: a new error (R20-11) and a new warning
    assert invoke("check", "org.yaml", "--baseline", "base.json").exit_code == 1
    _chart(("    basis: interim\n", ""))
    _save("org.yaml")
    _chart()  # the digital leader interim again: only a new warning (R20-19)
    code, data = _json("org.yaml", "--baseline", "base.json")
    assert [s for s in _states(data) if s[1] == "new"] == [("R20-19", "new", None)]
    assert code == 0
    assert (
        invoke("check", "org.yaml", "--baseline", "base.json", "--fail-on", "warning").exit_code
        == 1
    )


def test_a_more_severe_finding_is_new(here: Path) -> None:
    _chart()
    base = _save("org.yaml")
    data = json.loads(base.read_text(encoding="utf-8"))
    for f in data["files"][0]["findings"]:
        if f["rule"] == "R20-05":
            f["severity"] = "warning"
    base.write_text(json.dumps(data), encoding="utf-8")
    code, result = _json("org.yaml", "--baseline", "base.json")
    assert code == 1
    assert [s for s in _states(result) if s[1] == "new"] == [
        ("R20-05", "new", "was a warning in the baseline")
    ]


def test_two_findings_where_the_baseline_had_one_leave_one_new() -> None:
    import leadaudit
    from leadaudit.baseline.compare import compare

    finding = leadaudit.audit(leadaudit.load(FIXTURES / "borough-gaps.yaml")).findings[0]
    comparison = compare([finding, finding], [finding], "base.json")
    assert len(comparison.persisting) == 1 and comparison.fixed == ()


# -- stale and unrecorded files -------------------------------------------------------------


def test_a_baseline_file_not_checked_is_reported_stale(here: Path) -> None:
    _chart()
    _chart(path="old/retired.yaml")
    _save("org.yaml", "old/retired.yaml")
    code, data = _json("org.yaml", "--baseline", "base.json")
    assert code == 0
    (stale,) = data["baseline"]["stale"]
    assert stale["file"] == "old/retired.yaml" and stale["findings"] == 13
    assert stale["line"] > 1
    text = invoke("check", "org.yaml", "--baseline", "base.json").stdout
    assert (
        f"base.json:{stale['line']}:{stale['column']}: stale baseline entry: the baseline "
        "records old/retired.yaml (13 findings), which this run did not check"
    ) in text


def test_a_file_the_baseline_does_not_record_is_all_new(here: Path) -> None:
    _chart()
    _save("org.yaml")
    _chart(path="second.yaml")
    result = invoke("check", "org.yaml", "second.yaml", "--baseline", "base.json")
    assert result.exit_code == 1
    assert "  Baseline base.json does not record this file: 13 new, 0 persisting, 0 fixed" in (
        result.stdout
    )
    assert "2 files: 6 errors, 16 warnings, 4 info; 13 new, 13 persisting, 0 fixed" in (
        result.stdout
    )


# -- a bad baseline -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ('{"schema_version": 1,\n  "files": [}\n', "base.json:2:13: ", "invalid JSON"),
        ("[]\n", "base.json:1:1: ", "expected a JSON object"),
        ('{"schema_version": 2, "files": []}\n', "base.json:1:", "schema_version"),
        (
            '{"schema_version": 1,\n "files": [\n  {"file": "org.yaml",\n   "framework": '
            '{"name": "rec20"},\n   "findings": [{"rule": "R20-01"}]}]}\n',
            "base.json:5:",
            "findings[0]",
        ),
    ],
    ids=["syntax", "not-an-object", "version", "finding-fields"],
)
def test_a_malformed_baseline_is_a_located_error(
    here: Path, text: str, where: str, message: str
) -> None:
    _chart()
    Path("base.json").write_text(text, encoding="utf-8")
    result = invoke("check", "org.yaml", "--baseline", "base.json", "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith(where) and message in first, result.stderr
    assert "Traceback" not in result.stderr


def test_a_baseline_made_against_another_framework_is_refused(here: Path) -> None:
    _chart()
    invoke("check", "org.yaml", "-f", "statutory", "--format", "json", "-o", "base.json")
    result = invoke("check", "org.yaml", "--baseline", "base.json")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("base.json:")
    assert "audited against framework 'statutory', and this run uses 'rec20'" in result.stderr


def test_a_file_twice_in_the_baseline_is_refused(here: Path) -> None:
    _chart()
    base = _save("org.yaml")
    data = json.loads(base.read_text(encoding="utf-8"))
    data["files"].append(data["files"][0])
    base.write_text(json.dumps(data, indent=1), encoding="utf-8")
    result = invoke("check", "org.yaml", "--baseline", "base.json")
    assert result.exit_code == 2
    assert "files[1]: a second entry for org.yaml (the first is at line" in result.stderr


def test_a_missing_baseline_file_is_an_error(here: Path) -> None:
    _chart()
    result = invoke("check", "org.yaml", "--baseline", "nowhere.json")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("nowhere.json: no such file")


def test_no_output_may_overwrite_the_baseline(here: Path) -> None:
    _chart()
    _save("org.yaml")
    before = Path("base.json").read_bytes()
    result = invoke(
        "check", "org.yaml", "--baseline", "base.json", "--format", "json", "-o", "base.json"
    )
    assert result.exit_code == 2
    assert Path("base.json").read_bytes() == before


# -- other outputs --------------------------------------------------------------------------


def test_sarif_records_the_baseline_state(here: Path) -> None:
    _chart()
    _save("org.yaml")
    _chart(DEEPER)
    result = invoke("check", "org.yaml", "--baseline", "base.json", "--format", "sarif")
    results = json.loads(result.stdout)["runs"][0]["results"]
    states = {(r["ruleId"], r["baselineState"]) for r in results}
    assert ("R20-02", "updated") in states and ("R20-05", "unchanged") in states
    assert {state for _, state in states} == {"updated", "unchanged"}


def test_junit_fails_new_findings_and_skips_persisting_ones(here: Path) -> None:
    _chart()
    _save("org.yaml")
    _chart(DEEPER)
    result = invoke("check", "org.yaml", "--baseline", "base.json", "--format", "junit")
    root = ET.fromstring(result.stdout.encode("utf-8"))
    cases = {c.get("classname"): c for c in root.iter("testcase")}
    failure = cases["rec20.R20-02"].find("failure")
    assert failure is not None
    assert "(was '2 levels below' in the baseline)" in failure.get("message", "")
    skipped = cases["rec20.R20-05"].find("skipped")
    assert skipped is not None
    assert skipped.get("message", "").startswith("persisting: in the baseline base.json")
    assert root.get("failures") == "1"


def test_github_titles_say_new_or_in_the_baseline(here: Path) -> None:
    _chart()
    _save("org.yaml")
    _chart(DEEPER)
    result = invoke("check", "org.yaml", "--baseline", "base.json", "--format", "github")
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "::error file=org.yaml,line=24,col=5,title=R20-02 reports-to-top (new)::"
    )
    assert "title=R20-05 political-digital-lead (in the baseline)::" in lines[1]
    assert lines[-1] == "leadaudit: against base.json: 1 new, 12 persisting, 0 fixed"


def test_the_report_says_what_changed_since_the_baseline(here: Path) -> None:
    _chart()
    _save("org.yaml")
    _chart(DEEPER, IN_HOUSE)
    result = invoke("report", "org.yaml", "--baseline", "base.json")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert (
        "Against the baseline (base.json): 1 new finding, 10 persisting and 2 fixed since." in text
    )
    assert "#### The digital leader reports in to the highest level (R20-02, error, new)" in text
    assert "## Fixed since the baseline" in text
    assert "leadaudit report org.yaml --framework rec20 --baseline base.json" in text


def test_json_with_a_baseline_matches_the_published_schema(here: Path) -> None:
    from jsonschema import Draft202012Validator

    from tests.test_machine_outputs import _result_schema, _strict

    _chart()
    _chart(path="old.yaml")
    _save("org.yaml", "old.yaml")
    _chart(DEEPER, IN_HOUSE)
    _, data = _json("org.yaml", "--baseline", "base.json")
    assert data["baseline"]["stale"]
    validator = Draft202012Validator(_strict(_result_schema()))
    assert sorted(validator.iter_errors(data), key=str) == []


# -- configuration and options ----------------------------------------------------------------


def test_the_configuration_names_a_baseline_and_no_baseline_ignores_it(here: Path) -> None:
    _chart()
    Path("ci").mkdir()
    _save("org.yaml", to="ci/base.json")
    Path(".leadaudit.yaml").write_text("baseline: ci/base.json\n", encoding="utf-8")
    assert invoke("check", "org.yaml").exit_code == 0
    assert invoke("check", "org.yaml", "--no-baseline").exit_code == 1
    shown = json.loads(invoke("config", "--format", "json").stdout)["settings"]
    assert shown["baseline"]["value"] == str(Path("ci/base.json"))
    assert shown["baseline"]["source"]["line"] == 1


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("baseline: missing.json\n", ".leadaudit.yaml:1:11: baseline: no such baseline file"),
        ("baseline: ../base.json\n", ".leadaudit.yaml:1:11: baseline: '../base.json' is outside"),
        (
            "baseline: base.json\nbaseline_ref: main\n",
            ".leadaudit.yaml:2:15: baseline_ref: baseline and baseline_ref are both set",
        ),
    ],
    ids=["missing", "outside", "both"],
)
def test_a_bad_baseline_setting_is_located(here: Path, config: str, message: str) -> None:
    _chart()
    _save("org.yaml")
    Path(".leadaudit.yaml").write_text(config, encoding="utf-8")
    result = invoke("check", "org.yaml")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(message), result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--baseline", "b.json", "--baseline-ref", "HEAD"), "cannot be used together"),
        (("--baseline", "b.json", "--no-baseline"), "--baseline and --no-baseline"),
        (("--baseline-ref", "-x"), "'-x' is not a revision (it starts with '-')"),
    ],
)
def test_conflicting_or_unsafe_baseline_options_are_usage_errors(
    here: Path, args: tuple[str, ...], message: str
) -> None:
    _chart()
    result = invoke("check", "org.yaml", *args)
    assert result.exit_code == 2
    assert message in result.stderr


# -- a git revision -------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(*args: str) -> None:
    env = {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": __import__("os").environ.get("PATH", ""),
    }
    subprocess.run(["git", *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(here: Path) -> Path:
    _git("init", "-q", ".")
    Path("charts").mkdir()
    _chart(path="charts/org.yaml")
    _git("add", "charts/org.yaml")
    _git("commit", "-q", "-m", "the chart")
    return here


@needs_git
def test_baseline_ref_audits_the_chart_as_committed(repo: Path) -> None:
    _chart(DEEPER, IN_HOUSE, path="charts/org.yaml")
    code, data = _json("charts/org.yaml", "--baseline-ref", "HEAD")
    assert code == 1
    assert [s for s in _states(data) if s[1] == "new"] == [
        ("R20-02", "new", "was '2 levels below' in the baseline")
    ]
    assert data["summary"]["fixed"] == 2
    about = data["baseline"]
    assert about["ref"] == "HEAD" and len(about["commit"]) == 40
    assert about["source"] == f"HEAD ({about['commit'][:12]})"
    fixed = data["files"][0]["baseline"]["fixed"]
    assert {f["file"] for f in fixed} == {"HEAD:charts/org.yaml"}


@needs_git
def test_baseline_ref_from_a_subfolder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "charts")
    code, data = _json("org.yaml", "--baseline-ref", "HEAD")
    assert code == 0
    assert data["summary"]["persisting"] == 13


@needs_git
def test_baseline_ref_that_names_no_commit_is_an_error(repo: Path) -> None:
    result = invoke("check", "charts/org.yaml", "--baseline-ref", "no-such-branch")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--baseline-ref: no commit 'no-such-branch' in the git repository at" in result.stderr


@needs_git
def test_a_chart_not_in_the_revision_is_an_error(repo: Path) -> None:
    _chart(path="charts/new.yaml")
    result = invoke("check", "charts/new.yaml", "--baseline-ref", "HEAD")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--baseline-ref: charts/new.yaml is not in HEAD (commit " in result.stderr


@needs_git
def test_a_chart_outside_a_repository_is_an_error(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    chart = outside / "org.yaml"
    chart.write_text(GAPS, encoding="utf-8")
    result = invoke("check", str(chart), "--baseline-ref", "HEAD")
    if "is not in a git repository" not in result.stderr:
        pytest.skip("the temporary folder is inside a git repository")
    assert result.exit_code == 2 and result.stdout == ""
