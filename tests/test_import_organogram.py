"""data.gov.uk organograms imported: each quirk of the published files, through the importer,
the loader and the command line, and every real organogram in ../shared/data/real."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadaudit.errors import InputError
from leadaudit.framework import load_framework
from leadaudit.importers import organogram
from leadaudit.importers.capability_map import load_mapping
from leadaudit.importers.csv_chart import ImportOptions, import_bytes
from leadaudit.importers.imported import Imported
from leadaudit.importers.table import read_table
from leadaudit.limits import Limits
from leadaudit.orgchart import load_orgchart, load_orgchart_bytes
from tests.conftest import FIXTURES, SHARED
from tests.support import run

HERE = FIXTURES / "import" / "organogram"
OFFICE = HERE / "office-of-examples-2020-03-31-senior.csv"
OFFICE_JUNIOR = HERE / "office-of-examples-2020-03-31-junior.csv"
TREES = HERE / "two-trees-senior.csv"
TREES_JUNIOR = HERE / "two-trees-junior.csv"
CP1252 = HERE / "cp1252-30-Sept-2013-senior.csv"
LOST = HERE / "lost-characters-senior.csv"

REAL = SHARED / "data" / "real" / "organograms"
REAL_SENIOR = sorted(REAL.glob("*-senior.csv")) if REAL.is_dir() else []

HEADER = "Post Unique Reference,Name,Job Title,Organisation,Unit,Reports to Senior Post\n"
JUNIOR_HEADER = "Reporting Senior Post,Grade,Generic Job Title,Number of Posts in FTE\n"


def imported(path: Path, junior: Path | None = None) -> Imported:
    return import_bytes(path.read_bytes(), str(path), ImportOptions(junior=junior), Limits())


def posts(result: Imported) -> dict[str, dict[str, Any]]:
    return {str(p["id"]): p for p in result.data["posts"]}


def inferred(post: dict[str, Any], field: str) -> list[dict[str, Any]]:
    return [e for e in post.get("inferred", []) if e["field"] == field]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path, junior: Path | None = None) -> list[str]:
    """The located problems importing ``path`` gives, each as the CLI renders it."""
    with pytest.raises(InputError) as caught:
        imported(path, junior)
    return [p.render() for p in caught.value.problems]


# -- a senior file ----------------------------------------------------------------------


def test_detect_tells_a_senior_file_from_a_junior_one() -> None:
    senior = read_table(OFFICE.read_bytes(), OFFICE.name)
    junior = read_table(OFFICE_JUNIOR.read_bytes(), OFFICE_JUNIOR.name)
    assert organogram.detect(senior) and not organogram.is_junior(senior)
    assert organogram.is_junior(junior) and not organogram.detect(junior)


def test_a_senior_file_becomes_posts_with_ids_from_their_references() -> None:
    result = imported(OFFICE)
    found = posts(result)
    assert list(found) == ["ref-1001", "ref-1002", "ref-1003", "ref-1004", "ref-1005", "ref-1006"]
    assert result.data["authority"] == {"name": "Office for Examples", "type": "other"}
    assert result.data["imported_from"]["format"] == "organogram"
    assert result.data["imported_from"]["date"] == "2020-03-31"
    cdo = found["ref-1003"]
    assert cdo["title"] == "Chief Digital Officer"
    assert cdo["reports_to"] == "ref-1002"
    assert cdo["directorate"] == "Digital"
    assert cdo["responsibilities"] == ["Leads digital, data and technology across the office"]
    assert "digital_leadership" in cdo["capabilities"]
    # the profession is mapped too, with its own (low) confidence
    assert {e["value"]: e["confidence"] for e in inferred(cdo, "capabilities")} == {
        "digital_architecture": "low",
        "digital_leadership": "high",
    }


def test_every_reporting_line_comes_from_the_file() -> None:
    rows = list(csv.DictReader(io.StringIO(OFFICE.read_text(encoding="utf-8"))))
    boss = {f"ref-{r['Post Unique Reference']}": r["Reports to Senior Post"] for r in rows}
    for pid, post in posts(imported(OFFICE)).items():
        assert not inferred(post, "reports_to")
        expected = None if boss[pid] == "XX" else f"ref-{boss[pid]}"
        assert post.get("reports_to") == expected


def test_posts_are_located_at_their_csv_line_and_field() -> None:
    result = imported(OFFICE)
    index = list(posts(result)).index("ref-1003")
    assert result.marks[("posts", index)] == (4, 1)
    assert result.marks[("posts", index, "title")] == (4, 4)
    assert result.marks[("posts", index, "reports_to")] == (4, 11)
    assert result.marks[("posts", index, "directorate")] == (4, 8)


def test_name_sentinels_give_the_basis_and_the_holder() -> None:
    found = posts(imported(OFFICE))
    assert found["ref-1001"]["holder"] == "Alex Example"
    assert found["ref-1003"]["holder"] == "REDACTED"  # a name, as the file gives it
    assert found["ref-1004"]["basis"] == "vacant" and "holder" not in found["ref-1004"]
    for pid in ("ref-1002", "ref-1005", "ref-1006"):  # N/D, n/a, blank
        assert "holder" not in found[pid] and "basis" not in found[pid]


def test_a_unit_that_is_a_sentinel_gives_no_directorate() -> None:
    post = posts(imported(OFFICE))["ref-1006"]  # Unit N/A
    assert "directorate" not in post
    assert post["responsibilities"] == ["Statistics and open data"]  # a description, not a team


def test_the_one_top_post_is_head_of_paid_service() -> None:
    top = posts(imported(OFFICE))["ref-1001"]  # 'Permanent Secretary': no title mapping
    assert top["capabilities"] == ["head_of_paid_service"]
    assert inferred(top, "capabilities") == [
        {
            "field": "capabilities",
            "value": "head_of_paid_service",
            "source": "the file's one top post (Reports to Senior Post XX)",
            "confidence": "medium",
        }
    ]


def test_an_organogram_loads_as_a_chart() -> None:
    fw = load_framework()
    org = load_orgchart(OFFICE, fw.capabilities)
    assert org.top == "ref-1001"
    assert org.depth["ref-1003"] == 2
    assert org.org.imported_from is not None and org.org.imported_from.format == "organogram"


def test_check_locates_findings_at_the_csv_line() -> None:
    result = run(["check", str(OFFICE), "--format", "json"])
    assert result.exit_code == 1, result.output
    found = json.loads(result.stdout)["findings"]
    depth = next(f for f in found if f["rule"] == "R20-02")
    assert depth["subject"] == "ref-1003"
    assert (depth["file"], depth["line"], depth["column"]) == (str(OFFICE), 4, 1)
    assert depth["message"].startswith(
        "Chief Digital Officer (ref-1003) is 2 levels below Permanent Secretary (ref-1001)"
    )


# -- several tops, and what a chart may not hold ------------------------------------------


def test_several_tops_get_a_post_for_the_organisation_above_them() -> None:
    result = imported(TREES)
    found = posts(result)
    first = result.data["posts"][0]
    assert first["id"] == "organisation"
    assert first["title"] == "Department for Trees"
    assert "reports_to" not in first and "capabilities" not in first
    assert first["responsibilities"][0].startswith("Added by leadaudit, not in the file")
    assert result.marks[("posts", 0)] == (2, 8)  # the first top's Organisation cell
    for top in ("ref-0034860", "ref-00034860"):  # XX and xx
        assert found[top]["reports_to"] == "organisation"
        [line] = inferred(found[top], "reports_to")
        assert line["value"] == "organisation"
        assert line["confidence"] == "high"
        assert line["source"].startswith("Reports to Senior Post is XX: one of the file's 2 top")
    assert any(
        n.startswith("2 top posts: ref-0034860 (Chief Executive), ref-00034860 (Chief Executive);")
        and "every depth is one more" in n
        for n in result.notes
    )


def test_with_several_tops_nobody_is_taken_as_head_of_paid_service() -> None:
    result = imported(TREES)
    holders = [
        p["id"] for p in result.data["posts"] if "head_of_paid_service" in p.get("capabilities", [])
    ]
    assert holders == []
    assert (
        "titles that read as head of paid service, not taken as one (the file does not say who"
        " is): ref-0034860, ref-00034860, ref-AG2" in result.notes
    )


def test_a_chief_executive_below_the_one_top_is_not_head_of_paid_service(tmp_path: Path) -> None:
    path = write(
        tmp_path / "dept.csv",
        HEADER
        + "1,N/D,Permanent Secretary,Dept,Office,XX\n"
        + "2,N/D,Chief Executive of the Agency,Dept,Agency,1\n",
    )
    result = imported(path)
    found = posts(result)
    assert found["ref-1"]["capabilities"] == ["head_of_paid_service"]
    assert "capabilities" not in found["ref-2"] and "inferred" not in found["ref-2"]
    assert "ref-2" in result.unmapped
    assert (
        "titles that read as head of paid service, not taken as one (the top post, ref-1, is):"
        " ref-2" in result.notes
    )
    load_orgchart(path, load_framework().capabilities)  # one head of paid service: it loads


def test_references_are_text_so_leading_zeros_make_another_post() -> None:
    found = posts(imported(TREES))
    assert found["ref-JS1"]["reports_to"] == "ref-0034860"
    assert found["ref-AG1"]["reports_to"] == "ref-00034860"
    assert found["ref-0034860"]["directorate"] == "Head Office"
    assert found["ref-00034860"]["directorate"] == "Tree Agency"


def test_header_drift_is_read_through() -> None:
    # an unnamed index column first, an unnamed column in the middle, headers in any case,
    # Grade rather than Grade (or equivalent), no URI/source columns
    found = posts(imported(TREES))
    assert found["ref-AG1"]["title"] == "Head of Operations"
    assert found["ref-AG1"]["basis"] == "vacant"  # NAME 'vacant'


def test_eliminated_posts_are_left_out_and_counted() -> None:
    result = imported(TREES)
    found = posts(result)
    assert "ref-EL1" not in found
    assert "1 eliminated post left out (Name 'Eliminated'): 'EL1' (line 7)" in result.notes
    assert (
        "11 senior rows: 8 senior posts (2 eliminated rows left out, 1 job-share row merged into"
        " the post of the same reference)" in result.notes
    )


def test_a_line_to_an_eliminated_post_goes_to_the_live_post_above_it() -> None:
    result = imported(TREES)
    live = posts(result)["ref-LIVE1"]
    assert live["reports_to"] == "ref-JS1"
    assert inferred(live, "reports_to") == [
        {
            "field": "reports_to",
            "value": "ref-JS1",
            "source": "the file's line goes to eliminated post 'EL1' (line 7), left out: drawn to"
            " the live post above",
            "confidence": "medium",
        }
    ]
    assert (
        "lines that went to an eliminated post, drawn to the live post above it (inferred):"
        " ref-LIVE1" in result.notes
    )


def test_a_job_share_is_one_post_naming_every_holder(tmp_path: Path) -> None:
    path = write(
        tmp_path / "share.csv",
        HEADER
        + "1,N/D,Permanent Secretary,Dept,Office,XX\n"
        + "2,A. Person,Director of Digital,Dept,Digital,1\n"
        + "2,B. Person,Director of Digital,Dept,Digital,1\n"
        + "3,Vacant,Head of Data,Dept,Digital,2\n"
        + "3,N/D,Head of Data,Dept,Digital,2\n",
    )
    result = imported(path)
    found = posts(result)
    assert list(found) == ["ref-1", "ref-2", "ref-3"]
    assert found["ref-2"]["holder"] == "A. Person and B. Person"
    assert "basis" not in found["ref-3"]  # half vacant is not vacant
    assert (
        "job shares (one reference on several rows), each one post naming every holder:"
        " ref-2 (lines 3, 4), ref-3 (lines 5, 6)" in result.notes
    )


def test_the_eliminated_half_of_a_job_share_leaves_the_post() -> None:
    result = imported(TREES)
    assert posts(result)["ref-JS2"]["holder"] == "REDACTED"
    assert "eliminated rows of posts that go on, left out: ref-JS2 (line 10)" in result.notes


def test_a_placeholder_reference_gets_an_id_from_its_line(tmp_path: Path) -> None:
    result = imported(TREES)
    found = posts(result)
    assert found["line-9"]["title"] == "Not in Post"
    assert found["line-9"]["reports_to"] == "ref-00034860"
    assert "directorate" not in found["line-9"] and "responsibilities" not in found["line-9"]
    assert (
        "references that name no post (blank, N/D or zeros): those rows have ids made from their"
        " line: line-9 ('0')" in result.notes
    )
    path = write(
        tmp_path / "zeros.csv",
        HEADER
        + "1,N/D,Head,Dept,Office,XX\n000000000,N/D,Chief Executive of X,Dept,X,1\n,,Blank,Dept,X,1\n",
    )
    assert list(posts(imported(path))) == ["ref-1", "line-3", "line-4"]


@pytest.mark.parametrize("reference", ["0034860", "1", "ABC/12", "x y"])
def test_is_placeholder_keeps_real_references(reference: str) -> None:
    assert not organogram.is_placeholder(reference)


@pytest.mark.parametrize("reference", ["", "0", "000", "N/D", "n/a", "-"])
def test_is_placeholder_finds_placeholders(reference: str) -> None:
    assert organogram.is_placeholder(reference)


def test_a_quoted_line_break_keeps_the_line_a_record_starts_on() -> None:
    result = imported(TREES)
    found = list(posts(result))
    assert posts(result)["ref-JS2"]["title"] == "Head of Estates"  # 'Head of\nEstates'
    assert result.marks[("posts", found.index("ref-JS2"))] == (12, 1)
    assert result.marks[("posts", found.index("ref-AG2"))] == (14, 1)


def test_a_windows_1252_file_reads_its_titles_right() -> None:
    result = imported(CP1252)
    found = posts(result)
    assert result.data["authority"]["name"] == "Agence Café Example"
    assert found["ref-A2"]["title"] == "Head of Digital \u2013 Services"
    assert found["ref-A2"]["responsibilities"] == ["Digital services for the agency\u2019s users"]
    assert found["ref-A3"]["title"] == "Défense Attaché"
    assert "read as Windows-1252: the file is not UTF-8" in result.notes
    assert result.data["imported_from"]["date"] == "2013-09-30"  # from '30-Sept-2013'


def test_lost_characters_are_noted_with_the_posts_they_touch() -> None:
    result = imported(LOST)
    assert posts(result)["ref-2"]["title"] == "HR Director \ufffd People"
    assert "titles or names with a lost character (U+FFFD): ref-2" in result.notes
    assert any(
        "U+FFFD replacement character left by an earlier bad decode" in n for n in result.notes
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ministry_of_defence-2015-03-31-senior.csv", "2015-03-31"),
        ("/data/x/Cabinet-Office-FINAL--30-Sept-2013-senior.csv", "2013-09-30"),
        ("agency_1-March-2012.csv", "2012-03-01"),
        ("300913-HSE-Organogram-ver1-senior.csv", None),
        ("dept-2011-02-30-senior.csv", None),
        ("senior.csv", None),
    ],
)
def test_the_date_comes_from_the_file_name(name: str, expected: str | None) -> None:
    assert organogram.file_date(name) == expected


def test_the_authority_is_the_commonest_organisation(tmp_path: Path) -> None:
    path = write(
        tmp_path / "orgs.csv",
        "Post Unique Reference,Name,Job Title,Parent Department,Organisation,Reports to Senior Post\n"
        "1,N/D,Head,Dept of A,,XX\n2,N/D,Deputy,Dept of A,Agency B,1\n3,N/D,Deputy,Dept of A,"
        "Agency B,1\n4,N/D,Deputy,Dept of A,Agency C,1\n",
    )
    result = imported(path)
    assert result.data["authority"] == {"name": "Agency B", "type": "other"}
    assert (
        "1 row names another organisation (Agency C): imported with the rest, under Agency B"
        in result.notes
    )
    no_organisation = write(
        tmp_path / "parent.csv",
        "Post Unique Reference,Name,Job Title,Parent Department,Reports to Senior Post\n"
        "1,N/D,Head,Dept of A,XX\n",
    )
    assert imported(no_organisation).data["authority"]["name"] == "Dept of A"


def test_a_post_reporting_to_itself_is_located_by_the_loader(tmp_path: Path) -> None:
    path = write(tmp_path / "self.csv", HEADER + "1,N/D,Head,Dept,X,XX\n2,N/D,Loop,Dept,X,2\n")
    result = run(["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"{path}:3:6: posts[1].reports_to: post 'ref-2' reports to itself\n"


# -- junior staff -----------------------------------------------------------------------


def test_junior_rows_become_posts_under_their_senior_post() -> None:
    result = imported(OFFICE, OFFICE_JUNIOR)
    found = posts(result)
    juniors = {pid: p for pid, p in found.items() if pid.startswith("junior-")}
    assert list(juniors) == ["junior-2", "junior-3", "junior-4", "junior-5"]
    assert juniors["junior-2"] == {
        "id": "junior-2",
        "title": "Delivery Manager",
        "reports_to": "ref-1003",
        "directorate": "Digital",
        "responsibilities": [
            "Junior staff: 2.5 FTE, grade Grade 7"
            " (line 2 of office-of-examples-2020-03-31-junior.csv)"
        ],
        "capabilities": ["delivery_management", "programme_management"],
        "inferred": juniors["junior-2"]["inferred"],
    }
    assert juniors["junior-4"]["responsibilities"] == [
        "Junior staff: FTE not disclosed (N/D), grade HEO"
        " (line 4 of office-of-examples-2020-03-31-junior.csv)"
    ]
    # a Generic Job Title that only repeats the grade does not say it twice
    assert juniors["junior-5"]["responsibilities"][0].startswith("Junior staff: 0.6 FTE (line 5")
    assert (
        "4 junior rows of office-of-examples-2020-03-31-junior.csv: 4 junior posts under their"
        " senior posts, each with its FTE and grade in its responsibilities" in result.notes
    )
    # located at the line of their senior post, in the senior file
    index = list(found).index("junior-2")
    assert result.marks[("posts", index)] == (4, 1)


def test_junior_staff_count_in_the_digital_leaders_team(tmp_path: Path) -> None:
    result = run(
        ["import", str(OFFICE), "--junior", str(OFFICE_JUNIOR), "-o", str(tmp_path / "o.yaml")]
    )
    assert result.exit_code == 0, result.output
    checked = run(["check", str(tmp_path / "o.yaml"), "--format", "json"])
    assert checked.exit_code == 1, checked.output
    rules = {f["rule"] for f in json.loads(checked.stdout)["findings"]}
    assert "R20-12" not in rules  # the junior delivery manager covers programme management
    assert "R20-17" not in rules


def test_a_junior_post_is_not_taken_as_a_leader(tmp_path: Path) -> None:
    junior = write(
        tmp_path / "junior.csv",
        JUNIOR_HEADER + "1002,SEO,Senior IT Manager,1\n1002,HEO,Enterprise Architect,1\n",
    )
    result = imported(OFFICE, junior)
    found = posts(result)
    assert "capabilities" not in found["junior-2"] and "inferred" not in found["junior-2"]
    assert "junior-2" in result.unmapped
    assert found["junior-3"]["capabilities"] == ["digital_architecture"]  # a skill, kept
    assert (
        "junior titles that read as a leader's (digital leader, chief data officer, head of"
        " paid service), not taken as one: junior-2 (Senior IT Manager)" in result.notes
    )


def test_junior_rows_under_an_eliminated_post_go_to_the_live_post_above() -> None:
    result = imported(TREES, TREES_JUNIOR)
    junior = posts(result)["junior-4"]
    assert junior["reports_to"] == "ref-JS1"
    [line] = inferred(junior, "reports_to")
    assert line["confidence"] == "medium"
    assert line["source"].startswith("the junior file's line goes to eliminated post 'EL1'")


# -- located errors ---------------------------------------------------------------------


def test_a_line_to_a_missing_reference_is_a_located_error(tmp_path: Path) -> None:
    path = write(
        tmp_path / "bad.csv",
        HEADER
        + "00034860,N/D,Permanent Secretary,Dept,Office,XX\n"
        + "2,N/D,Director of Digital,Dept,Digital,0034860\n"
        + "3,N/D,Head of Data,Dept,Digital,22\n",
    )
    assert problems(path) == [
        f"{path}:3:6: no senior post has the reference '0034860' (did you mean '00034860'?"
        " references are text: leading zeros make a different reference)",
        f"{path}:4:6: no senior post has the reference '22' (did you mean '2'?)",
    ]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (
            "",
            "the senior post it reports to is blank (give that post's Post Unique Reference, or XX for a top post)",
        ),
        (
            "N/D",
            "the senior post it reports to is 'N/D' (give that post's Post Unique Reference, or XX for a top post)",
        ),
        (
            "0",
            "'0' is a placeholder reference: it names no one post (give the Post Unique Reference of the post it reports to)",
        ),
    ],
)
def test_a_line_to_a_placeholder_is_a_located_error(
    tmp_path: Path, cell: str, message: str
) -> None:
    path = write(
        tmp_path / "bad.csv",
        HEADER
        + "1,N/D,Head,Dept,Office,XX\n0,N/D,Not in Post,Dept,X,1\n2,N/D,Lost,Dept,X,"
        + cell
        + "\n",
    )
    assert problems(path) == [f"{path}:4:6: {message}"]


def test_every_bad_cell_is_reported_at_once_through_check(tmp_path: Path) -> None:
    path = write(
        tmp_path / "bad.csv",
        HEADER
        + "1,N/D,Head,Dept,Office,XX\n"
        + "2,N/D,,Dept,X,1\n"
        + "3,N/D,Deputy,Dept,X,1\n"
        + "3,N/D,Deputy,Dept,X,2\n"
        + "4,N/D,Other,Dept,X,9\n",
    )
    result = run(["check", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:3:3: Job Title is blank: a post needs one",
        f"{path}:5:6: reference '3' is on line 4 reporting to '1' and here to '2': the rows of one"
        " post (a job share) report to one post",
        f"{path}:6:6: no senior post has the reference '9' (XX marks a top post)",
    ]


def test_a_file_without_a_top_post_is_a_located_error(tmp_path: Path) -> None:
    path = write(tmp_path / "loop.csv", HEADER + "1,N/D,A,Dept,X,2\n2,N/D,B,Dept,X,1\n")
    assert problems(path) == [
        f"{path}:1:6: no top post: no row has Reports to Senior Post XX (write XX in Reports to"
        " Senior Post for the top post)"
    ]


def test_a_cycle_is_reported_by_the_loader_at_its_csv_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "cycle.csv", HEADER + "1,N/D,Top,Dept,X,XX\n2,N/D,A,Dept,X,3\n3,N/D,B,Dept,X,2\n"
    )
    result = run(["check", str(path)])
    assert result.exit_code == 2
    assert all(
        re.match(rf"{re.escape(str(path))}:[34]:6: ", line) for line in result.stderr.splitlines()
    )
    assert "Traceback" not in result.output


def test_a_file_of_eliminated_posts_has_no_posts(tmp_path: Path) -> None:
    path = write(tmp_path / "gone.csv", HEADER + "1,Eliminated,Head,Dept,X,XX\n")
    assert problems(path) == [f"{path}:2: no posts: every row is eliminated"]
    empty = write(tmp_path / "empty.csv", HEADER)
    assert problems(empty) == [f"{empty}:1: no posts: only a header"]


def test_a_senior_file_without_its_columns_is_a_located_error(tmp_path: Path) -> None:
    path = write(tmp_path / "cols.csv", "Post Unique Reference,Name,Job Title\n1,N/D,Head\n")
    assert problems(path) == [
        f"{path}:1:1: no 'Reports to Senior Post' column: an organogram's senior file has one"
    ]


def test_a_junior_file_given_as_the_senior_one_says_so(tmp_path: Path) -> None:
    result = run(["check", "--input-format", "organogram", str(OFFICE_JUNIOR)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{OFFICE_JUNIOR}:1:1: this is an organogram's junior-staff file: it has no senior"
        " posts (give the senior-staff file, with this one as --junior FILE)\n"
    )


def test_a_senior_file_given_as_the_junior_one_says_so() -> None:
    result = run(["import", str(OFFICE), "--junior", str(OFFICE)])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"{OFFICE}:1:1: not an organogram's junior-staff file: it has no 'Reporting Senior Post'"
        " column (give the senior file first, and its junior file with --junior)"
    )


def test_bad_junior_cells_are_located_in_the_junior_file(tmp_path: Path) -> None:
    junior = write(
        tmp_path / "junior.csv",
        JUNIOR_HEADER
        + "1003,EO,Officer,lots\n"
        + "1O03,EO,Officer,1\n"
        + "XX,EO,Officer,1\n"
        + "1003,,,1\n"
        + "1003,EO,Officer,-1\n",
    )
    assert problems(OFFICE, junior) == [
        f"{junior}:2:4: Number of Posts in FTE 'lots' is not a number (write the full-time"
        " equivalents as a number such as 1.5, or N/D)",
        f"{junior}:3:1: no senior post has the reference '1O03' (did you mean '1003'?)",
        f"{junior}:4:1: junior staff report to a senior post, not to 'XX' (give its Post Unique"
        " Reference)",
        f"{junior}:5:3: Generic Job Title and Grade are blank: a junior post needs a title",
        f"{junior}:6:4: Number of Posts in FTE '-1' is not a number (write the full-time"
        " equivalents as a number such as 1.5, or N/D)",
    ]


def test_both_files_problems_are_reported_together(tmp_path: Path) -> None:
    senior = write(tmp_path / "senior.csv", HEADER + "1,N/D,Head,Dept,X,XX\n2,N/D,B,Dept,X,7\n")
    junior = write(tmp_path / "junior.csv", JUNIOR_HEADER + "8,EO,Officer,1\n")
    result = run(["import", str(senior), "--junior", str(junior)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert [line.split(": ")[0] for line in result.stderr.splitlines()] == [
        f"{senior}:3:6",
        f"{junior}:2:1",
    ]


def test_too_long_a_title_is_a_located_error(tmp_path: Path) -> None:
    path = write(tmp_path / "long.csv", HEADER + f"1,N/D,{'A' * 2001},Dept,X,XX\n")
    assert problems(path) == [f"{path}:2:3: Job Title is longer than 2,000 characters"]


# -- the real organograms ---------------------------------------------------------------


def _expected_counts(path: Path) -> tuple[int, int, int, int]:
    """Counted straight from the CSV, apart from the importer: data rows, the posts they
    make (a reference with a live row is one post; a placeholder row is one), eliminated
    rows and the further rows of job shares."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    records = [r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)]
    header = [h.strip().lower() for h in records[0]]
    ref, name = header.index("post unique reference"), header.index("name")
    rows = records[1:]
    eliminated = [r for r in rows if r[name].strip().lower() == "eliminated"]
    live = [r for r in rows if r[name].strip().lower() != "eliminated"]
    placeholder = [r for r in live if not r[ref].strip() or set(r[ref].strip()) == {"0"}]
    references = {r[ref].strip() for r in live} - {r[ref].strip() for r in placeholder}
    posts_ = len(references) + len(placeholder)
    return len(rows), posts_, len(eliminated), len(live) - posts_


