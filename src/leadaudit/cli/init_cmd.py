"""The ``init`` command: start an org chart, configuration and waivers file for a new
authority, asking on a terminal for what was not given."""

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from leadaudit.cli.app import app
from leadaudit.cli.exits import out, user_errors
from leadaudit.kinds import AuthorityType
from leadaudit.sanitize import one_line
from leadaudit.version import __version__


class CiChoice(str, Enum):
    """The --ci choices."""

    github = "github"
    gitlab = "gitlab"
    none = "none"


def _interactive() -> bool:
    """Whether a person can answer prompts (stdin is a terminal)."""
    return sys.stdin.isatty()


def _ask_choice(label: str, choices: list[str], default: str | None) -> str:
    """Ask until the answer is one of ``choices`` (in any case, spaces for underscores)."""
    from leadaudit.messages import did_you_mean

    while True:
        answer: str = typer.prompt(f"{label} ({', '.join(choices)})", default=default)
        normal = answer.strip().lower().replace(" ", "_").replace("-", "_")
        if normal in choices:
            return normal
        hint = did_you_mean(normal, choices)
        typer.echo(
            f"Please answer one of: {', '.join(choices)}" + (f" ({hint})" if hint else ""),
            err=True,
        )


def _write(targets: dict[Path, str], force: bool) -> None:
    """Write every file, or none when one would go through a link or over a file."""
    from leadaudit.errors import UsageError
    from leadaudit.write import write_all

    links = [str(p) for p in targets if p.is_symlink()]
    if links:
        raise UsageError("refusing to write through a symbolic link: " + ", ".join(links))
    existing = [str(p) for p in targets if p.exists()]
    if existing and not force:
        raise UsageError(
            "would overwrite " + ", ".join(existing) + "; nothing written (use --force)"
        )
    for path in targets:
        path.parent.mkdir(parents=True, exist_ok=True)
    write_all(list(targets.items()))  # all the files or none


def _source(source: str | None) -> str:
    """--source checked, or the placeholder for the user to replace."""
    from leadaudit.errors import UsageError
    from leadaudit.scaffold import SOURCE_FORMAT, SOURCE_PLACEHOLDER

    if source is None:
        return SOURCE_PLACEHOLDER
    if not SOURCE_FORMAT.fullmatch(source):
        raise UsageError(
            f"--source: '{source}' is neither OWNER/REPO@REF (e.g. a release tag) nor ./PATH"
        )
    return source


def _replace_source_note(workflow: Path) -> str:
    from leadaudit.scaffold import SOURCE_PLACEHOLDER

    return (
        f"Before the first run, replace {SOURCE_PLACEHOLDER} in {workflow} with the "
        "repository leadaudit comes from (or run init again with --source OWNER/REPO@REF "
        "--force)"
    )


SourceOption = Annotated[
    str | None,
    typer.Option(
        "--source",
        metavar="OWNER/REPO@REF|./PATH",
        help="Where the CI workflow takes leadaudit from: the GitHub repository of "
        "leadaudit at a release tag, or ./PATH when it sits in the same repository. "
        f"Default: OWNER/leadaudit@v{__version__}, to replace before the first run.",
        show_default=False,
    ),
]


@app.command()
def init(
    authority_type: Annotated[
        AuthorityType | None,
        typer.Option("--type", metavar="TYPE", help="Authority type (asked for on a terminal)."),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option("--name", metavar="TEXT", help="Authority name (asked for on a terminal)."),
    ] = None,
    directory: Annotated[
        Path, typer.Option("--dir", metavar="FOLDER", help="Folder to write the files into.")
    ] = Path(),
    ci: Annotated[
        CiChoice | None,
        typer.Option(
            "--ci",
            metavar="github|gitlab|none",
            help="CI workflow to add: github, gitlab or none (asked for on a terminal).",
        ),
    ] = None,
    framework: Annotated[
        str,
        typer.Option(
            "--framework", "-f", metavar="NAME|PATH", help="Framework for the configuration file."
        ),
    ] = "rec20",
    source: SourceOption = None,
    schemas: Annotated[
        bool,
        typer.Option("--schemas/--no-schemas", help="Write JSON Schemas for editor completion."),
    ] = True,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite files that already exist.")
    ] = False,
) -> None:
    """Start an org chart, configuration and waivers file (and optionally a CI workflow)."""
    with user_errors():
        from leadaudit.errors import UsageError
        from leadaudit.importers.text import find_bad_char
        from leadaudit.scaffold import CI_FILES, Ci, scaffold

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
        chosen_ci = Ci((ci or CiChoice.none).value)
        files = scaffold(name, authority_type, framework, chosen_ci, schemas, _source(source))
        targets = {directory / rel: text for rel, text in files.items()}
        _write(targets, force)
        lines = [f"wrote {path}" for path in targets]
        if chosen_ci is not Ci.none and source is None:
            lines.append(_replace_source_note(directory / CI_FILES[chosen_ci]))
        where = "" if directory == Path() else f"cd {directory} && "
        lines.append(
            f"Next: fill in the posts in org.yaml, then run: {where}leadaudit check org.yaml"
        )
        out("".join(f"{one_line(line)}\n" for line in lines))
