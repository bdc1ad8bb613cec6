"""Output formats: each module's ``render(results, options) -> str``; the registry feeds --format."""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from leadaudit.findings import AuditResult, FailOn


@dataclass(frozen=True)
class RenderOptions:
    """How to render. Colour, width and rich only matter to the terminal text format."""

    color: bool = False
    width: int = 100
    rich: bool = False
    fail_on: FailOn = FailOn.error
    """The run's threshold: JUnit marks a rule failed when it has findings at or above it."""
    date: datetime.date | None = None
    """A date for the Markdown report's title block; none by default, for reproducibility."""
    template: Path | None = None
    """A user's Jinja2 template for the Markdown report, instead of the bundled one."""
    framework_spec: str | None = None
    waivers: Path | None = None
    """The waivers file applied, if any (the report's reproduce command names it)."""
    today: datetime.date | None = None
    """The date waiver expiry was judged by, when waivers were applied."""
    """The --framework value as given, for the report's reproduce command."""


class Renderer(Protocol):
    def __call__(self, results: Sequence[AuditResult], options: RenderOptions, /) -> str: ...


#: format name -> module implementing it (imported only when used)
FORMATS: dict[str, str] = {
    "text": "leadaudit.reporters.text",
    "json": "leadaudit.reporters.json_format",
    "sarif": "leadaudit.reporters.sarif",
    "junit": "leadaudit.reporters.junit",
    "github": "leadaudit.reporters.github",
    "markdown": "leadaudit.reporters.markdown",
}

#: formats that record the SHA-256 of each input file
RECORDS_SOURCE_HASH = frozenset({"json", "sarif", "markdown"})

#: formats that draw the org-chart diagram (from AuditResult.chart)
DRAWS_CHART = frozenset({"markdown"})


def renderer(name: str) -> Renderer:
    """The render function of a format; KeyError for an unknown name."""
    module = importlib.import_module(FORMATS[name])
    render: Renderer = module.render
    return render
