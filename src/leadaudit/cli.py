"""The command line: parse options, call the pipeline, write outputs, map outcomes to exit codes."""

from __future__ import annotations

import gc
import os
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from typer.core import TyperCommand

from leadaudit import __version__
from leadaudit.kinds import AuthorityType

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
    """The --format choices of check: one per entry of leadaudit.reporters.FORMATS."""

    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    markdown = "markdown"


# Options that check, report and config share (Typer reads these declarations only).
_CONFIG_OPTION = typer.Option(
    None, "--config", help="Configuration file to use instead of the one found upward."
)
_ISOLATED_OPTION = typer.Option(False, "--isolated", help="Ignore configuration files.")
_WAIVERS_OPTION = typer.Option(
    None, "--waivers", help="Waivers file (accepted findings with an expiry date)."
)
_NO_WAIVERS_OPTION = typer.Option(
    False, "--no-waivers", help="Apply no waivers: show every finding."
)
_TODAY_OPTION = typer.Option(
    None, "--today", metavar="YYYY-MM-DD", help="Date to judge waiver expiry by."
)


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
    except BrokenPipeError:
        # The reader of the output has gone (``| head``): the output is incomplete, and
        # saying so on a terminal that asked for a few lines would only be noise.
        _fail(EXIT_INPUT)
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
        _err(f"... and {len(problems) - MAX_PROBLEMS_SHOWN} more problems")


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


_ORDER_KEY = "leadaudit.option_order"


