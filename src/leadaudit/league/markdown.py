"""The comparison report in Markdown: method, the league table by type, the share of each
type meeting each bullet, the bullets most often not met, and the heat map (an SVG file
beside the report) linked. Every value from an input is escaped for Markdown."""

from __future__ import annotations

from urllib.parse import quote

from leadaudit.league.rows import type_label
from leadaudit.league.table import Group, League
from leadaudit.league.words import (
    KEY,
    STATUS_WORDS,
    VERDICT_SHORT,
    anonymity_line,
    bullet_name,
    counts_text,
    group_heading,
    highlight_lines,
    inputs_line,
    mark,
    score_text,
    subject,
)
from leadaudit.messages import plural
from leadaudit.reporters.escape import md_cell, md_text
from leadaudit.sanitize import one_line


def _method(league: League) -> list[str]:
    framework = md_text(f"{league.framework_title} ({league.framework} {league.framework_version})")
    lines = [
        "## Method",
        "",
        f"Each authority's org chart was audited against {framework}, or read back from a "
        "saved result of such an audit. Each bullet of Recommendation 20 is met, partly met, "
        "not met, or not assessable from what the chart records; the verdict and the score "
        "out of 10 are the audit's own. Authorities are compared only with others of their "
        "type, ranked by score (equal scores share a place), and each type is given the "
        f"share of its authorities meeting each bullet. {md_text(inputs_line(league))}.",
    ]
    note = anonymity_line(league)
    if note is not None:
        lines += ["", md_text(note)]
    return lines


def _table(league: League, group: Group) -> list[str]:
    heads = ["Authority", "Verdict", *(b.short for b in league.bullets), "Score", "E/W/I"]
    lines = [
        "| " + " | ".join(heads) + " |",
        "| --- | --- | " + " | ".join(":-:" for _ in league.bullets) + " | --: | --: |",
    ]
    for entry in group.entries:
        name = md_cell(entry.label)
        if entry.highlighted:
            name = f"**{name}**"
        marks = [mark(entry.row.status(b.area)) for b in league.bullets]
        cells = [
            name,
            VERDICT_SHORT[entry.row.verdict],
            *marks,
            score_text(entry),
            counts_text(entry),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    shares = [f"{s.percent}%" for s in group.shares]
    lines.append("| *Meeting each bullet* | | " + " | ".join(shares) + " | | |")
    return lines


def _peers(league: League) -> list[str]:
    heads = ["Type", "Authorities", *(b.short for b in league.bullets)]
    lines = [
        "## Peers: share meeting each bullet",
        "",
        "| " + " | ".join(heads) + " |",
        "| --- | --: | " + " | ".join("--:" for _ in league.bullets) + " |",
    ]
    for group in league.groups:
        cells = [md_cell(type_label(group.authority_type)), str(len(group.entries))]
        lines.append("| " + " | ".join([*cells, *(f"{s.percent}%" for s in group.shares)]) + " |")
    total = ["**All types**", str(len(league.entries)), *(f"{s.percent}%" for s in league.shares)]
    lines.append("| " + " | ".join(total) + " |")
    return lines


def _missed(league: League) -> list[str]:
    lines = ["## Bullets most often not met", ""]
    missed = league.most_often_missed()
    if not missed:
        return [*lines, "Every authority meets every bullet."]
    for n, share in enumerate(missed, start=1):
        parts = [f"not met by {share.not_met}", f"partly met by {share.partly_met}"]
        if share.not_assessable:
            parts.append(f"not assessable for {share.not_assessable}")
        lines.append(
            f"{n}. **{md_text(bullet_name(share))}**: {', '.join(parts)} of "
            f"{plural(share.total, 'authority', 'authorities')}; met by {share.percent}%."
        )
    return lines


def _heatmap(league: League, heatmap: str | None) -> list[str]:
    lines = ["## Heat map", ""]
    if heatmap is None:
        return [
            *lines,
            "Write the report to a file (`--format markdown -o report.md`) to get "
            "the heat map of authorities by bullet beside it.",
        ]
    n = len(league.entries)
    alt = f"Heat map of {plural(n, 'authority', 'authorities')} by bullet, grouped by type"
    words = ", ".join(f"{mark(s)} {w}" for s, w in STATUS_WORDS.items())
    return [
        *lines,
        f"![{md_text(alt)}]({quote(heatmap)})",
        "",
        f"Each row is an authority, each column a bullet ({md_text(words)}).",
    ]


def _failures(league: League) -> list[str]:
    if not league.failures:
        return []
    lines = ["## Files not summarised", ""]
    for failure in league.failures:
        first = failure.problems[0].render() if failure.problems else one_line(failure.file)
        more = len(failure.problems) - 1 + failure.omitted
        extra = f" (and {plural(more, 'more problem')})" if more else ""
        lines.append(f"- {md_text(first)}{extra}")
    return lines


def render_markdown(league: League, heatmap: str | None) -> str:
    """The comparison report; ``heatmap`` is the SVG's file name beside it, or None when
    the report goes to stdout and no heat map is written."""
    lines = [f"# {md_text(subject(league))}", ""]
    for sentence in highlight_lines(league):
        lines += [f"**{md_text(sentence)}.**", ""]
    lines += [*_method(league), "", "## League table by authority type", ""]
    for group in league.groups:
        lines += [f"### {md_text(group_heading(group.authority_type, len(group.entries)))}", ""]
        lines += [*_table(league, group), ""]
    lines += [md_text(f"Key: {KEY}."), ""]
    lines += [*_peers(league), "", *_missed(league), "", *_heatmap(league, heatmap), ""]
    failures = _failures(league)
    if failures:
        lines += [*failures, ""]
    return "\n".join(lines)
