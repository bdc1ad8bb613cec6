"""The bundled frameworks are built without validation (leadaudit.framework.trusted):
each must come out exactly as validation makes it, value by value and type by type, and
a framework anywhere else is still validated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from leadaudit.errors import FrameworkError
from leadaudit.framework import bundled_names, load_framework
from leadaudit.framework.bundled import VOCABULARY_FILE, bundled_dir, vocabulary
from leadaudit.framework.model import FrameworkFile, Vocabulary
from leadaudit.framework.resolve import load_framework_file
from leadaudit.framework.trusted import construct
from leadaudit.importers.yaml import load_path
from leadaudit.limits import Limits


def differences(a: Any, b: Any, at: str = "") -> list[str]:
    """Where ``a`` and ``b`` differ in a value, a type or the fields set (stricter than ==,
    which finds Level.error equal to 'error')."""
    if type(a) is not type(b):
        return [f"{at}: {type(a).__name__} != {type(b).__name__}"]
    if isinstance(a, BaseModel):
        found = []
        if a.model_fields_set != b.model_fields_set:
            found.append(f"{at}: fields set {a.model_fields_set} != {b.model_fields_set}")
        for name in type(a).model_fields:
            found += differences(getattr(a, name), getattr(b, name), f"{at}.{name}")
        return found
    if isinstance(a, dict):
        if list(a) != list(b):
            return [f"{at}: keys {list(a)} != {list(b)}"]
        return [d for k in a for d in differences(a[k], b[k], f"{at}[{k!r}]")]
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return [f"{at}: {len(a)} items != {len(b)}"]
        return [
            d
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in differences(x, y, f"{at}[{i}]")
        ]
    return [] if a == b else [f"{at}: {a!r} != {b!r}"]


def test_the_strict_comparison_tells_an_enum_from_its_text() -> None:
    from leadaudit.framework.model import Level

    assert Level.error == "error"
    assert differences(Level.error, "error") == [": Level != str"]


@pytest.mark.parametrize("name", bundled_names())
def test_each_bundled_file_builds_as_validation_builds_it(name: str) -> None:
    path = bundled_dir() / f"{name}.yaml"
    data = load_path(path, Limits(), name).data
    assert differences(construct(FrameworkFile, data), FrameworkFile.model_validate(data)) == []


@pytest.mark.parametrize("name", bundled_names())
def test_each_bundled_framework_resolves_as_a_validated_copy_does(
    name: str, tmp_path: Path
) -> None:
    # The same file outside the package is validated, overrides and all.
    source = bundled_dir() / f"{name}.yaml"
    trusted = load_framework(name)
    copy = tmp_path / f"{name}.yaml"
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    assert trusted.extends == []  # a bundled parent would be read from the package
    validated = load_framework_file(copy)
    assert (
        differences(
            trusted.model_copy(update={"files": []}), validated.model_copy(update={"files": []})
        )
        == []
    )


def test_the_vocabulary_builds_as_validation_builds_it() -> None:
    data = load_path(bundled_dir() / VOCABULARY_FILE, Limits(), VOCABULARY_FILE).data
    assert differences(vocabulary(), dict(Vocabulary.model_validate(data).capabilities)) == []


def test_a_framework_outside_the_package_is_still_validated(tmp_path: Path) -> None:
    text = (bundled_dir() / "rec20.yaml").read_text(encoding="utf-8")
    assert "severity: error" in text
    broken = tmp_path / "rec20.yaml"
    broken.write_text(text.replace("severity: error", "severity: fatal", 1), encoding="utf-8")
    with pytest.raises(FrameworkError) as exc:
        load_framework(str(broken))
    assert "severity" in str(exc.value.problems[0])
