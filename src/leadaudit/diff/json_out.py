"""A diff as JSON (``leadaudit_diff: 1``): deterministic, keys in a fixed order, the
shape the README documents; changes within version 1 only add fields."""

from __future__ import annotations

import json
from typing import Any

from leadaudit.diff.model import AreaChange, ChartDiff, Coverage, Pair, PostRef, Side
from leadaudit.reporters.json_format import finding_dict
from leadaudit.sanitize import json_safe

DIFF_VERSION = 1


def _post(p: PostRef) -> dict[str, Any]:
    return {
        "id": p.id,
        "title": p.title,
        "directorate": p.directorate,
        "depth": p.depth,
        "basis": p.basis,
    }


def _pair(p: Pair) -> dict[str, Any]:
    return {"old": _post(p.old), "new": _post(p.new), "matched_by": p.by.value}


def _side(s: Side) -> dict[str, Any]:
    return {
        "file": s.file,
        "authority": s.authority,
        "authority_type": s.authority_type,
        "posts": s.posts,
        "imported": s.imported,
        "verdict": s.verdict.value,
        "verdict_text": s.verdict_text,
        "score": s.score,
    }


def _coverage(c: Coverage) -> dict[str, Any]:
    return {
        "capability": c.capability,
        "title": c.title,
        "holders": [_post(p) for p in c.holders],
        "vacant_holders": [_post(p) for p in c.vacant],
    }


def _area(a: AreaChange) -> dict[str, Any]:
    return {
        "area": a.area,
        "title": a.title,
        "bullet": a.bullet,
        "status": {
            "old": a.old_status.value if a.old_status else None,
            "new": a.new_status.value if a.new_status else None,
        },
        "score": {"old": a.old_score, "new": a.new_score},
        "new": [{**finding_dict(f), "change": a.change(f)} for f in a.new],
        "fixed": [finding_dict(f) for f in a.fixed],
        "persisting": [finding_dict(f) for f in a.persisting],
    }


def diff_dict(diff: ChartDiff) -> dict[str, Any]:
    """The diff as plain data, in the documented shape."""
    leader = diff.leader
    return {
        "leadaudit_diff": DIFF_VERSION,
        "headline": diff.headline(),
        "framework": {
            "name": diff.framework,
            "title": diff.framework_title,
            "version": diff.framework_version,
        },
        "old": _side(diff.old),
        "new": _side(diff.new),
        "counts": {
            "new": len(diff.new_findings),
            "fixed": len(diff.fixed_findings),
            "persisting": len(diff.persisting_findings),
        },
        "matched_by": {by.value: n for by, n in diff.matched_by},
        "posts": {
            "added": [_post(p) for p in diff.added],
            "removed": [_post(p) for p in diff.removed],
            "retitled": [_pair(p) for p in diff.retitled],
            "id_changed": [_pair(p) for p in diff.rematched],
        },
        "moved": [
            {
                **_pair(m.pair),
                "old_manager": _post(m.old_manager) if m.old_manager else None,
                "new_manager": _post(m.new_manager) if m.new_manager else None,
                "digital_leader": m.leader,
                "inferred": m.inferred,
            }
            for m in diff.moves
        ],
        "digital_leader": None
        if leader is None
        else {
            "old": _post(leader.old) if leader.old else None,
            "new": _post(leader.new) if leader.new else None,
            "same_post": leader.same_post,
        },
        "basis": [{**_pair(b.pair), "change": b.kind.value} for b in diff.basis],
        "coverage": {
            "gained": [_coverage(c) for c in diff.gained],
            "lost": [_coverage(c) for c in diff.lost],
        },
        "areas": [_area(a) for a in diff.areas],
    }


def render_json(diff: ChartDiff) -> str:
    """The diff as indented JSON text, ending in a newline."""
    text = json.dumps(diff_dict(diff), indent=2, ensure_ascii=False, allow_nan=False)
    return json_safe(text) + "\n"
