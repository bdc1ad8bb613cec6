"""The ``check`` and ``report`` commands: audit org charts and write their outputs."""

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from leadaudit.cli.app import app
from leadaudit.cli.exits import (
    EXIT_INPUT,
    EXIT_OK,
    fail,
    out,
    print_problems,
    user_errors,
    write_stdout,
)
from leadaudit.cli.options import (
    ORDER_KEY,
    BaselineOption,
    BaselineRefOption,
    CheckFormat,
    ConfigOption,
    FailOnChoice,
    FrameworkOption,
    InputFormatOption,
    IsolatedOption,
    NoBaselineOption,
    NoWaiversOption,
    OrderedOptionsCommand,
    TemplateOption,
    TodayOption,
    WaiversOption,
    baseline_values,
    given,
    parse_date,
    refuse_repeats,
    resolve,
    terminal,
    waiver_values,
)
from leadaudit.limits import CEILINGS
from leadaudit.reporters import FORMATS as OUTPUT_FORMATS

if TYPE_CHECKING:
    from leadaudit.reporters import RenderOptions
    from leadaudit.settings import Settings

LINE_FORMATS = frozenset({"text", "markdown"})
"""Formats written for people to read line by line, and so through exits.out."""

DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help="Date for the title block of the Markdown report (none by default, so reports "
        "are reproducible).",
        show_default=False,
    ),
]


def _shared_values(
    ctx: typer.Context, framework: str, waivers: Path | None, no_waivers: bool, today: str | None
) -> dict[str, object]:
    """The settings check and report share, as given on the command line."""
    values = waiver_values(waivers, no_waivers, today)
    if "framework" in given(ctx):
        values["framework"] = framework
    return values


def _limit_values(ctx: typer.Context, values: dict[str, int]) -> dict[str, object]:
    """The limits given on the command line, keyed as settings."""
    chosen = given(ctx)
    return {f"limits.{name}": value for name, value in values.items() if name in chosen}


def _output_values(
    ctx: typer.Context,
    formats: list[CheckFormat] | None,
    outputs: list[Path] | None,
    files: list[Path],
) -> dict[str, object]:
    """The outputs given with --format and --output, paired in command-line order."""
    from leadaudit.cli.outputs import interleave, plan_outputs
    from leadaudit.config import default_format

    if not (formats or outputs):
        return {}
    kinds = {"output_formats": "format", "outputs": "output"}
    order = [kinds[n] for n in ctx.meta.get(ORDER_KEY, []) if n in kinds]
    sequence = interleave(order, [f.value for f in formats or []], outputs or [])
    return {"outputs": plan_outputs(sequence, default_format(), files)}


def _run(
    files: list[Path],
    settings: "Settings",
    options: "RenderOptions",
    input_format: str | None,
    config_file: str | None,
    junior: Path | None = None,
) -> int:
    """Audit the files and write the outputs; the exit code the findings call for."""
    from leadaudit.cli.batch import chart_files
    from leadaudit.cli.runner import audit_files, check_outputs, emit, exit_code, inputs_of

    files = chart_files(files, settings, input_format)
    inputs = inputs_of(files, settings, options, config_file)
    if junior is not None:
        _check_junior(files, settings)
        inputs.append(junior)
    check_outputs(settings, options, inputs)
    outcome = audit_files(files, settings, input_format, junior)
    if outcome.problems:
        print_problems(outcome.problems, outcome.omitted)
        return EXIT_INPUT
    text = emit(outcome.results, settings, replace(options, baseline=outcome.baseline))
    to_stdout = [spec.format for spec in settings.outputs if spec.path is None]
    if to_stdout and to_stdout[0] in LINE_FORMATS:
        out(text)  # text and Markdown: no line may start a CI command
    else:
        write_stdout(text)  # JSON, SARIF and JUnit quote their data; github means it
    return exit_code(outcome.results, settings)


def _check_junior(files: list[Path], settings: "Settings") -> None:
    """--junior belongs to one organogram, and a baseline read from git has no junior file."""
    from leadaudit.errors import UsageError

    if len(files) != 1:
        raise UsageError(
            f"--junior goes with one organogram's senior-staff CSV; this run has {len(files)} "
            "org charts"
        )
    if settings.baseline_ref is not None:
        raise UsageError(
            "--junior cannot be used with a baseline read from git (--baseline-ref or the "
            "configuration's baseline_ref): save one with --format json and give --baseline"
        )


JuniorOption = Annotated[
    Path | None,
    typer.Option(
        "--junior",
        metavar="FILE",
        help="An organogram's junior-staff CSV, counted under the senior posts of the one "
        "organogram checked (as leadaudit import --junior does).",
        show_default=False,
    ),
]
FilesArgument = Annotated[
    list[Path],
    typer.Argument(
        metavar="FILE|DIR...",
        help="Org charts to audit (YAML or CSV), or folders of them (searched recursively).",
        show_default=False,
    ),
]
FormatsOption = Annotated[
    list[CheckFormat] | None,
    typer.Option(
        "--format",
        metavar="|".join(OUTPUT_FORMATS),
        help="Output format; repeat for several outputs. Default: the config's outputs, else "
        "text, or github when GITHUB_ACTIONS is true.",
        show_default=False,
    ),
]
OutputsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the --format before it to this file (atomically) instead of stdout.",
        show_default=False,
    ),
]
FailOnOption = Annotated[
    FailOnChoice,
    typer.Option(
        "--fail-on",
        metavar="error|warning|info|never",
        help="Lowest severity that makes the exit code 1. Default: the config's fail_on, "
        "else error.",
        show_default=False,
    ),
]
MaxFileSizeOption = Annotated[
    int,
    typer.Option(
        metavar="BYTES",
        help="Largest input file, in bytes; a 100,000-post org chart is about 17 MB. Default: "
        "the config's limits.max_file_size, else 64 MiB; at most 1 GiB.",
        show_default=False,
        min=1,
        max=CEILINGS["max_file_size"],
    ),
]
MaxDepthOption = Annotated[
    int,
    typer.Option(
        metavar="N",
        help="Deepest nesting of YAML mappings and lists; an org chart needs 4 or 5. Default: "
        "the config's limits.max_depth, else 64; at most 500.",
        show_default=False,
        min=1,
        max=CEILINGS["max_depth"],
    ),
]
MaxAliasNodesOption = Annotated[
    int,
    typer.Option(
        metavar="N",
        help="Most nodes that YAML aliases (*name) may add in total; files without aliases add "
        "none. Default: the config's limits.max_alias_nodes, else 10,000; at most 1,000,000.",
        show_default=False,
        min=0,
        max=CEILINGS["max_alias_nodes"],
    ),
]


