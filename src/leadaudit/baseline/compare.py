"""Sort a file's findings into new and persisting against the baseline's, by fingerprint."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from leadaudit.baseline.model import BaselineComparison
from leadaudit.findings import AuditResult, Finding, Severity


def _article(severity: Severity) -> str:
    return f"an {severity.value}" if severity is Severity.error else f"a {severity.value}"


def _subject_key(f: Finding) -> tuple[str, str, str | None]:
    return (f.rule, f.subject_kind, f.subject)


def _changed(now: Finding, before: Finding) -> str:
    """How ``now`` differs from the baseline finding of the same rule and subject."""
    if now.found != before.found:
        return f"was '{before.found or ''}' in the baseline"
    return f"was {_article(before.severity)} in the baseline"


def compare(
    findings: Sequence[Finding], before: Iterable[Finding], source: str, waived: Iterable[str] = ()
) -> BaselineComparison:
    """Compare ``findings`` with the baseline's findings ``before`` for the same file.

    A finding persists when an unmatched baseline finding has its fingerprint and a
    severity at least as high (a finding that became more severe is new, as for a pinned
    waiver). Findings with one fingerprint are matched in order, so two where the baseline
    had one leave one new. A new finding with the rule and subject of a baseline finding
    left over is that finding changed, not a new gap beside a fixed one. ``waived`` are the
    fingerprints of findings waived now: their baseline findings are not fixed.
    """
    unmatched: dict[str, list[Finding]] = {}
    for old in before:
        unmatched.setdefault(old.fingerprint, []).append(old)
    persisting: list[Finding] = []
    new: list[Finding] = []
    changes: list[tuple[Finding, str]] = []
    for f in findings:
        olds = unmatched.get(f.fingerprint)
        if not olds:
            new.append(f)
            continue
        old = olds.pop(0)
        if f.severity.rank > old.severity.rank:
            changes.append((f, _changed(f, old)))
        else:
            persisting.append(f)
    left = {id(old): old for olds in unmatched.values() for old in olds}
    by_subject: dict[tuple[str, str, str | None], Finding] = {}
    for old in left.values():
        by_subject.setdefault(_subject_key(old), old)
    for f in new:
        old_finding = by_subject.pop(_subject_key(f), None)
        if old_finding is not None:
            changes.append((f, _changed(f, old_finding)))
            del left[id(old_finding)]
    gone = set(waived)
    fixed = sorted(
        (old for old in left.values() if old.fingerprint not in gone), key=Finding.sort_key
    )
    return BaselineComparison(source, tuple(persisting), tuple(fixed), tuple(changes))


def with_baseline(
    result: AuditResult, before: Iterable[Finding], source: str, *, recorded: bool = True
) -> AuditResult:
    """``result`` with its comparison against the baseline's findings for its file
    (``recorded`` False: the baseline does not record the file, so every finding is new)."""
    waived = (w.finding.fingerprint for w in result.waived)
    comparison = compare(result.findings, before, source, waived)
    return replace(result, baseline=replace(comparison, recorded=recorded))
