"""The reporting graph: faults are reported with their locations, never crash, and are walked
iteratively however deep the chart goes."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from leadaudit.engine import audit
from leadaudit.errors import InputError
from leadaudit.orgchart import OrgIndex, load_orgchart_bytes
from tests.support import FRAMEWORK, invoke

HEAD = """\
leadaudit: 1
authority: {name: Testshire County Council, type: county}
"""


def load(text: str) -> OrgIndex:
    return load_orgchart_bytes(
        textwrap.dedent(text).encode("utf-8"), "org.yaml", FRAMEWORK.capabilities
    )


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        load(text)
    return [p.render() for p in caught.value.problems]


def test_a_cycle_is_named_once_at_its_first_post() -> None:
    text = HEAD + textwrap.dedent(
        """\
        posts:
          - {id: ceo, title: Chief Executive, capabilities: [head_of_paid_service]}
          - {id: a, title: Director A, reports_to: c}
          - {id: b, title: Director B, reports_to: a}
          - {id: c, title: Director C, reports_to: b}
          - {id: tail, title: Officer, reports_to: b}
        """
    )
    assert problems(text) == [
        "org.yaml:5:44: posts[1].reports_to: reporting cycle: a -> c -> b -> a "
        "(one post in the cycle must report outside it)"
    ]


def test_two_cycles_are_both_reported() -> None:
    text = HEAD + textwrap.dedent(
        """\
        posts:
          - {id: ceo, title: Chief Executive}
          - {id: a, title: A, reports_to: b}
          - {id: b, title: B, reports_to: a}
          - {id: x, title: X, reports_to: y}
          - {id: y, title: Y, reports_to: x}
        """
    )
    assert problems(text) == [
        "org.yaml:5:35: posts[1].reports_to: reporting cycle: a -> b -> a (one post in the cycle must report outside it)",
        "org.yaml:7:35: posts[3].reports_to: reporting cycle: x -> y -> x (one post in the cycle must report outside it)",
    ]


def test_no_top_post_when_everything_is_in_a_cycle() -> None:
    text = HEAD + textwrap.dedent(
        """\
        posts:
          - id: ceo
            title: Chief Executive
            capabilities: [head_of_paid_service]
            reports_to: cdo
          - id: cdo
            title: Chief Digital Officer
            reports_to: ceo
        """
    )
    assert problems(text) == [
        "org.yaml:7:17: posts[0].reports_to: reporting cycle: ceo -> cdo -> ceo "
        "(one post in the cycle must report outside it)"
    ]


def test_a_self_report() -> None:
    text = HEAD + textwrap.dedent(
        """\
        posts:
          - {id: ceo, title: Chief Executive}
          - {id: cdo, title: Chief Digital Officer, reports_to: cdo}
        """
    )
    assert problems(text) == ["org.yaml:5:57: posts[1].reports_to: post 'cdo' reports to itself"]


def test_a_dangling_reports_to_suggests_the_nearest_id() -> None:
    text = HEAD + textwrap.dedent(
        """\
        posts:
          - {id: ceo, title: Chief Executive}
          - {id: head-digital, title: Head of Digital, reports_to: ceo}
          - {id: architect, title: Enterprise Architect, reports_to: head-digtal}
        """
    )
    assert problems(text) == [
        "org.yaml:6:62: posts[2].reports_to: unknown post 'head-digtal' (did you mean 'head-digital'?)"
    ]


def test_reports_to_naming_an_elected_member() -> None:
    text = HEAD + textwrap.dedent(
        """\
        posts:
          - {id: ceo, title: Chief Executive}
          - {id: cdo, title: Chief Digital Officer, reports_to: cllr-lee}
        members:
          - {id: cllr-lee, name: Cllr Sam Lee, position: cabinet_member}
        """
    )
    assert problems(text) == [
        "org.yaml:5:57: posts[1].reports_to: unknown post 'cllr-lee' "
        "('cllr-lee' is an elected member; reports_to names a post)"
    ]


def test_duplicate_post_ids_name_both_lines() -> None:
    text = HEAD + textwrap.dedent(
        """\
        posts:
          - id: ceo
            title: Chief Executive
          - id: cdo
            title: Chief Digital Officer
            reports_to: ceo
          - id: cdo
            title: Chief Data Officer
            reports_to: ceo
        """
    )
    assert problems(text) == [
        "org.yaml:9:9: posts[2].id: duplicate post id 'cdo' (first used at line 6)"
    ]


def test_duplicate_member_ids_and_ids_shared_with_posts() -> None:
    text = HEAD + textwrap.dedent(
        """\
        posts:
          - {id: ceo, title: Chief Executive}
        members:
          - {id: cllr-lee, name: Cllr Sam Lee, position: leader}
          - {id: cllr-lee, name: Cllr Jo Lee, position: member}
          - {id: ceo, name: Cllr Ceo, position: member}
        """
    )
    assert problems(text) == [
        "org.yaml:7:10: members[1].id: duplicate member id 'cllr-lee' (first used at line 6)",
        "org.yaml:8:10: members[2].id: id 'ceo' is already used by a post "
        "(ids of posts and members must differ)",
    ]


def test_several_top_posts_are_listed_with_their_lines() -> None:
    text = HEAD + textwrap.dedent(
        """\
        posts:
          - {id: ceo, title: Chief Executive, capabilities: [head_of_paid_service]}
          - {id: cdo, title: Chief Digital Officer}
          - {id: dof, title: Director of Finance}
        """
    )
    listed = "several top posts: ceo (line 4), cdo (line 5), dof (line 6)"
    hint = "(only the head of paid service may omit reports_to)"
    assert problems(text) == [
        f"org.yaml:5:5: posts[1]: {listed} {hint}",
        f"org.yaml:6:5: posts[2]: {listed} {hint}",
    ]


def test_the_head_of_paid_service_must_be_the_top_post() -> None:
    text = HEAD + textwrap.dedent(
        """\
        posts:
          - {id: leader, title: Managing Director}
          - {id: ceo, title: Chief Executive, reports_to: leader, capabilities: [head_of_paid_service]}
        """
    )
    assert problems(text) == [
        "org.yaml:5:51: posts[1].reports_to: the head of paid service 'ceo' is not the top post "
        "('leader' is) (the head of paid service sits at the top of the chart)"
    ]


def test_two_heads_of_paid_service() -> None:
    text = HEAD + textwrap.dedent(
        """\
        posts:
          - {id: ceo, title: Chief Executive, capabilities: [head_of_paid_service]}
          - {id: md, title: Managing Director, reports_to: ceo, capabilities: [head_of_paid_service]}
        """
    )
    assert problems(text) == [
        "org.yaml:5:5: posts[1]: more than one post is head of paid service (ceo, md) "
        "(give head_of_paid_service to one post)"
    ]


def test_unknown_works_with_and_strategy_owner() -> None:
    text = HEAD + textwrap.dedent(
        """\
        posts:
          - {id: ceo, title: Chief Executive}
          - {id: cdo, title: Chief Digital Officer, reports_to: ceo, works_with: [cllr-le, nobody]}
        members:
          - {id: cllr-lee, name: Cllr Sam Lee, position: cabinet_member, works_with: [cd0]}
        digital_strategy:
          title: Digital Testshire
          owners: [cllr-lee, cdoo]
        """
    )
    assert problems(text) == [
        "org.yaml:5:75: posts[1].works_with[0]: unknown post or member 'cllr-le' (did you mean 'cllr-lee'?)",
        "org.yaml:5:84: posts[1].works_with[1]: unknown post or member 'nobody'",
        "org.yaml:7:79: members[0].works_with[0]: unknown post or member 'cd0' (did you mean 'cdo'?)",
        "org.yaml:10:22: digital_strategy.owners[1]: unknown post or member 'cdoo' (did you mean 'cdo'?)",
    ]


def test_every_fault_in_a_file_is_reported_together() -> None:
    text = HEAD + textwrap.dedent(
        """\
        posts:
          - {id: ceo, title: Chief Executive, capabilities: [head_of_paid_servce]}
          - {id: cdo, title: Chief Digital Officer, reports_to: ceo, roles: [cdo_role]}
          - {id: a, title: A, reports_to: cdo0}
          - {id: b, title: B, reports_to: b}
        """
    )
    assert [p.split(": ", 2)[1] for p in problems(text)] == [
        "posts[0].capabilities[0]",
        "posts[1].roles[0]",
        "posts[2].reports_to",
        "posts[3].reports_to",
    ]


def test_graph_faults_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = HEAD + textwrap.dedent(
        """\
        posts:
          - {id: ceo, title: Chief Executive}
          - {id: a, title: A, reports_to: b}
          - {id: b, title: B, reports_to: a}
        """
    )
    (tmp_path / "org.yaml").write_text(text, encoding="utf-8")
    result = invoke("check", "org.yaml", "--output", "report.txt")
    assert result.exit_code == 2
    assert result.stderr == (
        "org.yaml:5:35: posts[1].reports_to: reporting cycle: a -> b -> a "
        "(one post in the cycle must report outside it)\n"
    )
    assert not (tmp_path / "report.txt").exists()


# -- long chains --------------------------------------------------------------------


def _chain(length: int) -> str:
    lines = [
        HEAD,
        "posts:\n",
        "  - {id: p0, title: Chief Executive, capabilities: [head_of_paid_service]}\n",
    ]
    lines += [
        f"  - {{id: p{i}, title: Post {i}, reports_to: p{i - 1}}}\n" for i in range(1, length)
    ]
    lines.append(
        f"  - {{id: cdo, title: Chief Digital Officer, reports_to: p{length - 1}, "
        "capabilities: [digital_leadership, stakeholder_management]}\n"
    )
    return "".join(lines)


def test_a_5000_post_chain_is_walked_without_recursion() -> None:
    index = load(_chain(5000))
    assert index.depth["p4999"] == 4999
    assert index.depth["cdo"] == 5000
    assert len(index.ancestors("cdo")) == 5000
    assert len(index.subtree("p0")) == 5000
    result = audit(index, FRAMEWORK)
    (placed,) = [f for f in result.findings if f.rule == "R20-02"]
    assert placed.message.startswith(
        "Chief Digital Officer (cdo) is 5000 levels below Chief Executive (p0) "
        "(via Post 1 (p1) -> Post 2 (p2) -> ... -> Post 4999 (p4999)); "
    )


def test_a_5000_post_cycle_is_reported_not_followed_forever() -> None:
    text = _chain(5000).replace(
        "{id: p1, title: Post 1, reports_to: p0}", "{id: p1, title: Post 1, reports_to: p4999}"
    )
    assert problems(text) == [
        "org.yaml:5:41: posts[1].reports_to: reporting cycle of 4,999 posts: "
        "p1 -> p4999 -> p4998 -> ... -> p3 -> p2 -> p1 (one post in the cycle must report outside it)"
    ]


# -- property: any reporting graph gives an index or located problems -----------------


@st.composite
def _reporting_graphs(draw: st.DrawFn) -> dict[str, object]:
    size = draw(st.integers(min_value=1, max_value=12))
    ids = [f"p{i}" for i in range(size)]
    targets = st.one_of(st.none(), st.sampled_from([*ids, "ghost"]))
    posts = [
        {
            "id": draw(st.sampled_from(ids)) if draw(st.booleans()) and i else ids[i],
            "title": f"Post {i}",
            "reports_to": draw(targets),
            "capabilities": draw(
                st.lists(
                    st.sampled_from(["head_of_paid_service", "digital_leadership"]), max_size=2
                )
            ),
        }
        for i in range(size)
    ]
    return {"leadaudit": 1, "authority": {"name": "T", "type": "county"}, "posts": posts}


@settings(max_examples=150, deadline=None)
@given(_reporting_graphs())
def test_any_reporting_graph_is_indexed_or_rejected_cleanly(data: dict[str, object]) -> None:
    text = yaml.safe_dump(data, sort_keys=False)
    try:
        index = load(text)
    except InputError as exc:
        assert exc.problems
        lines = text.count("\n")
        for problem in exc.problems:
            assert problem.line is not None and 1 <= problem.line <= lines, problem.render()
            assert problem.path.startswith("posts")
        return
    assert set(index.depth) == set(index.posts)
    assert index.depth[index.top] == 0
    for pid, parent in index.parent.items():
        if parent is not None:
            assert index.depth[pid] == index.depth[parent] + 1
    audit(index, FRAMEWORK)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_depths_are_the_same_in_whatever_order_the_posts_are_listed(data: st.DataObject) -> None:
    # a chart listed top down has its depths worked out in one pass down the file; one
    # with a post above its manager is walked from the top: both give the same depths
    size = data.draw(st.integers(min_value=1, max_value=30))
    managers = [None, *(data.draw(st.integers(0, i - 1)) for i in range(1, size))]
    order = data.draw(st.permutations(range(size)))
    posts = [
        {"id": f"p{i}", "title": f"Post {i}", "reports_to": f"p{managers[i]}"}
        if managers[i] is not None
        else {"id": "p0", "title": "Chief Executive", "capabilities": ["head_of_paid_service"]}
        for i in order
    ]
    chart = {"leadaudit": 1, "authority": {"name": "T", "type": "county"}, "posts": posts}
    index = load(yaml.safe_dump(chart, sort_keys=False))
    expected: dict[str, int] = {}
    for i, manager in enumerate(managers):
        expected[f"p{i}"] = 0 if manager is None else expected[f"p{manager}"] + 1
    assert dict(index.depth) == expected
    assert len(index.depth) == size
    assert all(pid in index.depth for pid in expected)
    assert "p" + str(size) not in index.depth
    assert index.depth.get("nobody") is None


def test_a_subtree_asked_for_again_is_the_same_and_a_new_list() -> None:
    # worked out once and kept: a caller that changes the list it got changes nothing else
    index = load(_chain(6))
    first = index.subtree("p2")
    assert first == ["p3", "p4", "p5", "cdo"]
    first.append("not a post")
    assert index.subtree("p2") == ["p3", "p4", "p5", "cdo"]
    assert index.subtree("cdo") == []
