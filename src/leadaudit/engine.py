"""The audit: run a framework's rules over an org chart; pure and deterministic."""

from __future__ import annotations

from leadaudit.assessment import assess
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
from leadaudit.messages import plural
from leadaudit.orgchart import OrgIndex
from leadaudit.rules import Context, Gap, Met


def _applies(rule: RuleDef, org: OrgIndex) -> tuple[str | None, bool]:
    """Why the rule does not apply (None when it does), and whether that is because of what
    the authority is (True) rather than what the chart fails to record (False)."""
    cond = rule.applies_to
    if (
        cond is not None
        and cond.authority_types is not None
        and org.org.authority.type not in cond.authority_types
    ):
        return (
            f"applies only to {', '.join(t.value for t in cond.authority_types)} authorities",
            True,
        )
    if cond is not None and cond.adult_social_care is not None:
        recorded = org.org.authority.adult_social_care
        if recorded is None:
            return "authority.adult_social_care is not recorded; set it to true or false", False
        if recorded is not cond.adult_social_care:
            which = "with" if cond.adult_social_care else "without"
            return f"applies only to authorities {which} adult social care functions", True
    return None, True


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
            owner=rule.owner.value,
        )
        for rule in framework.rules
    )


#: how many inferred lines a finding names before it counts the rest
INFERRED_NAMED = 3


def inferred_lines(org: OrgIndex, post_id: str) -> str | None:
    """The reporting lines from ``post_id`` up to the top that an importer inferred, in
    words (the unsure ones named), or None when every line is as the source states it."""
    sure = 0
    unsure: list[str] = []
    for pid in (post_id, *org.ancestors(post_id)):
        post = org.posts.get(pid)
        for entry in post.inferred if post is not None else ():
            if entry.field != "reports_to":
                continue
            if entry.confidence.value == "high" and not entry.ambiguous:
                sure += 1
                continue
            how = entry.confidence.value + (", ambiguous" if entry.ambiguous else "")
            unsure.append(f"{org.label(pid)} under {org.label(entry.value)} ({how})")
    if not sure and not unsure:
        return None
    total = plural(sure + len(unsure), "inferred reporting line")
    if not unsure:
        return f"this rests on {total}, each of high confidence; confirm them in the chart"
    more = len(unsure) - INFERRED_NAMED
    shown = "; ".join(unsure[:INFERRED_NAMED]) + (f"; and {more} more" if more > 0 else "")
    return f"this rests on {total}, some unsure: {shown}; confirm them in the chart"


def _finding(rule: RuleDef, gap: Gap, org: OrgIndex) -> Finding:
    line, col = org.locate(gap.subject_kind, gap.subject)
    message = gap.message
    subject = gap.subject if gap.subject_kind == "post" else None
    if rule.check.uses_lines and subject is not None and subject in org.posts:
        note = inferred_lines(org, subject)
        if note is not None:
            message = f"{message} ({note})"
    return Finding(
        rule=rule.id,
        slug=rule.slug,
        title=rule.title,
        severity=gap.severity or Severity(rule.severity.value),
        message=message,
        subject=gap.subject,
        subject_kind=gap.subject_kind,
        location=Location(org.filename, line, col),
        area=rule.area,
        bullet=rule.bullet,
        remediation=rule.remediation,
        found=gap.found,
    )


def _in_place(met: list[tuple[RuleDef, Met]], findings: list[Finding]) -> list[Strength]:
    """What is in place, never naming a post that another rule reports as a gap."""
    short: dict[str, set[str]] = {}  # post id -> rules with an error or warning about it
    for f in findings:
        if f.subject_kind == "post" and f.subject and f.severity is not Severity.info:
            short.setdefault(f.subject, set()).add(f.rule)
    out: list[Strength] = []
    for rule, m in met:
        others = {pid for pid, rules in short.items() if rules - {rule.id}}
        kept = m.without(others)
        if kept is not None:
            named = kept.posts or ((kept.subject,) if kept.subject is not None else ())
            out.append(Strength(rule.id, rule.title, kept.message, kept.subject, rule.area, named))
    return out


def audit(org: OrgIndex, framework: Framework) -> AuditResult:
    """Apply every rule of ``framework`` (as it applies to this type of authority) to ``org``."""
    framework = framework.for_authority(org.org.authority.type)
    ctx = Context(org, framework.capability_titles())
    findings: list[Finding] = []
    met: list[tuple[RuleDef, Met]] = []
    not_applicable: list[tuple[str, str]] = []
    not_assessable: list[tuple[str, str]] = []
    applied: list[str] = []
    for rule in framework.rules:
        if rule.severity is Level.off:
            continue
        reason, assessable = _applies(rule, org)
        verdict = None if reason else rule.check.evaluate(ctx)
        if verdict is not None and verdict.not_assessable:
            reason, assessable = verdict.not_assessable, False
        elif verdict is not None and verdict.not_applicable:
            reason = verdict.not_applicable
        if reason or verdict is None:
            not_applicable.append((rule.id, reason or ""))
            if not assessable:
                not_assessable.append((rule.id, reason or ""))
            continue
        applied.append(rule.id)
        findings.extend(_finding(rule, gap, org) for gap in verdict.gaps)
        met.extend((rule, m) for m in verdict.met)
    strengths = _in_place(met, findings)
    order = {a: i for i, a in enumerate(framework.areas)}
    findings.sort(key=lambda f: (order[f.area], *f.sort_key()))
    areas = tuple(
        AreaScore(area_id, area.title, area.bullet, None, 0, "")
        for area_id, area in framework.areas.items()
    )
    result = AuditResult(
        file=org.filename,
        authority=org.org.authority.name,
        authority_type=org.org.authority.type.value,
        framework=framework.name,
        framework_title=framework.title,
        framework_version=framework.version,
        framework_source=framework.source,
        findings=tuple(findings),
        strengths=tuple(strengths),
        not_applicable=tuple(not_applicable),
        areas=areas,
        score=0.0,
        rules_applied=tuple(applied),
        rules=rule_infos(framework),
        not_assessable=tuple(not_assessable),
    )
    return assess(result)
