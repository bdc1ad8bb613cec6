"""Pinned waivers and 'leadaudit waive': a waiver covers the finding it accepted, not a
worse one; the command writes pinned waivers as a person would, or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support_config import check_json, org_text, run, write

# The digital leader two levels down: R20-02 (error) is the one error finding.
DEPTH_2 = org_text().replace(
    "posts:\n",
    "posts:\n  - id: dir\n    title: Director of Resources\n    reports_to: ceo\n"
    "  - id: ad\n    title: Assistant Director\n    reports_to: dir\n",
    1,
)
DEPTH_2 = DEPTH_2.replace(
    "  - id: cdo\n    title: Chief Digital Officer\n    reports_to: ceo",
    "  - id: cdo\n    title: Chief Digital Officer\n    reports_to: dir",
    1,
)
DEPTH_3 = DEPTH_2.replace(
    "  - id: cdo\n    title: Chief Digital Officer\n    reports_to: dir",
    "  - id: cdo\n    title: Chief Digital Officer\n    reports_to: ad",
    1,
)
WAIVE = (
    "waive",
    "org.yaml",
    "--rule",
    "R20-02",
    "--justification",
    "Restructure agreed: the CDO joins the leadership team in April",
    "--owner",
    "Chief Executive",
    "--expires",
    "2099-04-30",
)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    assert DEPTH_2 != DEPTH_3 != org_text()
    write(tmp_path / "org.yaml", DEPTH_2)
    return tmp_path


def test_waive_at_depth_2_then_deeper_fails_then_back_passes(here: Path) -> None:
    assert run("check", "org.yaml").exit_code == 1
    made = run(*WAIVE)
    assert made.exit_code == 0, made.output
    assert made.stdout == "added 1 pinned waiver for R20-02 to waivers.yaml\n"
    assert run("check", "org.yaml", "--waivers", "waivers.yaml").exit_code == 0

    write(here / "org.yaml", DEPTH_3)
    deeper = run("check", "org.yaml", "--waivers", "waivers.yaml")
    assert deeper.exit_code == 1
    note = "waiver for R20-02 on 'cdo' accepted '2 levels below', now '3 levels below'"
    assert "R20-02 error: Chief Digital Officer (cdo) is 3 levels below" in deeper.stdout
    assert note in deeper.stdout
    code, data = check_json("org.yaml", "--waivers", "waivers.yaml")
    assert code == 1
    notes = data["files"][0]["waiver_notes"]
    assert [(n["kind"], n["message"]) for n in notes] == [
        ("changed", f"{note}: the finding is reported again")
    ]

    write(here / "org.yaml", DEPTH_2)
    assert run("check", "org.yaml", "--waivers", "waivers.yaml").exit_code == 0


def test_the_waiver_is_written_as_a_person_would_write_it(here: Path) -> None:
    assert run(*WAIVE).exit_code == 0
    assert (here / "waivers.yaml").read_text(encoding="utf-8") == (
        "waivers:\n"
        "  - rule: R20-02\n"
        "    subject: cdo\n"
        '    justification: "Restructure agreed: the CDO joins the leadership team in April"\n'
        "    owner: Chief Executive\n"
        "    expires: 2099-04-30\n"
        "    # pinned by 'leadaudit waive': a finding that changes is reported again\n"
        "    severity: error\n"
        "    accepted: 2 levels below\n"
    )


def test_waive_appends_to_the_file_init_writes(here: Path) -> None:
    assert (
        run("init", "--type", "county", "--name", "X", "--ci", "none", "--dir", "new").exit_code
        == 0
    )
    scaffold = (here / "new" / "waivers.yaml").read_text(encoding="utf-8")
    write(here / "new" / "org.yaml", DEPTH_2)
    made = run(*WAIVE, "--waivers", "new/waivers.yaml")
    assert made.exit_code == 0, made.output
    text = (here / "new" / "waivers.yaml").read_text(encoding="utf-8")
    assert text.startswith(scaffold)
    assert text[len(scaffold) :].startswith("  - rule: R20-02\n")


def test_an_empty_flow_list_becomes_a_block_list(here: Path) -> None:
    write(here / "waivers.yaml", "# ours\nwaivers: []\n")
    assert run(*WAIVE).exit_code == 0
    assert (
        (here / "waivers.yaml")
        .read_text(encoding="utf-8")
        .startswith("# ours\nwaivers:\n  - rule: R20-02\n")
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--subject", "nobody"), "no finding of R20-02 on 'nobody' in org.yaml; nothing to waive"),
        (("--expires", "2099-4-30"), "--expires: '2099-4-30' is not a date in the form YYYY-MM-DD"),
        (("--owner", "a\nb"), "--owner: give one line of printable text"),
        (("--rule", "R20-2"), "unknown rule 'R20-2' in framework rec20 (did you mean 'R20-02'?)"),
    ],
)
def test_waive_refuses_and_writes_nothing(here: Path, extra: tuple[str, str], message: str) -> None:
    result = run(*WAIVE, *extra)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (here / "waivers.yaml").exists()


def test_a_second_waiver_for_the_same_finding_is_refused(here: Path) -> None:
    assert run(*WAIVE).exit_code == 0
    before = (here / "waivers.yaml").read_text(encoding="utf-8")
    again = run(*WAIVE)
    assert again.exit_code == 2
    assert "waivers.yaml:2: a waiver for R20-02 on cdo is already there" in again.stderr
    assert (here / "waivers.yaml").read_text(encoding="utf-8") == before


def test_nothing_is_waived_when_the_rule_finds_nothing(here: Path) -> None:
    write(here / "org.yaml", org_text())
    result = run(*WAIVE)
    assert result.exit_code == 2
    assert "no finding of R20-02 in org.yaml; nothing to waive" in result.stderr


def test_a_hand_written_waiver_still_works_and_is_listed_as_not_pinned(here: Path) -> None:
    write(
        here / "waivers.yaml",
        "waivers:\n  - rule: R20-02\n    subject: cdo\n    justification: x\n"
        "    owner: y\n    expires: 2099-04-30\n",
    )
    code, data = check_json("org.yaml", "--waivers", "waivers.yaml")
    assert code == 0
    assert [n["kind"] for n in data["files"][0]["waiver_notes"]] == ["unpinned"]
    write(here / "org.yaml", DEPTH_3)
    assert check_json("org.yaml", "--waivers", "waivers.yaml")[0] == 0  # not pinned: covers


def test_a_higher_severity_is_not_covered(here: Path) -> None:
    write(
        here / "waivers.yaml",
        "waivers:\n  - rule: R20-02\n    subject: cdo\n    justification: x\n"
        "    owner: y\n    expires: 2099-04-30\n    severity: warning\n"
        "    accepted: 2 levels below\n",
    )
    result = run("check", "org.yaml", "--waivers", "waivers.yaml")
    assert result.exit_code == 1
    assert "waiver for R20-02 on 'cdo' accepted a warning, now an error" in result.stdout
