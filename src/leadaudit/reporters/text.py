"""Terminal output: a rich table per file on a TTY, plain grep-friendly lines otherwise."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from leadaudit.findings import (
    AreaScore,
    AreaStatus,
    AuditResult,
    Finding,
    Severity,
    Verdict,
    Waiver,
    bullet_label,
)
from leadaudit.reporters import RenderOptions
from leadaudit.sanitize import one_line

if TYPE_CHECKING:
    from rich.console import RenderableType

    from leadaudit.terminal import Row

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


def _tag(r: AuditResult, f: Finding) -> str:
    """'[new]', '[persisting]' or '[new: was a warning in the baseline]', with a baseline."""
    if r.baseline is None:
        return ""
    change = r.baseline.change(f)
    state = r.baseline.state(f)
    return f"[{state}: {one_line(change)}]" if change else f"[{state}]"


def _location(f: Finding) -> str:
    return f"{one_line(f.location.file)}:{f.location.line}:{f.location.col}"


def _baseline_lines(r: AuditResult) -> list[str]:
    """The findings fixed since the baseline, then the file's counts against it."""
    b = r.baseline
    if b is None:
        return []
    out: list[str] = []
    if b.fixed:
        out.append(f"  Fixed since the baseline ({len(b.fixed)}):")
        out += [
            f"    {_location(f)}: {f.rule} {f.severity.value}: {one_line(f.message)}"
            for f in b.fixed
        ]
    from leadaudit.baseline.model import against

    counts = against([r])
    if b.recorded:
        out.append(f"  Baseline {one_line(b.source)}: {counts}")
    else:
        out.append(f"  Baseline {one_line(b.source)} does not record this file: {counts}")
    return out


def _stale_lines(options: RenderOptions | None) -> list[str]:
    """The baseline's entries for files this run did not check."""
    run = options.baseline if options is not None else None
    if run is None:
        return []
    return [
        f"{one_line(s.location.file)}:{s.location.line}:{s.location.col}: "
        f"stale baseline entry: {one_line(s.message)}"
        for s in run.stale
    ]


def _totals(results: Sequence[AuditResult]) -> str:
    """'2 files: 3 errors, 1 warning, 0 info' and, with a baseline, its counts."""
    totals = {s.value: sum(r.count(s) for r in results) for s in Severity}
    line = f"{len(results)} files: {_counts(totals)}"
    if all(r.baseline is None for r in results):
        return line
    from leadaudit.baseline.model import against  # only with a baseline

    counts = against(results)
    return f"{line}; {counts}" if counts else line


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


def render_plain(results: Sequence[AuditResult], options: RenderOptions | None = None) -> str:
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
            tag = _tag(r, f)
            severity = f"{f.severity.value} {tag}" if tag else f.severity.value
            out.append(f"    {_location(f)}: {f.rule} {severity}: {one_line(f.message)}")
        if not r.findings:
            out.append("  No findings.")
        out.extend(_waiver_lines(r))
        out.extend(_baseline_lines(r))
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
        out.append(_totals(results))
    out.extend(_stale_lines(options))
    return "\n".join(out).rstrip("\n") + "\n"


def _findings_table(r: AuditResult, width: int) -> RenderableType:
    """The findings of one result, grouped by area: a column each for the rule, severity,
    line and message when they fit, else the rule and the rest in one column, else lines.
    A rule id is never cut or wrapped."""
    from rich.text import Text

    from leadaudit.terminal import Column, table, wrap

    areas = {a.area: a for a in r.areas}
    wide: list[Row] = []
    narrow: list[Row] = []
    current = None
    for f in r.findings:
        if f.area != current:
            if current is not None:
                wide.append(None)
                narrow.append(None)
            current = f.area
            heading = Text(_area(areas[f.area]), style="bold")
            wide.append([Text(""), Text(""), Text(""), heading])
            narrow.append([Text(""), heading])
        line = f"{f.location.line}:{f.location.col}"
        severity = Text(f.severity.value, style=_STYLE[f.severity])
        tag = _tag(r, f)
        message = f"{tag} {one_line(f.message)}" if tag else one_line(f.message)
        wide.append([Text(f.rule), severity, Text(line), Text(message)])
        narrow.append([Text(f.rule), Text.assemble(severity, f" at {line}: {message}")])
    layouts: list[tuple[tuple[Column, ...], list[Row]]] = [
        (
            (
                Column("Rule", whole=True),
                Column("Severity", whole=True),
                Column("Line", whole=True, justify="right"),
                Column("Finding", least=30),
            ),
            wide,
        ),
        ((Column("Rule", whole=True), Column("Finding")), narrow),
    ]
    for columns, rows in layouts:
        grid = table(columns, rows, width)
        if grid is not None:
            return grid
    lines = []
    for row in narrow:
        if row is not None:
            head = f"{row[0].plain} " if row[0].plain else ""
            lines += wrap(head + row[1].plain, width, "", "    ")
    return Text("\n".join(lines))


def _scores_table(r: AuditResult, width: int) -> RenderableType:
    """The area scores: a column each for the area, bullet, score, status and rules met
    when they fit, else without the bullet, else a line each."""
    from rich.text import Text

    from leadaudit.terminal import Column, table, wrap

    rows: list[Row] = [
        [
            Text(one_line(a.title)),
            Text(one_line(a.bullet)),
            Text(_score(a.score)),
            Text(a.status.value.replace("_", " "), style=_STATUS_STYLE[a.status]),
            Text(one_line(a.reason)),
        ]
        for a in r.areas
    ]
    columns = (
        Column("Area"),
        Column("Bullet", whole=True),
        Column("Score", whole=True, justify="right"),
        Column("Status", whole=True),
        Column("Rules", least=16),
    )
    grid = table(columns, rows, width)
    if grid is None:
        rows = [None if row is None else [row[0], *row[2:]] for row in rows]
        grid = table((columns[0], *columns[2:]), rows, width)
    if grid is not None:
        return grid
    lines = [line for a in r.areas for line in wrap(f"{_area(a)}; {a.reason}", width, "", "    ")]
    return Text("\n".join(lines))


def render_rich(results: Sequence[AuditResult], options: RenderOptions) -> str:
    """A rich table of findings per file, then waivers, area scores and the overall line."""
    from rich.text import Text

    from leadaudit.terminal import console

    out, buffer = console(options.width, options.color)
    for r in results:
        out.print(Text(_header(r), style="bold"))
        out.print(Text(one_line(r.verdict_text), style=_VERDICT_STYLE[r.verdict]))
        if r.findings:
            out.print(_findings_table(r, options.width))
        else:
            out.print(Text("No findings.", style="green"))
        for line in (*_waiver_lines(r), *_baseline_lines(r)):
            out.print(Text(line))
        out.print(_scores_table(r, options.width))
        out.print(Text(_overall(r), style="bold"))
        out.print()
    if len(results) > 1:
        out.print(Text(_totals(results), style="bold"))
    for line in _stale_lines(options):
        out.print(Text(line))
    return buffer.getvalue()


def render(results: Sequence[AuditResult], options: RenderOptions) -> str:
    """The rich layout when ``options.rich`` is set, else the plain one."""
    return render_rich(results, options) if options.rich else render_plain(results, options)
