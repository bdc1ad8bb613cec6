"""What some reports need beyond the audit: the org chart's shape for a diagram, and the
input file's SHA-256. Each is worked out only when an output's registry entry asks for it."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from leadaudit.findings import (
    AuditResult,
    ChartMember,
    ChartPost,
    ChartScope,
    ChartSummary,
    Finding,
    InferredValue,
    MissingRole,
    OwnerRef,
    Record,
    Severity,
)
from leadaudit.framework import Framework
from leadaudit.framework.model import Owner
from leadaudit.model import IN_HOUSE_BASES, Basis, Position
from leadaudit.orgchart import OrgIndex
from leadaudit.rules.base import DIGITAL_LEADERSHIP, Context, PoliticalLeadCheck
from leadaudit.rules.coverage import CapabilityCoverage

_CHUNK = 1 << 20

#: charts with at most this many posts are drawn whole
FULL_CHART_MAX_POSTS = 30
#: in a larger chart, how many holders of each capability the rules use are drawn
HOLDERS_SHOWN = 3
#: the most posts a diagram draws, however deep the chains to the posts it keeps
MAX_DRAWN = 150
#: the most executive members drawn beside the top post
MEMBERS_DRAWN = 8
#: the framework that checks the statutory officers, run beside another framework
COMPANION = "statutory"
HEAD_OF_PAID_SERVICE = "head_of_paid_service"
EXECUTIVE = frozenset(
    {Position.leader, Position.mayor, Position.cabinet_member, Position.committee_chair}
)


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
    leads = political_leads(org, framework)
    members = _members(org, leads)
    return ChartSummary(
        posts=posts,
        total_posts=len(org.posts),
        leader=leaders[0] if leaders and leaders[0] in keep else None,
        missing=_missing_roles(org, framework, findings),
        collapsed=collapsed,
        members=members,
        members_total=len(org.members),
        owners=_owners(org, leads),
        scope=_scope(org),
    )


def political_leads(org: OrgIndex, framework: Framework) -> list[str]:
    """The members the framework's political-lead rules count as the digital lead."""
    ctx = Context(org, framework.capability_titles())
    for rule in framework.rules:
        if isinstance(rule.check, PoliticalLeadCheck):
            return [m.id for m in rule.check.political_leads(ctx)]
    return []


def _members(org: OrgIndex, leads: Sequence[str]) -> tuple[ChartMember, ...]:
    """The executive members to draw, political digital leads first, then in file order."""
    chosen = [org.members[m] for m in leads]
    chosen += [
        m for m in org.members.values() if m.position in EXECUTIVE and m.id not in set(leads)
    ]
    return tuple(
        ChartMember(
            id=m.id,
            name=m.name,
            position=m.position.value,
            portfolio=tuple(m.portfolio),
            political_lead=m.id in leads,
        )
        for m in chosen[:MEMBERS_DRAWN]
    )


def _owners(org: OrgIndex, leads: Sequence[str]) -> tuple[OwnerRef, ...]:
    """Who holds each owner role of the action plan in this chart."""
    designated = org.holders_by_capability.get(HEAD_OF_PAID_SERVICE, ())
    hops = designated[0] if designated else org.top
    head = OwnerRef(Owner.head_of_paid_service.value, org.label(hops), hops)
    digital = org.holders_by_capability.get(DIGITAL_LEADERSHIP, ())
    leader = (
        OwnerRef(Owner.digital_leader.value, org.label(digital[0]), digital[0])
        if digital
        else (
            OwnerRef(Owner.digital_leader.value, head.label, hops, "no digital leader is recorded")
        )
    )
    tops = [m.id for m in org.members.values() if m.position in (Position.leader, Position.mayor)]
    if tops:
        council = OwnerRef(Owner.council_leader.value, org.label(tops[0]), tops[0])
    else:
        council = OwnerRef(
            Owner.council_leader.value,
            "the leader of the council",
            None,
            "not recorded in the chart",
        )
    if leads:
        political = OwnerRef(Owner.political_lead.value, org.label(leads[0]), leads[0])
    else:
        political = OwnerRef(
            Owner.political_lead.value,
            council.label,
            council.subject,
            "no political digital lead is recorded",
        )
    return (head, leader, political, council)


