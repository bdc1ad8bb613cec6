"""Bounds on the work a single input file may cause, checked before the work happens."""

from __future__ import annotations

from leadaudit.records import record

MIB = 1024 * 1024


CEILINGS = {
    "max_file_size": 1024 * MIB,
    "max_depth": 500,
    "max_alias_nodes": 1_000_000,
}
"""The most each limit can be raised to, by the command line or a configuration file: past
them the readers themselves (libyaml's nesting, memory) would be the limit, without a clear
message."""


@record
class Limits:
    """Resource limits for loading one input file.

    The defaults admit a real 100,000-post org chart (about 16 MB) while refusing
    the classic YAML denial-of-service shapes.
    """

    #: largest input file, in bytes
    max_file_size: int = 64 * MIB
    #: deepest nesting of mappings and sequences
    max_depth: int = 64
    #: how many nodes alias references (``*name``) may add in total
    max_alias_nodes: int = 10_000

    def __post_init__(self) -> None:
        for name, ceiling in CEILINGS.items():
            value = getattr(self, name)
            if not 0 <= value <= ceiling:
                raise ValueError(f"{name} must be from 0 to {ceiling:,}, not {value:,}")

    @staticmethod
    def option_for(field: str) -> str:
        """The command-line option that raises a limit, for error hints."""
        return "--" + field.replace("_", "-")
