"""The org chart's JSON Schema describes every field with its docstring (editor hints)."""

from __future__ import annotations

import dataclasses
from typing import Any

from leadaudit.model import OrgChart, Post


def test_fields_are_described_in_the_schema() -> None:
    schema: dict[str, Any] = OrgChart.model_json_schema()
    top = schema["properties"]
    assert top["leadaudit"]["description"] == "Format version of the file; must be 1."
    assert top["authority"]["description"] == "The authority being audited."
    post = schema["$defs"]["Post"]["properties"]
    assert post["reports_to"]["description"] == (
        "Id of the post this one reports to; omitted or null only for the top post."
    )
    # A docstring over several lines is cleaned like pydantic's own extraction.
    assert post["basis"]["description"].startswith("Employment basis: permanent (default),")
    assert "\n" in post["basis"]["description"]
    assert all("description" in field for field in post.values())
    assert set(post) == {f.name for f in dataclasses.fields(Post)}
