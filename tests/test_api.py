"""The public API in leadaudit/__init__.py: load, audit, render, as the README shows them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import leadaudit
from leadaudit.errors import InputError
from leadaudit.framework import load_framework
from tests.conftest import EXAMPLES
from tests.support import invoke

GAPS = EXAMPLES / "unitary-gaps.yaml"


def test_load_audit_render_give_what_check_gives() -> None:
    result = leadaudit.audit(leadaudit.load(GAPS))
    assert json.loads(leadaudit.render(result, "json")) == json.loads(
        invoke("check", str(GAPS), "--format", "json").stdout
    )
    assert leadaudit.render([result], "text") == invoke("check", str(GAPS)).stdout


def test_the_report_from_python_is_the_report_from_the_command_line() -> None:
    result = leadaudit.audit(leadaudit.load(str(GAPS)), "rec20")
    assert leadaudit.render(result, "markdown") == invoke("report", str(GAPS)).stdout


def test_a_loaded_framework_or_a_name(tmp_path: Path) -> None:
    fw = load_framework("statutory")
    by_object = leadaudit.audit(leadaudit.load(GAPS, framework=fw), fw)
    by_name = leadaudit.audit(leadaudit.load(GAPS, framework="statutory"), "statutory")
    assert by_object == by_name
    assert by_object.framework == "statutory"


def test_bad_input_raises_located_problems(tmp_path: Path) -> None:
    bad = tmp_path / "org.yaml"
    bad.write_text("leadaudit: 1\nauthority: {name: X, type: countyy}\nposts: []\n")
    with pytest.raises(InputError) as caught:
        leadaudit.load(bad)
    assert caught.value.problems[0].render().startswith(f"{bad}:2:")


def test_an_unknown_format_is_refused() -> None:
    result = leadaudit.audit(leadaudit.load(GAPS))
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        leadaudit.render(result, "pdf")


def test_importing_the_package_imports_nothing_heavy() -> None:
    code = (
        "import sys, leadaudit; "
        "print(sorted(m for m in ('pydantic', 'yaml', 'jinja2', 'rich', 'typer') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
