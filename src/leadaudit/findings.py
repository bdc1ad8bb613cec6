"""Audit results: findings, strengths and scores; frozen and deterministically ordered."""

from __future__ import annotations

from dataclasses import field
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING

from leadaudit.records import record

if TYPE_CHECKING:
    from leadaudit.baseline.model import BaselineComparison


class Severity(str, Enum):
    """How serious a finding is."""

    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        """3 for an error, 2 for a warning, 1 for info: higher is more serious."""
        return _RANK[self]


_RANK = {Severity.error: 3, Severity.warning: 2, Severity.info: 1}


def bullet_label(bullet: str) -> str:
    """'bullet 2', 'headline' or 'public comment', for a rule's or area's source."""
    if bullet.isdigit():
        return f"bullet {bullet}"
    return {"comment": "public comment"}.get(bullet, bullet)


class FailOn(str, Enum):
    """The lowest severity that makes ``check`` exit 1."""

    error = "error"
    warning = "warning"
    info = "info"
    never = "never"

    def triggered_by(self, severity: Severity) -> bool:
        """Whether a finding of ``severity`` makes ``check`` exit 1 at this threshold."""
        if self is FailOn.never:
            return False
        return severity.rank >= Severity(self.value).rank


@record(order=True)
class Location:
    """Where in an input file a finding points."""

    file: str
    line: int
    col: int


@record
class Finding:
    """A gap: something Recommendation 20 asks for that the org chart does not show."""

    rule: str
    slug: str
    title: str
    severity: Severity
    message: str
    subject: str | None
    subject_kind: str
    location: Location
    area: str
    bullet: str
    remediation: str
    found: str | None = None
    """What was found, in a few words (e.g. '2 levels below'), where a rule says; part of the
    fingerprint, so that a finding that changes is a new finding."""

    @property
    def fingerprint(self) -> str:
        """The finding's stable identity: rule, subject and what was found, never a position.

        The same gap in the same post gives the same fingerprint however the file around
        it moves; waivers, baselines and SARIF's ``partialFingerprints`` match on it.
        """
        base = f"{self.rule}:{self.subject_kind}:{self.subject or ''}"
        return base if self.found is None else f"{base}:{self.found}"

    def sort_key(self) -> tuple[int, str, int, str, str]:
        """Most severe first, then by rule, position, subject and message."""
        return (
            -self.severity.rank,
            self.rule,
            self.location.line,
            self.subject or "",
            self.message,
        )


@record
class Strength:
    """Something the recommendation asks for that is in place."""

    rule: str
    title: str
    message: str
    subject: str | None
    area: str
    named: tuple[str, ...] = ()
    """Ids of the posts or members the message names (the subject first)."""


class AreaStatus(str, Enum):
    """How far an area of the framework (a bullet of the recommendation) is met."""

    met = "met"
    partly_met = "partly_met"
    not_met = "not_met"
    """Some finding in the area is an error."""
    not_assessable = "not_assessable"
    """The chart does not carry what the area's rules need; ``AreaScore.reason`` says what
    to record."""


class Verdict(str, Enum):
    """The overall verdict: ``does_not_meet`` when any area is not met."""

    meets = "meets"
    partly_meets = "partly_meets"
    does_not_meet = "does_not_meet"


@record
class AreaScore:
    """A 0-10 score and a status for one area of the recommendation."""

    area: str
    title: str
    bullet: str
    score: float | None
    rules: int
    reason: str
    status: AreaStatus = AreaStatus.met


@record
class Waiver:
    """An accepted finding: which rule and subject, why, who owns it, and until when."""

    rule: str
    subject: str | None
    justification: str
    owner: str
    expires: date
    reason: str | None
    location: Location
    severity: Severity | None = None
    """The severity of the finding the waiver accepted; None for a waiver not pinned."""
    accepted: str | None = None
    """What was found when the waiver was written (the finding's ``found``)."""

    @property
    def pinned(self) -> bool:
        """Whether the waiver records the finding it accepted, so a change is reported."""
        return self.severity is not None

    def covers(self, finding: Finding) -> bool:
        """Whether the waiver accepts ``finding`` as it is now (its rule and subject match)."""
        if not self.pinned:
            return True
        return finding.severity is self.severity and finding.found == self.accepted


@record
class WaivedFinding:
    """A finding that a waiver accepts; reported apart and never failing CI."""

    finding: Finding
    waiver: Waiver


@record
class RuleInfo:
    """A framework rule as reports describe it (SARIF rules, JUnit cases, the appendix)."""

    id: str
    slug: str
    title: str
    area: str
    bullet: str
    clause: str
    severity: str
    record: str
    remediation: str
    owner: str = "head_of_paid_service"
    """Who would own the action a finding of the rule calls for (a framework ``Owner``)."""


@record
class ChartPost:
    """A post drawn in the report's org-chart diagram."""

    id: str
    title: str
    basis: str
    depth: int
    parent: str | None
    leadership_team: bool
    capabilities: tuple[str, ...]
    hidden_below: int
    """Posts under this one that the diagram leaves out (drawn as one '+N' node)."""


