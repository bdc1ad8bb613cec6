"""joint_strategy: a digital strategy owned by the political and organisational leads (bullet 1).

Passes::

    digital_strategy:
      title: Digital Exampleshire 2025-2028
      owners: [cdo, cllr-jones]

Fails: no ``digital_strategy``, or owners naming only officers or only members.
"""

from typing import Literal

from leadaudit.rules.base import Context, Gap, Met, PoliticalLeadCheck, Verdict, join_labels


class JointStrategy(PoliticalLeadCheck):
    """The digital strategy's owners include an executive member and the digital leadership."""

    kind: Literal["joint_strategy"]
    leader: str = "digital_leadership"
    """Capability that marks the organisational digital leadership."""

    def capabilities_used(self) -> set[str]:
        """The capability ids the options name: the leader's."""
        return {self.leader}

    def evaluate(self, ctx: Context) -> Verdict:
        """Check that the strategy's owners include an executive member and the leader."""
        strategy = ctx.org.org.digital_strategy
        if strategy is None and ctx.org.org.imported_from is not None:
            # a published org chart file has no place for a strategy: its absence says nothing
            return Verdict(
                not_assessable="the published file this chart was imported from cannot record"
                " a digital strategy; record it under digital_strategy: with its owners"
            )
        if strategy is None:
            return Verdict(gaps=(Gap("No digital strategy is recorded (digital_strategy)"),))
        org = ctx.org
        political = [
            o
            for o in strategy.owners
            if o in org.members and org.members[o].position in self.positions
        ]
        officers = [
            o for o in strategy.owners if o in org.posts and self.leader in org.capabilities_of(o)
        ]
        if not (political and officers):
            if political:
                lacking = "does not have the digital leader among its owners"
            elif officers:
                lacking = "has no executive member among its owners"
            else:
                lacking = "has neither an executive member nor the digital leader among its owners"
            return Verdict(gaps=(Gap(f"The digital strategy '{strategy.title}' {lacking}"),))
        owners = join_labels(org.label(o) for o in (*political, *officers))
        return Verdict(met=(Met(f"'{strategy.title}' is owned jointly by {owners}"),))
