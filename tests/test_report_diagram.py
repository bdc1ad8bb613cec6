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
from leadaudit.reporters.mermaid import LAYOUT, MAX_PER_RANK, flowchart, node_id
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


_BELOW = re.compile(r"\+(\d+) other posts? below")
_TEAM_LINE = re.compile(r"\u2022 (?P<title>.*?)(?: \(\+(?P<below>\d+) below\))?")
_MORE = re.compile(r"\+(\d+) (?:more|other) posts?")


def _reporting(chart: Flowchart) -> list[tuple[str, str]]:
    """The reporting lines: solid edges between posts and teams."""
    return [(src, dst) for src, arrow, dst in chart.edges if arrow in ("-->", "==>")]


def _drawn_and_counted(chart: Flowchart) -> int:
    """Every post the diagram stands for: boxes, team lines, and the counts they carry."""
    total = 0
    for node, lines in chart.labels.items():
        if node.startswith("p_"):
            total += 1 + sum(int(m[1]) for line in lines if (m := _BELOW.fullmatch(line)))
        elif node.startswith("t_"):
            for line in lines:
                if (team := _TEAM_LINE.fullmatch(line)) is not None:
                    total += 1 + int(team["below"] or 0)
                else:
                    more = _MORE.fullmatch(line)
                    assert more is not None, line
                    total += int(more[1])
    return total


@pytest.mark.parametrize("source", report_inputs(), ids=lambda p: p.stem)
def test_diagram_is_in_the_accepted_mermaid_subset(source: Path) -> None:
    result, chart = _diagram(ROOT / source)
    assert result.chart is not None
    kept = {node_id("p", post.id) for post in result.chart.posts}
    posts = [n for n in chart.labels if n.startswith("p_")]
    assert set(posts) <= kept
    assert posts[0] == node_id("p", result.chart.posts[0].id)
    # a tree: every box but the top has exactly one incoming reporting line
    boxes = [n for n in chart.labels if n.startswith(("p_", "t_"))]
    assert sorted(dst for _, dst in _reporting(chart)) == sorted(boxes[1:])


@pytest.mark.parametrize("source", report_inputs(), ids=lambda p: p.stem)
def test_every_post_is_drawn_or_counted_once(source: Path) -> None:
    result, chart = _diagram(ROOT / source)
    assert result.chart is not None
    assert _drawn_and_counted(chart) == result.chart.total_posts


@pytest.mark.parametrize("source", report_inputs(), ids=lambda p: p.stem)
def test_labels_read_back_as_the_post_titles(source: Path) -> None:
    result, chart = _diagram(ROOT / source)
    assert result.chart is not None
    titles = {node_id("p", post.id): one_line(post.title) for post in result.chart.posts}
    team_titles = {one_line(post.title) for post in result.chart.posts}
    for node, lines in chart.labels.items():
        if node.startswith("p_"):
            assert lines[0] == titles[node]
        elif node.startswith("t_"):
            for line in lines:
                team = _TEAM_LINE.fullmatch(line)
                assert team is None or team["title"] in team_titles


@pytest.mark.parametrize("source", report_inputs(), ids=lambda p: p.stem)
def test_no_level_is_wider_than_twelve_boxes(source: Path) -> None:
    _, chart = _diagram(ROOT / source)
    parent = {dst: src for src, dst in _reporting(chart)}
    level: dict[str, int] = {}
    for node in chart.labels:
        if node.startswith(("p_", "t_")):
            depth, current = 0, node
            while current in parent:
                current, depth = parent[current], depth + 1
            level[node] = depth
    widths = [list(level.values()).count(d) for d in set(level.values())]
    assert max(widths) <= MAX_PER_RANK


