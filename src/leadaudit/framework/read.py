"""Reading one framework file: located validation, with unknown rule kinds and authority
types reported helpfully and set aside so the rest is still checked."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from leadaudit.errors import FrameworkError, Problem
from leadaudit.framework.bundled import FrameworkRef
from leadaudit.framework.model import FrameworkFile
from leadaudit.framework.trusted import construct
from leadaudit.importers.yaml import load_path
from leadaudit.kinds import AuthorityType
from leadaudit.limits import Limits
from leadaudit.messages import did_you_mean
from leadaudit.rules import REGISTRY
from leadaudit.source import DocPath, Document
from leadaudit.validation import problems_from


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """Problems without repeats, in file order."""
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.line or 0, p.col or 0, p.message))


def _prescan_kinds(doc: Document) -> list[Problem]:
    """Unknown rule kinds, with 'did you mean', before pydantic's less helpful union error."""
    problems: list[Problem] = []
    rules = doc.data.get("rules")
    if not isinstance(rules, list):
        return problems
    for i, rule in enumerate(rules):
        check = rule.get("check") if isinstance(rule, dict) else None
        if not isinstance(check, dict):
            continue
        kind = check.get("kind")
        if kind is None:
            problems.append(
                doc.problem(
                    ("rules", i, "check"),
                    "missing required field 'kind'",
                    "one of: " + ", ".join(REGISTRY),
                )
            )
        elif kind not in REGISTRY:
            problems.append(
                doc.problem(
                    ("rules", i, "check", "kind"),
                    f"unknown rule kind '{kind}'",
                    did_you_mean(str(kind), REGISTRY) or "one of: " + ", ".join(REGISTRY),
                )
            )
    return problems


def _strip_bad_kinds(data: dict[str, Any]) -> dict[str, Any]:
    """Drop rules with unknown kinds (already reported) so the rest still get checked."""
    rules = [
        r
        for r in data.get("rules", [])
        if not (
            isinstance(r, dict)
            and isinstance(r.get("check"), dict)
            and r["check"].get("kind") not in REGISTRY
        )
    ]
    return {**data, "rules": rules or data["rules"]} if "rules" in data else data


def _prescan_types(doc: Document) -> list[Problem]:
    """Unknown authority types under by_authority_type, located at the key itself."""
    section = doc.data.get("by_authority_type")
    if not isinstance(section, dict):
        return []
    known = [t.value for t in AuthorityType]
    return [
        doc.problem(
            ("by_authority_type", key),
            f"unknown authority type '{key}'",
            did_you_mean(str(key), known) or "one of: " + ", ".join(known),
        )
        for key in section
        if key not in known
    ]


def _extends_ok(extends: object) -> bool:
    return (
        extends is None
        or isinstance(extends, str)
        or (isinstance(extends, list) and all(isinstance(e, str) for e in extends))
    )


def extends_list(ff: FrameworkFile) -> list[tuple[str, DocPath]]:
    """What a framework file extends, each with where it is written."""
    if ff.extends is None:
        return []
    if isinstance(ff.extends, str):
        return [(ff.extends, ("extends",))]
    return [(spec, ("extends", i)) for i, spec in enumerate(ff.extends)]


def read_framework_file(
    ref: FrameworkRef, limits: Limits
) -> tuple[FrameworkFile, Document, list[Problem]]:
    """The validated file, and problems found in parts that were set aside to validate it.

    A bundled framework is part of the package and is built without validation (see
    leadaudit.framework.trusted).
    """
    doc = load_path(ref.path, limits, ref.display)
    if ref.bundled:
        return construct(FrameworkFile, doc.data), doc, []
    problems = _prescan_kinds(doc)
    data = _strip_bad_kinds(doc.data) if problems else doc.data
    if not _extends_ok(data.get("extends")):
        problems.append(
            doc.problem(
                ("extends",),
                "expected a framework name or path, or a list of them",
                "e.g. extends: rec20, or extends: [rec20, statutory]",
            )
        )
        raise FrameworkError(sorted_problems(problems))
    type_problems = _prescan_types(doc)
    if type_problems:
        problems += type_problems
        known = {t.value for t in AuthorityType}
        data = {
            **data,
            "by_authority_type": {k: v for k, v in data["by_authority_type"].items() if k in known},
        }
    try:
        ff = FrameworkFile.model_validate(data)
    except ValidationError as exc:
        problems += problems_from(exc, doc, FrameworkFile)
        raise FrameworkError(sorted_problems(problems)) from None
    return ff, doc, problems
