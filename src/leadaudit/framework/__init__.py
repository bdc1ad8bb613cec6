"""Frameworks: rule sets as YAML data, found by name or path, validated and resolved."""

from leadaudit.framework.bundled import (
    DEFAULT_FRAMEWORK,
    FrameworkNotFoundError,
    bundled_dir,
    bundled_names,
    find_framework,
    vocabulary,
)
from leadaudit.framework.model import (
    Applicability,
    AreaDef,
    CapabilityDef,
    Framework,
    FrameworkFile,
    Level,
    RuleDef,
    rule_hint,
)
from leadaudit.framework.resolve import load_framework, load_framework_file

__all__ = [
    "DEFAULT_FRAMEWORK",
    "Applicability",
    "AreaDef",
    "CapabilityDef",
    "Framework",
    "FrameworkFile",
    "FrameworkNotFoundError",
    "Level",
    "RuleDef",
    "bundled_dir",
    "bundled_names",
    "find_framework",
    "load_framework",
    "load_framework_file",
    "rule_hint",
    "vocabulary",
]
