"""The job summary the GitHub Action writes: a table of verdicts, then each chart's gap
report, its long sections folded, all kept under GitHub's limit for a step summary.

GitHub refuses a step summary over 1 MiB and shows none of it. Sections of a report longer
than FOLD_LINES lines go inside ``<details>`` (the reader opens them); when the whole is
still too large it stops at a line boundary, closes what it opened, and says so. Pure:
the text, never the file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from leadaudit.baseline.model import BaselineRun, against
from leadaudit.errors import Problem
from leadaudit.findings import AuditResult, FailOn, Severity
from leadaudit.messages import plural
from leadaudit.records import record
from leadaudit.reporters.escape import md_cell, md_text

LIMIT = 1024 * 1024
"""The most bytes GitHub accepts in one step's summary."""
FOLD_LINES = 40
"""A report section longer than this many lines is folded."""
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@record
class Part:
    """A piece of the summary: text shown as it is, or a folded section with its title."""

    text: str
    folded_title: str | None = None

    def render(self, text: str | None = None) -> str:
        """The part as Markdown, with ``text`` in place of its own when given (cut short)."""
        body = self.text if text is None else text
        if self.folded_title is None:
            return body
        return f"<details>\n<summary>{self.folded_title}</summary>\n\n{body}\n</details>\n\n"


def _sections(report: str) -> list[str]:
    """The report cut before each '## ' heading that is not inside a code block."""
    sections: list[list[str]] = [[]]
    fence: str | None = None
    for line in report.splitlines(keepends=True):
        marker = _FENCE.match(line)
        if marker and (fence is None or marker.group(1).startswith(fence)):
            fence = marker.group(1)[0] * len(marker.group(1)) if fence is None else None
        if fence is None and line.startswith("## ") and sections[-1]:
            sections.append([])
        sections[-1].append(line)
    return ["".join(lines) for lines in sections if lines]


def report_parts(report: str) -> list[Part]:
    """A gap report as parts: the opening shown, each long section folded under its title."""
    parts = []
    for section in _sections(report):
        lines = section.count("\n")
        if section.startswith("## ") and lines > FOLD_LINES:
            title = section.splitlines()[0][3:].strip()
            parts.append(Part(section, title))
        else:
            parts.append(Part(section))
    return parts


def _verdict_line(results: Sequence[AuditResult], fail_on: FailOn) -> str:
    """The outcome as the exit code gives it: with a baseline, only new findings fail."""
    if fail_on is FailOn.never:
        return "The check passes: `--fail-on never` fails on no finding."
    reaching = [(r, f) for r in results for f in r.findings if fail_on.triggered_by(f.severity)]
    failing = sum(1 for r, f in reaching if r.is_new(f))
    noun = "new finding" if any(r.baseline is not None for r in results) else "finding"
    threshold = f"`--fail-on {fail_on.value}`"
    if failing:
        return f"**The check fails**: {plural(failing, noun)} at or above {threshold}."
    known = f"; {len(reaching)} at or above it in the baseline" if reaching else ""
    return f"The check passes: no {noun} at or above {threshold}{known}."


def _baseline_lines(results: Sequence[AuditResult], run: BaselineRun | None) -> list[str]:
    """The counts against the run's baseline and its stale entries (none without one)."""
    counts = against(results)
    if counts is None:
        return []
    source = md_text(run.source) if run is not None else "the baseline"
    lines = ["", f"Against the baseline {source}: {counts}."]
    stale = run.stale if run is not None else ()
    if stale:
        lines += ["", "Stale baseline entries:", ""]
        lines += [f"- {md_text(entry.message)}" for entry in stale]
    return lines


def header(
    results: Sequence[AuditResult],
    fail_on: FailOn,
    left_out: int,
    baseline: BaselineRun | None = None,
) -> str:
    """The verdict table, the outcome, the baseline's counts and stale entries (with one)
    and, when GitHub cannot show every annotation, why."""
    lines = [
        "## leadaudit",
        "",
        "| file | verdict | score | errors | warnings | info | waived |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        counts = [str(r.count(s)) for s in (Severity.error, Severity.warning, Severity.info)]
        cells = [md_cell(r.file), md_cell(r.verdict_text), f"{r.score:.1f}/10"]
        lines.append("| " + " | ".join([*cells, *counts, str(len(r.waived))]) + " |")
    lines += ["", _verdict_line(results, fail_on), *_baseline_lines(results, baseline)]
    if left_out:
        lines += [
            "",
            f"GitHub shows 10 annotations of each kind per step: {plural(left_out, 'finding')} "
            "are not annotated. Every finding is in the reports below.",
        ]
    return "\n".join(lines) + "\n\n"


def problems_text(problems: Sequence[Problem], omitted: int) -> str:
    """The summary of a run whose inputs did not all load: nothing was audited."""
    shown = problems[:50]
    rest = len(problems) - len(shown) + omitted
    lines = [
        "## leadaudit",
        "",
        f"**Nothing was audited**: {plural(len(problems) + omitted, 'problem')} in the "
        "input files. Fix them and run again.",
        "",
    ]
    lines += [f"- {md_text(p.render())}" for p in shown]
    if rest:
        lines.append(f"- ... and {plural(rest, 'more problem')}")
    return "\n".join(lines) + "\n"


def _cut(text: str, room: int) -> str:
    """As many whole lines of ``text`` as fit in ``room`` bytes with a code block they
    leave open closed again."""
    kept: list[str] = []
    used = 0
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        size = len(line.encode("utf-8"))
        closing = f"{fence}\n" if fence else ""
        if used + size + len(closing) + 8 > room:
            break
        kept.append(line)
        used += size
        marker = _FENCE.match(line)
        if marker and (fence is None or marker.group(1).startswith(fence)):
            fence = marker.group(1)[0] * len(marker.group(1)) if fence is None else None
    if fence:
        kept.append(f"{fence}\n")
    return "".join(kept)


def _stop_line(files_left: int) -> str:
    where = f" and {plural(files_left, 'more report')}" if files_left else ""
    return (
        f"\n\n**The summary stops here**: the rest of this report{where} would take it past "
        "GitHub's 1 MiB limit for a step summary. 'leadaudit report FILE' writes a report "
        "whole.\n"
    )


def assemble(head: str, reports: Sequence[Sequence[Part]], budget: int) -> str:
    """``head``, then each report (as parts) after a rule, all in at most ``budget`` bytes
    of UTF-8: cut at a line, with a line saying so, when too large."""
    out = [head]
    used = len(head.encode("utf-8"))
    reserve = len(_stop_line(len(reports)).encode("utf-8"))
    for index, parts in enumerate(reports):
        pieces = [Part("---\n\n"), *parts]
        for part in pieces:
            text = part.render()
            size = len(text.encode("utf-8"))
            if used + size + reserve <= budget:
                out.append(text)
                used += size
                continue
            wrapper = len(part.render("").encode("utf-8"))
            cut = _cut(part.text, budget - used - reserve - wrapper)
            if cut:
                out.append(part.render(cut))
            out.append(_stop_line(len(reports) - index - 1))
            return "".join(out)
        out.append("\n")
        used += 1
    return "".join(out)
