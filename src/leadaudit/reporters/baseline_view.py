"""What the Markdown report shows of a baseline comparison: a sentence for the summary,
the counts, and the findings fixed since."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from leadaudit.baseline.model import against
from leadaudit.findings import AuditResult, Finding
from leadaudit.messages import plural


def report_baseline(
    r: AuditResult, item: Callable[[Finding], dict[str, Any]]
) -> dict[str, Any] | None:
    """The comparison with the baseline: its name, a sentence for the summary, the counts
    and the findings fixed since (``item`` makes each a finding's template data)."""
    counts = against([r])
    if r.baseline is None or counts is None:
        return None
    source = r.baseline.source
    sentence = (
        f"Against the baseline ({source}): {plural(counts.new, 'new finding')}, "
        f"{counts.persisting} persisting and {counts.fixed} fixed since."
        if r.baseline.recorded
        else f"The baseline ({source}) does not record this chart: every finding is new."
    )
    fixed = [item(f) for f in r.baseline.fixed]
    return {"source": source, "recorded": r.baseline.recorded, "sentence": sentence} | {
        "new": counts.new,
        "persisting": counts.persisting,
        "fixed": fixed,
    }
