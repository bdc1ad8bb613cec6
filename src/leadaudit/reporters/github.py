"""GitHub Actions workflow commands: an annotation per finding, on the file and line, most
severe first and within GitHub's cap of 10 of each kind per step."""

from __future__ import annotations

from collections.abc import Sequence

from leadaudit.baseline.model import against
from leadaudit.findings import AuditResult, Finding, Severity
from leadaudit.reporters import RenderOptions
from leadaudit.reporters.escape import gh_data, gh_property
from leadaudit.sanitize import one_line

COMMAND = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


def annotation(f: Finding, tag: str = "") -> str:
    """``::error file=...,line=...,col=...,title=...::message``, every part escaped; a
    ``tag`` (e.g. 'new') goes in brackets after the title."""
    title = f"{f.rule} {f.slug}" + (f" ({tag})" if tag else "")
    props = ",".join(
        [
            f"file={gh_property(f.location.file)}",
            f"line={f.location.line}",
            f"col={f.location.col}",
            f"title={gh_property(title)}",
        ]
    )
    message = gh_data(f"{f.message}\n\n{f.remediation}")
    return f"::{COMMAND[f.severity]} {props}::{message}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 or noun == 'info' else 's'}"


def _tags(results: Sequence[AuditResult]) -> dict[Finding, str]:
    """'new' or 'in the baseline' for each finding, when the run has a baseline."""
    return {
        f: ("new" if r.is_new(f) else "in the baseline")
        for r in results
        if r.baseline is not None
        for f in r.findings
    }


def _baseline_lines(results: Sequence[AuditResult], options: RenderOptions) -> list[str]:
    """The counts against the baseline, and its entries for files not checked."""
    counts = against(results)
    if counts is None:
        return []
    run = options.baseline
    source = run.source if run is not None else "the baseline"
    lines = [f"leadaudit: against {one_line(source)}: {counts}"]
    stale = run.stale if run is not None else ()
    return lines + [f"leadaudit: stale baseline entry: {one_line(s.message)}" for s in stale]


def render(results: Sequence[AuditResult], options: RenderOptions) -> str:
    """One annotation per finding (new ones first, with a baseline), the verdict of each
    file, then a summary line of the counts across files."""
    from leadaudit.ci.annotations import left_out_notice, select

    # GitHub shows 10 annotations of each kind per step: the most severe go first, and
    # one notice counts the rest, which the verdict and summary lines below still count
    tags = _tags(results)
    found = [f for r in results for f in r.findings]
    chosen = select(sorted(found, key=lambda f: tags.get(f) == "in the baseline"))
    lines = [annotation(f, tags.get(f, "")) for f in chosen.shown]
    notice = left_out_notice(chosen, "the job log's verdict lines and --format text")
    if notice is not None:
        lines.append(notice)
    lines += [f"leadaudit: {one_line(r.file)}: {one_line(r.verdict_text)}" for r in results]
    totals = {s: sum(r.count(s) for r in results) for s in Severity}
    waived = sum(len(r.waived) for r in results)
    summary = (
        f"leadaudit: {_count(len(results), 'file')}: {_count(totals[Severity.error], 'error')}, "
        f"{_count(totals[Severity.warning], 'warning')}, {_count(totals[Severity.info], 'info')}"
    )
    if waived:
        summary += f"; {waived} waived"
    lines.append(summary)
    lines += _baseline_lines(results, options)
    return "\n".join(lines) + "\n"
