"""`leadaudit --version` and `--help` start without importing the heavy libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

HEAVY = ("pydantic", "yaml", "jinja2", "rich")

# Run the console entry point (main, as the installed script does) in a fresh interpreter,
# then report at exit what got imported. A trace function makes main exit normally (it
# ends with os._exit otherwise), so the report gets written.
PROBE = """
import atexit, json, sys
sys.argv = ["leadaudit", *sys.argv[1:]]
def report():
    heavy = sorted(m for m in %r if m in sys.modules)
    sys.stderr.write(json.dumps({"code": 0, "heavy": heavy}) + "\\n")
atexit.register(report)
sys.settrace(lambda *args: None)
from leadaudit.cli import main
main()
"""


def imported_by(*args: str) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE % (HEAVY,), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    report: dict[str, object] = json.loads(proc.stderr.strip().splitlines()[-1])
    report["code"] = proc.returncode
    report["stdout"] = proc.stdout
    return report


@pytest.mark.parametrize("args", [("--version",), ("-V",), ("--help",), ("-h",)])
def test_version_and_help_import_nothing_heavy(args: tuple[str, ...]) -> None:
    report = imported_by(*args)
    assert report["code"] in (0, None)
    assert report["heavy"] == []
    assert "leadaudit" in str(report["stdout"])


def test_probe_sees_heavy_imports_when_a_command_needs_them() -> None:
    # The same probe on `rules` (which loads a framework) must see pydantic, or the
    # test above would prove nothing.
    report = imported_by("rules")
    assert report["code"] in (0, None)
    heavy = report["heavy"]
    assert isinstance(heavy, list)
    assert "pydantic" in heavy


def test_pyyaml_is_loaded_only_for_yaml_the_fast_reader_leaves() -> None:
    # Block-style charts (and the bundled frameworks) are read without PyYAML; a chart
    # written with flow mappings needs the event-based loader, and so PyYAML.
    block = imported_by("check", str(ROOT / "examples" / "county-compliant.yaml"))
    flow = imported_by("check", str(ROOT / "examples" / "metropolitan-interim.yaml"))
    assert block["code"] == 0 and flow["code"] == 1
    assert "yaml" not in block["heavy"]  # type: ignore[operator]
    assert "yaml" in flow["heavy"]  # type: ignore[operator]
