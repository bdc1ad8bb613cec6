"""Output formats: each module's ``render(results, options) -> str``; the registry feeds --format."""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from leadaudit.findings import AuditResult, FailOn
from leadaudit.records import record

if TYPE_CHECKING:
    from leadaudit.baseline.model import BaselineRun


@record
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
    """The --framework value as given, for the report's reproduce command."""
    waivers: Path | None = None
    """The waivers file applied, if any (the report's reproduce command names it)."""
    today: datetime.date | None = None
    """The date waiver expiry was judged by, when waivers were applied."""
    baseline: BaselineRun | None = None
    """The run's baseline, when one was given: where from, and its stale entries."""


class Renderer(Protocol):
    """A format's render function: results in, the whole output as text out."""

    def __call__(self, results: Sequence[AuditResult], options: RenderOptions, /) -> str: ...


Need = Literal["chart", "source_hash"]
"""What a format may need beyond the audit itself: ``chart``, the summary of the org chart
its diagram is drawn from (``AuditResult.chart``); ``source_hash``, the SHA-256 of each
input file (``AuditResult.source_sha256``)."""


@record
class OutputFormat:
    """One output format: the module with its ``render``, and what it needs."""

    module: str
    needs: frozenset[Need] = frozenset()


#: format name -> how to render it (the module is imported only when used). The order is
#: the order ``--format`` lists the choices in.
FORMATS: dict[str, OutputFormat] = {
    "text": OutputFormat("leadaudit.reporters.text"),
    "json": OutputFormat("leadaudit.reporters.json_format", frozenset({"source_hash"})),
    "sarif": OutputFormat("leadaudit.reporters.sarif", frozenset({"source_hash"})),
    "junit": OutputFormat("leadaudit.reporters.junit"),
    "github": OutputFormat("leadaudit.reporters.github"),
    "markdown": OutputFormat("leadaudit.reporters.markdown", frozenset({"chart", "source_hash"})),
    "gitlab": OutputFormat("leadaudit.reporters.gitlab"),
}


def needs(formats: Iterable[str]) -> frozenset[Need]:
    """Everything the given formats need beyond the audit."""
    wanted: set[Need] = set()
    for name in formats:
        wanted |= FORMATS[name].needs
    return frozenset(wanted)


def renderer(name: str) -> Renderer:
    """The render function of a format; KeyError for an unknown name."""
    module = importlib.import_module(FORMATS[name].module)
    render: Renderer = module.render
    return render
