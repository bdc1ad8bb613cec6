"""Real published org charts (../shared/data/real), turned into org chart files, through the CLI.

Nobody here wrote these: central government organograms (with their own reporting
lines, several top posts, odd references and long titles) and a council's
Transparency Code structure (levels only). Each becomes an org chart file the way a
user's export script might write it, and `leadaudit check` must end cleanly: a result
(exit 0 or 1) or located input errors (exit 2), never a traceback.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leadaudit.cli import app
from tests.conftest import SHARED

REAL = SHARED / "data" / "real"
ORGANOGRAMS = sorted((REAL / "organograms").glob("*-senior.csv")) if REAL.is_dir() else []
COUNCILS = sorted(REAL.glob("*organisation-structure*.csv")) if REAL.is_dir() else []
LOCATED = re.compile(r"^\S.*?:\d+:\d+: ", re.MULTILINE)

# Professions in the organograms that show a Recommendation 20 capability.
PROFESSIONS = {
    "information technology": "digital_architecture",
    "programme and project management": "programme_management",
    "procurement": "procurement",
    "communications": "citizen_communication",
    "knowledge and information management": "data_sharing",
    "analysis": "data_analytics",
}


def yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a valid YAML double-quoted scalar


def post_id(reference: str) -> str:
    return "post-" + re.sub(r"[^A-Za-z0-9_.-]", "-", reference.strip())


def write_chart(path: Path, name: str, posts: list[dict[str, object]]) -> None:
    lines = ["leadaudit: 1", "authority:", f"  name: {yaml_text(name)}", "  type: other", "posts:"]
    for post in posts:
        first = True
        for key, value in post.items():
            if value in (None, "", []):
                continue
            lead = "  - " if first else "    "
            first = False
            if isinstance(value, list):
                lines.append(f"{lead}{key}: [{', '.join(str(v) for v in value)}]")
            else:
                lines.append(f"{lead}{key}: {yaml_text(str(value))}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def organogram_chart(source: Path, target: Path) -> int:
    with source.open(encoding="utf-8", errors="replace", newline="") as handle:
        rows = list(csv.DictReader(handle))
    posts: list[dict[str, object]] = []
    for row in rows:
        reference = row.get("Post Unique Reference", "").strip()
        if not reference:
            continue
        boss = row.get("Reports to Senior Post", "").strip()
        title = row.get("Job Title", "").strip()
        profession = row.get("Professional/Occupational Group", "").strip().lower()
        caps = [cap for key, cap in PROFESSIONS.items() if key in profession]
        if "digital" in title.lower() or "chief information officer" in title.lower():
            caps.append("digital_leadership")
        if boss.upper() == "XX":
            caps.append("head_of_paid_service")
        posts.append(
            {
                "id": post_id(reference),
                "title": title,
                "reports_to": None if boss.upper() in ("XX", "") else post_id(boss),
                "directorate": row.get("Unit", "").strip(),
                "capabilities": sorted(set(caps)),
                "basis": "vacant" if row.get("Name", "").strip().lower() == "vacant" else None,
            }
        )
    write_chart(target, rows[0].get("Organisation", source.stem) if rows else source.stem, posts)
    return len(posts)


def council_chart(source: Path, target: Path) -> int:
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    posts: list[dict[str, object]] = []
    last_at_level: dict[int, str] = {}
    for i, row in enumerate(rows):
        level = int(row["Level"])
        pid = f"post-{i + 1}"
        title = row["JobTitle"].strip()
        caps = ["head_of_paid_service"] if level == 1 else []
        if "digital" in title.lower() or "ict" in title.lower().split():
            caps.append("digital_leadership")
        vacant = row.get("Vacancy", "").strip().lower() == "vacant"
        posts.append(
            {
                "id": pid,
                "title": title,
                # No reports-to column: the nearest post one level up, in file order.
                "reports_to": last_at_level.get(level - 1) if level > 1 else None,
                "directorate": row["Directorate"] if row["Directorate"] != "NA" else None,
                "capabilities": caps,
                "basis": "vacant" if vacant else None,
            }
        )
        last_at_level[level] = pid
    write_chart(target, rows[0]["OrganisationLabel"], posts)
    return len(posts)


def run_check(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json"])
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    return result.exit_code, result.output


@pytest.mark.skipif(not ORGANOGRAMS, reason="../shared/data/real is absent")
@pytest.mark.parametrize("source", ORGANOGRAMS, ids=lambda p: p.stem)
def test_organograms_end_cleanly(source: Path, tmp_path: Path) -> None:
    target = tmp_path / f"{source.stem}.yaml"
    assert organogram_chart(source, target) > 0
    code, output = run_check(target)
    assert code in (0, 1, 2)
    if code == 2:
        assert LOCATED.search(output), output
    else:
        assert json.loads(output)["files"][0]["file"] == str(target)


@pytest.mark.skipif(not COUNCILS, reason="../shared/data/real is absent")
@pytest.mark.parametrize("source", COUNCILS, ids=lambda p: p.stem)
def test_council_structures_audit(source: Path, tmp_path: Path) -> None:
    target = tmp_path / f"{source.stem}.yaml"
    assert council_chart(source, target) == 80
    code, output = run_check(target)
    assert code in (0, 1), output  # a clean tree: a result, with findings
    result = json.loads(output)
    assert result["summary"]["files"] == 1
    assert result["findings"]
