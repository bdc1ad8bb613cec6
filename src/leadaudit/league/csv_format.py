"""The summary as CSV, one row per authority, for a spreadsheet.

A cell that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is written with a leading apostrophe, which
spreadsheets take as "this is text", so data from an org chart can never run there.
"""

from __future__ import annotations

import csv
import io

from leadaudit.league.table import League
from leadaudit.sanitize import one_line

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A value as a CSV cell: one line, no control characters, never a formula."""
    text = one_line(str(value))
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def render_csv(league: League) -> str:
    """A header, then one row per authority in table order. Anonymised authorities have no
    file, score or counts: their quartile stands for the score."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    bullets = [b.key for b in league.bullets]
    writer.writerow(
        [
            "authority",
            "type",
            "file",
            "verdict",
            "score",
            "rank",
            "quartile",
            *bullets,
            "errors",
            "warnings",
            "info",
            "waived",
            "source",
        ]
    )
    for group in league.groups:
        for entry in group.entries:
            row = entry.row
            hidden = entry.anonymised
            statuses = [row.status(b.area) for b in league.bullets]
            counts = [row.errors, row.warnings, row.info, row.waived]
            writer.writerow(
                [
                    cell(entry.label),
                    cell(row.authority_type),
                    "" if hidden else cell(row.file),
                    row.verdict.value,
                    "" if hidden else f"{row.score:.1f}",
                    "" if hidden else entry.rank,
                    entry.quartile,
                    *("" if s is None else s.value for s in statuses),
                    *("" if hidden else str(n) for n in counts),
                    row.source,
                ]
            )
    return buffer.getvalue()
