"""The ``capabilities`` command: the capability ids a framework knows, what each means and
which rules check it, for choosing the ids to give posts and roles."""

from typing import Annotated

import typer

from leadaudit.cli.app import app
from leadaudit.cli.exits import out, user_errors, write_stdout
from leadaudit.cli.options import FrameworkOption, RulesFormat, configured_framework, terminal


@app.command()
def capabilities(
    ctx: typer.Context,
    framework: FrameworkOption = "rec20",
    output_format: Annotated[
        RulesFormat, typer.Option("--format", metavar="text|json|markdown", help="Output format.")
    ] = RulesFormat.text,
) -> None:
    """List the capability ids a framework knows (the configured one unless --framework is
    given), with what each means and the rules that check it."""
    with user_errors():
        from leadaudit.framework import load_framework
        from leadaudit.framework.capability_list import (
            capabilities_json,
            capabilities_markdown,
            capabilities_text,
        )

        fw = load_framework(configured_framework(ctx, framework))
        if output_format is RulesFormat.json:
            write_stdout(capabilities_json(fw))
        elif output_format is RulesFormat.markdown:
            out(capabilities_markdown(fw))
        else:
            use_rich, color, width = terminal()
            out(capabilities_text(fw, rich=use_rich, color=color, width=width))
