"""Folders as inputs: which files inside are org charts, in what order, and what is passed
over (hidden files, other YAML, excluded files, links)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leadaudit.collect import chart_suffixes
from leadaudit.importers import FORMATS
from tests.conftest import EXAMPLES
from tests.support import invoke

COUNTY = EXAMPLES / "county-compliant.yaml"
DISTRICT = EXAMPLES / "district-shared-cdo.yaml"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _tree(root: Path) -> None:
    """Charts at two depths, and the YAML a governance repository also holds."""
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(COUNTY, root / "b" / "deep" / "z-county.yaml")
    shutil.copy(DISTRICT, root / "a-district.yml")
    shutil.copy(COUNTY, root / "b" / "c-county.yaml")
    shutil.copy(COUNTY, root / ".github" / "workflows" / "hidden-chart.yaml")
    (root / ".leadaudit.yaml").write_text("framework: rec20\n", encoding="utf-8")
    (root / "b" / "waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    (root / "b" / "notes.txt").write_text("leadaudit: 1\n", encoding="utf-8")


def _files_audited(stdout: str) -> list[str]:
    return [line.split(":")[0] for line in stdout.splitlines() if line.startswith("charts/")]


def test_the_suffixes_come_from_the_input_format_registry() -> None:
    every = {suffix for spec in FORMATS.values() for suffix in spec.suffixes}
    assert set(chart_suffixes()) == every
    assert chart_suffixes("lga") == (".csv",)  # a format with no ending: its module's
    assert chart_suffixes("yaml") == (".yaml", ".yml")


def test_a_folder_is_searched_recursively_in_path_order(in_tmp: Path) -> None:
    _tree(in_tmp / "charts")
    result = invoke("check", "charts", "--format", "text")
    assert result.exit_code == 0, result.stderr
    assert _files_audited(result.stdout) == [
        "charts/a-district.yml",
        "charts/b/c-county.yaml",
        "charts/b/deep/z-county.yaml",
    ]


def test_yaml_that_is_not_a_chart_is_passed_over_and_counted(in_tmp: Path) -> None:
    _tree(in_tmp / "charts")
    result = invoke("check", "charts")
    assert result.stderr == (
        "leadaudit: 3 org charts found; passed over 1 file in the folders given (1 no "
        "top-level 'leadaudit: 1', so not an org chart)\n"
    )


def test_a_chart_named_outright_is_audited_even_in_a_hidden_folder(in_tmp: Path) -> None:
    _tree(in_tmp / "charts")
    result = invoke("check", "charts/.github/workflows/hidden-chart.yaml")
    assert result.exit_code == 0
    assert "hidden-chart.yaml: Exampleshire County Council" in result.stdout


def test_the_configurations_excludes_hold_inside_folders(in_tmp: Path) -> None:
    _tree(in_tmp / "charts")
    (in_tmp / ".leadaudit.yaml").write_text("exclude: [deep/]\n", encoding="utf-8")
    result = invoke("check", "charts")
    assert _files_audited(result.stdout) == ["charts/a-district.yml", "charts/b/c-county.yaml"]
    assert "1 excluded by the configuration" in result.stderr


def test_links_inside_a_folder_are_not_followed(in_tmp: Path) -> None:
    (in_tmp / "charts").mkdir()
    shutil.copy(COUNTY, in_tmp / "charts" / "county.yaml")
    (in_tmp / "charts" / "again.yaml").symlink_to(in_tmp / "charts" / "county.yaml")
    (in_tmp / "charts" / "loop").symlink_to(in_tmp / "charts")
    result = invoke("check", "charts")
    assert _files_audited(result.stdout) == ["charts/county.yaml"]
    assert "2 a symbolic link, not followed" in result.stderr


def test_a_file_in_a_named_folder_and_named_itself_is_audited_once(in_tmp: Path) -> None:
    (in_tmp / "charts").mkdir()
    shutil.copy(COUNTY, in_tmp / "charts" / "county.yaml")
    result = invoke("check", "charts/county.yaml", "charts", "--format", "json")
    assert result.stdout.count('"authority": {') == 1


def test_a_broken_chart_in_a_folder_is_located_and_nothing_is_written(in_tmp: Path) -> None:
    _tree(in_tmp / "charts")
    (in_tmp / "charts" / "b" / "broken.yaml").write_text(
        "leadaudit: 1\nauthority: [\n", encoding="utf-8"
    )
    result = invoke("check", "charts", "--format", "json", "-o", "out.json")
    assert result.exit_code == 2
    assert "charts/b/broken.yaml:3:1: invalid YAML" in result.stderr
    assert not (in_tmp / "out.json").exists()


def test_csv_files_in_a_folder_are_read_by_their_importer(in_tmp: Path) -> None:
    (in_tmp / "charts").mkdir()
    (in_tmp / "charts" / "budget.csv").write_text("year,amount\n2024,3\n", encoding="utf-8")
    shutil.copy(COUNTY, in_tmp / "charts" / "county.yaml")
    result = invoke("check", "charts")
    assert _files_audited(result.stdout) == ["charts/county.yaml"]
    assert "neither a council organisation structure's nor an organogram's" in result.stderr


def test_report_takes_a_folder(in_tmp: Path) -> None:
    (in_tmp / "charts").mkdir()
    shutil.copy(COUNTY, in_tmp / "charts" / "county.yaml")
    shutil.copy(DISTRICT, in_tmp / "charts" / "district.yaml")
    result = invoke("report", "charts")
    assert result.exit_code == 0
    assert "Exampleshire County Council" in result.stdout
    assert "Wenlow District Council" in result.stdout
