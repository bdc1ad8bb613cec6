"""Charts whose reporting lines or capabilities an importer inferred: findings that rest on
an inferred line say so, and the report lists every inference for a person to confirm."""

from __future__ import annotations

from pathlib import Path

from tests.support import run

CHART = """\
leadaudit: 1
authority: {name: Inferton Council, type: metropolitan_borough}
imported_from: {file: inferton.csv, sha256: abc123, format: lga, date: '2025-07-01'}
posts:
  - {id: ceo, title: Chief Executive}
  - id: dir-res
    title: Director of Resources
    inferred:
      - {field: reports_to, value: ceo, source: Level 2 under the Level 1 post, confidence: high}
    reports_to: ceo
  - id: dir-place
    title: Director of Place
    reports_to: ceo
  - id: cdo
    title: Chief Digital Officer
    reports_to: dir-res
    capabilities: [digital_leadership]
    inferred:
      - field: reports_to
        value: dir-res
        source: Level 3 in Resources under the first Level 2 post of the directorate
        confidence: low
        ambiguous: true
        candidates: [dir-place]
      - field: capabilities
        value: digital_leadership
        source: "title: chief-digital-officer (matched 'Chief Digital Officer')"
        confidence: high
"""


def _chart(tmp_path: Path) -> Path:
    path = tmp_path / "org.yaml"
    path.write_text(CHART, encoding="utf-8")
    return path


def test_a_finding_on_an_inferred_line_says_so(tmp_path: Path) -> None:
    result = run(["check", str(_chart(tmp_path)), "--format", "json"])
    import json

    findings = json.loads(result.stdout)["findings"]
    depth = next(f for f in findings if f["rule"] == "R20-02")
    assert depth["message"].endswith(
        "(this rests on 2 inferred reporting lines, some unsure: Chief Digital Officer (cdo)"
        " under Director of Resources (dir-res) (low, ambiguous); confirm them in the chart)"
    )
    # a rule that does not rest on reporting lines says nothing of them
    data = next(f for f in findings if f["rule"] == "R20-09")
    assert "inferred" not in data["message"]


def test_the_report_lists_every_inference_and_where_the_chart_came_from(tmp_path: Path) -> None:
    text = run(["report", str(_chart(tmp_path))]).stdout
    method = text[text.index("## Method") :].split("\n\n")[1]
    assert (
        "It was imported from inferton.csv (lga, dated 2025-07-01): 2 reporting lines and"
        " 1 capability were inferred, not read, and are listed in Appendix C." in method
    )
    appendix = text[text.index("## Appendix C: what the importer inferred") :]
    rows = [line for line in appendix.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[1:] == [
        "| Director of Resources (dir-res) | reports_to | ceo | high | Level 2 under the Level 1"
        " post |",
        "| Chief Digital Officer (cdo) | reports_to | dir-res | low, ambiguous | Level 3 in"
        " Resources under the first Level 2 post of the directorate |",
        "| Chief Digital Officer (cdo) | capabilities | digital\\_leadership | high | title:"
        " chief-digital-officer (matched 'Chief Digital Officer') |",
    ]
    assert text.endswith("|\n")


def test_what_a_published_file_cannot_carry_is_not_assessable_not_missing(
    tmp_path: Path,
) -> None:
    import json

    data = json.loads(run(["check", str(_chart(tmp_path)), "--format", "json"]).stdout)
    reasons = {item["rule"]: item["reason"] for item in data["files"][0]["not_assessable"]}
    assert set(reasons) >= {"R20-05", "R20-07", "R20-08"}
    assert reasons["R20-07"] == (
        "the published file this chart was imported from cannot record a digital strategy;"
        " record it under digital_strategy: with its owners"
    )
    assert not [f for f in data["findings"] if f["rule"] in ("R20-05", "R20-07", "R20-08")]
    political = next(a for a in data["files"][0]["areas"] if a["id"] == "political")
    assert political["status"] == "not_assessable"


def test_a_chart_written_by_hand_still_misses_its_strategy(tmp_path: Path) -> None:
    import json

    path = tmp_path / "org.yaml"
    path.write_text(CHART.replace("imported_from:", "# imported_from:"), encoding="utf-8")
    data = json.loads(run(["check", str(path), "--format", "json"]).stdout)
    assert any(f["rule"] == "R20-07" for f in data["findings"])
