"""One authority's line of a summary: what a league table keeps of an audit, and no more.

A batch keeps these rows and lets each chart and its full result go, so a summary of 400
authorities holds 400 small rows, never 400 org charts.
"""

from __future__ import annotations

from leadaudit.findings import AreaStatus, AuditResult, Verdict
from leadaudit.kinds import AuthorityType
from leadaudit.records import record


@record
class Bullet:
    """A column of the summary: one area of the framework (a bullet of the recommendation)."""

    area: str
    bullet: str
    title: str
    header: str = ""
    """The column's header when the league has set one (unique among its columns)."""

    @property
    def key(self) -> str:
        """The name ``--sort`` and the CSV take: 'bullet2' for a numbered bullet, else the
        area id ('teams')."""
        return f"bullet{self.bullet}" if self.bullet.isdigit() else self.area

    @property
    def short(self) -> str:
        """A header of a character or two: the league's, else the bullet's number or its
        initial ('H' for the headline)."""
        if self.header:
            return self.header
        return self.bullet if self.bullet.isdigit() else self.bullet[:1].upper() or "?"


@record
class Row:
    """One audited authority."""

    authority: str
    authority_type: str
    file: str
    framework: str
    framework_version: str
    verdict: Verdict
    verdict_text: str
    score: float
    bullets: tuple[Bullet, ...]
    """The framework's areas, in report order."""
    statuses: tuple[AreaStatus, ...]
    """The status of each of ``bullets``."""
    errors: int
    warnings: int
    info: int
    waived: int
    source: str = "chart"
    """'chart' for an org chart audited in this run, 'results' for a saved JSON result."""

    def status(self, area: str) -> AreaStatus | None:
        """The status of ``area``, or None when this row's framework has no such area."""
        for bullet, status in zip(self.bullets, self.statuses, strict=True):
            if bullet.area == area:
                return status
        return None


def row_of(result: AuditResult) -> Row:
    """The summary row of one audit."""
    return Row(
        authority=result.authority,
        authority_type=result.authority_type,
        file=result.file,
        framework=result.framework,
        framework_version=result.framework_version,
        verdict=result.verdict,
        verdict_text=result.verdict_text,
        score=result.score,
        bullets=tuple(Bullet(a.area, a.bullet, a.title) for a in result.areas),
        statuses=tuple(a.status for a in result.areas),
        errors=result.counts["error"],
        warnings=result.counts["warning"],
        info=result.counts["info"],
        waived=len(result.waived),
    )


TYPE_ORDER: tuple[str, ...] = tuple(t.value for t in AuthorityType)
"""The order of the groups: the authority types as the org chart schema lists them."""


def type_label(authority_type: str) -> str:
    """The type in words: 'County', 'Metropolitan borough'."""
    text = authority_type.replace("_", " ")
    return text[:1].upper() + text[1:]


def type_rank(authority_type: str) -> tuple[int, str]:
    """Where a type's group comes: the known types in schema order, then others by name."""
    if authority_type in TYPE_ORDER:
        return (TYPE_ORDER.index(authority_type), "")
    return (len(TYPE_ORDER), authority_type)
