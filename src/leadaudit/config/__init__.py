"""Configuration: files found upward, resolved with the command line, and shown."""

from leadaudit.config.files import ConfigFile, Source, discover, load_config
from leadaudit.config.resolve import KEYS, Provenance, default_format, defaults, resolve_settings

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
