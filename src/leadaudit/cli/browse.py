"""The commands that describe rather than audit: ``rules``, ``explain``, ``frameworks``
and ``schema``."""

from enum import Enum
from typing import Annotated

import typer

from leadaudit.cli.app import app
from leadaudit.cli.exits import out, user_errors, write_stdout
from leadaudit.cli.options import (
    FrameworkOption,
    ListFormat,
    RulesFormat,
    configured_framework,
    terminal,
)


class SchemaName(str, Enum):
    """The files ``schema`` prints a JSON Schema for."""

    orgchart = "orgchart"
    framework = "framework"
    config = "config"
    waivers = "waivers"


@app.command()
def rules(
    ctx: typer.Context,
    framework: FrameworkOption = "rec20",
    output_format: Annotated[
        RulesFormat, typer.Option("--format", metavar="text|json|markdown", help="Output format.")
    ] = RulesFormat.text,
) -> None:
    """List the rules of a framework (the configured one unless --framework is given)."""
    with user_errors():
        from leadaudit.framework import catalogue, load_framework

        fw = load_framework(configured_framework(ctx, framework))
        use_rich, color, width = terminal()
        if output_format is RulesFormat.json:
            text = catalogue.rules_json(fw)
        elif output_format is RulesFormat.markdown:
            text = catalogue.rules_markdown(fw)
        else:
            text = catalogue.rules_text(fw, rich=use_rich, color=color, width=width)
        if output_format is RulesFormat.json:
            write_stdout(text)
        else:
            out(text)


@app.command()
def explain(
    ctx: typer.Context,
    rule_id: Annotated[
        str,
        typer.Argument(
            metavar="RULE", help="Rule id (R20-02) or slug (reports-to-top).", show_default=False
        ),
    ],
    framework: FrameworkOption = "rec20",
) -> None:
    """Explain one rule: what it checks, why, what to record and how to fix a finding."""
    with user_errors():
        from leadaudit.errors import UsageError
        from leadaudit.framework import catalogue, load_framework, rule_hint

        fw = load_framework(configured_framework(ctx, framework))
        rule = fw.rule(rule_id)
        if rule is None:
            hint = _elsewhere(rule_id, fw.name) or rule_hint(rule_id, fw.rules, slugs_accepted=True)
            raise UsageError(f"unknown rule '{rule_id}' in framework {fw.name} ({hint})")
        use_rich, _, width = terminal()
        out(catalogue.explain_text(fw, rule, width if use_rich else None))


def _elsewhere(rule_id: str, current: str) -> str | None:
    """Where a rule unknown to the framework in use is found among the bundled ones (a
    report names the statutory basics' rules beside Recommendation 20's)."""
    from leadaudit.framework import bundled_names, load_framework

    for name in bundled_names():
        if name == current:
            continue
        found = load_framework(name).rule(rule_id)
        if found is not None:
            return f"{found.id} is in framework {name}: leadaudit explain {found.id} --framework {name}"
    return None


@app.command()
def frameworks(
    output_format: Annotated[
        ListFormat, typer.Option("--format", metavar="text|json", help="Output format.")
    ] = ListFormat.text,
) -> None:
    """List the bundled frameworks."""
    with user_errors():
        from leadaudit.framework import bundled_names, catalogue, load_framework

        found = [load_framework(name) for name in bundled_names()]
        if output_format is ListFormat.json:
            write_stdout(catalogue.frameworks_json(found))
        else:
            out(catalogue.frameworks_text(found))


@app.command()
def schema(
    name: Annotated[
        SchemaName,
        typer.Argument(
            metavar="NAME",
            help="Which file: orgchart, framework, config or waivers.",
            show_default=False,
        ),
    ],
) -> None:
    """Print the JSON Schema of a leadaudit file, for editors and other tools."""
    with user_errors():
        from leadaudit.schema import schema_json

        write_stdout(schema_json(name.value))
