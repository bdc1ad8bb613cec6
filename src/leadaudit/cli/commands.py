"""The command modules, and the Typer application with its commands registered.

Each module in ``COMMANDS`` registers its commands on ``app`` (app.py) when imported. They
are imported here, by name, only when a command line is run or ``app`` is asked for:
``leadaudit --version`` needs none of them, nor Typer, and a command line that names a
command imports only the modules that command needs (``BY_COMMAND``).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from leadaudit.cli.helptext import App

COMMANDS = (
    "browse",
    "capabilities_cmd",
    "check",
    "configure",
    "diff_cmd",
    "hook_cmd",
    "import_cmd",
    "init_cmd",
    "summary_cmd",
    "waive_cmd",
)
"""The modules of ``leadaudit.cli`` that declare commands, in the order they register."""


BY_COMMAND: dict[str, tuple[str, ...]] = {
    "rules": ("browse",),
    "explain": ("browse",),
    "frameworks": ("browse",),
    "schema": ("browse",),
    "capabilities": ("capabilities_cmd",),
    "check": ("check",),
    "report": ("check",),
    "config": ("configure",),
    "diff": ("diff_cmd",),
    "check-changed": ("check", "hook_cmd"),  # it runs check's own command
    "import": ("import_cmd",),
    "init": ("init_cmd",),
    "summary": ("summary_cmd",),
    "waive": ("waive_cmd",),
}
"""The modules each command needs, by its name (tests/test_commands.py holds this to what
the modules register): ``leadaudit check`` imports neither the other commands nor what
they import, and Typer builds only check's part of the command tree."""


def load_app(args: Sequence[str] | None = None) -> App:
    """The ``leadaudit`` Typer application with the commands the command line ``args``
    names (its first word that is not an option), else with every command."""
    word = next((arg for arg in args or () if not arg.startswith("-")), None)
    wanted = BY_COMMAND.get(word or "")
    if wanted is None or "_LEADAUDIT_COMPLETE" in os.environ:  # shell completion: all
        wanted = COMMANDS
    for name in wanted:
        importlib.import_module(f"leadaudit.cli.{name}")
    from leadaudit.cli.app import app

    if wanted is COMMANDS:  # in the order of COMMANDS, whatever was registered first
        place = {f"leadaudit.cli.{name}": n for n, name in enumerate(COMMANDS)}
        app.registered_commands.sort(key=lambda info: place.get(info.callback.__module__, 0))
    # Importing the module app.py made it the package's attribute 'app'; the package has
    # always given that name to the application itself (``from leadaudit.cli import app``).
    sys.modules["leadaudit.cli"].app = app  # type: ignore[attr-defined]
    return app
