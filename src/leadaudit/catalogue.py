"""Describing a framework's rules: the `rules` listing and `explain` text."""

from __future__ import annotations

import inspect
import io
import json
import sys
from typing import Any

from leadaudit.findings import bullet_label
from leadaudit.frameworks import Framework, RuleDef


def _kind_doc(rule: RuleDef) -> str:
    module = sys.modules[type(rule.check).__module__]
    return inspect.cleandoc(module.__doc__ or "")


def _options(rule: RuleDef) -> dict[str, Any]:
    data = rule.check.model_dump(mode="json")
    data.pop("kind", None)
    return data


def rule_dict(fw: Framework, rule: RuleDef) -> dict[str, Any]:
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
        "kind": rule.check.kind,
        "options": _options(rule),
        "applies_to": rule.applies_to.model_dump(mode="json") if rule.applies_to else None,
        "record": rule.record,
        "remediation": rule.remediation,
    }


def rules_json(fw: Framework) -> str:
    payload = {
        "framework": {
            "name": fw.name,
            "title": fw.title,
            "version": fw.version,
            "source": fw.source,
        },
        "rules": [rule_dict(fw, r) for r in fw.rules],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _md(text: str) -> str:
    from leadaudit.reporters.sanitize import one_line

    return (
        one_line(text)
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def rules_markdown(fw: Framework) -> str:
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
        lines += [f"| {r.id} | `{r.slug}` | {r.severity.value} | {_md(r.title)} |" for r in members]
        lines.append("")
    return "\n".join(lines)


def rules_text(fw: Framework, *, rich: bool, color: bool, width: int) -> str:
    if not rich:
        lines = [f"{fw.name} {fw.version}: {fw.title}"]
        lines += [f"{r.id:<8} {r.severity.value:<8} {r.slug:<32} {r.title}" for r in fw.rules]
        return "\n".join(lines) + "\n"
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        markup=False,
    )
    table = Table(title=Text(f"{fw.name} {fw.version}: {fw.title}"), pad_edge=False)
    for column in ("Rule", "Severity", "Area", "Slug", "Checks"):
        table.add_column(column)
    for r in fw.rules:
        table.add_row(
            Text(r.id),
            Text(r.severity.value),
            Text(fw.areas[r.area].title),
            Text(r.slug),
            Text(r.title),
        )
    console.print(table)
    return buffer.getvalue()


def explain_text(fw: Framework, rule: RuleDef) -> str:
    area = fw.areas[rule.area]
    lines = [
        f"{rule.id} ({rule.slug}): {rule.title}",
        "",
        f"Framework:   {fw.name} {fw.version}",
        f"Area:        {area.title}",
        f"Source:      Recommendation 20, {bullet_label(rule.bullet)}",
        f"Clause:      {rule.clause}",
        f"Severity:    {rule.severity.value}",
        f"Rule kind:   {rule.check.kind}",
    ]
    options = _options(rule)
    if options:
        lines.append(
            "Options:     " + ", ".join(f"{k}={json.dumps(v)}" for k, v in sorted(options.items()))
        )
    if rule.applies_to and rule.applies_to.authority_types:
        lines.append("Applies to:  " + ", ".join(t.value for t in rule.applies_to.authority_types))
    lines += [
        "",
        "What to record:",
        f"  {rule.record}",
        "",
        "Remediation:",
        f"  {rule.remediation}",
        "",
    ]
    doc = _kind_doc(rule)
    if doc:
        lines += [
            f"How {rule.check.kind} works:",
            *(f"  {line}" if line else "" for line in doc.splitlines()),
            "",
        ]
    return "\n".join(lines)
