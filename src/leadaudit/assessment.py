"""Statuses, scores and the verdict of an audit, worked out from the findings that count.

Each applied rule earns credit by its worst finding: none or information 1, a warning
half, an error nothing; it weighs by its own severity (error 3, warning 2, information 1).
An area's score is 10 times its rules' weighted credit. An area is ``not_met`` when any
finding in it is an error, and then scores at most ``NOT_MET_CAP``; ``partly_met`` when a
finding is a warning or a rule could not be assessed; ``not_assessable`` when no rule in
it could be; ``met`` otherwise. The verdict is ``does_not_meet`` when any area is not met,
``partly_meets`` when any is partly met or not assessable, else ``meets``; the overall
score is the weighted credit of every applied rule, at most ``NOT_MET_CAP`` when the
verdict is ``does_not_meet``.

The result is assessed when it is audited and again when waivers take findings out.
"""

from __future__ import annotations

from dataclasses import replace

from leadaudit.findings import AreaScore, AreaStatus, AuditResult, Severity, Verdict
from leadaudit.messages import list_some

NOT_MET_CAP = 5.0
"""The highest score of an area that is not met, and of a result that does not meet."""

_WEIGHT = {"error": 3, "warning": 2, "info": 1}
_CREDIT = {None: 1.0, Severity.info: 1.0, Severity.warning: 0.5, Severity.error: 0.0}


def _score(weighted: list[tuple[int, float]]) -> float | None:
    total = sum(w for w, _ in weighted)
    if not total:
        return None
    return round(10 * sum(w * c for w, c in weighted) / total, 1)


def _status(worst: list[Severity | None], unassessed: int) -> AreaStatus:
    if Severity.error in worst:
        return AreaStatus.not_met
    if unassessed and not worst:
        return AreaStatus.not_assessable
    if Severity.warning in worst or unassessed:
        return AreaStatus.partly_met
    return AreaStatus.met


def _reason(status: AreaStatus, worst: list[Severity | None], unassessed: list[str]) -> str:
    if status is AreaStatus.not_assessable:
        return "not assessable: " + "; ".join(unassessed)
    if not worst:
        return "no rule applies"
    met = sum(1 for w in worst if _CREDIT[w] == 1.0)
    reason = f"{met} of {len(worst)} {'rule' if len(worst) == 1 else 'rules'} met"
    if unassessed:
        reason += "; not assessable: " + "; ".join(unassessed)
    return reason


def _areas_phrase(areas: list[AreaScore]) -> str:
    """'bullets 1, 2 and 4 and the headline'; areas from other sources named by title."""
    numbered = [a.bullet for a in areas if a.bullet.isdigit()]
    sources = {"headline": "the headline", "comment": "the public comment"}
    named = [sources.get(a.bullet, a.title) for a in areas if not a.bullet.isdigit()]
    parts = []
    if numbered:
        noun = "bullet" if len(numbered) == 1 else "bullets"
        parts.append(f"{noun} {list_some(numbered, 10, ' and ')}")
    parts += [n for n in named if n]
    return list_some(parts, 10, " and ")


def verdict_text(framework_title: str, verdict: Verdict, areas: list[AreaScore]) -> str:
    """The verdict in words: 'Does not meet Recommendation 20: bullets 1 and 2 not met'."""
    subject = framework_title.split(":", 1)[0].strip()
    words = {
        Verdict.meets: "Meets",
        Verdict.partly_meets: "Partly meets",
        Verdict.does_not_meet: "Does not meet",
    }[verdict]
    clauses = []
    for status, phrase in (
        (AreaStatus.not_met, "not met"),
        (AreaStatus.partly_met, "partly met"),
        (AreaStatus.not_assessable, "not assessable"),
    ):
        chosen = [a for a in areas if a.status is status]
        if chosen:
            clauses.append(f"{_areas_phrase(chosen)} {phrase}")
    if not clauses:
        return f"{words} {subject}: every area met"
    return f"{words} {subject}: {'; '.join(clauses)}"


def assess(result: AuditResult) -> AuditResult:
    """``result`` with its area scores and statuses, overall score and verdict worked out
    from its (unwaived) findings."""
    worst_of: dict[str, Severity | None] = dict.fromkeys(result.rules_applied)
    for f in result.findings:
        current = worst_of.get(f.rule)
        if f.rule in worst_of and (current is None or f.severity.rank > current.rank):
            worst_of[f.rule] = f.severity
    info = {rule.id: rule for rule in result.rules}
    unassessed = dict(result.not_assessable)
    areas: list[AreaScore] = []
    overall: list[tuple[int, float]] = []
    for area in result.areas:
        applied = [r for r in result.rules_applied if info[r].area == area.area]
        weighted = [(_WEIGHT[info[r].severity], _CREDIT[worst_of[r]]) for r in applied]
        overall += weighted
        worst = [worst_of[r] for r in applied]
        missing = [
            f"{r}: {reason}" for r, reason in unassessed.items() if info[r].area == area.area
        ]
        status = _status(worst, len(missing))
        score = _score(weighted)
        if score is not None and status is AreaStatus.not_met:
            score = min(score, NOT_MET_CAP)
        reason = _reason(status, worst, missing)
        areas.append(replace(area, score=score, rules=len(applied), reason=reason, status=status))
    statuses = {a.status for a in areas}
    if AreaStatus.not_met in statuses:
        verdict = Verdict.does_not_meet
    elif statuses & {AreaStatus.partly_met, AreaStatus.not_assessable}:
        verdict = Verdict.partly_meets
    else:
        verdict = Verdict.meets
    score = _score(overall) or 0.0
    if verdict is Verdict.does_not_meet:
        score = min(score, NOT_MET_CAP)
    return replace(
        result,
        areas=tuple(areas),
        score=score,
        verdict=verdict,
        verdict_text=verdict_text(result.framework_title, verdict, areas),
    )
