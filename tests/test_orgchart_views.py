"""An index's posts and depths read like dictionaries in file order, however they are kept,
and the answers it works out once are handed out as new lists."""

from __future__ import annotations

import textwrap

import pytest

from leadaudit.errors import InputError
from leadaudit.orgchart import OrgIndex, load_orgchart_bytes
from leadaudit.orgchart.index import InFileOrder
from leadaudit.rules.base import Met
from tests.support import FRAMEWORK

CHART = """\
leadaudit: 1
authority: {name: Testshire County Council, type: county}
posts:
  - {id: ceo, title: Chief Executive, capabilities: [head_of_paid_service]}
  - {id: cdo, title: Chief Digital Officer, reports_to: ceo, capabilities: [digital_leadership]}
  - {id: arch, title: Architect, reports_to: cdo, capabilities: [digital_architecture]}
  - {id: arch2, title: Architect, reports_to: cdo, capabilities: [digital_architecture]}
  - {id: arch3, title: Architect, reports_to: ceo, basis: vacant, capabilities: [digital_architecture]}
"""


def load(text: str) -> OrgIndex:
    return load_orgchart_bytes(
        textwrap.dedent(text).encode("utf-8"), "org.yaml", FRAMEWORK.capabilities
    )


def test_posts_and_depths_read_as_dictionaries_in_file_order() -> None:
    index = load(CHART)
    ids = ["ceo", "cdo", "arch", "arch2", "arch3"]
    by_id = {post.id: post for post in index.org.posts}
    assert list(index.posts) == ids
    assert list(index.posts.keys()) == ids
    assert list(index.posts.values()) == [by_id[i] for i in ids]
    assert list(index.posts.items()) == [(i, by_id[i]) for i in ids]
    assert index.posts == by_id
    assert len(index.posts) == 5
    assert "arch" in index.posts and "nobody" not in index.posts
    assert index.posts["arch"] is by_id["arch"]
    assert index.posts.get("arch") is by_id["arch"]
    assert index.posts.get("nobody") is None
    assert index.posts.get("nobody", by_id["ceo"]) is by_id["ceo"]
    with pytest.raises(KeyError):
        index.posts["nobody"]
    assert dict(index.depth) == {"ceo": 0, "cdo": 1, "arch": 2, "arch2": 2, "arch3": 1}
    assert index.posts.keys() - {"ceo"} == {"cdo", "arch", "arch2", "arch3"}
    assert index.posts_of(["arch2", "ceo"]) == [by_id["arch2"], by_id["ceo"]]
    with pytest.raises(KeyError):
        index.posts_of(["arch", "nobody"])


def test_a_view_is_a_mapping_like_any_other() -> None:
    view = InFileOrder({"a": 0, "b": 1}, [10, 20])
    assert view == {"a": 10, "b": 20}
    assert view != {"a": 10}
    assert repr(view) == "InFileOrder({'a': 10, 'b': 20})"
    assert sorted(view.items(), reverse=True) == [("b", 20), ("a", 10)]
    assert 20 in view.values() and ("a", 10) in view.items()
    with pytest.raises(TypeError):
        hash(view)


def test_holders_asked_for_again_are_the_same_and_new_lists() -> None:
    # worked out once a capability: a rule that changes the list it got changes nothing
    index = load(CHART)
    first = index.holders("digital_architecture")
    assert [p.id for p in first] == ["arch", "arch2"]
    first.clear()
    vacant = index.vacant_holders("digital_architecture")
    assert [p.id for p in vacant] == ["arch3"]
    vacant.clear()
    assert [p.id for p in index.holders("digital_architecture")] == ["arch", "arch2"]
    assert [p.id for p in index.vacant_holders("digital_architecture")] == ["arch3"]
    assert [p.id for p in index.all_holders("digital_architecture")] == ["arch3", "arch", "arch2"]
    assert index.holders("data_analytics") == []


def test_posts_sharing_a_list_of_capabilities_share_its_problems_too() -> None:
    # a list found clean once is taken as known; one with an unknown id is reported at
    # every post that holds it, not only the first
    text = CHART + (
        "  - {id: a1, title: Analyst, reports_to: cdo, roles: [analyst]}\n"
        "  - {id: a2, title: Analyst, reports_to: cdo, roles: [analyst]}\n"
        "  - {id: a3, title: Analyst, reports_to: cdo, capabilities: [data_analytic]}\n"
        "  - {id: a4, title: Analyst, reports_to: cdo, capabilities: [data_analytic]}\n"
    )
    with pytest.raises(InputError) as caught:
        load(text)
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (9, "unknown role 'analyst'"),
        (10, "unknown role 'analyst'"),
        (11, "unknown capability 'data_analytic'"),
        (12, "unknown capability 'data_analytic'"),
    ]
    index = load(CHART.replace("[digital_leadership]", "[digital_architecture]"))
    assert index.capabilities_of("cdo") == index.capabilities_of("arch")
    assert [p.id for p in index.holders("digital_architecture")] == ["cdo", "arch", "arch2"]


def test_a_listing_labels_only_the_posts_it_names() -> None:
    # a capability can have tens of thousands of holders: the message names ten and
    # counts the rest, and only those ten are labelled, again after posts are taken out
    labelled: list[str] = []

    def label(pid: str) -> str:
        labelled.append(pid)
        return f"Post {pid}"

    ids = [f"p{i}" for i in range(25)]
    met = Met.listing("Holders: ", ids, label)
    named = ", ".join(f"Post p{i}" for i in range(10))
    assert met.message == f"Holders: {named} and 15 more"
    assert (met.subject, met.posts) == ("p0", tuple(ids))
    assert labelled == ids[:10]
    fewer = met.without({"p0", "p3", *ids[12:]})
    assert fewer is not None
    kept = ["p1", "p2", *(f"p{i}" for i in range(4, 12))]
    assert fewer.message == "Holders: " + ", ".join(f"Post {p}" for p in kept[:-1]) + (
        " and Post p11"
    )
    assert fewer.posts == tuple(kept)
    assert met.without(ids) is None
    assert met.without(()) is met
    few = Met.listing("Holders: ", ["a", "b"], label)
    assert few.message == "Holders: Post a and Post b"
