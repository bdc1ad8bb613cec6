"""What a baseline comparison records, for the exit code and the reporters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field

from leadaudit.findings import AuditResult, Finding, Location
from leadaudit.records import record


@record
class BaselineComparison:
    """How one file's findings compare with the baseline's findings for that file.

    A finding is persisting when the baseline records one with the same fingerprint (rule,
    subject and what was found) and no lower severity; every other finding is new. A new
    finding on the rule and subject of a baseline finding it replaces carries a note of
    what changed; a baseline finding neither found again, replaced nor now waived is fixed.
    """

    source: str
    """What the baseline is, for messages: the JSON file, or the revision."""
    persisting: tuple[Finding, ...] = ()
    fixed: tuple[Finding, ...] = ()
    """Baseline findings no longer found, as the baseline recorded them."""
    changes: tuple[tuple[Finding, str], ...] = ()
    """New findings that replace a baseline finding, with how they differ from it."""
    recorded: bool = True
    """Whether the baseline records the file at all (if not, every finding is new)."""
    _persisting: frozenset[Finding] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_persisting", frozenset(self.persisting))

    def is_new(self, finding: Finding) -> bool:
        """Whether ``finding`` is new (not persisting from the baseline)."""
        return finding not in self._persisting

    def state(self, finding: Finding) -> str:
        """'new' or 'persisting'."""
        return "new" if self.is_new(finding) else "persisting"

    def change(self, finding: Finding) -> str | None:
        """How a new finding differs from the baseline finding it replaces, if it does."""
        return next((note for f, note in self.changes if f == finding), None)


@record
class StaleEntry:
    """A file the baseline records that this run did not check: its findings were not
    compared with anything."""

    file: str
    findings: int
    message: str
    location: Location
    """Where the baseline records the file."""


@record
class BaselineRun:
    """The baseline of a whole run: where it came from, and its entries left unused."""

    source: str
    path: str | None = None
    """The JSON result read, for a saved baseline."""
    ref: str | None = None
    """The revision as given, for a baseline read from git."""
    commit: str | None = None
    """The commit the revision named."""
    stale: tuple[StaleEntry, ...] = ()


@record
class Against:
    """How many findings are new and persisting, and how many of the baseline's are fixed."""

    new: int
    persisting: int
    fixed: int

    def __str__(self) -> str:
        return f"{self.new} new, {self.persisting} persisting, {self.fixed} fixed"


def against(results: Iterable[AuditResult]) -> Against | None:
    """The counts against the baseline over ``results``; None when none has a baseline."""
    new = persisting = fixed = 0
    compared = False
    for r in results:
        if r.baseline is None:
            continue
        compared = True
        fresh = sum(1 for f in r.findings if r.baseline.is_new(f))
        new += fresh
        persisting += len(r.findings) - fresh
        fixed += len(r.baseline.fixed)
    return Against(new, persisting, fixed) if compared else None
