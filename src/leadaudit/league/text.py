"""The summary for a terminal or a log: a group per authority type, one line per authority
when the names fit the width, else the name on a line of its own and its values under it.

Marks and verdicts are coloured on a terminal that takes colour; the plain layout is the
same text without colour, laid out for 100 columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from leadaudit.findings import AreaStatus, Verdict
from leadaudit.league.rows import Bullet
from leadaudit.league.table import Entry, League, Share
from leadaudit.league.words import (
    KEY,
    VERDICT_SHORT,
    anonymity_line,
    bullet_name,
    counts_text,
    group_heading,
    highlight_lines,
    inputs_line,
    mark,
    score_text,
)
from leadaudit.messages import plural
from leadaudit.records import record
from leadaudit.sanitize import one_line

_STATUS_STYLE = {
    AreaStatus.met: "green",
    AreaStatus.partly_met: "yellow",
    AreaStatus.not_met: "bold red",
    AreaStatus.not_assessable: "cyan",
}
_VERDICT_STYLE = {
    Verdict.meets: "green",
    Verdict.partly_meets: "yellow",
    Verdict.does_not_meet: "bold red",
}
_CELL = 3
"""The width of a bullet's column: a mark, or a percentage up to 100."""
_VERDICT = max(len(v) for v in VERDICT_SHORT.values())
_INDENT = "  "
_SHARE_LABEL = "% meeting each bullet"
_LEAST_NAME = len(_SHARE_LABEL)

Segment = tuple[str, str | None]
"""A piece of a line and its rich style (None: plain)."""


@record
class _Layout:
    name: int
    """Width of the name column; 0 when names take a line of their own."""
    score: int
    counts: int