def _scope(org: OrgIndex) -> ChartScope:
    """What the chart covers: counts for the method section."""
    posts = org.posts.values()
    outside = {b for b in Basis if b not in IN_HOUSE_BASES and b is not Basis.vacant}
    strategy = org.org.digital_strategy
    return ChartScope(
        posts=len(org.posts),
        vacant=sum(1 for p in posts if p.basis is Basis.vacant),
        not_in_house=sum(1 for p in posts if p.basis in outside),
        depth=max(org.depth.values(), default=0),
        members=len(org.members),
        executive_members=sum(1 for m in org.members.values() if m.position in EXECUTIVE),
        strategy=strategy.title if strategy else None,
        directorates=len({d for pid in org.posts if (d := org.posts[pid].directorate)}),
    )


def records(org: OrgIndex, results: Sequence[AuditResult]) -> tuple[Record, ...]:
    """What the chart records about every post and member the results' findings and
    strengths name, in chart order."""
    named: set[str] = set()
    for result in results:
        named.update(f.subject for f in result.findings if f.subject is not None)
        for s in result.strengths:
            named.update(s.named)
    out: list[Record] = []
    for pid in sorted(named & org.posts.keys(), key=org.post_index.__getitem__):
        post = org.posts[pid]
        out.append(
            Record(
                id=pid,
                kind="post",
                name=post.title,
                label=org.label(pid),
                holder=post.holder,
                basis=post.basis.value,
                supplier=post.supplier,
                contract_ends=post.contract_ends.isoformat() if post.contract_ends else None,
                responsibilities=tuple(post.responsibilities),
                evidence=tuple(post.evidence),
            )
        )
    for mid in sorted(named & org.members.keys(), key=org.member_index.__getitem__):
        member = org.members[mid]
        out.append(
            Record(
                id=mid,
                kind="member",
                name=member.name,
                label=org.label(mid),
                evidence=tuple(member.evidence),
                portfolio=tuple(member.portfolio),
                digital_experience=member.digital_experience,
            )
        )
    return tuple(out)


def inferred_values(org: OrgIndex) -> tuple[InferredValue, ...]:
    """Every value an importer inferred, post by post in chart order."""
    return tuple(
        InferredValue(
            post=pid,
            label=org.label(pid),
            field=entry.field,
            value=entry.value,
            confidence=entry.confidence.value,
            source=entry.source,
            ambiguous=entry.ambiguous,
        )
        for pid, post in org.posts.items()
        for entry in post.inferred
    )


@lru_cache(maxsize=1)
def _companion_framework() -> Framework:
    """The bundled statutory framework, loaded once however many charts a run reports on."""
    from leadaudit.framework import load_framework

    return load_framework(COMPANION)


def companions(org: OrgIndex, framework: Framework) -> tuple[AuditResult, ...]:
    """The statutory basics, audited beside a framework that does not check them itself,
    when the chart records at least one statutory post: the report then shows both."""
    from leadaudit.engine import audit

    if framework.name == COMPANION:
        return ()
    statutory = _companion_framework()
    own = {rule.id for rule in framework.rules}
    if own & {rule.id for rule in statutory.rules}:
        return ()
    # the chart must record a statutory office of its own: the head of paid service alone
    # (which most charts name) does not ask for the statutory check
    used: set[str] = set()
    for rule in statutory.rules:
        used |= rule.check.capabilities_used()
    for rule in framework.rules:
        used -= rule.check.capabilities_used()
    used.discard(HEAD_OF_PAID_SERVICE)
    if not any(org.holders_by_capability.get(cap) for cap in sorted(used)):
        return ()
    return (audit(org, statutory),)


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
    extra = companions(org, framework)
    source = org.org.imported_from
    chart = replace(
        chart,
        records=records(org, (result, *extra)),
        companions=extra,
        imported_from=tuple((k, str(v)) for k, v in source.model_dump().items() if v)
        if source
        else (),
        inferred=inferred_values(org),
    )
    return replace(result, chart=chart)


def with_source_hash(result: AuditResult) -> AuditResult:
    """The result with ``source_sha256`` filled from its input file, unless already set."""
    if result.source_sha256 is not None:
        return result
    return replace(result, source_sha256=file_sha256(Path(result.file)))
