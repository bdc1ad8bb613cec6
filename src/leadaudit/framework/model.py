"""The pydantic models of a framework file and of a resolved framework."""

from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from leadaudit.messages import did_you_mean
from leadaudit.model import AuthorityType, Frozen, Id, Text
from leadaudit.rules import Check

#: hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus sign -> "-"
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))

RuleId = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*-[A-Za-z0-9-]+$", max_length=40)]


class Level(str, Enum):
    """A rule's severity, or ``off`` to skip it."""

    error = "error"
    warning = "warning"
    info = "info"
    off = "off"


class Owner(str, Enum):
    """Who in the authority would own the action that answers a rule's finding.

    A report names the post or member that holds the role in the org chart.
    """

    head_of_paid_service = "head_of_paid_service"
    """The chief executive: the post holding head_of_paid_service, else the top post."""
    digital_leader = "digital_leader"
    """The post leading digital across the authority (head of paid service when none)."""
    political_lead = "political_lead"
    """The elected member leading on digital (the council's leader when none)."""
    council_leader = "council_leader"
    """The leader of the council or the mayor."""


class CapabilityDef(Frozen):
    """A capability posts can provide."""

    title: Text
    """Human-readable name as it reads mid-sentence ('data sharing'); messages capitalise it
    where it opens a sentence."""
    description: Text | None = None
    """What it covers."""


class AreaDef(Frozen):
    """An area of the framework; scores are given per area."""

    title: Text
    """Name of the area, e.g. 'Organisational leadership'."""
    bullet: Text
    """Which part of the source it comes from (a bullet number, 'headline', or a statute)."""
    summary: Text
    """That part of the source, paraphrased."""


class Applicability(Frozen):
    """When a rule applies."""

    authority_types: list[AuthorityType] | None = None
    """Authority types the rule applies to; all when omitted."""
    adult_social_care: bool | None = None
    """Only authorities whose org chart records authority.adult_social_care with this value;
    when the org chart does not record it, the rule does not apply and says what to record."""


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
    """The part of the source (recommendation bullet, statute) the rule comes from."""
    clause: Text
    """That part of the source, paraphrased."""
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
    owner: Owner = Owner.head_of_paid_service
    """Who would own the action a finding calls for: head_of_paid_service (default),
    digital_leader, political_lead or council_leader. Reports name the post or member."""


class TypeOverride(Frozen):
    """Changes to an inherited rule for one type of authority."""

    severity: Level | None = None
    """New severity: error, warning, info or off (skip the rule)."""
    check: dict[str, Any] | None = None
    """Options of the rule's kind to change (the kind itself stays); the rest are inherited."""
    title: Text | None = None
    """New one-line title."""
    record: Text | None = None
    """New text for what to record."""
    remediation: Text | None = None
    """New remediation text."""
    owner: Owner | None = None
    """New owner of the action: head_of_paid_service, digital_leader, political_lead or
    council_leader."""


class RuleOverride(TypeOverride):
    """Changes to an inherited rule, for every authority."""

    applies_to: Applicability | None = None
    """New applicability (replaces the inherited one)."""


class FrameworkFile(Frozen):
    """A framework file as written: its own rules, what it extends and what it overrides."""

    leadaudit_framework: int
    """Framework file format version; must be 1."""
    name: Id
    """Short name, used with --framework and shown in reports."""
    title: Text | None = None
    """Full title (inherited from the first parent when omitted)."""
    version: Text | None = None
    """Version of this rule set (inherited when omitted)."""
    source: Text | None = None
    """The policy the rules encode (inherited when omitted)."""
    description: Text | None = None
    """A paragraph about the framework."""
    extends: Text | list[Text] | None = None
    """Framework(s) this one builds on: a bundled name (rec20, statutory) or a path to a
    framework file, relative to this file. Several parents are combined in order."""
    capabilities: dict[Id, CapabilityDef] = Field(default_factory=dict)
    """Capabilities this framework adds to the shared vocabulary."""
    areas: dict[Id, AreaDef] = Field(default_factory=dict)
    """Areas this framework adds, in report order (after inherited ones)."""
    rules: list[RuleDef] = Field(default_factory=list)
    """Rules this framework adds, in report order (after inherited ones)."""
    overrides: dict[str, RuleOverride] = Field(default_factory=dict)
    """Changes to rules (inherited or own) by rule id, for every authority."""
    by_authority_type: dict[AuthorityType, dict[str, TypeOverride]] = Field(default_factory=dict)
    """Changes to rules for one authority type, e.g. {district: {R20-04: {severity: info}}}."""


class Framework(Frozen):
    """A resolved framework: capabilities, areas and rules, ready for the engine."""

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
    extends: list[str] = Field(default_factory=list)
    """The frameworks this one was built on, nearest first, as they were named."""
    by_authority_type: dict[AuthorityType, dict[str, RuleDef]] = Field(default_factory=dict)
    """Rules as they apply to one authority type, where that differs from ``rules``."""
    changes: dict[str, list[str]] = Field(default_factory=dict)
    """Per rule id, how extending frameworks changed it (for 'explain')."""
    files: list[Path] = Field(default_factory=list)
    """The framework files it was read from: its own, then what it extends."""

    def rule(self, rule_id: str) -> RuleDef | None:
        """The rule with this id (any case) or slug, or None. Typographic dashes read as
        hyphens: an id copied from a report (which prints R20\u201101 with a non-breaking
        hyphen, so that it never wraps) or from a word processor still finds its rule."""
        typed = rule_id.strip().translate(_DASHES)
        wanted = typed.upper()
        return next((r for r in self.rules if r.id == wanted or r.slug == typed), None)

    def capability_titles(self) -> dict[str, str]:
        """Capability id -> title, as messages use it mid-sentence."""
        return {cid: c.title for cid, c in self.capabilities.items()}

    def for_authority(self, kind: AuthorityType) -> "Framework":
        """The rule set as it applies to one type of authority."""
        variant = self.by_authority_type.get(kind)
        if not variant:
            return self
        return self.model_copy(update={"rules": [variant.get(r.id, r) for r in self.rules]})


class Vocabulary(Frozen):
    """The capability ids every bundled framework shares."""

    capabilities: dict[Id, CapabilityDef]
    """Capability definitions keyed by id."""


def rule_hint(wanted: str, rules: Iterable[RuleDef], slugs_accepted: bool = False) -> str:
    """A hint for an unknown rule id: the id of a slug, or the nearest id (or slug).

    ``slugs_accepted``: where a slug may be used in place of an id (``explain``), a near
    slug is suggested too; elsewhere a slug is pointed at its id.
    """
    known = list(rules)
    if not slugs_accepted:
        for rule in known:
            if wanted.lower() == rule.slug:
                return f"'{wanted}' is the slug of {rule.id}; use the rule id"
    choices = [r.id for r in known] + ([r.slug for r in known] if slugs_accepted else [])
    return did_you_mean(wanted, choices) or "'leadaudit rules' lists the rule ids"
