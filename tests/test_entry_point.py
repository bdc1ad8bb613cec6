"""The console entry point as a shell runs it: output, exit codes and a reader that leaves early."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from leadaudit.cli import app

ROOT = Path(__file__).resolve().parents[1]
GAPS = ROOT / "examples" / "unitary-gaps.yaml"


def leadaudit(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "leadaudit", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )


def test_check_prints_every_finding_and_exits_1() -> None:
    done = leadaudit("check", str(GAPS))
    in_process = CliRunner().invoke(app, ["check", str(GAPS)], env={"NO_COLOR": "1"})
    assert done.returncode == 1
    assert done.stderr == ""
    assert done.stdout == in_process.stdout
    assert "R20-02" in done.stdout and "R20-11" in done.stdout


def test_output_file_is_complete_when_the_process_ends(tmp_path: Path) -> None:
    out = tmp_path / "result.sarif"
    done = leadaudit("check", str(GAPS), "--format", "sarif", "-o", str(out))
    assert done.returncode == 1
    assert out.read_text(encoding="utf-8").rstrip().endswith("}")


def test_bad_input_exits_2_with_a_located_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("leadaudit: 1\nauthority: {name: X, type: county}\nposts: [\n", encoding="utf-8")
    done = leadaudit("check", str(bad))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(f"{bad}:")
    assert "Traceback" not in done.stderr


def test_a_reader_that_leaves_early_gets_no_traceback() -> None:
    # Closing the pipe before leadaudit writes makes every write to it fail (EPIPE).
    for args in (["check", str(GAPS)], ["rules", "--format", "markdown"]):
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        proc = subprocess.Popen(
            [sys.executable, "-m", "leadaudit", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        err = proc.stderr.read().decode()
        proc.stderr.close()
        assert proc.wait(timeout=120) == 2, err
        assert err == "", err


def test_a_profiler_still_gets_to_report() -> None:
    # The entry point normally ends the process at once, skipping exit handlers; under a
    # profiler it exits normally so the profile is printed.
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-m", "leadaudit", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )
    assert done.stdout.startswith("leadaudit ")
    assert "function calls" in done.stdout


def _through_shell(redirect: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    words = " ".join(f"'{a}'" for a in (sys.executable, "-m", "leadaudit", *args))
    return subprocess.run(
        ["sh", "-c", f"{words} {redirect}"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )


def test_a_closed_stdout_is_a_usage_error_not_a_crash() -> None:
    for args in (("check", str(GAPS)), ("check", str(GAPS), "--format", "json"), ("rules",)):
        proc = _through_shell(">&-", *args)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr == "leadaudit: error: standard output is closed; give --output FILE\n"


def test_a_full_disk_is_a_usage_error_not_a_crash() -> None:
    if not Path("/dev/full").is_char_device():
        return
    proc = _through_shell("> /dev/full", "check", str(GAPS))
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-1].startswith("leadaudit: error: ")
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
