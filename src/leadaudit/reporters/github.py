"""GitHub Actions workflow commands: an annotation per finding, on the file and line, most
severe first and within GitHub's cap of 10 of each kind per step."""

from __future__ import annotations

from collections.abc import Sequence

from leadaudit.findings import AuditResult, Finding, Severity
from leadaudit.reporters import RenderOptions
from leadaudit.reporters.escape import gh_data, gh_property
from leadaudit.sanitize import one_line

COMMAND = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


def annotation(f: Finding) -> str:
    """``::error file=...,line=...,col=...,title=...::message``, every part escaped."""
    props = ",".join(
        [
            f"file={gh_property(f.location.file)}",
            f"line={f.location.line}",
            f"col={f.location.col}",
            f"title={gh_property(f'{f.rule} {f.slug}')}",
        ]
    )
    message = gh_data(f"{f.message}\n\n{f.remediation}")
    return f"::{COMMAND[f.severity]} {props}::{message}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 or noun == 'info' else 's'}"


def render(results: Sequence[AuditResult], _options: RenderOptions) -> str:
    """One annotation per finding, the verdict of each file, then a summary line of the
    counts across files."""
    from leadaudit.ci.annotations import left_out_notice, select

    # GitHub shows 10 annotations of each kind per step: the most severe go first, and
    # one notice counts the rest, which the verdict and summary lines below still count
    chosen = select(f for r in results for f in r.findings)
    lines = [annotation(f) for f in chosen.shown]
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
    return "\n".join(lines) + "\n"
