"""The summary as JSON (``leadaudit-summary``, version 1): the groups by type in table
order, each authority's row, the shares meeting each bullet, and the files that failed.
Within version 1 fields are only added."""

from __future__ import annotations

import json
from typing import Any

from leadaudit.league.table import Entry, League, Share
from leadaudit.sanitize import json_safe
from leadaudit.version import __version__

SCHEMA = "leadaudit-summary"
SCHEMA_VERSION = 1


def _share(share: Share) -> dict[str, Any]:
    return {
        "met": share.met,
        "partly_met": share.partly_met,
        "not_met": share.not_met,
        "not_assessable": share.not_assessable,
        "of": share.total,
        "percent_met": share.percent,
    }


def _entry(league: League, entry: Entry) -> dict[str, Any]:
    row = entry.row
    hidden = entry.anonymised
    statuses = {b.key: row.status(b.area) for b in league.bullets}
    counts = {"error": row.errors, "warning": row.warnings, "info": row.info, "waived": row.waived}
    return {
        "authority": entry.label,
        "anonymised": hidden,
        "highlighted": entry.highlighted,
        "type": row.authority_type,
        "file": None if hidden else row.file,
        "source": row.source,
        "verdict": row.verdict.value,
        "verdict_text": None if hidden else row.verdict_text,
        "score": None if hidden else row.score,
        "rank": None if hidden else entry.rank,
        "quartile": entry.quartile,
        "bullets": {k: None if s is None else s.value for k, s in statuses.items()},
        "counts": None if hidden else counts,
    }


def as_dict(league: League) -> dict[str, Any]:
    """The whole summary as plain data."""
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "leadaudit", "version": __version__},
        "framework": {
            "name": league.framework,
            "title": league.framework_title,
            "version": league.framework_version,
        },
        "sort": league.sort,
        "inputs": {
            "authorities": len(league.entries),
            "failed": len(league.failures),
            "passed_over": league.passed_over,
        },
        "bullets": [
            {"key": b.key, "area": b.area, "bullet": b.bullet, "title": b.title}
            for b in league.bullets
        ],
        "groups": [
            {
                "type": group.authority_type,
                "authorities": [_entry(league, e) for e in group.entries],
                "meeting": {s.bullet.key: _share(s) for s in group.shares},
            }
            for group in league.groups
        ],
        "meeting": {s.bullet.key: _share(s) for s in league.shares},
        "failed": [
            {
                "file": f.file,
                "problems": [
                    {"line": p.line, "column": p.col, "message": p.message, "text": p.render()}
                    for p in f.problems
                ],
                "omitted": f.omitted,
            }
            for f in league.failures
        ],
    }


def render_json(league: League) -> str:
    """The summary as indented JSON, unsafe characters escaped."""
    text = json.dumps(as_dict(league), indent=2, ensure_ascii=False, allow_nan=False)
    return json_safe(text) + "\n"
