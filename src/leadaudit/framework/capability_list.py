"""Describing a framework's capabilities: the `capabilities` listing, as text, JSON or
Markdown, so that a chart author can pick the ids to give posts and roles."""

from __future__ import annotations

import json

from leadaudit.framework.model import Framework, Level
from leadaudit.records import record
from leadaudit.reporters.escape import md_cell, md_text
from leadaudit.sanitize import json_safe, one_line
from leadaudit.terminal import wrap

HINT = (
    "Give posts and roles these ids in their capabilities: lists; "
    "'leadaudit explain RULE' says what a rule asks for."
)


@record
class CapabilityEntry:
    """One capability as listed: its id, title, meaning and the rules that check it."""

    id: str
    title: str
    description: str | None
    rules: tuple[str, ...]


def rules_using(fw: Framework) -> dict[str, tuple[str, ...]]:
    """Capability id -> the ids of the rules that check it, in the framework's order.

    A rule counts when it is on (not ``off``) for some authority, and its check, or its
    check for one type of authority, names the capability.
    """
    using: dict[str, list[str]] = {}
    for rule in fw.rules:
        variants = [rule, *(v[rule.id] for v in fw.by_authority_type.values() if rule.id in v)]
        caps: set[str] = set()
        for variant in variants:
            if variant.severity is not Level.off:
                caps |= variant.check.capabilities_used()
        for cap in caps:
            using.setdefault(cap, []).append(rule.id)
    return {cap: tuple(ids) for cap, ids in using.items()}


def entries(fw: Framework) -> list[CapabilityEntry]:
    """Every capability the framework knows, sorted by id."""
    using = rules_using(fw)
    return [
        CapabilityEntry(cid, cap.title, cap.description, using.get(cid, ()))
        for cid, cap in sorted(fw.capabilities.items())
    ]


def _meaning(entry: CapabilityEntry) -> str:
    """Title and description on one line: 'data sharing: Arranges and governs...'."""
    text = entry.title + (f": {entry.description}" if entry.description else "")
    return one_line(text)


def _rules_text(entry: CapabilityEntry, fw: Framework) -> str:
    return ", ".join(entry.rules) if entry.rules else f"none in {fw.name}"


def _heading(fw: Framework, count: int) -> str:
    noun = "capability" if count == 1 else "capabilities"
    return one_line(f"{fw.name} {fw.version}: {count} {noun}")


def capabilities_json(fw: Framework) -> str:
    """The framework and its capabilities as JSON, sorted by id."""
    payload = {
        "framework": {
            "name": fw.name,
            "title": fw.title,
            "version": fw.version,
            "source": fw.source,
            "extends": list(fw.extends),
        },
        "capabilities": [
            {
                "id": e.id,
                "title": e.title,
                "description": e.description,
                "rules": list(e.rules),
            }
            for e in entries(fw)
        ],
    }
    return json_safe(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"


def capabilities_markdown(fw: Framework) -> str:
    """The framework's capabilities as a Markdown table."""
    found = entries(fw)
    lines = [
        f"# Capabilities of {md_text(fw.name)} {md_text(fw.version)}",
        "",
        f"{md_text(fw.title)}. {md_text(HINT)}",
        "",
        "| Capability | Title | Meaning | Rules |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| `{e.id}` | {md_cell(e.title)} | {md_cell(e.description or '')} | "
        f"{md_cell(', '.join(e.rules))} |"
        for e in found
    ]
    return "\n".join(lines) + "\n"


def capabilities_text(fw: Framework, *, rich: bool, color: bool, width: int) -> str:
    """The capabilities as one line each (for a pipe), or laid out for a terminal
    ``width`` columns wide when ``rich``: a table, else stacked entries. Ids are never
    cut or wrapped."""
    found = entries(fw)
    heading = _heading(fw, len(found))
    if not rich:
        id_width = max((len(e.id) for e in found), default=0)
        lines = [heading]
        lines += [f"{e.id:<{id_width}}  {_meaning(e)} (rules: {_rules_text(e, fw)})" for e in found]
        return "\n".join(lines) + "\n"
    from rich.text import Text

    from leadaudit.terminal import Column, console, table

    cells = {
        e.id: {
            "Capability": Text(e.id),
            "Title": Text(one_line(e.title)),
            "Meaning": Text(one_line(e.description or "")),
            "Title and meaning": Text(_meaning(e)),
            "Rules": Text(_rules_text(e, fw)),
        }
        for e in found
    }
    name, rules = Column("Capability", whole=True), Column("Rules", least=15)
    layouts = [
        (name, Column("Title", least=20), Column("Meaning", least=30), rules),
        (name, Column("Title and meaning", least=30), rules),
    ]
    for columns in layouts:
        rows = [[cells[e.id][c.header] for c in columns] for e in found]
        grid = table(columns, rows, width, title=Text(heading))
        if grid is not None:
            out, buffer = console(width, color)
            out.print(grid)
            return buffer.getvalue() + "\n".join(wrap(HINT, width)) + "\n"
    return _stacked(fw, found, heading, width)


def _stacked(fw: Framework, found: list[CapabilityEntry], heading: str, width: int) -> str:
    """The capabilities for a narrow terminal: the id on a line of its own, then its title
    and meaning and the rules that check it, indented."""
    lines = [*wrap(heading + ". " + HINT, width), ""]
    for e in found:
        lines.append(e.id)
        lines += wrap(_meaning(e), width, "    ")
        lines += wrap(f"Rules: {_rules_text(e, fw)}", width, "    ", "           ")
    return "\n".join(lines) + "\n"