def _junior_rows(path: Path) -> int:
    text = path.read_bytes().decode("utf-8", errors="replace")
    return (
        sum(1 for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)) - 1
    )


def _junior_of(senior: Path) -> Path | None:
    junior = senior.with_name(senior.name.replace("-senior", "-junior"))
    return junior if junior.exists() else None


@pytest.mark.skipif(not REAL_SENIOR, reason="../shared/data/real is absent")
@pytest.mark.parametrize("source", REAL_SENIOR, ids=lambda p: p.stem)
def test_a_real_organogram_imports_with_a_post_for_every_row(source: Path) -> None:
    junior = _junior_of(source)
    result = imported(source, junior)
    found = result.data["posts"]
    senior = [p for p in found if str(p["id"]).startswith(("ref-", "line-"))]
    juniors = [p for p in found if str(p["id"]).startswith("junior-")]
    rows, expected, eliminated, merged = _expected_counts(source)
    assert len(senior) == expected
    assert len(senior) + eliminated + merged == rows
    assert (
        f"{rows} senior row{'s' if rows != 1 else ''}: {expected} senior posts"
        f" ({eliminated} eliminated row{'s' if eliminated != 1 else ''} left out, {merged}"
        f" job-share row{'s' if merged != 1 else ''} merged into the post of the same"
        " reference)" in result.notes
    )
    assert len(juniors) == (_junior_rows(junior) if junior else 0)
    synthetic = [p for p in found if p["id"] == "organisation"]
    assert len(found) == len(senior) + len(juniors) + len(synthetic)
    tops = [
        p for p in senior if any(e["value"] == "organisation" for e in inferred(p, "reports_to"))
    ]
    assert (len(tops) > 1) == bool(synthetic)
    # every other line is the file's own: the real files have no line through an eliminated post
    assert all(not inferred(p, "reports_to") for p in found if p not in tops)


