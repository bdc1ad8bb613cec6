"""authority_wide_remit: the digital leader is not inside one service directorate.

Recommendation 20 asks leaders to work across the authority and break down silos; a
digital leader placed under, say, Finance or ICT answers to one service. A post that
reports to the head of paid service with no directorate, or whose directorate is a
corporate one (by the ``corporate_keywords``), passes. Deeper down, the manager just
below the head of paid service must also be corporate: by its directorate when one is
recorded, else by its title.

Passes::

    - {id: cdo, title: Chief Digital Officer, reports_to: ceo, directorate: Chief Executive's Office}

Fails::

    - {id: cdo, title: Head of Digital, reports_to: dof, directorate: Finance and Resources}
"""

import re
from typing import ClassVar, Literal

from pydantic import Field

from leadaudit.orgchart import OrgIndex
from leadaudit.rules.base import Context, Gap, LeaderCheck, Met, Verdict

DEFAULT_CORPORATE = [
    "chief executive",
    "corporate",
    "strategy",
    "digital",
    "transformation",
    "policy",
]


class AuthorityWideRemit(LeaderCheck):
    """The digital leader's directorate is a corporate one, not a service directorate."""

    kind: Literal["authority_wide_remit"]
    uses_lines: ClassVar[bool] = True
    corporate_keywords: list[str] = Field(default_factory=lambda: list(DEFAULT_CORPORATE))
    """Words that mark a directorate as corporate (authority-wide), any case."""

    def _corporate(self, name: str) -> bool:
        lowered = name.lower()
        return any(
            re.search(rf"\b{re.escape(k.lower())}\b", lowered) for k in self.corporate_keywords
        )

    def _silo(self, org: OrgIndex, post_id: str) -> str | None:
        """Why the post sits inside one service, or None when its remit is corporate."""
        label = org.label(post_id)
        directorate = org.directorate(post_id)
        chain = org.ancestors(post_id)
        head = chain[-2] if len(chain) >= 2 else None  # the manager just below the top
        if directorate and not self._corporate(directorate):
            where = f" under {org.label(head)}" if head else ""
            return f"{label} sits inside the {directorate} directorate{where}, not across the authority"
        if head is None:
            return None
        # The manager just below the top sets the silo the leader works in: judge it by its
        # directorate when one is recorded, else by its title.
        above = org.posts[head]
        if above.directorate:
            if self._corporate(above.directorate):
                return None
            return f"{label} sits under {org.label(head)} in the {above.directorate} directorate, not across the authority"
        if self._corporate(above.title):
            return None
        return f"{label} sits under {org.label(head)}, who leads a service rather than the whole authority"

    def evaluate(self, ctx: Context) -> Verdict:
        """Check that the digital leader sits in a corporate line, not in one service."""
        post = ctx.leader(self.leader)
        if post is None:
            return Verdict(not_applicable="no post holds " + ctx.cap_title(self.leader))
        org = ctx.org
        silo = self._silo(org, post.id)
        if silo is not None:
            return Verdict(gaps=(Gap(silo, post.id, "post"),))
        directorate = org.directorate(post.id)
        where = f"the {directorate} directorate" if directorate else "no service directorate"
        return Verdict(
            met=(Met(f"{org.label(post.id)} has an authority-wide remit ({where})", post.id),)
        )
