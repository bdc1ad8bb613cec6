"""Small org charts and helpers for the framework, configuration and waiver tests."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from leadaudit.cli import app

# A county that meets every rec20 rule; tests change one thing at a time.
COMPLIANT = """\
leadaudit: 1
authority:
  name: Testshire County Council
  type: {type}
  adult_social_care: {social_care}
posts:
  - id: ceo
    title: Chief Executive
    capabilities: [head_of_paid_service]
    works_with: [cllr-lead]
  - id: cdo
    title: Chief Digital Officer
    reports_to: {cdo_reports_to}
    directorate: Chief Executive's Office
    works_with: [cllr-lead]
    capabilities: [digital_leadership, digital_strategy, culture_change, stakeholder_management]
  - id: data
    title: Head of Data
    reports_to: cdo
    capabilities: [data_sharing, data_analytics, open_data, chief_data_officer]
  - id: ea
    title: Enterprise Architect
    reports_to: cdo
    capabilities: [digital_architecture]
  - id: pmo
    title: Head of Digital Programmes
    reports_to: cdo
    capabilities: [programme_management, delivery_management, transformation]
  - id: buyer
    title: Head of Procurement
    reports_to: ceo
    capabilities: [procurement]
  - id: comms
    title: Head of Communications
    reports_to: ceo
    capabilities: [citizen_communication]
    works_with: [cdo]
{extra_posts}
members:
  - id: cllr-lead
    name: Cllr Lee Lead
    position: cabinet_member
    portfolio: [Digital]
    digital_experience: Ran a software company
digital_strategy:
  title: Digital Testshire
  owners: [cllr-lead, cdo]
"""


def org_text(
    type: str = "county",
    extra_posts: str = "",
    social_care: str = "true",
    cdo_reports_to: str = "ceo",
) -> str:
    return COMPLIANT.format(
        type=type,
        extra_posts=textwrap.indent(textwrap.dedent(extra_posts).strip("\n"), "  ")
        if extra_posts
        else "",
        social_care=social_care,
        cdo_reports_to=cdo_reports_to,
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(app, [*args])


def check_json(*args: str) -> tuple[int, dict[str, Any]]:
    """Run 'check --format json' and return the exit code and parsed output."""
    result = run("check", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, data


def rules_of(data: dict[str, Any]) -> list[str]:
    return [f["rule"] for f in data["findings"]]
