"""The ``leadaudit`` Typer application: its name, help and ``--version``.

The commands are declared in their own modules (check.py, browse.py, configure.py,
init_cmd.py), which ``leadaudit.cli`` imports by name to register them.
"""

from typing import Annotated

import typer

from leadaudit.cli.helptext import App
from leadaudit.cli.summaries import APP_HELP
from leadaudit.version import __version__

app = App(
    name="leadaudit",
    help=APP_HELP,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"leadaudit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help="Show the version and exit.",
            callback=_version_callback,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """Audit a public authority's digital leadership structure against Recommendation 20."""
