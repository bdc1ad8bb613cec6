"""A file read in the wrong format says which format it looks like."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.support import run

LGA_HEADER = (
    "OrganisationLabel,OrganisationURI,EffectiveDate,Level,JobTitle,Name,Grade,Directorate,"
    "Service,ContractType,SharedPost,ContactDetails,SalaryBand,MaximumSalary,Vacancy,Comments\n"
)
ORGANOGRAM_HEADER = (
    "Post Unique Reference,Name,Grade (or equivalent),Job Title,Job/Team Function,"
    "Parent Department,Organisation,Unit,Contact Phone,Contact E-mail,Reports to Senior Post\n"
)


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        (LGA_HEADER, "a council's organisation structure CSV"),
        (ORGANOGRAM_HEADER, "an organogram's senior-staff CSV"),
        ("a,b,c,d\n1,2,3,4\n", "a CSV file"),
    ],
    ids=["lga", "organogram", "other"],
)
def test_a_csv_named_yaml_says_it_looks_like_a_csv(tmp_path: Path, header: str, kind: str) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(header, encoding="utf-8")
    result = run(["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:1:1: this looks like {kind}, not YAML (name it .csv, or pass --input-format"
        " csv; leadaudit import turns it into YAML)\n"
    )


def test_a_yaml_chart_named_csv_says_it_looks_like_yaml(tmp_path: Path) -> None:
    path = tmp_path / "org.csv"
    path.write_bytes((EXAMPLES / "unitary-gaps.yaml").read_bytes())
    result = run(["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:1:1: this looks like a leadaudit YAML chart, not a CSV (name it .yaml, or pass"
        " --input-format yaml)\n"
    )


def test_a_csv_of_neither_format_names_the_header_it_found(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_text("Name,Role,Team,Manager\nA,Head of IT,Digital,B\n", encoding="utf-8")
    result = run(["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:1:1: a CSV that is neither a council organisation structure nor an organogram"
        " (header: Name, Role, Team, Manager) (map its columns onto the LGA ones with"
        " leadaudit import --columns FILE)\n"
    )
