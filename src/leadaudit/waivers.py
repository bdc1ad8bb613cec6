"""Waivers: accepted findings, each with a justification, an owner and an expiry date.

A waiver names a rule and a subject (a post, member or role id, or nothing for a finding
about the authority as a whole). A finding it matches is moved out of the findings into
``AuditResult.waived``, so it no longer fails a run, until the day after the waiver
expires; from then on the finding is back, saying its waiver expired. Waivers that match
nothing, have expired, or expire within ``EXPIRING_DAYS`` are noted in the result.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from leadaudit.assessment import assess
from leadaudit.errors import InputError, Problem
from leadaudit.findings import (
    AuditResult,
    Finding,
    Location,
    Severity,
    WaivedFinding,
    Waiver,
    WaiverNote,
)
from leadaudit.framework import Framework, rule_hint
from leadaudit.importers.yaml import load_mapping
from leadaudit.limits import Limits
from leadaudit.messages import did_you_mean
from leadaudit.model import Date, Frozen, Id, Text
from leadaudit.validation import validate

EXPIRING_DAYS = 30

Justification = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)
]


class WaiverReason(str, Enum):
    """Why a finding is accepted, as a category."""

    shared_service = "shared_service"
    interim_arrangement = "interim_arrangement"
    not_applicable = "not_applicable"
    remediation_planned = "remediation_planned"
    accepted_risk = "accepted_risk"


class WaiverEntry(Frozen):
    """One waiver: which finding is accepted, why, who owns the decision and until when."""

    rule: Text
    """Rule id (R20-04) or slug (shared-leader-fits) of the finding."""
    subject: Id | None = None
    """Post, member or role id the finding is about; omit (or null) for the authority itself."""
    justification: Justification
    """Why the finding is accepted (required, not blank)."""
    owner: Justification
    """Who owns the decision: a name or a post."""
    expires: Date
    """Last day the waiver holds (YYYY-MM-DD); from the next day the finding is back."""
    reason: WaiverReason | None = None
    """Category: shared_service, interim_arrangement, not_applicable, remediation_planned or accepted_risk."""
    evidence: list[Text] = Field(default_factory=list)
    """Links or references supporting the decision (committee paper, risk register entry)."""
    severity: Severity | None = None
    """The severity of the finding accepted (written by 'leadaudit waive'): with it the
    waiver is pinned, and a finding that is now more severe or says something else is
    reported again."""
    accepted: Text | None = None
    """What was found when the waiver was written, e.g. '2 levels below' (written by
    'leadaudit waive'; null for a finding that records nothing)."""


class WaiversFile(Frozen):
    """A leadaudit waivers file."""

    waivers: list[WaiverEntry] | None = None
    """The waivers (an empty or null list is fine)."""


def load_waivers(
    path: Path, framework: Framework, limits: Limits | None = None
) -> tuple[Waiver, ...]:
    """Read and check a waivers file against the framework in use."""
    limits = limits or Limits()
    doc = load_mapping(path, limits, str(path), "a waivers file starts with 'waivers:'")
    parsed = validate(WaiversFile, doc)
    problems: list[Problem] = []
    seen: dict[tuple[str, str | None], int] = {}
    out: list[Waiver] = []
    for i, entry in enumerate(parsed.waivers or []):
        rule = framework.rule(entry.rule)
        if rule is None:
            problems.append(
                doc.problem(
                    ("waivers", i, "rule"),
                    f"unknown rule '{entry.rule}' in framework {framework.name}",
                    rule_hint(entry.rule, framework.rules),
                )
            )
            continue
        line, col = doc.source_map.locate(("waivers", i))
        key = (rule.id, entry.subject)
        if key in seen:
            problems.append(
                doc.problem(
                    ("waivers", i),
                    f"a second waiver for {rule.id} on {_subject(entry.subject)} "
                    f"(the first is at line {seen[key]})",
                    "keep one waiver per rule and subject",
                )
            )
            continue
        seen[key] = line
        out.append(
            Waiver(
                rule=rule.id,
                subject=entry.subject,
                justification=entry.justification,
                owner=entry.owner,
                expires=entry.expires,
                reason=entry.reason.value if entry.reason else None,
                location=Location(doc.filename, line, col),
                severity=entry.severity,
                accepted=entry.accepted,
            )
        )
    if problems:
        raise InputError(problems)
    return tuple(out)


def _subject(subject: str | None) -> str:
    return f"'{subject}'" if subject is not None else "the authority"


def _change(waiver: Waiver, finding: Finding) -> str:
    """How a finding differs from what its pinned waiver accepted."""
    what = f"waiver for {waiver.rule} on {_subject(waiver.subject)}"
    if finding.found != waiver.accepted:
        return f"{what} accepted '{waiver.accepted or ''}', now '{finding.found or ''}'"
    assert waiver.severity is not None
    return f"{what} accepted {_article(waiver.severity)}, now {_article(finding.severity)}"


def _article(severity: Severity) -> str:
    return f"an {severity.value}" if severity is Severity.error else f"a {severity.value}"


def _match(
    result: AuditResult, by_key: dict[tuple[str, str | None], Waiver], today: date
) -> tuple[list[Finding], list[WaivedFinding], set[tuple[str, str | None]], list[WaiverNote]]:
    """Findings kept and waived, the waivers that matched, and notes on pinned waivers
    whose finding has changed since."""
    kept: list[Finding] = []
    waived: list[WaivedFinding] = []
    used: set[tuple[str, str | None]] = set()
    changed: list[WaiverNote] = []
    for finding in result.findings:
        key = (finding.rule, finding.subject)
        waiver = by_key.get(key)
        if waiver is None:
            kept.append(finding)
            continue
        used.add(key)
        if waiver.expires < today:
            note = f"waiver expired {waiver.expires.isoformat()}"
            kept.append(replace(finding, message=f"{finding.message} ({note})"))
        elif not waiver.covers(finding):
            change = _change(waiver, finding)
            kept.append(replace(finding, message=f"{finding.message} ({change})"))
            changed.append(
                WaiverNote("changed", f"{change}: the finding is reported again", waiver)
            )
        else:
            waived.append(WaivedFinding(finding, waiver))
    return kept, waived, used, changed


def _note(
    waiver: Waiver, used: bool, today: date, file: str, subjects: Collection[str]
) -> WaiverNote | None:
    """What to know about one waiver: unused, expired, expiring, or not pinned."""
    what = f"waiver for {waiver.rule} on {_subject(waiver.subject)}"
    expires = waiver.expires.isoformat()
    if not used:
        message = f"{what} matched no finding in {file}"
        if waiver.subject is not None and subjects and waiver.subject not in subjects:
            hint = did_you_mean(waiver.subject, subjects)
            message += f"; no post, member or role '{waiver.subject}'" + (
                f" ({hint})" if hint else ""
            )
        if waiver.expires < today:
            message += f"; it expired on {expires}"
        return WaiverNote("unused", message, waiver)
    if waiver.expires < today:
        return WaiverNote(
            "expired",
            f"{what} expired on {expires}; its finding is reported again (owner: {waiver.owner})",
            waiver,
        )
    if (waiver.expires - today).days <= EXPIRING_DAYS:
        # No count of days: it would change the output every day the input does not.
        return WaiverNote(
            "expiring",
            f"{what} expires on {expires} (within {EXPIRING_DAYS} days); renew it or fix "
            f"the finding (owner: {waiver.owner})",
            waiver,
        )
    if not waiver.pinned:
        return WaiverNote(
            "unpinned",
            f"{what} is not pinned: run `leadaudit waive` to pin it to the finding it accepts",
            waiver,
        )
    return None


def apply_waivers(
    result: AuditResult,
    waivers: Sequence[Waiver],
    today: date,
    subjects: Collection[str] = (),
) -> AuditResult:
    """``result`` with waived findings moved apart and notes on the waivers themselves.

    A pinned waiver covers its finding only while the finding is as it was accepted
    (same severity, same ``found``); otherwise the finding is reported with what changed.
    ``subjects`` are the ids the org chart defines, used to explain a waiver that matched
    nothing because its subject is misspelt.
    """
    by_key = {(w.rule, w.subject): w for w in waivers}
    kept, waived, used, changed = _match(result, by_key, today)
    changed_by = {id(n.waiver): n for n in changed}
    notes: list[WaiverNote] = []
    for waiver in waivers:
        note = changed_by.get(id(waiver)) or _note(
            waiver, (waiver.rule, waiver.subject) in used, today, result.file, subjects
        )
        if note is not None:
            notes.append(note)
    waived_result = replace(
        result, findings=tuple(kept), waived=tuple(waived), waiver_notes=tuple(notes)
    )
    return assess(waived_result)
