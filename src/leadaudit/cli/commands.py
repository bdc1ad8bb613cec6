"""The command modules, and the Typer application with every command registered.

Each module in ``COMMANDS`` registers its commands on ``app`` (app.py) when imported. They
are imported here, by name, only when a command line is run or ``app`` is asked for:
``leadaudit --version`` needs none of them, nor Typer.
"""

from __future__ import annotations

import importlib
import sys
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


def load_app() -> App:
    """The ``leadaudit`` Typer application, every command module imported."""
    for name in COMMANDS:
        importlib.import_module(f"leadaudit.cli.{name}")
    from leadaudit.cli.app import app

    # Importing the module app.py made it the package's attribute 'app'; the package has
    # always given that name to the application itself (``from leadaudit.cli import app``).
    sys.modules["leadaudit.cli"].app = app  # type: ignore[attr-defined]
    return app
