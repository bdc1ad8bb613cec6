"""Validate loaded YAML with pydantic and turn its errors into located problems."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic.dataclasses import is_pydantic_dataclass
from pydantic.fields import FieldInfo

from leadaudit.errors import MAX_PROBLEMS, InputError, Problem
from leadaudit.messages import did_you_mean
from leadaudit.source import DocPath, Document

M = TypeVar("M", bound=BaseModel)

MAX_HINTS = 100
"""Problems of one file that get a 'did you mean'; the rest are reported without one."""

_SYNONYMS = {
    "name": "title",
    "job_title": "title",
    "manager": "reports_to",
    "parent": "reports_to",
    "reports": "reports_to",
    "role": "roles",
    "capability": "capabilities",
    "skills": "capabilities",
    "contract": "basis",
    "employment": "basis",
}
"""Keys people write for a field that has another name (a post has a title, not a name)."""


@cache
def _quoted() -> re.Pattern[str]:
    """A quoted word in pydantic's message (compiled when an error is met)."""
    return re.compile(r"'([^']*)'")


_UNKNOWN_FIELD = frozenset({"extra_forbidden", "unexpected_keyword_argument"})


def _value_at(data: Any, path: DocPath) -> Any:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "..."


def _fields_of(annotation: Any) -> dict[str, FieldInfo] | None:
    """The fields of a pydantic model or pydantic dataclass; None for anything else."""
    if isinstance(annotation, type) and (
        issubclass(annotation, BaseModel) or is_pydantic_dataclass(annotation)
    ):
        fields: dict[str, FieldInfo] = annotation.__pydantic_fields__
        return fields
    return None


def _field_names(model: type[BaseModel]) -> set[str]:
    """Every field name of ``model`` and the models nested in it, for 'did you mean'."""
    names: set[str] = set()
    stack: list[type[Any]] = [model]
    seen: set[type[Any]] = set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        for name, info in (_fields_of(current) or {}).items():
            names.add(name)
            stack.extend(_nested_models(info.annotation))
    return names


def _nested_models(annotation: Any) -> Iterable[type[Any]]:
    if _fields_of(annotation) is not None:
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _nested_models(arg)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and hasattr(annotation, "__metadata__"):
        yield from _nested_models(origin)


def problems_from(
    exc: ValidationError, doc: Document, model: type[BaseModel], base: DocPath = ()
) -> list[Problem]:
    """One located problem per pydantic error (the first MAX_PROBLEMS), in file order."""
    return problems_and_rest(exc, doc, model, base)[0]


def problems_and_rest(
    exc: ValidationError, doc: Document, model: type[BaseModel], base: DocPath = ()
) -> tuple[list[Problem], int]:
    """The located problems of the first MAX_PROBLEMS pydantic errors, and how many more
    there were: a file with a million bad keys costs no more than one with a thousand."""
    problems: list[Problem] = []
    errors = exc.errors(include_url=False, include_input=False)
    for n, err in enumerate(errors[:MAX_PROBLEMS]):
        path = (*base, *_doc_path(_value_at(doc.data, base), err["loc"]))
        value = _value_at(doc.data, path)
        if err["loc"] and err["loc"][-1] == "[key]":
            value = err["loc"][-2]  # a mapping key is wrong, not its value
        # Only the first MAX_HINTS get a 'did you mean': the command line shows 50.
        message, hint, path = _describe(err, value, path, model, n < MAX_HINTS)
        problems.append(doc.problem(path, message, hint, at_key=err["type"] in _UNKNOWN_FIELD))
    problems.sort(key=lambda p: (p.line or 0, p.col or 0))
    return problems, max(len(errors) - MAX_PROBLEMS, 0)


def _id_hint(value: Any) -> str:
    """How to write an id; the id a title-like value would be, when that is one."""
    if isinstance(value, str):
        candidate = re.sub(r"[^A-Za-z0-9_.-]+", "_", value.strip().lower()).strip("_")
        if (
            candidate
            and candidate != value
            and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.\-]*", candidate)
        ):
            return f"did you mean '{candidate}'? ids use letters, digits, '_', '.' and '-'"
    return "use letters, digits, '_', '.' and '-', starting with a letter or digit"


