"""The GitHub Action's work (``python -m leadaudit.ci.action``): audit the charts, print
the findings and their annotations to the log, write the job summary, SARIF and the step's
outputs, and end with check's exit code.

The action passes its inputs in the environment (never into a script's text, where a value
could become a command): LEADAUDIT_INPUT_FILES, _FRAMEWORK, _FAIL_ON, _FORMATS and
_SARIF_FILE. GitHub's own variables say where the summary (GITHUB_STEP_SUMMARY) and
outputs (GITHUB_OUTPUT) go. Files are found from the current folder, the workspace.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from leadaudit.cli.exits import (
    EXIT_INPUT,
    out,
    print_problems,
    user_errors,
    write_stdout,
)
from leadaudit.errors import Problem, UsageError
from leadaudit.findings import AuditResult, FailOn, Severity
from leadaudit.records import record
from leadaudit.settings import OutputSpec, Settings

if TYPE_CHECKING:
    from leadaudit.baseline.model import BaselineRun

PREFIX = "LEADAUDIT_INPUT_"
FORMATS = ("summary", "annotations", "sarif", "text")
"""What the action can write: the job summary, annotations, a SARIF file, the log's text."""
DEFAULT_FORMATS = ("summary", "annotations", "text")


@record
class Inputs:
    """The action's inputs, checked."""

    files: tuple[str, ...]
    framework: str | None
    fail_on: FailOn | None
    formats: tuple[str, ...]
    sarif_file: Path


def _words(value: str) -> list[str]:
    return value.replace(",", " ").split()


def _one_line(name: str, value: str) -> str:
    from leadaudit.importers.text import find_bad_char

    if find_bad_char(value) or "\n" in value or "\r" in value:
        raise UsageError(f"{name}: give one line of plain text")
    return value.strip()


def read_inputs(environ: Mapping[str, str]) -> Inputs:
    """The inputs from the environment; a UsageError for a value that cannot be used."""
    from leadaudit.messages import did_you_mean

    def get(name: str) -> str:
        return environ.get(PREFIX + name, "")

    files = tuple(_one_line("files", f) for f in get("FILES").split())
    if not files:
        raise UsageError("files: name at least one org chart (or a glob such as charts/*.yaml)")
    fail_on_text = _one_line("fail-on", get("FAIL_ON")).lower()
    choices = [f.value for f in FailOn]
    if fail_on_text and fail_on_text not in choices:
        hint = did_you_mean(fail_on_text, choices) or "one of: " + ", ".join(choices)
        raise UsageError(f"fail-on: '{fail_on_text}' is not a threshold ({hint})")
    formats = _words(_one_line("formats", get("FORMATS"))) or list(DEFAULT_FORMATS)
    for name in formats:
        if name not in FORMATS:
            hint = did_you_mean(name, FORMATS) or "one of: " + ", ".join(FORMATS)
            raise UsageError(f"formats: unknown '{name}' ({hint})")
    sarif = _one_line("sarif-file", get("SARIF_FILE")) or "leadaudit.sarif"
    framework = _one_line("framework", get("FRAMEWORK"))
    return Inputs(
        files,
        framework or None,
        FailOn(fail_on_text) if fail_on_text else None,
        tuple(dict.fromkeys(formats)),
        Path(sarif),
    )


def expand(patterns: Sequence[str]) -> list[Path]:
    """Each name, or the files a glob matches (``**`` for any depth), sorted; in order,
    without repeats. A glob that matches nothing is a usage error; a plain name is kept for
    check to say if it is missing."""
    import glob

    found: list[str] = []
    for pattern in patterns:
        if not any(ch in pattern for ch in "*?["):
            found.append(pattern)
            continue
        matches = sorted(m for m in glob.glob(pattern, recursive=True) if Path(m).is_file())  # noqa: PTH207 - absolute patterns too
        if not matches:
            raise UsageError(f"files: '{pattern}' matches no file")
        found.extend(matches)
    return [Path(name) for name in dict.fromkeys(found)]


def _annotate_problems(problems: Sequence[Problem]) -> str:
    from leadaudit.ci.annotations import PER_KIND
    from leadaudit.reporters.escape import gh_data, gh_property

    lines = []
    for p in problems[:PER_KIND]:
        where = [f"file={gh_property(p.file)}"]
        where += [f"line={p.line}"] if p.line else []
        where += [f"col={p.col}"] if p.col else []
        lines.append(f"::error {','.join(where)},title=leadaudit::{gh_data(p.render())}")
    if len(problems) > PER_KIND:
        rest = len(problems) - PER_KIND
        lines.append(f"::notice title=leadaudit::{rest} more problems are in the log")
    return "".join(f"{line}\n" for line in lines)


