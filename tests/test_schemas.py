"""JSON Schemas: published copies are current, and real files validate against them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from leadaudit.framework import bundled_dir, bundled_names
from leadaudit.schema import SCHEMAS, file_name, schema_json
from tests.conftest import EXAMPLES, ROOT
from tests.support_config import run

SCHEMA_DIR = ROOT / "schemas"


class Yaml12Loader(yaml.SafeLoader):
    """Types scalars as an editor's YAML 1.2 language server does: no dates, no yes/no."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag != "tag:yaml.org,2002:timestamp"
        and not (tag == "tag:yaml.org,2002:bool" and first not in "tTfF")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load12(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(schema_json(name)))


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_published_schema_is_up_to_date(name: str) -> None:
    published = SCHEMA_DIR / file_name(name)
    assert published.read_text(encoding="utf-8") == schema_json(name), (
        f"schemas/{file_name(name)} is out of date; regenerate it with "
        f"'leadaudit schema {name} > schemas/{file_name(name)}'"
    )


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_a_valid_2020_12_schema_with_a_title(name: str) -> None:
    schema = json.loads(schema_json(name))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"].startswith("leadaudit ")


def test_schema_command_prints_the_schema() -> None:
    result = run("schema", "orgchart")
    assert result.exit_code == 0
    assert result.stdout == schema_json("orgchart")
    assert run("schema", "orgchrt").exit_code == 2


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_each_example_validates_against_the_org_chart_schema(example: Path) -> None:
    errors = list(validator("orgchart").iter_errors(load12(example)))
    assert errors == [], [e.message for e in errors]


def test_the_org_chart_schema_catches_mistakes() -> None:
    data = load12(EXAMPLES / "county-compliant.yaml")
    data["posts"][0]["reports-to"] = "nobody"
    data["authority"]["type"] = "parish"
    messages = sorted(e.message for e in validator("orgchart").iter_errors(data))
    assert len(messages) == 2
    assert any("reports-to" in m for m in messages)
    assert any("parish" in m for m in messages)


@pytest.mark.parametrize("name", bundled_names())
def test_bundled_frameworks_validate_against_the_framework_schema(name: str) -> None:
    data = load12(bundled_dir() / f"{name}.yaml")
    assert list(validator("framework").iter_errors(data)) == []


def test_framework_schema_knows_the_rule_kinds() -> None:
    data = load12(bundled_dir() / "rec20.yaml")
    data["rules"][0]["check"]["kind"] = "capability_coverag"
    assert list(validator("framework").iter_errors(data))
