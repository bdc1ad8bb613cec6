"""Terminal output: a rich table per file on a TTY, plain grep-friendly lines otherwise."""

from __future__ import annotations

import io
from collections.abc import Sequence

from leadaudit.findings import (
    AreaScore,
    AreaStatus,
    AuditResult,
    Severity,
    Verdict,
    Waiver,
    bullet_label,
)
from leadaudit.reporters import RenderOptions
from leadaudit.sanitize import one_line

_STYLE = {Severity.error: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}
_VERDICT_STYLE = {
    Verdict.meets: "bold green",
    Verdict.partly_meets: "bold yellow",
    Verdict.does_not_meet: "bold red",
}
_STATUS_STYLE = {
    AreaStatus.met: "green",
    AreaStatus.partly_met: "yellow",
    AreaStatus.not_met: "bold red",
    AreaStatus.not_assessable: "cyan",
}


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}/10"


def _area(a: AreaScore) -> str:
    """'Organisational leadership (bullet 2): 5.0/10, not met'."""
    status = a.status.value.replace("_", " ")
    return one_line(f"{a.title} ({bullet_label(a.bullet)}): {_score(a.score)}, {status}")


def _counts(result_counts: dict[str, int]) -> str:
    parts = []
    for sev in Severity:
        n = result_counts[sev.value]
        noun = "info" if sev is Severity.info else (sev.value + ("s" if n != 1 else ""))
        parts.append(f"{n} {noun}")
    return ", ".join(parts)


def _header(r: AuditResult) -> str:
    kind = r.authority_type.replace("_", " ")
    framework = one_line(f"{r.framework} {r.framework_version}")
    return f"{one_line(r.file)}: {one_line(r.authority)} ({kind}), framework {framework}"


def _waiver_label(w: Waiver) -> str:
    reason = f"{w.reason.replace('_', ' ')}: " if w.reason else ""
    return f"waived until {w.expires.isoformat()} by {w.owner}: {reason}{w.justification}"


def _overall(r: AuditResult) -> str:
    """The summary line: the verdict in words, then the score and the counts."""
    waived = f"; {len(r.waived)} waived" if r.waived else ""
    counts = f"{_counts(r.counts)}{waived}; {len(r.strengths)} in place"
    return f"{one_line(r.verdict_text)}. Overall {_score(r.score)}: {counts}"


def _waiver_lines(r: AuditResult) -> list[str]:
    """The waived findings and the notes about waivers, for both layouts."""
    out: list[str] = []
    if r.waived:
        out.append(f"  Waived ({len(r.waived)}):")
        for item in r.waived:
            f = item.finding
            loc = f"{f.location.file}:{f.location.line}:{f.location.col}"
            out.append(f"    {loc}: {f.rule} {f.severity.value}: {one_line(f.message)}")
            out.append(f"      {one_line(_waiver_label(item.waiver))}")
    if r.waiver_notes:
        out.append("  Waivers:")
        for note in r.waiver_notes:
            at = note.waiver.location
            out.append(f"    {at.file}:{at.line}:{at.col}: {note.kind}: {one_line(note.message)}")
    return out


def render_plain(results: Sequence[AuditResult]) -> str:
    """Plain lines per file: findings by area, waivers, scores and the overall line."""
    out: list[str] = []
    for r in results:
        out.append(_header(r))
        areas = {a.area: a for a in r.areas}
        current = None
        for f in r.findings:
            if f.area != current:
                current = f.area
                out.append(f"  {_area(areas[f.area])}")
            loc = f"{one_line(f.location.file)}:{f.location.line}:{f.location.col}"
            out.append(f"    {loc}: {f.rule} {f.severity.value}: {one_line(f.message)}")
        if not r.findings:
            out.append("  No findings.")
        out.extend(_waiver_lines(r))
        out.append(
            "  Scores: "
            + "; ".join(
                one_line(f"{a.title} {_score(a.score)} ({a.status.value.replace('_', ' ')})")
                for a in r.areas
            )
        )
        out.append(f"  {_overall(r)}")
        out.append("")
    if len(results) > 1:
        totals = {s.value: sum(r.count(s) for r in results) for s in Severity}
        out.append(f"{len(results)} files: {_counts(totals)}")
    return "\n".join(out).rstrip("\n") + "\n"


def render_rich(results: Sequence[AuditResult], options: RenderOptions) -> str:
    """A rich table of findings per file, then waivers, area scores and the overall line."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    for r in results:
        console.print(Text(_header(r), style="bold"))
        console.print(Text(one_line(r.verdict_text), style=_VERDICT_STYLE[r.verdict]))
        table = Table(show_lines=False, expand=True, pad_edge=False)
        table.add_column("Rule", no_wrap=True)
        table.add_column("Severity", no_wrap=True)
        table.add_column("Line", no_wrap=True, justify="right")
        table.add_column("Finding", ratio=1)
        areas = {a.area: a for a in r.areas}
        current = None
        for f in r.findings:
            if f.area != current:
                if current is not None:
                    table.add_section()
                current = f.area
                table.add_row("", "", "", Text(_area(areas[f.area]), style="bold"))
            table.add_row(
                Text(f.rule),
                Text(f.severity.value, style=_STYLE[f.severity]),
                Text(f"{f.location.line}:{f.location.col}"),
                Text(one_line(f.message)),
            )
        if r.findings:
            console.print(table)
        else:
            console.print(Text("No findings.", style="green"))
        for line in _waiver_lines(r):
            console.print(Text(line))
        scores = Table(title=None, show_header=True, pad_edge=False)
        scores.add_column("Area")
        scores.add_column("Bullet")
        scores.add_column("Score", justify="right")
        scores.add_column("Status")
        scores.add_column("Rules")
        for a in r.areas:
            scores.add_row(
                Text(one_line(a.title)),
                Text(one_line(a.bullet)),
                Text(_score(a.score)),
                Text(a.status.value.replace("_", " "), style=_STATUS_STYLE[a.status]),
                Text(one_line(a.reason)),
            )
        console.print(scores)
        console.print(Text(_overall(r), style="bold"))
        console.print()
    if len(results) > 1:
        totals = {s.value: sum(r.count(s) for r in results) for s in Severity}
        console.print(Text(f"{len(results)} files: {_counts(totals)}", style="bold"))
    return buffer.getvalue()


def render(results: Sequence[AuditResult], options: RenderOptions) -> str:
    """The rich layout when ``options.rich`` is set, else the plain one."""
    return render_rich(results, options) if options.rich else render_plain(results)
