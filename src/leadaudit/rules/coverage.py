"""capability_coverage: posts cover one or all of a set of capabilities.

Used for the skills Recommendation 20 lists (bullets 3-5, and the headline's culture
change). Options narrow what counts: ``in_house`` keeps only posts the authority itself
holds (bullet 4 asks for architecture, programme management and procurement *within the
authority*), and ``max_depth`` keeps only senior posts.

Passes::

    posts:
      - {id: ea, title: Enterprise Architect, reports_to: cdo, capabilities: [digital_architecture]}

Fails with ``in_house: true``, naming the supplier and the end of the contract where the
post records them ("outsourced to Sopra Steria until 2027-03-31")::

    posts:
      - {id: ea, title: Enterprise Architect, reports_to: cdo, basis: outsourced,
         supplier: Sopra Steria, contract_ends: 2027-03-31,
         capabilities: [digital_architecture]}
"""

from typing import Literal

from pydantic import Field

from leadaudit.findings import Severity
from leadaudit.model import IN_HOUSE_BASES, Basis, Id, Post
from leadaudit.rules.base import Context, Gap, Met, RuleKind, Verdict, join_labels, sentence


class CapabilityCoverage(RuleKind):
    """Some post covers each (or any) of the listed capabilities."""

    kind: Literal["capability_coverage"]
    capabilities: list[Id] = Field(min_length=1)
    """Capability ids to look for."""
    require: Literal["all", "any"] = "all"
    """'all': each capability must be covered; 'any': one of them is enough."""
    in_house: bool = False
    """Count only posts held within the authority (not agency, contractor, outsourced or as a service)."""
    hosted_elsewhere: Severity | None = None
    """With in_house: a shared service hosted by another authority counts, but with this severity."""
    max_depth: int | None = Field(default=None, ge=0)
    """Count only posts at most this many levels below the top (or on the leadership team)."""

    def capabilities_used(self) -> set[str]:
        """The capability ids the options name."""
        return set(self.capabilities)

    def _eligible(self, ctx: Context, post: Post) -> bool:
        if self.max_depth is None or post.leadership_team:
            return True
        return ctx.org.depth[post.id] <= self.max_depth

    def evaluate(self, ctx: Context) -> Verdict:
        """Check that eligible posts cover all (or any) of the capabilities."""
        gaps: list[Gap] = []
        met: list[Met] = []
        missing: list[str] = []
        for cap in self.capabilities:
            title = sentence(ctx.cap_title(cap))
            holders = [p for p in ctx.org.holders(cap) if self._eligible(ctx, p)]
            if not holders:
                senior = ctx.org.holders(cap)
                if senior and self.max_depth is not None:
                    gaps.append(
                        Gap(
                            f"{title} is held only below the senior levels: "
                            f"{join_labels(ctx.org.label(p.id) for p in senior)}",
                            senior[0].id,
                            "post",
                        )
                    )
                elif ctx.org.vacant_holders(cap):
                    vacant = ctx.org.vacant_holders(cap)
                    gaps.append(
                        Gap(
                            f"{title} is covered only by a vacant post: "
                            f"{join_labels(ctx.org.label(p.id) for p in vacant)}",
                            vacant[0].id,
                            "post",
                            found="vacant",
                        )
                    )
                else:
                    missing.append(cap)
                continue
            if not self.in_house:
                met.append(Met.listing(f"{title}: ", [p.id for p in holders], ctx.describe_post))
                continue
            inside = [p for p in holders if p.basis in IN_HOUSE_BASES]
            hosted_here = [p for p in inside if not _hosted_elsewhere(ctx, p)]
            if hosted_here or (inside and self.hosted_elsewhere is None):
                met.append(
                    Met.listing(
                        f"{title} is held in-house: ", [p.id for p in inside], ctx.describe_post
                    )
                )
            elif inside:
                post = inside[0]
                gaps.append(
                    Gap(
                        f"{title} comes from a shared service hosted by {post.hosted_by}: {ctx.org.label(post.id)}; "
                        "Recommendation 20 asks for it within the authority",
                        post.id,
                        "post",
                        self.hosted_elsewhere,
                        f"hosted by {post.hosted_by}",
                    )
                )
            else:
                gaps.append(
                    Gap(
                        f"{title} is held only outside the authority: "
                        f"{join_labels(ctx.describe(p) for p in holders)}; "
                        "Recommendation 20 asks for it within the authority",
                        holders[0].id,
                        "post",
                        found=", ".join(sorted({p.basis.value for p in holders})),
                    )
                )
        if self.require == "any":
            if met or gaps:
                return Verdict(gaps=() if met else tuple(gaps), met=tuple(met))
            titles = join_labels((ctx.cap_title(c) for c in self.capabilities), "or")
            return Verdict(gaps=(Gap(f"No post covers {titles}"),))
        if missing:
            gaps.insert(0, Gap(f"No post covers {join_labels(ctx.cap_title(c) for c in missing)}"))
        return Verdict(gaps=tuple(gaps), met=tuple(met))


def _hosted_elsewhere(ctx: Context, post: Post) -> bool:
    """A shared service post hosted by another authority (naming this one counts as here)."""
    if post.basis is not Basis.shared_service or not post.hosted_by:
        return False
    return post.hosted_by.strip().casefold() != ctx.org.org.authority.name.strip().casefold()
