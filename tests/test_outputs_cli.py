"""Several outputs in one run: pairing, refusals before any work, nothing written on failure."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from leadaudit.cli.options import CheckFormat
from leadaudit.cli.outputs import interleave, plan_outputs
from leadaudit.config import default_format
from leadaudit.reporters import FORMATS
from leadaudit.settings import OutputSpec
from tests.conftest import ROOT
from tests.support import run

GAPS = "tests/fixtures/borough-gaps.yaml"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_format_choices_come_from_the_registry() -> None:
    assert [f.value for f in CheckFormat] == list(FORMATS)


def test_each_output_belongs_to_the_format_before_it(tmp_path: Path) -> None:
    sarif, report = tmp_path / "results.sarif", tmp_path / "report.md"
    result = run(
        [
            "check",
            GAPS,
            "--format",
            "sarif",
            "-o",
            str(sarif),
            "--format",
            "markdown",
            "-o",
            str(report),
        ]
    )
    assert result.exit_code == 1  # the fixture has errors
    assert result.stdout == ""
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert report.read_text(encoding="utf-8").startswith("# Digital leadership gap report")


def test_a_format_without_output_goes_to_stdout_wherever_it_comes(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    result = run(["check", GAPS, "--format", "text", "--format", "json", "--output", str(out)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{GAPS}: Northgate Borough Council")
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 1


def test_an_output_before_every_format_belongs_to_the_first(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    result = run(["check", GAPS, "-o", str(out), "--format", "json"])
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["error"] == 3


def test_an_output_alone_writes_the_default_format(tmp_path: Path) -> None:
    out = tmp_path / "result.txt"
    assert run(["check", GAPS, "-o", str(out)]).exit_code == 1
    assert out.read_text(encoding="utf-8").startswith(f"{GAPS}: Northgate")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "json", "--format", "sarif"], "only one output can go to standard output"),
        (["--format", "json", "-o", "{d}/a", "-o", "{d}/b"], "has two outputs"),
        (["-o", "{d}/a", "-o", "{d}/b", "--format", "json"], "more --output options than --format"),
        (["--format", "json", "-o", "{d}/a", "--format", "sarif", "-o", "{d}/a"], "both write to"),
        (["--format", "json", "-o", GAPS], "would overwrite the input file"),
        (
            ["--format", "json", "--template", "{d}/t.j2"],
            "--template applies only to --format markdown",
        ),
        (["--date", "2025-01-01"], "--date applies only to --format markdown"),
        (["--format", "json", "-o", "{d}/missing/r.json"], "does not exist"),
    ],
)
def test_bad_combinations_are_refused_before_any_work(
    args: list[str], message: str, tmp_path: Path
) -> None:
    keep = tmp_path / "a"
    keep.write_text("keep", encoding="utf-8")
    result = run(["check", GAPS, *(a.replace("{d}", str(tmp_path)) for a in args)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert keep.read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]


def test_an_unknown_format_is_a_usage_error() -> None:
    result = run(["check", GAPS, "--format", "html"])
    assert result.exit_code == 2


def test_nothing_is_written_when_any_input_has_a_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("leadaudit: 1\nauthority: {name: X, type: shire}\nposts: []\n", encoding="utf-8")
    sarif, report = tmp_path / "r.sarif", tmp_path / "r.md"
    report.write_text("previous report", encoding="utf-8")
    result = run(
        [
            "check",
            GAPS,
            str(bad),
            "--format",
            "sarif",
            "-o",
            str(sarif),
            "--format",
            "markdown",
            "-o",
            str(report),
        ]
    )
    assert result.exit_code == 2
    assert f"{bad}:2:" in result.stderr
    assert not sarif.exists()
    assert report.read_text(encoding="utf-8") == "previous report"


def test_a_render_failure_writes_no_output_at_all(tmp_path: Path) -> None:
    template = tmp_path / "t.md.j2"
    template.write_text("{{ no_such_variable }}\n", encoding="utf-8")
    first, second = tmp_path / "r.json", tmp_path / "r.md"
    result = run(
        [
            "check",
            GAPS,
            "--format",
            "json",
            "-o",
            str(first),
            "--format",
            "markdown",
            "-o",
            str(second),
            "--template",
            str(template),
        ]
    )
    assert result.exit_code == 2
    assert f"{template}:1: template error" in result.stderr
    assert not first.exists() and not second.exists()


def test_github_actions_chooses_annotations_when_no_format_is_given() -> None:
    result = run(["check", GAPS], env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=")
    explicit = run(["check", GAPS, "--format", "text"], env={"GITHUB_ACTIONS": "true"})
    assert explicit.stdout.startswith(f"{GAPS}: ")


def test_config_shows_the_output_check_writes_under_github_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shown = run(["config", "--format", "json"], env={"GITHUB_ACTIONS": "true"})
    assert shown.exit_code == 0, shown.output
    outputs = json.loads(shown.stdout)["settings"]["outputs"]
    assert outputs == {
        "value": [{"format": "github", "path": None}],
        "source": {"kind": "default", "file": None, "line": None},
    }
    text = run(["config"], env={"GITHUB_ACTIONS": "true"})
    assert [line.split() for line in text.stdout.splitlines() if line.startswith("outputs ")] == [
        ["outputs", "github", "->", "stdout", "default"]
    ]
    assert "text -> stdout" in run(["config"], env={"GITHUB_ACTIONS": "false"}).stdout


def test_default_format_reads_the_environment() -> None:
    assert default_format({"GITHUB_ACTIONS": "true"}) == "github"
    assert default_format({"GITHUB_ACTIONS": "false"}) == "text"
    assert default_format({}) == "text"


def test_pairing_rules() -> None:
    seq = interleave(["format", "output", "format"], ["sarif", "text"], [Path("r.sarif")])
    assert plan_outputs(seq, "text") == (OutputSpec("sarif", Path("r.sarif")), OutputSpec("text"))
    assert plan_outputs([], "github") == (OutputSpec("github"),)


def test_markdown_is_not_imported_for_other_formats(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from leadaudit.cli import run\n"
        f"sys.argv = ['leadaudit', 'check', {GAPS!r}, '--format', 'sarif', '--format', 'json', "
        "'-o', sys.argv[1]]\n"
        "run()\n"
        "print('jinja2' in sys.modules, file=sys.stderr)\n"
    )
    out = tmp_path / "result.json"
    done = subprocess.run(
        [sys.executable, "-c", code, str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src")},
    )
    assert out.is_file()
    assert done.stderr.strip().splitlines()[-1] == "False", done.stderr
