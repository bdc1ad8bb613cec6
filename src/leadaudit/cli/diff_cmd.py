"""The ``diff`` command: what a restructure changed between two org charts."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from leadaudit.cli.app import app
from leadaudit.cli.exits import EXIT_FINDINGS, EXIT_OK, fail, out, user_errors, write_stdout
from leadaudit.cli.options import (
    ConfigOption,
    FailOnChoice,
    FrameworkOption,
    InputFormatOption,
    IsolatedOption,
    given,
    resolve,
    terminal,
)

if TYPE_CHECKING:
    from leadaudit.diff import ChartDiff
    from leadaudit.settings import Settings


class DiffFormat(str, Enum):
    """The --format choices of diff."""

    text = "text"
    markdown = "markdown"
    json = "json"


ChartArgument = typer.Argument(
    metavar="OLD",
    help="The chart before: a file (YAML or CSV), or REV:PATH read from git.",
    show_default=False,
)


def _charts(old: str, new: str, settings: Settings, input_format: str | None) -> ChartDiff:
    """Load both charts (reporting the problems of both before stopping), audit both with
    the one framework, and compare them."""
    from leadaudit.diff import compare
    from leadaudit.diff.revision import read_chart
    from leadaudit.engine import audit
    from leadaudit.errors import InputError, Problem
    from leadaudit.framework import load_framework

    framework = load_framework(settings.framework)
    loaded = []
    problems: list[Problem] = []
    omitted = 0
    for arg in (old, new):
        try:
            loaded.append(read_chart(arg, framework.capabilities, settings.limits, input_format))
        except InputError as exc:
            problems += exc.problems
            omitted += exc.omitted
    if problems:
        raise InputError(problems, omitted)
    before, after = loaded
    titles = framework.capability_titles()
    return compare(before, after, audit(before, framework), audit(after, framework), titles)


def _render(diff: ChartDiff, fmt: DiffFormat, to_file: bool) -> str:
    if fmt is DiffFormat.json:
        from leadaudit.diff.json_out import render_json

        return render_json(diff)
    if fmt is DiffFormat.markdown:
        from leadaudit.diff.markdown import render_markdown

        return render_markdown(diff)
    from leadaudit.diff.text import render_text

    use_rich, _, width = terminal()
    return render_text(diff, width if use_rich and not to_file else None)


@app.command()
def diff(
    ctx: typer.Context,
    old: Annotated[str, ChartArgument],
    new: Annotated[
        str,
        typer.Argument(
            metavar="NEW",
            help="The chart after: a file, or REV:PATH read from git.",
            show_default=False,
        ),
    ],
    framework: FrameworkOption = "rec20",
    fmt: Annotated[
        DiffFormat,
        typer.Option("--format", metavar="text|markdown|json", help="Output format."),
    ] = DiffFormat.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the output to this file (atomically) instead of stdout.",
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        FailOnChoice,
        typer.Option(
            "--fail-on",
            metavar="error|warning|info|never",
            help="Lowest severity of a new finding that makes the exit code 1. Default: the "
            "config's fail_on, else error.",
            show_default=False,
        ),
    ] = FailOnChoice.error,
    input_format: InputFormatOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Compare two org charts: posts added, removed and retitled, reporting lines moved,
    bases changed, capabilities gained and lost, and for each area of the framework the
    change of status and score and the findings new, fixed and persisting.

    OLD and NEW are files, or REV:PATH to read a file from git in the current folder's
    repository (PATH from the repository's root, or ./PATH from the current folder), e.g.
    leadaudit diff HEAD~1:org.yaml org.yaml. A file that exists is always read as a file.
    Imported charts (CSV) have generated ids, so their posts are also matched by title,
    directorate and level, and the output says how each was matched.

    Exit codes: 0 no new finding at or above --fail-on; 1 a new finding at or above it;
    2 usage or input error (nothing written); 3 internal error.
    """
    with user_errors():
        from leadaudit.findings import FailOn

        values: dict[str, object] = {}
        if "framework" in given(ctx):
            values["framework"] = framework
        if "fail_on" in given(ctx):
            values["fail_on"] = FailOn(fail_on.value)
        settings, _ = resolve(values, config, isolated)
        if output is not None:
            from leadaudit.write import check_writable

            check_writable(output, [Path(old), Path(new)])
        chosen = _charts(old, new, settings, input_format.value if input_format else None)
        text = _render(chosen, fmt, output is not None)
        if output is not None:
            from leadaudit.write import write_all

            write_all([(output, text)])
        elif fmt is DiffFormat.json:
            write_stdout(text)
        else:
            out(text)
        fail(EXIT_FINDINGS if chosen.fails(settings.fail_on) else EXIT_OK)
