"""Shared fixtures: paths to the project's examples and the shared real data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
# shared/ sits beside the checkout; LEADAUDIT_SHARED points elsewhere (e.g. from a worktree)
SHARED = Path(os.environ.get("LEADAUDIT_SHARED", str(ROOT.parent / "shared")))


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
