"""A post's list fields: those a file leaves out share one empty list that cannot change
(a large chart would otherwise hold hundreds of thousands of empty lists)."""

from __future__ import annotations

import copy
import pickle

import pytest

from leadaudit.importers.yaml import load_text
from leadaudit.model import NO_ITEMS, Post
from leadaudit.orgchart import index_document

CHART = """\
leadaudit: 1
authority: {name: Exampleshire, type: county}
posts:
  - id: ceo
    title: Chief Executive
    capabilities: [head_of_paid_service]
  - id: cdo
    title: Chief Digital Officer
    reports_to: ceo
    roles: []
"""

LIST_FIELDS = (
    "roles",
    "capabilities",
    "shared_with",
    "works_with",
    "responsibilities",
    "evidence",
    "inferred",
)


def test_lists_left_out_are_one_shared_empty_list() -> None:
    posts = [Post(id="a", title="A"), Post(id="b", title="B")]
    for name in LIST_FIELDS:
        assert getattr(posts[0], name) is getattr(posts[1], name) is NO_ITEMS
        assert getattr(posts[0], name) == []


def test_lists_given_in_the_file_are_lists_of_their_own() -> None:
    chart = index_document(load_text(CHART, "org.yaml"), {"head_of_paid_service"})
    ceo, cdo = chart.posts["ceo"], chart.posts["cdo"]
    assert ceo.capabilities == ["head_of_paid_service"]
    assert cdo.roles == [] and cdo.roles is not NO_ITEMS  # written, though empty
    assert ceo.roles is cdo.capabilities is NO_ITEMS


@pytest.mark.parametrize(
    "change",
    [
        lambda items: items.append("x"),
        lambda items: items.extend(["x"]),
        lambda items: items.insert(0, "x"),
        lambda items: items.__setitem__(slice(0, 0), ["x"]),
        lambda items: items.__iadd__(["x"]),
        lambda items: items.sort(),
        lambda items: items.clear(),
    ],
)
def test_the_shared_empty_list_cannot_change(change: object) -> None:
    post = Post(id="a", title="A")
    with pytest.raises(TypeError, match="cannot change"):
        change(post.roles)  # type: ignore[operator]
    assert NO_ITEMS == []


def test_copies_and_pickles_of_a_post_keep_empty_lists() -> None:
    post = Post(id="a", title="A", reports_to="b")
    assert copy.deepcopy(post) == post
    assert copy.deepcopy(post).roles is NO_ITEMS
    again = pickle.loads(pickle.dumps(post))
    assert again == post and again.evidence == []
