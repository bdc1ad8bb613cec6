"""Frameworks: rule sets as YAML data, validated with located errors, found by name or path.

A framework file may ``extends:`` one or more others (bundled by name, or files by a path
relative to the extending file), add capabilities, areas and rules built from the existing
rule kinds, and change inherited rules with ``overrides:`` (for every authority) and
``by_authority_type:`` (for one type of authority). Resolving a file gives a ``Framework``:
the complete rule set, with one variant of a rule per authority type where they differ.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from leadaudit.errors import FrameworkError, InputError, Problem, UsageError, did_you_mean
from leadaudit.frameworkmodel import Applicability as Applicability
from leadaudit.frameworkmodel import AreaDef as AreaDef
from leadaudit.frameworkmodel import CapabilityDef as CapabilityDef
from leadaudit.frameworkmodel import Framework as Framework
from leadaudit.frameworkmodel import FrameworkFile as FrameworkFile
from leadaudit.frameworkmodel import Level as Level
from leadaudit.frameworkmodel import RuleDef as RuleDef
from leadaudit.frameworkmodel import RuleId as RuleId
from leadaudit.frameworkmodel import RuleOverride as RuleOverride
from leadaudit.frameworkmodel import TypeOverride as TypeOverride
from leadaudit.frameworkmodel import Vocabulary as Vocabulary
from leadaudit.limits import Limits
from leadaudit.model import AuthorityType
from leadaudit.rules import REGISTRY, RuleKind
from leadaudit.validation import problems_from
from leadaudit.yamlload import DocPath, Document, load_path

FRAMEWORK_VERSION = 1
DEFAULT_FRAMEWORK = "rec20"
VOCABULARY_FILE = "capabilities.yaml"
MAX_EXTENDS_DEPTH = 16


def bundled_dir() -> Path:
    """Folder of the bundled frameworks: inside the installed package, else the checkout."""
    packaged = Path(str(resources.files("leadaudit"))) / "frameworks"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "frameworks"


def bundled_names() -> list[str]:
    return sorted(p.stem for p in bundled_dir().glob("*.yaml") if p.name != VOCABULARY_FILE)


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, CapabilityDef]:
    path = bundled_dir() / VOCABULARY_FILE
    doc = load_path(path, Limits(), display=f"<bundled>/{VOCABULARY_FILE}")
    try:
        return dict(Vocabulary.model_validate(doc.data).capabilities)
    except ValidationError as exc:
        raise FrameworkError(problems_from(exc, doc, Vocabulary)) from None


def _prescan_kinds(doc: Document) -> list[Problem]:
    """Unknown rule kinds, with 'did you mean', before pydantic's less helpful union error."""
    problems: list[Problem] = []
    rules = doc.data.get("rules")
    if not isinstance(rules, list):
        return problems
    for i, rule in enumerate(rules):
        check = rule.get("check") if isinstance(rule, dict) else None
        if isinstance(check, dict):
            kind = check.get("kind")
            if kind is None:
                problems.append(
                    doc.problem(
                        ("rules", i, "check"),
                        "missing required field 'kind'",
                        "one of: " + ", ".join(REGISTRY),
                    )
                )
            elif kind not in REGISTRY:
                problems.append(
                    doc.problem(
                        ("rules", i, "check", "kind"),
                        f"unknown rule kind '{kind}'",
                        did_you_mean(str(kind), REGISTRY) or "one of: " + ", ".join(REGISTRY),
                    )
                )
    return problems


def _strip_bad_kinds(data: dict[str, Any]) -> dict[str, Any]:
    """Drop rules with unknown kinds (already reported) so the rest still get checked."""
    rules = [
        r
        for r in data.get("rules", [])
        if not (
            isinstance(r, dict)
            and isinstance(r.get("check"), dict)
            and r["check"].get("kind") not in REGISTRY
        )
    ]
    return {**data, "rules": rules or data["rules"]} if "rules" in data else data


