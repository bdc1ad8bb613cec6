"""Waivers: waived findings apart, expiry judged by --today, unused and expiring waivers noted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support_config import check_json, org_text, rules_of, run, write

# R20-16 (warning, about the digital leader 'cdo') and R20-11 (error, about post 'ea') fail.
GAPS = (
    org_text()
    .replace("capabilities: [citizen_communication]", "capabilities: []")
    .replace(
        "title: Enterprise Architect\n    reports_to: cdo",
        "title: Enterprise Architect\n    reports_to: cdo\n    basis: as_a_service",
    )
)

WAIVERS = """\
waivers:
  - rule: R20-11
    subject: ea
    justification: Architecture is bought in while the new post is recruited.
    owner: Chief Digital Officer
    expires: 2025-06-30
    reason: interim_arrangement
  - rule: R20-16
    subject: cdo
    justification: Communications team joins the digital directorate in April.
    owner: Head of Communications
    expires: 2025-12-31
"""


def _notes(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The waiver notes of the first file, without the 'unpinned' ones (tested apart)."""
    notes: list[dict[str, Any]] = data["files"][0]["waiver_notes"]
    return [n for n in notes if n["kind"] != "unpinned"]


@pytest.fixture
def chart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "waivers.yaml", WAIVERS)
    return write(tmp_path / "org.yaml", GAPS)


def test_without_waivers_the_gaps_fail(chart: Path) -> None:
    code, data = check_json(str(chart), "--isolated", "--today", "2025-01-01")
    assert code == 1
    assert sorted(rules_of(data)) == ["R20-11", "R20-16"]


def test_waived_findings_are_reported_apart_and_do_not_fail(chart: Path) -> None:
    code, data = check_json(str(chart), "--waivers", "waivers.yaml", "--today", "2025-01-01")
    assert code == 0
    assert data["findings"] == []
    assert data["summary"] == {"error": 0, "warning": 0, "info": 0, "waived": 2, "files": 1}
    waived = data["files"][0]["waived"]
    assert [(w["finding"]["rule"], w["finding"]["subject"]) for w in waived] == [
        ("R20-11", "ea"),
        ("R20-16", "cdo"),
    ]
    assert waived[0]["waiver"] == {
        "rule": "R20-11",
        "subject": "ea",
        "justification": "Architecture is bought in while the new post is recruited.",
        "owner": "Chief Digital Officer",
        "expires": "2025-06-30",
        "reason": "interim_arrangement",
        "severity": None,
        "accepted": None,
        "file": "waivers.yaml",
        "line": 2,
        "column": 5,
    }
    assert _notes(data) == []


def test_a_waiver_holds_on_its_expiry_date_and_lapses_the_day_after(chart: Path) -> None:
    code, data = check_json(str(chart), "--waivers", "waivers.yaml", "--today", "2025-06-30")
    assert code == 0 and data["findings"] == []
    code, data = check_json(str(chart), "--waivers", "waivers.yaml", "--today", "2025-07-01")
    assert code == 1
    (finding,) = data["findings"]
    assert finding["rule"] == "R20-11"
    assert finding["message"].endswith(" (waiver expired 2025-06-30)")
    notes = _notes(data)
    assert [(n["kind"], n["waiver"]["rule"]) for n in notes] == [("expired", "R20-11")]
    assert notes[0]["message"] == (
        "waiver for R20-11 on 'ea' expired on 2025-06-30; its finding is reported again "
        "(owner: Chief Digital Officer)"
    )


@pytest.mark.parametrize(
    ("today", "noted"),
    [("2025-05-30", False), ("2025-05-31", True), ("2025-06-29", True), ("2025-06-30", True)],
)
def test_waivers_expiring_within_30_days_are_flagged(chart: Path, today: str, noted: bool) -> None:
    _, data = check_json(str(chart), "--waivers", "waivers.yaml", "--today", today)
    notes = [(n["kind"], n["waiver"]["rule"]) for n in _notes(data)]
    assert notes == ([("expiring", "R20-11")] if noted else [])


