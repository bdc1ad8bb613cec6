"""Frameworks: rule sets as YAML data, validated with located errors, found by name or path."""

from __future__ import annotations

from enum import Enum
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, StringConstraints, ValidationError

from leadaudit.errors import FrameworkError, Problem, UsageError, did_you_mean
from leadaudit.limits import Limits
from leadaudit.model import AuthorityType, Frozen, Id, Text
from leadaudit.rules import REGISTRY, Check
from leadaudit.validation import problems_from
from leadaudit.yamlload import Document, load_path

FRAMEWORK_VERSION = 1
DEFAULT_FRAMEWORK = "rec20"
VOCABULARY_FILE = "capabilities.yaml"

RuleId = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*-[A-Za-z0-9-]+$", max_length=40)]


class Level(str, Enum):
    """A rule's severity, or ``off`` to skip it."""

    error = "error"
    warning = "warning"
    info = "info"
    off = "off"


class CapabilityDef(Frozen):
    """A capability posts can provide."""

    title: Text
    """Human-readable name, used in messages."""
    description: Text | None = None
    """What it covers."""


class AreaDef(Frozen):
    """An area of the recommendation; scores are given per area."""

    title: Text
    """Name of the area, e.g. 'Organisational leadership'."""
    bullet: Text
    """Which part of the recommendation it comes from (a bullet number or 'headline')."""
    summary: Text
    """The part of the recommendation, paraphrased."""


class Applicability(Frozen):
    """When a rule applies."""

    authority_types: list[AuthorityType] | None = None
    """Authority types the rule applies to; all when omitted."""


class RuleDef(Frozen):
    """One rule of a framework."""

    id: RuleId
    """Stable id, e.g. R20-02."""
    slug: Id
    """Short name, e.g. reports-to-top."""
    title: Text
    """One-line statement of what is checked."""
    area: Id
    """Area id (under 'areas:') the rule scores in."""
    bullet: Text
    """The part of the recommendation the rule comes from."""
    clause: Text
    """That part of the recommendation, paraphrased."""
    severity: Level
    """Default severity: error, warning, info or off."""
    check: Check
    """The rule kind and its options."""
    record: Text
    """What to record in the org chart to satisfy the rule."""
    remediation: Text
    """What to do about a finding."""
    applies_to: Applicability | None = None
    """Limits the rule to some authorities."""


class Framework(Frozen):
    """A framework file: capabilities, areas and rules."""

    leadaudit_framework: int
    """Framework file format version; must be 1."""
    name: Id
    """Short name, used with --framework."""
    title: Text
    """Full title."""
    version: Text
    """Version of this rule set."""
    source: Text
    """The policy the rules encode."""
    description: Text | None = None
    """A paragraph about the framework."""
    capabilities: dict[Id, CapabilityDef] = Field(default_factory=dict)
    """Capabilities this framework adds to the shared vocabulary."""
    areas: dict[Id, AreaDef] = Field(min_length=1)
    """Areas, in report order."""
    rules: list[RuleDef] = Field(min_length=1)
    """The rules, in report order."""

    def rule(self, rule_id: str) -> RuleDef | None:
        wanted = rule_id.upper()
        return next((r for r in self.rules if r.id == wanted or r.slug == rule_id), None)

    def capability_titles(self) -> dict[str, str]:
        return {cid: c.title for cid, c in self.capabilities.items()}


class Vocabulary(Frozen):
    """The capability ids every bundled framework shares."""

    capabilities: dict[Id, CapabilityDef]
    """Capability definitions keyed by id."""


def bundled_dir() -> Path:
    """Folder of the bundled frameworks: inside the installed package, else the checkout."""
    packaged = Path(str(resources.files("leadaudit"))) / "frameworks"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "frameworks"


def bundled_names() -> list[str]:
    return sorted(p.stem for p in bundled_dir().glob("*.yaml") if p.name != VOCABULARY_FILE)


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, CapabilityDef]:
    path = bundled_dir() / VOCABULARY_FILE
    doc = load_path(path, Limits(), display=f"<bundled>/{VOCABULARY_FILE}")
    try:
        return dict(Vocabulary.model_validate(doc.data).capabilities)
    except ValidationError as exc:
        raise FrameworkError(problems_from(exc, doc, Vocabulary)) from None


def _prescan_kinds(doc: Document) -> list[Problem]:
    """Unknown rule kinds, with 'did you mean', before pydantic's less helpful union error."""
    problems: list[Problem] = []
    rules = doc.data.get("rules")
    if not isinstance(rules, list):
        return problems
    for i, rule in enumerate(rules):
        check = rule.get("check") if isinstance(rule, dict) else None
        if isinstance(check, dict):
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


def _semantic_problems(fw: Framework, doc: Document, known: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    if fw.leadaudit_framework != FRAMEWORK_VERSION:
        problems.append(
            doc.problem(
                ("leadaudit_framework",),
                f"unsupported framework format version {fw.leadaudit_framework}; this leadaudit reads version 1",
            )
        )
    seen: dict[str, int] = {}
    for i, rule in enumerate(fw.rules):
        for key in (rule.id, rule.slug):
            if key in seen:
                problems.append(
                    doc.problem(
                        ("rules", i, "id" if key == rule.id else "slug"),
                        f"'{key}' is already used by rule {fw.rules[seen[key]].id}",
                    )
                )
            seen.setdefault(key, i)
        if rule.area not in fw.areas:
            problems.append(
                doc.problem(
                    ("rules", i, "area"),
                    f"unknown area '{rule.area}'",
                    did_you_mean(rule.area, fw.areas),
                )
            )
        for cap in sorted(rule.check.capabilities_used() - known):
            problems.append(
                doc.problem(
                    ("rules", i, "check"), f"unknown capability '{cap}'", did_you_mean(cap, known)
                )
            )
    return problems


def load_framework_file(
    path: Path, limits: Limits | None = None, display: str | None = None
) -> Framework:
    """Load and validate one framework file; the shared vocabulary is merged in."""
    doc = load_path(path, limits, display)
    problems = _prescan_kinds(doc)
    try:
        fw = Framework.model_validate(_strip_bad_kinds(doc.data) if problems else doc.data)
    except ValidationError as exc:
        problems += problems_from(exc, doc, Framework)
        raise FrameworkError(sorted(problems, key=lambda p: (p.line or 0, p.col or 0))) from None
    vocab = vocabulary()
    known = set(vocab) | set(fw.capabilities)
    problems += _semantic_problems(fw, doc, known)
    if problems:
        raise FrameworkError(sorted(problems, key=lambda p: (p.line or 0, p.col or 0)))
    return fw.model_copy(update={"capabilities": {**vocab, **fw.capabilities}})


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
    return {**data, "rules": rules or data.get("rules")}


def load_framework(spec: str = DEFAULT_FRAMEWORK, limits: Limits | None = None) -> Framework:
    """A framework by bundled name (``rec20``) or by path to a YAML file."""
    names = bundled_names()
    if spec in names:
        return load_framework_file(
            bundled_dir() / f"{spec}.yaml", limits, display=f"<bundled>/{spec}.yaml"
        )
    path = Path(spec)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return load_framework_file(path, limits)
    hint = did_you_mean(spec, names)
    raise UsageError(
        f"unknown framework '{spec}'" + (f" ({hint})" if hint else f"; bundled: {', '.join(names)}")
    )