def _annotations(results: Sequence[AuditResult]) -> tuple[str, int]:
    """The capped annotations, and how many findings they leave out."""
    from leadaudit.ci.annotations import left_out_notice, select
    from leadaudit.reporters.github import annotation

    selection = select(f for r in results for f in r.findings)
    lines = [annotation(f) for f in selection.shown]
    notice = left_out_notice(selection, "the job summary")
    lines += [notice] if notice else []
    return "".join(f"{line}\n" for line in lines), selection.total_left_out


def _append(path: str | None, text: str) -> None:
    if path:
        with Path(path).open("a", encoding="utf-8") as handle:
            handle.write(text)


def _budget(path: str | None) -> int:
    """Bytes the summary may still take: the limit less what the step has written."""
    from leadaudit.ci.summary import LIMIT

    try:
        used = Path(path).stat().st_size if path else 0
    except OSError:
        used = 0
    return max(LIMIT - used - 1024, 0)


def _summary(
    results: Sequence[AuditResult],
    settings: Settings,
    left_out: int,
    budget: int,
    baseline: BaselineRun | None,
) -> str:
    from leadaudit.ci.summary import assemble, header, report_parts
    from leadaudit.cli.runner import emit
    from leadaudit.reporters import RenderOptions

    markdown = replace(settings, outputs=(OutputSpec("markdown"),))
    reports = [report_parts(emit([r], markdown, RenderOptions())) for r in results]
    return assemble(header(results, settings.fail_on, left_out, baseline), reports, budget)


def _outputs(results: Sequence[AuditResult], code: int, sarif: Path | None) -> str:
    totals = {s: sum(r.count(s) for r in results) for s in Severity}
    lines = [
        f"exit-code={code}",
        f"errors={totals[Severity.error]}",
        f"warnings={totals[Severity.warning]}",
        f"info={totals[Severity.info]}",
    ]
    lines += [f"sarif-file={sarif}"] if sarif is not None else []
    return "".join(f"{line}\n" for line in lines)


def run(environ: Mapping[str, str]) -> int:
    """Do the action's work; the exit code ``leadaudit check`` would give."""
    from leadaudit.cli.options import resolve
    from leadaudit.cli.runner import audit_files, check_outputs, emit, exit_code, inputs_of
    from leadaudit.reporters import RenderOptions

    inputs = read_inputs(environ)
    files = expand(inputs.files)
    cli_values: dict[str, object] = {}
    if inputs.framework is not None:
        cli_values["framework"] = inputs.framework
    if inputs.fail_on is not None:
        cli_values["fail_on"] = inputs.fail_on
    settings, provenance = resolve(cli_values)
    wanted = set(inputs.formats)
    sarif = inputs.sarif_file if "sarif" in wanted else None
    logged = [OutputSpec("text")] if "text" in wanted else []
    written = [OutputSpec("sarif", sarif)] if sarif is not None else []
    audit = [*logged, *written, *([OutputSpec("markdown")] if "summary" in wanted else [])]
    check_outputs(
        replace(settings, outputs=tuple(written)),
        None,
        inputs_of(files, settings, None, provenance.config_file),
    )
    outcome = audit_files(files, replace(settings, outputs=tuple(audit)))
    summary_path = environ.get("GITHUB_STEP_SUMMARY")
    if outcome.problems:
        print_problems(outcome.problems, outcome.omitted)
        if "annotations" in wanted:
            write_stdout(_annotate_problems(outcome.problems))
        if "summary" in wanted:
            from leadaudit.ci.summary import problems_text

            _append(summary_path, problems_text(outcome.problems, outcome.omitted))
        return EXIT_INPUT
    results = outcome.results
    rendering = RenderOptions(baseline=outcome.baseline)  # its stale entries, in the log
    text = emit(results, replace(settings, outputs=(*logged, *written)), rendering)
    out(text)
    left_out = 0
    if "annotations" in wanted:
        annotations, left_out = _annotations(results)
        write_stdout(annotations)
    code = exit_code(results, settings)
    if "summary" in wanted:
        budget = _budget(summary_path)
        _append(summary_path, _summary(results, settings, left_out, budget, outcome.baseline))
    _append(environ.get("GITHUB_OUTPUT"), _outputs(results, code, sarif))
    return code


def main() -> int:
    """The entry point: run with this process's environment; errors are reported as
    check reports them (one line on stderr, exit 2 or 3), a usage error also annotated."""
    import typer

    from leadaudit.reporters.escape import gh_data

    try:
        with user_errors():
            try:
                return run(os.environ)
            except UsageError as exc:
                write_stdout(f"::error title=leadaudit::{gh_data(exc)}\n")
                raise
    except typer.Exit as exc:
        return int(exc.exit_code)


if __name__ == "__main__":
    sys.exit(main())
