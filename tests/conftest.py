"""Shared fixtures: paths to the project's examples and the shared real data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FIXTURES = ROOT / "tests" / "fixtures"


def _shared_dir() -> Path:
    """The project's shared folder: $LEADAUDIT_SHARED, beside the checkout, or further up."""
    if os.environ.get("LEADAUDIT_SHARED"):
        return Path(os.environ["LEADAUDIT_SHARED"])
    for base in ROOT.parents:
        if (base / "shared").is_dir():
            return base / "shared"
    return ROOT.parent / "shared"


SHARED = _shared_dir()


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files under tests/golden/expected from the current output.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
