"""No line leadaudit prints can start a CI workflow command it did not mean to write,
whatever the org chart, framework, configuration, waivers or file names hold."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import invoke
from tests.support_config import org_text, write

HOSTILE = [
    "\n::error file=README.md,line=1::Approved",
    "\r\n::warning::x",
    "\u2028::notice::y",
    "::error::at the start",
    "  ::add-mask::secret",
]
MACHINE = ("json", "sarif", "junit")
ANNOTATION = re.compile(r"^::(error|warning|notice) file=[^\n]*?::")


def _commands_in(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("::")]


def _yaml(value: str) -> str:
    return json.dumps(value)  # a double-quoted YAML scalar holding the value exactly


def _framework(value: str) -> str:
    return (
        "leadaudit_framework: 1\nname: hostile\nextends: rec20\n"
        f"title: {_yaml('T' + value)}\nversion: {_yaml('1' + value)}\n"
        f"capabilities:\n  hostile:\n    title: {_yaml('cap' + value)}\n"
        f"    description: {_yaml('Means' + value)}\n"
        "overrides:\n  R20-01:\n"
        f"    title: {_yaml('Leader' + value)}\n    remediation: {_yaml('Fix' + value)}\n"
    )


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _cases(here: Path, value: str) -> list[tuple[str, ...]]:
    """Commands that echo ``value`` from each kind of input, in their output or errors."""
    org = org_text().replace("title: Chief Digital Officer", f"title: {_yaml('CDO' + value)}")
    org = org.replace("capabilities: [digital_architecture]", "capabilities: []")
    write(here / "org.yaml", org)
    write(
        here / "bad-basis.yaml",
        org_text().replace("reports_to: cdo\n", f"reports_to: cdo\n    basis: {_yaml(value)}\n", 1),
    )
    write(
        here / "bad-key.yaml",
        org_text().replace("posts:\n", f"posts:\n  - {_yaml('x' + value)}: 1\n", 1),
    )
    write(here / "fw.yaml", _framework(value))
    write(
        here / "waivers.yaml",
        f"waivers:\n  - rule: R20-11\n    subject: ea\n    justification: {_yaml('J' + value)}\n    owner: {_yaml('O' + value)}\n    expires: 2000-01-01\n",
    )
    write(here / "cfg.yaml", f"fail_on: {_yaml(value)}\n")
    return [
        ("check", "org.yaml"),
        ("check", "org.yaml", "--format", "markdown"),
        ("check", "org.yaml", "--framework", "fw.yaml"),
        ("check", "org.yaml", "--framework", "fw.yaml", "--format", "markdown"),
        ("check", "org.yaml", "--waivers", "waivers.yaml", "--today", "2001-01-01"),
        ("check", "bad-basis.yaml"),
        ("check", "bad-key.yaml"),
        ("check", "org.yaml", "--config", "cfg.yaml"),
        ("config", "--config", "cfg.yaml"),
        ("rules", "--framework", "fw.yaml"),
        ("rules", "--framework", "fw.yaml", "--format", "markdown"),
        ("explain", "R20-01", "--framework", "fw.yaml"),
        ("capabilities", "--framework", "fw.yaml"),
        ("capabilities", "--framework", "fw.yaml", "--format", "markdown"),
        ("capabilities", "--framework", "fw.yaml", "--format", "json"),
        ("explain", "R20-99" + value),
        ("check", "missing" + value + ".yaml"),
        *(("check", "org.yaml", "--framework", "fw.yaml", "--format", f) for f in MACHINE),
        ("report", "org.yaml", "--framework", "fw.yaml"),
        ("frameworks",),
        ("waive", "org.yaml", "--rule", "R20-11", "--justification", "J" + value,
         "--owner", "o", "--expires", "2099-01-01", "--waivers", "new.yaml"),
        ("init", "--type", "county", "--name", "N" + value, "--dir", "d" + value, "--ci", "none"),
    ]  # fmt: skip


@pytest.mark.parametrize("value", HOSTILE)
def test_no_command_from_any_input(here: Path, value: str) -> None:
    for args in _cases(here, value):
        result = invoke(*args)
        assert result.exit_code in (0, 1, 2), (args, result.output)
        assert _commands_in(result.stdout) == [], args
        assert _commands_in(result.stderr) == [], args
        for line in result.stderr.splitlines():
            assert len(line) < 1200


@pytest.mark.parametrize("value", HOSTILE)
def test_github_output_writes_only_its_own_annotations(here: Path, value: str) -> None:
    _cases(here, value)
    for framework in ("rec20", "fw.yaml"):
        result = invoke("check", "org.yaml", "--framework", framework, "--format", "github")
        as_json = invoke("check", "org.yaml", "--framework", framework, "--format", "json")
        if as_json.exit_code == 2:  # the value is refused (a separator character): no output
            assert result.exit_code == 2 and result.stdout == ""
            continue
        findings = json.loads(as_json.stdout)["findings"]
        commands = _commands_in(result.stdout)
        assert len(commands) == len(findings)
        assert all(ANNOTATION.match(line) for line in commands)
        assert _commands_in(result.stderr) == []


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.builds(
        lambda head, tail: head + "::" + tail,
        st.text(alphabet=st.sampled_from(["\n", "\r", " ", "a", "\u0085"]), max_size=4),
        st.text(alphabet=st.sampled_from([":", "\n", " ", "a", "#", "-", "="]), max_size=20),
    )
)
def test_no_printed_line_starts_a_command(here: Path, value: str) -> None:
    org = org_text().replace("title: Chief Digital Officer", f"title: {_yaml('C' + value)}")
    write(here / "h.yaml", org.replace("reports_to: cdo\n", f"reports_to: {_yaml(value)}\n", 1))
    for args in (("check", "h.yaml"), ("check", "h.yaml", "--format", "markdown")):
        result = invoke(*args)
        assert _commands_in(result.stdout) == []
        assert _commands_in(result.stderr) == []
