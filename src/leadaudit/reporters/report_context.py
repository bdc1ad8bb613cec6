"""What the Markdown report's template receives: plain strings, numbers, lists and dicts
made from an audit result (never live objects), including the action plan and the
evidence behind each finding and strength."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from leadaudit.assessment import NOT_MET_CAP
from leadaudit.findings import AuditResult, Finding, OwnerRef, Record, Severity, bullet_label
from leadaudit.reporters import RenderOptions
from leadaudit.reporters.baseline_view import report_baseline
from leadaudit.reporters.escape import shell_words
from leadaudit.reporters.json_format import finding_dict
from leadaudit.reporters.mermaid import flowchart, join_words, leader_distance
from leadaudit.version import __version__

#: how many gaps the executive summary lists
TOP_GAPS = 3


#: severity -> how the action plan words its priority
PRIORITY = {"error": "must", "warning": "should", "info": "consider"}
#: owner role -> who it is in words, when the chart names nobody for it
OWNER_WORDS = {
    "head_of_paid_service": "the head of paid service",
    "digital_leader": "the digital leader",
    "political_lead": "the political digital lead",
    "council_leader": "the leader of the council",
}


def cite(bullet: str) -> str:
    """Where a rule or area comes from, in words: 'Recommendation 20, bullet 2' for the
    recommendation's bullets, headline and comment; a statute or guidance as written."""
    if bullet.isdigit() or bullet in ("headline", "comment"):
        return f"Recommendation 20, {bullet_label(bullet)}"
    return bullet


def _subject(f: Finding, titles: dict[str, str]) -> str:
    """Who a finding concerns: 'Title (id)' for a post, 'Name (id)' for a member."""
    if f.subject_kind in ("post", "member") and f.subject is not None:
        title = titles.get(f.subject)
        return f"{title} ({f.subject})" if title else f"{f.subject_kind} {f.subject}"
    if f.subject_kind == "authority" or f.subject is None:
        return "the authority"
    return f"{f.subject_kind} {f.subject}"


def _finding(
    f: Finding,
    titles: dict[str, str],
    clauses: dict[str, str],
    by_id: dict[str, Record] | None = None,
) -> dict[str, Any]:
    return finding_dict(f) | {
        "concerns": _subject(f, titles),
        "source": bullet_label(f.bullet),
        "cite": cite(f.bullet),
        "clause": clauses.get(f.rule, ""),
        "evidence": _evidence((f.subject,), by_id or {}) if f.subject else [],
    }


def _rule_outcome(r: AuditResult, rule_id: str, severity: str) -> str:
    if severity == "off":
        return "turned off"
    reasons = dict(r.not_applicable)
    if rule_id in reasons:
        return f"not applicable: {reasons[rule_id]}" if reasons[rule_id] else "not applicable"
    found = [f for f in r.findings if f.rule == rule_id]
    if found:
        worst = max(found, key=lambda f: f.severity.rank).severity.value
        return f"{len(found)} finding{'s' if len(found) != 1 else ''} ({worst})"
    if any(w.finding.rule == rule_id for w in r.waived):
        return "waived"
    if rule_id in r.rules_applied:
        return "met"
    return "not run"


def report_command(r: AuditResult, options: RenderOptions) -> str:
    """The command that produces this report again."""
    words = ["leadaudit", "report", r.file, "--framework", options.framework_spec or r.framework]
    if options.template is not None:
        words += ["--template", str(options.template)]
    if options.date is not None:
        words += ["--date", options.date.isoformat()]
    if options.waivers is not None:
        words += ["--waivers", str(options.waivers)]
        if options.today is not None:
            words += ["--today", options.today.isoformat()]
    run = options.baseline
    if run is not None and run.path is not None:
        words += ["--baseline", run.path]
    elif run is not None and run.ref is not None:
        words += ["--baseline-ref", run.ref]
    return shell_words(words)


