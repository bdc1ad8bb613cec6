"""political_lead: an elected member leads on digital (bullet 1).

The political digital lead is the leader, mayor, cabinet member or committee chair whose
portfolio or remit includes digital. A chart that records no elected members at all (an
imported staff chart, say) cannot show one: the rule is then not assessable, and says what
to record, rather than failing.

A portfolio item includes digital when it contains one of these words or phrases, as a
whole word, in any case: digital, digitally, digitalisation, digitisation (and their -ize
spellings), technology, technologies, tech, data, smart city, smart cities; and IT or ICT
in capitals only, since "it" in lower case is an English word. So "Finance and IT",
"Digitalisation" and "Smart City" count. "Data protection" is set aside first: it is a
compliance remit, so "Data Protection" alone does not count (but "Data and Data
Protection" does). Innovation and transformation do not count on their own: they are
more often economic development and organisational change, and a wrong match would hide
a missing lead.

A framework changes the words with ``portfolio_keywords`` and ``portfolio_exclusions``
(in place of the defaults) or ``extend_portfolio_keywords`` and
``extend_portfolio_exclusions`` (added to them); change them in every rule about the
political lead alike. A chart can state the lead outright: ``digital_lead: true`` on a
member makes them the lead whatever their portfolio says, and then no other member is
picked by the words of their portfolio; ``digital_lead: false`` rules a member out.

Passes::

    members:
      - {id: cllr-patel, name: Cllr Patel, position: cabinet_member, portfolio: [Finance and IT]}

Passes, the lead stated outright::

    members:
      - {id: cllr-smith, name: Cllr Smith, position: cabinet_member, portfolio: [Resources],
         digital_lead: true}

Fails::

    members:
      - {id: cllr-jones, name: Cllr Jones, position: cabinet_member, portfolio: [Housing]}
      - {id: cllr-patel, name: Cllr Patel, position: cabinet_member, portfolio: [Data Protection]}
"""

from typing import Literal

from leadaudit.model import Member
from leadaudit.rules.base import Context, Gap, Met, PoliticalLeadCheck, Verdict, join_labels


class PoliticalLead(PoliticalLeadCheck):
    """Some executive member's portfolio includes digital."""

    kind: Literal["political_lead"]

    def evaluate(self, ctx: Context) -> Verdict:
        """Check that an executive member's portfolio or remit includes digital."""
        leads = self.political_leads(ctx)
        if leads:
            return Verdict(met=tuple(Met(_lead_text(ctx, m), m.id) for m in leads))
        stated = self.stated_leads(ctx)
        if stated:
            eligible = join_labels((p.value.replace("_", " ") for p in self.positions), "or")
            return Verdict(
                gaps=tuple(
                    Gap(
                        f"{ctx.org.label(m.id)} is stated to be the political digital lead "
                        f"(digital_lead) but is a {_position(m)}; the lead is the {eligible}",
                        m.id,
                        "member",
                    )
                    for m in stated
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


def _position(member: Member) -> str:
    return member.position.value.replace("_", " ")


def _lead_text(ctx: Context, member: Member) -> str:
    """What makes ``member`` the lead: stated outright, or the portfolio it holds."""
    if member.digital_lead:
        why = "is the political digital lead (stated with digital_lead)"
    else:
        why = f"holds {join_labels(member.portfolio)}"
    return f"{ctx.org.label(member.id)}, {_position(member)}, {why}"
