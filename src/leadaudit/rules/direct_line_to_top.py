"""direct_line_to_top: an office has a direct line to the highest management level.

Some offices must be able to reach the top of the organisation without going through
anyone else: UK GDPR asks that the data protection officer reports directly to the highest
management level. In a council that line is often not the line-management one, so a holder
of the capability passes when it is at most ``max_depth`` levels below the head of paid
service, sits on the corporate leadership team, or has a recorded working relationship
(``works_with``, on either side) with the top post. Does not apply when no post holds the
capability; a rule requiring the office reports that.

Passes::

    - {id: ceo, title: Chief Executive, capabilities: [head_of_paid_service]}
    - {id: dpo, title: Information Governance Manager, reports_to: legal,
       works_with: [ceo], capabilities: [data_protection_officer]}

Fails::

    - {id: dpo, title: Information Governance Manager, reports_to: legal,
       capabilities: [data_protection_officer]}
"""

from typing import ClassVar, Literal

from pydantic import Field

from leadaudit.model import Basis, Id, Post
from leadaudit.rules.base import Context, Gap, Met, RuleKind, Verdict, sentence


class DirectLineToTop(RuleKind):
    """Some holder of ``capability`` reports to, or works directly with, the top post."""

    kind: Literal["direct_line_to_top"]
    uses_lines: ClassVar[bool] = True
    capability: Id
    """The capability whose holder needs the direct line."""
    max_depth: int = Field(default=1, ge=1)
    """Deepest level that counts as reporting to the top (1 = a direct report)."""
    leadership_team_counts: bool = True
    """A seat on the corporate leadership team counts as a direct line."""
    works_with_counts: bool = True
    """A recorded working relationship (works_with) with the top post counts as a direct line."""

    def capabilities_used(self) -> set[str]:
        """The capability ids the options name."""
        return {self.capability}

    def _how(self, ctx: Context, post: Post) -> str | None:
        org = ctx.org
        top = org.posts[org.top]
        depth = org.depth[post.id]
        if depth == 0:
            return "is the top post"
        if depth <= self.max_depth:
            return (
                "reports directly to " + org.label(org.top)
                if depth == 1
                else (f"is {depth} levels below {org.label(org.top)}")
            )
        if self.leadership_team_counts and post.leadership_team:
            return "sits on the corporate leadership team"
        if self.works_with_counts and (org.top in post.works_with or post.id in top.works_with):
            return f"has a recorded direct line to {org.label(org.top)}"
        return None

    def evaluate(self, ctx: Context) -> Verdict:
        """Check that a filled holder of the capability has a direct line to the top post."""
        org = ctx.org
        holders = [p for p in org.holders(self.capability) if p.basis is not Basis.vacant]
        title = ctx.cap_title(self.capability)
        if not holders:
            return Verdict(not_applicable=f"no filled post holds {title}")
        for post in holders:
            how = self._how(ctx, post)
            if how is not None:
                return Verdict(
                    met=(Met(f"{sentence(title)}: {org.label(post.id)} {how}", post.id),)
                )
        post = holders[0]
        return Verdict(
            gaps=(
                Gap(
                    f"{sentence(title)}: {org.label(post.id)} is {org.depth[post.id]} levels below "
                    f"{org.label(org.top)}, not on the leadership team, and has no recorded "
                    "direct line to the top (works_with)",
                    post.id,
                    "post",
                ),
            )
        )
