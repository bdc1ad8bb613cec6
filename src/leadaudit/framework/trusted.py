"""Models built from leadaudit's own data without validating it again.

The bundled frameworks and capability vocabulary are files of the installed package, as
much a part of leadaudit as its code. Validating them would have pydantic build the
validators of every framework model and rule kind on every run: about a third of a
50-post ``check``. They are built here instead, field by field from the models' own type
annotations, and the test suite checks that each bundled file builds exactly as
validation builds it (``tests/test_framework_trusted.py``). Every other framework, and
everything in a repository being checked, is validated as before.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

_UNIONS = (Union, types.UnionType)

# leadaudit's YAML reader keeps every scalar as text; validation would read these words as
# booleans (and digits as numbers), and so does this.
_BOOLS = {"true": True, "false": False, "yes": True, "no": False, "on": True, "off": False}


def construct(model: type[M], data: Mapping[str, Any]) -> M:
    """``model`` with ``data``'s fields converted to their annotated types, defaults
    filled in, and no validation."""
    fields = model.model_fields
    values = {}
    for name, value in data.items():
        info = fields[name]
        values[name] = _convert(info.annotation, value, info.discriminator)
    # Defaults are filled here: model_construct would inspect the signature of every
    # default factory, each time, to see whether it takes the validated data.
    for name, info in fields.items():
        if name not in values:
            factory = info.default_factory
            values[name] = info.default if factory is None else factory()  # type: ignore[call-arg]
    return model.model_construct(_fields_set=set(data), **values)


def _member(members: list[Any], discriminator: str, value: Mapping[str, Any]) -> Any:
    """The model of a discriminated union that ``value`` names."""
    wanted = value[discriminator]
    for member in members:
        tag = member.model_fields[discriminator].annotation
        if get_origin(tag) is Literal and wanted in get_args(tag):
            return member
    raise ValueError(f"no model of the union has {discriminator} {wanted!r}")


def _convert(annotation: Any, value: Any, discriminator: object = None) -> Any:
    if value is None:
        return None
    origin = get_origin(annotation)
    if origin is Annotated:
        return _convert(get_args(annotation)[0], value)
    if origin in _UNIONS:
        members = [a for a in get_args(annotation) if a is not type(None)]
        if isinstance(discriminator, str):
            return construct(_member(members, discriminator, value), value)
        if len(members) == 1:
            return _convert(members[0], value)
        return value  # a union of plain types (a name or a list of names) as written
    if origin is list:
        (item,) = get_args(annotation)
        return [_convert(item, v) for v in value]
    if origin is dict:
        key, item = get_args(annotation)
        return {_convert(key, k): _convert(item, v) for k, v in value.items()}
    if annotation is bool:
        return _BOOLS[value.lower()] if isinstance(value, str) else value
    if annotation is int:
        return int(value)
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return construct(annotation, value)
        if issubclass(annotation, Enum):
            return annotation(value)
        if issubclass(annotation, Path):
            return Path(value)
    return value