def _areas(r: AuditResult, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each area with its score, status and findings."""
    return [
        {
            "id": a.area,
            "title": a.title,
            "source": bullet_label(a.bullet),
            "cite": cite(a.bullet),
            "score": a.score,
            "status": a.status.value.replace("_", " "),
            "reason": a.reason,
            "findings": [f for f in findings if f["area"] == a.area],
        }
        for a in r.areas
    ]


def _chart(r: AuditResult) -> dict[str, Any]:
    """The diagram and what the report says about it."""
    chart = r.chart
    leader = None
    if chart is not None and chart.leader is not None:
        post = next(p for p in chart.posts if p.id == chart.leader)
        leader = {
            "id": post.id,
            "title": post.title,
            "depth": post.depth,
            "distance": leader_distance(post.depth),
        }
    return {
        "diagram": flowchart(r),
        "shown": len(chart.posts) if chart else 0,
        "total": chart.total_posts if chart else 0,
        "collapsed": chart.collapsed if chart else False,
        "leader": leader,
        "members": [
            {"id": m.id, "name": m.name, "political_lead": m.political_lead}
            for m in (chart.members if chart else ())
        ],
        "members_total": chart.members_total if chart else 0,
        "missing": [
            {
                "rule": m.rule,
                "titles": list(m.titles),
                "any_of": m.any_of,
                "text": join_words(m.titles, "or" if m.any_of else "and"),
            }
            for m in (chart.missing if chart else ())
        ],
    }


def _waivers(r: AuditResult, titles: dict[str, str], clauses: dict[str, str]) -> dict[str, Any]:
    """The waived findings and the notes on the waivers themselves."""
    return {
        "waived": [
            {
                **_finding(w.finding, titles, clauses),
                "justification": w.waiver.justification,
                "owner": w.waiver.owner,
                "expires": w.waiver.expires.isoformat(),
            }
            for w in r.waived
        ],
        "waiver_notes": [
            {
                "kind": n.kind,
                "message": n.message,
                "where": f"{n.waiver.location.file}:{n.waiver.location.line}",
            }
            for n in r.waiver_notes
        ],
    }


def _rules(r: AuditResult) -> list[dict[str, Any]]:
    """Every rule of the framework with its outcome, for the appendix."""
    return [
        {
            "id": rule.id,
            "slug": rule.slug,
            "title": rule.title,
            "severity": rule.severity,
            "outcome": _rule_outcome(r, rule.id, rule.severity),
        }
        for rule in r.rules
    ]


def _recorded(record: Record | None) -> list[str]:
    """What the chart records about a post or member, as short phrases for the report."""
    if record is None:
        return []
    parts: list[str] = []
    if record.holder:
        parts.append(f"held by {record.holder}")
    if record.basis and record.basis != "permanent":
        parts.append(record.basis.replace("_", " "))
    if record.supplier:
        parts.append(f"supplier {record.supplier}")
    if record.contract_ends:
        parts.append(f"contract ends {record.contract_ends}")
    if record.portfolio:
        parts.append("portfolio: " + "; ".join(record.portfolio))
    if record.digital_experience:
        parts.append(f"digital experience: {record.digital_experience}")
    if record.responsibilities:
        parts.append("responsibilities: " + "; ".join(record.responsibilities))
    if record.evidence:
        parts.append("evidence: " + "; ".join(record.evidence))
    return parts


def _evidence(ids: Sequence[str], by_id: dict[str, Record]) -> list[dict[str, Any]]:
    """The records behind a finding or strength: one entry per named post or member."""
    out = []
    for ident in ids:
        parts = _recorded(by_id.get(ident))
        if parts:
            out.append({"label": by_id[ident].label, "recorded": parts})
    return out


def _owner(owners: dict[str, OwnerRef], role: str) -> dict[str, Any]:
    ref = owners.get(role)
    if ref is None:
        return {"role": role, "label": OWNER_WORDS.get(role, role.replace("_", " ")), "note": None}
    return {"role": role, "label": ref.label, "note": ref.note}


def _actions(
    r: AuditResult, titles: dict[str, str], owners: dict[str, OwnerRef], start: int = 1
) -> list[dict[str, Any]]:
    """The action plan: one action per rule with findings, most severe first, each with
    the post or member who would own it, the bullet it works towards and what it clears."""
    rules = {rule.id: rule for rule in r.rules}
    order = {rule.id: i for i, rule in enumerate(r.rules)}
    area_titles = {a.area: a.title for a in r.areas}
    grouped: dict[str, list[Finding]] = {}
    for f in sorted(
        r.findings, key=lambda f: (-f.severity.rank, order.get(f.rule, len(order)), f.location.line)
    ):
        grouped.setdefault(f.rule, []).append(f)
    actions: list[dict[str, Any]] = []
    for number, (rule_id, found) in enumerate(grouped.items(), start=start):
        first = found[0]
        rule = rules.get(rule_id)
        actions.append(
            {
                "number": number,
                "rule": rule_id,
                "title": first.title,
                "severity": first.severity.value,
                "priority": PRIORITY[first.severity.value],
                "action": first.remediation,
                "owner": _owner(owners, rule.owner if rule else "head_of_paid_service"),
                "area": first.area,
                "area_title": area_titles.get(first.area, first.area),
                "source": bullet_label(first.bullet),
                "cite": cite(first.bullet),
                "clears": [_subject(f, titles) for f in found],
                "with": [],
            }
        )
    for action in actions:
        action["with"] = [
            a["number"] for a in actions if a["area"] == action["area"] and a is not action
        ]
    return actions


def _companion(
    r: AuditResult,
    titles: dict[str, str],
    by_id: dict[str, Record],
    owners: dict[str, OwnerRef],
    start: int,
) -> dict[str, Any]:
    """A companion framework's audit of the same chart, for its own report section."""
    clauses = {rule.id: rule.clause for rule in r.rules}
    return {
        "framework": {
            "name": r.framework,
            "title": r.framework_title,
            "version": r.framework_version,
        },
        "verdict": r.verdict.value,
        "verdict_text": r.verdict_text,
        "score": r.score,
        "counts": r.counts,
        "areas": _areas(r, [_finding(f, titles, clauses, by_id) for f in r.findings]),
        "in_place": _strengths(r, by_id),
        "not_assessable": [{"rule": rule, "reason": reason} for rule, reason in r.not_assessable],
        "actions": _actions(r, titles, owners, start),
    }


def _strengths(r: AuditResult, by_id: dict[str, Record]) -> list[dict[str, Any]]:
    return [
        {
            "rule": s.rule,
            "title": s.title,
            "area": s.area,
            "message": s.message,
            "evidence": _evidence(s.named, by_id),
        }
        for s in r.strengths
    ]


def _companions(
    r: AuditResult,
    titles: dict[str, str],
    by_id: dict[str, Record],
    owners: dict[str, OwnerRef],
    start: int,
) -> list[dict[str, Any]]:
    """The companion audits, their actions numbered on from ``start``."""
    out: list[dict[str, Any]] = []
    for c in r.chart.companions if r.chart else ():
        out.append(_companion(c, titles, by_id, owners, start))
        start += len(out[-1]["actions"])
    return out


def report_context(r: AuditResult, options: RenderOptions) -> dict[str, Any]:
    """Everything a report template may use: plain strings, numbers, lists and dicts."""
    chart = r.chart
    titles = {p.id: p.title for p in chart.posts} if chart else {}
    titles |= {rec.id: rec.name for rec in chart.records} if chart else {}
    clauses = {rule.id: rule.clause for rule in r.rules}
    order = {rule.id: i for i, rule in enumerate(r.rules)}
    by_id = {rec.id: rec for rec in chart.records} if chart else {}
    owners = {ref.role: ref for ref in chart.owners} if chart else {}

    def item(f: Finding, current: bool = True) -> dict[str, Any]:
        b = r.baseline if current else None  # a fixed finding is neither new nor persisting
        return _finding(f, titles, clauses, by_id) | {
            "baseline_state": b.state(f) if b is not None else None,
            "baseline_change": b.change(f) if b is not None else None,
        }

    findings = [item(f) for f in r.findings]
    gaps = sorted(
        (f for f in r.findings if f.severity is not Severity.info),
        key=lambda f: (-f.severity.rank, order.get(f.rule, len(order)), f.location.line),
    )
    scope = chart.scope if chart else None
    actions = _actions(r, titles, owners)
    return {
        "tool": {"name": "leadaudit", "version": __version__},
        "authority": r.authority,
        "authority_type": r.authority_type.replace("_", " "),
        "framework": {
            "name": r.framework,
            "title": r.framework_title,
            "version": r.framework_version,
            "source": r.framework_source,
        },
        "file": r.file,
        "sha256": r.source_sha256,
        "date": options.date.isoformat() if options.date else None,
        "score": r.score,
        "verdict": r.verdict.value,
        "verdict_text": r.verdict_text,
        "not_met_cap": NOT_MET_CAP,
        "not_assessable": [{"rule": rule, "reason": reason} for rule, reason in r.not_assessable],
        "counts": r.counts,
        "top_gaps": [item(f) for f in gaps[:TOP_GAPS]],
        "in_place": _strengths(r, by_id),
        "notes": [item(f) for f in r.findings if f.severity is Severity.info],
        "actions": actions,
        "areas": _areas(r, findings),
        "findings": findings,
        **_waivers(r, titles, clauses),
        "chart": _chart(r),
        "scope": asdict(scope) if scope else None,
        "rules_count": {
            "total": len(r.rules),
            "applied": len(r.rules_applied),
            "not_applicable": len(r.not_applicable),
            "turned_off": sum(1 for rule in r.rules if rule.severity == "off"),
        },
        "companions": _companions(r, titles, by_id, owners, len(actions) + 1),
        "imported_from": dict(chart.imported_from) if chart else {},
        "inferred": [asdict(v) for v in chart.inferred] if chart else [],
        "rules": _rules(r),
        "command": report_command(r, options),
        "baseline": report_baseline(r, lambda f: item(f, current=False)),
    }
