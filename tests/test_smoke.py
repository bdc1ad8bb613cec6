"""The README's first command: the compliant example passes with exit 0."""

from __future__ import annotations

from typer.testing import CliRunner

from leadaudit.cli import app
from tests.conftest import EXAMPLES


def test_compliant_county_passes() -> None:
    result = CliRunner().invoke(app, ["check", str(EXAMPLES / "county-compliant.yaml")])
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.output


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("leadaudit ")
