"""The effective settings of a ``check`` run, whichever source they came from."""

from __future__ import annotations

from dataclasses import field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from leadaudit.findings import FailOn
from leadaudit.limits import Limits
from leadaudit.records import record

if TYPE_CHECKING:
    from leadaudit.config.exclude import Exclude


@record
class OutputSpec:
    """One output of a run: a format, written to a file or (path None) to stdout."""

    format: str
    path: Path | None = None


@record
class Settings:
    """Everything a check run needs besides its input files."""

    framework: str = "rec20"
    fail_on: FailOn = FailOn.error
    outputs: tuple[OutputSpec, ...] = (OutputSpec("text"),)
    limits: Limits = field(default_factory=Limits)
    waivers: Path | None = None
    use_waivers: bool = True
    today: date | None = None
    baseline: Path | None = None
    """A JSON result saved earlier (``check --baseline``): only new findings fail."""
    baseline_ref: str | None = None
    """A git revision whose org charts are the baseline (``check --baseline-ref``)."""
    exclude: Exclude | None = None
    """Files check-changed passes over even when named (the configuration's exclude)."""
