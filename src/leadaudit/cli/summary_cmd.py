"""The ``summary`` command: many authorities at once, as one league table by type.

A file that fails to load is reported on stderr and the others are still summarised;
the exit code is then 2. The Markdown form is the comparison report, with its heat map
written beside it.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from leadaudit.cli.app import app
from leadaudit.cli.check import OutputsOption
from leadaudit.cli.exits import EXIT_INPUT, EXIT_OK, fail, user_errors
from leadaudit.cli.options import (
    ORDER_KEY,
    ConfigOption,
    FrameworkOption,
    InputFormatOption,
    IsolatedOption,
    NoWaiversOption,
    OrderedOptionsCommand,
    TodayOption,
    WaiversOption,
    given,
    refuse_repeats,
    resolve,
    waiver_values,
)

if TYPE_CHECKING:
    from leadaudit.collect import Collected
    from leadaudit.settings import Settings


class SummaryFormat(str, Enum):
    """The --format choices of summary."""

    text = "text"
    markdown = "markdown"
    json = "json"
    csv = "csv"


def _outputs(
    ctx: typer.Context, formats: list[SummaryFormat] | None, outputs: list[Path] | None
) -> dict[str, object]:
    """The outputs given with --format and --output, paired in command-line order."""
    from leadaudit.cli.outputs import interleave, plan_outputs

    kinds = {"formats": "format", "outputs": "output"}
    order = [kinds[n] for n in ctx.meta.get(ORDER_KEY, []) if n in kinds]
    sequence = interleave(order, [f.value for f in formats or []], outputs or [])
    return {"outputs": plan_outputs(sequence, "text")}


def _check_sort(sort: str, settings: Settings) -> None:
    """Refuse a --sort key the framework's bullets do not give, before any work is done."""
    from leadaudit.framework import load_framework
    from leadaudit.league.rows import Bullet
    from leadaudit.league.table import check_sort, sort_keys

    framework = load_framework(settings.framework)
    bullets = [Bullet(area, a.bullet, a.title) for area, a in framework.areas.items()]
    check_sort(sort, sort_keys(bullets))


def _inputs(paths: list[Path], settings: Settings, input_format: str | None) -> Collected:
    """The org charts and saved results among ``paths``, folders walked."""
    from leadaudit.cli.batch import gather
    from leadaudit.league.batch import RESULTS_SUFFIX
    from leadaudit.league.saved import looks_saved

    def saved(path: Path) -> str | None:
        return looks_saved(path, settings.limits)

    extra = ((RESULTS_SUFFIX, saved),) if input_format is None else ()
    return gather(paths, settings, input_format, extra, noun="input")


PathsArgument = Annotated[
    list[Path],
    typer.Argument(
        metavar="FILE|DIR|RESULTS.json...",
        help="Org charts, folders of them (searched recursively), or saved JSON results "
        "(check --format json).",
        show_default=False,
    ),
]
SummaryFormatsOption = Annotated[
    list[SummaryFormat] | None,
    typer.Option(
        "--format",
        metavar="text|markdown|json|csv",
        help="Output format; repeat for several outputs. Markdown written to a file is "
        "the comparison report, with its heat map (SVG) beside it. Default: text.",
        show_default=False,
    ),
]
SortOption = Annotated[
    str,
    typer.Option(
        "--sort",
        metavar="score|name|type|verdict|bullet1..bullet7|headline",
        help="Order within each authority type, best first; ties go by name. A bullet "
        "orders met, partly met, not assessable, not met. Default: score.",
        show_default=False,
    ),
]
HighlightOption = Annotated[
    str | None,
    typer.Option(
        "--highlight",
        metavar="NAME",
        help="Name this authority (its name or file) and anonymise every other one: a "
        "view of one authority among its peers.",
        show_default=False,
    ),
]
AnonymiseOption = Annotated[
    bool,
    typer.Option(
        "--anonymise",
        help="Show every authority as 'Authority A', 'Authority B'... with its score "
        "only as a quartile within its type.",
    ),
]


@app.command(cls=OrderedOptionsCommand)
def summary(
    ctx: typer.Context,
    paths: PathsArgument,
    formats: SummaryFormatsOption = None,
    outputs: OutputsOption = None,
    sort: SortOption = "score",
    highlight: HighlightOption = None,
    anonymise: AnonymiseOption = False,
    framework: FrameworkOption = "rec20",
    input_format: InputFormatOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    waivers: WaiversOption = None,
    no_waivers: NoWaiversOption = False,
    today: TodayOption = None,
) -> None:
    """Summarise many authorities: one league table, grouped by authority type.

    Each row gives the verdict, the status of each Recommendation 20 bullet, the overall
    score and the finding counts; each type gets the share of its authorities meeting each
    bullet. Saved results are read back as they were audited, so a league can be rebuilt
    without the org charts.

    Exit codes: 0 every file summarised; 2 a file failed to load (the others are still
    summarised and written), or a usage, framework or output error; 3 internal error.
    """
    with user_errors():
        from leadaudit.errors import UsageError

        refuse_repeats(ctx, "framework", "--framework")
        for name, option in (("sort", "--sort"), ("highlight", "--highlight")):
            refuse_repeats(ctx, name, option)
        if highlight is not None and anonymise:
            raise UsageError("--highlight and --anonymise cannot be used together")
        cli_values = waiver_values(waivers, no_waivers, today)
        if "framework" in given(ctx):
            cli_values["framework"] = framework
        cli_values |= _outputs(ctx, formats, outputs)
        settings, provenance = resolve(cli_values, config, isolated)
        chosen = input_format.value if input_format else None
        fail(_run(paths, settings, chosen, provenance.config_file, sort, highlight, anonymise))


def _run(
    paths: list[Path],
    settings: Settings,
    input_format: str | None,
    config_file: str | None,
    sort: str,
    highlight: str | None,
    anonymise: bool,
) -> int:
    """Summarise, write every output, and report the files that failed; the exit code."""
    from leadaudit.cli.exits import print_problems
    from leadaudit.cli.runner import check_outputs, inputs_of
    from leadaudit.cli.summary_out import heatmap_targets, write_outputs
    from leadaudit.league.batch import summarise
    from leadaudit.league.table import build_league

    _check_sort(sort, settings)
    collected = _inputs(paths, settings, input_format)
    inputs = inputs_of(collected.files, settings, None, config_file)
    check_outputs(settings, None, inputs)
    heatmap_targets(settings, inputs)
    batch = summarise(collected.files, settings, input_format)
    problems = [p for failure in batch.failures for p in failure.problems]
    omitted = sum(failure.omitted for failure in batch.failures)
    if problems or omitted:
        print_problems(problems, omitted)
    if not batch.rows:
        return EXIT_INPUT
    league = build_league(
        batch.rows,
        framework=(batch.framework, batch.framework_title, batch.framework_version),
        sort=sort,
        highlight=highlight,
        anonymise=anonymise,
        failures=batch.failures,
        passed_over=len(collected.passed),
    )
    write_outputs(league, settings)
    return EXIT_INPUT if batch.failures else EXIT_OK
