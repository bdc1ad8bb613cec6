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
    assert "Usage: leadaudit check [OPTIONS] FILE|DIR...\n" in text
    arguments = text.split("Arguments:")[1].split("Options:")[0]
    assert re.search(r"^  FILE\|DIR\.\.\.  +Org charts to audit \(YAML or CSV\)", arguments, re.M)


def test_a_usage_error_shows_the_plain_usage() -> None:
    result = invoke("check")
    assert result.exit_code == 2
    assert "Usage: leadaudit check [OPTIONS] FILE|DIR...\n" in result.stderr


def option_help(help_text: str, option: str) -> str:
    """An option's entry in ``--help`` (its name, metavar and help) as one line."""
    entries: list[list[str]] = []
    for line in help_text.split("Options:", 1)[1].splitlines():
        if re.match(r"  (-\w, )?--", line):
            entries.append([])
        if entries:
            entries[-1].append(line.strip())
    for entry in entries:
        names = re.split(r"[ ,]+", entry[0])
        if option in names or f"{option}/" in entry[0]:
            return " ".join(" ".join(entry).split())
    raise AssertionError(f"no {option} in:\n{help_text}")


CONFIGURED = {
    "check": (
        "--framework",
        "--format",
        "--fail-on",
        "--waivers",
        "--max-file-size",
        "--max-depth",
        "--max-alias-nodes",
    ),
    "report": ("--framework", "--waivers"),
    "rules": ("--framework",),
    "explain": ("--framework",),
    "waive": ("--framework", "--waivers"),
}
"""The options whose value, when not given, comes from the configuration file."""


@pytest.mark.parametrize(
    ("command", "option"), [(c, o) for c, opts in CONFIGURED.items() for o in opts]
)
def test_an_option_the_config_decides_shows_no_static_default(command: str, option: str) -> None:
    entry = option_help(invoke(command, "--help", env={"COLUMNS": "100"}).stdout, option)
    assert "[default:" not in entry
    assert "Default: the config's " in entry


def test_the_framework_help_says_where_the_default_comes_from() -> None:
    entry = option_help(invoke("rules", "--help", env={"COLUMNS": "60"}).stdout, "--framework")
    assert entry.endswith("Default: the config's framework, else rec20.")
