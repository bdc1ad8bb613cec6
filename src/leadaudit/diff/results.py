"""Two audits compared area by area: status and score, and the findings new, fixed and
persisting, matched by fingerprint (rule, subject and what was found), never by line."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Mapping
from dataclasses import replace

from leadaudit.diff.model import AreaChange
from leadaudit.findings import AreaScore, AuditResult, Finding


def fingerprint(finding: Finding, renamed: Mapping[str, str]) -> str:
    """The finding's fingerprint, its subject given the id the post has in the other chart
    when the two charts name it differently (an imported chart's generated ids)."""
    subject = finding.subject
    if finding.subject_kind == "post" and subject is not None and subject in renamed:
        return replace(finding, subject=renamed[subject]).fingerprint
    return finding.fingerprint


def split_findings(
    old: tuple[Finding, ...], new: tuple[Finding, ...], renamed: Mapping[str, str]
) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """(new, fixed, persisting): the new chart's findings the old one lacks, the old
    chart's the new one lacks, and the new chart's that both have; each in its audit's
    order. ``renamed`` maps old post ids to new ones where they differ.

    Findings with one fingerprint are matched in order. A finding whose severity rose is
    new (as for a pinned waiver or a baseline), and its old self is not counted fixed.
    """
    waiting: dict[str, deque[Finding]] = defaultdict(deque)
    for f in old:
        waiting[fingerprint(f, renamed)].append(f)
    added: list[Finding] = []
    persisting: list[Finding] = []
    kept: set[int] = set()
    for f in new:
        queue = waiting.get(f.fingerprint)
        before = queue.popleft() if queue else None
        if before is not None:
            kept.add(id(before))
        if before is None or f.severity.rank > before.severity.rank:
            added.append(f)
        else:
            persisting.append(f)
    fixed = [f for f in old if id(f) not in kept]
    return added, fixed, persisting


def compare_areas(
    old: AuditResult, new: AuditResult, renamed: Mapping[str, str]
) -> tuple[AreaChange, ...]:
    """Every area of either audit (the new one's order, then any only the old one has),
    with its change of status and score and its findings."""
    added, fixed, persisting = split_findings(old.findings, new.findings, renamed)
    before: dict[str, AreaScore] = {a.area: a for a in old.areas}
    after: dict[str, AreaScore] = {a.area: a for a in new.areas}
    order = list(after) + [a for a in before if a not in after]
    changes = []
    for area in order:
        one = after.get(area) or before[area]
        was, now = before.get(area), after.get(area)
        changes.append(
            AreaChange(
                area=area,
                title=one.title,
                bullet=one.bullet,
                old_status=was.status if was else None,
                new_status=now.status if now else None,
                old_score=was.score if was else None,
                new_score=now.score if now else None,
                new=tuple(f for f in added if f.area == area),
                fixed=tuple(f for f in fixed if f.area == area),
                persisting=tuple(f for f in persisting if f.area == area),
            )
        )
    return tuple(changes)
