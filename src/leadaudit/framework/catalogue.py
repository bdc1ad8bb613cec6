"""Describing a framework's rules: the `rules` listing and `explain` text."""

from __future__ import annotations

import json
import sys
from typing import Any

from leadaudit.findings import bullet_label
from leadaudit.framework import Framework, RuleDef
from leadaudit.framework.kinddoc import doc_lines
from leadaudit.sanitize import one_line
from leadaudit.terminal import wrap


def _kind_doc(rule: RuleDef) -> str:
    return sys.modules[type(rule.check).__module__].__doc__ or ""


def _options(rule: RuleDef) -> dict[str, Any]:
    data = rule.check.model_dump(mode="json")
    data.pop("kind", None)
    return data


def _source_label(bullet: str) -> str:
    """'Recommendation 20, bullet 2' for the recommendation's parts; other sources as written."""
    if bullet.isdigit() or bullet in ("headline", "comment"):
        return f"Recommendation 20, {bullet_label(bullet)}"
    return bullet


def _variants(fw: Framework, rule: RuleDef) -> dict[str, RuleDef]:
    """The rule's variants by authority type, where they differ from the rule itself."""
    out: dict[str, RuleDef] = {}
    for kind, variant in sorted(fw.by_authority_type.items(), key=lambda kv: kv[0].value):
        other = variant.get(rule.id)
        if other is not None and other != rule:
            out[kind.value] = other
    return out


def _variant_summary(rule: RuleDef, other: RuleDef) -> str:
    parts = []
    if other.severity is not rule.severity:
        parts.append(f"severity {other.severity.value}")
    if other.check != rule.check:
        mine, theirs = _options(rule), _options(other)
        parts.append(
            ", ".join(f"{k}={json.dumps(v)}" for k, v in sorted(theirs.items()) if mine.get(k) != v)
        )
    if (other.title, other.record, other.remediation) != (
        rule.title,
        rule.record,
        rule.remediation,
    ):
        parts.append("own wording")
    return "; ".join(p for p in parts if p) or "same"


def rule_dict(fw: Framework, rule: RuleDef) -> dict[str, Any]:
    """A rule as JSON data: options, applicability, variants by authority type, changes."""
    area = fw.areas[rule.area]
    return {
        "id": rule.id,
        "slug": rule.slug,
        "title": rule.title,
        "area": rule.area,
        "area_title": area.title,
        "bullet": rule.bullet,
        "clause": rule.clause,
        "severity": rule.severity.value,
        "severity_note": _severity_note(rule),
        "kind": rule.check.kind,
        "options": _options(rule),
        "applies_to": rule.applies_to.model_dump(mode="json") if rule.applies_to else None,
        "record": rule.record,
        "remediation": rule.remediation,
        "by_authority_type": {
            kind: {"severity": other.severity.value, "options": _options(other)}
            for kind, other in _variants(fw, rule).items()
        },
        "changes": list(fw.changes.get(rule.id, [])),
    }


