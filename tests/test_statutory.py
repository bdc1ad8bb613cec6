"""The statutory framework and the rule kinds it brought: distinct holders, a direct line."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from leadaudit.engine import audit
from leadaudit.findings import AuditResult
from leadaudit.framework import load_framework
from leadaudit.orgchart import load_orgchart
from leadaudit.rules import REGISTRY
from tests.support_config import org_text, write

OFFICERS = """
- id: dof
  title: Director of Finance
  reports_to: ceo
  holder: Pat Jones
  capabilities: [s151_officer, siro]
- id: legal
  title: Head of Legal
  reports_to: ceo
  holder: Robin Smith
  capabilities: [monitoring_officer]
- id: dpo
  title: Data Protection Officer
  reports_to: legal
  works_with: [ceo]
  capabilities: [data_protection_officer]
- id: caldicott
  title: Director of Adult Social Care
  reports_to: ceo
  capabilities: [caldicott_guardian]
"""


def run_statutory(tmp_path: Path, text: str) -> AuditResult:
    fw = load_framework("statutory")
    return audit(load_orgchart(write(tmp_path / "org.yaml", text), fw.capabilities), fw)


def found(result: AuditResult) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in result.findings:
        out.setdefault(f.rule, []).append(f.message)
    return out


def test_the_statutory_framework_is_bundled_with_its_own_ids() -> None:
    fw = load_framework("statutory")
    assert [r.id for r in fw.rules] == [f"STAT-{n:02d}" for n in range(1, 11)]
    assert list(fw.areas) == ["statutory_officers", "information_governance"]


def test_a_council_with_its_officers_in_place_has_no_findings(tmp_path: Path) -> None:
    result = run_statutory(tmp_path, org_text(extra_posts=OFFICERS))
    assert result.findings == ()
    assert result.score == 10.0


def test_missing_officers_are_errors(tmp_path: Path) -> None:
    result = run_statutory(tmp_path, org_text())
    assert {f.rule: f.severity.value for f in result.findings} == {
        "STAT-02": "error",
        "STAT-03": "error",
        "STAT-07": "error",
        "STAT-09": "warning",
        "STAT-10": "info",
    }


def test_one_post_holding_monitoring_officer_and_s151_is_an_error(tmp_path: Path) -> None:
    text = org_text(
        extra_posts=OFFICERS.replace(
            "capabilities: [s151_officer, siro]",
            "capabilities: [s151_officer, siro, monitoring_officer]",
        )
    )
    result = run_statutory(tmp_path, text)
    assert found(result) == {
        "STAT-04": [
            "Director of Finance (dof) holds monitoring officer and chief finance officer "
            "(s151 / s95); these must be held by different people"
        ]
    }
    (finding,) = result.findings
    assert (finding.subject, finding.severity.value) == ("dof", "error")


def test_one_person_holding_both_through_two_posts_is_an_error(tmp_path: Path) -> None:
    text = org_text(extra_posts=OFFICERS.replace("holder: Robin Smith", "holder: '  pat   JONES '"))
    assert found(run_statutory(tmp_path, text)) == {
        "STAT-04": [
            "Pat Jones holds chief finance officer (s151 / s95) as Director of Finance (dof); "
            "monitoring officer as Head of Legal (legal); these must be held by different people"
        ]
    }


def test_a_vacant_post_does_not_count_as_holding_an_office(tmp_path: Path) -> None:
    text = org_text(
        extra_posts=OFFICERS
        + """
- id: old-legal
  title: Former Director of Governance
  reports_to: ceo
  basis: vacant
  capabilities: [monitoring_officer, s151_officer]
"""
    )
    assert "STAT-04" not in found(run_statutory(tmp_path, text))


def test_head_of_paid_service_as_monitoring_officer_depends_on_the_authority_type(
    tmp_path: Path,
) -> None:
    officers = OFFICERS.replace("capabilities: [monitoring_officer]", "capabilities: []")
    text = org_text(extra_posts=officers).replace(
        "capabilities: [head_of_paid_service]",
        "capabilities: [head_of_paid_service, monitoring_officer]",
    )
    assert found(run_statutory(tmp_path, text))["STAT-05"] == [
        "Chief Executive (ceo) holds monitoring officer and head of paid service; "
        "these must be held by different people"
    ]
    combined = run_statutory(tmp_path, text.replace("type: county", "type: combined_authority"))
    assert "STAT-05" not in found(combined)
    assert (
        "STAT-05",
        "applies only to county, district, unitary, metropolitan_borough, "
        "london_borough authorities",
    ) in combined.not_applicable


@pytest.mark.parametrize(
    ("dpo", "passes"),
    [
        ("reports_to: legal\n  works_with: [ceo]", True),
        ("reports_to: ceo", True),
        ("reports_to: legal\n  leadership_team: true", True),
        ("reports_to: legal", False),
    ],
)
def test_dpo_needs_a_direct_line_to_the_top(tmp_path: Path, dpo: str, passes: bool) -> None:
    text = org_text(extra_posts=OFFICERS.replace("reports_to: legal\n  works_with: [ceo]", dpo))
    audited = run_statutory(tmp_path, text)
    result = found(audited)
    # UK GDPR art 38(3) requires the direct report: a missing line is an error
    severities = {f.severity.value for f in audited.findings if f.rule == "STAT-08"}
    assert severities == (set() if passes else {"error"})
    if passes:
        assert "STAT-08" not in result
    else:
        assert result["STAT-08"] == [
            "Data protection officer: Data Protection Officer (dpo) is 2 levels below Chief "
            "Executive (ceo), not on the leadership team, and has no recorded direct line to "
            "the top (works_with)"
        ]


def test_the_top_post_naming_the_dpo_counts_as_a_direct_line(tmp_path: Path) -> None:
    text = org_text(
        extra_posts=OFFICERS.replace("reports_to: legal\n  works_with: [ceo]", "reports_to: legal")
    ).replace(
        "works_with: [cllr-lead]\n  - id: cdo", "works_with: [cllr-lead, dpo]\n  - id: cdo", 1
    )
    assert "STAT-08" not in found(run_statutory(tmp_path, text))


@pytest.mark.parametrize(
    ("social_care", "expected"),
    [
        ("true", "finding"),
        ("false", "applies only to authorities with adult social care functions"),
        ("null", "authority.adult_social_care is not recorded; set it to true or false"),
    ],
)
def test_caldicott_guardian_applies_where_adult_social_care_is_recorded(
    tmp_path: Path, social_care: str, expected: str
) -> None:
    officers = OFFICERS.replace("capabilities: [caldicott_guardian]", "capabilities: []")
    result = run_statutory(tmp_path, org_text(extra_posts=officers, social_care=social_care))
    if expected == "finding":
        assert found(result) == {"STAT-09": ["No post covers Caldicott guardian"]}
    else:
        assert found(result) == {}
        assert ("STAT-09", expected) in result.not_applicable


@pytest.mark.parametrize("kind", ["distinct_holders", "direct_line_to_top"])
def test_new_rule_kinds_document_themselves(kind: str) -> None:
    module = importlib.import_module(REGISTRY[kind].__module__)
    doc = module.__doc__ or ""
    assert doc.startswith(f"{kind}: ")
    assert "Passes::" in doc and "Fails::" in doc
