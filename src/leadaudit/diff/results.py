"""Two audits compared area by area: status and score, and the findings new, fixed and
persisting, matched by fingerprint (rule, subject and what was found), never by line."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from leadaudit.diff.model import AreaChange
from leadaudit.findings import AreaScore, AuditResult, Finding
from leadaudit.matching import Matched, change_note, match_findings


def _renamed(renamed: Mapping[str, str]) -> Callable[[Finding], Finding]:
    """An old chart's finding as the new chart would name it, when the two charts name its
    post differently (an imported chart's generated ids)."""

    def as_new(finding: Finding) -> Finding:
        subject = finding.subject
        if finding.subject_kind == "post" and subject is not None and subject in renamed:
            return replace(finding, subject=renamed[subject])
        return finding

    return as_new


def split_findings(
    old: tuple[Finding, ...], new: tuple[Finding, ...], renamed: Mapping[str, str]
) -> Matched:
    """The new chart's findings against the old one's, classed as ``check --baseline``
    classes them (see ``leadaudit.matching``): new (a finding that got more severe, or
    that replaces an old finding of the same rule and subject, says what it was), fixed
    and persisting. ``renamed`` maps old post ids to new ones where they differ."""
    return match_findings(new, old, _renamed(renamed))


def compare_areas(
    old: AuditResult, new: AuditResult, renamed: Mapping[str, str]
) -> tuple[AreaChange, ...]:
    """Every area of either audit (the new one's order, then any only the old one has),
    with its change of status and score and its findings."""
    matched = split_findings(old.findings, new.findings, renamed)
    notes = {id(f): change_note(f, was, "before") for f, was in matched.replaced}
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
                new=tuple(f for f in matched.new if f.area == area),
                fixed=tuple(f for f in matched.fixed if f.area == area),
                persisting=tuple(f for f in matched.persisting if f.area == area),
                changes=tuple(
                    (f, notes[id(f)]) for f in matched.new if f.area == area and id(f) in notes
                ),
            )
        )
    return tuple(changes)
