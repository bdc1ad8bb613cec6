"""Councils' Transparency Code organisation structures (the LGA CSV) imported: each way a
reporting line is inferred, bases, sentinels, bad cells, a council's own headers, the
loader and the command line, and the real Trafford files in ../shared/data/real."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadaudit.errors import InputError
from leadaudit.framework import load_framework
from leadaudit.importers import lga
from leadaudit.importers.capability_map import load_mapping
from leadaudit.importers.csv_chart import ImportOptions, import_bytes
from leadaudit.importers.imported import Imported
from leadaudit.importers.lga.about import authority_type
from leadaudit.importers.table import read_table
from leadaudit.importers.write_chart import chart_yaml
from leadaudit.limits import Limits
from leadaudit.orgchart import load_orgchart, load_orgchart_bytes
from tests.conftest import FIXTURES, SHARED
from tests.support import run

HERE = FIXTURES / "import" / "lga"
LINES = HERE / "lines.csv"
BASES = HERE / "bases.csv"
TWO_TOPS = HERE / "two-tops.csv"
BAD = HERE / "bad-cells.csv"
OWN = HERE / "own-headers.csv"
OWN_COLUMNS = HERE / "own-headers-columns.yaml"

REAL = SHARED / "data" / "real"
TRAFFORD = [
    REAL / f"trafford-council-organisation-structure-{year}-07-01.csv" for year in (2024, 2025)
]

HEADER = (
    "OrganisationLabel,OrganisationURI,EffectiveDate,Level,JobTitle,Name,Grade,Directorate,"
    "Service,ContractType,SharedPost,ContactDetails,SalaryBand,MaximumSalary,Vacancy,Comments\n"
)


def imported(path: Path, columns: Path | None = None) -> Imported:
    options = ImportOptions(columns=columns)
    return import_bytes(path.read_bytes(), str(path), options, Limits())


def posts(result: Imported) -> dict[str, dict[str, Any]]:
    return {str(p["id"]): p for p in result.data["posts"]}


def inferred(post: dict[str, Any], field: str) -> list[dict[str, Any]]:
    return [e for e in post.get("inferred", []) if e["field"] == field]


def problems(path: Path, columns: Path | None = None) -> list[str]:
    with pytest.raises(InputError) as caught:
        imported(path, columns)
    return [p.render() for p in caught.value.problems]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- the format ---------------------------------------------------------------------------


def test_detect_knows_the_lga_header() -> None:
    assert lga.detect(read_table(LINES.read_bytes(), LINES.name))
    other = read_table(b"Post Unique Reference,Job Title\n1,Head\n", "o.csv")
    assert not lga.detect(other)


def test_one_post_per_row_each_located_at_its_line() -> None:
    result = imported(LINES)
    rows = LINES.read_text(encoding="utf-8").splitlines()[1:]
    assert len(result.data["posts"]) == len(rows) == 24
    assert result.marks[("posts", 0)] == (2, 1)
    assert result.marks[("posts", 4)] == (6, 1)  # the Chief Digital Officer, line 6
    assert result.marks[("posts", 4, "title")] == (6, 5)  # JobTitle is field 5
    assert result.marks[("posts", 4, "reports_to")] == (6, 4)  # inferred from Level


def test_the_top_post_is_the_first_level_1_row_and_head_of_paid_service() -> None:
    top = imported(LINES).data["posts"][0]
    assert top["id"] == "chief-executive"
    assert "reports_to" not in top
    assert top["capabilities"] == ["head_of_paid_service"]
    assert "directorate" not in top  # Directorate NA


# -- reporting lines ----------------------------------------------------------------------

LINE_CASES = [
    (
        "director-of-resources",
        "chief-executive",
        "high",
        "Level 2 in Resources under the top post, at Level 1",
    ),
    (
        "head-of-policy",
        "chief-executive",
        "high",
        "Level 2 with no directorate (a corporate post) under the top post, at Level 1",
    ),
    (
        "chief-digital-officer",
        "director-of-resources",
        "high",
        "Level 3 in Resources (Service 'Digital Services') under the only Level 2 post of the"
        " directorate",
    ),
    (
        "enterprise-architect",
        "chief-digital-officer",
        "high",
        "Level 4 in Resources (Service 'Digital Services') under the one Level 3 post of the"
        " directorate with the same Service",
    ),
    (
        "finance-manager-schools",
        "head-of-finance",
        "medium",
        "Level 4 in Resources (Service 'Financial Management - Schools') under the one Level 3"
        " post of the directorate whose Service, 'Financial Management', it falls within",
    ),
    (
        "benefits-manager",
        "head-of-revenues-and-benefits",
        "medium",
        "Level 4 in Resources (Service 'Benefits') under the one Level 3 post of the directorate"
        " whose title names its Service (none has it as its Service)",
    ),
    (
        "head-of-business-support",
        "director-of-people",
        "high",
        "Level 3 in People (Service 'People', the directorate as a whole) under the only Level 2"
        " post of the directorate",
    ),
    (
        "head-of-reablement",
        "director-of-adult-social-care",
        "medium",
        "Level 4 in People (Service 'Adult Social Care') under the one of the 2 Level 3 posts of"
        " the directorate with the same Service whose title names it",
    ),
    (
        "procurement-manager",
        "director-of-commercial",
        "medium",
        "Level 4 in Commercial (Service 'Procurement') under the only Level 2 post of the"
        " directorate (none at Level 3: the nearest higher level)",
    ),
    (
        "senior-coroner",
        "chief-executive",
        "low",
        "Level 3 in Coroners: no post of the directorate at a higher level, so under the top post",
    ),
]


@pytest.mark.parametrize(("pid", "parent", "confidence", "source"), LINE_CASES, ids=lambda v: v)
def test_each_kind_of_line_is_inferred_and_says_from_what(
    pid: str, parent: str, confidence: str, source: str
) -> None:
    post = posts(imported(LINES))[pid]
    assert post["reports_to"] == parent
    assert inferred(post, "reports_to") == [
        {"field": "reports_to", "value": parent, "source": source, "confidence": confidence}
    ]


AMBIGUOUS_CASES = [
    (
        "data-protection-officer",
        "chief-digital-officer",
        ["head-of-finance", "head-of-revenues-and-benefits"],
        "Level 4 in Resources (Service 'Audit'): 3 Level 3 posts of the directorate (none with"
        " the same Service) could be its manager; the first in the file is taken",
    ),
    (
        "youth-justice-manager",
        "head-of-business-support",
        [
            "director-of-adult-social-care",
            "assistant-director-safeguarding",
            "principal-social-worker",
        ],
        "Level 4 in People (Service 'Youth Justice'): 4 Level 3 posts of the directorate (none"
        " with the same Service) could be its manager; the first covering the whole directorate"
        " is taken",
    ),
    (
        "traffic-manager",
        "head-of-highways",
        ["head-of-parking"],
        "Level 4 in Place (Service 'Transport'): 2 Level 3 posts of the directorate with the"
        " same Service could be its manager; the first in the file is taken",
    ),
]


@pytest.mark.parametrize(("pid", "parent", "others", "source"), AMBIGUOUS_CASES, ids=lambda v: v)
def test_an_ambiguous_line_is_marked_low_and_lists_the_other_candidates(
    pid: str, parent: str, others: list[str], source: str
) -> None:
    post = posts(imported(LINES))[pid]
    assert post["reports_to"] == parent
    assert inferred(post, "reports_to") == [
        {
            "field": "reports_to",
            "value": parent,
            "source": source,
            "confidence": "low",
            "ambiguous": True,
            "candidates": others,
        }
    ]


def test_every_line_is_inferred_and_the_ambiguous_ones_are_counted() -> None:
    result = imported(LINES)
    lines = [e for p in result.data["posts"] for e in inferred(p, "reports_to")]
    assert len(lines) == 23  # every post but the top
    assert result.ambiguous == [
        "data-protection-officer",
        "youth-justice-manager",
        "traffic-manager",
    ]
    assert (
        "reporting lines inferred from Level, Directorate and Service (the file has no"
        " reports-to column): 23 lines, 15 high, 4 medium, 4 low confidence; 3 ambiguous"
        " (several candidates: each goes to one, and its inferred entry lists the others):"
        " data-protection-officer, youth-justice-manager, traffic-manager"
    ) in result.notes


def test_more_level_1_rows_go_under_the_first_and_are_noted() -> None:
    result = imported(TWO_TOPS)
    found = posts(result)
    assert "reports_to" not in found["chief-executive"]
    assert inferred(found["chief-operating-officer"], "reports_to") == [
        {
            "field": "reports_to",
            "value": "chief-executive",
            "source": "Level 1, as the top post is: the file has 2 Level 1 posts, and the first,"
            " on line 2, is taken as the top",
            "confidence": "low",
        }
    ]
    assert (
        "the top post is chief-executive ('Chief Executive', line 2), the first row at Level 1;"
        " the other Level 1 row is placed under it (low confidence)"
    ) in result.notes


def test_a_file_without_level_1_takes_its_first_highest_row_as_the_top(tmp_path: Path) -> None:
    path = write(
        tmp_path / "no-top.csv",
        HEADER
        + "Exampleton,x,2025-01-01,2,Director of Services,NA,D,Services,NA,Permanent,NA,NA,NA,NA,NA,NA\n"
        + "Exampleton,x,2025-01-01,3,Head of IT,NA,D,Services,ICT,Permanent,NA,NA,NA,NA,NA,NA\n",
    )
    result = imported(path)
    found = posts(result)
    assert "reports_to" not in found["director-of-services"]
    assert found["director-of-services"]["capabilities"] == ["head_of_paid_service"]
    assert found["head-of-it"]["reports_to"] == "director-of-services"
    assert any("the first row at Level 2 (the file has no Level 1 row)" in n for n in result.notes)


def test_only_the_top_post_is_head_of_paid_service(tmp_path: Path) -> None:
    path = write(
        tmp_path / "two-chiefs.csv",
        HEADER
        + "Exampleton,x,2025-01-01,1,Managing Director,NA,D,NA,NA,Permanent,NA,NA,NA,NA,NA,NA\n"
        + "Exampleton,x,2025-01-01,2,Chief Executive of the Trading Company,NA,D,Trading,NA,"
        "Permanent,NA,NA,NA,NA,NA,NA\n",
    )
    result = imported(path)
    found = posts(result)
    assert found["managing-director"]["capabilities"] == ["head_of_paid_service"]
    assert "capabilities" not in found["chief-executive-of-the-trading-company"]
    assert (
        "titles that read as head of paid service, not taken as one (the top post,"
        " managing-director, is): chief-executive-of-the-trading-company"
    ) in result.notes


# -- bases, holders, authority, date --------------------------------------------------------

BASIS_CASES = [
    ("chief-executive", "permanent"),  # ContractType Permanent
    ("head-of-digital", "fixed_term"),  # Fixed Term Contract
    ("head-of-procurement", "shared_service"),  # SharedPost Shared
    ("enterprise-architect", "vacant"),  # Vacancy Vacant
    ("programme-manager", "interim"),  # vacant, covered by an Interim Consultancy arrangement
    ("head-of-business-change", "agency"),  # ContractType Other, Comments: an Agency arrangement
    ("head-of-customer-services", "vacant"),  # Name VACANT
]


@pytest.mark.parametrize(("pid", "basis"), BASIS_CASES)
def test_the_basis_comes_from_the_columns_and_the_comments(pid: str, basis: str) -> None:
    assert posts(imported(BASES))[pid]["basis"] == basis


def test_a_basis_read_from_the_comments_is_recorded_as_inferred() -> None:
    found = posts(imported(BASES))
    assert inferred(found["programme-manager"], "basis") == [
        {
            "field": "basis",
            "value": "interim",
            "source": "Comments: 'This is a permanent role on the establishment although is"
            " covered by an Interim Consultancy arrangement' (ContractType 'Permanent',"
            " Vacancy 'Vacant')",
            "confidence": "medium",
        }
    ]
    assert inferred(found["head-of-business-change"], "basis") == [
        {
            "field": "basis",
            "value": "agency",
            "source": "Comments: 'This is a permanent role on the establishment, although is"
            " covered by an Agency arrangement' (ContractType 'Other')",
            "confidence": "medium",
        }
    ]
    # a basis a column states is not an inference; nor is a comment about pay
    assert inferred(found["head-of-digital"], "basis") == []
    assert inferred(found["head-of-customer-services"], "basis") == []


def test_a_contract_type_that_says_nothing_is_permanent_and_listed() -> None:
    result = imported(BASES)
    assert "basis" not in posts(result)["data-analytics-lead"]  # the default: permanent
    assert (
        "ContractType says nothing of the basis, so the post reads as permanent: check"
        " data-analytics-lead ('Other')"
    ) in result.notes
    assert (
        "bases read from ContractType, SharedPost, Vacancy and Comments: 1 agency, 1 fixed_term,"
        " 1 interim, 2 permanent, 1 shared_service, 2 vacant; 1 unstated, so permanent"
    ) in result.notes


@pytest.mark.parametrize(
    ("pid", "holder"),
    [
        ("chief-executive", "Pat Example"),
        ("director-of-resources", None),  # REDACTED
        ("head-of-digital", None),  # N/A
        ("head-of-procurement", None),  # n/d
        ("enterprise-architect", None),  # Vacant
        ("programme-manager", None),  # NA
        ("head-of-business-change", None),  # blank
        ("data-analytics-lead", None),  # redacted
        ("head-of-customer-services", None),  # VACANT
    ],
)
def test_name_sentinels_give_no_holder(pid: str, holder: str | None) -> None:
    assert posts(imported(BASES))[pid].get("holder") == holder


def test_redacted_never_reaches_the_chart() -> None:
    assert "redacted" not in json.dumps(imported(BASES).data).lower()


def test_the_authority_and_date_come_from_the_file() -> None:
    result = imported(BASES)
    assert result.data["authority"] == {"name": "Basington District Council", "type": "district"}
    assert result.data["imported_from"]["date"] == "2025-04-01"  # written 01/04/2025
    assert result.data["imported_from"]["format"] == "lga"


@pytest.mark.parametrize(
    ("uri", "kind"),
    [
        (
            "https://opendatacommunities.org/id/metropolitan-district-council/trafford",
            "metropolitan_borough",
        ),
        ("http://opendatacommunities.org/id/london-borough-council/camden", "london_borough"),
        ("http://opendatacommunities.org/id/county-council/kent", "county"),
        ("http://opendatacommunities.org/id/district-council/basington", "district"),
        ("http://opendatacommunities.org/id/unitary-authority/exampleton", "unitary"),
        ("https://example.org/councils/twotops", None),
        (None, None),
    ],
)
def test_the_authority_type_comes_from_the_organisation_uri(
    uri: str | None, kind: str | None
) -> None:
    assert authority_type(uri) == kind


def test_an_unknown_type_and_differing_dates_are_noted() -> None:
    result = imported(TWO_TOPS)
    assert result.data["authority"]["type"] == "other"
    assert (
        "the authority type is 'other': OrganisationURI 'https://example.org/councils/twotops'"
        " does not say it; set authority.type (county, district, unitary, metropolitan_borough,"
        " london_borough or combined_authority)"
    ) in result.notes
    assert result.data["imported_from"]["date"] == "2025-01-01"
    assert (
        "EffectiveDate differs between rows: '2025-01-01' (3 rows), '2024-12-01' (1 row); the"
        " chart takes '2025-01-01'"
    ) in result.notes


# -- bad cells ------------------------------------------------------------------------------


def test_every_bad_level_and_blank_title_is_a_located_problem() -> None:
    name = str(BAD)
    assert problems(BAD) == [
        f"{name}:2:4: Level is 'One': it must be a whole number, 1 for the top of the authority",
        f"{name}:3:4: Level is blank: it must be a whole number, 1 for the top of the authority",
        f"{name}:4:4: Level 0: levels count from 1 (the top) to at most 1000",
        f"{name}:5:5: JobTitle is blank: a post needs one",
        f"{name}:6:4: Level is '2.5': it must be a whole number, 1 for the top of the authority",
    ]


def test_check_on_bad_cells_prints_one_line_each_and_exits_2() -> None:
    result = run(["check", str(BAD)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{BAD}:2:4: Level is 'One'" in result.stderr
    assert f"{BAD}:5:5: JobTitle is blank" in result.stderr


def test_a_file_named_lga_without_a_level_column_says_so(tmp_path: Path) -> None:
    path = write(tmp_path / "titles.csv", "JobTitle,Directorate\nChief Executive,NA\n")
    result = run(["check", "--input-format", "lga", str(path)])
    assert result.exit_code == 2
    assert (
        f"{path}:1:1: no 'Level' column: a council's organisation structure has one (map your"
        " own header onto it with leadaudit import --columns FILE)"
    ) in result.stderr


def test_a_header_alone_is_a_located_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.csv", HEADER)
    assert problems(path) == [f"{path}:1:1: no posts: the file has only a header"]


# -- the loader and the command line --------------------------------------------------------


def test_an_lga_csv_loads_and_validates_as_a_chart() -> None:
    fw = load_framework()
    org = load_orgchart(LINES, fw.capabilities)
    assert org.top == "chief-executive"
    assert org.depth["chief-digital-officer"] == 2
    assert org.depth["enterprise-architect"] == 3
    assert org.org.imported_from is not None and org.org.imported_from.format == "lga"
    assert org.org.authority.type.value == "county"


def test_the_imported_yaml_loads_as_the_csv_does(tmp_path: Path) -> None:
    yaml_path = write(tmp_path / "lines.yaml", chart_yaml(imported(LINES)))
    fw = load_framework()
    from_csv, from_yaml = (load_orgchart(p, fw.capabilities) for p in (LINES, yaml_path))
    assert from_yaml.depth == from_csv.depth
    assert from_yaml.org.posts == from_csv.org.posts


def test_check_locates_findings_at_the_csv_line() -> None:
    result = run(["check", str(LINES), "--format", "json"])
    assert result.exit_code == 1, result.output
    found = json.loads(result.stdout)["findings"]
    depth = next(f for f in found if f["rule"] == "R20-02")
    assert depth["subject"] == "chief-digital-officer"
    assert (depth["file"], depth["line"], depth["column"]) == (str(LINES), 6, 1)
    assert depth["message"].startswith(
        "Chief Digital Officer (chief-digital-officer) is 2 levels below Chief Executive"
        " (chief-executive)"
    )


def test_import_is_deterministic() -> None:
    assert chart_yaml(imported(LINES)) == chart_yaml(imported(LINES))


# -- a council's own headers ----------------------------------------------------------------


def test_own_headers_are_not_detected_without_a_columns_file() -> None:
    assert problems(OWN) == [
        f"{OWN}:1:1: a CSV that is neither a council organisation structure nor an organogram"
        " (header: Council, Tier, Job Title, Department, Team, Contract) (map its columns onto"
        " the LGA ones with leadaudit import --columns FILE)"
    ]


def test_a_columns_file_renames_headers_before_the_format_is_told() -> None:
    assert lga.load_columns(OWN_COLUMNS, Limits()) == {
        "Council": "OrganisationLabel",
        "Tier": "Level",
        "Job Title": "JobTitle",
        "Department": "Directorate",
        "Team": "Service",
        "Contract": "ContractType",
    }
    result = imported(OWN, OWN_COLUMNS)
    found = posts(result)
    assert result.data["authority"]["name"] == "Ownshire Council"
    assert found["head-of-ict"]["reports_to"] == "director-of-corporate-services"
    assert found["head-of-ict"]["basis"] == "interim"
    assert found["solution-architect"]["reports_to"] == "head-of-ict"
    assert result.notes[0] == (
        "columns renamed by the columns file: 'Council' as OrganisationLabel, 'Tier' as Level,"
        " 'Job Title' as JobTitle, 'Department' as Directorate, 'Team' as Service, 'Contract' as"
        " ContractType"
    )


def test_import_takes_a_columns_file() -> None:
    result = run(["import", str(OWN), "--columns", str(OWN_COLUMNS)])
    assert result.exit_code == 0, result.output
    assert "  name: Ownshire Council\n" in result.stdout


def test_an_unknown_lga_column_is_located_with_a_suggestion(tmp_path: Path) -> None:
    columns = write(tmp_path / "cols.yaml", "Tier: Level\nJob Title: JobTitel\nTeam: Servise\n")
    with pytest.raises(InputError) as caught:
        lga.load_columns(columns, Limits())
    assert [p.render() for p in caught.value.problems] == [
        f"{columns}:2:12: Job Title: 'JobTitel' is not an LGA column (did you mean 'JobTitle'?)",
        f"{columns}:3:7: Team: 'Servise' is not an LGA column (did you mean 'Service'?)",
    ]


def test_a_columns_file_mapping_two_headers_onto_one_says_so(tmp_path: Path) -> None:
    columns = write(tmp_path / "cols.yaml", "Tier: Level\nGrade Level: level\nRole: \n")
    with pytest.raises(InputError) as caught:
        lga.load_columns(columns, Limits())
    rendered = [p.render() for p in caught.value.problems]
    assert rendered[0] == (
        f"{columns}:2:14: Grade Level: 'Tier' and 'Grade Level' both map onto Level (map each"
        " LGA column from one header)"
    )
    assert rendered[1].startswith(f"{columns}:3:")
    assert "give the LGA column this header holds" in rendered[1]


def test_a_columns_file_naming_a_header_the_file_lacks_says_so(tmp_path: Path) -> None:
    columns = write(tmp_path / "cols.yaml", "Tier: Level\nJob Titles: JobTitle\n")
    assert problems(OWN, columns) == [
        f"{OWN}:1:1: the columns file maps 'Job Titles', which is not a column of this file"
        " (did you mean 'Job Title'?)"
    ]


def test_a_columns_file_renaming_onto_a_column_the_file_has_says_so(tmp_path: Path) -> None:
    path = write(tmp_path / "both.csv", "Level,Tier,JobTitle\n1,1,Chief Executive\n2,2,Director\n")
    columns = write(tmp_path / "cols.yaml", "Tier: Level\n")
    assert problems(path, columns) == [
        f"{path}:1:2: 'Tier' is mapped onto Level, but the file has a Level column already"
        " (leave it out of the columns file, or map the other one elsewhere)"
    ]


def test_a_columns_file_that_is_not_a_mapping_says_what_one_is(tmp_path: Path) -> None:
    columns = write(tmp_path / "cols.yaml", "- Tier\n- Level\n")
    with pytest.raises(InputError) as caught:
        lga.load_columns(columns, Limits())
    assert "a columns file maps your headers onto the LGA ones" in str(caught.value)


# -- any file -------------------------------------------------------------------------------

LEVELS = st.sampled_from(["1", "2", "3", "4", "7", "0", "", "x", "2.0", "-1", "99999999"])
TITLES = st.sampled_from(["Head", "", "NA", "Chief Executive", "Director of Digital", "A\nB"])
AREAS = st.sampled_from(["NA", "", "Resources", "resources", "People", "Children's Services"])
SERVICES = st.sampled_from(["NA", "", "ICT", "ICT - Ops", "Resources", "People"])


def _quoted(cell: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([cell])
    return out.getvalue()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(LEVELS, TITLES, AREAS, SERVICES), max_size=10))
def test_any_lga_file_imports_or_gives_located_problems(
    rows: list[tuple[str, str, str, str]],
) -> None:
    """Whatever the levels, titles, directorates and services, the importer gives a chart
    the loader reads, or located problems: never another exception."""
    text = HEADER + "".join(
        f"X,u,2025-01-01,{lv},{_quoted(t)},NA,G,{_quoted(d)},{s},Permanent,NA,NA,NA,NA,NA,NA\n"
        for lv, t, d, s in rows
    )
    try:
        table = read_table(text.encode(), "s.csv")
        result = lga.build(table, text.encode(), load_mapping(), None)
    except InputError as exc:
        assert exc.problems
        assert all(p.file == "s.csv" for p in exc.problems)
        return
    ids = [p["id"] for p in result.data["posts"]]
    assert len(ids) == len(rows) == len(set(ids))
    org = load_orgchart_bytes(
        json.dumps(result.data).encode(), "s.yaml", load_framework().capabilities
    )
    assert len(org.depth) == len(ids)  # one tree: every post reached from the top


# -- the real Trafford files ----------------------------------------------------------------


def _real(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


@pytest.mark.parametrize("source", TRAFFORD, ids=lambda p: p.stem[-10:])
def test_a_real_trafford_file_imports_one_post_per_row(source: Path) -> None:
    path = _real(source)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    result = imported(path)
    assert len(result.data["posts"]) == len(rows) == 80
    assert result.data["authority"] == {"name": "Trafford Council", "type": "metropolitan_borough"}
    assert result.data["imported_from"]["date"] == path.stem[-10:]
    lines = [e for p in result.data["posts"] for e in inferred(p, "reports_to")]
    assert len(lines) == 79
    assert all(e["confidence"] == "low" for e in lines if e.get("ambiguous"))


@pytest.mark.parametrize("source", TRAFFORD, ids=lambda p: p.stem[-10:])
def test_the_trafford_chief_digital_officer_sits_under_finance(source: Path) -> None:
    """The CDO is Level 3 in Finance & Systems (Service ICT Services), whose one Level 2
    post is the Director of Finance & Systems: a reader of the CSV puts it there, two
    levels below the chief executive, with the ICT posts of its Service under it."""
    path = _real(source)
    org = load_orgchart(path, load_framework().capabilities)
    assert org.parent["chief-digital-officer"] == "director-of-finance-systems"
    assert org.depth["chief-digital-officer"] == 2
    assert org.parent["director-of-finance-systems"] == org.top
    assert org.posts[org.top].title.startswith("Chief Executive")
    assert org.parent["ict-operations-manager"] == "chief-digital-officer"
    assert org.parent["head-of-digital-portfolio"] == "chief-digital-officer"
    cdo = posts(imported(path))["chief-digital-officer"]
    assert inferred(cdo, "reports_to")[0]["confidence"] == "high"


@pytest.mark.parametrize("source", TRAFFORD, ids=lambda p: p.stem[-10:])
def test_check_on_a_real_trafford_file_finds_the_cdo_two_levels_down(source: Path) -> None:
    path = _real(source)
    result = run(["check", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    depth = next(f for f in report["findings"] if f["rule"] == "R20-02")
    assert depth["subject"] == "chief-digital-officer"
    line = next(
        n
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ",Chief Digital Officer," in text
    )
    assert (depth["file"], depth["line"]) == (str(path), line)


def test_the_2025_trafford_comments_give_interim_and_agency_bases() -> None:
    found = posts(imported(_real(TRAFFORD[1])))
    adults = found["corporate-director-of-adults-and-wellbeing"]
    assert adults["basis"] == "interim"  # vacant, covered by an Interim Consultancy arrangement
    assert found["director-of-adults"]["basis"] == "agency"  # an Interim Agency arrangement
    assert found["strategic-lead-safeguarding"]["basis"] == "vacant"
    assert found["director-of-star-procurement"]["basis"] == "shared_service"
    assert found["director-of-cultural-transformation"]["basis"] == "fixed_term"