def rules_json(fw: Framework) -> str:
    """The framework and its rules as JSON, for the `rules` listing."""
    payload = {
        "framework": {
            "name": fw.name,
            "title": fw.title,
            "version": fw.version,
            "source": fw.source,
            "extends": list(fw.extends),
        },
        "rules": [rule_dict(fw, r) for r in fw.rules],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _md(text: str) -> str:
    return (
        one_line(text)
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def rules_markdown(fw: Framework) -> str:
    """The framework's rules as Markdown: a table of rules for each area."""
    lines = [
        f"# {_md(fw.title)}",
        "",
        f"Framework `{fw.name}` version {_md(fw.version)}. Source: {_md(fw.source)}.",
        "",
    ]
    for area_id, area in fw.areas.items():
        members = [r for r in fw.rules if r.area == area_id]
        if not members:
            continue
        lines += [
            f"## {_md(area.title)} ({_md(bullet_label(area.bullet))})",
            "",
            _md(area.summary),
            "",
        ]
        lines += ["| Rule | Slug | Severity | Checks |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {r.id} | `{r.slug}` | {r.severity.value} | {_md(r.title + _notes(fw, r))} |"
            for r in members
        ]
        lines.append("")
    return "\n".join(lines)


def rules_text(fw: Framework, *, rich: bool, color: bool, width: int) -> str:
    """The framework's rules as plain aligned lines, or laid out for a terminal ``width``
    columns wide when ``rich``. Ids and slugs are never cut or wrapped."""
    if not rich:
        slug_width = max((len(r.slug) for r in fw.rules), default=0)
        lines = [f"{fw.name} {fw.version}: {fw.title}"]
        lines += [
            f"{r.id:<8} {r.severity.value:<8} {r.slug:<{slug_width}} {r.title}{_notes(fw, r)}"
            for r in fw.rules
        ]
        return "\n".join(one_line(line) for line in lines) + "\n"
    from rich.text import Text

    from leadaudit.terminal import Column, console, table

    title = one_line(f"{fw.name} {fw.version}: {fw.title}")
    cells = {
        r.id: {
            "Rule": Text(r.id),
            "Severity": Text(r.severity.value),
            "Area": Text(one_line(fw.areas[r.area].title)),
            "Slug": Text(r.slug),
            "Checks": Text(one_line(r.title + _notes(fw, r))),
        }
        for r in fw.rules
    }
    layouts = [
        (
            Column("Rule", whole=True),
            Column("Severity", whole=True),
            Column("Area"),
            Column("Slug", whole=True),
            Column("Checks", least=30),
        ),
        (
            Column("Rule", whole=True),
            Column("Severity", whole=True),
            Column("Slug", whole=True),
            Column("Checks", least=30),
        ),
    ]
    for columns in layouts:
        rows = [[cells[r.id][c.header] for c in columns] for r in fw.rules]
        grid = table(columns, rows, width, title=Text(title))
        if grid is not None:
            out, buffer = console(width, color)
            out.print(grid)
            return buffer.getvalue()
    return _rules_stacked(fw, title, width)


def _rules_stacked(fw: Framework, title: str, width: int) -> str:
    """The rules for a narrow terminal: a line with the id, severity and slug (the slug on
    a line of its own when they do not fit), then what the rule checks, indented."""
    lines = [*wrap(title, width), ""]
    severity_width = max(len(r.severity.value) for r in fw.rules) if fw.rules else 0
    for r in fw.rules:
        head = f"{r.id}  {r.severity.value:<{severity_width}}  {r.slug}"
        if len(head) <= width:
            lines.append(head)
        else:
            lines += [f"{r.id}  {r.severity.value}", f"  {r.slug}"]
        lines += wrap(one_line(r.title + _notes(fw, r)), width, "    ")
    return "\n".join(lines) + "\n"


def _severity_note(rule: RuleDef) -> str | None:
    """How the rule's severity varies with what is found, if it does."""
    return rule.check.severity_note(rule.severity.value)


def _notes(fw: Framework, rule: RuleDef) -> str:
    """The severity note and the variants by authority type, after a rule's title."""
    note = _severity_note(rule)
    return (f" ({note})" if note else "") + _by_type_note(fw, rule)


def _by_type_note(fw: Framework, rule: RuleDef) -> str:
    variants = _variants(fw, rule)
    if not variants:
        return ""
    return " [" + "; ".join(f"{k}: {_variant_summary(rule, v)}" for k, v in variants.items()) + "]"


def _field(label: str, value: str, width: int | None) -> list[str]:
    """'Label:      value', the value wrapped under itself, or on lines of its own below
    the label when a word of it would not fit there. Framework text is data, so it is
    made one safe line first."""
    indent = label.ljust(12) + " "
    value = one_line(value)
    longest = max((len(word) for word in value.split()), default=0)
    if width is not None and longest > width - len(indent):
        return [label, *wrap(value, width, "  ")]
    return wrap(value, width, indent, " " * len(indent))


def explain_text(fw: Framework, rule: RuleDef, width: int | None = None) -> str:
    """The `explain` text for a rule: its source, options, remediation and kind, wrapped to
    ``width`` (a line a paragraph when None), the kind's examples as written."""
    area = fw.areas[rule.area]
    note = _severity_note(rule)
    fields = [
        (
            "Framework:",
            f"{fw.name} {fw.version}"
            + (f" (extends {', '.join(fw.extends)})" if fw.extends else ""),
        ),
        ("Area:", area.title),
        ("Source:", _source_label(rule.bullet)),
        ("Clause:", rule.clause),
        ("Severity:", rule.severity.value + (f" ({note})" if note else "")),
        ("Rule kind:", rule.check.kind),
    ]
    options = _options(rule)
    if options:
        fields.append(
            ("Options:", ", ".join(f"{k}={json.dumps(v)}" for k, v in sorted(options.items())))
        )
    if rule.applies_to and rule.applies_to.authority_types:
        fields.append(("Applies to:", ", ".join(t.value for t in rule.applies_to.authority_types)))
    if rule.applies_to and rule.applies_to.adult_social_care is not None:
        fields.append(
            (
                "Applies to:",
                "authorities "
                + ("with" if rule.applies_to.adult_social_care else "without")
                + " adult social care functions (authority.adult_social_care)",
            )
        )
    fields += [
        (f"For {kind}:", _variant_summary(rule, other))
        for kind, other in _variants(fw, rule).items()
    ]
    fields += [("Changed:", change) for change in fw.changes.get(rule.id, [])]
    lines = [*wrap(one_line(f"{rule.id} ({rule.slug}): {rule.title}"), width, "", "  "), ""]
    for label, value in fields:
        lines += _field(label, value, width)
    lines += ["", "What to record:", *wrap(one_line(rule.record), width, "  ")]
    lines += ["", "Remediation:", *wrap(one_line(rule.remediation), width, "  "), ""]
    doc = _kind_doc(rule)
    if doc:
        lines += [f"How {rule.check.kind} works:", *doc_lines(doc, width), ""]
    return "\n".join(lines)


def frameworks_text(found: list[Framework]) -> str:
    """One line per framework: name, version, number of rules and title."""
    lines = []
    for fw in found:
        extends = f" (extends {', '.join(fw.extends)})" if fw.extends else ""
        count = f"{len(fw.rules):>3} {'rule' if len(fw.rules) == 1 else 'rules'}"
        line = f"{fw.name:<12} {fw.version:<6} {count:<9}  {fw.title}{extends}"
        lines.append(one_line(line))
    return "\n".join(lines) + "\n"


def frameworks_json(found: list[Framework]) -> str:
    """The frameworks found as JSON, each with its number of rules and area ids."""
    payload = [
        {
            "name": fw.name,
            "title": fw.title,
            "version": fw.version,
            "source": fw.source,
            "extends": list(fw.extends),
            "rules": len(fw.rules),
            "areas": list(fw.areas),
        }
        for fw in found
    ]
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