def test_expiring_note_says_when(chart: Path) -> None:
    _, data = check_json(str(chart), "--waivers", "waivers.yaml", "--today", "2025-06-29")
    assert _notes(data)[0]["message"] == (
        "waiver for R20-11 on 'ea' expires on 2025-06-30 (within 30 days); renew it or fix the "
        "finding (owner: Chief Digital Officer)"
    )


def test_waivers_that_match_nothing_are_reported(chart: Path, tmp_path: Path) -> None:
    write(
        tmp_path / "waivers.yaml",
        WAIVERS
        + """\
  - rule: reports-to-top
    subject: cdo
    justification: Reporting line under review.
    owner: Chief Executive
    expires: 2026-01-31
  - rule: R20-11
    subject: e-a
    justification: Typo in the subject.
    owner: Chief Executive
    expires: 2026-01-31
""",
    )
    code, data = check_json(str(chart), "--waivers", "waivers.yaml", "--today", "2025-01-01")
    assert code == 0
    notes = _notes(data)
    assert [(n["kind"], n["waiver"]["line"]) for n in notes] == [("unused", 13), ("unused", 18)]
    assert notes[0]["message"] == f"waiver for R20-02 on 'cdo' matched no finding in {chart}"
    assert notes[1]["message"] == (
        f"waiver for R20-11 on 'e-a' matched no finding in {chart}; no post, member or role "
        "'e-a' (did you mean 'ea'?)"
    )


def test_text_output_shows_waived_findings_and_notes(chart: Path) -> None:
    result = run("check", str(chart), "--waivers", "waivers.yaml", "--today", "2025-06-10")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    start = lines.index("  Waived (2):")
    assert lines[start + 1].startswith(f"    {chart}:")
    assert " R20-11 error: " in lines[start + 1]
    assert lines[start + 2] == (
        "      waived until 2025-06-30 by Chief Digital Officer: interim arrangement: "
        "Architecture is bought in while the new post is recruited."
    )
    assert lines[start + 5] == "  Waivers:"
    assert lines[start + 6].startswith("    waivers.yaml:2:5: expiring: waiver for R20-11 on 'ea'")
    assert lines[-1].endswith("; 2 waived; 16 in place")


def test_no_waivers_shows_everything(chart: Path, tmp_path: Path) -> None:
    write(tmp_path / ".leadaudit.yaml", "waivers: waivers.yaml\n")
    code, data = check_json(str(chart), "--today", "2025-01-01")
    assert code == 0 and data["summary"]["waived"] == 2
    code, data = check_json(str(chart), "--no-waivers", "--today", "2025-01-01")
    assert code == 1
    assert sorted(rules_of(data)) == ["R20-11", "R20-16"]
    assert data["summary"]["waived"] == 0


