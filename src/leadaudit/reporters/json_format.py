"""The JSON result (schema version 1): findings, summary, and per-file detail.

The shape is published as a JSON Schema in ``leadaudit/schemas/result-v1.schema.json``;
changes within version 1 only add fields.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from leadaudit.findings import AuditResult, Finding, Severity, WaivedFinding, Waiver
from leadaudit.reporters import RenderOptions
from leadaudit.sanitize import json_safe
from leadaudit.version import __version__

SCHEMA_VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as the JSON result records it."""
    return {
        "rule": f.rule,
        "slug": f.slug,
        "title": f.title,
        "severity": f.severity.value,
        "message": f.message,
        "subject": f.subject,
        "subject_kind": f.subject_kind,
        "file": f.location.file,
        "line": f.location.line,
        "column": f.location.col,
        "area": f.area,
        "bullet": f.bullet,
        "remediation": f.remediation,
        "found": f.found,
        "fingerprint": f.fingerprint,
    }


def waiver_dict(w: Waiver) -> dict[str, Any]:
    """A waiver as the JSON result records it."""
    return {
        "rule": w.rule,
        "subject": w.subject,
        "justification": w.justification,
        "owner": w.owner,
        "expires": w.expires.isoformat(),
        "reason": w.reason,
        "severity": w.severity.value if w.severity is not None else None,
        "accepted": w.accepted,
        "file": w.location.file,
        "line": w.location.line,
        "column": w.location.col,
    }


def waived_dict(w: WaivedFinding) -> dict[str, Any]:
    """A waived finding with the waiver that accepts it."""
    return {"finding": finding_dict(w.finding), "waiver": waiver_dict(w.waiver)}


def result_dict(r: AuditResult) -> dict[str, Any]:
    """One file's result: authority, framework, scores, findings, waivers and strengths."""
    return {
        "file": r.file,
        "sha256": r.source_sha256,
        "authority": {"name": r.authority, "type": r.authority_type},
        "framework": {
            "name": r.framework,
            "title": r.framework_title,
            "version": r.framework_version,
        },
        "verdict": r.verdict.value,
        "verdict_text": r.verdict_text,
        "score": r.score,
        "areas": [
            {
                "id": a.area,
                "title": a.title,
                "bullet": a.bullet,
                "score": a.score,
                "rules": a.rules,
                "reason": a.reason,
                "status": a.status.value,
            }
            for a in r.areas
        ],
        "summary": r.counts | {"waived": len(r.waived)},
        "findings": [finding_dict(f) for f in r.findings],
        "waived": [waived_dict(w) for w in r.waived],
        "waiver_notes": [
            {"kind": n.kind, "message": n.message, "waiver": waiver_dict(n.waiver)}
            for n in r.waiver_notes
        ],
        "in_place": [
            {"rule": s.rule, "area": s.area, "message": s.message, "subject": s.subject}
            for s in r.strengths
        ],
        "not_applicable": [{"rule": rule, "reason": reason} for rule, reason in r.not_applicable],
        "not_assessable": [{"rule": rule, "reason": reason} for rule, reason in r.not_assessable],
        "rules_applied": list(r.rules_applied),
    }


def as_dict(results: Sequence[AuditResult]) -> dict[str, Any]:
    """The whole JSON result: tool, summary across files, every finding, per-file detail."""
    findings = [finding_dict(f) for r in results for f in r.findings]
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "leadaudit", "version": __version__},
        "summary": {s.value: sum(r.count(s) for r in results) for s in Severity}
        | {"waived": sum(len(r.waived) for r in results), "files": len(results)},
        "findings": findings,
        "files": [result_dict(r) for r in results],
    }


def render(results: Sequence[AuditResult], _options: RenderOptions) -> str:
    """The JSON result as indented text, with unsafe characters escaped."""
    text = json.dumps(
        as_dict(results), indent=2, ensure_ascii=False, allow_nan=False, sort_keys=False
    )
    return json_safe(text) + "\n"
