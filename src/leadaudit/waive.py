"""Writing waivers: entries pinned to the findings they accept, appended to a waivers file
in the form a person would write them."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from leadaudit.errors import InputError, UsageError
from leadaudit.findings import Finding
from leadaudit.importers.text import find_bad_char
from leadaudit.importers.yaml import load_text
from leadaudit.limits import Limits
from leadaudit.settings import Settings
from leadaudit.source import Document

_PLAIN = re.compile(r"[A-Za-z0-9(][A-Za-z0-9 ,.()'/&+\-]*[A-Za-z0-9.)]|[A-Za-z0-9]")
_NOT_PLAIN = frozenset({"null", "Null", "NULL", "~", "true", "false", "yes", "no", "on", "off"})
_ENTRY = re.compile(r"^( *)- rule:", re.MULTILINE)
_EMPTY_LIST = re.compile(r"^waivers:[ \t]*(\[[ \t]*\])?[ \t]*(#.*)?$", re.MULTILINE)


def scalar(value: str | None) -> str:
    """``value`` as a YAML scalar: plain where that reads back as the same text in any YAML
    reader, else double-quoted (JSON string syntax is YAML)."""
    if value is None:
        return "null"
    if _PLAIN.fullmatch(value) and value.lower() not in _NOT_PLAIN:
        return value
    return json.dumps(value, ensure_ascii=False)


def one_line_text(value: str, option: str) -> str:
    """A free-text option value (justification, owner), checked: one line, printable."""
    text = value.strip()
    if not text or len(text) > 2000 or "\n" in text or "\r" in text or find_bad_char(text):
        raise UsageError(f"{option}: give one line of printable text, at most 2,000 characters")
    return text


def entries(
    findings: Sequence[Finding], justification: str, owner: str, expires: date, indent: str
) -> str:
    """Waiver entries, one per finding, each pinned to its severity and what was found."""
    inner = indent + "  "
    lines: list[str] = []
    for f in findings:
        lines.append(f"{indent}- rule: {f.rule}")
        if f.subject is not None:
            lines.append(f"{inner}subject: {scalar(f.subject)}")
        lines += [
            f"{inner}justification: {scalar(justification)}",
            f"{inner}owner: {scalar(owner)}",
            f"{inner}expires: {expires.isoformat()}",
            f"{inner}# pinned by 'leadaudit waive': a finding that changes is reported again",
            f"{inner}severity: {f.severity.value}",
            f"{inner}accepted: {scalar(f.found)}",
        ]
    return "\n".join(lines) + "\n"


def appended(existing: str | None, doc: Document | None, new_entries: str) -> str:
    """The waivers file's text with ``new_entries`` at the end of its list.

    ``existing`` is the file's text (None for a new file) and ``doc`` its loaded form. An
    empty ``waivers:`` (or ``waivers: []``) becomes a block list.
    """
    if existing is None or doc is None:
        return "waivers:\n" + new_entries
    text = existing if existing.endswith("\n") or not existing else existing + "\n"
    if not doc.data.get("waivers"):
        if "waivers" in doc.data:
            text = _EMPTY_LIST.sub("waivers:", text, count=1)
        else:
            text += "waivers:\n"
    return text + new_entries


def indent_of(existing: str | None) -> str:
    """The indentation of the file's entries ('  ' for a new or empty file)."""
    found = _ENTRY.search(existing or "")
    return found[1] if found else "  "


def check_appended(text: str, filename: str, before: int, added: int) -> None:
    """Refuse to write when the new text does not read back as the old entries plus the
    new ones (a file laid out in a way appending cannot follow)."""
    try:
        doc = load_text(text, filename, Limits())
    except InputError as exc:
        reason = exc.problems[0].message if exc.problems else "it does not read back"
        raise UsageError(
            f"{filename}: cannot add to this file as laid out ({reason}); add the waivers by hand"
        ) from None
    waivers = doc.data.get("waivers")
    if not isinstance(waivers, list) or len(waivers) != before + added:
        raise UsageError(
            f"{filename}: cannot add to this file as laid out (its 'waivers:' list must come "
            "last, in block style); add the waivers by hand"
        )


def _findings(
    chart: Path, settings: Settings, rule_id: str, subject: str | None, input_format: str | None
) -> tuple[list[Finding], str]:
    """The chart's current findings of the rule (about ``subject`` when given), and the
    rule's id."""
    from leadaudit.engine import audit
    from leadaudit.framework import load_framework, rule_hint
    from leadaudit.orgchart import load_orgchart

    framework = load_framework(settings.framework)
    rule = framework.rule(rule_id)
    if rule is None:
        hint = rule_hint(rule_id, framework.rules, slugs_accepted=True)
        raise UsageError(f"unknown rule '{rule_id}' in framework {framework.name} ({hint})")
    index = load_orgchart(chart, framework.capabilities, settings.limits, input_format=input_format)
    found = [
        f
        for f in audit(index, framework).findings
        if f.rule == rule.id and (subject is None or f.subject == subject)
    ]
    if not found:
        about = f" on '{subject}'" if subject is not None else ""
        raise UsageError(f"no finding of {rule.id}{about} in {chart}; nothing to waive")
    return found, rule.id


def write_waivers(
    chart: Path,
    path: Path,
    settings: Settings,
    *,
    rule: str,
    subject: str | None,
    justification: str,
    owner: str,
    expires: date,
    input_format: str | None = None,
) -> int:
    """Append waivers pinned to the chart's current findings of ``rule`` to ``path``
    (created if missing), atomically; the number written."""
    from leadaudit.framework import load_framework
    from leadaudit.importers.text import read_text
    from leadaudit.importers.yaml import load_mapping
    from leadaudit.waivers import load_waivers
    from leadaudit.write import write_atomic

    found, rule_id = _findings(chart, settings, rule, subject, input_format)
    existing: str | None = None
    doc: Document | None = None
    before = 0
    if path.exists():
        existing = read_text(path, settings.limits, str(path))
        doc = load_mapping(
            path, settings.limits, str(path), "a waivers file starts with 'waivers:'"
        )
        current = load_waivers(path, load_framework(settings.framework), settings.limits)
        before = len(current)
        for w in current:
            if w.rule == rule_id and any(f.subject == w.subject for f in found):
                raise UsageError(
                    f"{w.location.file}:{w.location.line}: a waiver for {rule_id} on "
                    f"{w.subject or 'the authority'} is already there; remove it to write "
                    "a new one"
                )
    text = appended(
        existing, doc, entries(found, justification, owner, expires, indent_of(existing))
    )
    check_appended(text, str(path), before, len(found))
    write_atomic(path, text)
    return len(found)
