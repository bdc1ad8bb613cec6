"""Matching one audit's findings with an earlier audit's: which are new, which persist,
which were fixed, and which new ones replace an earlier finding. ``check --baseline`` and
``diff`` both class findings with it, so a gap that got worse reads the same in both."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence

from leadaudit.findings import Finding, Severity
from leadaudit.records import record


@record
class Matched:
    """Findings ``now`` against findings ``before``."""

    new: tuple[Finding, ...]
    """Findings now that were not found before (or are now more severe), in their order."""
    persisting: tuple[Finding, ...]
    """Findings now found before with the same fingerprint and no lower severity."""
    fixed: tuple[Finding, ...]
    """Findings before neither found again nor replaced, in their order."""
    replaced: tuple[tuple[Finding, Finding], ...]
    """(new finding, the finding before it replaces): one now more severe, or one on the
    same rule and subject with something else found."""


def _same(f: Finding) -> Finding:
    return f


def match_findings(
    now: Sequence[Finding],
    before: Iterable[Finding],
    as_now: Callable[[Finding], Finding] = _same,
) -> Matched:
    """Class ``now`` against ``before``.

    A finding persists when an unmatched finding before has its fingerprint and a severity
    at least as high; findings with one fingerprint are matched in order, so two where
    there was one leave one new. A finding now more severe is new, and replaces the one
    before (which is not fixed). A new finding with the rule and subject of a finding
    before that is left over replaces it: that finding changed, it is not a new gap beside
    a fixed one. ``as_now`` gives a finding before as it would be named now (a post whose
    id changed), for matching only.
    """
    earlier = list(before)
    waiting: dict[str, deque[Finding]] = defaultdict(deque)
    for old in earlier:
        waiting[as_now(old).fingerprint].append(old)
    new: list[Finding] = []
    persisting: list[Finding] = []
    replaced: list[tuple[Finding, Finding]] = []
    used: set[int] = set()
    for f in now:
        queue = waiting.get(f.fingerprint)
        if not queue:
            new.append(f)
            continue
        match = queue.popleft()
        used.add(id(match))
        if f.severity.rank > match.severity.rank:
            new.append(f)
            replaced.append((f, match))
        else:
            persisting.append(f)
    by_subject: dict[tuple[str, str, str | None], Finding] = {}
    for old in earlier:
        if id(old) not in used:
            named = as_now(old)
            by_subject.setdefault((named.rule, named.subject_kind, named.subject), old)
    worse = {id(f) for f, _ in replaced}
    for f in new:
        if id(f) in worse:
            continue
        same = by_subject.pop((f.rule, f.subject_kind, f.subject), None)
        if same is not None:
            replaced.append((f, same))
            used.add(id(same))
    order = {id(f): i for i, f in enumerate(new)}
    return Matched(
        tuple(new),
        tuple(persisting),
        tuple(old for old in earlier if id(old) not in used),
        tuple(sorted(replaced, key=lambda pair: order[id(pair[0])])),
    )


def _article(severity: Severity) -> str:
    return f"an {severity.value}" if severity is Severity.error else f"a {severity.value}"


def change_note(now: Finding, before: Finding, when: str) -> str:
    """How ``now`` differs from the finding it replaces: "was '2 levels below' in the
    baseline", or "was a warning in the baseline" (``when``: "in the baseline")."""
    if now.found != before.found:
        return f"was '{before.found or ''}' {when}"
    return f"was {_article(before.severity)} {when}"
