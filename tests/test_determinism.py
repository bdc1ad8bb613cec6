"""Same input, same bytes: no value from the clock reaches an output unless the user gave
it, and adding a post changes only that post's lines of a report."""

from __future__ import annotations

import datetime
import difflib
from pathlib import Path

import pytest

from leadaudit.reporters import FORMATS
from tests.support import invoke
from tests.support_config import org_text, write

WAIVERS = """\
waivers:
  - rule: R20-16
    subject: cdo
    justification: Communications joins the digital directorate in April.
    owner: Head of Communications
    expires: 2099-01-10
  - rule: R20-11
    subject: nobody
    justification: A waiver that matches nothing, so the notes are in the output.
    owner: Chief Digital Officer
    expires: 2099-12-31
"""


def _fixed_clock(monkeypatch: pytest.MonkeyPatch, day: datetime.date) -> None:
    """Make date.today() in the runner return ``day``."""

    class FixedDate(datetime.date):
        @classmethod
        def today(cls) -> FixedDate:
            return cls(day.year, day.month, day.day)

    monkeypatch.setattr("leadaudit.cli.runner.date", FixedDate)


@pytest.mark.parametrize("output", sorted(FORMATS))
def test_no_output_changes_with_the_system_date(
    output: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    org = org_text().replace("capabilities: [citizen_communication]", "capabilities: []")
    write(tmp_path / "org.yaml", org)
    write(tmp_path / "waivers.yaml", WAIVERS)
    write(tmp_path / ".leadaudit.yaml", "waivers: waivers.yaml\n")
    outputs = []
    for day in (datetime.date(2098, 12, 20), datetime.date(2098, 12, 21)):
        _fixed_clock(monkeypatch, day)
        result = invoke("check", "org.yaml", "--format", output)
        assert result.exit_code in (0, 1), result.output
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    if output in ("text", "markdown"):
        assert "2098-12-2" not in outputs[0]
        assert "within 30 days" in outputs[0]  # the expiring note is there, without a count


def test_the_clock_changes_the_output_only_through_waiver_expiry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check above would pass if the clock were not read at all: it is, for expiry."""
    monkeypatch.chdir(tmp_path)
    org = org_text().replace("capabilities: [citizen_communication]", "capabilities: []")
    write(tmp_path / "org.yaml", org)
    write(tmp_path / "waivers.yaml", WAIVERS.replace("2099-01-10", "2098-12-20"))
    write(tmp_path / ".leadaudit.yaml", "waivers: waivers.yaml\n")
    _fixed_clock(monkeypatch, datetime.date(2098, 12, 20))
    assert invoke("check", "org.yaml").exit_code == 0
    _fixed_clock(monkeypatch, datetime.date(2098, 12, 21))
    assert "waiver expired 2098-12-20" in invoke("check", "org.yaml").stdout


def test_adding_a_post_changes_only_its_own_lines_of_the_report(tmp_path: Path) -> None:
    base = org_text()
    added = base.replace(
        "posts:\n",
        "posts:\n  - id: aaa-first\n    title: Head of Policy\n    reports_to: ceo\n",
        1,
    )
    assert added != base
    reports = []
    for name, text in (("org.yaml", base), ("org.yaml", added)):
        path = write(tmp_path / name, text)
        result = invoke("report", str(path), "--isolated")
        assert result.exit_code == 0, result.output
        reports.append(result.stdout)
    changed = [
        line
        for line in difflib.unified_diff(reports[0].splitlines(), reports[1].splitlines(), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    # The new post's node and edge, or the team box it joins; the chart's post count; the
    # input's SHA-256.
    assert all(
        "aaa_2d_first" in line
        or "t_ceo[" in line  # the team box the new post joins, before and after
        or "posts" in line
        or "SHA-256" in line
        for line in changed
    ), changed
    assert len(changed) <= 8, changed
