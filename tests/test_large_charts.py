"""Large and hostile reporting graphs: every fault reported, messages short, no quadratic work.

A chart of thousands of posts with one fault repeated everywhere (no reports_to, unknown
references, one long chain, one huge cycle) must end in the usual located problems, each
a readable line, without walking the chart once per post.
"""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.generate import generate
from leadaudit.engine import audit
from leadaudit.errors import MAX_PROBLEMS, InputError
from leadaudit.framework import load_framework
from leadaudit.model import OrgChart
from leadaudit.orgchart import OrgIndex, build_index

FRAMEWORK = load_framework("rec20")
N = 4_000


def chart(posts: list[dict[str, Any]]) -> OrgChart:
    return OrgChart.model_validate(
        {"leadaudit": 1, "authority": {"name": "Bigshire", "type": "county"}, "posts": posts}
    )


def index(posts: list[dict[str, Any]]) -> OrgIndex:
    return build_index(chart(posts), "big.yaml", FRAMEWORK.capabilities)


def problems(posts: list[dict[str, Any]]) -> list[str]:
    """The problems described, and one line per problem only counted (past MAX_PROBLEMS)."""
    with pytest.raises(InputError) as caught:
        index(posts)
    return [p.render() for p in caught.value.problems] + ["(counted)"] * caught.value.omitted


def test_thousands_of_top_posts_give_short_messages() -> None:
    found = problems([{"id": f"p{i}", "title": "Officer"} for i in range(N)])
    assert len(found) == N - 1
    assert all(len(line) < 250 for line in found)
    assert f"and {N - 5:,} more" in found[0]


def test_thousands_of_unknown_references_keep_their_hints() -> None:
    posts: list[dict[str, Any]] = [{"id": "post-00000", "title": "Chief Executive"}]
    posts += [
        {"id": f"post-{i:05d}", "title": "Officer", "reports_to": f"post-{i - 1:05d}x"}
        for i in range(1, N)
    ]
    found = problems(posts)
    assert len(found) == N - 1
    assert found[MAX_PROBLEMS:] == ["(counted)"] * (N - 1 - MAX_PROBLEMS)
    assert "unknown post 'post-00001x' (did you mean 'post-00001'?)" in found[1]
    assert "unknown post 'post-00050x' (did you mean 'post-00050'?)" in found[50]
    last = found[MAX_PROBLEMS - 1]  # the last described; no hint so far down
    assert last.endswith(f"unknown post 'post-{MAX_PROBLEMS - 1:05d}x'")


def test_a_long_chain_is_walked_without_recursion() -> None:
    posts: list[dict[str, Any]] = [
        {"id": "p0", "title": "Chief Executive", "capabilities": ["head_of_paid_service"]}
    ]
    posts += [{"id": f"p{i}", "title": "Manager", "reports_to": f"p{i - 1}"} for i in range(1, N)]
    posts[-1]["capabilities"] = ["digital_leadership"]
    org = index(posts)
    assert org.depth[f"p{N - 1}"] == N - 1
    result = audit(org, FRAMEWORK)
    (deep,) = [f for f in result.findings if f.rule == "R20-02"]
    assert f"is {N - 1} levels below" in deep.message
    assert " -> ... -> " in deep.message  # the ends of the chain, not all of it
    assert len(deep.message) < 400


def test_one_huge_cycle_is_one_short_problem() -> None:
    posts: list[dict[str, Any]] = [{"id": "top", "title": "Chief Executive"}]
    posts += [
        {"id": f"p{i}", "title": "Officer", "reports_to": f"p{(i + 1) % (N - 1)}"}
        for i in range(N - 1)
    ]
    (line,) = problems(posts)
    assert f"reporting cycle of {N - 1:,} posts: p0 -> p1 -> p2 -> ... -> " in line
    assert len(line) < 300


def test_findings_name_ten_posts_and_count_the_rest() -> None:
    org = OrgChart.model_validate(generate(3_000))
    result = audit(build_index(org, "big.yaml", FRAMEWORK.capabilities), FRAMEWORK)
    texts = [f.message for f in result.findings] + [s.message for s in result.strengths]
    assert any(" more" in t for t in texts)
    assert all(len(t) < 1_500 for t in texts)
