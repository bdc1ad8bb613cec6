"""Rule cases as data: small org charts beside the findings each rule must give.

Every file in ``cases/`` tests one rule of the bundled Recommendation 20 framework::

    rule: R20-02
    cases:
      - name: depth 2 is a warning
        authority_type: county
        posts:
          - {id: cdo, reports_to: dof, leadership_team: null}
        expect:
          - {severity: warning, subject: cdo, message: "is 2 levels below Chief Executive (ceo)"}

A case starts from ``base.yaml`` (a small county that meets every rule) and changes it:

- ``authority_type`` (required) sets ``authority.type``; ``authority`` merges more keys.
- ``posts`` and ``members`` are merged by id: an entry whose id exists replaces those keys
  of it (``null`` removes a key), any other entry is appended. ``drop_posts`` and
  ``drop_members`` remove entries by id; ``roles`` adds role definitions.
- ``digital_strategy`` replaces the strategy (``null`` removes it).

``expect`` is one of:

- ``pass``: the rule applies and reports nothing; ``in_place`` (optional) is text that one
  of the rule's "in place" messages must contain.
- ``not_applicable``: the rule does not apply; ``reason`` (optional) is text its reason
  must contain.
- ``not_assessable``: the chart does not record what the rule needs; ``reason`` (optional)
  is text its reason (what to record) must contain.
- a list of findings, each with ``severity``, ``subject`` (a post or member id, or null)
  and ``message`` (text the finding's message must contain). The rule must report
  exactly these findings, in any order.

The org chart is written out as YAML and goes through the real loader, validation, graph
and engine (``load_orgchart_bytes`` then ``audit``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from leadaudit.engine import audit
from leadaudit.findings import AuditResult
from leadaudit.framework import Framework, load_framework
from leadaudit.orgchart import load_orgchart_bytes

HERE = Path(__file__).parent
CASE_FILES = sorted((HERE / "cases").glob("*.yaml"))
BASE: dict[str, Any] = yaml.safe_load((HERE / "base.yaml").read_text(encoding="utf-8"))
FRAMEWORK: Framework = load_framework()

_CASE_KEYS = {
    "name",
    "authority_type",
    "authority",
    "posts",
    "drop_posts",
    "members",
    "drop_members",
    "roles",
    "digital_strategy",
    "expect",
    "in_place",
    "reason",
}
_FINDING_KEYS = {"severity", "subject", "message"}


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    spec: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.rule}: {self.name}"


def _load_cases() -> list[Case]:
    cases: list[Case] = []
    for path in CASE_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(data) == {"rule", "cases"}, f"{path.name}: keys are rule and cases"
        assert path.stem == data["rule"], f"{path.name}: name the file after its rule"
        for spec in data["cases"]:
            unknown = set(spec) - _CASE_KEYS
            assert not unknown, f"{path.name}: {spec.get('name')}: unknown keys {unknown}"
            cases.append(Case(data["rule"], spec["name"], spec))
    return cases


CASES = _load_cases()


def _merge_by_id(entries: list[dict[str, Any]], changes: list[dict[str, Any]]) -> None:
    by_id = {entry["id"]: entry for entry in entries}
    for change in changes:
        target = by_id.get(change["id"])
        if target is None:
            entries.append({k: v for k, v in change.items() if v is not None})
            by_id[change["id"]] = entries[-1]
            continue
        for key, value in change.items():
            if value is None:
                target.pop(key, None)
            else:
                target[key] = value


def build_org(spec: dict[str, Any]) -> dict[str, Any]:
    """The base org chart with a case's changes applied."""
    org = copy.deepcopy(BASE)
    org["authority"]["type"] = spec["authority_type"]
    org["authority"].update(spec.get("authority", {}))
    drop_posts = set(spec.get("drop_posts", []))
    org["posts"] = [p for p in org["posts"] if p["id"] not in drop_posts]
    _merge_by_id(org["posts"], spec.get("posts", []))
    drop_members = set(spec.get("drop_members", []))
    org["members"] = [m for m in org["members"] if m["id"] not in drop_members]
    _merge_by_id(org["members"], spec.get("members", []))
    if spec.get("roles"):
        org["roles"] = spec["roles"]
    if "digital_strategy" in spec:
        if spec["digital_strategy"] is None:
            org.pop("digital_strategy", None)
        else:
            org["digital_strategy"] = spec["digital_strategy"]
    return org


def run_case(spec: dict[str, Any], name: str = "case.yaml") -> AuditResult:
    text = yaml.safe_dump(build_org(spec), sort_keys=False, allow_unicode=True)
    index = load_orgchart_bytes(text.encode("utf-8"), name, FRAMEWORK.capabilities)
    return audit(index, FRAMEWORK)


def test_the_base_org_meets_every_rule() -> None:
    result = run_case({"authority_type": "county"})
    assert result.findings == ()
    assert result.not_applicable == (("R20-04", "Chief Digital Officer (cdo) is not shared"),)
    assert result.score == 10.0


def test_every_rule_has_passing_and_failing_cases() -> None:
    """Each rule has a case where it finds a gap and one where it is met.

    A rule whose own severity is above info is also met when it reports only information
    (a shared leader that fits a district, R20-04).
    """
    by_rule: dict[str, list[Any]] = {}
    for case in CASES:
        by_rule.setdefault(case.rule, []).append(case.spec["expect"])
    assert sorted(by_rule) == sorted(r.id for r in FRAMEWORK.rules)
    for rule in FRAMEWORK.rules:
        expects = by_rule[rule.id]
        failing = [e for e in expects if isinstance(e, list) and e]
        met = [
            e
            for e in expects
            if e == "pass"
            or (
                rule.severity.value != "info"
                and isinstance(e, list)
                and all(f["severity"] == "info" for f in e)
            )
        ]
        assert failing, f"{rule.id} has no case with a finding"
        assert met, f"{rule.id} has no case where it is met"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_rule_case(case: Case) -> None:
    result = run_case(case.spec, f"{case.rule}.yaml")
    expect = case.spec["expect"]
    got = [f for f in result.findings if f.rule == case.rule]
    not_applicable = dict(result.not_applicable)
    not_assessable = dict(result.not_assessable)
    if expect in ("not_applicable", "not_assessable"):
        reasons = not_applicable if expect == "not_applicable" else not_assessable
        assert case.rule in reasons, [f.message for f in got]
        assert case.spec.get("reason", "") in reasons[case.rule]
        assert (case.rule in not_assessable) == (expect == "not_assessable")
        assert got == []
        return
    assert case.rule in result.rules_applied, not_applicable.get(case.rule)
    if expect == "pass":
        assert [f.message for f in got] == []
        wanted = case.spec.get("in_place")
        if wanted is not None:
            messages = [s.message for s in result.strengths if s.rule == case.rule]
            assert any(wanted in m for m in messages), messages
        return
    assert isinstance(expect, list), (
        f"expect must be pass, not_applicable, not_assessable or a list: {expect!r}"
    )
    for item in expect:
        assert set(item) == _FINDING_KEYS, item
    remaining = list(got)
    for item in expect:
        match = next(
            (
                f
                for f in remaining
                if f.severity.value == item["severity"]
                and f.subject == item["subject"]
                and item["message"] in f.message
            ),
            None,
        )
        assert match is not None, (
            f"no {item['severity']} finding about {item['subject']} containing "
            f"{item['message']!r}; got {[(f.severity.value, f.subject, f.message) for f in got]}"
        )
        remaining.remove(match)
    assert remaining == [], [(f.severity.value, f.subject, f.message) for f in remaining]
