"""The command line: parse options, call the pipeline, write outputs, map outcomes to exit codes."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from leadaudit import __version__

if TYPE_CHECKING:
    from leadaudit.errors import Problem
    from leadaudit.frameworks import Framework

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
MAX_PROBLEMS_SHOWN = 50

app = typer.Typer(
    name="leadaudit",
    help="Audit a public authority's digital leadership structure against Recommendation 20.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


class RulesFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class FailOnChoice(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _err(text: str) -> None:
    from leadaudit.reporters.sanitize import clean

    sys.stderr.write(clean(text) + "\n")


def _fail(code: int) -> NoReturn:
    raise typer.Exit(code)


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn errors a user can cause into exit 2 and anything else into exit 3."""
    from leadaudit.errors import InputError, LeadauditError

    try:
        yield
    except typer.Exit:
        raise
    except InputError as exc:
        _print_problems(exc.problems)
        _fail(EXIT_INPUT)
    except LeadauditError as exc:
        _err(f"leadaudit: error: {exc}")
        _fail(EXIT_INPUT)
    except KeyboardInterrupt:
        _err("leadaudit: interrupted")
        _fail(130)
    except Exception as exc:
        _err(
            f"leadaudit: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in leadaudit, not in your files. Please report it on the leadaudit "
            "issue tracker with the command you ran and, if you can, the input file."
        )
        _fail(EXIT_INTERNAL)


def _print_problems(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        _err(problem.render())
    if len(problems) > MAX_PROBLEMS_SHOWN:
        _err(f"... and {len(problems) - MAX_PROBLEMS_SHOWN} more problems in the same file")


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"leadaudit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        help="Show the version and exit.",
        callback=_version_callback,
        is_eager=True,
    ),
) -> None:
    """Audit a public authority's digital leadership structure against Recommendation 20."""


def _terminal() -> tuple[bool, bool, int]:
    """(use the rich layout, use colour, width) from the environment and stdout."""
    tty = sys.stdout.isatty()
    force = bool(os.environ.get("FORCE_COLOR"))
    no_color = "NO_COLOR" in os.environ and os.environ["NO_COLOR"] != ""
    use_rich = tty or force
    width = shutil.get_terminal_size((100, 24)).columns if tty else 100
    return use_rich, use_rich and not no_color, max(width, 60)


def _load_framework(spec: str) -> Framework:
    from leadaudit.frameworks import load_framework

    return load_framework(spec)


@app.command()
def check(
    files: list[Path] = typer.Argument(
        ..., help="Org chart YAML files to audit.", show_default=False
    ),
    framework: str = typer.Option(
        "rec20",
        "--framework",
        "-f",
        help="Bundled framework name or path to a framework YAML file.",
    ),
    output_format: CheckFormat = typer.Option(CheckFormat.text, "--format", help="Output format."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the output to this file instead of stdout."
    ),
    fail_on: FailOnChoice = typer.Option(
        FailOnChoice.error, "--fail-on", help="Lowest severity that makes the exit code 1."
    ),
    max_file_size: int = typer.Option(
        64 * 1024 * 1024,
        help="Largest input file, in bytes (64 MiB; a 100,000-post org chart is about 17 MB).",
        min=1,
    ),
    max_depth: int = typer.Option(
        64,
        help="Deepest nesting of YAML mappings and lists (an org chart needs 4 or 5).",
        min=1,
    ),
    max_alias_nodes: int = typer.Option(
        10_000,
        help="Most nodes that YAML aliases (*name) may add in total; files without aliases add none.",
        min=0,
    ),
) -> None:
    """Audit org chart files against a framework (Recommendation 20 by default).

    Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage,
    input or framework error; 3 internal error.
    """
    with _user_errors():
        from leadaudit.findings import FailOn
        from leadaudit.limits import Limits
        from leadaudit.reporters import RenderOptions
        from leadaudit.runner import audit_files, check_outputs, emit, exit_code
        from leadaudit.settings import OutputSpec, Settings

        settings = Settings(
            framework=framework,
            fail_on=FailOn(fail_on.value),
            outputs=(OutputSpec(output_format.value, output),),
            limits=Limits(
                max_file_size=max_file_size, max_depth=max_depth, max_alias_nodes=max_alias_nodes
            ),
        )
        check_outputs(settings)
        outcome = audit_files(files, settings)
        if outcome.problems:
            _print_problems(outcome.problems)
            _fail(EXIT_INPUT)
        use_rich, color, width = _terminal()
        sys.stdout.write(
            emit(outcome.results, settings, RenderOptions(color=color, width=width, rich=use_rich))
        )
        _fail(exit_code(outcome.results, settings))


@app.command()
def rules(
    framework: str = typer.Option(
        "rec20",
        "--framework",
        "-f",
        help="Bundled framework name or path to a framework YAML file.",
    ),
    output_format: RulesFormat = typer.Option(RulesFormat.text, "--format", help="Output format."),
) -> None:
    """List the rules of a framework."""
    with _user_errors():
        from leadaudit import catalogue

        fw = _load_framework(framework)
        use_rich, color, width = _terminal()
        if output_format is RulesFormat.json:
            text = catalogue.rules_json(fw)
        elif output_format is RulesFormat.markdown:
            text = catalogue.rules_markdown(fw)
        else:
            text = catalogue.rules_text(fw, rich=use_rich, color=color, width=width)
        sys.stdout.write(text)


@app.command()
def explain(
    rule_id: str = typer.Argument(
        ..., metavar="RULE", help="Rule id (R20-02) or slug (reports-to-top).", show_default=False
    ),
    framework: str = typer.Option(
        "rec20",
        "--framework",
        "-f",
        help="Bundled framework name or path to a framework YAML file.",
    ),
) -> None:
    """Explain one rule: what it checks, why, what to record and how to fix a finding."""
    with _user_errors():
        from leadaudit import catalogue
        from leadaudit.errors import UsageError, did_you_mean

        fw = _load_framework(framework)
        rule = fw.rule(rule_id)
        if rule is None:
            hint = did_you_mean(rule_id.upper(), [r.id for r in fw.rules]) or did_you_mean(
                rule_id, [r.slug for r in fw.rules]
            )
            raise UsageError(
                f"unknown rule '{rule_id}' in framework {fw.name}" + (f" ({hint})" if hint else "")
            )
        sys.stdout.write(catalogue.explain_text(fw, rule))


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except SystemExit:
        raise
    except Exception as exc:  # pragma: no cover - last line of defence
        _err(
            f"leadaudit: internal error: {type(exc).__name__}: {exc}\nThis is a bug in leadaudit; please report it."
        )
        sys.exit(EXIT_INTERNAL)
