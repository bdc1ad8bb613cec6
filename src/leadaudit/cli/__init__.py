"""The command line: parse options, call the pipeline, write outputs, map outcomes to exit
codes. Each command module (commands.COMMANDS) registers its commands on ``app`` when
imported; they and Typer are imported on first use, so the entry point (``main``) starts
without them."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from leadaudit.cli.main import main, run

if TYPE_CHECKING:
    from leadaudit.cli.app import app as app  # the application, not the module: see load_app

__all__ = ["app", "main", "run"]


def __getattr__(name: str) -> Any:
    """``app``, every command registered, and the command modules, imported when asked for."""
    from leadaudit.cli.commands import COMMANDS, load_app

    if name == "app":
        return load_app()
    if name in COMMANDS:
        load_app()
        return importlib.import_module(f"leadaudit.cli.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
