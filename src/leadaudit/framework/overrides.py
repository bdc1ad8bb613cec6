"""Changing inherited rules: ``overrides:`` for every authority and ``by_authority_type:``
for one type, each change noted for ``explain``."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from leadaudit.framework.model import RuleDef, TypeOverride, rule_hint
from leadaudit.framework.state import BuildState, where_in
from leadaudit.framework.trusted import construct
from leadaudit.messages import did_you_mean
from leadaudit.rules import RuleKind
from leadaudit.source import DocPath
from leadaudit.validation import problems_from


def _merge_check(
    state: BuildState, rule: RuleDef, options: dict[str, Any], at: DocPath
) -> RuleKind | None:
    kind = options.get("kind", rule.check.kind)
    if kind != rule.check.kind:
        state.add(
            (*at, "kind"),
            f"an override cannot change the rule kind ({rule.id} is {rule.check.kind})",
            "turn the rule off and add a new rule with its own id",
        )
        return None
    merged = {**rule.check.model_dump(), **options, "kind": kind}
    model = type(rule.check)
    try:
        check = construct(model, merged) if state.trusted else model.model_validate(merged)
    except ValidationError as exc:
        state.problems.extend(problems_from(exc, state.doc, model, at))
        return None
    known = set(state.capabilities)
    for cap in sorted(check.capabilities_used() - known):
        state.add(
            (*at, *where_in(options, cap)),
            f"unknown capability '{cap}'",
            did_you_mean(cap, known),
        )
    return check


def _apply(state: BuildState, rule: RuleDef, change: TypeOverride, at: DocPath) -> RuleDef | None:
    """``rule`` with ``change`` applied, or None (with problems added) if it is invalid."""
    update: dict[str, Any] = {}
    for key in ("severity", "title", "record", "remediation", "applies_to", "owner"):
        value = getattr(change, key, None)
        if value is not None:
            update[key] = value
    if change.check is not None:
        check = _merge_check(state, rule, change.check, (*at, "check"))
        if check is None:
            return None
        update["check"] = check
    return rule.model_copy(update=update)


def _differences(before: RuleDef, after: RuleDef) -> list[str]:
    parts: list[str] = []
    if before.severity is not after.severity:
        parts.append(f"severity {before.severity.value} -> {after.severity.value}")
    if before.check != after.check:
        import json  # only when an override changes options: most runs never get here

        old, new = before.check.model_dump(mode="json"), after.check.model_dump(mode="json")
        parts.extend(
            f"{key} {json.dumps(old.get(key))} -> {json.dumps(new.get(key))}"
            for key in sorted(new)
            if old.get(key) != new.get(key)
        )
    if before.applies_to != after.applies_to:
        parts.append("applicability changed")
    wording = (before.title, before.record, before.remediation)
    if wording != (after.title, after.record, after.remediation):
        parts.append("wording changed")
    if before.owner is not after.owner:
        parts.append(f"owner {before.owner.value} -> {after.owner.value}")
    return parts


def _note(
    state: BuildState, rule_id: str, before: RuleDef, after: RuleDef, scope: str = ""
) -> None:
    parts = _differences(before, after)
    if parts:
        prefix = f"{scope}: " if scope else ""
        state.changes.setdefault(rule_id, []).append(
            f"{prefix}{', '.join(parts)} (by {state.ff.name})"
        )


def _unknown_rule(state: BuildState, path: DocPath, rule_id: str) -> None:
    state.add(path, f"unknown rule '{rule_id}'", rule_hint(rule_id, state.rules.values()))


def apply_overrides(state: BuildState) -> None:
    """Apply the file's ``overrides:`` to the rules and to each type's variants of them."""
    for rule_id, change in state.ff.overrides.items():
        at: DocPath = ("overrides", rule_id)
        rule = state.rules.get(rule_id)
        if rule is None:
            _unknown_rule(state, at, rule_id)
            continue
        new = _apply(state, rule, change, at)
        if new is None:
            continue
        _note(state, rule_id, rule, new)
        state.rules[rule_id] = new
        for variant in state.variants.values():
            if rule_id in variant:
                updated = _apply(state, variant[rule_id], change, at)
                if updated is not None:
                    variant[rule_id] = updated


def apply_by_type(state: BuildState) -> None:
    """Apply the file's ``by_authority_type:`` changes as variants of the rules."""
    for kind, changes in state.ff.by_authority_type.items():
        variant = state.variants.setdefault(kind, {})
        for rule_id, change in changes.items():
            at: DocPath = ("by_authority_type", kind.value, rule_id)
            base = state.rules.get(rule_id)
            if base is None:
                _unknown_rule(state, at, rule_id)
                continue
            current = variant.get(rule_id, base)
            new = _apply(state, current, change, at)
            if new is None:
                continue
            _note(state, rule_id, current, new, kind.value)
            variant[rule_id] = new
