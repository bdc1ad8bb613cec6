"""The report as the deliverable a consultant hands over: the action plan and its owners,
the evidence behind findings and strengths, the statutory basics beside Recommendation 20,
the method's scope, and tables that print."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from leadaudit.engine import audit
from leadaudit.framework import load_framework, load_framework_file
from leadaudit.orgchart import load_orgchart
from leadaudit.reportdata import with_chart
from leadaudit.reporters import RenderOptions
from leadaudit.reporters.report_context import report_context
from tests.conftest import ROOT
from tests.support import run

UNITARY = ROOT / "examples" / "unitary-gaps.yaml"


def _context(path: Path, framework: str = "rec20") -> dict[str, Any]:
    fw = load_framework(framework)
    index = load_orgchart(path, fw.capabilities)
    return report_context(with_chart(audit(index, fw), index, fw), RenderOptions())


def _chart(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "org.yaml"
    path.write_text(
        "leadaudit: 1\nauthority: {name: Testford Council, type: unitary}\n" + body,
        encoding="utf-8",
    )
    return path


def test_actions_name_the_post_or_member_who_would_own_them() -> None:
    actions = {a["rule"]: a for a in _context(UNITARY)["actions"]}
    assert actions["R20-02"]["owner"]["label"] == "Chief Executive (ceo)"
    assert actions["R20-11"]["owner"]["label"] == "Head of Digital and ICT (head-digital-ict)"
    assert actions["R20-06"]["owner"]["label"] == "Cllr Kwame Osei (cllr-osei)"
    assert actions["R20-02"]["clears"] == ["Head of Digital and ICT (head-digital-ict)"]
    assert actions["R20-06"]["clears"] == ["Cllr Kwame Osei (cllr-osei)"]


def test_actions_run_most_urgent_first_and_point_to_the_others_on_their_bullet() -> None:
    actions = _context(UNITARY)["actions"]
    ranks = {"must": 0, "should": 1, "consider": 2}
    assert [ranks[a["priority"]] for a in actions] == sorted(ranks[a["priority"]] for a in actions)
    assert [a["number"] for a in actions] == list(range(1, len(actions) + 1))
    bullet_two = [a["number"] for a in actions if a["area"] == "organisational"]
    for a in actions:
        if a["area"] == "organisational":
            assert a["with"] == [n for n in bullet_two if n != a["number"]]


def test_without_a_digital_leader_or_members_actions_fall_to_the_head_of_paid_service(
    tmp_path: Path,
) -> None:
    path = _chart(
        tmp_path,
        "posts:\n"
        "  - {id: top, title: Managing Director}\n"
        "  - {id: hr, title: Head of HR, reports_to: top}\n",
    )
    context = _context(path)
    owners = {a["rule"]: a["owner"] for a in context["actions"]}
    assert owners["R20-01"] == {
        "role": "head_of_paid_service",
        "label": "Managing Director (top)",
        "note": None,
    }
    assert all(
        o["label"] == "Managing Director (top)" and o["note"] == "no digital leader is recorded"
        for o in (owners[r] for r in ("R20-09", "R20-11"))
    )
    text = run(["report", str(path)]).stdout
    assert "*Owner:* Managing Director (top) (no digital leader is recorded)" in text


def test_a_framework_can_give_a_rule_another_owner(tmp_path: Path) -> None:
    framework = tmp_path / "fw.yaml"
    framework.write_text(
        "leadaudit_framework: 1\nname: local\nextends: rec20\n"
        "overrides:\n  R20-11: {owner: head_of_paid_service}\n",
        encoding="utf-8",
    )
    fw = load_framework_file(framework)
    index = load_orgchart(UNITARY, fw.capabilities)
    context = report_context(with_chart(audit(index, fw), index, fw), RenderOptions())
    owner = next(a["owner"] for a in context["actions"] if a["rule"] == "R20-11")
    assert owner["label"] == "Chief Executive (ceo)"


def test_an_unknown_owner_is_a_located_framework_error(tmp_path: Path) -> None:
    framework = tmp_path / "fw.yaml"
    framework.write_text(
        "leadaudit_framework: 1\nname: local\nextends: rec20\n"
        "overrides:\n  R20-11: {owner: finance_director}\n",
        encoding="utf-8",
    )
    result = run(["report", str(UNITARY), "--framework", str(framework)])
    assert result.exit_code == 2
    assert re.match(rf"{re.escape(str(framework))}:5:\d+: .*owner", result.stderr)
    assert "head_of_paid_service" in result.stderr


def test_findings_and_strengths_show_what_the_chart_records(tmp_path: Path) -> None:
    path = _chart(
        tmp_path,
        "posts:\n"
        "  - {id: ceo, title: Chief Executive, capabilities: [head_of_paid_service]}\n"
        "  - id: cdo\n"
        "    title: Head of ICT\n"
        "    reports_to: fin\n"
        "    holder: A. Person\n"
        "    capabilities: [digital_leadership]\n"
        "    responsibilities: [Runs the ICT service]\n"
        "    evidence: [Job description JD-42]\n"
        "  - {id: fin, title: Director of Finance, reports_to: ceo}\n"
        "  - id: ea\n"
        "    title: Enterprise Architect\n"
        "    reports_to: cdo\n"
        "    capabilities: [digital_architecture]\n"
        "    evidence: [Architecture board terms of reference]\n",
    )
    text = run(["report", str(path)]).stdout
    finding = text[text.index("(R20-02, error)\n") :].split("\n\n")[1]
    assert (
        "  - *Recorded for Head of ICT (cdo):* held by A. Person; responsibilities: Runs the"
        " ICT service; evidence: Job description JD-42" in finding
    )
    evidence = text[text.index("## Evidence behind what is in place") :].split("\n## ")[0]
    assert "*Recorded for Enterprise Architect (ea):* evidence: Architecture board" in evidence


def test_the_statutory_basics_appear_when_the_chart_records_a_statutory_office() -> None:
    context = _context(UNITARY)
    [statutory] = context["companions"]
    assert statutory["framework"]["name"] == "statutory"
    assert statutory["verdict_text"].startswith("Does not meet Statutory basics")
    text = run(["report", str(UNITARY)]).stdout
    assert "\n## Statutory basics check\n" in text
    summary = text.split("## Action plan")[0]
    assert "### Statutory basics" in summary


@pytest.mark.parametrize(
    "capabilities", ["[head_of_paid_service]", "[]"], ids=["head-of-paid-service-only", "none"]
)
def test_no_statutory_basics_without_a_statutory_office(tmp_path: Path, capabilities: str) -> None:
    path = _chart(
        tmp_path,
        f"posts:\n  - {{id: ceo, title: Chief Executive, capabilities: {capabilities}}}\n",
    )
    assert _context(path)["companions"] == []
    assert "Statutory basics" not in run(["report", str(path)]).stdout


def test_the_statutory_framework_is_not_checked_twice() -> None:
    assert _context(UNITARY, "statutory")["companions"] == []


def test_the_method_states_the_charts_scope() -> None:
    text = run(["report", str(UNITARY)]).stdout
    method = text[text.index("## Method") :].split("\n\n")[1]
    assert method.startswith(
        "**Scope.** The chart records 28 posts over 6 levels in 4 directorates (0 vacant,"
        " 1 held outside the authority), 4 elected members (4 executive) and the digital"
        ' strategy "Kelbrook Digital Strategy 2024-2027".'
    )
    assert "18 of 19 rules applied, 1 not applicable to this authority" in method


def test_rule_ids_in_tables_never_break_and_read_back_in_explain() -> None:
    """A browser squeezing a table breaks 'R20-01' after its hyphen ('R20-' / '01'), as a
    report printed through pandoc -f gfm did; ids in cells use non-breaking hyphens."""
    text = run(["report", str(UNITARY)]).stdout
    appendix = text[text.index("## Appendix A") : text.index("## Appendix B")]
    rows = [line for line in appendix.splitlines() if line.startswith("| R20")]
    assert len(rows) == 19
    assert all(row.startswith("| R20\u2011") for row in rows)
    copied = rows[0].split(" | ")[0].lstrip("| ")
    result = run(["explain", copied])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("R20-01 (digital-leader-exists)")


def test_each_action_lists_owner_bullet_and_findings_as_separate_items() -> None:
    from tests.support import markdown_parser

    text = run(["report", str(UNITARY)]).stdout
    plan = text[text.index("## Action plan") : text.index("## Scorecard")]
    tokens = markdown_parser().parse(plan)
    items = [
        tokens[i + 2].content
        for i, t in enumerate(tokens)
        if t.type == "list_item_open" and t.level == 3
    ]
    context = _context(UNITARY)
    actions = context["actions"] + [a for c in context["companions"] for a in c["actions"]]
    assert len(items) == 3 * len(actions)
    assert [item.split(":*")[0] for item in items[:3]] == ["*Owner", "*Works towards", "*Clears"]


def test_statutory_findings_get_actions_numbered_after_the_main_plan() -> None:
    context = _context(UNITARY)
    [statutory] = context["companions"]
    numbers = [a["number"] for a in statutory["actions"]]
    assert numbers[0] == len(context["actions"]) + 1
    stat08 = next(a for a in statutory["actions"] if a["rule"] == "STAT-08")
    assert stat08["owner"]["label"] == "Chief Executive (ceo)"
    assert stat08["clears"] == ["Information Governance Manager (info-gov)"]


def test_the_opening_names_where_the_recommendation_comes_from() -> None:
    text = run(["report", str(UNITARY)]).stdout
    opening = text.split("## Executive summary")[0]
    assert "from the Digital Government Review (UK, 2014)" in opening


def test_recruiting_to_key_posts_falls_to_the_head_of_paid_service() -> None:
    """An interim digital leader should not own recruiting their own replacement."""
    actions = {a["rule"]: a for a in _context(UNITARY)["actions"]}
    assert actions["R20-19"]["owner"]["label"] == "Chief Executive (ceo)"


def test_the_summary_counts_the_statutory_actions_too() -> None:
    text = run(["report", str(UNITARY)]).stdout
    summary = text.split("## Action plan")[0]
    context = _context(UNITARY)
    main, extra = len(context["actions"]), len(context["companions"][0]["actions"])
    assert (
        f"The action plan below sets out {main + extra} actions ({extra} for the statutory"
        " basics)" in summary
    )
