"""--format github keeps within GitHub's 10 annotations of each kind per step."""

from __future__ import annotations

import re

from tests.conftest import EXAMPLES, FIXTURES
from tests.support import run


def test_most_severe_first_and_one_notice_counts_the_rest() -> None:
    files = [str(p) for p in (*sorted(EXAMPLES.glob("*.yaml")), FIXTURES / "borough-gaps.yaml")]
    result = run(["check", *files, "--format", "github"])
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    kinds = [re.match(r"::(\w+)", line)[1] for line in annotations]  # type: ignore[index]
    assert kinds == sorted(kinds, key=["error", "warning", "notice"].index)
    assert kinds.count("error") <= 10 and kinds.count("warning") <= 10
    assert kinds.count("notice") <= 10
    assert "more findings not annotated" in annotations[-1]
    # every finding is still counted in the summary line
    summary = result.stdout.splitlines()[-1]
    assert summary.startswith(f"leadaudit: {len(files)} files:")
