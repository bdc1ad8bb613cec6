"""GitHub's cap on workflow annotations, and how to live with it.

A step shows at most 10 error, 10 warning and 10 notice annotations; GitHub drops the rest
without a word (and a job shows at most 50). So the most severe findings go first, each
kind up to its cap, and when any are left out one notice says how many, keeping a notice's
place for itself. Pure: which findings to annotate and the counting notice's text; the
annotations themselves are ``leadaudit.reporters.github.annotation``.
"""

from __future__ import annotations

from collections.abc import Iterable

from leadaudit.findings import Finding, Severity
from leadaudit.messages import plural
from leadaudit.records import record
from leadaudit.reporters.escape import gh_data

PER_KIND = 10
"""Annotations of one kind (error, warning, notice) GitHub shows for one step."""

_ORDER = (Severity.error, Severity.warning, Severity.info)
_NOUN = {Severity.error: "error", Severity.warning: "warning", Severity.info: "info"}


@record
class Selection:
    """The findings to annotate, most severe first, and how many of each severity not."""

    shown: tuple[Finding, ...]
    left_out: tuple[tuple[Severity, int], ...]

    @property
    def total_left_out(self) -> int:
        """How many findings are not annotated."""
        return sum(n for _, n in self.left_out)


def select(findings: Iterable[Finding]) -> Selection:
    """Errors, then warnings, then information findings (notices), each in the order
    given, at most PER_KIND of each kind; when any finding is left out, one notice fewer,
    so the notice that counts them is shown too."""
    listed = list(findings)
    by_severity = {s: [f for f in listed if f.severity is s] for s in _ORDER}
    over = any(len(by_severity[s]) > PER_KIND for s in _ORDER)
    caps = {Severity.error: PER_KIND, Severity.warning: PER_KIND}
    caps[Severity.info] = PER_KIND - 1 if over else PER_KIND
    shown = [f for s in _ORDER for f in by_severity[s][: caps[s]]]
    left_out = tuple(
        (s, len(by_severity[s]) - caps[s]) for s in _ORDER if len(by_severity[s]) > caps[s]
    )
    return Selection(tuple(shown), left_out)


def _count(severity: Severity, n: int) -> str:
    return plural(n, _NOUN[severity]) if severity is not Severity.info else f"{n} info"


def left_out_notice(selection: Selection, where: str) -> str | None:
    """The notice counting the findings not annotated (None when none was left out);
    ``where`` says where to read them all, e.g. 'the job summary'."""
    if not selection.left_out:
        return None
    counts = ", ".join(_count(s, n) for s, n in selection.left_out)
    message = (
        f"{plural(selection.total_left_out, 'more finding')} not annotated ({counts}): GitHub "
        f"shows {PER_KIND} annotations of each kind per step; {where} has every finding"
    )
    return f"::notice title=leadaudit::{gh_data(message)}"
