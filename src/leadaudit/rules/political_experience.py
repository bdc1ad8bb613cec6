"""political_experience: the political digital lead brings digital knowledge (bullet 1).

Recommendation 20 asks for political leadership *with digital knowledge and experience*.
Record it in ``digital_experience`` (experience, qualifications or training).

Passes::

    - {id: cllr-jones, name: Cllr Jones, position: cabinet_member, portfolio: [Digital],
       digital_experience: Ran a software company for ten years}

Fails: the same member without ``digital_experience``.
"""

from typing import Literal

from leadaudit.rules.base import Context, Gap, Met, PoliticalLeadCheck, Verdict


class PoliticalExperience(PoliticalLeadCheck):
    """A political digital lead records digital experience or training."""

    kind: Literal["political_experience"]

    def evaluate(self, ctx: Context) -> Verdict:
        """Check that a political digital lead records digital experience or training."""
        leads = self.political_leads(ctx)
        if not leads:
            return Verdict(not_applicable="no political digital lead")
        with_experience = [m for m in leads if m.digital_experience]
        if with_experience:
            return Verdict(
                met=tuple(
                    Met(f"{ctx.org.label(m.id)}: {m.digital_experience}", m.id)
                    for m in with_experience
                )
            )
        lead = leads[0]
        return Verdict(
            gaps=(
                Gap(
                    f"{ctx.org.label(lead.id)} records no digital experience or training",
                    lead.id,
                    "member",
                ),
            )
        )
