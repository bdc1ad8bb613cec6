"""What a report lists as in place never names a post the findings say falls short there:
a listed post that another rule reports as a gap is taken out of the list."""

from __future__ import annotations

from pathlib import Path

import pytest

import leadaudit
from leadaudit.findings import Severity
from tests.conftest import ROOT
from tests.support import report_inputs
from tests.support_config import org_text, write

LISTINGS = ("Key posts filled: ", " is held in-house: ")


@pytest.mark.parametrize("source", report_inputs(), ids=lambda p: p.stem)
def test_no_listing_in_place_names_a_post_with_a_gap(source: Path) -> None:
    result = leadaudit.audit(leadaudit.load(ROOT / source))
    for f in result.findings:
        if f.subject_kind != "post" or f.severity is Severity.info:
            continue
        for s in result.strengths:
            if s.rule != f.rule and any(mark in s.message for mark in LISTINGS):
                assert f"({f.subject})" not in s.message, (s.message, f.message)


def test_an_outsourced_architect_is_neither_filled_nor_in_place(tmp_path: Path) -> None:
    org = org_text().replace(
        "title: Enterprise Architect\n    reports_to: cdo",
        "title: Enterprise Architect\n    reports_to: cdo\n    basis: outsourced",
    )
    result = leadaudit.audit(leadaudit.load(write(tmp_path / "org.yaml", org)))
    about_ea = {f.rule for f in result.findings if f.subject == "ea"}
    assert about_ea == {"R20-11", "R20-19"}
    filled = [s.message for s in result.strengths if s.rule == "R20-19"]
    assert filled and all("(ea)" not in m for m in filled)
    assert all("(ea)" not in s.message for s in result.strengths)


def test_a_vacant_post_covers_nothing(tmp_path: Path) -> None:
    org = org_text().replace(
        "title: Enterprise Architect\n    reports_to: cdo",
        "title: Enterprise Architect\n    reports_to: cdo\n    basis: vacant",
    )
    result = leadaudit.audit(leadaudit.load(write(tmp_path / "org.yaml", org)))
    r2011 = [f for f in result.findings if f.rule == "R20-11"]
    assert [f.message for f in r2011] == [
        "Digital architecture is covered only by a vacant post: Enterprise Architect (ea)"
    ]
    assert "R20-19" in {f.rule for f in result.findings if f.subject == "ea"}
