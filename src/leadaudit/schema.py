"""JSON Schemas of the files users write, generated from the pydantic models that read them."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: schema name -> (module, model class name, title, description)
SCHEMAS: dict[str, tuple[str, str, str, str]] = {
    "orgchart": (
        "leadaudit.model",
        "OrgChart",
        "leadaudit org chart",
        "An authority's posts, roles and elected members, audited by 'leadaudit check'.",
    ),
    "framework": (
        "leadaudit.framework",
        "FrameworkFile",
        "leadaudit framework",
        "A rule set: areas and rules built from leadaudit's rule kinds, which may extend and "
        "override other frameworks.",
    ),
    "config": (
        "leadaudit.config",
        "ConfigFile",
        "leadaudit configuration",
        "Settings for 'leadaudit check': .leadaudit.yaml, or [tool.leadaudit] in pyproject.toml.",
    ),
    "waivers": (
        "leadaudit.waivers",
        "WaiversFile",
        "leadaudit waivers",
        "Accepted findings, each with a justification, an owner and an expiry date.",
    ),
}


def file_name(name: str) -> str:
    """The file name a schema is published under, e.g. orgchart.schema.json."""
    return f"{name}.schema.json"


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one file kind; KeyError for an unknown name."""
    import importlib

    module, cls, title, description = SCHEMAS[name]
    model: type[BaseModel] = getattr(importlib.import_module(module), cls)
    body = model.model_json_schema(mode="validation")
    return {"$schema": DIALECT, **body, "title": title, "description": description}


def schema_json(name: str) -> str:
    """The schema as stable, sorted, indented JSON text."""
    return json.dumps(schema(name), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
