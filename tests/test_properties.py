"""Property tests: whatever the org chart, leadaudit ends cleanly and its outputs stay safe.

Generated org charts (with faults: cycles, unknown ids, duplicates, several top posts)
either fail with located input errors or audit to a result that renders in every output
format, the same way every time, and whose JSON reads back to the same data. Arbitrary
bytes and mutated valid files never raise anything but an InputError. Hostile text in
names, titles and file names never reaches any output as a raw control, escape or
bidirectional character, whichever formats are registered.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import generate, to_yaml
from leadaudit.engine import audit
from leadaudit.errors import InputError
from leadaudit.findings import AuditResult
from leadaudit.framework import Framework, load_framework
from leadaudit.model import Basis, OrgChart, Position
from leadaudit.orgchart import build_index, load_orgchart_bytes
from leadaudit.reporters import FORMATS, RenderOptions, renderer
from leadaudit.reporters.json_format import as_dict
from tests.conftest import EXAMPLES

FRAMEWORK: Framework = load_framework("rec20")
CAPABILITIES = sorted(set(FRAMEWORK.capabilities) - {"head_of_paid_service"})
BOUNDED = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# What must never reach an output raw: C0 controls other than tab and line feed (so
# also ESC and CR), DEL, C1 controls, line and paragraph separators, bidi controls.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# The terminal layout without colour: colour adds the tool's own escape sequences.
OPTIONS = (RenderOptions(), RenderOptions(rich=True, color=False, width=100))


def render_all(results: list[AuditResult]) -> dict[str, str]:
    """Every registered format, plain and (for the terminal) rich."""
    out: dict[str, str] = {}
    for name in sorted(FORMATS):
        for options in OPTIONS:
            out[f"{name}{'/rich' if options.rich else ''}"] = renderer(name)(results, options)
    return out


def check_outputs(outputs: dict[str, str]) -> None:
    for name, text in outputs.items():
        bad = UNSAFE.search(text)
        assert bad is None, f"{name} output has raw U+{ord(bad.group()):04X}"
        if name.split("/")[0] in ("json", "sarif"):
            json.loads(text)


# -- generated org charts -----------------------------------------------------------------

IDS = [f"p{i}" for i in range(12)]


@st.composite
def org_charts(draw: st.DrawFn) -> dict[str, Any]:
    """Org chart data: mostly a valid tree, now and then with a graph fault or bad id."""
    count = draw(st.integers(1, 12))
    ids = [f"p{i}" for i in range(count)]
    faulty = draw(st.integers(0, 5)) == 0  # about one chart in six has a fault
    if faulty and count > 1:
        ids[draw(st.integers(1, count - 1))] = draw(st.sampled_from([*ids, "p0"]))
    posts = []
    for i, pid in enumerate(ids):
        post: dict[str, Any] = {"id": pid, "title": draw(st.sampled_from(["CEO", "CDO", "Head"]))}
        if i:
            post["reports_to"] = ids[draw(st.integers(0, i - 1))]
        if faulty and draw(st.booleans()):
            post["reports_to"] = draw(st.sampled_from([*ids, "ghost", None]))
        caps = draw(st.lists(st.sampled_from(CAPABILITIES), max_size=3))
        if i == 0 and draw(st.booleans()):
            caps.append("head_of_paid_service")
        if faulty and draw(st.integers(0, 3)) == 0:
            caps.append("made_up")
        if caps:
            post["capabilities"] = caps
        post["basis"] = draw(st.sampled_from([b.value for b in Basis]))
        if draw(st.booleans()):
            post["leadership_team"] = True
        if draw(st.booleans()):
            post["directorate"] = draw(st.sampled_from(["Finance", "Chief Executive's Office"]))
        if draw(st.integers(0, 3)) == 0:
            refs = [*ids, "nobody"] if faulty else ids
            post["works_with"] = draw(st.lists(st.sampled_from(refs), max_size=2))
        if draw(st.integers(0, 4)) == 0:
            post["shared_with"] = ["Northtown DC"] * draw(st.integers(1, 6))
        posts.append(post)
    members = [
        {
            "id": f"m{j}",
            "name": f"Cllr {j}",
            "position": draw(st.sampled_from([p.value for p in Position])),
            "portfolio": draw(
                st.lists(st.sampled_from(["Digital", "Housing", "Data"]), max_size=2)
            ),
        }
        for j in range(draw(st.integers(0, 3)))
    ]
    chart: dict[str, Any] = {
        "leadaudit": 1,
        "authority": {
            "name": "Generated Council",
            "type": draw(st.sampled_from(["county", "district", "unitary"])),
        },
        "posts": posts,
        "members": members,
    }
    if draw(st.booleans()):
        chart["digital_strategy"] = {
            "title": "Digital 2030",
            "owners": draw(st.lists(st.sampled_from(ids), max_size=2)),
        }
    return chart


def load_and_audit(data: bytes, name: str = "org.yaml") -> AuditResult | None:
    """None when the file is refused, with every problem located."""
    try:
        index = load_orgchart_bytes(data, name, FRAMEWORK.capabilities)
    except InputError as exc:
        assert exc.problems
        assert all(p.file == name for p in exc.problems)
        return None
    return audit(index, FRAMEWORK)


@BOUNDED
@given(org_charts())
def test_generated_charts_end_cleanly_and_deterministically(chart: dict[str, Any]) -> None:
    data = to_yaml(chart).encode()
    first = load_and_audit(data)
    second = load_and_audit(data)
    assert first == second
    if first is None or second is None:
        return
    outputs = render_all([first])
    assert outputs == render_all([second])
    check_outputs(outputs)


@BOUNDED
@given(org_charts())
def test_json_output_round_trips(chart: dict[str, Any]) -> None:
    result = load_and_audit(to_yaml(chart).encode())
    if result is None:
        return
    text = renderer("json")([result], RenderOptions())
    assert json.loads(text) == as_dict([result])
    again = json.dumps(json.loads(text), indent=2, ensure_ascii=False, allow_nan=False)
    assert json.loads(again) == json.loads(text)


@BOUNDED
@given(st.binary(max_size=600))
def test_arbitrary_bytes_are_refused_cleanly(data: bytes) -> None:
    load_and_audit(data)


SEEDS = [(EXAMPLES / "county-compliant.yaml").read_bytes(), to_yaml(generate(25)).encode()]


MUTATION_SNIPPETS = [b"\n", b": ", b"- ", b"&a ", b"*a", b"[", b"{", b"'", b'"', b"\t", b"\xff"]


def mutate(draw: st.DrawFn, seed: bytes, snippets: list[bytes], rounds: int = 6) -> bytes:
    """``seed`` with a few random edits: a byte changed, bytes cut, a snippet put in, a line
    repeated, a space put in."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, rounds))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        change = draw(st.integers(0, 4))
        if change == 0:
            data[at] = draw(st.integers(0, 255))
        elif change == 1:
            del data[at : at + draw(st.integers(1, 40))]
        elif change == 2:
            data[at:at] = draw(st.sampled_from(snippets))
        elif change == 3:
            end = data.find(b"\n", at)
            start = data.rfind(b"\n", 0, at) + 1
            data[start:start] = data[start : end + 1 if end >= 0 else len(data)]
        else:
            data[at:at] = b" "
    return bytes(data)


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    return mutate(draw, draw(st.sampled_from(SEEDS)), MUTATION_SNIPPETS)


