"""delivery_team: a delivery team, not a lone leader (the headline).

Recommendation 20 asks for leadership *and delivery teams*. The digital leader needs
people reporting to them, or the authority needs product, delivery or user-centred
design posts.

Passes::

    - {id: cdo, title: CDO, reports_to: ceo, capabilities: [digital_leadership]}
    - {id: dm, title: Delivery Manager, reports_to: cdo, capabilities: [delivery_management]}

Fails: the leader with no reports and no such posts anywhere.
"""

from typing import ClassVar, Literal

from pydantic import Field

from leadaudit.model import Basis, Id
from leadaudit.rules.base import Context, Gap, LeaderCheck, Met, Verdict, join_labels


class DeliveryTeam(LeaderCheck):
    """The digital leader has reports, or delivery capabilities exist in the authority."""

    kind: Literal["delivery_team"]
    uses_lines: ClassVar[bool] = True
    min_reports: int = Field(default=1, ge=0)
    """Reports (direct or indirect) that make a team."""
    capabilities: list[Id] = Field(
        default_factory=lambda: ["product_management", "delivery_management", "user_centred_design"]
    )
    """Delivery capabilities, any of which shows a delivery team."""

    def capabilities_used(self) -> set[str]:
        """The capability ids the options name: the leader's and the delivery ones."""
        return {self.leader, *self.capabilities}

    def evaluate(self, ctx: Context) -> Verdict:
        """Check that the digital leader has reports, or some post holds a delivery capability."""
        post = ctx.leader(self.leader)
        if post is None:
            return Verdict(not_applicable="no post holds " + ctx.cap_title(self.leader))
        org = ctx.org
        team = [p for p in org.posts_of(org.subtree(post.id)) if p.basis is not Basis.vacant]
        delivery = sorted(
            {p.id for c in self.capabilities for p in org.holders(c)},
            key=lambda p: (org.depth[p], p),
        )
        label = org.label(post.id)
        if len(team) >= self.min_reports and team:
            return Verdict(
                met=(
                    Met(
                        f"{label} leads a team of {len(team)} post{'s' if len(team) != 1 else ''}",
                        post.id,
                    ),
                )
            )
        if delivery:
            return Verdict(
                met=(
                    Met(
                        f"Delivery posts: {join_labels(org.label(p) for p in delivery)}",
                        delivery[0],
                    ),
                )
            )
        titles = join_labels((ctx.cap_title(c) for c in self.capabilities), "or")
        return Verdict(
            gaps=(Gap(f"{label} has no reports and there is no {titles} post", post.id, "post"),)
        )
