"""The steps of a ``check`` run, between parsing options and choosing the exit code:
load and audit every file, add what the outputs need, render, write, exit code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from leadaudit.cli.keep import keep
from leadaudit.engine import audit
from leadaudit.errors import InputError, Problem, UsageError
from leadaudit.findings import AuditResult
from leadaudit.framework import Framework, load_framework
from leadaudit.orgchart import load_orgchart
from leadaudit.records import record
from leadaudit.reportdata import with_chart, with_source_hash
from leadaudit.reporters import RenderOptions, needs, renderer
from leadaudit.settings import Settings
from leadaudit.write import check_same, check_writable, write_all

if TYPE_CHECKING:
    from leadaudit.baseline.model import BaselineRun
    from leadaudit.baseline.sources import Baseline
    from leadaudit.findings import Finding, Waiver


@record
class CheckOutcome:
    """Results for the files that loaded, and the problems of those that did not."""

    results: tuple[AuditResult, ...]
    problems: tuple[Problem, ...]
    omitted: int = 0
    """Problems found but not worked out (past a file's first MAX_PROBLEMS)."""
    baseline: BaselineRun | None = None
    """The run's baseline, when one was given: where from, and its stale entries."""


def open_baseline(
    settings: Settings,
    framework: Framework,
    waivers: Sequence[Waiver] | None,
    input_format: str | None,
) -> Baseline | None:
    """The baseline the settings name, read (a JSON result) or ready to read (a revision);
    None without one. A revision's charts are audited as the run audits its own."""
    if settings.baseline is not None:
        from leadaudit.baseline.saved import load_saved
        from leadaudit.baseline.sources import SavedSource

        return SavedSource(load_saved(settings.baseline, framework.name, settings.limits))
    if settings.baseline_ref is None:
        return None
    from leadaudit.baseline.git import GitReader, check_ref
    from leadaudit.baseline.sources import GitSource
    from leadaudit.orgchart import load_orgchart_bytes

    def findings_of(data: bytes, name: str) -> tuple[Finding, ...]:
        index = load_orgchart_bytes(
            data, name, framework.capabilities, settings.limits, input_format
        )
        result = audit(index, framework)
        if waivers is not None:
            from leadaudit.waivers import apply_waivers

            subjects = {*index.posts, *index.members, *index.org.roles}
            result = apply_waivers(result, waivers, settings.today or date.today(), subjects)
        return result.findings

    reader = GitReader(check_ref(settings.baseline_ref), settings.limits)
    return GitSource(reader, findings_of)


def compared(result: AuditResult, path: Path, baseline: Baseline) -> AuditResult:
    """``result`` with its findings compared with the baseline's for its file."""
    from leadaudit.baseline.compare import with_baseline

    before = baseline.findings_for(path, result.file)
    if before is None:
        return with_baseline(result, (), baseline.name, recorded=False)
    findings, source = before
    return with_baseline(result, findings, source)


def audit_files(
    files: Sequence[Path],
    settings: Settings,
    input_format: str | None = None,
    junior: Path | None = None,
) -> CheckOutcome:
    """Load and audit every file; one bad file does not stop the others.

    ``input_format`` is the importer to read every file with; None picks one per file by
    its name. ``junior`` is an organogram's junior-staff file, read with the one file (an
    organogram's senior-staff CSV). Each result carries what the run's outputs need beyond
    the audit.
    """
    # The limits are for the org charts being audited; a framework is loaded with the
    # defaults, so a small --max-file-size cannot reject the bundled rule set.
    framework: Framework = load_framework(settings.framework)
    waivers = None
    if settings.use_waivers and settings.waivers is not None:
        from leadaudit.waivers import load_waivers

        waivers = load_waivers(settings.waivers, framework, settings.limits)
    baseline = open_baseline(settings, framework, waivers, input_format)
    results: list[AuditResult] = []
    problems: list[Problem] = []
    omitted = 0
    wanted = needs(spec.format for spec in settings.outputs)
    capabilities = framework.capabilities  # ids, with titles for hints
    for path in files:
        try:
            index = load_orgchart(
                path, capabilities, settings.limits, input_format=input_format, junior=junior
            )
        except InputError as exc:
            problems.extend(exc.problems)
            omitted += exc.omitted
            continue
        result = audit(index, framework)
        if "chart" in wanted:
            result = with_chart(result, index, framework)
        keep(index)
        if waivers is not None:
            from leadaudit.waivers import apply_waivers

            subjects = {*index.posts, *index.members, *index.org.roles}
            result = apply_waivers(result, waivers, settings.today or date.today(), subjects)
        if baseline is not None:
            result = compared(result, path, baseline)
        results.append(result)
    run = baseline.run([r.file for r in results]) if baseline is not None else None
    return CheckOutcome(tuple(results), tuple(problems), omitted, run)


@record
class Skipped:
    """A file handed to ``check-changed`` that it does not audit, and why."""

    path: Path
    reason: str


def select_charts(
    files: Sequence[Path], settings: Settings, input_format: str | None = None
) -> tuple[list[Path], list[Skipped]]:
    """The org charts among ``files``, and the rest: those the configuration's ``exclude``
    names (even though they were named), and those plainly not org charts."""
    from leadaudit.importers.sniff import not_a_chart

    charts: list[Path] = []
    skipped: list[Skipped] = []
    for path in files:
        pattern = settings.exclude.match(path) if settings.exclude is not None else None
        reason = f"excluded by '{pattern}'" if pattern is not None else None
        reason = reason or not_a_chart(path, input_format, settings.limits)
        if reason is None:
            charts.append(path)
        else:
            skipped.append(Skipped(path, reason))
    return charts, skipped


def inputs_of(
    files: Sequence[Path], settings: Settings, options: RenderOptions | None, config: str | None
) -> list[Path]:
    """Every file the run reads: org charts, configuration, framework files (and what they
    extend), waivers and the report template."""
    paths = [*files, *load_framework(settings.framework).files]
    if settings.use_waivers and settings.waivers is not None:
        paths.append(settings.waivers)
    if settings.baseline is not None:
        paths.append(settings.baseline)
    if options is not None and options.template is not None:
        paths.append(options.template)
    if config is not None:
        paths.append(Path(config))
    return paths


def check_outputs(
    settings: Settings, options: RenderOptions | None = None, inputs: Sequence[Path] = ()
) -> None:
    """Refuse unusable output paths (a link, a folder, two outputs to one file, a file the
    run reads), and a broken report template, before any work is done."""
    targets: list[tuple[str, Path]] = []
    for spec in settings.outputs:
        if spec.path is None:
            continue
        for other_format, other in targets:
            if check_same(spec.path, other):
                raise UsageError(
                    f"{spec.path}: the {other_format} and {spec.format} outputs both write "
                    "to this file; give each output its own file"
                )
        check_writable(spec.path, inputs)
        targets.append((spec.format, spec.path))
    wants_report = any(spec.format == "markdown" for spec in settings.outputs)
    if options is not None and options.template is not None and wants_report:
        from leadaudit.reporters.markdown import load_template

        load_template(options.template)


def emit(results: Sequence[AuditResult], settings: Settings, options: RenderOptions) -> str:
    """Render every output; write the file ones and return what goes to stdout.

    ``options`` is what the terminal text output uses; the other outputs get the same
    options without colour or the rich layout. All outputs are rendered before any is
    written, so a failure leaves no partial set.
    """
    if "source_hash" in needs(spec.format for spec in settings.outputs):
        results = [with_source_hash(r) for r in results]
    waivers = settings.waivers if settings.use_waivers else None
    # No value from the clock reaches an output unless the user gave it (--today, --date),
    # so the same input gives the same bytes on any day.
    options = replace(
        options,
        fail_on=settings.fail_on,
        framework_spec=settings.framework,
        waivers=waivers,
        today=settings.today if waivers is not None else None,  # never the clock: see emit
    )
    plain = replace(options, color=False, rich=False, width=100)
    rendered: list[tuple[Path | None, str]] = []
    for spec in settings.outputs:
        chosen = options if spec.path is None and spec.format == "text" else plain
        rendered.append((spec.path, renderer(spec.format)(results, chosen)))
    stdout = "".join(text for path, text in rendered if path is None)
    write_all([(path, text) for path, text in rendered if path is not None])
    return stdout


def exit_code(results: Sequence[AuditResult], settings: Settings) -> int:
    """1 when any finding is at or above the fail-on threshold, else 0."""
    return 1 if any(r.fails(settings.fail_on) for r in results) else 0
