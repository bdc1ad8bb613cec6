"""``leadaudit --help`` is printed without Typer (cli/fasthelp.py), and must read exactly
as Typer's help of the same application reads, at every terminal width."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from benchmarks.probes import imported
from leadaudit.cli.commands import load_app
from leadaudit.cli.fasthelp import root_help
from leadaudit.cli.summaries import SUMMARIES

WIDTHS = [20, 40, 50, 51, 52, 53, 60, 70, 79, 80, 81, 100, 200]


def typer_help(
    width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    """Typer's own ``leadaudit --help``, from the application with every command, in a
    terminal ``width`` columns wide (Typer's test runner would fix the width at 80)."""
    monkeypatch.setenv("COLUMNS", str(width))
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        load_app(["--help"])(["--help"], prog_name="leadaudit")
    assert exc.value.code in (0, None)
    return capsys.readouterr().out


@pytest.mark.parametrize("width", WIDTHS)
def test_the_fast_help_is_typers_help(
    width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = typer_help(width, monkeypatch, capsys)
    assert root_help() == expected


def test_every_registered_command_is_listed_in_order() -> None:
    app = load_app(["--help"])
    from typer.main import get_command

    group = get_command(app)
    registered = list(group.list_commands(None))  # type: ignore[attr-defined]
    assert registered == list(SUMMARIES)


def run_entry_point(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "80"}
    env.pop("_LEADAUDIT_COMPLETE", None)
    return subprocess.run(
        [sys.executable, "-c", "from leadaudit.cli import main; main()", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_the_entry_point_prints_it_on_stdout(
    flag: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_entry_point(flag)
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout == typer_help(80, monkeypatch, capsys)


def test_no_arguments_print_it_on_stderr_as_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_entry_point()
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == typer_help(80, monkeypatch, capsys)


@pytest.mark.parametrize("args", [("--help",), ("-h",), ()])
def test_the_root_help_loads_neither_typer_nor_a_command(args: tuple[str, ...]) -> None:
    run = imported(list(args))
    loaded = set(run.modules)
    assert {"typer", "click", "leadaudit.cli.app", "leadaudit.cli.check"}.isdisjoint(loaded)
    # A command's own help is Typer's, as before.
    assert "typer" in imported(["check", "--help"]).modules
