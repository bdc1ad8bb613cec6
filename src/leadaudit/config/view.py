"""Showing the effective configuration: each setting, its value and where it came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from leadaudit.config.resolve import KEYS, Provenance
from leadaudit.findings import FailOn
from leadaudit.settings import Settings


def _value(settings: Settings, key: str) -> Any:
    """A setting's value as plain JSON data."""
    if key == "outputs":
        return [
            {"format": o.format, "path": str(o.path) if o.path else None} for o in settings.outputs
        ]
    if key == "exclude":
        return list(settings.exclude.patterns) if settings.exclude is not None else []
    if key == "today":  # the clock's date is not shown: output never depends on it
        return settings.today.isoformat() if settings.today is not None else None
    if key.startswith("limits."):
        return getattr(settings.limits, key.split(".", 1)[1])
    value = getattr(settings, key)
    if isinstance(value, FailOn):
        return value.value
    if isinstance(value, Path):
        return str(value)
    return value


def _text_value(value: Any) -> str:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value) if value else "none"
    if isinstance(value, list):
        return ", ".join(f"{o['format']} -> {o['path'] or 'stdout'}" for o in value)
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def config_json(settings: Settings, provenance: Provenance) -> str:
    """The effective configuration as JSON."""
    payload = {
        "config_file": provenance.config_file,
        "found": provenance.how,
        "settings": {
            key: {
                "value": _value(settings, key),
                "source": provenance.sources[key].as_dict(),
            }
            for key in KEYS
        },
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def config_text(settings: Settings, provenance: Provenance) -> str:
    """The effective configuration as aligned text, one setting a line."""
    from leadaudit.sanitize import one_line

    lines = [f"configuration file: {provenance.config_file or 'none'} ({provenance.how})", ""]
    rows = []
    for key in KEYS:
        source = provenance.sources[key]
        shown = str(source)
        if key == "today" and settings.today is None:
            shown += " (the system date)"
        rows.append((key, one_line(_text_value(_value(settings, key))), shown))
    width_key = max(len(r[0]) for r in rows)
    width_value = max(len(r[1]) for r in rows)
    lines += [f"{k:<{width_key}}  {v:<{width_value}}  {s}" for k, v, s in rows]
    return "\n".join(lines) + "\n"
