"""The framework being built from a file and its resolved parents, and its problems."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from leadaudit.errors import Problem
from leadaudit.framework.model import AreaDef, CapabilityDef, Framework, FrameworkFile, RuleDef
from leadaudit.kinds import AuthorityType
from leadaudit.records import record
from leadaudit.source import DocPath, Document


@record(frozen=False)
class BuildState:
    """Everything known so far while a framework file is combined with its parents."""

    ff: FrameworkFile
    doc: Document
    parents: list[tuple[Framework, DocPath]]
    problems: list[Problem]
    capabilities: dict[str, CapabilityDef] = field(default_factory=dict)
    areas: dict[str, AreaDef] = field(default_factory=dict)
    rules: dict[str, RuleDef] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)
    """Per rule id, the framework that defined the rule."""
    variants: dict[AuthorityType, dict[str, RuleDef]] = field(default_factory=dict)
    changes: dict[str, list[str]] = field(default_factory=dict)
    trusted: bool = False
    """Whether the file is a bundled framework, whose rule options are built without
    validation (see leadaudit.framework.trusted)."""

    def add(self, path: DocPath, message: str, hint: str | None = None) -> None:
        """Record a problem at ``path`` of the file being built."""
        self.problems.append(self.doc.problem(path, message, hint))


def where_in(options: Any, value: str) -> DocPath:
    """Where ``value`` sits among a check's options (a key, or a key and an index)."""
    if isinstance(options, dict):
        for key, item in options.items():
            if item == value:
                return (key,)
            if isinstance(item, list) and value in item:
                return (key, item.index(value))
    return ()
