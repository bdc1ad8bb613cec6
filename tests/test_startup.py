"""`leadaudit --version` and `--help` start without importing the heavy libraries or any
of leadaudit's models: the console entry point (main) runs in a fresh interpreter, as the
installed script runs it, and reports every module imported by the time it ends."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from benchmarks.probes import HEAVY_LIBRARIES, heavy_modules, imported, model_modules
from leadaudit.cli.plugins import ALL_OFF, LOADER, SETTING, plugins_off

ROOT = Path(__file__).resolve().parents[1]


def heavy_in(*args: str, code: int = 0) -> tuple[list[str], str]:
    """The heavy modules one run of ``leadaudit ARGS...`` imports, and what it printed;
    the run must end with ``code``."""
    run = imported(list(args))
    assert run.code == code, run.stdout
    modules = set(run.modules)
    return [m for m in heavy_modules() if m in modules], run.stdout


def test_the_heavy_list_names_the_libraries_and_the_model_modules() -> None:
    # Found by reading the sources: a scan that found nothing would make the tests below
    # pass whatever is imported.
    models = model_modules()
    assert {"leadaudit.model", "leadaudit.framework.model", "leadaudit.validation"} <= set(models)
    assert set(HEAVY_LIBRARIES) == {"pydantic", "yaml", "jinja2", "rich"}


@pytest.mark.parametrize("args", [("--version",), ("-V",), ("--help",), ("-h",)])
def test_version_and_help_import_nothing_heavy(args: tuple[str, ...]) -> None:
    heavy, stdout = heavy_in(*args)
    assert heavy == []
    assert "leadaudit" in stdout


def test_no_arguments_shows_the_help_importing_nothing_heavy() -> None:
    assert heavy_in(code=2)[0] == []  # the help on stderr, as a usage error


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_says_what_the_option_says(flag: str) -> None:
    # The entry point answers a lone --version itself; with another argument after it,
    # Typer's eager --version option answers. Both print the same line.
    alone = subprocess.run(
        [sys.executable, "-m", "leadaudit", flag], capture_output=True, text=True, check=False
    )
    with_more = subprocess.run(
        [sys.executable, "-m", "leadaudit", flag, "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert alone.returncode == with_more.returncode == 0
    assert alone.stdout == with_more.stdout
    assert alone.stdout.startswith("leadaudit ")


def test_probe_sees_heavy_imports_when_a_command_needs_them() -> None:
    # The same probe on `rules` (which loads a framework) must see pydantic and the
    # models, or the tests above would prove nothing.
    heavy, _ = heavy_in("rules", "--format", "json")
    assert "pydantic" in heavy
    assert "leadaudit.framework.model" in heavy


def test_pyyaml_is_loaded_only_for_yaml_the_fast_reader_leaves() -> None:
    # Block-style charts (and the bundled frameworks) are read without PyYAML; a chart
    # written with flow mappings needs the event-based loader, and so PyYAML.
    block = imported(["check", str(ROOT / "examples" / "county-compliant.yaml")])
    flow = imported(["check", str(ROOT / "examples" / "metropolitan-interim.yaml")])
    assert block.code == 0 and flow.code == 1
    assert "yaml" not in block.modules
    assert "yaml" in flow.modules


def test_the_configuration_readers_load_only_when_there_is_a_configuration_file(
    tmp_path: Path,
) -> None:
    chart = ROOT / "examples" / "county-compliant.yaml"
    without = imported(["check", "--isolated", str(chart)])
    given = tmp_path / ".leadaudit.yaml"
    given.write_text("fail_on: never\n", encoding="utf-8")
    with_file = imported(["check", "--config", str(given), str(chart)])
    assert without.code == with_file.code == 0
    readers = {"leadaudit.config.files", "leadaudit.importers.toml"}
    assert readers.isdisjoint(without.modules)
    assert readers <= set(with_file.modules)


def test_pydantic_plugins_are_off_without_importing_their_loader() -> None:
    # With every plugin off, pydantic's loader would answer "none" anyway; importing it
    # imports importlib.metadata, the dearest module of a small check.
    chart = str(ROOT / "examples" / "county-compliant.yaml")
    run = imported(["check", "--format", "json", chart], env=_without(SETTING))
    assert run.code == 0
    assert json.loads(run.stdout)["summary"]["files"] == 1
    assert "importlib.metadata" not in run.modules


@pytest.mark.parametrize("value", sorted(ALL_OFF))
def test_the_users_own_all_off_setting_also_spares_the_loader(value: str) -> None:
    chart = str(ROOT / "examples" / "county-compliant.yaml")
    run = imported(["check", chart], env={**_without(SETTING), SETTING: value})
    assert run.code == 0
    assert "importlib.metadata" not in run.modules


def test_a_setting_that_leaves_plugins_on_keeps_pydantics_loader() -> None:
    # PYDANTIC_DISABLE_PLUGINS=name turns off that plugin only: the others still load
    chart = str(ROOT / "examples" / "county-compliant.yaml")
    run = imported(["check", chart], env={**_without(SETTING), SETTING: "some_plugin"})
    assert run.code == 0
    assert "importlib.metadata" in run.modules


def test_the_stand_in_answers_as_pydantics_loader_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SETTING, raising=False)
    monkeypatch.delitem(sys.modules, LOADER, raising=False)
    plugins_off()
    assert os.environ[SETTING] == "__all__"
    assert list(sys.modules[LOADER].get_plugins()) == []
    # and pydantic, asking it, still validates
    assert TypeAdapter(list[int]).validate_python(["1", 2]) == [1, 2]


def _without(name: str) -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key != name}