def rule_hint(wanted: str, rules: Iterable[RuleDef]) -> str:
    """A hint for an unknown rule id: the id of a slug, a zero-padded id, or a near miss."""
    known = list(rules)
    for rule in known:
        if wanted.lower() == rule.slug:
            return f"'{wanted}' is the slug of {rule.id}; use the rule id"
    match = re.fullmatch(r"([A-Za-z][A-Za-z0-9]*)-0*(\d+)", wanted)
    if match:
        for rule in known:
            other = re.fullmatch(r"([A-Z][A-Z0-9]*)-0*(\d+)", rule.id)
            if other and other[1] == match[1].upper() and int(other[2]) == int(match[2]):
                return f"did you mean '{rule.id}'?"
    return did_you_mean(wanted.upper(), [r.id for r in known]) or (
        "'leadaudit rules' lists the rule ids"
    )


# -- resolving a file and what it extends ---------------------------------------------


@dataclass(frozen=True)
class _Ref:
    """A framework file to load: where it is, how to name it, and its identity."""

    path: Path
    display: str
    bundled: bool

    @property
    def key(self) -> str:
        return str(self.path.resolve())

    @property
    def label(self) -> str:
        return self.path.stem if self.bundled else self.display


def _bundled_ref(name: str) -> _Ref:
    return _Ref(bundled_dir() / f"{name}.yaml", f"<bundled>/{name}.yaml", True)


def _looks_like_path(spec: str) -> bool:
    return "/" in spec or "\\" in spec or spec.endswith((".yaml", ".yml"))


def _sorted(problems: list[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.line or 0, p.col or 0, p.message))


def _parent_ref(spec: str, child: _Ref, doc: Document, at: DocPath) -> _Ref:
    names = bundled_names()
    if not _looks_like_path(spec):
        if spec in names:
            return _bundled_ref(spec)
        raise FrameworkError(
            [
                doc.problem(
                    at,
                    f"unknown framework '{spec}'",
                    did_you_mean(spec, names)
                    or f"bundled frameworks: {', '.join(names)}; a file path ends in .yaml",
                )
            ]
        )
    path = child.path.parent / spec
    display = (
        os.path.normpath(str(Path(child.display).parent / spec)) if not child.bundled else str(path)
    )
    if not path.is_file():
        raise FrameworkError(
            [
                doc.problem(
                    at,
                    f"no such framework file '{spec}'",
                    f"looked for {display}; a relative path starts from the folder of this file",
                )
            ]
        )
    return _Ref(path, display, False)


def _extends_list(ff: FrameworkFile) -> list[tuple[str, DocPath]]:
    if ff.extends is None:
        return []
    if isinstance(ff.extends, str):
        return [(ff.extends, ("extends",))]
    return [(spec, ("extends", i)) for i, spec in enumerate(ff.extends)]


def _read(ref: _Ref, limits: Limits) -> tuple[FrameworkFile, Document, list[Problem]]:
    """The validated file, and problems found in parts that were set aside to validate it."""
    doc = load_path(ref.path, limits, ref.display)
    problems = _prescan_kinds(doc)
    data = _strip_bad_kinds(doc.data) if problems else doc.data
    extends = data.get("extends")
    if not (
        extends is None
        or isinstance(extends, str)
        or (isinstance(extends, list) and all(isinstance(e, str) for e in extends))
    ):
        problems.append(
            doc.problem(
                ("extends",),
                "expected a framework name or path, or a list of them",
                "e.g. extends: rec20, or extends: [rec20, statutory]",
            )
        )
        raise FrameworkError(_sorted(problems))
    type_problems = _prescan_types(doc)
    if type_problems:
        problems += type_problems
        known = {t.value for t in AuthorityType}
        data = {
            **data,
            "by_authority_type": {k: v for k, v in data["by_authority_type"].items() if k in known},
        }
    try:
        ff = FrameworkFile.model_validate(data)
    except ValidationError as exc:
        problems += problems_from(exc, doc, FrameworkFile)
        raise FrameworkError(_sorted(problems)) from None
    return ff, doc, problems


