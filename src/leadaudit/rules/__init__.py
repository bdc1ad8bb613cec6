"""Rule kinds: the typed predicates frameworks compose into rules, and their registry."""

from typing import TYPE_CHECKING, Annotated, Union

from pydantic import Field

from leadaudit.rules.authority_wide_remit import AuthorityWideRemit
from leadaudit.rules.base import Context, Gap, Met, RuleKind, Verdict
from leadaudit.rules.coverage import CapabilityCoverage
from leadaudit.rules.delivery_team import DeliveryTeam
from leadaudit.rules.direct_line_to_top import DirectLineToTop
from leadaudit.rules.distinct_holders import DistinctHolders
from leadaudit.rules.joint_strategy import JointStrategy
from leadaudit.rules.key_posts_filled import KeyPostsFilled
from leadaudit.rules.leader_relationships import LeaderRelationships
from leadaudit.rules.political_experience import PoliticalExperience
from leadaudit.rules.political_lead import PoliticalLead
from leadaudit.rules.reports_to_top import ReportsToTop
from leadaudit.rules.shared_leader import SharedLeader
from leadaudit.rules.team_capability import TeamCapability

#: kind name -> options model (which carries the implementation). Add new kinds here; the
#: framework file's ``check`` union is made from this.
REGISTRY: dict[str, type[RuleKind]] = {
    "capability_coverage": CapabilityCoverage,
    "reports_to_top": ReportsToTop,
    "authority_wide_remit": AuthorityWideRemit,
    "shared_leader": SharedLeader,
    "political_lead": PoliticalLead,
    "political_experience": PoliticalExperience,
    "joint_strategy": JointStrategy,
    "leader_relationships": LeaderRelationships,
    "team_capability": TeamCapability,
    "delivery_team": DeliveryTeam,
    "key_posts_filled": KeyPostsFilled,
    "distinct_holders": DistinctHolders,
    "direct_line_to_top": DirectLineToTop,
}

if TYPE_CHECKING:
    Check = RuleKind
else:
    # The framework schema's union of every registered kind, chosen by its "kind" key: a
    # new kind is one module and one REGISTRY line.
    Check = Annotated[Union[tuple(REGISTRY.values())], Field(discriminator="kind")]  # noqa: UP007
"""Any rule kind's options, selected by their ``kind`` key."""

__all__ = ["REGISTRY", "Check", "Context", "Gap", "Met", "RuleKind", "Verdict"]
