"""Combining a framework file with its resolved parents: inherited and own capabilities,
areas and rules, then overrides; every problem collected before any is raised."""

from __future__ import annotations

from leadaudit.errors import FrameworkError
from leadaudit.framework.bundled import vocabulary
from leadaudit.framework.model import Framework
from leadaudit.framework.overrides import apply_by_type, apply_overrides
from leadaudit.framework.read import extends_list, sorted_problems
from leadaudit.framework.state import BuildState, where_in
from leadaudit.messages import did_you_mean
from leadaudit.source import DocPath

FRAMEWORK_VERSION = 1


def _inherit_areas(state: BuildState, parent: Framework, at: DocPath) -> None:
    for area_id, area in parent.areas.items():
        if area_id in state.areas and state.areas[area_id] != area:
            state.add(
                at,
                f"area '{area_id}' is defined differently by {parent.name} and an earlier parent",
                "extend one of them and add the other's rules in this file",
            )
        state.areas.setdefault(area_id, area)


def _inherit_rules(state: BuildState, parent: Framework, at: DocPath) -> None:
    for rule in parent.rules:
        known = state.rules.get(rule.id)
        if known is not None and known != rule:
            state.add(
                at,
                f"rule {rule.id} is defined differently by {parent.name} and {state.origin[rule.id]}",
                "extend one of them and override the rule in this file",
            )
            continue
        if known is None:
            state.rules[rule.id] = rule
            state.origin[rule.id] = parent.name
            state.changes[rule.id] = list(parent.changes.get(rule.id, []))
    for kind, variant in parent.by_authority_type.items():
        mine = state.variants.setdefault(kind, {})
        for rule_id, rule in variant.items():
            if rule_id in mine and mine[rule_id] != rule:
                state.add(
                    at,
                    f"rule {rule_id} for {kind.value} authorities differs between {parent.name} and an earlier parent",
                )
            mine.setdefault(rule_id, rule)


def _inherit(state: BuildState) -> None:
    state.capabilities.update(vocabulary())
    for parent, at in state.parents:
        state.capabilities.update(parent.capabilities)
        _inherit_areas(state, parent, at)
        _inherit_rules(state, parent, at)


def _own_areas(state: BuildState) -> None:
    ff = state.ff
    for area_id in ff.areas:
        if area_id in state.areas:
            state.add(
                ("areas", area_id),
                f"area '{area_id}' is already defined by the framework this one extends",
                "choose another id, or use the inherited area",
            )
    state.areas.update({k: v for k, v in ff.areas.items() if k not in state.areas})
    state.capabilities.update(ff.capabilities)


def _own_rules(state: BuildState) -> None:
    ff = state.ff
    known_caps = set(state.capabilities)
    slugs = {r.slug: r.id for r in state.rules.values()}
    for i, rule in enumerate(ff.rules):
        if rule.id in state.rules:
            where = state.origin.get(rule.id)
            inherited = bool(where and where != ff.name)
            state.add(
                ("rules", i, "id"),
                f"'{rule.id}' is already used by rule {rule.id}"
                + (f" of {where}" if inherited else ""),
                "change an inherited rule under overrides:, or give the new rule another id"
                if inherited
                else None,
            )
            continue
        if rule.slug in slugs:
            state.add(
                ("rules", i, "slug"), f"'{rule.slug}' is already used by rule {slugs[rule.slug]}"
            )
        if rule.area not in state.areas:
            state.add(
                ("rules", i, "area"),
                f"unknown area '{rule.area}'",
                did_you_mean(rule.area, state.areas),
            )
        raw = state.doc.data["rules"][i].get("check", {})
        for cap in sorted(rule.check.capabilities_used() - known_caps):
            state.add(
                ("rules", i, "check", *where_in(raw, cap)),
                f"unknown capability '{cap}'",
                did_you_mean(cap, known_caps),
            )
        state.rules[rule.id] = rule
        state.origin[rule.id] = ff.name
        slugs[rule.slug] = rule.id


def _metadata(state: BuildState) -> dict[str, str]:
    meta: dict[str, str] = {}
    for key in ("title", "version", "source"):
        value: str | None = getattr(state.ff, key)
        if value is None and state.parents:
            value = getattr(state.parents[0][0], key)
        if value is None:
            state.add(
                (), f"missing required field '{key}'", "needed unless the file extends another"
            )
            value = ""
        meta[key] = value
    if not state.areas:
        state.add((), "the framework has no areas", "add areas: or extend another framework")
    if not state.rules:
        state.add((), "the framework has no rules", "add rules: or extend another framework")
    return meta


def build_framework(state: BuildState) -> Framework:
    """The resolved framework, or FrameworkError with every problem found."""
    ff = state.ff
    if ff.leadaudit_framework != FRAMEWORK_VERSION:
        state.add(
            ("leadaudit_framework",),
            f"unsupported framework format version {ff.leadaudit_framework}; this leadaudit reads version 1",
        )
    _inherit(state)
    _own_areas(state)
    _own_rules(state)
    apply_overrides(state)
    apply_by_type(state)
    meta = _metadata(state)
    if state.problems:
        raise FrameworkError(sorted_problems(state.problems))
    description = ff.description
    if not description and state.parents:
        description = state.parents[0][0].description
    # Built from parts already validated (or bundled): validating them again would only
    # build the resolved model's validators.
    return Framework.model_construct(
        leadaudit_framework=FRAMEWORK_VERSION,
        name=ff.name,
        title=meta["title"],
        version=meta["version"],
        source=meta["source"],
        description=description,
        capabilities=state.capabilities,
        areas=state.areas,
        rules=list(state.rules.values()),
        extends=[s for s, _ in extends_list(ff)],
        by_authority_type={t: v for t, v in state.variants.items() if v},
        changes=state.changes,
        files=[],  # filled in by the resolver; given here so no default factory is asked
    )
