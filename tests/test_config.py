"""Configuration: every source, their precedence, provenance and located errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from leadaudit import config
from leadaudit.config import Provenance, Source, discover
from leadaudit.errors import InputError, UsageError
from leadaudit.findings import FailOn
from leadaudit.reporters import FORMATS
from leadaudit.settings import OutputSpec, Settings
from tests.support_config import org_text, run, write

pytestmark = pytest.mark.usefixtures("isolated_cwd")


def resolve_settings(
    cli_values: dict[str, object], cwd: Path, **options: object
) -> tuple[Settings, Provenance]:
    """The settings as the command line resolves them (its format names), outside CI."""
    return config.resolve_settings(
        cli_values,
        cwd,
        formats=FORMATS,
        environ={},
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture
def isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in a fresh folder so no configuration file outside the test is found."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_defaults_when_no_file_is_found(tmp_path: Path) -> None:
    settings, prov = resolve_settings({}, tmp_path)
    assert (settings.framework, settings.fail_on, settings.waivers) == ("rec20", FailOn.error, None)
    assert settings.outputs == (OutputSpec("text"),)
    assert prov.config_file is None
    assert set(prov.sources.values()) == {Source("default")}


def test_file_found_in_a_parent_folder_with_paths_relative_to_it(tmp_path: Path) -> None:
    write(
        tmp_path / ".leadaudit.yaml",
        """\
        framework: frameworks/ours.yaml
        fail_on: warning
        waivers: governance/waivers.yaml
        outputs:
          - format: text
          - format: json
            path: reports/audit.json
        limits:
          max_depth: 20
        """,
    )
    write(
        tmp_path / "frameworks" / "ours.yaml",
        "leadaudit_framework: 1\nname: ours\nextends: rec20\n",
    )
    write(tmp_path / "governance" / "waivers.yaml", "waivers: []\n")
    sub = tmp_path / "council" / "charts"
    sub.mkdir(parents=True)
    settings, prov = resolve_settings({}, sub)
    assert prov.config_file == ".leadaudit.yaml"
    assert settings.framework == "frameworks/ours.yaml"
    assert settings.fail_on is FailOn.warning
    assert settings.waivers == Path("governance/waivers.yaml")
    assert settings.outputs == (OutputSpec("text"), OutputSpec("json", Path("reports/audit.json")))
    assert settings.limits.max_depth == 20 and settings.limits.max_file_size == 64 * 1024 * 1024
    assert {k: str(v) for k, v in prov.sources.items()} == {
        "framework": ".leadaudit.yaml:1",
        "fail_on": ".leadaudit.yaml:2",
        "waivers": ".leadaudit.yaml:3",
        "outputs": ".leadaudit.yaml:4",
        "exclude": "default",
        "use_waivers": "default",
        "today": "default",
        "baseline": "default",
        "baseline_ref": "default",
        "limits.max_file_size": "default",
        "limits.max_depth": ".leadaudit.yaml:9",
        "limits.max_alias_nodes": "default",
    }


def test_pyproject_tool_table_is_a_config_source(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        """\
        [project]
        name = "council-governance"

        [tool.leadaudit]
        framework = "statutory"
        fail_on = "info"

        [[tool.leadaudit.outputs]]
        format = "json"
        path = "audit.json"

        [tool.leadaudit.limits]
        max_alias_nodes = 5
        """,
    )
    settings, prov = resolve_settings({}, tmp_path)
    assert prov.config_file == "pyproject.toml"
    assert (settings.framework, settings.fail_on) == ("statutory", FailOn.info)
    assert settings.outputs == (OutputSpec("json", Path("audit.json")),)
    assert settings.limits.max_alias_nodes == 5
    assert str(prov.sources["framework"]) == "pyproject.toml:5"
    assert str(prov.sources["fail_on"]) == "pyproject.toml:6"
    assert str(prov.sources["outputs"]) == "pyproject.toml:8"
    assert str(prov.sources["limits.max_alias_nodes"]) == "pyproject.toml:13"


def test_search_skips_pyproject_without_the_table_and_stops_at_the_nearest(tmp_path: Path) -> None:
    write(tmp_path / ".leadaudit.yaml", "fail_on: never\n")
    write(tmp_path / "repo" / "pyproject.toml", "[project]\nname = 'x'\n")
    write(tmp_path / "repo" / "team" / "pyproject.toml", "[tool.leadaudit]\nfail_on = 'info'\n")
    write(tmp_path / "repo" / "team" / ".leadaudit.yaml", "fail_on: warning\n")
    assert discover(tmp_path / "repo") == tmp_path / ".leadaudit.yaml"
    # in one folder the YAML file is preferred to pyproject.toml
    assert discover(tmp_path / "repo" / "team") == tmp_path / "repo" / "team" / ".leadaudit.yaml"
    settings, _ = resolve_settings({}, tmp_path / "repo" / "team")
    assert settings.fail_on is FailOn.warning


def test_config_option_replaces_discovery_and_isolated_ignores_files(tmp_path: Path) -> None:
    write(tmp_path / ".leadaudit.yaml", "fail_on: never\n")
    other = write(tmp_path / "ci" / "strict.yaml", "fail_on: info\n")
    assert resolve_settings({}, tmp_path)[0].fail_on is FailOn.never
    settings, prov = resolve_settings({}, tmp_path, config=other)
    assert settings.fail_on is FailOn.info
    assert prov.config_file == "ci/strict.yaml" and prov.how == "given with --config"
    settings, prov = resolve_settings({}, tmp_path, isolated=True)
    assert settings.fail_on is FailOn.error and prov.config_file is None
    with pytest.raises(UsageError, match="cannot be used together"):
        resolve_settings({}, tmp_path, config=other, isolated=True)
    with pytest.raises(UsageError, match="no such file"):
        resolve_settings({}, tmp_path, config=tmp_path / "nope.yaml")


def test_command_line_beats_the_file(tmp_path: Path) -> None:
    write(tmp_path / ".leadaudit.yaml", "fail_on: never\nframework: statutory\n")
    settings, prov = resolve_settings(
        {"fail_on": FailOn.warning, "today": date(2025, 1, 2)}, tmp_path
    )
    assert settings.fail_on is FailOn.warning and settings.today == date(2025, 1, 2)
    assert settings.framework == "statutory"
    assert (prov.sources["fail_on"], prov.sources["framework"].kind) == (
        Source("command line"),
        "file",
    )


def test_check_uses_the_configured_threshold_unless_the_command_line_says_otherwise(
    tmp_path: Path,
) -> None:
    org = write(
        tmp_path / "org.yaml",
        org_text().replace("capabilities: [citizen_communication]", "capabilities: []"),
    )
    assert run("check", str(org)).exit_code == 0  # R20-16 is a warning
    write(tmp_path / ".leadaudit.yaml", "fail_on: warning\n")
    assert run("check", str(org)).exit_code == 1
    assert run("check", str(org), "--fail-on", "error").exit_code == 0
    assert run("check", str(org), "--isolated").exit_code == 0


def test_configured_outputs_are_written_relative_to_the_config_file(tmp_path: Path) -> None:
    write(
        tmp_path / ".leadaudit.yaml",
        "outputs:\n  - format: text\n  - format: json\n    path: out/audit.json\n",
    )
    (tmp_path / "out").mkdir()
    org = write(tmp_path / "charts" / "org.yaml", org_text())
    result = run("check", str(org))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{org}: Testshire County Council")
    data = json.loads((tmp_path / "out" / "audit.json").read_text())
    assert data["summary"]["error"] == 0
    # --format on the command line replaces the configured outputs
    result = run("check", str(org), "--format", "json")
    assert json.loads(result.stdout)["files"][0]["file"] == str(org)


def test_configured_framework_is_used_by_check_rules_and_explain(tmp_path: Path) -> None:
    write(tmp_path / ".leadaudit.yaml", "framework: fw/ours.yaml\n")
    write(
        tmp_path / "fw" / "ours.yaml",
        "leadaudit_framework: 1\nname: ours\nextends: rec20\noverrides:\n  R20-08: {severity: off}\n",
    )
    org = write(tmp_path / "org.yaml", org_text())
    assert "framework ours 1.0" in run("check", str(org)).stdout
    assert run("rules").stdout.startswith("ours 1.0: ")
    assert "Severity:    off" in run("explain", "R20-08").stdout
    assert run("rules", "-f", "statutory").stdout.startswith("statutory 1.0: ")


def test_an_empty_or_comment_only_file_means_defaults(tmp_path: Path) -> None:
    write(tmp_path / ".leadaudit.yaml", "# nothing set yet\n\n")
    settings, prov = resolve_settings({}, tmp_path)
    assert prov.config_file == ".leadaudit.yaml"
    assert settings.fail_on is FailOn.error


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "fail-on: warning\n",
            ".leadaudit.yaml:1:1: fail-on: unknown field 'fail-on' (did you mean 'fail_on'?)",
        ),
        (
            "fail_on: sometimes\n",
            ".leadaudit.yaml:1:10: fail_on: 'sometimes' is not one of: error, warning, info, never",
        ),
        (
            "outputs:\n  - format: sarifx\n",
            ".leadaudit.yaml:2:13: outputs[0].format: unknown output format 'sarifx'",
        ),
        (
            "framework: rec2O\n",
            ".leadaudit.yaml:1:12: framework: unknown framework 'rec2O' (did you mean 'rec20'?)",
        ),
        (
            "framework: fw/missing.yaml\n",
            ".leadaudit.yaml:1:12: framework: no such framework file 'fw/missing.yaml'",
        ),
        ("waivers: w.yaml\n", ".leadaudit.yaml:1:10: waivers: no such waivers file 'w.yaml'"),
        (
            "limits:\n  max_depth: 0\n",
            ".leadaudit.yaml:2:14: limits.max_depth: input should be greater than or equal to 1",
        ),
        (
            "- fail_on: error\n",
            ".leadaudit.yaml:1:1: expected a mapping of keys to values at the top of the file, "
            "found a list (a configuration file is a mapping of settings, e.g. fail_on: error)",
        ),
        (
            "outputs:\n  - format: text\n  - format: json\n",
            ".leadaudit.yaml:1:1: outputs: more than one output goes to stdout",
        ),
    ],
)
def test_bad_configuration_is_located_exits_2_and_writes_nothing(
    tmp_path: Path, text: str, message: str
) -> None:
    write(tmp_path / ".leadaudit.yaml", text)
    org = write(tmp_path / "org.yaml", org_text())
    out = tmp_path / "result.json"
    result = run("check", str(org), "--format", "json", "--output", str(out))
    assert result.exit_code == 2
    assert result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_bad_pyproject_table_is_located_at_its_line(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml", "[project]\nname = 'x'\n\n[tool.leadaudit]\nfailon = 'info'\n"
    )
    with pytest.raises(InputError) as exc:
        resolve_settings({}, tmp_path)
    assert exc.value.problems[0].render() == (
        "pyproject.toml:5:1: failon: unknown field 'failon' (did you mean 'fail_on'?)"
    )


def test_invalid_toml_is_an_input_error(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.leadaudit]\nfail_on = \n")
    result = run("config")
    assert result.exit_code == 2
    assert result.stderr.startswith("pyproject.toml: invalid TOML: ")


def test_config_command_shows_values_and_sources(tmp_path: Path) -> None:
    write(tmp_path / ".leadaudit.yaml", "fail_on: warning\nwaivers: waivers.yaml\n")
    write(tmp_path / "waivers.yaml", "waivers: []\n")
    result = run("config", "--framework", "statutory", "--today", "2025-06-30")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"configuration file: .leadaudit.yaml (found from {tmp_path} upward)"
    table = {line.split()[0]: line.split()[1:] for line in lines[2:]}
    assert table["framework"] == ["statutory", "command", "line"]
    assert table["fail_on"] == ["warning", ".leadaudit.yaml:1"]
    assert table["waivers"] == ["waivers.yaml", ".leadaudit.yaml:2"]
    assert table["today"] == ["2025-06-30", "command", "line"]
    assert table["limits.max_depth"] == ["64", "default"]

    data = json.loads(run("config", "--format", "json", "--today", "2025-06-30").stdout)
    assert data["config_file"] == ".leadaudit.yaml"
    assert data["settings"]["fail_on"] == {
        "value": "warning",
        "source": {"kind": "file", "file": ".leadaudit.yaml", "line": 1},
    }
    assert data["settings"]["outputs"]["value"] == [{"format": "text", "path": None}]
    assert data["settings"]["today"]["source"]["kind"] == "command line"


def test_config_command_isolated(tmp_path: Path) -> None:
    write(tmp_path / ".leadaudit.yaml", "fail_on: warning\n")
    result = run("config", "--isolated", "--format", "json")
    data = json.loads(result.stdout)
    assert data["config_file"] is None
    assert data["settings"]["fail_on"]["value"] == "error"


def test_paths_from_a_config_above_the_working_folder_still_resolve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / ".leadaudit.yaml", "framework: fw/ours.yaml\nwaivers: waivers.yaml\n")
    write(tmp_path / "fw" / "ours.yaml", "leadaudit_framework: 1\nname: ours\nextends: rec20\n")
    write(tmp_path / "waivers.yaml", "waivers: []\n")
    write(tmp_path / "org.yaml", org_text())
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    settings, prov = resolve_settings({}, sub)
    assert prov.config_file == "../../.leadaudit.yaml"
    assert settings.framework == "../../fw/ours.yaml"
    assert settings.waivers == Path("../../waivers.yaml")
    result = run("check", "../../org.yaml")
    assert result.exit_code == 0, result.output
    assert "framework ours 1.0" in result.stdout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tool = 3\n", 0),
        ("[tool]\nleadaudit = 3\n", 2),
        ("[tool.leadaudit]\nlimits = 3\n", 2),
    ],
)
def test_odd_pyproject_shapes_never_crash(tmp_path: Path, text: str, expected: int) -> None:
    write(tmp_path / "pyproject.toml", text)
    result = run("config", "--config", "pyproject.toml")
    assert result.exit_code == expected, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
