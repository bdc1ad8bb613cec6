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


CAPABILITY_ID = "CapabilityId"
"""The name under ``$defs`` of the schema of one capability id in an org chart."""


def bundled_capabilities() -> dict[str, str]:
    """Capability id -> 'title: description', for every capability a bundled framework
    knows (the shared vocabulary and each framework's own), sorted by id."""
    from leadaudit.framework import bundled_names, load_framework

    found: dict[str, str] = {}
    for name in bundled_names():
        for cid, cap in load_framework(name).capabilities.items():
            found.setdefault(cid, cap.title + (f": {cap.description}" if cap.description else ""))
    return dict(sorted(found.items()))


def _offer_capability_ids(body: dict[str, Any]) -> None:
    """Make each capability id of a post or role offer the bundled ids, for completion.

    An editor completes from an ``enum``; the YAML language server (VS Code) shows each
    value's entry in ``enumDescriptions`` beside it, and other tools ignore that keyword.
    The enum sits in an ``anyOf`` with the plain id pattern, so an id that a framework of
    the user's own defines is still valid: only ``leadaudit check`` knows the framework,
    and it reports an unknown id with a "did you mean". (Each id as a ``const`` with its
    own description would do as well in VS Code, but in an ``anyOf`` of some thirty
    branches a mistyped value gets a message per branch in most validators.)
    """
    defs = body["$defs"]
    plain: dict[str, Any] | None = None
    for model in ("Post", "RoleDefinition"):
        prop = defs[model]["properties"]["capabilities"]
        plain = prop["items"]
        prop["items"] = {"$ref": f"#/$defs/{CAPABILITY_ID}"}
    assert plain is not None
    known = bundled_capabilities()
    defs[CAPABILITY_ID] = {
        "description": "A capability id: one of the bundled frameworks' (listed by "
        "'leadaudit capabilities'), or one a framework of your own defines.",
        "anyOf": [
            {"type": "string", "enum": list(known), "enumDescriptions": list(known.values())},
            plain,
        ],
    }


#: schema name -> what is added to the generated schema, beyond the model's own
_EXTRA = {"orgchart": _offer_capability_ids}


def file_name(name: str) -> str:
    """The file name a schema is published under, e.g. orgchart.schema.json."""
    return f"{name}.schema.json"


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one file kind; KeyError for an unknown name."""
    import importlib

    module, cls, title, description = SCHEMAS[name]
    model: type[BaseModel] = getattr(importlib.import_module(module), cls)
    body = model.model_json_schema(mode="validation")
    extra = _EXTRA.get(name)
    if extra is not None:
        extra(body)
    return {"$schema": DIALECT, **body, "title": title, "description": description}


def schema_json(name: str) -> str:
    """The schema as stable, sorted, indented JSON text."""
    return json.dumps(schema(name), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