@record
class MissingRole:
    """A capability a rule asks for that no post holds, drawn as a dashed node."""

    rule: str
    capabilities: tuple[str, ...]
    titles: tuple[str, ...]
    any_of: bool


@record
class ChartMember:
    """An executive elected member drawn beside the top post."""

    id: str
    name: str
    position: str
    portfolio: tuple[str, ...]
    political_lead: bool
    """Whether the framework's political-lead rules count this member as the digital lead."""


@record
class Record:
    """What the chart records about a post or member a finding or strength names: the
    evidence a reader checks the verdict against."""

    id: str
    kind: str
    """'post' or 'member'."""
    name: str
    """The post's title or the member's name."""
    label: str
    holder: str | None = None
    basis: str | None = None
    supplier: str | None = None
    contract_ends: str | None = None
    responsibilities: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    portfolio: tuple[str, ...] = ()
    digital_experience: str | None = None


@record
class OwnerRef:
    """Who in the chart holds an owner role (``Owner``) of the action plan."""

    role: str
    label: str
    """The post or member's label, or the role in words when the chart names nobody."""
    subject: str | None
    note: str | None = None
    """Why the owner is not the role's usual holder, e.g. 'no digital leader is recorded'."""


@record
class InferredValue:
    """A value an importer inferred for a post, for the report's list of them."""

    post: str
    label: str
    field: str
    value: str
    confidence: str
    source: str
    ambiguous: bool


@record
class ChartScope:
    """What the chart covers, for the report's method section."""

    posts: int
    vacant: int
    not_in_house: int
    """Posts held by agency staff, contractors, an outsourced provider or as a service."""
    depth: int
    """Levels below the top post."""
    members: int
    executive_members: int
    strategy: str | None
    directorates: int


@record
class ChartSummary:
    """The part of the org chart that bears on the findings, for the report's diagram.

    ``posts`` runs top first (by depth, then file order); every post's manager is in it.
    """

    posts: tuple[ChartPost, ...]
    total_posts: int
    leader: str | None
    missing: tuple[MissingRole, ...]
    collapsed: bool
    members: tuple[ChartMember, ...] = ()
    """Executive members (leader, mayor, cabinet members, committee chairs), political
    digital leads first."""
    members_total: int = 0
    records: tuple[Record, ...] = ()
    """The posts and members findings and strengths name, in chart order."""
    owners: tuple[OwnerRef, ...] = ()
    scope: ChartScope | None = None
    imported_from: tuple[tuple[str, str], ...] = ()
    """For an imported chart: file, sha256, format and date, as (key, value) pairs."""
    inferred: tuple[InferredValue, ...] = ()
    """Everything the importer inferred, in chart order."""
    companions: tuple[AuditResult, ...] = ()
    """Audits of the same chart against companion frameworks (the statutory basics, when
    the chart records statutory posts and the main framework does not check them)."""


@record
class WaiverNote:
    """Something to know about a waiver: it matched nothing, has expired, or expires soon."""

    kind: str
    """'unused', 'expired', 'expiring', 'changed' (a pinned waiver's finding is not as it
    was accepted) or 'unpinned'."""
    message: str
    waiver: Waiver


@record
class AuditResult:
    """Everything one audit of one org chart found."""

    file: str
    authority: str
    authority_type: str
    framework: str
    framework_title: str
    framework_version: str
    findings: tuple[Finding, ...]
    strengths: tuple[Strength, ...]
    not_applicable: tuple[tuple[str, str], ...]
    areas: tuple[AreaScore, ...]
    score: float
    rules_applied: tuple[str, ...] = field(default=())
    waived: tuple[WaivedFinding, ...] = field(default=())
    rules: tuple[RuleInfo, ...] = field(default=())
    chart: ChartSummary | None = None
    source_sha256: str | None = None
    """SHA-256 of the input file's bytes, filled in when an output records it."""
    waiver_notes: tuple[WaiverNote, ...] = field(default=())
    not_assessable: tuple[tuple[str, str], ...] = field(default=())
    """Rules that could not be assessed: (rule id, what the chart lacks and what to record)."""
    verdict: Verdict = Verdict.meets
    verdict_text: str = ""
    """The verdict in words, e.g. 'Does not meet Recommendation 20: bullets 1 and 2 not met'."""
    framework_source: str = ""
    """The policy the framework encodes, e.g. 'Digital Government Review (UK, 2014), ...'."""
    baseline: BaselineComparison | None = None
    """How the findings compare with a baseline (``check --baseline``), when one is used."""

    def is_new(self, finding: Finding) -> bool:
        """Whether ``finding`` is new: not in the baseline, or there is no baseline."""
        return self.baseline is None or self.baseline.is_new(finding)

    def count(self, severity: Severity) -> int:
        """How many findings have ``severity``."""
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def counts(self) -> dict[str, int]:
        """The number of findings of each severity, by severity name."""
        return {s.value: self.count(s) for s in Severity}

    def worst(self) -> Severity | None:
        """The most serious severity among the findings; None when there are none."""
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    def fails(self, fail_on: FailOn) -> bool:
        """Whether any new finding (any finding, without a baseline) reaches ``fail_on``."""
        return any(fail_on.triggered_by(f.severity) and self.is_new(f) for f in self.findings)
