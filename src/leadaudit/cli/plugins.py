"""pydantic's plugins, kept out of a leadaudit run."""

from __future__ import annotations

import os
import sys
from types import ModuleType

SETTING = "PYDANTIC_DISABLE_PLUGINS"

ALL_OFF = frozenset({"__all__", "1", "true"})
"""The values of the setting with which pydantic loads no plugin at all."""

LOADER = "pydantic.plugin._loader"
"""pydantic's plugin loader: the module whose ``get_plugins`` every new validator asks."""


def _no_plugins() -> tuple[()]:
    """What pydantic's loader answers when plugins are off: none."""
    return ()


def plugins_off() -> None:
    """Turn pydantic's plugins off unless the user set ``PYDANTIC_DISABLE_PLUGINS``.

    pydantic plugins (found through every installed distribution's entry points) see, and
    may change, what validation does: a verdict must not depend on what else is installed
    beside leadaudit. With every plugin off, pydantic's own loader answers "none" without
    looking; but importing it imports importlib.metadata, which costs more than all of
    leadaudit's reading and checking of a 50-post chart. So a stand-in that gives the same
    answer takes its place. A setting that leaves some plugins on keeps pydantic's loader.
    """
    setting = os.environ.setdefault(SETTING, "__all__")
    if setting in ALL_OFF and LOADER not in sys.modules:
        loader = ModuleType(LOADER, "Stands in for pydantic's plugin loader: plugins are off.")
        loader.__dict__["get_plugins"] = _no_plugins
        sys.modules[LOADER] = loader
