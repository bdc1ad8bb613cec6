"""The README's first command: the compliant example passes with exit 0."""

from __future__ import annotations

from tests.conftest import EXAMPLES
from tests.support import invoke


def test_compliant_county_passes() -> None:
    result = invoke("check", str(EXAMPLES / "county-compliant.yaml"))
    assert result.exit_code == 0, result.output
    assert "No findings." in result.stdout
    assert "0 errors, 0 warnings" in result.stdout


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("leadaudit ")
