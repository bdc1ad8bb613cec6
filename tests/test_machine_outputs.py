"""JSON, SARIF, JUnit and GitHub outputs: valid against their schemas, faithful to the findings."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SHARED
from tests.support import report_inputs, run

SARIF_SCHEMA = SHARED / "data" / "sarif" / "sarif-schema-2.1.0.json"
HOSTILE = "tests/fixtures/hostile-names.yaml"
GAPS = "tests/fixtures/borough-gaps.yaml"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _check(source: str, fmt: str, *extra: str) -> str:
    result = run(["check", source, "--format", fmt, *extra])
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


def _json_result(source: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_check(source, "json"))
    return data


def _strict(schema: Any) -> Any:
    """The schema with every object closed, so an undocumented field fails validation."""
    if isinstance(schema, dict):
        out = {k: _strict(v) for k, v in schema.items()}
        if "properties" in out:
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [_strict(v) for v in schema]
    return schema


def _result_schema() -> dict[str, Any]:
    text = (resources.files("leadaudit") / "schemas" / "result-v1.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


# -- JSON -------------------------------------------------------------------------------


@pytest.mark.parametrize("source", report_inputs(), ids=lambda p: p.stem)
def test_json_output_matches_the_published_schema_exactly(source: Path) -> None:
    from jsonschema import Draft202012Validator, FormatChecker

    schema = _strict(_result_schema())
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(_json_result(source.as_posix())), key=str)
    assert errors == []


def test_schema_rejects_a_result_that_breaks_it() -> None:
    from jsonschema import Draft202012Validator

    data = _json_result(GAPS)
    broken = copy.deepcopy(data)
    broken["findings"][0]["severity"] = "fatal"
    assert list(Draft202012Validator(_result_schema()).iter_errors(broken))
    extra = copy.deepcopy(data)
    extra["findings"][0]["surprise"] = 1
    assert list(Draft202012Validator(_strict(_result_schema())).iter_errors(extra))


def test_json_records_the_input_hash_and_an_empty_waived_list() -> None:
    import hashlib

    data = _json_result(GAPS)
    entry = data["files"][0]
    assert entry["sha256"] == hashlib.sha256((ROOT / GAPS).read_bytes()).hexdigest()
    assert entry["waived"] == [] and data["summary"]["waived"] == 0


# -- SARIF ------------------------------------------------------------------------------


def _sarif(source: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_check(source, "sarif"))
    return data


@pytest.mark.skipif(not SARIF_SCHEMA.is_file(), reason="shared SARIF 2.1.0 schema not present")
@pytest.mark.parametrize("source", report_inputs(), ids=lambda p: p.stem)
def test_sarif_is_valid_against_the_official_schema(source: Path) -> None:
    from jsonschema import Draft4Validator

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(Draft4Validator(schema).iter_errors(_sarif(source.as_posix())), key=str)
    assert errors == []


def test_sarif_describes_every_framework_rule_with_help() -> None:
    run_ = _sarif(GAPS)["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [f"R20-{n:02d}" for n in range(1, 20)]
    r02 = rules[1]
    assert r02["name"] == "reports-to-top"
    assert r02["shortDescription"]["text"] == "The digital leader reports in to the highest level"
    assert "Remediation: Move the digital leader's reporting line" in r02["help"]["text"]
    assert "What to record: Set reports_to" in r02["help"]["text"]
    assert r02["properties"]["bullet"] == "2" and r02["properties"]["area"] == "organisational"
    assert r02["defaultConfiguration"]["level"] == "error"
    assert rules[9]["defaultConfiguration"]["level"] == "note"  # R20-10 is info


def test_sarif_results_point_at_the_yaml_line_with_mapped_levels() -> None:
    findings = _json_result(GAPS)["findings"]
    run_ = _sarif(GAPS)["runs"][0]
    results = run_["results"]
    assert len(results) == len(findings)
    level = {"error": "error", "warning": "warning", "info": "note"}
    for sarif, finding in zip(results, findings, strict=True):
        assert sarif["ruleId"] == finding["rule"]
        assert run_["tool"]["driver"]["rules"][sarif["ruleIndex"]]["id"] == finding["rule"]
        assert sarif["level"] == level[finding["severity"]]
        loc = sarif["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == GAPS
        assert loc["region"] == {"startLine": finding["line"], "startColumn": finding["column"]}
    architect = next(r for r in results if r["ruleId"] == "R20-11")
    assert architect["locations"][0]["physicalLocation"]["region"]["startLine"] == 25


def test_sarif_uses_a_file_uri_only_for_an_absolute_input(tmp_path: Path) -> None:
    source = tmp_path / "with space.yaml"
    source.write_bytes((ROOT / GAPS).read_bytes())
    run_ = _sarif(str(source))["runs"][0]
    uri = run_["artifacts"][0]["location"]["uri"]
    assert uri == source.as_uri()
    assert "%20" in uri


def test_sarif_has_no_timestamps_and_is_stable() -> None:
    text = _check(GAPS, "sarif")
    assert text == _check(GAPS, "sarif")
    assert "Time" not in text and "startTime" not in text


# -- JUnit ------------------------------------------------------------------------------


def _junit(source: str, *extra: str) -> ET.Element:
    return ET.fromstring(_check(source, "junit", *extra).encode("utf-8"))


@pytest.mark.parametrize("source", report_inputs(), ids=lambda p: p.stem)
def test_junit_has_a_case_per_finding_or_one_per_rule(source: Path) -> None:
    root = _junit(source.as_posix())
    suites = root.findall("testsuite")
    assert len(suites) == 1
    cases = suites[0].findall("testcase")
    classes = [c.get("classname", "") for c in cases]
    assert sorted(set(classes)) == [f"rec20.R20-{n:02d}" for n in range(1, 20)]
    names = [c.get("name", "") for c in cases]
    assert len(set(names)) == len(names)
    assert all(n.endswith(f" [{source.as_posix()}]") for n in names)
    findings = _json_result(source.as_posix())["findings"]
    per_rule = {c: classes.count(c) for c in classes}
    for rule in {f["rule"] for f in findings}:
        assert per_rule[f"rec20.{rule}"] == sum(1 for f in findings if f["rule"] == rule)
    counts = {k: int(suites[0].get(k, "-1")) for k in ("tests", "failures", "skipped")}
    assert counts["tests"] == len(cases)
    assert counts["failures"] == sum(1 for c in cases if c.find("failure") is not None)
    assert counts["skipped"] == sum(1 for c in cases if c.find("skipped") is not None)


def test_junit_fails_the_findings_at_or_above_the_threshold() -> None:
    def failed(*extra: str) -> list[str]:
        root = _junit(GAPS, *extra)
        return [c.get("name", "") for c in root.iter("testcase") if c.find("failure") is not None]

    assert failed() == [
        f"R20-02 reports-to-top: post head-digital (2 levels below) [{GAPS}]",
        f"R20-05 political-digital-lead: the authority [{GAPS}]",
        f"R20-11 in-house-architecture: post architect (outsourced) [{GAPS}]",
    ]
    assert len(failed("--fail-on", "warning")) == 3 + 8
    assert failed("--fail-on", "never") == []


def test_junit_gives_two_findings_of_one_rule_two_cases() -> None:
    cases = [c for c in _junit(GAPS).iter("testcase") if c.get("classname") == "rec20.R20-19"]
    assert [c.get("name") for c in cases] == [
        f"R20-19 key-posts-filled: post head-digital (interim) [{GAPS}]",
        f"R20-19 key-posts-filled: post architect (outsourced) [{GAPS}]",
    ]
    assert all(c.find("system-out") is not None and c.find("failure") is None for c in cases)


def test_junit_names_stay_apart_for_the_same_finding_in_two_files(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy.yaml"
    shutil.copy(GAPS, copy)
    result = run(["check", GAPS, str(copy), "--format", "junit"])
    root = ET.fromstring(result.stdout.encode("utf-8"))
    keys = [(c.get("classname"), c.get("name")) for c in root.iter("testcase")]
    assert len(set(keys)) == len(keys) == 2 * len(_junit(GAPS).findall("testsuite/testcase"))


def test_junit_skips_waived_findings_with_the_justification(tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n  - rule: R20-05\n    justification: A lead member is being appointed\n"
        "    owner: Chief Executive\n    expires: 2030-01-01\n",
        encoding="utf-8",
    )
    root = _junit(GAPS, "--waivers", str(waivers), "--today", "2026-01-01")
    (case,) = [c for c in root.iter("testcase") if c.get("classname") == "rec20.R20-05"]
    skipped = case.find("skipped")
    assert skipped is not None and case.find("failure") is None
    assert "A lead member is being appointed" in skipped.get("message", "")


def test_junit_survives_hostile_names_and_several_files() -> None:
    result = run(["check", HOSTILE, GAPS, "--format", "junit"])
    root = ET.fromstring(result.stdout.encode("utf-8"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [HOSTILE, GAPS]
    assert root.get("tests") == "40"
    props = {p.get("name"): p.get("value") for p in suites[0].iter("property")}
    assert props["authority"] == (
        "Pipe | and <img src=x onerror=alert(1)> & [link](https://evil.example) Council"
    )


# -- GitHub -----------------------------------------------------------------------------


def test_github_annotations_carry_file_line_column_and_title() -> None:
    lines = _check(GAPS, "github").splitlines()
    findings = _json_result(GAPS)["findings"]
    assert len(lines) == len(findings) + 2
    command = {"error": "error", "warning": "warning", "info": "notice"}
    # most severe first (GitHub shows 10 of each kind), in the result's order within a kind
    order = {"error": 0, "warning": 1, "info": 2}
    findings = sorted(findings, key=lambda f: order[f["severity"]])
    for line, f in zip(lines[:-2], findings, strict=True):
        head = (
            f"::{command[f['severity']]} file={GAPS},line={f['line']},col={f['column']},"
            f"title={f['rule']} {f['slug']}::"
        )
        assert line.startswith(head)
    assert lines[-2] == (
        f"leadaudit: {GAPS}: Does not meet Recommendation 20: bullets 1, 2 and 4 not met; "
        "bullets 3, 5 and 7 and the headline partly met"
    )
    assert lines[-1] == "leadaudit: 1 file: 3 errors, 8 warnings, 2 info"


def test_github_output_cannot_be_made_to_run_other_commands() -> None:
    out = _check(HOSTILE, "github")
    lines = out.splitlines()
    # data holds newlines and '::warning::' text; none of it may start a line of its own
    annotations = [line for line in lines if not line.startswith("leadaudit: ")]
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in annotations)
    assert lines[-1].startswith("leadaudit: ")
    assert lines[-2].startswith("leadaudit: ") and "Does not meet" in lines[-2]
    assert "Chief Executive |%0Asecond line" in out
    assert "%250A" in out  # a literal '%0A' in the data is not decoded into a line break


def test_github_property_values_are_escaped(tmp_path: Path) -> None:
    odd = tmp_path / "a,b:c%.yaml"
    odd.write_bytes((ROOT / GAPS).read_bytes())
    first = _check(str(odd), "github").splitlines()[0]
    props = first.split("::")[1]
    assert f"file={str(tmp_path).replace(':', '%3A')}/a%2Cb%3Ac%25.yaml," in props


def test_junit_skips_a_rule_that_cannot_be_assessed(tmp_path: Path) -> None:
    chart = tmp_path / "org.yaml"
    chart.write_text(Path(GAPS).read_text("utf-8").split("\nmembers:")[0] + "\n", encoding="utf-8")
    root = _junit(str(chart))
    (case,) = [c for c in root.iter("testcase") if c.get("classname") == "rec20.R20-05"]
    skipped = case.find("skipped")
    assert skipped is not None
    assert skipped.get("message", "").startswith("not assessable: ")
