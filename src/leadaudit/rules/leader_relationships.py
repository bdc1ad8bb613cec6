"""leader_relationships: the digital leader works with the chief executive and politicians (bullet 2).

A reporting line to the head of paid service counts; otherwise record the relationship in
``works_with`` on either side.

Passes::

    - {id: cdo, title: CDO, reports_to: ceo, works_with: [cllr-jones]}

Fails::

    - {id: cdo, title: CDO, reports_to: dof}
"""

from typing import Literal

from leadaudit.rules.base import (
    Context,
    Gap,
    LeaderCheck,
    Met,
    PoliticalLeadCheck,
    Verdict,
)


class LeaderRelationships(LeaderCheck, PoliticalLeadCheck):
    """The digital leader has recorded working relationships with the top post and a political lead."""

    kind: Literal["leader_relationships"]

    def evaluate(self, ctx: Context) -> Verdict:
        """Check the digital leader's recorded links to the top post and a political lead."""
        post = ctx.leader(self.leader)
        if post is None:
            return Verdict(not_applicable="no post holds " + ctx.cap_title(self.leader))
        org = ctx.org
        if org.org.imported_from is not None and not org.linking and not org.members:
            return Verdict(
                not_assessable="the published file this chart was imported from cannot record"
                " working relationships; record works_with on the digital leader's post"
            )
        top = org.posts[org.top]

        def linked(a: str, b: str) -> bool:
            wa = org.posts[a].works_with if a in org.posts else org.members[a].works_with
            wb = org.posts[b].works_with if b in org.posts else org.members[b].works_with
            return b in wa or a in wb

        missing: list[str] = []
        if post.id != top.id and post.reports_to != top.id and not linked(post.id, top.id):
            missing.append(f"the head of paid service, {org.label(top.id)}")
        leads = self.political_leads(ctx)
        if not any(linked(post.id, m.id) for m in leads):
            missing.append(
                "the political digital lead"
                if leads
                else "a political digital lead (none is recorded)"
            )
        label = org.label(post.id)
        if missing:
            # The comma closes the apposition "the head of paid service, <label>".
            return Verdict(
                gaps=(
                    Gap(
                        f"{label} has no recorded working relationship with {', or '.join(missing)}",
                        post.id,
                        "post",
                    ),
                )
            )
        return Verdict(
            met=(
                Met(f"{label} works with the head of paid service and the political lead", post.id),
            )
        )
