"""Every input error in one run: model, reference, capability and graph problems of one
chart are reported together, in file order, each located; nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadaudit.orgchart.load import CHUNK
from tests.support import invoke

CHART = """\
leadaudit: 1
authority:
  name: Testford Council
  type: unitary
roles:
  cdo_role:
    title: Chief Digital Officer
    capabilities: [digital_leadership]
posts:
  - id: ceo
    title: Chief Executive
    capabilities: [head_of_paid_service]
  - id: cdo
    title: Chief Digital Officer
    reports_to: ceo
    titel: Pat
    roles: [cdo_role]
  - id: ea
    title: Enterprise Architect
    reports_to: cdoo
  - id: pm
    title: Programme Manager
    reports_to: ceo
    capabilities: [programme_managment]
  - id: buyer
    title: Procurement Lead
    reports_to: Chief Executive
  - id: x1
    title: Loop A
    reports_to: x2
  - id: x2
    title: Loop B
    reports_to: x1
  - id: team
    title: Digital Team Lead
    reports_to: cdo
    roles: [delivery_rol]
    works_with: [cllr-lea]
members:
  - id: cllr-lee
    name: Cllr Lee
    position: cabinet_membr
    portfolio: [Digital]
"""

EXPECTED = [
    "org.yaml:16:5: posts[1].titel: unknown field 'titel' (did you mean 'title'?)",
    "org.yaml:20:17: posts[2].reports_to: unknown post 'cdoo' (did you mean 'cdo'?)",
    "org.yaml:24:20: posts[3].capabilities[0]: unknown capability 'programme_managment' "
    "(did you mean 'programme_management'?)",
    "org.yaml:27:17: posts[4].reports_to: 'Chief Executive' is not a valid id "
    "(did you mean 'ceo'? 'Chief Executive' is the title of that post; use its id)",
    "org.yaml:30:17: posts[5].reports_to: reporting cycle: x1 -> x2 -> x1 "
    "(one post in the cycle must report outside it)",
    "org.yaml:37:13: posts[7].roles[0]: unknown role 'delivery_rol' (define it under 'roles:')",
    "org.yaml:38:18: posts[7].works_with[0]: unknown post or member 'cllr-lea' "
    "(did you mean 'cllr-lee'?)",
    "org.yaml:42:15: members[0].position: 'cabinet_membr' is not one of: leader, mayor, "
    "cabinet_member, committee_chair, member (did you mean 'cabinet_member'?)",
]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "org.yaml").write_text(CHART, encoding="utf-8")
    return tmp_path


def test_every_kind_of_error_is_reported_in_one_run(here: Path) -> None:
    result = invoke("check", "org.yaml", "--format", "json", "-o", "out.json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == EXPECTED
    assert not (here / "out.json").exists()


def test_a_reference_to_a_post_set_aside_is_not_reported_again(here: Path) -> None:
    # 'team' reports to cdo, whose entry has an error: only that error is reported for it
    result = invoke("check", "org.yaml")
    assert "unknown post 'cdo'" not in result.stderr
    assert "no top post" not in result.stderr


def test_a_flood_of_unknown_keys_is_located_counted_and_cheap(tmp_path: Path) -> None:
    posts = "".join(
        f"  - id: p{n}\n    title: P\n    a{n}: 1\n    b: 2\n    c: 3\n    d: 4\n    e: 5\n"
        for n in range(300)
    )
    chart = tmp_path / "keys.yaml"
    chart.write_text("leadaudit: 1\nauthority:\n  name: X\n  type: county\nposts:\n" + posts)
    result = invoke("check", str(chart))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == f"{chart}:8:5: posts[0].a0: unknown field 'a0'"
    assert lines[-1] == "... and 1,450 more problems"
    assert len(lines) == 51


@pytest.mark.parametrize("first", [0, CHUNK + 5])
def test_a_flood_of_unknown_keys_in_a_chart_validated_in_chunks(tmp_path: Path, first: int) -> None:
    # a chart this large is validated a chunk of posts at a time, and its unknown keys are
    # counted only once a chunk fails (from the first post, or after a chunk that passed):
    # the report is the same as for a small chart
    count = 2 * CHUNK + 10
    posts = "".join(
        f"  - id: p{n}\n    title: P\n" + (f"    a{n}: 1\n    b: 2\n" if n >= first else "")
        for n in range(count)
    )
    chart = tmp_path / "keys.yaml"
    chart.write_text("leadaudit: 1\nauthority:\n  name: X\n  type: county\nposts:\n" + posts)
    result = invoke("check", str(chart))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert (
        lines[0] == f"{chart}:{8 + 2 * first}:5: posts[{first}].a{first}: unknown field 'a{first}'"
    )
    assert lines[-1] == f"... and {2 * (count - first) - 50:,} more problems"
    assert len(lines) == 51
