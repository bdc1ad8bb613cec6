"""What the commands share: option declarations (``Annotated``, declared once), choices
built from the registries, and reading option values."""

from __future__ import annotations

import os
import re
import shutil
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from leadaudit.cli.helptext import PlainHelpCommand
from leadaudit.importers import FORMATS as INPUT_FORMATS
from leadaudit.reporters import FORMATS as OUTPUT_FORMATS

if TYPE_CHECKING:
    from leadaudit.config import Provenance
    from leadaudit.settings import Settings

    class CheckFormat(str, Enum):
        """The --format choices of check: the reporter registry's names."""

    class InputFormat(str, Enum):
        """The --input-format choices: the importer registry's names."""

else:
    CheckFormat = Enum("CheckFormat", {name: name for name in OUTPUT_FORMATS}, type=str)
    InputFormat = Enum("InputFormat", {name: name for name in INPUT_FORMATS}, type=str)


class FailOnChoice(str, Enum):
    """The --fail-on choices."""

    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class ListFormat(str, Enum):
    """The --format choices of the listing commands."""

    text = "text"
    json = "json"


class RulesFormat(str, Enum):
    """The --format choices of rules."""

    text = "text"
    json = "json"
    markdown = "markdown"


FrameworkOption = Annotated[
    str,
    typer.Option(
        "--framework",
        "-f",
        metavar="NAME|PATH",
        help="Bundled framework name or path to a framework YAML file. Default: the "
        "config's framework, else rec20.",
        show_default=False,
    ),
]
InputFormatOption = Annotated[
    InputFormat | None,
    typer.Option(
        "--input-format",
        metavar="|".join(INPUT_FORMATS),
        help="Format of the org chart files; by default chosen by file name ending (yaml).",
        show_default=False,
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="Configuration file to use instead of the one found upward.",
    ),
]
IsolatedOption = Annotated[bool, typer.Option("--isolated", help="Ignore configuration files.")]
WaiversOption = Annotated[
    Path | None,
    typer.Option(
        "--waivers",
        metavar="FILE",
        help="Waivers file (accepted findings with an expiry date). Default: the config's "
        "waivers, else none.",
        show_default=False,
    ),
]
NoWaiversOption = Annotated[
    bool, typer.Option("--no-waivers", help="Apply no waivers: show every finding.")
]
TodayOption = Annotated[
    str | None,
    typer.Option("--today", metavar="YYYY-MM-DD", help="Date to judge waiver expiry by."),
]
BaselineOption = Annotated[
    Path | None,
    typer.Option(
        "--baseline",
        metavar="FILE",
        help="A result saved earlier with --format json: only findings it does not record "
        "count towards the exit code, and those it records that are gone are listed as "
        "fixed. Default: the config's baseline, else none.",
        show_default=False,
    ),
]
BaselineRefOption = Annotated[
    str | None,
    typer.Option(
        "--baseline-ref",
        metavar="REV",
        help="A git revision (a branch, tag or commit) whose copies of the org charts are "
        "audited as the baseline, instead of --baseline. Default: the config's "
        "baseline_ref, else none.",
        show_default=False,
    ),
]
NoBaselineOption = Annotated[
    bool, typer.Option("--no-baseline", help="Compare with no baseline: every finding counts.")
]
TemplateOption = Annotated[
    Path | None,
    typer.Option(
        "--template",
        metavar="FILE",
        help="Jinja2 template to use instead of the bundled one.",
        show_default=False,
    ),
]

ORDER_KEY = "leadaudit.option_order"


class OrderedOptionsCommand(PlainHelpCommand):
    """Remembers the order of repeated options, so each --output pairs with its --format."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Note the order of the options, then parse as usual."""
        try:
            _, _, order = self.make_parser(ctx).parse_args(args=list(args))
        except Exception:  # the real parse below reports the problem
            order = []
        ctx.meta[ORDER_KEY] = [getattr(param, "name", "") for param in order]
        result: list[str] = super().parse_args(ctx, args)
        return result


def refuse_repeats(ctx: typer.Context, name: str, option: str) -> None:
    """A UsageError when an option that takes one value was given several times (the last
    would otherwise win without a word)."""
    if ctx.meta.get(ORDER_KEY, []).count(name) > 1:
        from leadaudit.errors import UsageError

        raise UsageError(
            f"{option} was given more than once; it takes one value (run leadaudit once per "
            "framework to audit against several)"
        )


def terminal() -> tuple[bool, bool, int]:
    """(use the terminal layout, use colour, width) from the environment and stdout.

    The width is the terminal's (``COLUMNS`` when set, as for rich and shutil), also when
    FORCE_COLOR asks for the terminal layout on a pipe; never below terminal.MIN_WIDTH.
    """
    from leadaudit.terminal import DEFAULT_WIDTH, MIN_WIDTH

    tty = sys.stdout is not None and sys.stdout.isatty()  # None: started with it closed
    force = bool(os.environ.get("FORCE_COLOR"))
    no_color = "NO_COLOR" in os.environ and os.environ["NO_COLOR"] != ""
    use_rich = tty or force
    width = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns if use_rich else DEFAULT_WIDTH
    return use_rich, use_rich and not no_color, max(width, MIN_WIDTH)


def parse_date(value: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option value as a date; a UsageError naming the option otherwise."""
    from leadaudit.errors import UsageError

    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: '{value}' is not a date in the form YYYY-MM-DD") from None


def given(ctx: typer.Context) -> set[str]:
    """Names of the options given on the command line (not left at their defaults)."""
    names = set()
    for name in ctx.params:
        source = ctx.get_parameter_source(name)
        if source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT", "PROMPT"):
            names.add(name)
    return names


def waiver_values(waivers: Path | None, no_waivers: bool, today: str | None) -> dict[str, object]:
    """The waiver settings given on the command line."""
    from leadaudit.errors import UsageError

    if waivers is not None and no_waivers:
        raise UsageError("--waivers and --no-waivers cannot be used together")
    values: dict[str, object] = {}
    if waivers is not None:
        values["waivers"] = waivers
    if no_waivers:
        values["use_waivers"] = False
    parsed = parse_date(today, "--today")
    if parsed is not None:
        values["today"] = parsed
    return values


def baseline_values(
    baseline: Path | None, baseline_ref: str | None, no_baseline: bool
) -> dict[str, object]:
    """The baseline settings given on the command line: the one given replaces the
    configuration's, of either kind."""
    from leadaudit.errors import UsageError

    named = [
        name
        for name, value in (("--baseline", baseline), ("--baseline-ref", baseline_ref))
        if value is not None
    ]
    if no_baseline and named:
        raise UsageError(f"{named[0]} and --no-baseline cannot be used together")
    if len(named) == 2:
        raise UsageError("--baseline and --baseline-ref cannot be used together; give one")
    if no_baseline or named:
        return {"baseline": baseline, "baseline_ref": baseline_ref}
    return {}


def resolve(
    cli_values: dict[str, object], config: Path | None = None, isolated: bool = False
) -> tuple[Settings, Provenance]:
    """The run's settings and their provenance: config.resolve_settings with the current
    folder, the environment and the reporter registry's format names."""
    from leadaudit.config import resolve_settings

    return resolve_settings(
        cli_values, Path.cwd(), formats=OUTPUT_FORMATS, config=config, isolated=isolated
    )


def configured_framework(ctx: typer.Context, framework: str) -> str:
    """--framework when given, else the configured framework (found upward), else rec20."""
    if "framework" in given(ctx):
        return framework
    settings, _ = resolve({})
    return settings.framework