@pytest.mark.skipif(not REAL_SENIOR, reason="../shared/data/real is absent")
@pytest.mark.parametrize("source", REAL_SENIOR, ids=lambda p: p.stem)
def test_a_real_organogram_loads_and_checks(source: Path, tmp_path: Path) -> None:
    fw = load_framework()
    org = load_orgchart(source, fw.capabilities)
    assert len(org.depth) == len(org.posts)  # one tree: every post reached from the top
    result = run(["check", str(source), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    assert json.loads(result.stdout)["files"][0]["file"] == str(source)
    junior = _junior_of(source)
    if junior is not None:
        target = tmp_path / "chart.yaml"
        written = run(["import", str(source), "--junior", str(junior), "-o", str(target)])
        assert written.exit_code == 0, written.output
        checked = run(["check", str(target), "--format", "json"])
        assert checked.exit_code in (0, 1), checked.output


# -- never a traceback ------------------------------------------------------------------


def _quoted(cell: str) -> str:
    return f'"{cell}"'


REFERENCES = st.sampled_from(["1", "2", "01", "A", "0", "", "N/D"])
NAMES = st.sampled_from(["", "N/D", "n/a", "Vacant", "ELIMINATED", "REDACTED"])
TITLES = st.sampled_from(["Head", "", "Chief Executive", "Director of Digital", "A\nB"])
LINES = st.sampled_from(["XX", "xx", "1", "2", "01", "A", "0", "", "N/D", "9"])
FTES = st.sampled_from(["1", "0.5", "N/D", "", "-1", "lots"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    senior=st.lists(st.tuples(REFERENCES, NAMES, TITLES, LINES), max_size=8),
    junior=st.lists(st.tuples(LINES, TITLES, FTES), max_size=4),
)
def test_any_organogram_imports_or_gives_located_problems(
    senior: list[tuple[str, str, str, str]], junior: list[tuple[str, str, str]]
) -> None:
    """Whatever the references, lines, names, titles and FTEs, the importer gives a chart
    the loader reads or locates the fault in, or located problems: never another exception."""
    text = HEADER + "".join(f"{r},{n},{_quoted(t)},Dept,Unit,{b}\n" for r, n, t, b in senior)
    junior_text = JUNIOR_HEADER + "".join(f"{b},EO,{_quoted(t)},{f}\n" for b, t, f in junior)
    table = read_table(text.encode(), "s.csv")
    junior_table = read_table(junior_text.encode(), "j.csv")
    try:
        result = organogram.build(table, text.encode(), load_mapping(), junior_table)
    except InputError as exc:
        assert exc.problems
        assert all(p.file in ("s.csv", "j.csv") and p.line is not None for p in exc.problems)
        return
    ids = [p["id"] for p in result.data["posts"]]
    assert ids and len(ids) == len(set(ids))
    try:
        load_orgchart_bytes(
            json.dumps(result.data).encode(), "s.yaml", load_framework().capabilities
        )
    except InputError as exc:  # a post reporting to itself, or a circle: located
        assert all(p.line is not None for p in exc.problems), exc


def test_a_junior_file_with_a_council_structure_csv_is_refused(tmp_path: Path) -> None:
    # the LGA file lists every post itself: a --junior file would be left unread
    lga = FIXTURES / "import" / "lga" / "lines.csv"
    out = tmp_path / "o.yaml"
    result = run(["import", str(lga), "--junior", str(OFFICE_JUNIOR), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{lga}:1:1: --junior goes with an organogram's senior-staff file, and this is a"
        " council organisation structure CSV (leave --junior out: this file lists every post)\n"
    )
    assert not out.exists()


def test_check_and_report_read_the_junior_file_as_import_does(tmp_path: Path) -> None:
    # the same verdict from the CSVs checked directly as from the chart imported from them
    out = tmp_path / "o.yaml"
    assert (
        run(["import", str(OFFICE), "--junior", str(OFFICE_JUNIOR), "-o", str(out)]).exit_code == 0
    )
    imported_check = run(["check", str(out), "--format", "json", "--isolated"])
    direct = run(
        ["check", str(OFFICE), "--junior", str(OFFICE_JUNIOR), "--format", "json", "--isolated"]
    )
    without = run(["check", str(OFFICE), "--format", "json", "--isolated"])
    assert direct.exit_code == imported_check.exit_code == 1

    def verdict(result: Any) -> tuple[str, list[str]]:
        chart = json.loads(result.stdout)["files"][0]
        return chart["verdict_text"], sorted(f["rule"] for f in chart["findings"])

    assert verdict(direct) == verdict(imported_check)
    assert verdict(direct) != verdict(without)  # the junior staff change the verdict
    report = run(["report", str(OFFICE), "--junior", str(OFFICE_JUNIOR), "--isolated"])
    assert report.exit_code == 0
    assert verdict(direct)[0] in report.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [str(OFFICE), str(TREES), "--junior", str(OFFICE_JUNIOR)],
            "leadaudit: error: --junior goes with one organogram's senior-staff CSV; this run"
            " has 2 org charts",
        ),
        (
            [str(OFFICE), "--junior", str(OFFICE_JUNIOR), "--baseline-ref", "HEAD"],
            "leadaudit: error: --junior cannot be used with a baseline read from git"
            " (--baseline-ref or the configuration's baseline_ref): save one with --format json"
            " and give --baseline",
        ),
        (
            [str(OFFICE), "--junior", str(OFFICE_JUNIOR), "-o", str(OFFICE_JUNIOR)],
            f"leadaudit: error: {OFFICE_JUNIOR}: is a file this run reads ({OFFICE_JUNIOR});"
            " choose another output",
        ),
    ],
)
def test_check_refuses_a_junior_file_it_cannot_use(args: list[str], message: str) -> None:
    before = OFFICE_JUNIOR.read_bytes()
    result = run(["check", *args, "--isolated"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [message]
    assert OFFICE_JUNIOR.read_bytes() == before


def test_a_junior_file_with_a_yaml_chart_is_a_usage_error(tmp_path: Path) -> None:
    chart = FIXTURES / "borough-gaps.yaml"
    result = run(["check", str(chart), "--junior", str(OFFICE_JUNIOR), "--isolated"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"leadaudit: error: --junior goes with an organogram's senior-staff CSV, and {chart} is"
        " read as yaml\n"
    )
