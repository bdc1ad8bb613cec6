"""JUnit XML: a test suite per file and a test case per rule, failed at the --fail-on threshold."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from leadaudit.findings import AuditResult, Finding
from leadaudit.reporters import RenderOptions
from leadaudit.sanitize import clean


def _text(value: object) -> str:
    """Text XML 1.0 can carry: control characters become U+FFFD."""
    return clean(str(value))


def _describe(f: Finding) -> str:
    loc = f.location
    return f"{loc.file}:{loc.line}:{loc.col}: {f.severity.value}: {f.message}\n  Remediation: {f.remediation}"


def _suite(r: AuditResult, options: RenderOptions) -> ET.Element:
    suite = ET.Element("testsuite", name=_text(r.file))
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("authority", r.authority),
        ("authority_type", r.authority_type),
        ("framework", f"{r.framework} {r.framework_version}"),
        ("verdict", r.verdict.value),
        ("verdict_text", r.verdict_text),
        ("score", f"{r.score:.1f}"),
        *((f"area.{a.area}", f"{a.status.value} {a.score}") for a in r.areas),
    ):
        ET.SubElement(props, "property", name=name, value=_text(value))
    reasons = dict(r.not_applicable)
    tests = failures = skipped = 0
    for rule in r.rules:
        tests += 1
        case = ET.SubElement(
            suite,
            "testcase",
            name=_text(f"{rule.id} {rule.slug}"),
            classname=_text(r.file),
            file=_text(r.file),
        )
        found = [f for f in r.findings if f.rule == rule.id]
        waived = [w for w in r.waived if w.finding.rule == rule.id]
        failing = [f for f in found if options.fail_on.triggered_by(f.severity)]
        if rule.severity == "off" or (rule.id in reasons and not found):
            skipped += 1
            why = "turned off" if rule.severity == "off" else f"not applicable: {reasons[rule.id]}"
            ET.SubElement(case, "skipped", message=_text(why))
            continue
        if failing:
            failures += 1
            failure = ET.SubElement(
                case,
                "failure",
                type=_text(failing[0].severity.value),
                message=_text(failing[0].message),
            )
            failure.text = _text("\n".join(_describe(f) for f in failing))
        notes = [_describe(f) for f in found if f not in failing]
        notes += [
            f"waived: {_describe(w.finding)}\n  Justification: {w.waiver.justification} "
            f"(owner {w.waiver.owner}, expires {w.waiver.expires.isoformat()})"
            for w in waived
        ]
        if notes:
            ET.SubElement(case, "system-out").text = _text("\n".join(notes))
    counts = {"tests": tests, "failures": failures, "errors": 0, "skipped": skipped}
    for key, count in counts.items():
        suite.set(key, str(count))
    return suite


def render(results: Sequence[AuditResult], options: RenderOptions) -> str:
    """A JUnit XML document: one test suite per file, with totals on the root."""
    root = ET.Element("testsuites", name="leadaudit")
    suites = [_suite(r, options) for r in results]
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(sum(int(s.get(key, "0")) for s in suites)))
    root.extend(suites)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
