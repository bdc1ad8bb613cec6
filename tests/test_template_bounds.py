"""A user's report template reads only what it is given and runs within bounds: a hostile
one ends in a one-line 'template error' and exit 2, with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadaudit.reporters import template_sandbox
from tests.conftest import EXAMPLES
from tests.support import invoke

ORG = (EXAMPLES / "county-compliant.yaml").read_text(encoding="utf-8")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "org.yaml").write_text(ORG, encoding="utf-8")
    (tmp_path / ".secret").write_text("token=abc\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "part.j2").write_text("inside sub\n", encoding="utf-8")
    (tmp_path / "beside.j2").write_text("beside {{ authority }}\n", encoding="utf-8")
    (tmp_path / "env.j2").symlink_to("/proc/self/environ")
    return tmp_path


def _report(here: Path, template: str) -> tuple[int, str, str]:
    (here / "t.j2").write_text(template, encoding="utf-8")
    result = invoke("report", "org.yaml", "--template", "t.j2", "-o", "out.md")
    return result.exit_code, result.stdout, result.stderr


def test_a_file_beside_the_template_may_be_included(here: Path) -> None:
    code, _, err = _report(here, '{% include "beside.j2" %}')
    assert code == 0, err
    assert (here / "out.md").read_text(encoding="utf-8") == "beside Exampleshire County Council\n"


@pytest.mark.parametrize(
    "name", [".secret", "sub/part.j2", "../org.yaml", "env.j2", "/etc/hostname"]
)
def test_nothing_else_may_be_included(here: Path, name: str) -> None:
    code, _, err = _report(here, '{% include "' + name + '" %}')
    assert code == 2
    assert f"template error: included template not found: {name}" in err
    assert "token" not in err
    assert not (here / "out.md").exists()


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ 10 ** (10 ** 9) }}", "a number too large"),
        ("{{ 'a' * 10 ** 9 }}", "a value too long"),
        ("{{ lipsum(n=10**7) }}", "lipsum"),
        (
            "{% set ns = namespace(s='x') %}{% for i in range(40) %}"
            "{% set ns.s = ns.s + ns.s %}{% endfor %}",
            "too long",
        ),
        (
            "{% set ns = namespace(s='x') %}{% for i in range(40) %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
            "memory",
        ),
        ("{% for i in range(100) %}{{ 'x' * 1000000 }}{% endfor %}", "more than"),
    ],
)
def test_template_work_is_bounded(here: Path, template: str, message: str) -> None:
    code, _, err = _report(here, template)
    assert code == 2, err
    assert "t.j2" in err and "template error" in err and message in err
    assert len(err.splitlines()) == 1
    assert not (here / "out.md").exists()


def test_a_template_that_runs_too_long_is_stopped(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(template_sandbox, "MAX_SECONDS", 1)
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    code, _, err = _report(here, loops)
    assert code == 2
    assert "took longer than 1 seconds" in err