@app.command(cls=OrderedOptionsCommand)
def check(
    ctx: typer.Context,
    files: FilesArgument,
    framework: FrameworkOption = "rec20",
    output_formats: FormatsOption = None,
    outputs: OutputsOption = None,
    template: TemplateOption = None,
    report_date: DateOption = None,
    fail_on: FailOnOption = FailOnChoice.error,
    max_file_size: MaxFileSizeOption = 64 * 1024 * 1024,
    max_depth: MaxDepthOption = 64,
    max_alias_nodes: MaxAliasNodesOption = 10_000,
    input_format: InputFormatOption = None,
    junior: JuniorOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    waivers: WaiversOption = None,
    no_waivers: NoWaiversOption = False,
    today: TodayOption = None,
    baseline: BaselineOption = None,
    baseline_ref: BaselineRefOption = None,
    no_baseline: NoBaselineOption = False,
) -> None:
    """Audit org chart files against a framework (Recommendation 20 by default).

    Several outputs in one run: each --output belongs to the --format before it, e.g.
    --format sarif -o results.sarif --format markdown -o report.md --format text.

    With a baseline (--baseline or --baseline-ref), findings it records persist and
    only new ones count towards the exit code; those it records that are gone are fixed.

    Exit codes: 0 no (new) finding at or above --fail-on; 1 (new) findings at or above
    it; 2 usage, input, framework or baseline error; 3 internal error.
    """
    with user_errors():
        from leadaudit.errors import UsageError
        from leadaudit.findings import FailOn
        from leadaudit.reporters import RenderOptions

        refuse_repeats(ctx, "framework", "--framework")
        cli_values = _shared_values(ctx, framework, waivers, no_waivers, today)
        cli_values |= baseline_values(baseline, baseline_ref, no_baseline)
        if "fail_on" in given(ctx):
            cli_values["fail_on"] = FailOn(fail_on.value)
        cli_values |= _output_values(ctx, output_formats, outputs, files)
        limits = {
            "max_file_size": max_file_size,
            "max_depth": max_depth,
            "max_alias_nodes": max_alias_nodes,
        }
        cli_values |= _limit_values(ctx, limits)
        settings, provenance = resolve(cli_values, config, isolated)
        if not any(spec.format == "markdown" for spec in settings.outputs):
            for option, option_value in (("--template", template), ("--date", report_date)):
                if option_value is not None:
                    raise UsageError(f"{option} applies only to --format markdown")
        use_rich, color, width = terminal()
        options = RenderOptions(
            color=color,
            width=width,
            rich=use_rich,
            date=parse_date(report_date, "--date"),
            template=template,
        )
        chosen_format = input_format.value if input_format else None
        fail(_run(files, settings, options, chosen_format, provenance.config_file, junior))


@app.command(cls=OrderedOptionsCommand)
def report(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE|DIR",
            help="Org chart to report on, or a folder of them (one report each, in turn).",
            show_default=False,
        ),
    ],
    framework: FrameworkOption = "rec20",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to this file (atomically) instead of stdout.",
            show_default=False,
        ),
    ] = None,
    template: TemplateOption = None,
    report_date: DateOption = None,
    input_format: InputFormatOption = None,
    junior: JuniorOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    waivers: WaiversOption = None,
    no_waivers: NoWaiversOption = False,
    today: TodayOption = None,
    baseline: BaselineOption = None,
    baseline_ref: BaselineRefOption = None,
    no_baseline: NoBaselineOption = False,
) -> None:
    """Write a Markdown gap report for one org chart.

    Exit codes: 0 report written (whatever it found); 2 usage, input, framework or
    template error (nothing is written); 3 internal error.
    """
    with user_errors():
        from leadaudit.cli.outputs import OptionKind, plan_outputs
        from leadaudit.reporters import RenderOptions

        sequence: list[tuple[OptionKind, str | Path]] = [("format", "markdown")]
        if output is not None:
            sequence.append(("output", output))
        refuse_repeats(ctx, "framework", "--framework")
        cli_values = _shared_values(ctx, framework, waivers, no_waivers, today)
        cli_values |= baseline_values(baseline, baseline_ref, no_baseline)
        cli_values["outputs"] = plan_outputs(sequence, "markdown", [file])
        settings, provenance = resolve(cli_values, config, isolated)
        options = RenderOptions(date=parse_date(report_date, "--date"), template=template)
        chosen_format = input_format.value if input_format else None
        code = _run([file], settings, options, chosen_format, provenance.config_file, junior)
        fail(EXIT_OK if code != EXIT_INPUT else EXIT_INPUT)
