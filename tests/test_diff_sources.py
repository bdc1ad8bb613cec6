"""``leadaudit diff`` reading ``REV:path`` from git, the colon rule (a file that exists is
a file), and the two real Trafford organisation structures compared as a person would."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from leadaudit.diff.revision import is_revision
from tests.conftest import FIXTURES, SHARED
from tests.support import invoke

DIFF = FIXTURES / "diff"
REAL = SHARED / "data" / "real"
TRAFFORD = [REAL / f"trafford-council-organisation-structure-{y}-07-01.csv" for y in (2024, 2025)]

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose last commit has charts/org.yaml as before.yaml, and whose working
    tree has it as after.yaml; the current folder is its root."""
    (tmp_path / "charts").mkdir()
    chart = tmp_path / "charts" / "org.yaml"
    chart.write_bytes((DIFF / "before.yaml").read_bytes())
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "charts/org.yaml")
    git(tmp_path, "commit", "-q", "-m", "before")
    chart.write_bytes((DIFF / "after.yaml").read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def diff(*args: str) -> tuple[int, str, str]:
    result = invoke("diff", *args, "--isolated", "--fail-on", "never")
    return result.exit_code, result.stdout, result.stderr


@needs_git
def test_a_revision_and_a_path_from_the_repository_root(repo: Path) -> None:
    code, out, err = diff("HEAD:charts/org.yaml", "charts/org.yaml")
    assert (code, err) == (0, "")
    assert out.startswith("HEAD:charts/org.yaml -> charts/org.yaml: Testshire County Council")
    assert "  retitled: Head of Digital -> Chief Digital Officer (hod)" in out


@needs_git
def test_a_path_from_the_current_folder_with_dot_slash(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "charts")
    code, out, _ = diff("HEAD:./org.yaml", "org.yaml")
    assert code == 0 and "retitled: Head of Digital -> Chief Digital Officer" in out
    # without ./ the path is the repository's: git says so, and how to write it
    code, out, err = diff("HEAD:org.yaml", "org.yaml")
    assert code == 2 and out == ""
    assert err.startswith("HEAD:org.yaml: no such file, and git cannot read it as REVISION:PATH")
    assert "HEAD:./org.yaml" in err and len(err.splitlines()) == 1


@needs_git
@pytest.mark.parametrize(
    ("spec", "said"),
    [
        ("HEAD~1:charts/org.yaml", "invalid object name 'HEAD~1'"),
        ("HEAD:charts/missing.yaml", "'charts/missing.yaml' does not exist in 'HEAD'"),
        ("HEAD:charts", "HEAD:charts: is a tree in git, not a file"),
    ],
)
def test_a_missing_revision_or_path_is_a_clear_input_error(
    repo: Path, spec: str, said: str
) -> None:
    code, out, err = diff(spec, "charts/org.yaml")
    assert (code, out) == (2, "")
    assert err.startswith(f"{spec}: ") and said in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err


def test_outside_a_repository_git_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    code, out, err = diff("HEAD:org.yaml", str(DIFF / "after.yaml"))
    assert (code, out) == (2, "")
    assert err.startswith("HEAD:org.yaml: no such file, and git cannot")


@needs_git
def test_a_file_whose_name_has_a_colon_is_read_as_a_file(repo: Path) -> None:
    # 'HEAD:charts/org.yaml' exists on disk: it is that file, not the committed chart
    (repo / "HEAD:charts").mkdir()
    (repo / "HEAD:charts" / "org.yaml").write_bytes((DIFF / "after.yaml").read_bytes())
    code, out, _ = diff("HEAD:charts/org.yaml", "charts/org.yaml")
    assert code == 0 and "Posts: 0 added, 0 removed, 0 retitled" in out
    (repo / "a:b.yaml").write_bytes((DIFF / "before.yaml").read_bytes())
    code, out, _ = diff("a:b.yaml", "charts/org.yaml")
    assert code == 0 and out.startswith("a:b.yaml -> charts/org.yaml:")


def test_the_colon_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a:b.yaml").write_text("x", encoding="utf-8")
    assert not is_revision("a:b.yaml")  # exists: a file
    assert is_revision("main:org.yaml")  # does not exist: git
    assert is_revision(":org.yaml")  # the index's copy
    assert not is_revision("org.yaml")  # no colon: a file, missing or not
    assert not is_revision("C:\\charts\\org.yaml")  # a Windows drive, never git
    assert not is_revision("C:/charts/org.yaml")


def test_a_revision_never_starts_an_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("diff", "--isolated", "--", "--output=x:org.yaml", str(DIFF / "after.yaml"))
    code, out, err = result.exit_code, result.stdout, result.stderr
    assert (code, out) == (2, "")
    assert "a revision cannot start with '-'" in err
    assert not (tmp_path / "x").exists()


# -- the real Trafford structures, 2024 and 2025 --------------------------------------------


def _trafford_ready() -> bool:
    if not all(p.is_file() for p in TRAFFORD):
        return False
    return invoke("check", str(TRAFFORD[0]), "--isolated", "--fail-on", "never").exit_code == 0


trafford = pytest.mark.skipif(
    not _trafford_ready(), reason="the Trafford CSVs or the csv importer are not available"
)


def test_the_fixture_notes_match_the_csvs() -> None:
    """What a person finds comparing the two files by title (the notes the test below
    checks the diff against), worked out again from the CSVs themselves."""
    if not all(p.is_file() for p in TRAFFORD):
        pytest.skip("the Trafford CSVs are not available")
    titles = []
    for path in TRAFFORD:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            titles.append({row["JobTitle"] for row in csv.DictReader(handle)})
    assert titles[0] - titles[1] >= {"Head of Strategic Procurement", "Senior Commercial Manager"}
    assert titles[1] - titles[0] >= {"Finance Manager", "Head of Music service/Music Advisor"}


@trafford
def test_trafford_2024_to_2025_finds_what_a_person_finds() -> None:
    import json

    result = invoke("diff", *map(str, TRAFFORD), "--isolated", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    posts = data["posts"]
    assert sorted(p["title"] for p in posts["removed"]) == [
        *["Head of Strategic Procurement"] * 4,
        "Senior Commercial Manager",
        "Senior Estates Contract Manager (FM & Capital)",
    ]
    assert sorted(p["title"] for p in posts["added"]) == [
        "Advisor (Inclusion)/SENAS Team Leader",
        "Deputy Head of Exchequer Services",
        "Finance Manager",
        "Head of Commissioning for Children & Young People",
        "Head of Music service/Music Advisor",
        "Public Health Programme Manager",
    ]
    assert {(p["old"]["title"], p["new"]["title"]) for p in posts["retitled"]} == {
        ("Lead for SEND and Inclusion", "Head of SEND and Inclusion"),
        ("Service Manager", "Service Manager (OSfE)"),
        ("Strategic & Neighbourhood Lead Central", "Strategic & Neighbourhood Lead Central/West"),
        ("Strategic & Neighbourhood Lead North", "Strategic & Neighbourhood Lead North/South"),
    }
    moved = {m["new"]["title"]: m for m in data["moved"]}
    dph = moved["Director of Public Health"]  # Level 3 under Adults to Level 2
    assert dph["old_manager"]["title"] == "Corporate Director of Adults and Wellbeing"
    assert dph["new_manager"]["title"].startswith("Chief Executive")
    basis = {(b["new"]["title"], b["old"]["basis"], b["new"]["basis"]) for b in data["basis"]}
    # Vacant in 2025, covered by an interim consultancy or agency as the Comments say
    assert ("Corporate Director of Adults and Wellbeing", "permanent", "interim") in basis
    assert ("Director of Adults", "permanent", "agency") in basis
    assert ("School Improvement Advisor - Primary", "vacant", "agency") in basis
    assert ("Service Manager (OSfE)", "permanent", "vacant") in basis
    assert len(basis) == 7


@needs_git
@trafford
def test_a_published_csv_is_read_from_git_by_its_ending(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chart = tmp_path / "structure.csv"
    chart.write_bytes(TRAFFORD[0].read_bytes())
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "structure.csv")
    git(tmp_path, "commit", "-q", "-m", "2024")
    chart.write_bytes(TRAFFORD[1].read_bytes())
    monkeypatch.chdir(tmp_path)
    code, out, err = diff("HEAD:structure.csv", "structure.csv")
    assert (code, err) == (0, "")
    assert "Posts: 6 added, 6 removed, 4 retitled (80 before, 80 after)" in out
