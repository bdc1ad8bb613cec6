"""Property tests for the inputs around the org chart: mutated configuration, framework,
waivers and template files never give exit 3, a traceback or a line that starts a CI
command; they are read, or refused with exit 2 and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES
from tests.support import invoke
from tests.test_properties import MUTATION_SNIPPETS, mutate

BOUNDED = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
ORG = (EXAMPLES / "unitary-gaps.yaml").read_bytes()
SEEDS = {
    "config": b"framework: rec20\nfail_on: warning\noutputs:\n  - format: json\n    path: out.json\n"
    b"  - format: text\nwaivers: w.yaml\nlimits:\n  max_depth: 32\n",
    "pyproject": b'[tool.leadaudit]\nframework = "rec20"\nfail_on = "warning"\n'
    b'[[tool.leadaudit.outputs]]\nformat = "json"\npath = "out.json"\n',
    "framework": b"leadaudit_framework: 1\nname: mine\nextends: rec20\ntitle: Mine\n"
    b"overrides:\n  R20-02:\n    severity: warning\n    check: {warn_depth: 2}\n"
    b"by_authority_type:\n  unitary:\n    R20-11: {severity: info}\n",
    "waivers": b"waivers:\n  - rule: R20-11\n    subject: tech-architect\n"
    b"    justification: Bought in while we recruit\n    owner: CDO\n    expires: 2099-01-01\n"
    b"    severity: error\n    accepted: outsourced\n",
    "template": b"# {{ authority | md_text }}\n{% for a in areas %}- {{ a.title | md_text }}: "
    b"{{ a.score | score }}\n{% endfor %}{{ verdict_text }}\n",
}
COMMANDS = {
    "config": ("check", "org.yaml", "--config", "input"),
    "pyproject": ("check", "org.yaml"),
    "framework": ("check", "org.yaml", "--framework", "input.yaml"),
    "waivers": ("check", "org.yaml", "--waivers", "input"),
    "template": ("report", "org.yaml", "--template", "input", "-o", "out.md"),
}
NAMES = {"pyproject": "pyproject.toml", "framework": "input.yaml"}
SNIPPETS = [*MUTATION_SNIPPETS, b"{{", b"{%", b"::error::x", b"\\u202e", b"..", b"/", b"= ", b"]"]


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    return mutate(draw, seed, SNIPPETS, rounds=5)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "org.yaml").write_bytes(ORG)
    (tmp_path / "w.yaml").write_text("waivers: []\n", encoding="utf-8")
    return tmp_path


def _run_with(here: Path, kind: str, data: bytes) -> None:
    for leftover in ("out.json", "out.md"):
        (here / leftover).unlink(missing_ok=True)
    (here / NAMES.get(kind, "input")).write_bytes(data)
    result = invoke(*COMMANDS[kind])  # fails the test if an exception escaped
    assert result.exit_code in (0, 1, 2), result.output
    for line in (result.stdout + result.stderr).splitlines():
        assert not line.lstrip().startswith("::"), line
    if result.exit_code == 2:
        assert not (here / "out.json").exists() and not (here / "out.md").exists()
        assert result.stderr.strip(), "exit 2 says why"


@pytest.mark.parametrize("kind", sorted(SEEDS))
def test_the_seeds_themselves_are_read(here: Path, kind: str) -> None:
    (here / NAMES.get(kind, "input")).write_bytes(SEEDS[kind])
    result = invoke(*COMMANDS[kind])
    assert result.exit_code in (0, 1), result.output


@BOUNDED
@given(st.sampled_from(sorted(SEEDS)).flatmap(lambda k: st.tuples(st.just(k), mutated(SEEDS[k]))))
def test_mutated_inputs_end_cleanly(here: Path, case: tuple[str, bytes]) -> None:
    _run_with(here, *case)