@BOUNDED
@given(mutated_files())
def test_mutated_files_end_cleanly(data: bytes) -> None:
    result = load_and_audit(data)
    if result is not None:
        check_outputs(render_all([result]))


# -- hostile text -------------------------------------------------------------------------

PAYLOADS = [
    "[link=https://evil.example]click[/link]",
    "[/bold]",
    "[bold red]loud",
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;https://evil.example\x07link\x1b]8;;\x07",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "| a | b |",
    "a\nb",
    "a\r\nb",
    "::error::spoofed",
    "\n::warning file=x::spoofed",
    "![x](https://evil.example/x.png)",
    "@everyone",
    "safe\u202eexe.fdp",
    "\u2066isolate\u2069",
    "line\u2028separator",
    "nul\x00byte",
    "del\x7f c1\x85\x9b",
    "{{ 7 * 7 }}",
    "${HOME}",
    "%s %n",
    "`code` *em* _u_",
    "x" * 1999,
]
HOSTILE = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(
        alphabet=st.sampled_from(
            [*"ab |[]<>*_`#:!\\\"'&/=\n\r\t", "\x00", "\x1b", "\x7f", "\x85", "\u202e", "\u2028"]
        ),
        min_size=1,
        max_size=40,
    ),
)


def hostile_chart(title: str, name: str, authority: str) -> dict[str, Any]:
    """A chart whose findings name the hostile post, member and authority."""
    return {
        "leadaudit": 1,
        "authority": {"name": authority, "type": "county"},
        "posts": [
            {"id": "ceo", "title": title, "capabilities": ["head_of_paid_service"]},
            {"id": "dir", "title": title, "reports_to": "ceo", "directorate": name},
            {
                "id": "cdo",
                "title": title,
                "reports_to": "dir",
                "basis": "interim",
                "capabilities": ["digital_leadership", "procurement"],
                "shared_with": [name],
            },
        ],
        "members": [
            {"id": "m1", "name": name, "position": "cabinet_member", "portfolio": ["Digital"]}
        ],
        "digital_strategy": {"title": title, "owners": ["m1"]},
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE, HOSTILE, HOSTILE, HOSTILE)
def test_hostile_text_is_escaped_in_every_format(
    title: str, name: str, authority: str, filename: str
) -> None:
    org = OrgChart.model_validate(hostile_chart(title, name, authority))
    result = audit(build_index(org, filename, FRAMEWORK.capabilities), FRAMEWORK)
    assert result.findings
    outputs = render_all([result])
    check_outputs(outputs)
    parsed = json.loads(outputs["json"])
    assert parsed["files"][0]["authority"]["name"] == authority
    assert parsed["files"][0]["file"] == filename


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_in_files_is_refused_or_escaped(payload: str) -> None:
    chart = hostile_chart(payload, payload, payload)
    result = load_and_audit(to_yaml(chart).encode())
    if result is not None:
        check_outputs(render_all([result]))
