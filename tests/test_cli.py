"""The command line: every exit code, several files, rules and explain, colour, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leadaudit.version import __version__
from tests.conftest import EXAMPLES
from tests.support import MINIMAL_ORG, invoke, run

COMPLIANT = str(EXAMPLES / "county-compliant.yaml")
GAPS = str(EXAMPLES / "unitary-gaps.yaml")  # errors, warnings and information
WARNINGS_AND_INFO = str(EXAMPLES / "district-shared-cdo.yaml")  # no errors
ALL_RULES = [f"R20-{n:02d}" for n in range(1, 20)]


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def info_only(in_tmp: Path) -> Path:
    """The compliant county without a chief data officer: one information finding."""
    text = (EXAMPLES / "county-compliant.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "capabilities: [chief_data_officer, data_sharing, open_data]",
        "capabilities: [data_sharing, open_data]",
    )
    path = in_tmp / "info-only.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _severities(stdout: str) -> dict[str, int]:
    summary: dict[str, int] = json.loads(stdout)["summary"]
    return summary


# -- exit 0 and 1 -----------------------------------------------------------------------


def test_exit_0_when_compliant() -> None:
    result = invoke("check", COMPLIANT)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "Overall 10.0/10: 0 errors, 0 warnings, 0 info" in result.stdout


def test_exit_1_when_there_are_errors() -> None:
    result = invoke("check", GAPS)
    assert result.exit_code == 1
    assert result.stderr == ""
    assert " R20-02 error: Head of Digital and ICT (head-digital-ict) is 3 levels below " in (
        result.stdout
    )


@pytest.mark.parametrize(
    ("path", "fail_on", "code"),
    [
        (GAPS, "error", 1),
        (GAPS, "never", 0),
        (WARNINGS_AND_INFO, "error", 0),
        (WARNINGS_AND_INFO, "warning", 1),
        (WARNINGS_AND_INFO, "info", 1),
        (WARNINGS_AND_INFO, "never", 0),
        (COMPLIANT, "info", 0),
    ],
)
def test_fail_on_threshold(path: str, fail_on: str, code: int) -> None:
    result = invoke("check", path, "--fail-on", fail_on)
    assert result.exit_code == code


def test_fail_on_info_catches_information_alone(info_only: Path) -> None:
    json_result = invoke("check", str(info_only), "--format", "json")
    assert _severities(json_result.stdout) == {
        "error": 0,
        "warning": 0,
        "info": 1,
        "waived": 0,
        "files": 1,
    }
    assert json_result.exit_code == 0
    assert invoke("check", str(info_only), "--fail-on", "warning").exit_code == 0
    assert invoke("check", str(info_only), "--fail-on", "info").exit_code == 1


def test_fail_on_never_still_reports_the_findings() -> None:
    result = invoke("check", GAPS, "--fail-on", "never", "--format", "json")
    assert result.exit_code == 0
    assert _severities(result.stdout)["error"] == 2


# -- exit 2 -----------------------------------------------------------------------------


def test_exit_2_for_an_input_error(in_tmp: Path) -> None:
    (in_tmp / "org.yaml").write_text(MINIMAL_ORG.replace("county", "countyy"), encoding="utf-8")
    result = invoke("check", "org.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("org.yaml:4:9: authority.type: 'countyy' is not one of: ")


def test_exit_2_for_an_unknown_framework_with_a_suggestion() -> None:
    result = invoke("check", COMPLIANT, "--framework", "rec2O")
    assert result.exit_code == 2
    assert result.stderr == "leadaudit: error: unknown framework 'rec2O' (did you mean 'rec20'?)\n"
    assert result.stdout == ""


def test_exit_2_for_a_missing_framework_file(in_tmp: Path) -> None:
    result = invoke("check", COMPLIANT, "--framework", "mine.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        "leadaudit: error: no such framework file 'mine.yaml' (looked for mine.yaml; "
        "a relative path starts from the current folder)\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("check", COMPLIANT, "--format", "xml"),
        ("check", COMPLIANT, "--fail-on", "sometimes"),
        ("check", COMPLIANT, "--max-depth", "0"),
        ("check", COMPLIANT, "--no-such-option"),
        ("check",),
        ("rules", "--format", "html"),
        ("explain",),
    ],
    ids=[
        "bad format",
        "bad fail-on",
        "bad limit",
        "unknown option",
        "no files",
        "rules format",
        "explain nothing",
    ],
)
def test_exit_2_for_a_bad_option(args: tuple[str, ...]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Usage: leadaudit" in result.stderr


def test_exit_2_for_a_missing_file(in_tmp: Path) -> None:
    result = invoke("check", "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr == "nope.yaml: no such file\n"


def test_exit_2_for_a_folder_without_org_charts(in_tmp: Path) -> None:
    (in_tmp / "charts").mkdir()
    (in_tmp / "charts" / "notes.txt").write_text("not a chart\n", encoding="utf-8")
    result = invoke("check", "charts")
    assert result.exit_code == 2
    assert result.stderr == (
        "leadaudit: error: charts: no org chart found in this folder (looked for .csv, "
        ".yaml, .yml files, hidden ones left out)\n"
    )


def test_exit_2_for_an_output_symlink_which_is_left_alone(in_tmp: Path) -> None:
    target = in_tmp / "elsewhere.json"
    target.write_text("keep me\n", encoding="utf-8")
    (in_tmp / "out.json").symlink_to(target)
    result = invoke("check", COMPLIANT, "--format", "json", "--output", "out.json")
    assert result.exit_code == 2
    assert (
        result.stderr == "leadaudit: error: out.json: refusing to write through a symbolic link\n"
    )
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert (in_tmp / "out.json").is_symlink()


def test_exit_2_for_an_output_in_a_missing_folder(in_tmp: Path) -> None:
    result = invoke("check", COMPLIANT, "--output", "reports/out.txt")
    assert result.exit_code == 2
    assert result.stderr == "leadaudit: error: reports/out.txt: folder reports does not exist\n"
    assert not (in_tmp / "reports").exists()


def test_exit_2_for_an_output_that_is_a_folder(in_tmp: Path) -> None:
    (in_tmp / "reports").mkdir()
    result = invoke("check", COMPLIANT, "--output", "reports")
    assert result.exit_code == 2
    assert result.stderr == "leadaudit: error: reports: is a directory\n"


def test_output_limits_apply_to_the_org_chart_not_the_bundled_framework(in_tmp: Path) -> None:
    (in_tmp / "org.yaml").write_text(MINIMAL_ORG, encoding="utf-8")
    result = invoke("check", "org.yaml", "--max-file-size", "200", "--max-depth", "4")
    assert result.stderr == ""
    assert result.exit_code == 1  # the one-post chart has gaps, but it loads


# -- exit 3 -----------------------------------------------------------------------------


def _boom(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("simulated failure")


def test_exit_3_for_an_internal_error(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("leadaudit.cli.runner.audit", _boom)
    result = invoke("check", COMPLIANT, "--output", "out.txt")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.startswith("leadaudit: internal error: RuntimeError: simulated failure\n")
    assert "This is a bug in leadaudit" in result.stderr
    assert not (in_tmp / "out.txt").exists()


def test_a_reporter_crash_leaves_no_output_file(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (in_tmp / "out.json").write_text("the previous report\n", encoding="utf-8")
    monkeypatch.setattr("leadaudit.reporters.json_format.render", _boom)
    result = invoke("check", COMPLIANT, "--format", "json", "--output", "out.json")
    assert result.exit_code == 3
    assert "internal error" in result.stderr and "bug" in result.stderr
    assert (in_tmp / "out.json").read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in in_tmp.iterdir()) == ["out.json"]


# -- outputs and several files ---------------------------------------------------------------


def test_output_file_holds_what_stdout_would(in_tmp: Path) -> None:
    to_stdout = invoke("check", GAPS, "--format", "json")
    to_file = invoke("check", GAPS, "--format", "json", "--output", "out.json")
    assert to_file.exit_code == to_stdout.exit_code == 1
    assert to_file.stdout == ""
    assert (in_tmp / "out.json").read_text(encoding="utf-8") == to_stdout.stdout


def test_one_bad_file_among_good_ones_gives_exit_2_and_its_problems(in_tmp: Path) -> None:
    (in_tmp / "bad.yaml").write_text(MINIMAL_ORG + "    reports_to: ceo\n", encoding="utf-8")
    result = invoke("check", COMPLIANT, "bad.yaml", GAPS, "--output", "out.txt")
    assert result.exit_code == 2
    assert result.stderr == "bad.yaml:9:17: posts[0].reports_to: post 'ceo' reports to itself\n"
    assert result.stdout == ""
    assert not (in_tmp / "out.txt").exists()


def test_problems_in_several_bad_files_are_all_reported(in_tmp: Path) -> None:
    (in_tmp / "a.yaml").write_text("- a list\n", encoding="utf-8")
    (in_tmp / "b.yaml").write_bytes(b"leadaudit: 1\nname: caf\xe9\n")
    result = invoke("check", "a.yaml", "b.yaml")
    assert result.exit_code == 2
    assert [line.split(": ")[0] for line in result.stderr.splitlines()] == [
        "a.yaml:1:1",
        "b.yaml:2:10",
    ]


def test_two_good_files_give_two_sections() -> None:
    text = invoke("check", COMPLIANT, WARNINGS_AND_INFO)
    assert text.exit_code == 0
    assert f"{COMPLIANT}: Exampleshire County Council (county)" in text.stdout
    assert f"{WARNINGS_AND_INFO}: Wenlow District Council (district)" in text.stdout
    assert text.stdout.rstrip().endswith("2 files: 0 errors, 2 warnings, 2 info")
    payload = json.loads(invoke("check", COMPLIANT, WARNINGS_AND_INFO, "--format", "json").stdout)
    assert [f["file"] for f in payload["files"]] == [COMPLIANT, WARNINGS_AND_INFO]
    assert payload["summary"] == {"error": 0, "warning": 2, "info": 2, "waived": 0, "files": 2}


def test_the_exit_code_reflects_every_file() -> None:
    assert invoke("check", COMPLIANT, GAPS).exit_code == 1
    assert invoke("check", GAPS, COMPLIANT).exit_code == 1


# -- rules and explain --------------------------------------------------------------------


def test_rules_as_text_lists_every_rule() -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines()[1:]]
    assert listed == ALL_RULES


def test_rules_as_json_lists_every_rule() -> None:
    result = invoke("rules", "--format", "json")
    assert result.exit_code == 0
    rules = json.loads(result.stdout)["rules"]
    assert [r["id"] for r in rules] == ALL_RULES
    assert rules[1]["slug"] == "reports-to-top"
    assert rules[1]["severity"] == "error"


def test_rules_as_markdown_lists_every_rule() -> None:
    result = invoke("rules", "--format", "markdown")
    assert result.exit_code == 0
    rows = [line for line in result.stdout.splitlines() if line.startswith("| R20-")]
    assert sorted(row.split(" | ")[0].removeprefix("| ") for row in rows) == ALL_RULES


def test_explain_by_id_and_by_slug() -> None:
    by_id = invoke("explain", "R20-02")
    by_slug = invoke("explain", "reports-to-top")
    lower = invoke("explain", "r20-02")
    assert by_id.exit_code == by_slug.exit_code == lower.exit_code == 0
    assert by_id.stdout == by_slug.stdout == lower.stdout
    assert by_id.stdout.startswith(
        "R20-02 (reports-to-top): The digital leader reports in to the highest level\n"
    )
    assert "Severity:    error" in by_id.stdout
    assert "Remediation:" in by_id.stdout
    assert "How reports_to_top works:" in by_id.stdout


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("R20-99", "unknown rule 'R20-99' in framework rec20 (did you mean 'R20-19'?)"),
        (
            "reports-to-tpo",
            "unknown rule 'reports-to-tpo' in framework rec20 (did you mean 'reports-to-top'?)",
        ),
        ("R20-2", "unknown rule 'R20-2' in framework rec20 (did you mean 'R20-02'?)"),
        ("r20-2", "unknown rule 'r20-2' in framework rec20 (did you mean 'R20-02'?)"),
        (
            "nothing-like-it",
            "unknown rule 'nothing-like-it' in framework rec20 "
            "('leadaudit rules' lists the rule ids)",
        ),
    ],
)
def test_explain_an_unknown_rule(rule: str, message: str) -> None:
    result = invoke("explain", rule)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"leadaudit: error: {message}\n"


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"leadaudit {__version__}\n"


# -- colour and terminals ----------------------------------------------------------------------

_ESC = "\x1b"


@pytest.mark.parametrize("env", [{}, {"NO_COLOR": "1"}], ids=["plain", "NO_COLOR"])
@pytest.mark.parametrize("args", [("check", GAPS), ("rules",)], ids=["check", "rules"])
def test_no_escape_codes_when_not_a_terminal(args: tuple[str, ...], env: dict[str, str]) -> None:
    result = invoke(*args, env=env)
    assert _ESC not in result.output


def test_plain_lines_when_not_a_terminal() -> None:
    result = invoke("check", GAPS)
    findings = [line for line in result.stdout.splitlines() if line.startswith(f"    {GAPS}:")]
    assert len(findings) == 10
    assert all(" error: " in f or " warning: " in f or " info: " in f for f in findings)


def test_force_color_turns_on_the_terminal_layout() -> None:
    result = invoke("check", GAPS, env={"FORCE_COLOR": "1"})
    assert result.exit_code == 1
    assert _ESC in result.stdout


def test_no_color_wins_over_force_color() -> None:
    result = invoke("check", GAPS, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert result.exit_code == 1
    assert _ESC not in result.stdout
    assert "Does not meet Recommendation 20" in result.stdout


def test_json_never_has_escape_codes() -> None:
    result = invoke("check", GAPS, "--format", "json", env={"FORCE_COLOR": "1"})
    assert _ESC not in result.stdout
    json.loads(result.stdout)


# -- determinism ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_same_input_gives_the_same_bytes(fmt: str, in_tmp: Path) -> None:
    files = [GAPS, str(EXAMPLES / "metropolitan-interim.yaml"), WARNINGS_AND_INFO]
    first = invoke("check", *files, "--format", fmt, "--output", "first.out")
    second = invoke("check", *files, "--format", fmt, "--output", "second.out")
    assert first.exit_code == second.exit_code == 1
    assert (in_tmp / "first.out").read_bytes() == (in_tmp / "second.out").read_bytes()
    assert invoke("check", *files, "--format", fmt).stdout_bytes == (
        invoke("check", *files, "--format", fmt).stdout_bytes
    )


def test_output_file_is_written_with_unix_newlines(in_tmp: Path) -> None:
    invoke("check", GAPS, "--output", "out.txt")
    data = (in_tmp / "out.txt").read_bytes()
    assert b"\r\n" not in data
    assert data.endswith(b"\n")


def test_replacing_an_output_keeps_its_permissions(in_tmp: Path) -> None:
    out = in_tmp / "out.txt"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    invoke("check", GAPS, "--output", "out.txt")
    assert out.read_text(encoding="utf-8") != "old\n"
    assert out.stat().st_mode & 0o777 == 0o640


def test_every_registered_format_is_a_check_choice() -> None:
    from leadaudit.cli.options import CheckFormat
    from leadaudit.reporters import FORMATS

    assert [f.value for f in CheckFormat] == list(FORMATS)


def test_rules_and_explain_show_the_severity_at_each_depth(tmp_path: Path) -> None:
    shown = invoke("rules").stdout
    line = next(x for x in shown.splitlines() if x.startswith("R20-02"))
    assert "error at any depth below" in line
    relaxed = tmp_path / "relaxed.yaml"
    relaxed.write_text(
        "leadaudit_framework: 1\nname: relaxed\nextends: rec20\n"
        "overrides:\n  R20-02:\n    check: {warn_depth: 2}\n",
        encoding="utf-8",
    )
    explained = invoke("explain", "R20-02", "--framework", str(relaxed)).stdout
    assert (
        "Severity:    error (passes: direct report or leadership team; error at any depth "
        "below, except warning at depth 2)"
    ) in explained
    as_json = json.loads(invoke("rules", "--format", "json").stdout)
    note = next(r["severity_note"] for r in as_json["rules"] if r["id"] == "R20-02")
    assert note == "passes: direct report or leadership team; error at any depth below"


@pytest.mark.parametrize("command", ["check", "report"])
def test_a_second_framework_is_refused_not_silently_used(command: str) -> None:
    result = invoke(command, COMPLIANT, "-f", "rec20", "-f", "statutory")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "leadaudit: error: --framework was given more than once; it takes one value (run "
        "leadaudit once per framework to audit against several)\n"
    )


COMMANDS = [
    "check",
    "report",
    "rules",
    "explain",
    "capabilities",
    "frameworks",
    "schema",
    "config",
    "init",
    "waive",
]


@pytest.mark.parametrize("width", ["60", "100"])
def test_help_lists_every_command_whole(width: str) -> None:
    text = invoke("--help", env={"COLUMNS": width}).stdout
    assert "..." not in text.split("Commands:")[1]
    for command in COMMANDS:
        assert f"  {command} " in text


@pytest.mark.parametrize("command", COMMANDS)
def test_options_show_no_python_type_names(command: str) -> None:
    text = invoke(command, "--help", env={"COLUMNS": "100"}).stdout
    options = text.split("Options:")[1]
    for python_name in ("<str>", "<int", "<path>", "list[", "<bool>", "<float"):
        assert python_name not in options, (command, python_name)


def test_explain_points_to_the_framework_that_has_the_rule() -> None:
    result = run(["explain", "STAT-08"])
    assert result.exit_code == 2
    assert result.stderr == (
        "leadaudit: error: unknown rule 'STAT-08' in framework rec20 (STAT-08 is in framework"
        " statutory: leadaudit explain STAT-08 --framework statutory)\n"
    )
