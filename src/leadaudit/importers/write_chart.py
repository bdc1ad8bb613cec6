"""An imported chart written out as leadaudit YAML: a header saying where it came from and
what was inferred, the chart, and commented placeholders for what the source cannot say."""

from __future__ import annotations

from collections import Counter
from typing import Any

import yaml

from leadaudit.importers.imported import NOT_IN_SOURCE, Imported
from leadaudit.messages import plural
from leadaudit.sanitize import one_line
from leadaudit.version import __version__

#: how many post ids a header line names before it counts the rest
NAMED = 12


def _names(ids: list[str]) -> str:
    shown = ", ".join(ids[:NAMED])
    return shown + (f" and {len(ids) - NAMED} more" if len(ids) > NAMED else "")


def _inferred(imported: Imported) -> list[dict[str, Any]]:
    return [entry for post in imported.data.get("posts", []) for entry in post.get("inferred", [])]


def summary_lines(imported: Imported) -> list[str]:
    """What the importer inferred, in a few lines (the YAML header and ``import`` say it)."""
    entries = _inferred(imported)
    by_field = Counter(e["field"] for e in entries)
    lines = []
    if by_field["reports_to"]:
        lines.append(
            f"{by_field['reports_to']} reporting line{'s' if by_field['reports_to'] != 1 else ''}"
            f" inferred; {len(imported.ambiguous)} ambiguous"
            + (f": {_names(imported.ambiguous)}" if imported.ambiguous else "")
        )
    if by_field["capabilities"]:
        sure = Counter(e["confidence"] for e in entries if e["field"] == "capabilities")
        lines.append(
            f"{by_field['capabilities']} capabilities mapped from job titles and professions"
            f" ({sure['high']} high, {sure['medium']} medium, {sure['low']} low confidence)"
        )
    if by_field["basis"]:
        lines.append(f"{plural(by_field['basis'], 'basis', 'bases')} read from comments")
    if imported.unmapped:
        lines.append(
            f"{plural(len(imported.unmapped), 'post')} with no capability (no mapping matched):"
            f" {_names(imported.unmapped)}"
        )
    return lines


def _comment(text: str) -> str:
    return "# " + one_line(text)


def chart_yaml(imported: Imported) -> str:
    """The chart as YAML, with its header and placeholders."""
    source = imported.data.get("imported_from", {})
    dated = f", data dated {source['date']}" if source.get("date") else ""
    header = [
        _comment(
            f"Imported by leadaudit {__version__} from {source.get('file', '?')}"
            f" ({source.get('format', '?')} format{dated})."
        ),
        _comment(f"SHA-256 of that file: {source.get('sha256', '?')}"),
        "#",
        _comment(
            "Inferred, for a person to confirm or correct (each post's inferred: entries say"
            " from what and how sure):"
        ),
        *(_comment(f"  - {line}") for line in summary_lines(imported) or ["nothing"]),
    ]
    if imported.notes:
        header += ["#", _comment("Noticed in the file:")]
        header += [_comment(f"  - {note}") for note in imported.notes]
    header += ["#", _comment("Not in the source, so not assessed until recorded here:")]
    header += [_comment(f"  - {item}") for item in NOT_IN_SOURCE]
    body = yaml.safe_dump(
        imported.data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    placeholder = [
        "",
        "# members:                     # elected members, for bullet 1 (political leadership)",
        "#   - id: cllr-digital",
        "#     name: Cllr A. Member",
        "#     position: cabinet_member  # leader, mayor, cabinet_member, committee_chair, member",
        "#     portfolio: [Digital]",
        "# digital_strategy:",
        "#   title: Digital Strategy",
        "#   owners: [cllr-digital]      # the lead member and the digital leader's post id",
    ]
    return "\n".join([*header, "", body.rstrip("\n"), *placeholder]) + "\n"


def explain_lines(imported: Imported) -> list[str]:
    """Every inference, one line each: post, field, value, how sure, from what."""
    lines = []
    for post in imported.data.get("posts", []):
        for e in post.get("inferred", []):
            also = f" (also possible: {', '.join(e['candidates'])})" if e.get("candidates") else ""
            lines.append(
                one_line(
                    f"{post['id']}: {e['field']} {e['value']} [{e['confidence']}]"
                    f" from {e['source']}{also}"
                )
            )
    for pid in imported.unmapped:
        lines.append(one_line(f"{pid}: no capability (the title matched no mapping)"))
    return lines