def _describe(
    err: Any, value: Any, path: DocPath, model: type[BaseModel], hinting: bool
) -> tuple[str, str | None, DocPath]:
    """The message, hint and (possibly shortened) path of one pydantic error."""
    kind = err["type"]
    hint: str | None = None
    # A pydantic dataclass (Post) reports an unknown key as an unexpected argument.
    if kind in _UNKNOWN_FIELD:
        key = str(path[-1])
        fields = _fields_at(model, err["loc"][:-1]) or _field_names(model)
        hint = did_you_mean(key, fields - {key}) if hinting else None
        if hint is None and _SYNONYMS.get(key) in fields:
            hint = f"did you mean '{_SYNONYMS[key]}'?"
        return f"unknown field '{key}'", hint, path
    if kind == "missing":
        return f"missing required field '{path[-1]}'", None, path[:-1]
    if kind in ("enum", "literal_error"):
        expected = _quoted().findall(str(err.get("ctx", {}).get("expected", "")))
        hint = did_you_mean(str(value), expected) if expected and hinting else None
        return f"{_show(value)} is not one of: {', '.join(expected)}", hint, path
    if kind in ("bool_parsing", "bool_type"):
        return f"{_show(value)} is not one of: true, false", None, path
    if kind == "string_pattern_mismatch":
        return f"{_show(value)} is not a valid id", _id_hint(value), path
    if kind in ("model_type", "model_attributes_type", "dict_type", "dataclass_type"):
        return f"expected a mapping of keys to values, found {_kind_of(value)}", None, path
    if kind == "list_type":
        if isinstance(value, str) and _holds_text(model, err["loc"]):
            hint = f"write [{value}]"
        return f"expected a list, found {_kind_of(value)}", hint, path
    if kind == "string_type":
        return f"expected text, found {_kind_of(value)}", None, path
    if kind == "union_tag_invalid":
        return f"{_show(value)} is not a known kind", None, path
    if kind == "value_error" and "error" in err.get("ctx", {}):
        # Our own validators' messages already say what was wrong with the value.
        return str(err["ctx"]["error"]), None, path
    shown = (
        f" (got {_show(value)})"
        if value is not None and not isinstance(value, (dict, list))
        else ""
    )
    return err["msg"][0].lower() + err["msg"][1:] + shown, None, path


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> set[str] | None:
    """The field names of the model found at pydantic location ``loc`` of ``model``."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        fields = _fields_of(annotation)
        origin = typing.get_origin(annotation)
        if fields is not None and isinstance(part, str) and part in fields:
            annotation = fields[part].annotation
        elif origin is list and isinstance(part, int):
            annotation = typing.get_args(annotation)[0]
        elif origin is dict:
            annotation = typing.get_args(annotation)[1]
        else:
            return None
    found = _fields_of(_unwrap(annotation))
    return set(found) if found is not None else None


def _unwrap(annotation: Any) -> Any:
    """``X`` from ``Annotated[X, ...]`` and from ``X | None``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation


def _holds_text(model: type[BaseModel], loc: tuple[str | int, ...]) -> bool:
    """Whether the field at pydantic location ``loc`` is a list of plain text items.

    Only then does wrapping a lone value in brackets fix it (``[digital]``); a list of
    posts or members needs mappings.
    """
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        origin = typing.get_origin(annotation)
        fields = _fields_of(annotation)
        if fields is not None:
            field = fields.get(part) if isinstance(part, str) else None
            if field is None:
                return False
            annotation = field.annotation
        elif origin is list:
            annotation = typing.get_args(annotation)[0]
        elif origin is dict:
            annotation = typing.get_args(annotation)[1]
        else:
            return False
    annotation = _unwrap(annotation)
    return typing.get_origin(annotation) is list and _unwrap(typing.get_args(annotation)[0]) is str


def _doc_path(data: Any, loc: tuple[str | int, ...]) -> DocPath:
    """Pydantic's error location as a path in the document.

    Tagged unions put the tag (and dict keys put '[key]') into the location; those parts
    are not in the file, so a part that does not index the data is dropped unless it is
    the last one (a missing field).
    """
    out: list[str | int] = []
    node = data
    for i, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif i == len(loc) - 1 and part != "[key]":
            node = None
        else:
            continue
        out.append(part)
    return tuple(out)


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"the value {_show(value)}"


def validate(model: type[M], doc: Document, error: type[InputError] = InputError) -> M:
    """Validate a loaded document against ``model``; raise ``error`` with located problems."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems, omitted = problems_and_rest(exc, doc, model)
        raise error(problems, omitted) from None
