"""team_capability: the digital leadership team covers a capability (bullets 6 and 7).

The team is the digital leader and every post below it; with ``include_linked`` also the
posts the leader records a working relationship with (``works_with``, either side).

Passes::

    - {id: cdo, title: CDO, reports_to: ceo, capabilities: [digital_leadership, stakeholder_management]}

Fails: nobody in the leader's line covers the capability.
"""

from typing import ClassVar, Literal

from pydantic import Field

from leadaudit.messages import plural
from leadaudit.model import Basis, Id
from leadaudit.rules.base import Context, Gap, LeaderCheck, Met, Verdict, join_labels, sentence


class TeamCapability(LeaderCheck):
    """Someone in the digital leadership team covers one of the listed capabilities."""

    kind: Literal["team_capability"]
    uses_lines: ClassVar[bool] = True
    capabilities: list[Id] = Field(min_length=1)
    """Capability ids, any one of which will do."""
    include_linked: bool = False
    """Also count posts linked to the leader through works_with."""

    def capabilities_used(self) -> set[str]:
        """The capability ids the options name: the leader's and the listed ones."""
        return {self.leader, *self.capabilities}

    def evaluate(self, ctx: Context) -> Verdict:
        """Check that someone in the digital leader's team covers one of the capabilities."""
        post = ctx.leader(self.leader)
        if post is None:
            return Verdict(not_applicable="no post holds " + ctx.cap_title(self.leader))
        org = ctx.org
        team = [post.id, *org.subtree(post.id)]
        if self.include_linked:
            linked = {*post.works_with, *org.linked_from(post.id)}
            in_line = set(team)
            team += sorted(p for p in linked if p in org.posts and p not in in_line)
        # the posts that hold a wanted capability are few beside a large team
        holding = {p for c in self.capabilities for p in org.holders_by_capability.get(c, ())}
        covering = [p for p in team if p in holding and org.posts[p].basis is not Basis.vacant]
        titles = join_labels((ctx.cap_title(c) for c in self.capabilities), "or")
        if covering:
            return Verdict(
                met=(
                    Met(
                        f"{sentence(titles)}: {join_labels(ctx.describe(org.posts[p]) for p in covering)}",
                        covering[0],
                    ),
                )
            )
        below = len(org.subtree(post.id))
        linked_count = len(team) - 1 - below
        if below == 0:
            size = f"{org.label(post.id)}, with no posts in its line"
        else:
            size = f"{org.label(post.id)} and the {plural(below, 'post')} in its line"
        if linked_count:
            size += f", and the {plural(linked_count, 'post')} it works with"
        return Verdict(
            gaps=(
                Gap(
                    f"No one in the digital leadership team ({size}) covers {titles}",
                    post.id,
                    "post",
                ),
            )
        )
