"""shared_leader: a shared or "as a service" digital leader, where it fits (public comment).

One chief digital officer shared between a small group of organisations (about four at
most) can meet the leadership requirement for a smaller authority such as a district
council. There it is reported as information, naming the partners; for a larger
authority, with too many partners or with none recorded, it is the rule's severity.
Does not apply when the digital leader is not shared.

Passes (as information) for a district::

    - {id: cdo, title: Chief Digital Officer, reports_to: ceo, basis: as_a_service,
       shared_with: [Northtown DC, Easton DC], capabilities: [digital_leadership]}

Fails for a county with the same post.
"""

from typing import Literal

from pydantic import Field

from leadaudit.findings import Severity
from leadaudit.model import SHARED_BASES, AuthorityType, Basis
from leadaudit.rules.base import Context, Gap, LeaderCheck, Verdict, join_labels, supply

_ARRANGEMENT = {
    Basis.as_a_service: "is provided as a service",
    Basis.shared_service: "is a shared service post",
}

_AUTHORITY = {
    AuthorityType.county: "a county council",
    AuthorityType.district: "a district council",
    AuthorityType.unitary: "a unitary authority",
    AuthorityType.metropolitan_borough: "a metropolitan borough",
    AuthorityType.london_borough: "a London borough",
    AuthorityType.combined_authority: "a combined authority",
    AuthorityType.other: "an authority of this type",
}


class SharedLeader(LeaderCheck):
    """A shared digital leader fits only smaller authorities and small partnerships."""

    kind: Literal["shared_leader"]
    allowed_types: list[AuthorityType] = Field(default_factory=lambda: [AuthorityType.district])
    """Authority types for which a shared leader meets the requirement."""
    max_partners: int = Field(default=4, ge=1)
    """Most partner organisations sharing the leader (besides this authority)."""

    def evaluate(self, ctx: Context) -> Verdict:
        """Check that a shared digital leader fits the authority's type and partners."""
        post = ctx.leader(self.leader)
        if post is None:
            return Verdict(not_applicable="no post holds " + ctx.cap_title(self.leader))
        if post.basis not in SHARED_BASES:
            return Verdict(not_applicable=f"{ctx.org.label(post.id)} is not shared")
        org = ctx.org
        label = org.label(post.id)
        shared = f"{label} {_ARRANGEMENT[post.basis]}{supply(post, 'by')}"
        kind = org.org.authority.type
        partners = post.shared_with
        if kind not in self.allowed_types:
            allowed = join_labels((_AUTHORITY[t] for t in self.allowed_types), "or")
            return Verdict(
                gaps=(
                    Gap(
                        f"{shared}, which fits a smaller authority ({allowed}); "
                        f"{_AUTHORITY[kind]} needs a digital leader of its own",
                        post.id,
                        "post",
                    ),
                )
            )
        if not partners:
            return Verdict(
                gaps=(
                    Gap(
                        f"{shared} but its partners are not recorded (shared_with)",
                        post.id,
                        "post",
                    ),
                )
            )
        if len(partners) > self.max_partners:
            return Verdict(
                gaps=(
                    Gap(
                        f"{label} is shared with {len(partners)} partners, more than the "
                        f"{self.max_partners} or so a shared leader can serve well",
                        post.id,
                        "post",
                    ),
                )
            )
        return Verdict(
            gaps=(
                Gap(
                    f"{shared}, shared with {join_labels(partners)}; for "
                    f"{_AUTHORITY[kind]} this meets the digital leadership requirement",
                    post.id,
                    "post",
                    Severity.info,
                ),
            )
        )
