"""political_lead: an elected member leads on digital (bullet 1).

The political digital lead is the leader, mayor, cabinet member or committee chair whose
portfolio or remit includes digital. A chart that records no elected members at all (an
imported staff chart, say) cannot show one: the rule is then not assessable, and says what
to record, rather than failing.

Passes::

    members:
      - {id: cllr-jones, name: Cllr Jones, position: cabinet_member, portfolio: [Digital]}

Fails::

    members:
      - {id: cllr-jones, name: Cllr Jones, position: cabinet_member, portfolio: [Housing]}
"""

from __future__ import annotations

from typing import Literal

from leadaudit.rules.base import Context, Gap, Met, PoliticalLeadCheck, Verdict, join_labels


class PoliticalLead(PoliticalLeadCheck):
    """Some executive member's portfolio includes digital."""

    kind: Literal["political_lead"]

    def evaluate(self, ctx: Context) -> Verdict:
        """Check that an executive member's portfolio or remit includes digital."""
        leads = self.political_leads(ctx)
        if leads:
            return Verdict(
                met=tuple(
                    Met(
                        f"{ctx.org.label(m.id)}, {m.position.value.replace('_', ' ')}, "
                        f"holds {join_labels(m.portfolio)}",
                        m.id,
                    )
                    for m in leads
                )
            )
        count = len(ctx.org.members)
        if not count:
            return Verdict(
                not_assessable="no elected members are recorded; list the leader and the "
                "cabinet members (or committee chairs) under members:, with their portfolios"
            )
        found = (
            f" ({count} member{'s' if count != 1 else ''} recorded, none with digital in their portfolio)"
            if count
            else ""
        )
        return Verdict(
            gaps=(
                Gap(f"No elected member holds a portfolio or remit that includes digital{found}"),
            )
        )