def _width(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _values(entry: Entry, layout: _Layout, bullets: Sequence[Bullet]) -> list[Segment]:
    """The bullets, score, verdict and counts of one authority, column-aligned."""
    out: list[Segment] = []
    for status in (entry.row.status(b.area) for b in bullets):
        style = _STATUS_STYLE[status] if status is not None else None
        out.append((" " + mark(status) + " ", style))
        out.append((" ", None))
    verdict = entry.row.verdict
    out.append((score_text(entry).rjust(layout.score) + "  ", None))
    out.append((VERDICT_SHORT[verdict].ljust(_VERDICT) + "  ", _VERDICT_STYLE[verdict]))
    out.append((counts_text(entry).rjust(layout.counts), None))
    return out


def _header(
    bullets: Sequence[str], layout: _Layout, lead: str, shares_only: bool = False
) -> list[Segment]:
    cells = "".join(b.center(_CELL) + " " for b in bullets)
    if shares_only:
        return [((lead + cells).rstrip(), "bold")]
    tail = "Score".rjust(layout.score) + "  " + "Verdict".ljust(_VERDICT) + "  "
    return [(lead + cells + tail + "E/W/I".rjust(layout.counts), "bold")]


def _shares(shares: Sequence[Share], lead: str) -> list[Segment]:
    cells = "".join(str(s.percent).rjust(_CELL) + " " for s in shares)
    return [(lead + cells.rstrip(), "dim")]


def _group_lines(league: League, layout: _Layout) -> list[list[Segment]]:
    lines: list[list[Segment]] = []
    shorts = [b.short for b in league.bullets]
    for group in league.groups:
        lines.append([(group_heading(group.authority_type, len(group.entries)), "bold")])
        if layout.name:
            lead = _INDENT + " " * (layout.name + 1)
            lines.append(_header(shorts, layout, _INDENT + _pad("Authority", layout.name + 1)))
        else:
            lead = _INDENT * 2
            lines.append(_header(shorts, layout, lead))
        for entry in group.entries:
            name = one_line(entry.label)
            style = "bold" if entry.highlighted else None
            values = _values(entry, layout, league.bullets)
            if layout.name and _width(name) <= layout.name:
                lines.append([(_INDENT + _pad(name, layout.name + 1), style), *values])
            else:
                lines.append([(_INDENT + name, style)])
                lines.append([(lead, None), *values])
        label = _pad(_SHARE_LABEL, layout.name + 1) if layout.name else ""
        if layout.name:
            lines.append(_shares(group.shares, _INDENT + label))
        else:
            lines.append([(_INDENT + _SHARE_LABEL, "dim")])
            lines.append(_shares(group.shares, lead))
        lines.append([])
    return lines


def _layout(league: League, width: int) -> _Layout:
    entries = league.entries
    score = max([5, *(len(score_text(e)) for e in entries)])
    counts = max([5, *(len(counts_text(e)) for e in entries)])
    fixed = len(league.bullets) * (_CELL + 1) + score + 2 + _VERDICT + 2 + counts
    longest = max([len(_SHARE_LABEL), *(_width(one_line(e.label)) for e in entries)])
    room = width - len(_INDENT) - 1 - fixed
    # Names longer than the room left take a line of their own; below this many columns
    # of room every name does, so the values line up under a short indent instead.
    return _Layout(min(longest, room) if room >= _LEAST_NAME else 0, score, counts)


def _overall(league: League, layout: _Layout) -> list[list[Segment]]:
    """The share of every authority meeting each bullet, under the groups' columns."""
    shorts = [b.short for b in league.bullets]
    n = len(league.entries)
    lines: list[list[Segment]] = [[(f"All types: {plural(n, 'authority', 'authorities')}", "bold")]]
    if layout.name:
        lines.append(_header(shorts, layout, _INDENT + " " * (layout.name + 1), shares_only=True))
        lines.append(_shares(league.shares, _INDENT + _pad(_SHARE_LABEL, layout.name + 1)))
    else:
        lines.append(_header(shorts, layout, _INDENT * 2, shares_only=True))
        lines.append([(_INDENT + _SHARE_LABEL, "dim")])
        lines.append(_shares(league.shares, _INDENT * 2))
    return [*lines, []]


def _closing(league: League, width: int) -> list[list[Segment]]:
    from leadaudit.terminal import wrap

    lines: list[list[Segment]] = []
    missed = league.most_often_missed()[:3]
    if missed:
        lines.append([("Most often not met:", "bold")])
        for s in missed:
            text = f"{bullet_name(s)}: not met by {s.not_met}, partly met by {s.partly_met}"
            lines += [[(line, None)] for line in wrap(text, width, _INDENT, _INDENT * 2)]
        lines.append([])
    for sentence in highlight_lines(league):
        lines += [[(line, "bold")] for line in wrap(one_line(sentence), width, "", _INDENT)]
    note = anonymity_line(league)
    if note is not None:
        lines += [[(line, None)] for line in wrap(note, width, "", "")]
    lines += [[(line, "dim")] for line in wrap(f"Key: {KEY}", width, "", _INDENT)]
    return lines


def render_lines(league: League, width: int) -> list[list[Segment]]:
    """Every line of the summary as styled segments, laid out for ``width`` columns."""
    from leadaudit.terminal import wrap

    framework = one_line(f"{league.framework} {league.framework_version}")
    title = f"Summary against {framework}: {inputs_line(league)}"
    lines: list[list[Segment]] = [[(line, "bold")] for line in wrap(title, width, "", _INDENT)]
    lines.append([])
    layout = _layout(league, width)
    lines += _group_lines(league, layout)
    lines += _overall(league, layout)
    lines += _closing(league, width)
    return lines


def render_text(league: League, width: int = 100, rich: bool = False, color: bool = False) -> str:
    """The summary as text: plain, or through rich (with colour when ``color``)."""
    lines = render_lines(league, width)
    if not rich:
        return "\n".join("".join(text for text, _ in line).rstrip() for line in lines) + "\n"
    from rich.text import Text

    from leadaudit.terminal import console

    out, buffer = console(width, color)
    for line in lines:
        out.print(Text.assemble(*((t, s or "") for t, s in line)), soft_wrap=True)
    return buffer.getvalue()
