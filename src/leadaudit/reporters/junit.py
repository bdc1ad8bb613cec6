"""JUnit XML: a test suite per file; a test case per finding, or one per rule without any.

Each case's ``classname`` is ``<framework>.<rule id>``. A rule with findings gives a case
per finding, named by the rule, the subject (and what was found) and the file, so that
two findings of one rule, or the same finding in two files, never share a name: GitLab
keys test cases by class name and name, and merges cases that share them. A finding at or
above the --fail-on threshold fails its case, unless a baseline records it (persisting:
skipped, as only new findings fail); one below it passes, with the finding in
``system-out``; a waived one is skipped. A rule met gives one passing case; a rule turned
off, not applicable or not assessable gives one skipped case.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from leadaudit.findings import AuditResult, Finding, RuleInfo, WaivedFinding
from leadaudit.reporters import RenderOptions
from leadaudit.sanitize import clean


def _text(value: object) -> str:
    """Text XML 1.0 can carry: control characters become U+FFFD."""
    return clean(str(value))


def _describe(f: Finding) -> str:
    loc = f.location
    return f"{loc.file}:{loc.line}:{loc.col}: {f.severity.value}: {f.message}\n  Remediation: {f.remediation}"


def _subject(f: Finding) -> str:
    """'post cdo', 'member cllr-lee', or 'the authority'; with what was found, if any."""
    who = "the authority" if f.subject is None else f"{f.subject_kind} {f.subject}"
    return who if f.found is None else f"{who} ({f.found})"


class _Suite:
    """One file's test suite, built a case at a time, with its counts."""

    def __init__(self, r: AuditResult) -> None:
        self.result = r
        self.element = ET.Element("testsuite", name=_text(r.file))
        self.counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        self.names: set[str] = set()

    def case(self, rule: RuleInfo, subject: str | None = None) -> ET.Element:
        """A new test case of ``rule`` (about ``subject``), its name unique in the suite."""
        base = f"{rule.id} {rule.slug}" + (f": {subject}" if subject else "")
        name, n = f"{base} [{self.result.file}]", 1
        while name in self.names:
            n += 1
            name = f"{base} #{n} [{self.result.file}]"
        self.names.add(name)
        self.counts["tests"] += 1
        return ET.SubElement(
            self.element,
            "testcase",
            name=_text(name),
            classname=_text(f"{self.result.framework}.{rule.id}"),
            file=_text(self.result.file),
        )

    def skip(self, case: ET.Element, why: str) -> None:
        """Mark ``case`` skipped, saying why."""
        self.counts["skipped"] += 1
        ET.SubElement(case, "skipped", message=_text(why))

    def fail(self, case: ET.Element, f: Finding) -> None:
        """Mark ``case`` failed by ``f`` (saying how it changed, against a baseline)."""
        self.counts["failures"] += 1
        b = self.result.baseline
        change = b.change(f) if b is not None else None
        message = f"{f.message} ({change})" if change else f.message
        failure = ET.SubElement(
            case, "failure", type=_text(f.severity.value), message=_text(message)
        )
        failure.text = _text(_describe(f))


def _waived(suite: _Suite, rule: RuleInfo, w: WaivedFinding) -> None:
    case = suite.case(rule, _subject(w.finding))
    waiver = w.waiver
    suite.skip(
        case,
        f"waived until {waiver.expires.isoformat()} (owner {waiver.owner}): {waiver.justification}",
    )
    ET.SubElement(case, "system-out").text = _text(_describe(w.finding))


def _rule_cases(suite: _Suite, rule: RuleInfo, options: RenderOptions) -> None:
    r = suite.result
    found = [f for f in r.findings if f.rule == rule.id]
    waived = [w for w in r.waived if w.finding.rule == rule.id]
    if rule.severity == "off":
        suite.skip(suite.case(rule), "turned off")
        return
    for f in found:
        case = suite.case(rule, _subject(f))
        if options.fail_on.triggered_by(f.severity) and r.is_new(f):
            suite.fail(case, f)
        elif options.fail_on.triggered_by(f.severity) and r.baseline is not None:
            suite.skip(
                case, f"persisting: in the baseline {r.baseline.source}; only new findings fail"
            )
            ET.SubElement(case, "system-out").text = _text(_describe(f))
        else:
            ET.SubElement(case, "system-out").text = _text(
                f"{_describe(f)}\n  Below --fail-on {options.fail_on.value}: reported, not failed."
            )
    for w in waived:
        _waived(suite, rule, w)
    if found or waived:
        return
    reasons = dict(r.not_applicable)
    unassessed = dict(r.not_assessable)
    if rule.id in unassessed:  # also not applicable, with what to record
        suite.skip(suite.case(rule), f"not assessable: {unassessed[rule.id]}")
    elif rule.id in reasons:
        suite.skip(suite.case(rule), f"not applicable: {reasons[rule.id]}")
    else:
        suite.case(rule)


def _suite(r: AuditResult, options: RenderOptions) -> ET.Element:
    suite = _Suite(r)
    props = ET.SubElement(suite.element, "properties")
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
    for rule in r.rules:
        _rule_cases(suite, rule, options)
    for key, count in suite.counts.items():
        suite.element.set(key, str(count))
    return suite.element


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
