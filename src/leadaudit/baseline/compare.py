"""Sort a file's findings into new and persisting against the baseline's, by fingerprint."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from leadaudit.baseline.model import BaselineComparison
from leadaudit.findings import AuditResult, Finding
from leadaudit.matching import change_note, match_findings


def compare(
    findings: Sequence[Finding], before: Iterable[Finding], source: str, waived: Iterable[str] = ()
) -> BaselineComparison:
    """Compare ``findings`` with the baseline's findings ``before`` for the same file, as
    ``leadaudit.matching`` classes them: a finding that got more severe, or that replaces
    a baseline finding of the same rule and subject, is new and says what it was.
    ``waived`` are the fingerprints of findings waived now: their baseline findings are
    not fixed.
    """
    matched = match_findings(findings, before)
    gone = set(waived)
    fixed = sorted(
        (old for old in matched.fixed if old.fingerprint not in gone), key=Finding.sort_key
    )
    changes = tuple((f, change_note(f, old, "in the baseline")) for f, old in matched.replaced)
    return BaselineComparison(source, matched.persisting, tuple(fixed), changes)


def with_baseline(
    result: AuditResult, before: Iterable[Finding], source: str, *, recorded: bool = True
) -> AuditResult:
    """``result`` with its comparison against the baseline's findings for its file
    (``recorded`` False: the baseline does not record the file, so every finding is new)."""
    waived = (w.finding.fingerprint for w in result.waived)
    comparison = compare(result.findings, before, source, waived)
    return replace(result, baseline=replace(comparison, recorded=recorded))
