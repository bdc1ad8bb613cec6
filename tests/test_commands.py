"""The table of which modules each command needs: it matches what the modules register,
and a command line that names a command imports only those modules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.probes import imported
from leadaudit.cli import app
from leadaudit.cli.commands import BY_COMMAND, COMMANDS

ROOT = Path(__file__).resolve().parents[1]


def registered() -> dict[str, str]:
    """Every command of the application, and the module (of leadaudit.cli) declaring it."""
    found: dict[str, str] = {}
    for info in app.registered_commands:
        assert info.callback is not None
        name = info.name or info.callback.__name__.replace("_", "-")
        found[name] = info.callback.__module__.rpartition(".")[2]
    return found


def test_every_command_is_in_the_table_with_the_module_declaring_it() -> None:
    commands = registered()
    assert set(BY_COMMAND) == set(commands)
    for name, module in commands.items():
        assert module in BY_COMMAND[name], name


def test_the_table_names_only_command_modules_and_every_one_of_them() -> None:
    named = {module for modules in BY_COMMAND.values() for module in modules}
    assert named == set(COMMANDS)


def test_check_imports_no_other_command_module() -> None:
    run = imported(["check", str(ROOT / "examples" / "county-compliant.yaml")])
    assert run.code == 0
    loaded = {m.rpartition(".")[2] for m in run.modules if m.startswith("leadaudit.cli.")}
    assert loaded & set(COMMANDS) == {"check"}


def test_loading_every_command_after_one_keeps_the_order_of_the_help() -> None:
    code = (
        "import json, sys\n"
        "from leadaudit.cli.commands import load_app\n"
        "if sys.argv[1:]:\n"
        "    load_app(sys.argv[1:])\n"
        "print(json.dumps([c.callback.__name__ for c in load_app().registered_commands]))\n"
    )
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    after = subprocess.run([sys.executable, "-c", code, "waive"], capture_output=True, check=True)
    assert json.loads(after.stdout) == json.loads(fresh.stdout)
    assert json.loads(fresh.stdout)[:2] == ["rules", "explain"]  # browse.py, the first module
