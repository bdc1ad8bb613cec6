"""The audit: run a framework's rules over an org chart; pure and deterministic."""

from __future__ import annotations

from leadaudit.findings import (
    AreaScore,
    AuditResult,
    Finding,
    Location,
    RuleInfo,
    Severity,
    Strength,
)
from leadaudit.framework import Framework, Level, RuleDef
from leadaudit.orgchart import OrgIndex
from leadaudit.rules import Context

_WEIGHT = {Level.error: 3, Level.warning: 2, Level.info: 1}
_CREDIT = {None: 1.0, Severity.info: 1.0, Severity.warning: 0.5, Severity.error: 0.0}


def _applies(rule: RuleDef, org: OrgIndex) -> str | None:
    """Why the rule does not apply, or None when it does."""
    cond = rule.applies_to
    if (
        cond is not None
        and cond.authority_types is not None
        and org.org.authority.type not in cond.authority_types
    ):
        return f"applies only to {', '.join(t.value for t in cond.authority_types)} authorities"
    if cond is not None and cond.adult_social_care is not None:
        recorded = org.org.authority.adult_social_care
        if recorded is None:
            return "authority.adult_social_care is not recorded; set it to true or false"
        if recorded is not cond.adult_social_care:
            return (
                "applies only to authorities "
                + ("with" if cond.adult_social_care else "without")
                + " adult social care functions"
            )
    return None


def _score(weighted: list[tuple[int, float]]) -> float | None:
    total = sum(w for w, _ in weighted)
    if not total:
        return None
    return round(10 * sum(w * c for w, c in weighted) / total, 1)


def rule_infos(framework: Framework) -> tuple[RuleInfo, ...]:
    """Every rule of the framework, in framework order, as reports describe it."""
    return tuple(
        RuleInfo(
            id=rule.id,
            slug=rule.slug,
            title=rule.title,
            area=rule.area,
            bullet=rule.bullet,
            clause=rule.clause,
            severity=rule.severity.value,
            record=rule.record,
            remediation=rule.remediation,
        )
        for rule in framework.rules
    )


def audit(org: OrgIndex, framework: Framework) -> AuditResult:
    """Apply every rule of ``framework`` (as it applies to this type of authority) to ``org``."""
    framework = framework.for_authority(org.org.authority.type)
    ctx = Context(org, framework.capability_titles())
    findings: list[Finding] = []
    strengths: list[Strength] = []
    not_applicable: list[tuple[str, str]] = []
    per_area: dict[str, list[tuple[int, float]]] = {a: [] for a in framework.areas}
    applied: list[str] = []
    overall: list[tuple[int, float]] = []
    for rule in framework.rules:
        if rule.severity is Level.off:
            continue
        reason = _applies(rule, org)
        verdict = None if reason else rule.check.evaluate(ctx)
        if verdict is not None and verdict.not_applicable:
            reason = verdict.not_applicable
        if reason or verdict is None:
            not_applicable.append((rule.id, reason or ""))
            continue
        applied.append(rule.id)
        default = Severity(rule.severity.value)
        worst: Severity | None = None
        for gap in verdict.gaps:
            severity = gap.severity or default
            if worst is None or severity.rank > worst.rank:
                worst = severity
            line, col = org.locate(gap.subject_kind, gap.subject)
            findings.append(
                Finding(
                    rule=rule.id,
                    slug=rule.slug,
                    title=rule.title,
                    severity=severity,
                    message=gap.message,
                    subject=gap.subject,
                    subject_kind=gap.subject_kind,
                    location=Location(org.filename, line, col),
                    area=rule.area,
                    bullet=rule.bullet,
                    remediation=rule.remediation,
                )
            )
        strengths.extend(
            Strength(rule.id, rule.title, m.message, m.subject, rule.area) for m in verdict.met
        )
        entry = (_WEIGHT[rule.severity], _CREDIT[worst])
        per_area[rule.area].append(entry)
        overall.append(entry)
    areas = []
    for area_id, area in framework.areas.items():
        entries = per_area[area_id]
        score = _score(entries)
        met = sum(1 for _, c in entries if c == 1.0)
        reason = f"{met} of {len(entries)} rules met" if entries else "no rule applies"
        areas.append(AreaScore(area_id, area.title, area.bullet, score, len(entries), reason))
    order = {a: i for i, a in enumerate(framework.areas)}
    findings.sort(key=lambda f: (order[f.area], *f.sort_key()))
    return AuditResult(
        file=org.filename,
        authority=org.org.authority.name,
        authority_type=org.org.authority.type.value,
        framework=framework.name,
        framework_title=framework.title,
        framework_version=framework.version,
        findings=tuple(findings),
        strengths=tuple(strengths),
        not_applicable=tuple(not_applicable),
        areas=tuple(areas),
        score=_score(overall) or 0.0,
        rules_applied=tuple(applied),
        rules=rule_infos(framework),
    )
