"""The composite GitHub Action (action.yml): its install and audit steps run by bash as a
runner runs them, with the variables GitHub sets, on a workspace holding the examples.

The steps' scripts are taken from action.yml itself; the step's ``env:`` is filled in as
GitHub fills it, each ``${{ inputs.NAME }}`` replaced by the input's value or default. pip
runs without network, as in tests/test_precommit.py: no index, no build isolation, no
dependencies (they come from this interpreter's site-packages through PYTHONPATH), so the
action's own ``pip install "$GITHUB_ACTION_PATH"`` installs leadaudit itself.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from leadaudit.ci.annotations import PER_KIND, left_out_notice, select
from leadaudit.ci.summary import LIMIT, Part, assemble, report_parts
from leadaudit.findings import Finding, Location, Severity
from tests.conftest import EXAMPLES, ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = {step["name"]: step for step in ACTION["runs"]["steps"]}
INSTALL, AUDIT = STEPS["Install leadaudit"], STEPS["Audit org charts"]
EXPRESSION = re.compile(r"\$\{\{\s*inputs\.([a-z-]+)\s*\}\}")
COMMAND = re.compile(r"^::(error|warning|notice) ")

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="the steps are bash")


def test_inputs_reach_the_scripts_only_through_the_environment() -> None:
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]
    used = {m for value in AUDIT["env"].values() for m in EXPRESSION.findall(value)}
    assert used == set(ACTION["inputs"]) - {"python-version"}
    assert "$GITHUB_ACTION_PATH" in INSTALL["run"]


@dataclass
class Run:
    """One run of the audit step: exit code, log, summary, outputs."""

    code: int
    stdout: str
    stderr: str
    summary: str
    outputs: dict[str, str]

    def annotations(self) -> Counter[str]:
        return Counter(m.group(1) for m in map(COMMAND.match, self.stdout.splitlines()) if m)


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """RUNNER_TEMP with leadaudit installed by the action's install step."""
    temp = tmp_path_factory.mktemp("runner")
    bin_dir = temp / "bin"  # 'python3' on PATH is this interpreter, as setup-python leaves it
    bin_dir.mkdir()
    for name in ("python3", "python"):
        (bin_dir / name).write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
        (bin_dir / name).chmod(0o755)
    paths = sysconfig.get_paths()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GITHUB_", "RUNNER_", "PIP_", "LEADAUDIT_", "VIRTUAL_ENV"))
    }
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        PYTHONPATH=os.pathsep.join(dict.fromkeys([paths["purelib"], paths["platlib"]])),
        PIP_NO_INDEX="1",
        PIP_NO_DEPS="1",
        PIP_NO_BUILD_ISOLATION="0",
        PIP_NO_CACHE_DIR="1",
        GITHUB_ACTIONS="true",
        GITHUB_ACTION_PATH=str(ROOT),
        RUNNER_TEMP=str(temp),
        NO_COLOR="1",
    )
    done = subprocess.run(["bash", "-c", INSTALL["run"]], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return env


def audit(
    runner: dict[str, str], workspace: Path, **inputs: str
) -> Run:  # inputs by name with '_' for '-'
    given = {name.replace("_", "-"): value for name, value in inputs.items()}
    values = {
        name: given.get(name, spec.get("default", "")) for name, spec in ACTION["inputs"].items()
    }
    env = dict(runner)
    for key, template in AUDIT["env"].items():
        env[key] = EXPRESSION.sub(lambda m: values[m.group(1)], template)
    summary, outputs = workspace.parent / "summary.md", workspace.parent / "output.txt"
    summary.write_text("", encoding="utf-8")
    outputs.write_text("", encoding="utf-8")
    env.update(
        GITHUB_WORKSPACE=str(workspace),
        GITHUB_STEP_SUMMARY=str(summary),
        GITHUB_OUTPUT=str(outputs),
    )
    done = subprocess.run(
        ["bash", "-c", AUDIT["run"]], cwd=workspace, env=env, capture_output=True, text=True
    )
    pairs = [line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines()]
    return Run(
        done.returncode,
        done.stdout,
        done.stderr,
        summary.read_text(encoding="utf-8"),
        dict(pairs),
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "workspace"
    ws.mkdir()
    shutil.copy2(EXAMPLES / "unitary-gaps.yaml", ws / "org.yaml")
    return ws


def test_the_installed_action_runs_leadaudit_from_its_own_environment(
    runner: dict[str, str],
) -> None:
    py = Path(runner["RUNNER_TEMP"]) / "leadaudit-venv" / "bin" / "python"
    where = subprocess.run(
        [str(py), "-c", "import leadaudit; print(leadaudit.__file__)"],
        env=runner,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(runner["RUNNER_TEMP"])


def test_the_action_on_a_chart_with_gaps(runner: dict[str, str], workspace: Path) -> None:
    run = audit(runner, workspace, formats="summary annotations sarif text")
    assert run.code == 1, run.stderr
    assert run.stderr == ""
    assert "org.yaml:49:5: R20-02 error: Head of Digital and ICT" in run.stdout
    assert run.annotations() == {"error": 2, "warning": 6, "notice": 2}
    assert run.outputs == {
        "exit-code": "1",
        "errors": "2",
        "warnings": "6",
        "info": "2",
        "sarif-file": "leadaudit.sarif",
    }
    sarif = json.loads((workspace / "leadaudit.sarif").read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == 10
    lines = run.summary.splitlines()
    assert lines[:5] == [
        "## leadaudit",
        "",
        "| file | verdict | score | errors | warnings | info | waived |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        "| org.yaml | Does not meet Recommendation 20: bullets 2 and 4 not met; bullets 1, 3 "
        "and 7 and the headline partly met | 5.0/10 | 2 | 6 | 2 | 0 |",
    ]
    assert "**The check fails**: 2 findings at or above `--fail-on error`." in lines
    assert "# Digital leadership gap report: Kelbrook Council" in lines
    assert "<summary>Findings</summary>" in lines  # a long section, folded
    assert run.summary.count("<details>") == run.summary.count("</details>") > 0
    sarif_bytes = (workspace / "leadaudit.sarif").read_bytes()
    again = audit(runner, workspace, formats="summary annotations sarif text")
    assert (again.stdout, again.summary) == (run.stdout, run.summary)  # same input, same bytes
    assert (workspace / "leadaudit.sarif").read_bytes() == sarif_bytes


def test_the_inputs_choose_the_threshold_and_the_outputs(
    runner: dict[str, str], workspace: Path
) -> None:
    run = audit(runner, workspace, fail_on="never", formats="summary")
    assert run.code == 0
    assert run.annotations() == {}
    assert "R20-02" not in run.stdout  # no text in the log either
    assert "The check passes: `--fail-on never` fails on no finding." in run.summary
    assert not (workspace / "leadaudit.sarif").exists()
    statutory = audit(runner, workspace, framework="statutory", formats="annotations")
    assert statutory.summary == ""
    assert "title=STAT-" in statutory.stdout


def test_annotations_stop_at_what_github_shows(runner: dict[str, str], workspace: Path) -> None:
    charts = workspace / "charts"
    charts.mkdir()
    for n in range(6):  # 12 errors, 36 warnings, 12 info
        shutil.copy2(EXAMPLES / "unitary-gaps.yaml", charts / f"council-{n}.yaml")
    run = audit(runner, workspace, files="charts/*.yaml", formats="annotations summary")
    assert run.code == 1
    assert run.annotations() == {"error": PER_KIND, "warning": PER_KIND, "notice": PER_KIND}
    last = run.stdout.splitlines()[-1]
    assert last == (
        "::notice title=leadaudit::31 more findings not annotated (2 errors, 26 warnings, "
        "3 info): GitHub shows 10 annotations of each kind per step; the job summary has "
        "every finding"
    )
    assert "31 findings are not annotated" in run.summary
    assert run.summary.count("# Digital leadership gap report: Kelbrook Council") == 6


def test_bad_inputs_are_usage_errors(runner: dict[str, str], workspace: Path) -> None:
    for inputs, message in (
        ({"fail_on": "sometimes"}, "fail-on: 'sometimes' is not a threshold"),
        ({"formats": "summary sarff"}, "formats: unknown 'sarff' (did you mean 'sarif'?)"),
        ({"files": "missing/*.yaml"}, "files: 'missing/*.yaml' matches no file"),
        ({"files": ""}, "files: name at least one org chart"),
    ):
        run = audit(runner, workspace, **inputs)
        assert run.code == 2, inputs
        assert message in run.stderr
        assert run.stdout.startswith("::error title=leadaudit::")


def test_a_chart_that_does_not_load_is_reported_and_nothing_written(
    runner: dict[str, str], workspace: Path
) -> None:
    (workspace / "broken.yaml").write_text("leadaudit: 1\nposts: [\n", encoding="utf-8")
    run = audit(
        runner, workspace, files="org.yaml broken.yaml", formats="summary annotations sarif"
    )
    assert run.code == 2
    assert run.stderr.startswith("broken.yaml:3:1: invalid YAML")
    assert run.stdout.startswith("::error file=broken.yaml,line=3,col=1,title=leadaudit::")
    assert "**Nothing was audited**: 1 problem in the input files." in run.summary
    assert not (workspace / "leadaudit.sarif").exists()


HOSTILE_NAMES = ("$(touch pwned).yaml", "`touch pwned`.yaml", "a;touch pwned.yaml", "-o.yaml")


def test_no_file_name_or_input_value_becomes_a_command(
    runner: dict[str, str], workspace: Path
) -> None:
    for name in (*HOSTILE_NAMES, "x\n::error::forged.yaml"):
        shutil.copy2(EXAMPLES / "unitary-gaps.yaml", workspace / name)
    run = audit(runner, workspace, files="*.yaml", formats="summary annotations text")
    assert run.code == 1, run.stderr
    assert not (workspace / "pwned").exists()
    assert not any(line.startswith("::") for line in run.stderr.splitlines())
    for line in run.stdout.splitlines():  # workflow commands only where the action means one
        if line.startswith("::"):
            assert COMMAND.match(line) and ("::error::" not in line[2:] or "%0A" in line), line
    forged = audit(runner, workspace, files="x*.yaml", formats="annotations")
    assert forged.annotations() == {"error": 2, "warning": 6, "notice": 2}
    assert "file=x%0A%3A%3Aerror%3A%3Aforged.yaml," in forged.stdout
    for value in ("$(touch pwned)", "`touch pwned`", "'; touch pwned; '", '"; touch pwned; "'):
        for field in ("framework", "fail_on", "formats", "sarif_file", "files"):
            audit(runner, workspace, **{field: value})
            assert not (workspace / "pwned").exists(), (field, value)


def _finding(severity: Severity, n: int) -> Finding:
    return Finding(
        rule=f"R{n}",
        slug="s",
        title="t",
        severity=severity,
        message=f"m{n}",
        subject=None,
        subject_kind="authority",
        location=Location("org.yaml", n, 1),
        area="a",
        bullet="1",
        remediation="r",
    )


def test_the_most_severe_are_annotated_first_and_the_rest_counted() -> None:
    findings = [
        *(_finding(Severity.info, n) for n in range(11)),
        *(_finding(Severity.warning, n) for n in range(15)),
        *(_finding(Severity.error, n) for n in range(12)),
    ]
    chosen = select(findings)
    assert [f.severity for f in chosen.shown] == (
        [Severity.error] * 10 + [Severity.warning] * 10 + [Severity.info] * 9
    )
    assert [f.location.line for f in chosen.shown[:10]] == list(range(10))
    assert chosen.left_out == ((Severity.error, 2), (Severity.warning, 5), (Severity.info, 2))
    assert left_out_notice(chosen, "the log") == (
        "::notice title=leadaudit::9 more findings not annotated (2 errors, 5 warnings, "
        "2 info): GitHub shows 10 annotations of each kind per step; the log has every finding"
    )
    few = select([_finding(Severity.info, n) for n in range(10)])
    assert (len(few.shown), few.left_out, left_out_notice(few, "x")) == (10, (), None)


def _report(sections: int, lines: int) -> str:
    body = "".join(f"line {n} of the section\n" for n in range(lines))
    fence = "```mermaid\nflowchart TD\n" + body + "```\n"
    return "# Title\n\nVerdict.\n\n" + "".join(
        f"## Section {n}\n\n{fence if n == 1 else body}\n" for n in range(sections)
    )


def test_long_sections_are_folded_and_short_ones_shown() -> None:
    parts = report_parts(_report(3, 50) + "## Short\n\nA line.\n")
    assert [p.folded_title for p in parts] == [None, "Section 0", "Section 1", "Section 2", None]
    assert report_parts("```\n## not a heading\n```\n")[0].folded_title is None
    assert len(report_parts("```\n## not a heading\n```\n")) == 1


def test_a_summary_too_large_for_github_stops_with_a_line_saying_so() -> None:
    reports = [report_parts(_report(40, 2000)) for _ in range(3)]  # about 5 MiB
    text = assemble("## leadaudit\n\n", reports, LIMIT - 1024)
    size = len(text.encode("utf-8"))
    assert LIMIT - 64 * 1024 < size <= LIMIT - 1024
    assert text.rstrip().endswith(
        "**The summary stops here**: the rest of this report and 2 more reports would take it "
        "past GitHub's 1 MiB limit for a step summary. 'leadaudit report FILE' writes a report "
        "whole."
    )
    assert text.count("<details>") == text.count("</details>")
    assert text.count("```") % 2 == 0  # a code block cut short is closed
    small = assemble("head\n", [[Part("# Report\n")]], LIMIT)
    assert small == "head\n---\n\n# Report\n\n"


def test_the_workflow_init_writes_runs_the_action_as_written(
    runner: dict[str, str], tmp_path: Path
) -> None:
    from leadaudit.model import AuthorityType
    from leadaudit.scaffold import CI_FILES, Ci, scaffold

    workspace = tmp_path / "workspace"
    files = scaffold("Easton DC", AuthorityType.district, "rec20", Ci.github, source="./")
    for rel, text in files.items():
        (workspace / rel).parent.mkdir(parents=True, exist_ok=True)
        (workspace / rel).write_text(text, encoding="utf-8")
    workflow = yaml.safe_load((workspace / CI_FILES[Ci.github]).read_text(encoding="utf-8"))
    step = next(s for s in workflow["jobs"]["leadaudit"]["steps"] if s.get("uses") == "./")
    inputs = {name.replace("-", "_"): str(value) for name, value in step["with"].items()}
    run = audit(runner, workspace, **inputs)
    assert run.code == 1, run.stderr  # the new chart's gaps fail the check
    assert run.annotations()["error"] > 0
    assert "| org.yaml | Does not meet Recommendation 20" in run.summary


def test_the_readme_workflow_uses_the_action_as_it_is() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```yaml\n# .github/workflows/leadaudit.yml\n", 1)[1].split("```", 1)[0]
    steps = yaml.safe_load(block)["jobs"]["leadaudit"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    assert set(steps[1]["with"]) <= set(ACTION["inputs"])
    assert "sarif" in steps[1]["with"]["formats"].split()
    upload = steps[2]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"] == {"sarif_file": steps[1]["with"]["sarif-file"], "category": "leadaudit"}
    assert "head.repo.full_name == github.repository" in upload["if"]
    assert "!cancelled()" in upload["if"]


def test_a_configured_baseline_is_reported_with_its_stale_entries(
    runner: dict[str, str], workspace: Path
) -> None:
    # the baseline records org.yaml and a chart since removed: the log and the job summary
    # give the counts against it and the entry this run could not compare
    shutil.copy2(EXAMPLES / "unitary-gaps.yaml", workspace / "gone.yaml")
    save = ["--format", "json", "-o", "baseline.json", "--fail-on", "never", "--isolated"]
    saved = subprocess.run(
        [sys.executable, "-m", "leadaudit", "check", "org.yaml", "gone.yaml", *save],
        cwd=workspace,
        capture_output=True,
        text=True,
    )
    assert saved.returncode == 0, saved.stderr
    (workspace / "gone.yaml").unlink()
    (workspace / ".leadaudit.yaml").write_text("baseline: baseline.json\n", encoding="utf-8")
    run = audit(runner, workspace, formats="summary annotations text")
    assert run.code == 0, run.stderr  # every finding is in the baseline
    stale = "stale baseline entry: the baseline records gone.yaml (10 findings)"
    assert "Baseline baseline.json: 0 new, 10 persisting, 0 fixed" in run.stdout
    assert stale in run.stdout
    summary = run.summary.splitlines()
    # the outcome as the exit code gives it: the two errors are in the baseline
    assert (
        "The check passes: no new finding at or above `--fail-on error`; "
        "2 at or above it in the baseline." in summary
    )
    assert "Against the baseline baseline.json: 0 new, 10 persisting, 0 fixed." in summary
    assert "- the baseline records gone.yaml (10 findings), which this run did not check" in summary