def _prescan_types(doc: Document) -> list[Problem]:
    """Unknown authority types under by_authority_type, located at the key itself."""
    section = doc.data.get("by_authority_type")
    if not isinstance(section, dict):
        return []
    known = [t.value for t in AuthorityType]
    return [
        doc.problem(
            ("by_authority_type", key),
            f"unknown authority type '{key}'",
            did_you_mean(str(key), known) or "one of: " + ", ".join(known),
        )
        for key in section
        if key not in known
    ]


def _resolve(ref: _Ref, limits: Limits, chain: tuple[_Ref, ...]) -> Framework:
    ff, doc, problems = _read(ref, limits)
    parents: list[tuple[Framework, DocPath]] = []
    seen = [r.key for r in (*chain, ref)]
    for spec, at in _extends_list(ff):
        try:
            parent = _parent_ref(spec, ref, doc, at)
            if parent.key in seen:
                loop = [r.label for r in (*chain, ref)][seen.index(parent.key) :]
                raise FrameworkError(
                    [
                        doc.problem(
                            at,
                            "cycle: " + " -> ".join([*loop, parent.label]),
                            "a framework cannot extend itself, directly or through others",
                        )
                    ]
                )
            if len(chain) + 1 >= MAX_EXTENDS_DEPTH:
                raise FrameworkError(
                    [doc.problem(at, f"chain is longer than {MAX_EXTENDS_DEPTH} frameworks")]
                )
            parents.append((_resolve(parent, limits, (*chain, ref)), at))
        except InputError as exc:
            problems.extend(exc.problems)
    if len(parents) < len(_extends_list(ff)):
        raise FrameworkError(_sorted(problems))
    return _Builder(ff, doc, parents, problems).build()


def _where(options: Any, value: str) -> DocPath:
    """Where ``value`` sits among a check's options (a key, or a key and an index)."""
    if isinstance(options, dict):
        for key, item in options.items():
            if item == value:
                return (key,)
            if isinstance(item, list) and value in item:
                return (key, item.index(value))
    return ()


