"""reports_to_top: the digital leader reports in to the highest level (bullet 2).

"The highest level" means a direct report of the head of paid service, or a seat on the
corporate leadership team. Anywhere further down gets the rule's full severity, and the
message says how far down; a framework may set ``warn_depth`` to make one depth a warning.

Passes::

    - {id: cdo, title: Chief Digital Officer, reports_to: ceo, capabilities: [digital_leadership]}

Fails::

    - {id: cdo, title: Head of Digital, reports_to: head-ict, capabilities: [digital_leadership]}
"""

from typing import ClassVar, Literal

from pydantic import Field

from leadaudit.findings import Severity
from leadaudit.rules.base import Context, Gap, LeaderCheck, Met, Verdict

_CHAIN_SHOWN = 3
"""Most managers named in the reporting chain of a finding."""


class ReportsToTop(LeaderCheck):
    """The digital leader is at most ``max_depth`` levels below the top."""

    kind: Literal["reports_to_top"]
    uses_lines: ClassVar[bool] = True
    max_depth: int = Field(default=1, ge=1)
    """Deepest level that passes (1 = reports directly to the head of paid service)."""
    warn_depth: int | None = Field(default=None, ge=1)
    """A leader exactly this deep gets a warning instead of the rule's severity (none by
    default: bullet 2 asks for the highest level, so any depth below it is a full gap)."""
    leadership_team_counts: bool = True
    """A seat on the corporate leadership team counts as reporting to the top."""

    def severity_note(self, severity: str) -> str:
        """The severity at each depth, as ``rules`` shows it."""
        passes = "direct report" if self.max_depth == 1 else f"up to {self.max_depth} levels down"
        if self.leadership_team_counts:
            passes += " or leadership team"
        note = f"passes: {passes}; {severity} at any depth below"
        if self.warn_depth is not None and self.warn_depth > self.max_depth:
            note += f", except warning at depth {self.warn_depth}"
        return note

    def evaluate(self, ctx: Context) -> Verdict:
        """Check how many levels below the top post the digital leader sits."""
        post = ctx.leader(self.leader)
        if post is None:
            return Verdict(not_applicable="no post holds " + ctx.cap_title(self.leader))
        org = ctx.org
        depth = org.depth[post.id]
        top = org.label(org.top)
        if depth == 0:
            return Verdict(met=(Met(f"{org.label(post.id)} is the top post", post.id),))
        if depth <= self.max_depth:
            how = "directly" if depth == 1 else f"{depth} levels below"
            return Verdict(met=(Met(f"{org.label(post.id)} reports {how} to {top}", post.id),))
        if self.leadership_team_counts and post.leadership_team:
            return Verdict(
                met=(Met(f"{org.label(post.id)} sits on the corporate leadership team", post.id),)
            )
        managers = [org.label(pid) for pid in reversed(org.ancestors(post.id)[:-1])]
        if len(managers) > _CHAIN_SHOWN:
            # A deep chain would swamp the message; its ends say where the leader sits.
            managers = [*managers[: _CHAIN_SHOWN - 1], "...", managers[-1]]
        chain = " -> ".join(managers)
        message = (
            f"{org.label(post.id)} is {depth} levels below {top} (via {chain}); "
            "Recommendation 20 asks for the digital leader to report in to the highest level"
        )
        severity = Severity.warning if depth == self.warn_depth else None
        found = f"{depth} levels below"
        return Verdict(gaps=(Gap(message, post.id, "post", severity, found),))
