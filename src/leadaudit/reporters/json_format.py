"""The JSON result (schema version 1): findings, summary, and per-file detail.

The shape is published as a JSON Schema in ``leadaudit/schemas/result-v1.schema.json``;
changes within version 1 only add fields.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from leadaudit.baseline.model import against
from leadaudit.findings import AuditResult, Finding, Severity, WaivedFinding, Waiver
from leadaudit.reporters import RenderOptions
from leadaudit.sanitize import json_safe
from leadaudit.version import __version__

if TYPE_CHECKING:
    from leadaudit.baseline.model import BaselineRun

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


def baseline_fields(r: AuditResult, f: Finding) -> dict[str, Any]:
    """With a baseline: whether a finding is new or persisting, and how a new one differs
    from the baseline finding it replaces (or null); without one, nothing."""
    if r.baseline is None:
        return {}
    return {"baseline_state": r.baseline.state(f), "baseline_change": r.baseline.change(f)}


def _findings(r: AuditResult) -> list[dict[str, Any]]:
    return [finding_dict(f) | baseline_fields(r, f) for f in r.findings]


def _file_baseline(r: AuditResult) -> dict[str, Any]:
    """A file's comparison with the baseline, when there is one."""
    counts = against([r])
    if r.baseline is None or counts is None:
        return {}
    return {
        "baseline": {
            "source": r.baseline.source,
            "recorded": r.baseline.recorded,
            "new": counts.new,
            "persisting": counts.persisting,
            "fixed": [finding_dict(f) for f in r.baseline.fixed],
        }
    }


def _run_baseline(results: Sequence[AuditResult], run: BaselineRun | None) -> dict[str, Any]:
    """The counts against the baseline for the summary, and the baseline itself."""
    counts = against(results)
    if counts is None:
        return {}
    about: dict[str, Any] = {"source": None, "path": None, "ref": None, "commit": None}
    stale = run.stale if run is not None else ()
    if run is not None:
        about = {"source": run.source, "path": run.path, "ref": run.ref, "commit": run.commit}
    about["stale"] = [
        {
            "file": s.file,
            "findings": s.findings,
            "message": s.message,
            "line": s.location.line,
            "column": s.location.col,
        }
        for s in stale
    ]
    totals = {"new": counts.new, "persisting": counts.persisting, "fixed": counts.fixed}
    return {"counts": totals, "baseline": about}


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
        "findings": _findings(r),
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
    } | _file_baseline(r)


def as_dict(results: Sequence[AuditResult], baseline: BaselineRun | None = None) -> dict[str, Any]:
    """The whole JSON result: tool, summary across files, every finding, per-file detail;
    with a baseline, the counts against it in the summary and the baseline itself."""
    against = _run_baseline(results, baseline)
    out = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "leadaudit", "version": __version__},
        "summary": {s.value: sum(r.count(s) for r in results) for s in Severity}
        | {"waived": sum(len(r.waived) for r in results), "files": len(results)}
        | against.get("counts", {}),
        "findings": [item for r in results for item in _findings(r)],
        "files": [result_dict(r) for r in results],
    }
    if against:
        out["baseline"] = against["baseline"]
    return out


def render(results: Sequence[AuditResult], options: RenderOptions) -> str:
    """The JSON result as indented text, with unsafe characters escaped."""
    text = json.dumps(
        as_dict(results, options.baseline),
        indent=2,
        ensure_ascii=False,
        allow_nan=False,
        sort_keys=False,
    )
    return json_safe(text) + "\n"
