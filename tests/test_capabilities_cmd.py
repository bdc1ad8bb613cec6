"""`leadaudit capabilities`: every capability id a framework knows, what it means and the
rules that check it, as text (piped and on a terminal), JSON and Markdown."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from leadaudit.framework import bundled_names, load_framework
from tests.support import invoke, on_terminal
from tests.support_config import write

REC20 = load_framework()
IDS = sorted(REC20.capabilities)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_text_lists_every_capability_a_line_sorted_by_id() -> None:
    result = invoke("capabilities")
    assert result.exit_code == 0, result.output
    heading, *lines = result.stdout.splitlines()
    assert heading == f"rec20 1.0: {len(IDS)} capabilities"
    assert [line.split()[0] for line in lines] == IDS
    line = next(line for line in lines if line.startswith("digital_architecture "))
    assert line.endswith(
        "digital architecture: Designs the authority's technology and service architecture. "
        "(rules: R20-11, R20-19)"
    )
    unused = next(line for line in lines if line.startswith("s151_officer "))
    assert unused.endswith("(rules: none in rec20)")


@pytest.mark.parametrize("width", [40, 60, 100, 160])
def test_on_a_terminal_ids_stay_whole_and_lines_fit(width: int) -> None:
    text = on_terminal("capabilities", width=width).stdout
    assert [line for line in text.splitlines() if len(line) > width] == []
    assert "…" not in text
    for cid in IDS:
        assert re.search(rf"(?<![\w-]){cid}(?![\w-])", text), cid


def test_the_terminal_layout_narrows_from_a_table_to_stacked_entries() -> None:
    wide, medium, narrow = (on_terminal("capabilities", width=w).stdout for w in (160, 100, 60))
    assert re.search(r"┃ Capability +┃ Title +┃ Meaning +┃ Rules +┃", wide)
    assert re.search(r"┃ Capability +┃ Title and meaning +┃ Rules +┃", medium)
    assert (
        "\nopen_data\n    open data: Publishes the authority's data openly.\n    Rules: R20-09\n"
        in (narrow)
    )


def test_json_is_sorted_and_names_the_rules_that_check_each_capability() -> None:
    result = invoke("capabilities", "--format", "json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["framework"]["name"] == "rec20"
    found = payload["capabilities"]
    assert [c["id"] for c in found] == IDS
    by_id = {c["id"]: c for c in found}
    assert by_id["data_sharing"] == {
        "id": "data_sharing",
        "title": "data sharing",
        "description": "Arranges and governs sharing of data with partners.",
        "rules": ["R20-09"],
    }
    assert by_id["digital_leadership"]["rules"][:2] == ["R20-01", "R20-02"]
    assert by_id["siro"]["rules"] == []
    # every rule is listed under each capability its check names, and nowhere else
    for rule in REC20.rules:
        for cid, cap in by_id.items():
            assert (rule.id in cap["rules"]) == (cid in rule.check.capabilities_used())
    assert invoke("capabilities", "--format", "json").stdout == result.stdout


def test_markdown_is_a_table_of_every_capability() -> None:
    result = invoke("capabilities", "--format", "markdown")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "# Capabilities of rec20 1.0"
    header = lines.index("| Capability | Title | Meaning | Rules |")
    assert lines[header + 1] == "| --- | --- | --- | --- |"
    rows = lines[header + 2 :]
    assert [row.split(" | ")[0].removeprefix("| `").removesuffix("`") for row in rows] == IDS
    assert all(row.count(" | ") == 3 and row.endswith(" |") for row in rows)
    assert "| `caldicott_guardian` | Caldicott guardian | Protects the confidentiality" in (
        result.stdout
    )


@pytest.mark.parametrize("name", bundled_names())
def test_each_bundled_framework_lists_its_own_rules(name: str) -> None:
    payload = json.loads(invoke("capabilities", "-f", name, "--format", "json").stdout)
    listed = {rule for cap in payload["capabilities"] for rule in cap["rules"]}
    assert listed == {r.id for r in load_framework(name).rules if r.check.capabilities_used()}


FRAMEWORK = """\
leadaudit_framework: 1
name: ours
extends: rec20
capabilities:
  web_accessibility:
    title: web accessibility
    description: Makes the authority's websites usable by everyone.
areas:
  access:
    title: Accessibility
    bullet: local policy
    summary: Services everyone can use.
rules:
  - id: OURS-01
    slug: accessibility-lead
    title: Someone owns web accessibility
    area: access
    bullet: local policy
    clause: The council's websites meet the accessibility regulations.
    severity: warning
    check: {kind: capability_coverage, capabilities: [web_accessibility]}
    record: Give the accessibility lead's post web_accessibility.
    remediation: Name an accessibility lead.
overrides:
  R20-10: {severity: off}
"""


def test_a_framework_of_your_own_lists_its_capabilities_and_leaves_out_rules_turned_off(
    here: Path,
) -> None:
    write(here / "ours.yaml", FRAMEWORK)
    payload = json.loads(invoke("capabilities", "-f", "ours.yaml", "--format", "json").stdout)
    by_id = {c["id"]: c for c in payload["capabilities"]}
    assert by_id["web_accessibility"]["rules"] == ["OURS-01"]
    assert by_id["chief_data_officer"]["rules"] == []  # R20-10 is off
    assert sorted(by_id) == sorted([*IDS, "web_accessibility"])


def test_the_configured_framework_is_listed_unless_one_is_given(here: Path) -> None:
    write(here / "fw" / "ours.yaml", FRAMEWORK)
    write(here / ".leadaudit.yaml", "framework: fw/ours.yaml\n")
    assert invoke("capabilities").stdout.startswith("ours 1.0: 24 capabilities\n")
    assert invoke("capabilities", "-f", "statutory").stdout.startswith("statutory 1.0: ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("-f", "nope"),
            "leadaudit: error: unknown framework 'nope' (bundled frameworks: rec20, statutory; "
            "a file path ends in .yaml)",
        ),
        (("-f", "rec2"), "leadaudit: error: unknown framework 'rec2' (did you mean 'rec20'?)"),
        (
            ("-f", "missing.yaml"),
            "leadaudit: error: no such framework file 'missing.yaml' (looked for missing.yaml; "
            "a relative path starts from the current folder)",
        ),
    ],
)
def test_an_unknown_framework_is_one_line_and_exit_2(
    here: Path, args: tuple[str, ...], message: str
) -> None:
    result = invoke("capabilities", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == message + "\n"


def test_a_broken_framework_file_is_located(here: Path) -> None:
    write(here / "bad.yaml", FRAMEWORK.replace("[web_accessibility]}", "[web_accesibility]}"))
    result = invoke("capabilities", "-f", "bad.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("bad.yaml:21:55: rules[0].check.capabilities[0]: ")
    assert "unknown capability 'web_accesibility' (did you mean 'web_accessibility'?)" in (
        result.stderr
    )
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("width", ["60", "100"])
def test_help_has_no_python_type_names(width: str) -> None:
    result = invoke("capabilities", "--help", env={"COLUMNS": width})
    assert result.exit_code == 0
    options = result.stdout.split("Options:")[1]
    for python_name in ("<str>", "<int", "<path>", "list[", "<bool>", "TEXT", "PATH]"):
        assert python_name not in options, python_name
    assert "--format text|json|markdown" in options
    assert "capabilities " in invoke("--help").stdout
