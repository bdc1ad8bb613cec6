"""The ``config`` command: the settings ``check`` would use, and where each came from."""

from pathlib import Path
from typing import Annotated

import typer

from leadaudit.cli.app import app
from leadaudit.cli.exits import out, user_errors, write_stdout
from leadaudit.cli.options import (
    ConfigOption,
    FailOnChoice,
    IsolatedOption,
    ListFormat,
    TodayOption,
    resolve,
    waiver_values,
)


@app.command("config")
def show_config(
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    framework: Annotated[
        str | None,
        typer.Option(
            "--framework",
            "-f",
            metavar="NAME|PATH",
            help="Framework, as 'check --framework' would take it.",
        ),
    ] = None,
    fail_on: Annotated[
        FailOnChoice | None,
        typer.Option(
            "--fail-on",
            metavar="error|warning|info|never",
            help="Fail-on threshold, as 'check --fail-on' would take it.",
        ),
    ] = None,
    waivers: Annotated[
        Path | None, typer.Option("--waivers", metavar="FILE", help="Waivers file.")
    ] = None,
    no_waivers: Annotated[bool, typer.Option("--no-waivers", help="Apply no waivers.")] = False,
    today: TodayOption = None,
    output_format: Annotated[
        ListFormat, typer.Option("--format", metavar="text|json", help="Output format.")
    ] = ListFormat.text,
) -> None:
    """Show the settings 'check' would use, and where each one came from."""
    with user_errors():
        from leadaudit.config.view import config_json, config_text
        from leadaudit.findings import FailOn

        cli_values = waiver_values(waivers, no_waivers, today)
        if framework is not None:
            cli_values["framework"] = framework
        if fail_on is not None:
            cli_values["fail_on"] = FailOn(fail_on.value)
        settings, provenance = resolve(cli_values, config, isolated)
        if output_format is ListFormat.json:
            write_stdout(config_json(settings, provenance))
        else:
            out(config_text(settings, provenance))
