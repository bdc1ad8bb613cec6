"""leadaudit: audit a public authority's digital leadership against Recommendation 20.

The small public API, for scripts::

    import leadaudit

    chart = leadaudit.load("org.yaml")            # InputError with located problems
    result = leadaudit.audit(chart)               # an AuditResult
    print(leadaudit.render(result, "markdown"))   # any --format name

Everything is imported on first use, so ``import leadaudit`` stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leadaudit.version import __version__

if TYPE_CHECKING:
    from leadaudit.findings import AuditResult
    from leadaudit.framework import Framework
    from leadaudit.limits import Limits
    from leadaudit.orgchart import OrgIndex

__all__ = ["__version__", "audit", "load", "render"]


def _framework(framework: str | Framework) -> Framework:
    from leadaudit.framework import load_framework

    return load_framework(framework) if isinstance(framework, str) else framework


def load(
    path: str | Path,
    *,
    framework: str | Framework = "rec20",
    limits: Limits | None = None,
    input_format: str | None = None,
) -> OrgIndex:
    """Read, validate and index an org chart file.

    ``framework`` (a bundled name, a framework file's path, or a loaded Framework) says
    which capability ids the chart may use. Raises ``leadaudit.errors.InputError`` listing
    every problem, each with its file, line and column.
    """
    from leadaudit.orgchart import load_orgchart

    fw = _framework(framework)
    return load_orgchart(Path(path), fw.capabilities, limits, input_format=input_format)


def audit(chart: OrgIndex, framework: str | Framework = "rec20") -> AuditResult:
    """Audit a loaded org chart against a framework; the result carries what every output
    format needs (the summary the Markdown report's diagram is drawn from included)."""
    from leadaudit.engine import audit as run_audit
    from leadaudit.reportdata import with_chart

    fw = _framework(framework)
    return with_chart(run_audit(chart, fw), chart, fw)


def render(
    results: AuditResult | Sequence[AuditResult], format: str = "text", **options: Any
) -> str:
    """One output format (a ``leadaudit check --format`` name) of one or more results.

    ``options`` are fields of ``leadaudit.reporters.RenderOptions`` (``date``, ``width``,
    ``template``...). Formats that record the input's SHA-256 read the input file for it.
    """
    from leadaudit.findings import AuditResult
    from leadaudit.reportdata import with_source_hash
    from leadaudit.reporters import FORMATS, RenderOptions, needs, renderer

    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; one of: {', '.join(FORMATS)}")
    items = [results] if isinstance(results, AuditResult) else list(results)
    if "source_hash" in needs([format]):
        items = [with_source_hash(r) for r in items]
    return renderer(format)(items, RenderOptions(**options))
