"""The ``waive`` command: accept the current findings of a rule, pinned, in a waivers file."""

from pathlib import Path
from typing import Annotated

import typer

from leadaudit.cli.app import app
from leadaudit.cli.exits import out, user_errors
from leadaudit.cli.options import (
    ConfigOption,
    FrameworkOption,
    InputFormatOption,
    IsolatedOption,
    given,
    parse_date,
    resolve,
)
from leadaudit.sanitize import one_line

DEFAULT_WAIVERS = Path("waivers.yaml")


def _waivers_path(waivers: Path | None, configured: Path | None) -> Path:
    """--waivers, else the configured waivers file, else waivers.yaml here."""
    return waivers or configured or DEFAULT_WAIVERS


@app.command()
def waive(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="Org chart file whose findings to accept.")
    ],
    rule: Annotated[
        str, typer.Option("--rule", metavar="ID", help="Rule id (or slug) of the findings.")
    ],
    justification: Annotated[
        str, typer.Option("--justification", metavar="TEXT", help="Why the findings are accepted.")
    ],
    owner: Annotated[str, typer.Option("--owner", metavar="TEXT", help="Who owns the decision.")],
    expires: Annotated[
        str, typer.Option("--expires", metavar="YYYY-MM-DD", help="Last day the waiver holds.")
    ],
    subject: Annotated[
        str | None,
        typer.Option(
            "--subject", metavar="ID", help="Only the finding about this post or member id."
        ),
    ] = None,
    waivers: Annotated[
        Path | None,
        typer.Option(
            "--waivers",
            metavar="FILE",
            help="Waivers file to add to (created if missing). Default: the config's waivers, "
            "else waivers.yaml.",
            show_default=False,
        ),
    ] = None,
    framework: FrameworkOption = "rec20",
    input_format: InputFormatOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Accept the current findings of a rule: append waivers pinned to them.

    Each waiver records the finding's severity and what was found, so a finding that
    later gets worse (a leader moved further down, another basis) is reported again.
    Exit codes: 0 written; 2 usage or input error, or no such finding (nothing written).
    """
    with user_errors():
        from leadaudit.waive import one_line_text, write_waivers

        values: dict[str, object] = {}
        if "framework" in given(ctx):
            values["framework"] = framework
        settings, _ = resolve(values, config, isolated)
        when = parse_date(expires, "--expires")
        assert when is not None
        path = _waivers_path(waivers, settings.waivers)
        written = write_waivers(
            file,
            path,
            settings,
            rule=rule,
            subject=subject,
            justification=one_line_text(justification, "--justification"),
            owner=one_line_text(owner, "--owner"),
            expires=when,
            input_format=input_format.value if input_format else None,
        )
        noun = "waiver" if written == 1 else "waivers"
        out(one_line(f"added {written} pinned {noun} for {rule} to {path}") + "\n")
