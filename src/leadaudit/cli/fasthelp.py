"""``leadaudit --help`` without Typer: the root help, laid out as Typer lays it out.

Loading Typer and every command module to print a list of commands takes longer than
the Typer import alone. The root help is plain text made of the program's summary, its
four options and each command's summary (``summaries.SUMMARIES``, which the commands
themselves register with), so it is printed from those, wrapped as Typer's help
formatter wraps it: to the terminal's width less 2, at least 50 and at most 78
columns. ``tests/test_fast_help.py`` holds it to Typer's own output at many widths.
"""

from __future__ import annotations

import shutil

from leadaudit.cli.summaries import APP_HELP, SUMMARIES

ROOT_OPTIONS = (
    ("-V, --version", "Show the version and exit."),
    ("--install-completion", "Install completion for the current shell."),
    (
        "--show-completion",
        "Show completion for the current shell, to copy it or customize the installation.",
    ),
    ("-h, --help", "Show this message and exit."),
)
"""The root command's options and their help, as Typer writes them."""

USAGE = "Usage: leadaudit [OPTIONS] COMMAND [ARGS]..."


def help_width() -> int:
    """The width Typer's help formatter wraps to."""
    return max(min(shutil.get_terminal_size().columns, 80) - 2, 50)


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    from textwrap import TextWrapper

    wrapper = TextWrapper(
        width, initial_indent=indent, subsequent_indent=indent, replace_whitespace=False
    )
    return wrapper.wrap(text)


def _definitions(rows: tuple[tuple[str, str], ...], width: int) -> list[str]:
    """A definition list as Typer writes one: terms indented 2, their text in a column
    2 past the longest term (at most 30 wide), wrapped to what is left."""
    column = min(max(len(term) for term, _ in rows), 30) + 2
    lines = []
    for term, text in rows:
        wrapped = _wrap(text, max(width - column - 2, 10)) or [""]
        if len(term) <= column - 2:
            lines.append(f"  {term}{' ' * (column - len(term))}{wrapped[0]}")
        else:
            lines += [f"  {term}", f"{' ' * (column + 2)}{wrapped[0]}"]
        lines += [f"{' ' * (column + 2)}{line}" for line in wrapped[1:]]
    return lines


def root_help() -> str:
    """The text of ``leadaudit --help`` at the terminal's width."""
    width = help_width()
    lines = [USAGE, "", *_wrap(APP_HELP, width, "  "), "", "Options:"]
    lines += _definitions(ROOT_OPTIONS, width)
    lines += ["", "Commands:", *_definitions(tuple(SUMMARIES.items()), width)]
    return "\n".join(lines) + "\n"
