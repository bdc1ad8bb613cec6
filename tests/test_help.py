"""``--help`` of every command reads as words for people: no Python or Typer type labels,
and no static default where a configuration file decides the value."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import typer.main
from typer.core import TyperGroup

from leadaudit.cli import app
from tests.support import invoke

TYPE_LABEL = re.compile(
    r"<[\w.|\[\], ]+>"  # <str>, <Path>, <list[Path]>, <int range>, <a|b>, <text>, <choice>
    r"|\{[^{}]*\}"  # {FILE...}, {name}: Typer's required arguments in the usage line
    r"|\b(?:list|tuple|dict|set|Optional|Union)\["
    r"|\b(?:Path|PosixPath|WindowsPath|NoneType|INTEGER|FLOAT|BOOLEAN)\b"
)
"""The forms a Python type or a Typer/Click type name takes in help text."""


def _commands(command: object, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The path of every command under ``command`` (itself included), nested groups too."""
    yield path
    if isinstance(command, TyperGroup):
        for name, sub in sorted(command.commands.items()):
            if not sub.hidden:
                yield from _commands(sub, (*path, name))


COMMAND_PATHS = list(_commands(typer.main.get_command(app)))


def test_every_command_is_found() -> None:
    assert {path[0] for path in COMMAND_PATHS if path} >= {"check", "rules", "explain", "waive"}


@pytest.mark.parametrize("width", ["60", "100"])
@pytest.mark.parametrize(
    "path", COMMAND_PATHS, ids=[" ".join(p) or "leadaudit" for p in COMMAND_PATHS]
)
def test_help_shows_no_type_labels(path: tuple[str, ...], width: str) -> None:
    result = invoke(*path, "--help", env={"COLUMNS": width})
    assert result.exit_code == 0, result.output
    found = TYPE_LABEL.findall(result.stdout)
    assert not found, f"leadaudit {' '.join(path)} --help shows {found}:\n{result.stdout}"


def test_the_type_label_pattern_catches_what_typer_shows() -> None:
    shown = [
        "FILE... <list[Path]>",
        "leadaudit check [OPTIONS] {FILE...}...",
        "RULE <str>",
        "FILE <path>",
        "N <int range>",
        "N <integer>",
        "name <orgchart|framework|config|waivers>",
        "--flag <bool>",
        "--ratio <float>",
        "NAME <text>",
        "X <choice>",
        "X <boolean>",
        "<Path>",
    ]
    assert [line for line in shown if not TYPE_LABEL.search(line)] == []
    assert not TYPE_LABEL.search("--format text|json|sarif  Output format.  [default: text]")


def test_check_usage_and_arguments_name_the_files_plainly() -> None:
    text = invoke("check", "--help", env={"COLUMNS": "100"}).stdout
    assert "Usage: leadaudit check [OPTIONS] FILE...\n" in text
    arguments = text.split("Arguments:")[1].split("Options:")[0]
    assert re.search(r"^  FILE\.\.\.  +Org chart YAML files to audit\.", arguments, re.M)


def test_a_usage_error_shows_the_plain_usage() -> None:
    result = invoke("check")
    assert result.exit_code == 2
    assert "Usage: leadaudit check [OPTIONS] FILE...\n" in result.stderr
