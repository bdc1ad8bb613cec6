"""Loading a chart from a file uses its parsed mappings up as the models are built (a
large chart's posts a chunk at a time), and checks a chart with a problem whole, so its
messages are those of a whole check; a document a caller passes in is left as it was."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from benchmarks.generate import generate, to_yaml
from leadaudit.errors import InputError
from leadaudit.importers.yaml import load_text
from leadaudit.orgchart import index_document
from leadaudit.orgchart.load import CHUNK
from leadaudit.source import Document

CAPABILITIES = {"head_of_paid_service"}
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


def loader(text: str) -> tuple[Callable[[], Document], list[Document]]:
    """A reload function for ``text``, and the documents it has made."""
    made: list[Document] = []

    def load() -> Document:
        made.append(load_text(text, "org.yaml"))
        return made[-1]

    return load, made


def test_a_used_document_keeps_its_source_map_but_not_its_data() -> None:
    load, made = loader(CHART.replace("cdx", "ceo"))
    index = index_document(load(), CAPABILITIES, reload=load)
    assert made[0].data == {} and len(made) == 1
    assert index.locate("post", "cdo") == (7, 5)
    assert index.posts["cdo"].reports_to == "ceo"


def test_a_document_is_left_whole_without_reload() -> None:
    doc = load_text(CHART.replace("cdx", "ceo"), "org.yaml")
    index_document(doc, CAPABILITIES)
    assert [post["id"] for post in doc.data["posts"]] == ["ceo", "cdo"]


def test_problems_found_after_validation_are_located_from_the_source_map() -> None:
    load, made = loader(CHART)
    with pytest.raises(InputError) as caught:
        index_document(load(), CAPABILITIES, reload=load)
    assert len(made) == 1  # a small chart is validated whole the first time
    assert [p.render() for p in caught.value.problems] == [
        "org.yaml:9:17: posts[1].reports_to: unknown post 'cdx' (did you mean 'cdo'?)"
    ]


def test_a_large_chart_with_a_bad_post_says_what_a_whole_check_says() -> None:
    data = generate(2 * CHUNK + 100, seed=5)
    data["posts"][2 * CHUNK + 50]["basis"] = "permanant"
    data["posts"][7]["title"] = ""
    text = to_yaml(data)
    with pytest.raises(InputError) as whole:
        index_document(load_text(text, "org.yaml"), set(CAPABILITIES) | _capabilities(data))
    load, made = loader(text)
    with pytest.raises(InputError) as used:
        index_document(load(), set(CAPABILITIES) | _capabilities(data), reload=load)
    assert len(made) == 2  # the first went partly into models: the chart was read again
    assert [p.render() for p in used.value.problems] == [p.render() for p in whole.value.problems]
    assert len(whole.value.problems) == 2


def _capabilities(data: dict[str, object]) -> set[str]:
    posts = data["posts"]
    roles = data["roles"]
    assert isinstance(posts, list) and isinstance(roles, dict)
    found = {cap for post in posts for cap in post.get("capabilities", [])}
    return found | {cap for role in roles.values() for cap in role.get("capabilities", [])}
