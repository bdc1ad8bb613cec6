"""The words and marks every summary format shares: status marks, verdicts in short, scores,
and the sentences of the method and of a highlighted authority's place."""

from __future__ import annotations

from leadaudit.findings import AreaStatus, Verdict
from leadaudit.league.rows import type_label
from leadaudit.league.table import Entry, League, Share
from leadaudit.messages import plural

MARK = {
    AreaStatus.met: "●",
    AreaStatus.partly_met: "◐",
    AreaStatus.not_met: "○",
    AreaStatus.not_assessable: "?",
}
"""One character per status, for tables; ``ABSENT`` where a row's framework lacks the area."""

ABSENT = "-"

STATUS_WORDS = {
    AreaStatus.met: "met",
    AreaStatus.partly_met: "partly met",
    AreaStatus.not_met: "not met",
    AreaStatus.not_assessable: "not assessable",
}

VERDICT_SHORT = {
    Verdict.meets: "meets",
    Verdict.partly_meets: "partly",
    Verdict.does_not_meet: "does not",
}
"""The verdict in a narrow column: meets, partly meets, does not meet."""

KEY = (
    "● met  ◐ partly met  ○ not met  ? not assessable  - not in the framework; "
    "E/W/I: errors, warnings and info findings"
)


def mark(status: AreaStatus | None) -> str:
    """The table mark of a status (``ABSENT`` for None)."""
    return ABSENT if status is None else MARK[status]


def score_text(entry: Entry) -> str:
    """'7.5', or 'Q2' (the quartile within its type) for an anonymised authority."""
    return f"Q{entry.quartile}" if entry.anonymised else f"{entry.row.score:.1f}"


def counts_text(entry: Entry) -> str:
    """'2/6/2' (errors, warnings, info), or '-' for an anonymised authority."""
    if entry.anonymised:
        return ABSENT
    row = entry.row
    return f"{row.errors}/{row.warnings}/{row.info}"


def bullet_name(share: Share) -> str:
    """'bullet 2, Organisational leadership' or 'headline, Delivery teams...'."""
    b = share.bullet
    where = f"bullet {b.bullet}" if b.bullet.isdigit() else b.bullet
    return f"{where}, {b.title}"


def ordinal(n: int) -> str:
    """'1st', '2nd', '3rd', '11th', '22nd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def group_heading(kind: str, count: int) -> str:
    """'County: 3 authorities'."""
    return f"{type_label(kind)}: {plural(count, 'authority', 'authorities')}"


def highlight_lines(league: League) -> list[str]:
    """Where each highlighted authority stands among its type, one sentence each."""
    lines: list[str] = []
    for group in league.groups:
        for entry in group.entries:
            if not entry.highlighted:
                continue
            peers = len(group.entries)
            kind = type_label(group.authority_type).lower()
            met = [
                b.short
                for b, s in zip(entry.row.bullets, entry.row.statuses, strict=True)
                if s is AreaStatus.met
            ]
            lines.append(
                f"{entry.label} ({kind}) scores {entry.row.score:.1f}: {ordinal(entry.rank)} of "
                f"{plural(peers, 'authority', 'authorities')} of its type, quartile "
                f"{entry.quartile}; meets {len(met)} of {len(entry.row.bullets)} bullets"
            )
    return lines


def inputs_line(league: League) -> str:
    """'5 authorities summarised; 1 file failed to load; 2 files passed over'."""
    n = len(league.entries)
    parts = [f"{plural(n, 'authority', 'authorities')} summarised"]
    failed = len(league.failures)
    parts.append(f"{plural(failed, 'file')} failed to load" if failed else "no file failed")
    if league.passed_over:
        parts.append(f"{plural(league.passed_over, 'file')} in the folders passed over")
    return "; ".join(parts)


def anonymity_line(league: League) -> str | None:
    """What anonymising hides, when any authority is anonymised."""
    if not league.anonymised:
        return None
    return (
        "Anonymised authorities are shown as 'Authority A', 'Authority B' and so on, in "
        "table order; their score is given only as its quartile within their type (Q1 the "
        "top quarter), and their file and finding counts are left out."
    )


def subject(league: League) -> str:
    """What is compared, for titles: 'Recommendation 20 across 5 authorities', or the
    framework's title for a framework that is not about Recommendation 20."""
    n = plural(len(league.entries), "authority", "authorities")
    title = league.framework_title
    what = "Recommendation 20" if title.startswith("Recommendation 20") else title
    return f"{what} across {n}"
