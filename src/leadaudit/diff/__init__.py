"""``leadaudit diff``: what a restructure changed between two org charts, and what that
did to the audit; pure (reading charts from git is in ``revision.py``).

``compare`` pairs the posts of the two charts (``match.py``), lists the structural
changes (``charts.py``) and compares the two audits area by area (``results.py``). The
renderers (``text.py``, ``markdown.py``, ``json_out.py``) turn the ``ChartDiff`` into text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields

from leadaudit.diff.charts import compare_charts
from leadaudit.diff.match import match_posts
from leadaudit.diff.model import ChartDiff, Side
from leadaudit.diff.results import compare_areas
from leadaudit.findings import AuditResult
from leadaudit.orgchart import OrgIndex

__all__ = ["ChartDiff", "compare"]


def _side(org: OrgIndex, result: AuditResult) -> Side:
    return Side(
        file=result.file,
        authority=result.authority,
        authority_type=result.authority_type,
        posts=len(org.posts),
        imported=org.org.imported_from is not None,
        verdict=result.verdict,
        verdict_text=result.verdict_text,
        score=result.score,
    )


def compare(
    old: OrgIndex,
    new: OrgIndex,
    old_result: AuditResult,
    new_result: AuditResult,
    capability_titles: Mapping[str, str],
) -> ChartDiff:
    """What changed from ``old`` to ``new``, each audited (unwaived) with one framework."""
    matching = match_posts(old, new)
    changes = compare_charts(old, new, matching, capability_titles)
    renamed = {o: n for o, n, _ in matching.pairs if o != n}
    structure = {f.name: getattr(changes, f.name) for f in fields(changes)}
    return ChartDiff(
        **structure,
        old=_side(old, old_result),
        new=_side(new, new_result),
        framework=new_result.framework,
        framework_title=new_result.framework_title,
        framework_version=new_result.framework_version,
        areas=compare_areas(old_result, new_result, renamed),
    )
