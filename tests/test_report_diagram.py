"""The report's org-chart diagram: valid Mermaid (of the subset we emit), faithful, readable when large."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leadaudit.engine import audit
from leadaudit.findings import AuditResult
from leadaudit.framework import load_framework
from leadaudit.orgchart import load_orgchart
from leadaudit.reportdata import FULL_CHART_MAX_POSTS, with_chart
from leadaudit.reporters.mermaid import flowchart, node_id
from leadaudit.sanitize import one_line
from tests.conftest import FIXTURES, ROOT
from tests.mermaid_grammar import Flowchart, MermaidSyntaxError, parse
from tests.support import report_inputs


def _audit(path: Path) -> AuditResult:
    fw = load_framework()
    index = load_orgchart(path, fw.capabilities)
    return with_chart(audit(index, fw), index, fw)


def _diagram(path: Path) -> tuple[AuditResult, Flowchart]:
    result = _audit(path)
    return result, parse(flowchart(result))


@pytest.mark.parametrize("source", report_inputs(), ids=lambda p: p.stem)
def test_diagram_is_in_the_accepted_mermaid_subset(source: Path) -> None:
    result, chart = _diagram(ROOT / source)
    assert result.chart is not None
    posts = [n for n in chart.labels if n.startswith("p_")]
    assert posts == [node_id("p", post.id) for post in result.chart.posts]
    # a tree: every post but the top has exactly one incoming reporting line
    incoming = [dst for _, arrow, dst in chart.edges if arrow != "-.->" and dst.startswith("p_")]
    assert sorted(incoming) == sorted(posts[1:])


@pytest.mark.parametrize("source", report_inputs(), ids=lambda p: p.stem)
def test_labels_read_back_as_the_post_titles(source: Path) -> None:
    result, chart = _diagram(ROOT / source)
    assert result.chart is not None
    for post in result.chart.posts:
        assert chart.labels[node_id("p", post.id)][0] == one_line(post.title)


@pytest.mark.parametrize("source", report_inputs(), ids=lambda p: p.stem)
def test_leader_line_to_the_top_is_thick_and_its_distance_is_marked(source: Path) -> None:
    result, chart = _diagram(ROOT / source)
    summary = result.chart
    assert summary is not None and summary.leader is not None
    index = {p.id: i for i, p in enumerate(summary.posts)}
    leader = summary.posts[index[summary.leader]]
    node = node_id("p", leader.id)
    assert chart.classes["leader"] == {node}
    levels = "level" if leader.depth == 1 else "levels"
    assert f"Digital leader, {leader.depth} {levels} below the top" in chart.labels[node]
    thick = {(src, dst) for src, arrow, dst in chart.edges if arrow == "==>"}
    assert len(thick) == leader.depth
    walk, current = [], node
    while current != node_id("p", summary.posts[0].id):
        parent = next(src for src, dst in thick if dst == current)
        walk.append(parent)
        current = parent
    assert len(walk) == leader.depth


def test_missing_roles_are_dashed_nodes_linked_to_the_leader() -> None:
    _, chart = _diagram(FIXTURES / "borough-gaps.yaml")
    missing = sorted(chart.classes["missing"])
    assert [chart.labels[m] for m in missing] == [
        ["Missing: data sharing, data analytics and open data", "R20-09"],
        ["Missing: transformation or business analysis", "R20-14"],
        ["Missing: culture change", "R20-18"],
    ]
    leader = next(iter(chart.classes["leader"]))
    assert {(src, arrow) for src, arrow, dst in chart.edges if dst in missing} == {(leader, "-.->")}


def test_contracted_shared_vacant_and_temporary_posts_are_styled_apart(tmp_path: Path) -> None:
    source = tmp_path / "bases.yaml"
    source.write_text(
        "leadaudit: 1\n"
        "authority: {name: Styles Council, type: district}\n"
        "posts:\n"
        "  - {id: ceo, title: Chief Executive, capabilities: [head_of_paid_service]}\n"
        "  - {id: cdo, title: CDO, reports_to: ceo, basis: as_a_service, shared_with: [A DC],\n"
        "     capabilities: [digital_leadership]}\n"
        "  - {id: ea, title: Architect, reports_to: cdo, basis: agency,\n"
        "     capabilities: [digital_architecture]}\n"
        "  - {id: pm, title: Programme Manager, reports_to: cdo, basis: vacant,\n"
        "     capabilities: [programme_management]}\n"
        "  - {id: buy, title: Buyer, reports_to: ceo, basis: interim, capabilities: [procurement]}\n"
        "  - {id: hr, title: HR Lead, reports_to: ceo}\n",
        encoding="utf-8",
    )
    _, chart = _diagram(source)
    by_title = {lines[0]: node for node, lines in chart.labels.items()}
    assert chart.classes["shared"] == {by_title["CDO"]}
    assert chart.classes["contracted"] == {by_title["Architect"]}
    assert chart.classes["vacant"] == {by_title["Programme Manager"]}
    assert chart.classes["temporary"] == {by_title["Buyer"]}
    assert by_title["HR Lead"] not in set().union(*chart.classes.values())
    assert chart.labels[by_title["Architect"]][1] == "agency"


def test_a_large_chart_collapses_to_what_bears_on_the_findings() -> None:
    result, chart = _diagram(FIXTURES / "city-large.yaml")
    summary = result.chart
    assert summary is not None and summary.collapsed
    assert summary.total_posts > 80
    shown = {p.id for p in summary.posts}
    assert len(shown) <= 20
    subjects = {f.subject for f in result.findings if f.subject_kind == "post"}
    assert subjects <= shown
    assert summary.leader in shown
    # every kept post's manager is kept, so the diagram stays one tree
    assert all(p.parent is None or p.parent in shown for p in summary.posts)
    more = [lines[0] for node, lines in chart.labels.items() if node.startswith("x")]
    counts = [re.fullmatch(r"\+(\d+) other posts?", label) for label in more]
    hidden = sum(int(m[1]) for m in counts if m is not None)
    assert len(counts) == len(more) and None not in counts
    assert hidden == summary.total_posts - len(shown)
    assert chart.classes["more"] == {n for n in chart.labels if n.startswith("x")}


def test_a_small_chart_is_drawn_whole() -> None:
    result = _audit(FIXTURES / "borough-gaps.yaml")
    assert result.chart is not None
    assert not result.chart.collapsed
    assert len(result.chart.posts) == result.chart.total_posts <= FULL_CHART_MAX_POSTS


def test_grammar_check_rejects_what_mermaid_would_misread() -> None:
    good = 'flowchart TD\n    p_a["A"]\n    p_b["B"]\n    p_a --> p_b'
    parse(good)
    for bad in (
        good.replace('"B"', '"B"]"'),
        good.replace('"B"', '"a;b"'),
        good.replace('"B"', '"<b>x</b>"'),
        good + "\n    p_a --> p_c",
        good + "\n    class p_b nope",
        good.replace("flowchart TD", "graph LR"),
    ):
        with pytest.raises(MermaidSyntaxError):
            parse(bad)
