"""The digital leadership team is counted the same way wherever a message names it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support import run


def test_posts_the_leader_works_with_are_counted_apart_from_its_line(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(
        "leadaudit: 1\nauthority: {name: X, type: unitary}\nposts:\n"
        "  - {id: ceo, title: Chief Executive}\n"
        "  - {id: cdo, title: CDO, reports_to: ceo, capabilities: [digital_leadership],\n"
        "     works_with: [ceo, hr]}\n"
        "  - {id: dev, title: Developer, reports_to: cdo}\n"
        "  - {id: hr, title: Head of HR, reports_to: ceo}\n",
        encoding="utf-8",
    )
    findings = json.loads(run(["check", str(path), "--format", "json"]).stdout)["findings"]
    r16 = next(f for f in findings if f["rule"] == "R20-16")
    assert r16["message"] == (
        "No one in the digital leadership team (CDO (cdo) and the 1 post in its line, and the"
        " 2 posts it works with) covers citizen communication"
    )