class _OrderedOptionsCommand(TyperCommand):
    """Remembers the order of repeated options, so each --output pairs with its --format."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            _, _, order = self.make_parser(ctx).parse_args(args=list(args))
        except Exception:  # the real parse below reports the problem
            order = []
        ctx.meta[_ORDER_KEY] = [getattr(param, "name", "") for param in order]
        result: list[str] = super().parse_args(ctx, args)
        return result


def _parse_date(value: str | None, option: str) -> date | None:
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


def _given(ctx: typer.Context) -> set[str]:
    """Names of the options given on the command line (not left at their defaults)."""
    given = set()
    for name in ctx.params:
        source = ctx.get_parameter_source(name)
        if source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT", "PROMPT"):
            given.add(name)
    return given


def _waiver_values(waivers: Path | None, no_waivers: bool, today: str | None) -> dict[str, object]:
    """The waiver settings given on the command line."""
    from leadaudit.errors import UsageError

    if waivers is not None and no_waivers:
        raise UsageError("--waivers and --no-waivers cannot be used together")
    values: dict[str, object] = {}
    if waivers is not None:
        values["waivers"] = waivers
    if no_waivers:
        values["use_waivers"] = False
    parsed = _parse_date(today, "--today")
    if parsed is not None:
        values["today"] = parsed
    return values


def _configured_framework(ctx: typer.Context, framework: str) -> str:
    """--framework when given, else the configured framework (found upward), else rec20."""
    if "framework" in _given(ctx):
        return framework
    from leadaudit.config import resolve_settings

    settings, _ = resolve_settings({}, Path.cwd())
    return settings.framework


@app.command(cls=_OrderedOptionsCommand)
def check(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(
        ..., help="Org chart YAML files to audit.", show_default=False
    ),
    framework: str = typer.Option(
        "rec20",
        "--framework",
        "-f",
        help="Bundled framework name or path to a framework YAML file.",
    ),
    output_formats: list[CheckFormat] | None = typer.Option(
        None,
        "--format",
        help="Output format; repeat for several outputs. Default: text, or github when "
        "GITHUB_ACTIONS is true.",
        show_default=False,
    ),
    outputs: list[Path] | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Write the --format before it to this file (atomically) instead of stdout.",
        show_default=False,
    ),
    template: Path | None = typer.Option(
        None, "--template", help="Jinja2 template for --format markdown.", show_default=False
    ),
    report_date: str | None = typer.Option(
        None,
        "--date",
        metavar="YYYY-MM-DD",
        help="Date for the title block of --format markdown.",
        show_default=False,
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
    config: Path | None = _CONFIG_OPTION,
    isolated: bool = _ISOLATED_OPTION,
    waivers: Path | None = _WAIVERS_OPTION,
    no_waivers: bool = _NO_WAIVERS_OPTION,
    today: str | None = _TODAY_OPTION,
) -> None:
    """Audit org chart files against a framework (Recommendation 20 by default).

    Several outputs in one run: each --output belongs to the --format before it, e.g.
    --format sarif -o results.sarif --format markdown -o report.md --format text.

    Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage,
    input or framework error; 3 internal error.
    """
    with _user_errors():
        from leadaudit.config import resolve_settings
        from leadaudit.errors import UsageError
        from leadaudit.findings import FailOn
        from leadaudit.outputplan import default_format, interleave, plan_outputs
        from leadaudit.reporters import RenderOptions
        from leadaudit.runner import audit_files, check_outputs, emit, exit_code

        given = _given(ctx)
        cli_values: dict[str, object] = _waiver_values(waivers, no_waivers, today)
        if "framework" in given:
            cli_values["framework"] = framework
        if "fail_on" in given:
            cli_values["fail_on"] = FailOn(fail_on.value)
        if output_formats or outputs:
            kinds = {"output_formats": "format", "outputs": "output"}
            order = [kinds[n] for n in ctx.meta.get(_ORDER_KEY, []) if n in kinds]
            sequence = interleave(order, [f.value for f in output_formats or []], outputs or [])
            cli_values["outputs"] = plan_outputs(sequence, default_format(), files)
        for name, value in (
            ("max_file_size", max_file_size),
            ("max_depth", max_depth),
            ("max_alias_nodes", max_alias_nodes),
        ):
            if name in given:
                cli_values[f"limits.{name}"] = value
        settings, provenance = resolve_settings(
            cli_values, Path.cwd(), config=config, isolated=isolated
        )
        if provenance.sources["outputs"].kind == "default":
            settings = replace(settings, outputs=plan_outputs([], default_format(), files))
        if not any(spec.format == "markdown" for spec in settings.outputs):
            for option, option_value in (("--template", template), ("--date", report_date)):
                if option_value is not None:
                    raise UsageError(f"{option} applies only to --format markdown")
        use_rich, color, width = _terminal()
        options = RenderOptions(
            color=color,
            width=width,
            rich=use_rich,
            date=_parse_date(report_date, "--date"),
            template=template,
        )
        check_outputs(settings, options)
        outcome = audit_files(files, settings)
        if outcome.problems:
            _print_problems(outcome.problems)
            _fail(EXIT_INPUT)
        sys.stdout.write(emit(outcome.results, settings, options))
        _fail(exit_code(outcome.results, settings))


@app.command()
def report(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="Org chart YAML file to report on.", show_default=False),
    framework: str = typer.Option(
        "rec20",
        "--framework",
        "-f",
        help="Bundled framework name or path to a framework YAML file.",
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Write the report to this file (atomically) instead of stdout.",
        show_default=False,
    ),
    template: Path | None = typer.Option(
        None,
        "--template",
        help="Jinja2 template to use instead of the bundled one.",
        show_default=False,
    ),
    report_date: str | None = typer.Option(
        None,
        "--date",
        metavar="YYYY-MM-DD",
        help="Date for the title block (none by default, so reports are reproducible).",
        show_default=False,
    ),
    config: Path | None = _CONFIG_OPTION,
    isolated: bool = _ISOLATED_OPTION,
    waivers: Path | None = _WAIVERS_OPTION,
    no_waivers: bool = _NO_WAIVERS_OPTION,
    today: str | None = _TODAY_OPTION,
) -> None:
    """Write a Markdown gap report for one org chart.

    Exit codes: 0 report written (whatever it found); 2 usage, input, framework or
    template error (nothing is written); 3 internal error.
    """
    with _user_errors():
        from leadaudit.config import resolve_settings
        from leadaudit.outputplan import OptionKind, plan_outputs
        from leadaudit.reporters import RenderOptions
        from leadaudit.runner import audit_files, check_outputs, emit

        sequence: list[tuple[OptionKind, str | Path]] = [("format", "markdown")]
        if output is not None:
            sequence.append(("output", output))
        cli_values: dict[str, object] = _waiver_values(waivers, no_waivers, today)
        cli_values["outputs"] = plan_outputs(sequence, "markdown", [file])
        if "framework" in _given(ctx):
            cli_values["framework"] = framework
        settings, _ = resolve_settings(cli_values, Path.cwd(), config=config, isolated=isolated)
        options = RenderOptions(date=_parse_date(report_date, "--date"), template=template)
        check_outputs(settings, options)
        outcome = audit_files([file], settings)
        if outcome.problems:
            _print_problems(outcome.problems)
            _fail(EXIT_INPUT)
        sys.stdout.write(emit(outcome.results, settings, options))
        _fail(EXIT_OK)


@app.command()
def rules(
    ctx: typer.Context,
    framework: str = typer.Option(
        "rec20",
        "--framework",
        "-f",
        help="Bundled framework name or path to a framework YAML file.",
    ),
    output_format: RulesFormat = typer.Option(RulesFormat.text, "--format", help="Output format."),
) -> None:
    """List the rules of a framework (the configured one unless --framework is given)."""
    with _user_errors():
        from leadaudit import catalogue

        fw = _load_framework(_configured_framework(ctx, framework))
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
    ctx: typer.Context,
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

        fw = _load_framework(_configured_framework(ctx, framework))
        rule = fw.rule(rule_id)
        if rule is None:
            hint = did_you_mean(rule_id.upper(), [r.id for r in fw.rules]) or did_you_mean(
                rule_id, [r.slug for r in fw.rules]
            )
            raise UsageError(
                f"unknown rule '{rule_id}' in framework {fw.name}" + (f" ({hint})" if hint else "")
            )
        sys.stdout.write(catalogue.explain_text(fw, rule))


class ListFormat(str, Enum):
    text = "text"
    json = "json"


class SchemaName(str, Enum):
    orgchart = "orgchart"
    framework = "framework"
    config = "config"
    waivers = "waivers"


class CiChoice(str, Enum):
    github = "github"
    gitlab = "gitlab"
    none = "none"


@app.command()
def frameworks(
    output_format: ListFormat = typer.Option(ListFormat.text, "--format", help="Output format."),
) -> None:
    """List the bundled frameworks."""
    with _user_errors():
        from leadaudit import catalogue
        from leadaudit.frameworks import bundled_names, load_framework

        found = [load_framework(name) for name in bundled_names()]
        if output_format is ListFormat.json:
            sys.stdout.write(catalogue.frameworks_json(found))
        else:
            sys.stdout.write(catalogue.frameworks_text(found))


@app.command("config")
def show_config(
    config: Path | None = typer.Option(
        None, "--config", help="Configuration file to use instead of the one found upward."
    ),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore configuration files."),
    framework: str | None = typer.Option(
        None, "--framework", "-f", help="Framework, as 'check --framework' would take it."
    ),
    fail_on: FailOnChoice | None = typer.Option(
        None, "--fail-on", help="Fail-on threshold, as 'check --fail-on' would take it."
    ),
    waivers: Path | None = typer.Option(None, "--waivers", help="Waivers file."),
    no_waivers: bool = typer.Option(False, "--no-waivers", help="Apply no waivers."),
    today: str | None = typer.Option(
        None, "--today", metavar="YYYY-MM-DD", help="Date to judge waiver expiry by."
    ),
    output_format: ListFormat = typer.Option(ListFormat.text, "--format", help="Output format."),
) -> None:
    """Show the settings 'check' would use, and where each one came from."""
    with _user_errors():
        from leadaudit.config import config_json, config_text, resolve_settings
        from leadaudit.findings import FailOn

        cli_values = _waiver_values(waivers, no_waivers, today)
        if framework is not None:
            cli_values["framework"] = framework
        if fail_on is not None:
            cli_values["fail_on"] = FailOn(fail_on.value)
        settings, provenance = resolve_settings(
            cli_values, Path.cwd(), config=config, isolated=isolated
        )
        render = config_json if output_format is ListFormat.json else config_text
        sys.stdout.write(render(settings, provenance, date.today()))


@app.command()
def schema(
    name: SchemaName = typer.Argument(
        ..., help="Which file: orgchart, framework, config or waivers.", show_default=False
    ),
) -> None:
    """Print the JSON Schema of a leadaudit file, for editors and other tools."""
    with _user_errors():
        from leadaudit.schema import schema_json

        sys.stdout.write(schema_json(name.value))


def _interactive() -> bool:
    """Whether a person can answer prompts (stdin is a terminal)."""
    return sys.stdin.isatty()


def _ask_choice(label: str, choices: list[str], default: str | None) -> str:
    while True:
        answer: str = typer.prompt(f"{label} ({', '.join(choices)})", default=default)
        if answer in choices:
            return answer
        typer.echo(f"Please answer one of: {', '.join(choices)}", err=True)


@app.command()
def init(
    authority_type: AuthorityType | None = typer.Option(
        None, "--type", help="Authority type (asked for on a terminal)."
    ),
    name: str | None = typer.Option(
        None, "--name", help="Authority name (asked for on a terminal)."
    ),
    directory: Path = typer.Option(Path(), "--dir", help="Folder to write the files into."),
    ci: CiChoice | None = typer.Option(
        None, "--ci", help="CI workflow to add: github, gitlab or none (asked for on a terminal)."
    ),
    framework: str = typer.Option(
        "rec20", "--framework", "-f", help="Framework for the configuration file."
    ),
    schemas: bool = typer.Option(
        True, "--schemas/--no-schemas", help="Write JSON Schemas for editor completion."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite files that already exist."),
) -> None:
    """Start an org chart, configuration and waivers file (and optionally a CI workflow)."""
    with _user_errors():
        from leadaudit.errors import UsageError
        from leadaudit.output import write_atomic
        from leadaudit.scaffold import Ci, scaffold
        from leadaudit.yamlload import find_bad_char

        interactive = _interactive()
        if name is None and interactive:
            name = typer.prompt("Authority name")
        if authority_type is None and interactive:
            authority_type = AuthorityType(
                _ask_choice("Authority type", [t.value for t in AuthorityType], None)
            )
        if ci is None and interactive:
            ci = CiChoice(_ask_choice("CI workflow", [c.value for c in CiChoice], "none"))
        if name is None or authority_type is None:
            raise UsageError(
                "--name and --type are needed when leadaudit cannot ask (not on a terminal)"
            )
        name = name.strip()
        if not name or find_bad_char(name) or len(name) > 200:
            raise UsageError(
                "--name: give the authority's name as plain text, at most 200 characters"
            )
        files = scaffold(
            name,
            authority_type,
            framework,
            Ci((ci or CiChoice.none).value),
            schemas,
        )
        targets = {directory / rel: text for rel, text in files.items()}
        links = [str(p) for p in targets if p.is_symlink()]
        if links:
            raise UsageError("refusing to write through a symbolic link: " + ", ".join(links))
        existing = [str(p) for p in targets if p.exists()]
        if existing and not force:
            raise UsageError(
                "would overwrite " + ", ".join(existing) + "; nothing written (use --force)"
            )
        for path, text in targets.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, text)
        for path in targets:
            typer.echo(f"wrote {path}")
        where = "" if directory == Path() else f"cd {directory} && "
        typer.echo(
            f"Next: fill in the posts in org.yaml, then run: {where}leadaudit check org.yaml"
        )


def run() -> int:
    """Run the command line on ``sys.argv`` and return the exit code, without exiting."""
    try:
        app()
    except SystemExit as exc:
        return _exit_status(exc.code)
    except Exception as exc:  # pragma: no cover - last line of defence
        _err(
            f"leadaudit: internal error: {type(exc).__name__}: {exc}\nThis is a bug in leadaudit; please report it."
        )
        return EXIT_INTERNAL
    return EXIT_OK


def _exit_status(code: object) -> int:
    """The process status Python would give ``sys.exit(code)``."""
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    _err(str(code))
    return EXIT_FINDINGS


def main() -> NoReturn:
    """Console-script entry point: run, flush the output, and end the process at once.

    Ending with os._exit skips tearing down the interpreter and freeing every object one
    by one, which is all a finished run has left to do: on a 100,000-post chart that takes
    a tenth of the run. The loaded charts are kept alive until then for the same reason.
    Files are already written and closed (atomically) by then; only the standard streams
    hold buffered output.
    """
    from leadaudit.runner import keep_loaded_until_exit

    # One run, then the process ends: the cyclic garbage a run makes (schema building,
    # templates) is small, and collector passes over the growing heap cost several
    # percent of it. Loading a chart pauses the collector in any case (see paused_gc).
    gc.disable()
    keep_loaded_until_exit()
    code = run()
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with the stream closed
            continue
        try:
            stream.flush()
        except BrokenPipeError:
            code = EXIT_INPUT  # the reader has gone (``| head``): see _user_errors
        except (OSError, ValueError) as exc:
            if stream is sys.stdout:
                _err(f"leadaudit: error: could not write to standard output: {exc}")
                code = EXIT_INPUT
    if sys.gettrace() is not None or sys.getprofile() is not None:
        # Under a profiler or a coverage tracer: exit normally, so theirs report at exit.
        sys.exit(code)
    os._exit(code)
