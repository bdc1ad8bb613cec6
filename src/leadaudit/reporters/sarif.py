"""SARIF 2.1.0: one rule per framework rule, one result per finding, located in the YAML file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from leadaudit.findings import AuditResult, Finding, RuleInfo, Severity, WaivedFinding, bullet_label
from leadaudit.reporters import RenderOptions
from leadaudit.reporters.escape import md_text
from leadaudit.sanitize import json_safe
from leadaudit.version import __version__

if TYPE_CHECKING:
    from leadaudit.baseline.model import BaselineRun

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}
_RULE_LEVEL = {"error": "error", "warning": "warning", "info": "note", "off": "none"}


def artifact_uri(file: str) -> str:
    """A URI reference for an input path: relative stays relative, absolute becomes file://."""
    path = PurePath(file)
    if path.is_absolute():
        return "file://" + quote(path.as_posix(), safe="/:")
    return quote(PurePosixPath(*path.parts).as_posix(), safe="/")


def _rule(rule: RuleInfo, area_titles: dict[str, str]) -> dict[str, Any]:
    source = bullet_label(rule.bullet)
    help_text = (
        f"Recommendation 20, {source}: {rule.clause}\n\n"
        f"What to record: {rule.record}\n\n"
        f"Remediation: {rule.remediation}"
    )
    help_markdown = (
        f"**Recommendation 20, {md_text(source)}:** {md_text(rule.clause)}\n\n"
        f"**What to record:** {md_text(rule.record)}\n\n"
        f"**Remediation:** {md_text(rule.remediation)}"
    )
    return {
        "id": rule.id,
        "name": rule.slug,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.clause},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {
            "enabled": rule.severity != "off",
            "level": _RULE_LEVEL.get(rule.severity, "warning"),
        },
        "properties": {
            "area": rule.area,
            "areaTitle": area_titles.get(rule.area, rule.area),
            "bullet": rule.bullet,
            "tags": ["recommendation-20", rule.area],
        },
    }


def baseline_state(r: AuditResult, f: Finding) -> str | None:
    """SARIF's ``baselineState`` of a finding: ``new``, ``unchanged`` (persisting), or
    ``updated`` (new, replacing a baseline finding of the same rule and subject); None
    without a baseline. Fixed findings are not written as ``absent`` results: code
    scanning would show them as alerts."""
    if r.baseline is None:
        return None
    if not r.baseline.is_new(f):
        return "unchanged"
    return "updated" if r.baseline.change(f) else "new"


def _result(
    f: Finding,
    index: dict[str, int],
    artifact: int,
    waived: WaivedFinding | None = None,
    state: str | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {"ruleId": f.rule}
    if f.rule in index:
        out["ruleIndex"] = index[f.rule]
    out |= {
        "level": LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(f.location.file), "index": artifact},
                    "region": {"startLine": f.location.line, "startColumn": f.location.col},
                }
            }
        ],
        "partialFingerprints": {"leadauditSubject/v1": f.fingerprint},
        "properties": {
            "subject": f.subject,
            "subjectKind": f.subject_kind,
            "area": f.area,
            "bullet": f.bullet,
            "remediation": f.remediation,
        },
    }
    if state is not None:
        out["baselineState"] = state
    if waived is not None:
        out["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": waived.waiver.justification,
                "properties": {
                    "owner": waived.waiver.owner,
                    "expires": waived.waiver.expires.isoformat(),
                },
            }
        ]
    return out


def as_dict(results: Sequence[AuditResult], baseline: BaselineRun | None = None) -> dict[str, Any]:
    """The SARIF log: one run with every rule, each file as an artifact, every finding."""
    rules: dict[str, RuleInfo] = {}
    area_titles: dict[str, str] = {}
    for r in results:
        for rule in r.rules:
            rules.setdefault(rule.id, rule)
        for area in r.areas:
            area_titles.setdefault(area.area, area.title)
    index = {rule_id: i for i, rule_id in enumerate(rules)}
    artifacts: list[dict[str, Any]] = []
    sarif_results: list[dict[str, Any]] = []
    for i, r in enumerate(results):
        artifact: dict[str, Any] = {
            "location": {"uri": artifact_uri(r.file)},
            "roles": ["analysisTarget"],
        }
        if r.source_sha256:
            artifact["hashes"] = {"sha-256": r.source_sha256}
        artifacts.append(artifact)
        sarif_results += [_result(f, index, i, state=baseline_state(r, f)) for f in r.findings]
        sarif_results += [_result(w.finding, index, i, w) for w in r.waived]
    first = results[0] if results else None
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "leadaudit",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(rule, area_titles) for rule in rules.values()],
            }
        },
        "artifacts": artifacts,
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if first is not None:
        run["properties"] = {
            "framework": {
                "name": first.framework,
                "title": first.framework_title,
                "version": first.framework_version,
            },
            "verdicts": [
                {
                    "file": artifact_uri(r.file),
                    "verdict": r.verdict.value,
                    "text": r.verdict_text,
                    "areas": {a.area: a.status.value for a in r.areas},
                }
                for r in results
            ],
        }
        if baseline is not None:
            run["properties"]["baseline"] = {
                "source": baseline.source,
                "stale": [
                    {"file": artifact_uri(s.file), "message": s.message} for s in baseline.stale
                ],
            }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render(results: Sequence[AuditResult], options: RenderOptions) -> str:
    """The SARIF log as indented JSON text, with unsafe characters escaped."""
    text = json.dumps(
        as_dict(results, options.baseline), indent=2, ensure_ascii=False, allow_nan=False
    )
    return json_safe(text) + "\n"
