"""Where a run's baseline comes from: a saved JSON result, or a git revision audited again.

Both give the baseline's findings for each file checked, and, at the end of the run, what
the reporters show of the baseline as a whole (``BaselineRun``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import field
from pathlib import Path
from typing import Protocol

from leadaudit.baseline.git import GitReader
from leadaudit.baseline.model import BaselineRun
from leadaudit.baseline.saved import SavedBaseline
from leadaudit.findings import Finding
from leadaudit.records import record


class Baseline(Protocol):
    """A run's baseline."""

    @property
    def name(self) -> str:
        """What the baseline is, for messages."""
        ...

    def findings_for(self, path: Path, file: str) -> tuple[tuple[Finding, ...], str] | None:
        """The baseline's findings for the file at ``path`` (shown as ``file``) and the
        name of the baseline to show with them; None when it does not record the file."""
        ...

    def run(self, checked: Sequence[str]) -> BaselineRun:
        """The baseline as a whole, once ``checked`` (the files shown) are done."""
        ...


@record
class SavedSource:
    """A baseline saved with ``check --format json``."""

    saved: SavedBaseline

    @property
    def name(self) -> str:
        """The saved result's path."""
        return self.saved.path

    def findings_for(self, _path: Path, file: str) -> tuple[tuple[Finding, ...], str] | None:
        """The findings the saved result records for ``file``."""
        found = self.saved.findings_for(file)
        return None if found is None else (found, self.saved.path)

    def run(self, checked: Sequence[str]) -> BaselineRun:
        """The saved result's path, and the files it records that were not checked."""
        path = self.saved.path
        return BaselineRun(source=path, path=path, stale=self.saved.stale(checked))


Audit = Callable[[bytes, str], tuple[Finding, ...]]
"""Audits an org chart's bytes (shown under a name) as the run audits its files."""


@record(frozen=False)
class GitSource:
    """The org charts as they were at a git revision, audited as this run audits."""

    reader: GitReader
    audit: Audit
    used: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The revision, as given."""
        return self.reader.ref

    def _label(self, commit: str) -> str:
        return f"{self.reader.ref} ({commit[:12]})"

    def findings_for(self, path: Path, file: str) -> tuple[tuple[Finding, ...], str] | None:
        """The findings of the file as committed at the revision."""
        data, shown, commit = self.reader.read(path, file)
        self.used.append(commit)
        return self.audit(data, shown), self._label(commit)

    def run(self, _checked: Sequence[str]) -> BaselineRun:
        """The revision, and the commit it named when every file came from one repository."""
        commits = sorted(set(self.used))
        commit = commits[0] if len(commits) == 1 else None
        source = self._label(commit) if commit else self.reader.ref
        return BaselineRun(source=source, ref=self.reader.ref, commit=commit)
