"""leadaudit summary: one league table across many authorities, from charts, folders and
saved JSON results, in text, Markdown (with its heat map), JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.dom.minidom
from pathlib import Path
from typing import Any

import pytest

from benchmarks.batch import TYPES, write_batch
from tests.conftest import EXAMPLES
from tests.support import invoke, on_terminal

# rec20 with R20-07 off: a chart without elected members then has bullet 1 not assessable
# (R20-07 otherwise finds that no executive member owns the strategy), so a generated
# batch shows every status.
FRAMEWORK = """\
leadaudit_framework: 1
name: rec20-batch
title: Recommendation 20, strategy ownership not checked
version: "1.0"
source: Digital Government Review (UK, 2014), Recommendation 20
extends: rec20
overrides:
  R20-07: {severity: "off"}
"""
BULLETS = ["bullet1", "bullet2", "bullet3", "bullet4", "bullet5", "bullet6", "bullet7", "teams"]


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def batch(in_tmp: Path) -> Path:
    """21 generated charts: every authority type three times, every status somewhere."""
    write_batch(in_tmp / "batch", 21)
    (in_tmp / "framework.yaml").write_text(FRAMEWORK, encoding="utf-8")
    return in_tmp / "batch"


def _json(*args: str) -> dict[str, Any]:
    result = invoke("summary", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _authorities(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for group in data["groups"] for a in group["authorities"]]


def test_a_generated_batch_has_every_type_and_every_status(batch: Path) -> None:
    data = _json("batch", "--framework", "framework.yaml")
    assert [g["type"] for g in data["groups"]] == list(TYPES)
    rows = _authorities(data)
    assert len(rows) == 21 and data["inputs"] == {"authorities": 21, "failed": 0, "passed_over": 0}
    statuses = {s for row in rows for s in row["bullets"].values()}
    assert statuses == {"met", "partly_met", "not_met", "not_assessable"}
    assert {row["verdict"] for row in rows} == {"meets", "partly_meets", "does_not_meet"}
    for group in data["groups"]:
        members = group["authorities"]
        met = sum(1 for a in members if a["bullets"]["bullet2"] == "met")
        assert group["meeting"]["bullet2"]["met"] == met
        assert group["meeting"]["bullet2"]["of"] == len(members)
        scores = [a["score"] for a in members]
        assert scores == sorted(scores, reverse=True)


def test_the_csv_reads_back_as_the_json_says(batch: Path) -> None:
    data = _json("batch", "--framework", "framework.yaml")
    result = invoke("summary", "batch", "--framework", "framework.yaml", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = _authorities(data)
    assert [r["authority"] for r in rows] == [a["authority"] for a in expected]
    for row, entry in zip(rows, expected, strict=True):
        assert row["type"] == entry["type"]
        assert row["verdict"] == entry["verdict"]
        assert float(row["score"]) == entry["score"]
        assert [row[k] for k in BULLETS] == [entry["bullets"][k] for k in BULLETS]
        assert int(row["errors"]) == entry["counts"]["error"]


def test_a_broken_file_in_the_middle_leaves_the_others_summarised(batch: Path) -> None:
    (batch / "authority-10.yaml").write_text("leadaudit: 1\nauthority: [\n", encoding="utf-8")
    result = invoke("summary", "batch", "--format", "json", "-o", "league.json")
    assert result.exit_code == 2
    assert "batch/authority-10.yaml:3:1: invalid YAML" in result.stderr
    data = json.loads((batch.parent / "league.json").read_text(encoding="utf-8"))
    assert data["inputs"] == {"authorities": 20, "failed": 1, "passed_over": 0}
    assert data["failed"][0]["file"] == "batch/authority-10.yaml"
    text = invoke("summary", "batch").stdout
    assert "20 authorities summarised; 1 file failed to load" in text


def test_nothing_is_written_when_every_file_fails(in_tmp: Path) -> None:
    (in_tmp / "bad.yaml").write_text("leadaudit: 1\nauthority: [\n", encoding="utf-8")
    result = invoke("summary", "bad.yaml", "--format", "csv", "-o", "out.csv")
    assert result.exit_code == 2
    assert not (in_tmp / "out.csv").exists()


def test_saved_results_rebuild_the_same_league(in_tmp: Path) -> None:
    shutil.copytree(EXAMPLES, in_tmp / "charts")
    saved = invoke("check", "charts", "--format", "json", "-o", "results.json")
    assert saved.exit_code == 1  # the examples have errors
    from_charts = invoke("summary", "charts", "--format", "csv").stdout
    from_results = invoke("summary", "results.json", "--format", "csv").stdout
    assert from_results == from_charts.replace(",chart\n", ",results\n")


def test_saved_results_in_a_folder_are_read_and_other_json_passed_over(in_tmp: Path) -> None:
    (in_tmp / "runs").mkdir()
    invoke("check", str(EXAMPLES / "unitary-gaps.yaml"), "--format", "json", "-o", "runs/q3.json")
    (in_tmp / "runs" / "package.json").write_text('{"name": "x"}\n', encoding="utf-8")
    result = invoke("summary", "runs", "--format", "json")
    assert result.exit_code == 0
    assert [a["authority"] for a in _authorities(json.loads(result.stdout))] == ["Kelbrook Council"]
    assert "passed over 1 file" in result.stderr


def _saved(in_tmp: Path) -> dict[str, Any]:
    invoke("check", str(EXAMPLES / "unitary-gaps.yaml"), "--format", "json", "-o", "r.json")
    data: dict[str, Any] = json.loads((in_tmp / "r.json").read_text(encoding="utf-8"))
    return data


def test_a_saved_result_with_a_bad_status_is_located(in_tmp: Path) -> None:
    data = _saved(in_tmp)
    data["files"][0]["areas"][2]["status"] = "mostly"
    text = json.dumps(data, indent=2)
    (in_tmp / "r.json").write_text(text, encoding="utf-8")
    line = text.splitlines().index('          "status": "mostly"') + 1
    result = invoke("summary", "r.json")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"r.json:{line}:21: files[0].areas[2].status: ")


def test_a_saved_result_of_another_framework_is_refused(in_tmp: Path) -> None:
    data = _saved(in_tmp)
    data["files"][0]["framework"]["name"] = "statutory"
    (in_tmp / "r.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = invoke("summary", "r.json")
    assert result.exit_code == 2
    assert "files[0].framework.name: audited against framework 'statutory'" in result.stderr
    assert "(give --framework statutory, or summarise it apart)" in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": 1,\n "a": 2}', "r.json:2:2: key 'a' is written twice in one object"),
        ('{"a": NaN}', "r.json:1:7: invalid JSON: NaN is not a number JSON allows"),
        ('{"a": }', "r.json:1:7: invalid JSON: Expecting value"),
        ("[1, 2]", "r.json:1:1: expected a JSON object at the top level"),
        ("[" * 100_000, "r.json:1:1: JSON nested too deeply to read"),
    ],
)
def test_broken_json_is_located(in_tmp: Path, text: str, message: str) -> None:
    (in_tmp / "r.json").write_text(text, encoding="utf-8")
    result = invoke("summary", "r.json")
    assert result.exit_code == 2
    assert result.stderr.startswith(message), result.stderr


def test_sorting_by_a_bullet_puts_met_first_and_ties_by_name(batch: Path) -> None:
    data = _json("batch", "--sort", "bullet2")
    order = {"met": 0, "partly_met": 1, "not_assessable": 2, "not_met": 3}
    for group in data["groups"]:
        keys = [(order[a["bullet2"]], -a["score"], a["authority"]) for a in _bullets(group)]
        assert keys == sorted(keys)
    by_name = _json("batch", "--sort", "name")
    for group in by_name["groups"]:
        names = [a["authority"] for a in group["authorities"]]
        assert names == sorted(names, key=str.casefold)


def _bullets(group: dict[str, Any]) -> list[dict[str, Any]]:
    return [{**a, "bullet2": a["bullets"]["bullet2"]} for a in group["authorities"]]


def test_an_unknown_sort_key_gets_a_hint(batch: Path) -> None:
    result = invoke("summary", "batch", "--sort", "bulet2")
    assert result.exit_code == 2
    assert "--sort: unknown key 'bulet2' (did you mean 'bullet2'?)" in result.stderr


def test_highlight_names_one_and_anonymises_the_rest(batch: Path) -> None:
    named = _authorities(_json("batch"))[4]["authority"]
    data = _json("batch", "--highlight", named.upper())
    rows = _authorities(data)
    shown = [r for r in rows if not r["anonymised"]]
    assert [r["authority"] for r in shown] == [named] and shown[0]["highlighted"]
    hidden = [r for r in rows if r["anonymised"]]
    assert [r["authority"] for r in hidden] == [f"Authority {chr(65 + n)}" for n in range(20)]
    assert all(r["score"] is None and r["file"] is None and r["counts"] is None for r in hidden)
    assert all(r["quartile"] in (1, 2, 3, 4) for r in hidden)
    text = invoke("summary", "batch", "--highlight", named).stdout
    assert f"{named} (" in text and "of its type, quartile" in text


def test_highlighting_an_unknown_authority_gets_a_hint(batch: Path) -> None:
    named = _authorities(_json("batch"))[0]["authority"]
    result = invoke("summary", "batch", "--highlight", named[:-1])
    assert result.exit_code == 2
    assert f"(did you mean '{named}'?)" in result.stderr


def test_anonymise_labels_every_authority_in_table_order(batch: Path) -> None:
    first = invoke("summary", "batch", "--anonymise", "--format", "csv").stdout
    assert first == invoke("summary", "batch", "--anonymise", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(first)))
    assert [r["authority"] for r in rows] == [f"Authority {chr(65 + n)}" for n in range(21)]
    assert {r["file"] for r in rows} == {""} and {r["score"] for r in rows} == {""}


def test_the_markdown_report_and_its_heat_map_are_written_together(batch: Path) -> None:
    args = ("summary", "batch", "--format", "markdown", "-o", "report.md")
    assert invoke(*args).exit_code == 0
    report = (batch.parent / "report.md").read_text(encoding="utf-8")
    svg = (batch.parent / "report.heatmap.svg").read_bytes()
    assert "![Heat map of 21 authorities by bullet, grouped by type](report.heatmap.svg)" in report
    for heading in ("## Method", "## League table by authority type", "## Bullets most often"):
        assert heading in report
    xml.dom.minidom.parseString(svg)
    assert invoke(*args).exit_code == 0
    assert (batch.parent / "report.heatmap.svg").read_bytes() == svg  # the same bytes


def test_no_report_is_written_when_its_heat_map_cannot_be(batch: Path) -> None:
    (batch.parent / "report.heatmap.svg").mkdir()
    result = invoke("summary", "batch", "--format", "markdown", "-o", "report.md")
    assert result.exit_code == 2
    assert "report.heatmap.svg: is a directory" in result.stderr
    assert not (batch.parent / "report.md").exists()


HOSTILE = '=HYPERLINK("http://x.invalid")<script>&|*x*'


def test_hostile_names_are_escaped_in_every_format(in_tmp: Path) -> None:
    text = (EXAMPLES / "county-compliant.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Exampleshire County Council", f"name: '{HOSTILE}'")
    (in_tmp / "c.yaml").write_text(text, encoding="utf-8")
    out = invoke("summary", "c.yaml", "--format", "csv", "--format", "markdown", "-o", "r.md")
    assert next(csv.DictReader(io.StringIO(out.stdout)))["authority"] == "'" + HOSTILE
    svg = (in_tmp / "r.heatmap.svg").read_text(encoding="utf-8")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    xml.dom.minidom.parseString(svg)
    report = (in_tmp / "r.md").read_text(encoding="utf-8")
    assert "<script>" not in report and "\\|" in report


@pytest.mark.parametrize("width", [60, 100])
def test_the_terminal_layout_fits_the_width(width: int) -> None:
    result = on_terminal("summary", str(EXAMPLES), width=width)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    assert any("Calderbrook Metropolitan Borough Council" in line for line in lines)


def test_the_examples_summary(in_tmp: Path) -> None:
    text = invoke("summary", str(EXAMPLES)).stdout
    assert text.startswith("Summary against rec20 1.0: 5 authorities summarised; no file failed\n")
    assert "  Kelbrook Council" in text and "does not  2/6/2" in text
    assert "bullet 1, Political leadership: not met by 1, partly met by 2" in text


def test_two_authorities_of_one_name_are_told_apart_by_file(in_tmp: Path) -> None:
    shutil.copy(EXAMPLES / "county-compliant.yaml", in_tmp / "2024.yaml")
    shutil.copy(EXAMPLES / "county-compliant.yaml", in_tmp / "2025.yaml")
    names = [a["authority"] for a in _authorities(_json("2024.yaml", "2025.yaml"))]
    assert names == [
        "Exampleshire County Council (2024.yaml)",
        "Exampleshire County Council (2025.yaml)",
    ]


def test_an_unknown_sort_key_is_refused_before_any_chart_is_read(in_tmp: Path) -> None:
    (in_tmp / "bad.yaml").write_text("leadaudit: 1\nauthority: [\n", encoding="utf-8")
    result = invoke("summary", "bad.yaml", "--sort", "scor")
    assert result.exit_code == 2
    assert result.stderr == (
        "leadaudit: error: --sort: unknown key 'scor' (did you mean 'score'?)\n"
    )
