"""Loading a chart from a file frees its parsed mappings once the models hold them; a
document a caller passes in is left as it was."""

from __future__ import annotations

import pytest

from leadaudit.errors import InputError
from leadaudit.importers.yaml import load_text
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
    reports_to: cdx
"""


def test_a_released_document_keeps_its_source_map_but_not_its_data() -> None:
    doc = load_text(CHART.replace("cdx", "ceo"), "org.yaml")
    index = index_document(doc, {"head_of_paid_service"}, release=True)
    assert doc.data == {}
    assert index.locate("post", "cdo") == (7, 5)
    assert index.posts["cdo"].reports_to == "ceo"


def test_a_document_is_left_whole_unless_released() -> None:
    doc = load_text(CHART.replace("cdx", "ceo"), "org.yaml")
    index_document(doc, {"head_of_paid_service"})
    assert [post["id"] for post in doc.data["posts"]] == ["ceo", "cdo"]


def test_problems_after_validation_are_still_located_when_released() -> None:
    # The graph is checked after the data is let go: its problems come from the source map.
    doc = load_text(CHART, "org.yaml")
    with pytest.raises(InputError) as caught:
        index_document(doc, {"head_of_paid_service"}, release=True)
    assert [p.render() for p in caught.value.problems] == [
        "org.yaml:9:17: posts[1].reports_to: unknown post 'cdx' (did you mean 'cdo'?)"
    ]
