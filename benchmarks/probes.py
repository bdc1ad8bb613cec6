"""What a leadaudit command imports, seen from inside a real run of its console entry point,
and the 'stack floor' built from it: a process that imports the same third-party modules
and does nothing else."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "leadaudit"

HEAVY_LIBRARIES = ("pydantic", "yaml", "jinja2", "rich")

# Runs leadaudit's console entry point (main) in a fresh interpreter and writes, as the
# process ends, every module imported after start-up: main ends with os._exit, which skips
# atexit handlers, so os._exit itself is wrapped (and atexit covers a normal exit).
# Third-party means: not leadaudit, not in the standard library's names, not a module made
# in memory, and not a file of the standard library's folder (sysconfig's generated data
# module is one).
PROBE = """
import atexit, json, os, sys
_before = set(sys.modules)
_target = os.environ["LEADAUDIT_IMPORT_PROBE"]
_exit = os._exit

def _report(code=None):
    import sysconfig
    paths = sysconfig.get_paths()
    std, site = paths["stdlib"], (paths["purelib"], paths["platlib"])
    new = sorted(set(sys.modules) - _before)
    def third_party(name):
        top = name.partition(".")[0]
        if top in sys.stdlib_module_names or top == "leadaudit" or name == "__main__":
            return False
        module = sys.modules.get(name)
        if getattr(module, "__spec__", 1) is None:
            return False  # made in memory, not imported (leadaudit.cli.plugins' stand-in)
        where = getattr(module, "__file__", None) or ""
        return where.startswith(site) or not where.startswith(std)
    with open(_target, "w", encoding="utf-8") as f:
        json.dump({"modules": new, "third_party": [m for m in new if third_party(m)]}, f)

def _exit_after_report(code):
    _report(code)
    _exit(code)

os._exit = _exit_after_report
atexit.register(_report)
sys.argv = ["leadaudit", *sys.argv[1:]]
from leadaudit.cli import main
main()
"""


def model_modules() -> tuple[str, ...]:
    """Every leadaudit module that imports pydantic: the models and what builds on them."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        if re.search(r"^\s*(from|import) pydantic", path.read_text(encoding="utf-8"), re.M):
            parts = path.relative_to(SOURCE.parent).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found.append(".".join(parts))
    return tuple(found)


def heavy_modules() -> tuple[str, ...]:
    """The modules ``--version`` and ``--help`` must not import."""
    return HEAVY_LIBRARIES + model_modules()


@dataclass(frozen=True)
class Imports:
    """What one run imported, and how it ended."""

    code: int
    """The process's exit status."""
    modules: list[str]
    """Every module imported after the interpreter started, sorted."""
    third_party: list[str]
    """Those neither leadaudit's nor the standard library's."""
    stdout: str


def imported(args: list[str], env: dict[str, str] | None = None) -> Imports:
    """The modules one run of ``leadaudit ARGS...`` imports (``env``: this process's
    environment when None)."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "modules.json"
        proc = subprocess.run(
            [sys.executable, "-c", PROBE, *args],
            env={**(os.environ if env is None else env), "LEADAUDIT_IMPORT_PROBE": str(target)},
            capture_output=True,
            check=False,
            timeout=120,
        )
        if not target.exists():
            raise SystemExit(
                f"the import probe of leadaudit {' '.join(args)} wrote nothing "
                f"(exit {proc.returncode}):\n{proc.stderr.decode()[-2000:]}"
            )
        report = json.loads(target.read_text(encoding="utf-8"))
    return Imports(proc.returncode, report["modules"], report["third_party"], proc.stdout.decode())


def heavy_imported(args: list[str], env: dict[str, str] | None = None) -> list[str]:
    """The heavy modules (see heavy_modules) one run of ``leadaudit ARGS...`` imports."""
    modules = set(imported(args, env).modules)
    return [m for m in heavy_modules() if m in modules]


def floor_code(modules: list[str]) -> str:
    """Python code that imports exactly ``modules`` and does nothing else."""
    return "import " + ", ".join(modules) if modules else "pass"


def floor_argv(args: list[str], env: dict[str, str]) -> tuple[list[str], list[str]]:
    """The stack floor of ``leadaudit ARGS...``: the command line of a process importing the
    third-party modules that run imports, and those modules."""
    modules = imported(args, env).third_party
    return [sys.executable, "-c", floor_code(modules)], modules
