"""Configuration: files found upward, resolved with the command line, and shown.

The models and readers of a configuration file (files.py) are imported only when a run
finds one, or when ``ConfigFile`` or ``load_config`` is asked for here."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from leadaudit.config.discovery import Source, discover
from leadaudit.config.resolve import KEYS, Provenance, default_format, defaults, resolve_settings

if TYPE_CHECKING:
    from leadaudit.config.files import ConfigFile, load_config

__all__ = [
    "KEYS",
    "ConfigFile",
    "Provenance",
    "Source",
    "default_format",
    "defaults",
    "discover",
    "load_config",
    "resolve_settings",
]


def __getattr__(name: str) -> Any:
    """``ConfigFile`` and ``load_config``, from files.py, imported when asked for."""
    if name in ("ConfigFile", "load_config"):
        return getattr(importlib.import_module("leadaudit.config.files"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
