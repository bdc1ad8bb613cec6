"""The command line: parse options, call the pipeline, write outputs, map outcomes to exit
codes. Each command module registers its commands on ``app`` when imported here."""

from leadaudit.cli import (
    browse,
    capabilities_cmd,
    check,
    configure,
    hook_cmd,
    import_cmd,
    init_cmd,
    summary_cmd,
    waive_cmd,
)
from leadaudit.cli.app import app
from leadaudit.cli.main import main, run

__all__ = [
    "app",
    "browse",
    "capabilities_cmd",
    "check",
    "configure",
    "hook_cmd",
    "import_cmd",
    "init_cmd",
    "main",
    "run",
    "summary_cmd",
    "waive_cmd",
]
