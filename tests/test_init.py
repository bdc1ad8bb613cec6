"""leadaudit init: scaffolds that load, never overwrite, and work with check straight away."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from leadaudit.cli import app
from leadaudit.model import AuthorityType
from leadaudit.reporters import FORMATS as OUTPUT_FORMATS
from leadaudit.version import __version__
from tests.support import run as run_env
from tests.support_config import check_json, rules_of, run


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def init(*args: str) -> None:
    result = run("init", *args)
    assert result.exit_code == 0, result.output


def test_init_then_check_works(here: Path) -> None:
    init("--type", "county", "--name", "Newshire County Council", "--ci", "none")
    assert sorted(p.name for p in here.iterdir()) == [
        ".leadaudit.yaml",
        "org.yaml",
        "schemas",
        "waivers.yaml",
    ]
    result = run("check", "org.yaml")
    assert result.exit_code == 1, result.output  # findings, not an input error
    assert result.stdout.startswith("org.yaml: Newshire County Council (county), framework rec20")
    code, data = check_json("org.yaml")
    assert code == 1
    assert {"R20-01", "R20-11", "R20-12", "R20-13"} <= set(rules_of(data))
    # the scaffold's members are commented out: bullet 1 says what to record, not a gap
    unassessed = {item["rule"] for item in data["files"][0]["not_assessable"]}
    assert "R20-05" in unassessed
    assert data["files"][0]["verdict"] == "does_not_meet"
    config = run("config", "--format", "json")
    assert '"config_file": ".leadaudit.yaml"' in config.stdout


@pytest.mark.parametrize("kind", [t.value for t in AuthorityType])
def test_every_authority_type_gets_a_chart_that_loads(here: Path, kind: str) -> None:
    init("--type", kind, "--name", f"A {kind} authority", "--no-schemas")
    for framework in ("rec20", "statutory"):
        result = run("check", "org.yaml", "--framework", framework)
        assert result.exit_code == 1, result.output


def _uncomment(text: str) -> str:
    """Uncomment the placeholder entries (commented YAML keys and list items), not the prose."""
    out = []
    for line in text.splitlines():
        match = re.match(r"^(\s*)# (\s*(?:- )?[a-z_]+:(?: .*)?)$", line)
        out.append(match[1] + match[2] if match else line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("kind", ["district", "county", "combined_authority"])
def test_the_placeholders_are_a_working_org_chart_once_uncommented(here: Path, kind: str) -> None:
    init("--type", kind, "--name", "Placeholder Council")
    org = here / "org.yaml"
    org.write_text(_uncomment(org.read_text()))
    code, data = check_json("org.yaml")
    assert code == 0, data["findings"]
    assert [f for f in data["findings"] if f["severity"] != "info"] == []
    code, data = check_json("org.yaml", "--framework", "statutory")
    assert code == 0, data["findings"]


def test_init_never_overwrites_without_force(here: Path) -> None:
    (here / "org.yaml").write_text("mine\n")
    result = run("init", "--type", "district", "--name", "Easton DC")
    assert result.exit_code == 2
    assert "would overwrite org.yaml; nothing written (use --force)" in result.stderr
    assert (here / "org.yaml").read_text() == "mine\n"
    assert not (here / ".leadaudit.yaml").exists()
    init("--type", "district", "--name", "Easton DC", "--force")
    assert 'name: "Easton DC"' in (here / "org.yaml").read_text()


def test_init_refuses_to_write_through_a_symlink(here: Path) -> None:
    target = here / "elsewhere.yaml"
    target.write_text("keep\n")
    (here / "org.yaml").symlink_to(target)
    result = run("init", "--type", "district", "--name", "Easton DC", "--force")
    assert result.exit_code == 2
    assert target.read_text() == "keep\n"


def test_without_a_terminal_name_and_type_are_required(here: Path) -> None:
    result = run("init", "--type", "county")
    assert result.exit_code == 2
    assert "--name and --type are needed" in result.stderr
    assert list(here.iterdir()) == []


def test_prompts_on_a_terminal(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("leadaudit.cli.init_cmd._interactive", lambda: True)
    result = CliRunner().invoke(app, ["init"], input="Westshire Council\nshire\nunitary\ngithub\n")
    assert result.exit_code == 0, result.output
    assert "Please answer one of:" in result.output
    org = yaml.safe_load((here / "org.yaml").read_text())
    assert org["authority"] == {
        "name": "Westshire Council",
        "type": "unitary",
        "adult_social_care": True,
    }
    assert (here / ".github" / "workflows" / "leadaudit.yml").is_file()


def test_generated_files_point_editors_at_the_schemas(here: Path) -> None:
    init("--type", "district", "--name", "Easton DC", "--dir", "governance")
    folder = here / "governance"
    for name, schema in (
        ("org.yaml", "orgchart"),
        (".leadaudit.yaml", "config"),
        ("waivers.yaml", "waivers"),
    ):
        first = (folder / name).read_text().splitlines()[0]
        assert first == f"# yaml-language-server: $schema=schemas/{schema}.schema.json"
        assert (folder / "schemas" / f"{schema}.schema.json").is_file()
    assert (folder / "schemas" / "framework.schema.json").is_file()  # for a framework of one's own
    init("--type", "district", "--name", "Easton DC", "--dir", "plain", "--no-schemas")
    assert "yaml-language-server" not in (here / "plain" / "org.yaml").read_text()
    assert not (here / "plain" / "schemas").exists()


def test_the_github_workflow_uses_the_action(here: Path) -> None:
    init("--type", "district", "--name", "Easton DC", "--ci", "github")
    workflow = yaml.safe_load((here / ".github" / "workflows" / "leadaudit.yml").read_text())
    steps = workflow["jobs"]["leadaudit"]["steps"]
    assert [step.get("uses") for step in steps] == [
        "actions/checkout@v4",
        f"OWNER/leadaudit@v{__version__}",
    ]
    assert steps[1]["with"] == {"files": "org.yaml", "formats": "summary annotations text"}
    text = (here / ".github" / "workflows" / "leadaudit.yml").read_text()
    assert "pip install" not in text  # leadaudit is not on the package index
    assert f"replace OWNER/leadaudit@v{__version__} in b/.github/workflows/leadaudit.yml" in (
        run("init", "--type", "district", "--name", "E", "--ci", "github", "--dir", "b").stdout
    )


@pytest.mark.parametrize(
    ("source", "uses", "install"),
    [
        (
            "council/leadaudit@v0.1.0",
            "council/leadaudit@v0.1.0",
            "git+https://github.com/council/leadaudit@v0.1.0",
        ),
        ("./tools/leadaudit", "./tools/leadaudit", '"./tools/leadaudit"'),
    ],
)
def test_the_workflows_take_leadaudit_from_the_source_given(
    here: Path, source: str, uses: str, install: str
) -> None:
    init("--type", "district", "--name", "Easton DC", "--ci", "github", "--source", source)
    workflow = yaml.safe_load((here / ".github" / "workflows" / "leadaudit.yml").read_text())
    assert workflow["jobs"]["leadaudit"]["steps"][1]["uses"] == uses
    result = run(
        "init",
        "--type",
        "district",
        "--name",
        "E",
        "--ci",
        "gitlab",
        "--dir",
        "gl",
        "--source",
        source,
    )
    assert "Before the first run" not in result.stdout
    job = yaml.safe_load((here / "gl" / ".gitlab-ci.yml").read_text())["leadaudit"]
    assert install in job["script"][0]


@pytest.mark.parametrize(
    "source", ["leadaudit", "owner/repo", "a b@v1", "../x", "o/r@v1; rm -rf /"]
)
def test_a_source_that_is_neither_a_repository_nor_a_path_is_refused(
    here: Path, source: str
) -> None:
    result = run("init", "--type", "district", "--name", "E", "--ci", "github", "--source", source)
    assert result.exit_code == 2
    assert "--source:" in result.stderr
    assert list(here.iterdir()) == []


def test_the_gitlab_job_keeps_code_quality_and_junit_reports(here: Path) -> None:
    init("--type", "district", "--name", "Easton DC", "--ci", "gitlab")
    job = yaml.safe_load((here / ".gitlab-ci.yml").read_text())["leadaudit"]
    assert job["script"][1] == (
        "leadaudit check org.yaml --format gitlab -o gl-code-quality-report.json "
        "--format junit -o leadaudit-junit.xml --format text"
    )
    assert job["artifacts"] == {
        "when": "always",
        "reports": {"codequality": "gl-code-quality-report.json", "junit": "leadaudit-junit.xml"},
    }


@pytest.mark.xfail(
    "gitlab" not in OUTPUT_FORMATS,
    reason="--format gitlab is being added alongside; the job is written for it",
    raises=AssertionError,
)
def test_the_gitlab_job_command_writes_both_reports(here: Path) -> None:
    init("--type", "district", "--name", "Easton DC", "--ci", "gitlab")
    job = yaml.safe_load((here / ".gitlab-ci.yml").read_text())["leadaudit"]
    command = shlex.split(job["script"][1])
    assert command[:2] == ["leadaudit", "check"]
    result = run(*command[1:])
    assert result.exit_code == 1, result.output  # the new chart's findings fail the job
    json.loads((here / "gl-code-quality-report.json").read_text())
    assert (here / "leadaudit-junit.xml").read_text().startswith("<?xml")


def test_the_config_keeps_the_default_outputs(here: Path) -> None:
    init("--type", "district", "--name", "Easton DC", "--ci", "github")
    assert "outputs" not in yaml.safe_load((here / ".leadaudit.yaml").read_text())
    annotated = run_env(["check", "org.yaml"], {"GITHUB_ACTIONS": "true"})
    assert annotated.exit_code == 1
    assert annotated.stdout.startswith("::error file=org.yaml,")
    assert "\n::error file=org.yaml," in annotated.stdout
    plain = run_env(["check", "org.yaml"])
    assert plain.stdout.startswith("org.yaml: Easton DC (district), framework rec20")


def test_config_written_by_init_uses_the_chosen_framework(here: Path) -> None:
    init("--type", "county", "--name", "Newshire", "--framework", "statutory")
    result = run("check", "org.yaml")
    assert "framework statutory 1.0" in result.stdout


def test_names_that_need_quoting_survive(here: Path) -> None:
    init("--type", "district", "--name", 'St. Mary\'s: "Borough" # 1')
    data = yaml.safe_load((here / "org.yaml").read_text())
    assert data["authority"]["name"] == 'St. Mary\'s: "Borough" # 1'
    assert run("check", "org.yaml").exit_code == 1


def test_prompts_take_the_answer_in_any_case(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("leadaudit.cli.init_cmd._interactive", lambda: True)
    answers = "Northshire Council\nUnitary\nLondon Borough\nnone\n"
    result = CliRunner().invoke(app, ["init", "--dir", "a"], input=answers)
    assert result.exit_code == 0, result.output
    assert yaml.safe_load((here / "a" / "org.yaml").read_text())["authority"]["type"] == "unitary"
    typo = CliRunner().invoke(app, ["init", "--dir", "b"], input="X\nunitray\nunitary\nnone\n")
    assert typo.exit_code == 0, typo.output
    assert "(did you mean 'unitary'?)" in typo.output
