"""What some reports need beyond the audit: the org chart's shape for a diagram, and the
input file's SHA-256. Each is worked out only when an output's registry entry asks for it."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import replace
from pathlib import Path

from leadaudit.findings import AuditResult, ChartPost, ChartSummary, Finding, MissingRole, Severity
from leadaudit.framework import Framework
from leadaudit.orgchart import OrgIndex
from leadaudit.rules.base import DIGITAL_LEADERSHIP
from leadaudit.rules.coverage import CapabilityCoverage

_CHUNK = 1 << 20

#: charts with at most this many posts are drawn whole
FULL_CHART_MAX_POSTS = 30
#: in a larger chart, how many holders of each capability the rules use are drawn
HOLDERS_SHOWN = 3
#: the most posts a diagram draws, however deep the chains to the posts it keeps
MAX_DRAWN = 150


def _missing_roles(
    org: OrgIndex, framework: Framework, findings: Sequence[Finding]
) -> tuple[MissingRole, ...]:
    """Capabilities that rules with error or warning findings ask for and nobody holds."""
    flagged = {f.rule for f in findings if f.severity is not Severity.info}
    titles = framework.capability_titles()
    drawn: set[str] = set()
    missing: list[MissingRole] = []
    for rule in framework.rules:
        if rule.id not in flagged:
            continue
        check = rule.check
        if isinstance(check, CapabilityCoverage):
            wanted = list(check.capabilities)
            any_of = check.require == "any"
        else:
            wanted = sorted(check.capabilities_used())
            any_of = False
        absent = tuple(c for c in wanted if c not in drawn and not org.holders_by_capability.get(c))
        if not absent:
            continue
        drawn.update(absent)
        missing.append(
            MissingRole(
                rule=rule.id,
                capabilities=absent,
                titles=tuple(titles.get(c, c.replace("_", " ")) for c in absent),
                any_of=any_of and len(absent) > 1,
            )
        )
    return tuple(missing)


def _kept_posts(org: OrgIndex, findings: Sequence[Finding], referenced: set[str]) -> set[str]:
    """The posts a large chart's diagram keeps, closed under 'reports to'."""
    keep = {org.top}
    leaders = org.holders_by_capability.get(DIGITAL_LEADERSHIP, ())
    keep.update(leaders[:1])
    keep.update(
        f.subject
        for f in findings
        if f.subject_kind == "post" and f.subject is not None and f.subject in org.posts
    )
    for cap in sorted(referenced):
        keep.update(org.holders_by_capability.get(cap, ())[:HOLDERS_SHOWN])
    for pid in list(keep):
        current = org.parent.get(pid)
        while current is not None and current not in keep:
            keep.add(current)
            current = org.parent.get(current)
    return keep


def chart_summary(
    org: OrgIndex,
    framework: Framework,
    findings: Sequence[Finding],
    applied: Collection[str],
) -> ChartSummary:
    """The posts and gaps the report's diagram draws.

    A chart of up to FULL_CHART_MAX_POSTS posts is kept whole. A larger one keeps the top
    post, the digital leader, the subjects of findings and the first holders of every
    capability the applied rules use, with each one's managers up to the top; the other
    posts are counted against their nearest kept manager.
    """
    referenced: set[str] = set()
    for rule in framework.rules:
        if rule.id in applied:
            referenced |= rule.check.capabilities_used()
    collapsed = len(org.posts) > FULL_CHART_MAX_POSTS
    keep = _kept_posts(org, findings, referenced) if collapsed else set(org.posts)
    if len(keep) > MAX_DRAWN:
        # Nearest the top first: every post's managers come before it, so the first
        # MAX_DRAWN are still a tree, and the rest are counted below the ones drawn.
        keep = set(sorted(keep, key=lambda p: (org.depth[p], org.post_index[p]))[:MAX_DRAWN])
    hidden: dict[str, int] = {}
    if collapsed:
        # keep is closed under 'reports to', so everything below a left-out post is left out
        for pid in keep:
            stack = [c for c in org.children.get(pid, ()) if c not in keep]
            count = len(stack)
            while stack:
                below = org.children.get(stack.pop(), ())
                if below:
                    count += len(below)
                    stack.extend(below)
            if count:
                hidden[pid] = count
    ordered = sorted(keep, key=lambda p: (org.depth[p], org.post_index[p]))
    posts = tuple(
        ChartPost(
            id=pid,
            title=org.posts[pid].title,
            basis=org.posts[pid].basis.value,
            depth=org.depth[pid],
            parent=org.parent[pid],
            leadership_team=org.posts[pid].leadership_team,
            capabilities=tuple(sorted(org.capabilities_of(pid) & referenced)),
            hidden_below=hidden.get(pid, 0),
        )
        for pid in ordered
    )
    leaders = org.holders_by_capability.get(DIGITAL_LEADERSHIP, ())
    return ChartSummary(
        posts=posts,
        total_posts=len(org.posts),
        leader=leaders[0] if leaders and leaders[0] in keep else None,
        missing=_missing_roles(org, framework, findings),
        collapsed=collapsed,
    )


def file_sha256(path: Path) -> str | None:
    """The hex SHA-256 of a file's bytes, or None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def with_chart(result: AuditResult, org: OrgIndex, framework: Framework) -> AuditResult:
    """The result with ``chart`` worked out from the org chart and the result's findings."""
    framework = framework.for_authority(org.org.authority.type)  # as the audit applied it
    chart = chart_summary(org, framework, result.findings, frozenset(result.rules_applied))
    return replace(result, chart=chart)


def with_source_hash(result: AuditResult) -> AuditResult:
    """The result with ``source_sha256`` filled from its input file, unless already set."""
    if result.source_sha256 is not None:
        return result
    return replace(result, source_sha256=file_sha256(Path(result.file)))
