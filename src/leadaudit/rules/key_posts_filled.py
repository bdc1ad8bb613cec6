"""key_posts_filled: the posts that carry accountability are filled substantively.

Recommendation 20 rests on "the drive, capability and accountability of those
responsible". For each key capability, at least one post holding it must be on a
substantive basis; when every holder is vacant, interim, agency, a contractor or an
outsourced service, each is reported, and none of them is listed as filled. A post that
records its ``supplier`` and ``contract_ends`` is reported with them ("outsourced to
Sopra Steria until 2027-03-31").

Passes::

    - {id: cdo, title: CDO, reports_to: ceo, capabilities: [digital_leadership]}

Fails::

    - {id: cdo, title: CDO, reports_to: ceo, basis: interim, capabilities: [digital_leadership]}
"""

from typing import Literal

from pydantic import Field

from leadaudit.model import Basis, Id
from leadaudit.rules.base import Context, Gap, Met, RuleKind, Verdict, arrangement, join_labels


class KeyPostsFilled(RuleKind):
    """Each key capability has a holder who is not vacant, interim or temporary."""

    kind: Literal["key_posts_filled"]
    capabilities: list[Id] = Field(min_length=1)
    """Capabilities whose posts are key."""
    unfilled: list[Basis] = Field(
        default_factory=lambda: [
            Basis.vacant,
            Basis.interim,
            Basis.agency,
            Basis.contractor,
            Basis.outsourced,
        ]
    )
    """Bases that do not count as filled: held by nobody, for now, or by someone outside."""

    def capabilities_used(self) -> set[str]:
        """The capability ids the options name."""
        return set(self.capabilities)

    def evaluate(self, ctx: Context) -> Verdict:
        """Check that each key capability held has a holder on a substantive basis."""
        org = ctx.org
        flagged: dict[str, list[str]] = {}
        filled: dict[str, None] = {}  # ordered, without repeats
        for cap in self.capabilities:
            holders = org.all_holders(cap)
            if not holders:
                continue
            if any(p.basis not in self.unfilled for p in holders):
                filled.update((p.id, None) for p in holders if p.basis not in self.unfilled)
                continue
            for p in holders:
                flagged.setdefault(p.id, []).append(ctx.cap_title(cap))
        if not flagged and not filled:
            return Verdict(not_applicable="no key posts recorded")
        gaps = tuple(
            Gap(
                f"{org.label(pid)} is {arrangement(org.posts[pid])}: "
                f"nobody holds {join_labels(caps)} substantively",
                pid,
                "post",
                found=org.posts[pid].basis.value,
            )
            for pid, caps in sorted(flagged.items(), key=lambda kv: org.post_index[kv[0]])
        )
        met: tuple[Met, ...] = ()
        if filled:
            met = (Met.listing("Key posts filled: ", filled, org.label),)
        return Verdict(gaps=gaps, met=met)
