"""check-changed: the configuration's exclude patterns hold even for files named on the
command line, files plainly not org charts are passed over, and the rest is audited as
'leadaudit check' audits it, with its options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leadaudit.config.exclude import Exclude, pattern_problem
from leadaudit.importers.sniff import not_a_chart
from tests.conftest import EXAMPLES
from tests.support import invoke
from tests.support_config import org_text, write


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("pattern", "path", "matched"),
    [
        ("drafts/", "drafts/a.yaml", True),
        ("drafts/", "council/drafts/old/a.yaml", True),  # no '/' before the end: any depth
        ("drafts/", "drafts.yaml", False),  # a trailing '/' matches folders only
        ("drafts", "drafts", True),
        ("*.draft.yaml", "charts/easton.draft.yaml", True),
        ("*.draft.yaml", "charts/easton.yaml", False),
        ("charts/old.yaml", "charts/old.yaml", True),
        ("charts/old.yaml", "archive/charts/old.yaml", False),  # anchored to the folder
        ("/old.yaml", "old.yaml", True),
        ("/old.yaml", "charts/old.yaml", False),
        ("charts/*.yaml", "charts/a.yaml", True),
        ("charts/*.yaml", "charts/sub/a.yaml", False),  # '*' stays within a segment
        ("charts/**/*.yaml", "charts/sub/deeper/a.yaml", True),
        ("charts/**/*.yaml", "charts/a.yaml", True),
        ("**/test-*.yaml", "a/b/test-1.yaml", True),
        ("org?.yaml", "org1.yaml", True),
        ("org?.yaml", "org12.yaml", False),
        ("[ab].yaml", "[ab].yaml", True),  # brackets are plain characters
        ("[ab].yaml", "a.yaml", False),
    ],
)
def test_exclude_patterns_match_as_gitignore_lines(
    here: Path, pattern: str, path: str, matched: bool
) -> None:
    assert pattern_problem(pattern) is None
    assert (Exclude.of(Path(), (pattern,)).match(Path(path)) == pattern) is matched


def test_patterns_are_relative_to_the_configuration_folder(here: Path) -> None:
    exclude = Exclude.of(Path("governance"), ("drafts/", "/top.yaml"))
    assert exclude.match(Path("governance/drafts/a.yaml")) == "drafts/"
    assert exclude.match(Path("./governance/../governance/top.yaml")) == "/top.yaml"
    assert exclude.match(here / "governance" / "top.yaml") == "/top.yaml"
    assert exclude.match(Path("drafts/a.yaml")) is None  # outside the folder
    assert exclude.match(Path("top.yaml")) is None


@pytest.mark.parametrize("pattern", ["../shared/*.yaml", "a/../../b", "C:/x", "drafts\\x", "/"])
def test_a_pattern_outside_the_folder_or_empty_is_refused(pattern: str) -> None:
    assert pattern_problem(pattern) is not None


def test_a_bad_pattern_is_a_located_configuration_error(here: Path) -> None:
    write(here / ".leadaudit.yaml", "exclude:\n  - drafts/\n  - ../shared/\n")
    write(here / "org.yaml", org_text())
    result = invoke("check-changed", "org.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        ".leadaudit.yaml:3:5: exclude[1]: '../shared/' is outside the configuration file's folder"
    )
    assert result.stdout == ""


def test_config_shows_the_exclude_patterns_and_where_they_were_set(here: Path) -> None:
    write(here / ".leadaudit.yaml", "fail_on: error\nexclude: [drafts/, '*.draft.yaml']\n")
    text = invoke("config").stdout
    assert "exclude                 drafts/, *.draft.yaml  .leadaudit.yaml:2" in text
    data = json.loads(invoke("config", "--format", "json").stdout)["settings"]["exclude"]
    assert data["value"] == ["drafts/", "*.draft.yaml"]
    assert data["source"] == {"kind": "file", "file": ".leadaudit.yaml", "line": 2}
    isolated = json.loads(invoke("config", "--isolated", "--format", "json").stdout)
    assert isolated["settings"]["exclude"]["value"] == []


def test_the_exclude_setting_is_in_the_configuration_schema() -> None:
    schema = json.loads(invoke("schema", "config").stdout)
    assert schema["properties"]["exclude"]["anyOf"][0]["type"] == "array"


@pytest.mark.parametrize(
    ("text", "is_chart"),
    [
        (org_text(), True),
        ('"leadaudit": 1\nposts: []\n', True),
        ("# header\n---\n{leadaudit: 1, posts: []}\n", True),  # flow style: cannot tell
        ("authority:\n  name: X\nleadaudit: 1\n", True),  # the key need not come first
        ("leadaudit: 1\nposts: [\n", True),  # broken, but a chart: check says what is wrong
        ("leadaudit: one\n", True),  # the wrong version is check's to report
        ("leadaudit:\n  script: [leadaudit check org.yaml]\n", False),  # a GitLab job
        ("leadaudit: {script: x}\n", False),
        ("leadaudit_framework: 1\nname: ours\n", False),  # a framework
        ("waivers: []\n", False),
        ("fail_on: error\n", False),  # a configuration file
        ("# leadaudit: 1\n", False),
        ("  leadaudit: 1\n", False),  # not top level
        ("", False),
    ],
)
def test_yaml_files_without_the_format_key_are_plainly_not_charts(
    tmp_path: Path, text: str, is_chart: bool
) -> None:
    path = tmp_path / "file.yaml"
    path.write_text(text, encoding="utf-8")
    assert (not_a_chart(path) is None) is is_chart


def test_files_that_cannot_be_read_are_kept_for_check_to_report(tmp_path: Path) -> None:
    binary = tmp_path / "photo.yaml"
    binary.write_bytes(b"\x00\x01\xff\xfe garbage")
    assert not_a_chart(binary) is None
    assert not_a_chart(tmp_path / "missing.yaml") is None
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes(org_text().encode("utf-16"))
    assert not_a_chart(utf16) is None


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("JobTitle,Level,Directorate\n", None),
        ("Post Unique Reference,Name,Job Title\n", None),
        ("Parent Department,Reporting Senior Post,Grade\n", "junior-staff"),
        ("line,amount\n", "neither"),
    ],
)
def test_csv_files_are_told_apart_by_their_header(
    tmp_path: Path, header: str, reason: str | None
) -> None:
    path = write(tmp_path / "table.csv", header + "a,b,c\n")
    found = not_a_chart(path)
    assert found is None if reason is None else reason in str(found)
    # a CSV format named outright is taken at its word
    assert not_a_chart(path, "lga") is None


def _governance(here: Path) -> None:
    write(here / ".leadaudit.yaml", "exclude: [drafts/]\n")
    write(here / "org.yaml", (EXAMPLES / "unitary-gaps.yaml").read_text(encoding="utf-8"))
    write(here / "drafts" / "restructure.yaml", "leadaudit: 1\nposts: [\n")
    write(here / "minutes.yaml", "meeting: 2025-03-04\n")
    write(here / ".gitlab-ci.yml", "leadaudit:\n  script: [leadaudit check org.yaml]\n")


def test_check_changed_audits_the_charts_with_checks_options(here: Path) -> None:
    _governance(here)
    files = ("org.yaml", "drafts/restructure.yaml", "minutes.yaml", ".gitlab-ci.yml")
    result = invoke("check-changed", "--format", "json", "--fail-on", "never", *files)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [f["file"] for f in data["files"]] == ["org.yaml"]
    assert result.stderr == (
        "leadaudit check-changed: 1 of 4 files audited; passed over drafts/restructure.yaml "
        "(excluded by 'drafts/'); minutes.yaml (no top-level 'leadaudit: 1', so not an org "
        "chart); .gitlab-ci.yml (no top-level 'leadaudit: 1', so not an org chart)\n"
    )
    failing = invoke("check-changed", *files)
    assert failing.exit_code == 1
    assert "org.yaml:49:5: R20-02 error:" in failing.stdout


def test_check_changed_with_no_chart_among_the_files_passes(here: Path) -> None:
    _governance(here)
    result = invoke("check-changed", "drafts/restructure.yaml", "minutes.yaml")
    assert (result.exit_code, result.stdout) == (0, "")
    assert "0 of 2 files audited" in result.stderr


def test_isolated_check_changed_ignores_the_exclude_patterns(here: Path) -> None:
    _governance(here)
    result = invoke("check-changed", "--isolated", "drafts/restructure.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("drafts/restructure.yaml:3:1: invalid YAML")


def test_check_itself_audits_a_named_file_whatever_the_exclude_patterns(here: Path) -> None:
    _governance(here)
    result = invoke("check", "drafts/restructure.yaml")
    assert result.exit_code == 2
    assert "invalid YAML" in result.stderr


def test_check_changed_reports_a_usage_error_as_check_does(here: Path) -> None:
    _governance(here)
    unknown = invoke("check-changed", "--fail-on", "sometimes", "org.yaml")
    assert unknown.exit_code == 2
    assert "Invalid value for '--fail-on'" in unknown.stderr
    missing = invoke("check-changed", "--fail-on", "never")
    assert missing.exit_code == 2
    assert "Missing argument" in missing.stderr
