"""Golden files: every output format for every example and report fixture, byte for byte.

Regenerate after an intended change, then read the diff:

    python -m pytest tests/golden --update-golden
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support import report_inputs, run

GOLDEN = Path(__file__).parent / "expected"
UPDATE_COMMAND = "python -m pytest tests/golden --update-golden"

#: format -> golden file suffix
SUFFIX = {
    "text": "txt",
    "json": "json",
    "sarif": "sarif",
    "junit": "junit.xml",
    "github": "github.txt",
    "markdown": "md",
    "gitlab": "gitlab.json",
}

CASES = [(source, fmt) for source in report_inputs() for fmt in SUFFIX]


def _command(source: Path, fmt: str) -> list[str]:
    if fmt == "markdown":
        return ["report", source.as_posix()]
    return ["check", source.as_posix(), "--format", fmt]


@pytest.mark.parametrize(("source", "fmt"), CASES, ids=[f"{s.stem}-{f}" for s, f in CASES])
def test_output_matches_golden_file(
    source: Path, fmt: str, update_golden: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = run(_command(source, fmt))
    assert result.exit_code in (0, 1), result.stderr
    assert result.stderr == ""
    golden = GOLDEN / f"{source.stem}.{SUFFIX[fmt]}"
    if update_golden:
        golden.write_bytes(result.stdout.encode("utf-8"))
        return
    assert golden.is_file(), f"no golden file {golden.name}; run: {UPDATE_COMMAND}"
    assert result.stdout == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs from the output; if the change is intended, run "
        f"{UPDATE_COMMAND} and review the diff"
    )


def test_every_golden_file_belongs_to_an_input() -> None:
    expected = {f"{s.stem}.{suffix}" for s in report_inputs() for suffix in SUFFIX.values()}
    stale = sorted(p.name for p in GOLDEN.iterdir() if p.name not in expected)
    assert stale == [], f"golden files with no input: {stale}"


def test_report_command_and_check_markdown_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    source = report_inputs()[0].as_posix()
    via_report = run(["report", source])
    via_check = run(["check", source, "--format", "markdown", "--fail-on", "never"])
    assert via_report.exit_code == 0 and via_check.exit_code == 0
    assert via_report.stdout == via_check.stdout