class _Builder:
    """Combines a framework file with its resolved parents, collecting every problem."""

    def __init__(
        self,
        ff: FrameworkFile,
        doc: Document,
        parents: list[tuple[Framework, DocPath]],
        problems: list[Problem],
    ) -> None:
        self.ff = ff
        self.doc = doc
        self.parents = parents
        self.problems: list[Problem] = list(problems)
        self.capabilities: dict[str, CapabilityDef] = {}
        self.areas: dict[str, AreaDef] = {}
        self.rules: dict[str, RuleDef] = {}
        self.origin: dict[str, str] = {}
        self.variants: dict[AuthorityType, dict[str, RuleDef]] = {}
        self.changes: dict[str, list[str]] = {}

    def add(self, path: DocPath, message: str, hint: str | None = None) -> None:
        self.problems.append(self.doc.problem(path, message, hint))

    def build(self) -> Framework:
        ff = self.ff
        if ff.leadaudit_framework != FRAMEWORK_VERSION:
            self.add(
                ("leadaudit_framework",),
                f"unsupported framework format version {ff.leadaudit_framework}; this leadaudit reads version 1",
            )
        self._inherit()
        self._own()
        self._overrides()
        self._by_type()
        meta = self._metadata()
        if self.problems:
            raise FrameworkError(_sorted(self.problems))
        return Framework(
            leadaudit_framework=FRAMEWORK_VERSION,
            name=ff.name,
            title=meta["title"],
            version=meta["version"],
            source=meta["source"],
            description=ff.description
            if ff.description or not self.parents
            else self.parents[0][0].description,
            capabilities=self.capabilities,
            areas=self.areas,
            rules=list(self.rules.values()),
            extends=[s for s, _ in _extends_list(ff)],
            by_authority_type={t: v for t, v in self.variants.items() if v},
            changes=self.changes,
        )

    def _metadata(self) -> dict[str, str]:
        meta: dict[str, str] = {}
        for key in ("title", "version", "source"):
            value: str | None = getattr(self.ff, key)
            if value is None and self.parents:
                value = getattr(self.parents[0][0], key)
            if value is None:
                self.add(
                    (), f"missing required field '{key}'", "needed unless the file extends another"
                )
                value = ""
            meta[key] = value
        if not self.areas:
            self.add((), "the framework has no areas", "add areas: or extend another framework")
        if not self.rules:
            self.add((), "the framework has no rules", "add rules: or extend another framework")
        return meta

    def _inherit(self) -> None:
        self.capabilities.update(vocabulary())
        for parent, at in self.parents:
            self.capabilities.update(parent.capabilities)
            for area_id, area in parent.areas.items():
                if area_id in self.areas and self.areas[area_id] != area:
                    self.add(
                        at,
                        f"area '{area_id}' is defined differently by {parent.name} and an earlier parent",
                        "extend one of them and add the other's rules in this file",
                    )
                self.areas.setdefault(area_id, area)
            for rule in parent.rules:
                known = self.rules.get(rule.id)
                if known is not None and known != rule:
                    self.add(
                        at,
                        f"rule {rule.id} is defined differently by {parent.name} and {self.origin[rule.id]}",
                        "extend one of them and override the rule in this file",
                    )
                    continue
                if known is None:
                    self.rules[rule.id] = rule
                    self.origin[rule.id] = parent.name
                    self.changes[rule.id] = list(parent.changes.get(rule.id, []))
            for kind, variant in parent.by_authority_type.items():
                mine = self.variants.setdefault(kind, {})
                for rule_id, rule in variant.items():
                    if rule_id in mine and mine[rule_id] != rule:
                        self.add(
                            at,
                            f"rule {rule_id} for {kind.value} authorities differs between {parent.name} and an earlier parent",
                        )
                    mine.setdefault(rule_id, rule)

    def _own(self) -> None:
        ff = self.ff
        for area_id in ff.areas:
            if area_id in self.areas:
                self.add(
                    ("areas", area_id),
                    f"area '{area_id}' is already defined by the framework this one extends",
                    "choose another id, or use the inherited area",
                )
        self.areas.update({k: v for k, v in ff.areas.items() if k not in self.areas})
        self.capabilities.update(ff.capabilities)
        known_caps = set(self.capabilities)
        slugs = {r.slug: r.id for r in self.rules.values()}
        for i, rule in enumerate(ff.rules):
            if rule.id in self.rules:
                where = self.origin.get(rule.id)
                self.add(
                    ("rules", i, "id"),
                    f"'{rule.id}' is already used by rule {rule.id}"
                    + (f" of {where}" if where and where != ff.name else ""),
                    "change an inherited rule under overrides:, or give the new rule another id"
                    if where and where != ff.name
                    else None,
                )
                continue
            if rule.slug in slugs:
                self.add(
                    ("rules", i, "slug"),
                    f"'{rule.slug}' is already used by rule {slugs[rule.slug]}",
                )
            if rule.area not in self.areas:
                self.add(
                    ("rules", i, "area"),
                    f"unknown area '{rule.area}'",
                    did_you_mean(rule.area, self.areas),
                )
            raw = self.doc.data["rules"][i].get("check", {})
            for cap in sorted(rule.check.capabilities_used() - known_caps):
                self.add(
                    ("rules", i, "check", *_where(raw, cap)),
                    f"unknown capability '{cap}'",
                    did_you_mean(cap, known_caps),
                )
            self.rules[rule.id] = rule
            self.origin[rule.id] = ff.name
            slugs[rule.slug] = rule.id

    def _unknown_rule(self, path: DocPath, rule_id: str) -> None:
        self.add(path, f"unknown rule '{rule_id}'", rule_hint(rule_id, self.rules.values()))

    def _apply(self, rule: RuleDef, change: TypeOverride, at: DocPath) -> RuleDef | None:
        """``rule`` with ``change`` applied, or None (with problems added) if it is invalid."""
        update: dict[str, Any] = {}
        for key in ("severity", "title", "record", "remediation", "applies_to"):
            value = getattr(change, key, None)
            if value is not None:
                update[key] = value
        if change.check is not None:
            check = self._merge_check(rule, change.check, (*at, "check"))
            if check is None:
                return None
            update["check"] = check
        return rule.model_copy(update=update)

    def _merge_check(self, rule: RuleDef, options: dict[str, Any], at: DocPath) -> RuleKind | None:
        kind = options.get("kind", rule.check.kind)
        if kind != rule.check.kind:
            self.add(
                (*at, "kind"),
                f"an override cannot change the rule kind ({rule.id} is {rule.check.kind})",
                "turn the rule off and add a new rule with its own id",
            )
            return None
        merged = {**rule.check.model_dump(), **options, "kind": kind}
        model = type(rule.check)
        try:
            check = model.model_validate(merged)
        except ValidationError as exc:
            self.problems.extend(problems_from(exc, self.doc, model, at))
            return None
        known = set(self.capabilities)
        for cap in sorted(check.capabilities_used() - known):
            self.add(
                (*at, *_where(options, cap)),
                f"unknown capability '{cap}'",
                did_you_mean(cap, known),
            )
        return check

    def _note(self, rule_id: str, before: RuleDef, after: RuleDef, scope: str = "") -> None:
        parts: list[str] = []
        if before.severity is not after.severity:
            parts.append(f"severity {before.severity.value} -> {after.severity.value}")
        if before.check != after.check:
            old, new = before.check.model_dump(mode="json"), after.check.model_dump(mode="json")
            parts.extend(
                f"{key} {json.dumps(old.get(key))} -> {json.dumps(new.get(key))}"
                for key in sorted(new)
                if old.get(key) != new.get(key)
            )
        if before.applies_to != after.applies_to:
            parts.append("applicability changed")
        if (before.title, before.record, before.remediation) != (
            after.title,
            after.record,
            after.remediation,
        ):
            parts.append("wording changed")
        if parts:
            prefix = f"{scope}: " if scope else ""
            self.changes.setdefault(rule_id, []).append(
                f"{prefix}{', '.join(parts)} (by {self.ff.name})"
            )

    def _overrides(self) -> None:
        for rule_id, change in self.ff.overrides.items():
            at: DocPath = ("overrides", rule_id)
            rule = self.rules.get(rule_id)
            if rule is None:
                self._unknown_rule(at, rule_id)
                continue
            new = self._apply(rule, change, at)
            if new is None:
                continue
            self._note(rule_id, rule, new)
            self.rules[rule_id] = new
            for variant in self.variants.values():
                if rule_id in variant:
                    updated = self._apply(variant[rule_id], change, at)
                    if updated is not None:
                        variant[rule_id] = updated

    def _by_type(self) -> None:
        for kind, changes in self.ff.by_authority_type.items():
            variant = self.variants.setdefault(kind, {})
            for rule_id, change in changes.items():
                at: DocPath = ("by_authority_type", kind.value, rule_id)
                base = self.rules.get(rule_id)
                if base is None:
                    self._unknown_rule(at, rule_id)
                    continue
                current = variant.get(rule_id, base)
                new = self._apply(current, change, at)
                if new is None:
                    continue
                self._note(rule_id, current, new, kind.value)
                variant[rule_id] = new


def load_framework_file(
    path: Path, limits: Limits | None = None, display: str | None = None
) -> Framework:
    """Load, validate and resolve one framework file (and what it extends)."""
    limits = limits or Limits()
    bundled = path.resolve().parent == bundled_dir().resolve()
    ref = _Ref(path, display or str(path), bundled)
    return _resolve(ref, limits, ())


def load_framework(spec: str = DEFAULT_FRAMEWORK, limits: Limits | None = None) -> Framework:
    """A framework by bundled name (``rec20``) or by path to a YAML file."""
    names = bundled_names()
    if spec in names:
        return load_framework_file(
            bundled_dir() / f"{spec}.yaml", limits, display=f"<bundled>/{spec}.yaml"
        )
    path = Path(spec)
    if _looks_like_path(spec) or path.exists():
        return load_framework_file(path, limits)
    hint = did_you_mean(spec, names)
    raise UsageError(
        f"unknown framework '{spec}'" + (f" ({hint})" if hint else f"; bundled: {', '.join(names)}")
    )