def test_a_crowded_level_keeps_the_posts_with_findings_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    source = tmp_path / "wide.yaml"
    # 14 interim directors: none folds into a team box, so the level is too wide
    heads = "".join(
        f"  - {{id: d{i:02}, title: Director {i:02}, reports_to: ceo, basis: interim}}\n"
        for i in range(14)
    )
    source.write_text(
        "leadaudit: 1\n"
        "authority: {name: Wide Council, type: unitary}\n"
        "posts:\n"
        "  - {id: ceo, title: Chief Executive, capabilities: [head_of_paid_service]}\n"
        + heads
        + "  - {id: cdo, title: Chief Digital Officer, reports_to: d13,\n"
        "     capabilities: [digital_leadership]}\n",
        encoding="utf-8",
    )
    result, chart = _diagram(source)
    assert result.chart is not None
    leader = node_id("p", "cdo")
    assert leader in chart.labels and node_id("p", "d13") in chart.labels
    level_one = [dst for src, dst in _reporting(chart) if src == node_id("p", "ceo")]
    assert len(level_one) == MAX_PER_RANK - 1
    assert _drawn_and_counted(chart) == result.chart.total_posts == 16
    assert any(_BELOW.fullmatch(line) for line in chart.labels[node_id("p", "ceo")])


def test_members_sit_above_the_top_post_with_the_political_lead_marked() -> None:
    result, chart = _diagram(ROOT / "examples" / "unitary-gaps.yaml")
    assert result.chart is not None
    leads = [m for m in result.chart.members if m.political_lead]
    assert [m.id for m in leads] == ["cllr-osei"]
    assert chart.classes["lead"] == {node_id("c", "cllr-osei")}
    assert "Political digital lead" in chart.labels[node_id("c", "cllr-osei")]
    others = chart.labels["c_others"]
    assert others[0] == "Cllr Joan Hartigan (leader)"
    top = node_id("p", result.chart.posts[0].id)
    assert ("c_members", "-.-", top) in chart.edges


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
    assert _drawn_and_counted(chart) == summary.total_posts
    counted = [line for lines in chart.labels.values() for line in lines if _BELOW.fullmatch(line)]
    assert counted, "the posts left out are counted under their managers"


def test_a_small_chart_is_drawn_whole() -> None:
    result = _audit(FIXTURES / "borough-gaps.yaml")
    assert result.chart is not None
    assert not result.chart.collapsed
    assert len(result.chart.posts) == result.chart.total_posts <= FULL_CHART_MAX_POSTS


def test_grammar_check_rejects_what_mermaid_would_misread() -> None:
    good = LAYOUT + '\nflowchart TD\n    p_a["A"]\n    p_b["B"]\n    p_a --> p_b'
    parse(good)
    for bad in (
        good.replace('"B"', '"B"]"'),
        good.replace('"B"', '"a;b"'),
        good.replace('"B"', '"<b>x</b>"'),
        good + "\n    p_a --> p_c",
        good + "\n    class p_b nope",
        good.replace("flowchart TD", "graph LR"),
        good + '\n    subgraph c_members["M"]',
        good.replace(LAYOUT + "\n", ""),
    ):
        with pytest.raises(MermaidSyntaxError):
            parse(bad)


def test_many_missing_roles_share_one_dashed_box(tmp_path: Path) -> None:
    source = tmp_path / "bare.yaml"
    source.write_text(
        "leadaudit: 1\n"
        "authority: {name: Bare Council, type: unitary}\n"
        "posts:\n"
        "  - {id: ceo, title: Chief Executive}\n"
        "  - {id: cdo, title: Chief Digital Officer, reports_to: ceo,\n"
        "     capabilities: [digital_leadership]}\n",
        encoding="utf-8",
    )
    result, chart = _diagram(source)
    assert result.chart is not None and len(result.chart.missing) > 3
    assert chart.classes["missing"] == {"m_roles"}
    lines = chart.labels["m_roles"]
    assert lines[0] == "Missing:"
    assert [line.rsplit("(", 1)[1].rstrip(")") for line in lines[1:]] == [
        m.rule for m in result.chart.missing
    ]
    assert ("p_cdo", "-.->", "m_roles") in chart.edges
