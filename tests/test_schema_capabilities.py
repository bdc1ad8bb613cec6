"""The org chart schema offers the bundled capability ids for completion in an editor, and
still accepts an id that a framework of the user's own defines."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from leadaudit.framework import bundled_names, load_framework
from leadaudit.schema import CAPABILITY_ID, schema_json
from tests.conftest import EXAMPLES
from tests.test_schemas import load12

SCHEMA: dict[str, Any] = json.loads(schema_json("orgchart"))
OFFERED = SCHEMA["$defs"][CAPABILITY_ID]["anyOf"][0]


def bundled_ids() -> list[str]:
    return sorted({cid for name in bundled_names() for cid in load_framework(name).capabilities})


def test_the_offered_ids_are_the_bundled_frameworks_capabilities() -> None:
    assert OFFERED["enum"] == bundled_ids()


def test_each_offered_id_is_described_by_its_title_and_meaning() -> None:
    titles = {
        cid: cap
        for name in bundled_names()
        for cid, cap in load_framework(name).capabilities.items()
    }
    assert len(OFFERED["enumDescriptions"]) == len(OFFERED["enum"])
    for cid, text in zip(OFFERED["enum"], OFFERED["enumDescriptions"], strict=True):
        assert text == f"{titles[cid].title}: {titles[cid].description}"


@pytest.mark.parametrize("model", ["Post", "RoleDefinition"])
def test_posts_and_roles_name_capabilities_by_the_offered_ids(model: str) -> None:
    items = SCHEMA["$defs"][model]["properties"]["capabilities"]["items"]
    assert items == {"$ref": f"#/$defs/{CAPABILITY_ID}"}


def _errors(data: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [error.message for error in validator.iter_errors(data)]


def test_a_chart_with_an_id_of_its_own_framework_still_validates() -> None:
    data = load12(EXAMPLES / "county-compliant.yaml")
    data["posts"][1]["capabilities"] = ["digital_leadership", "web_accessibility"]
    data["roles"] = {"a11y": {"title": "Accessibility lead", "capabilities": ["web_accessibility"]}}
    assert _errors(data) == []


def test_a_value_that_is_not_an_id_is_refused() -> None:
    data = load12(EXAMPLES / "county-compliant.yaml")
    data["posts"][1]["capabilities"] = ["Data Sharing"]
    assert len(_errors(data)) == 1