def test_no_waivers_ignores_a_missing_configured_waivers_file(chart: Path, tmp_path: Path) -> None:
    write(tmp_path / ".leadaudit.yaml", "waivers: gone.yaml\n")
    assert run("check", str(chart)).exit_code == 2
    assert run("check", str(chart), "--no-waivers").exit_code == 1


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "  - {rule: R20-11, subject: ea, owner: me, expires: 2025-01-01}",
            "waivers.yaml:2:5: waivers[0]: missing required field 'justification'",
        ),
        (
            "  - {rule: R20-11, subject: ea, justification: '   ', owner: me, expires: 2025-01-01}",
            "waivers.yaml:2:48: waivers[0].justification: string should have at least 1 character",
        ),
        (
            "  - {rule: R20-11, subject: ea, justification: x, owner: me, expires: 30/06/2025}",
            "waivers.yaml:2:71: waivers[0].expires: '30/06/2025' is not a date in the form YYYY-MM-DD",
        ),
        (
            "  - {rule: R20-11, subject: ea, justification: x, owner: me, expires: 4102444800}",
            "waivers.yaml:2:71: waivers[0].expires: '4102444800' is not a date in the form YYYY-MM-DD",
        ),
        (
            "  - {rule: R20-11, subject: ea, justification: x, owner: me, expires: 0}",
            "waivers.yaml:2:71: waivers[0].expires: '0' is not a date in the form YYYY-MM-DD",
        ),
        (
            "  - {rule: R20-11, subject: ea, justification: x, owner: me, expires: 2025-06-30T10:00:00}",
            "waivers.yaml:2:71: waivers[0].expires: '2025-06-30T10:00:00' is not a date in the form YYYY-MM-DD",
        ),
        (
            "  - {rule: R20-4, justification: x, owner: me, expires: 2025-01-01}",
            "waivers.yaml:2:12: waivers[0].rule: unknown rule 'R20-4' in framework rec20 "
            "(did you mean 'R20-04'?)",
        ),
        (
            "  - {rule: R20-11, justification: x, owner: me, expires: 2025-01-01, reason: budget}",
            "waivers.yaml:2:78: waivers[0].reason: 'budget' is not one of: shared_service, "
            "interim_arrangement, not_applicable, remediation_planned, accepted_risk",
        ),
        (
            "  - {rule: R20-11, justification: x, owner: me, expires: 2025-01-01}\n"
            "  - {rule: in-house-architecture, justification: y, owner: me, expires: 2025-01-01}",
            "waivers.yaml:3:5: waivers[1]: a second waiver for R20-11 on the authority (the first "
            "is at line 2) (keep one waiver per rule and subject)",
        ),
    ],
)
def test_bad_waivers_files_are_located_and_exit_2(
    chart: Path, tmp_path: Path, entry: str, message: str
) -> None:
    write(tmp_path / "waivers.yaml", "waivers:\n" + entry + "\n")
    out = tmp_path / "out.json"
    result = run(
        "check", str(chart), "--waivers", "waivers.yaml", "--format", "json", "-o", str(out)
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_waivers_file_that_is_a_bare_list_is_explained(chart: Path, tmp_path: Path) -> None:
    write(tmp_path / "waivers.yaml", "- rule: R20-11\n")
    result = run("check", str(chart), "--waivers", "waivers.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        "waivers.yaml:1:1: expected a mapping of keys to values at the top of the file, found a "
        "list (a waivers file starts with 'waivers:')\n"
    )


def test_bad_today_and_conflicting_options_are_usage_errors(chart: Path) -> None:
    result = run("check", str(chart), "--today", "2025-02-30")
    assert result.exit_code == 2
    assert "--today: '2025-02-30' is not a date in the form YYYY-MM-DD" in result.stderr
    result = run("check", str(chart), "--waivers", "waivers.yaml", "--no-waivers")
    assert result.exit_code == 2
    assert "--waivers and --no-waivers cannot be used together" in result.stderr


def test_an_empty_waivers_file_waives_nothing(chart: Path, tmp_path: Path) -> None:
    write(tmp_path / "waivers.yaml", "# none yet\n")
    code, data = check_json(str(chart), "--waivers", "waivers.yaml")
    assert code == 1 and data["summary"]["waived"] == 0
    write(tmp_path / "waivers.yaml", "waivers:\n")
    code, data = check_json(str(chart), "--waivers", "waivers.yaml")
    assert code == 1 and data["summary"]["waived"] == 0


def test_report_lists_waived_findings_and_waivers_to_review(chart: Path) -> None:
    from tests.support import markdown_parser, tables

    unused = "  - rule: R20-05\n    subject: nobody\n    justification: x\n    owner: y\n    expires: 2026-01-01\n"
    write(chart.parent / "waivers.yaml", WAIVERS + unused)
    result = run("report", str(chart), "--waivers", "waivers.yaml", "--today", "2025-06-15")
    assert result.exit_code == 0, result.output
    parsed = tables(markdown_parser().parse(result.stdout))
    waived = next(t for t in parsed if t[0][0] == "Rule" and "Justification" in t[0])
    assert [row[0].replace("\u2011", "-") for row in waived[1:]] == ["R20-11", "R20-16"]
    review = next(t for t in parsed if t[0] == ["Waiver", "Status", "Note"])
    assert [(row[0], row[1]) for row in review[1:]] == [
        ("waivers.yaml:2", "expiring"),
        ("waivers.yaml:8", "unpinned"),
        ("waivers.yaml:13", "unused"),
    ]
    assert "--waivers waivers.yaml --today 2025-06-15" in result.stdout
