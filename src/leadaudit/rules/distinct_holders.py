"""distinct_holders: offices that must be held by different people are not combined.

Some statutory offices check each other, so one person may not hold both. In England and
Wales the monitoring officer may not also be the chief finance officer (s151 officer), and
in most councils may not be the head of paid service either. This kind reports any post
that holds two or more of the listed capabilities, and any named holder (the ``holder``
field, compared without regard to case or spacing) who holds them through different posts.
Vacant posts are ignored. When fewer than two of the capabilities are held at all there is
nothing to compare and the rule does not apply; the rules that require each office report
the gap.

Passes::

    - {id: dof, title: Director of Finance, reports_to: ceo, capabilities: [s151_officer]}
    - {id: legal, title: Head of Legal, reports_to: ceo, capabilities: [monitoring_officer]}

Fails::

    - {id: dof, title: Director of Resources, reports_to: ceo,
       capabilities: [s151_officer, monitoring_officer]}

Fails too (one person in two posts)::

    - {id: dof, title: Director of Finance, reports_to: ceo, holder: Sam Lee,
       capabilities: [s151_officer]}
    - {id: legal, title: Head of Legal, reports_to: ceo, holder: Sam Lee,
       capabilities: [monitoring_officer]}
"""

from typing import Literal

from pydantic import Field

from leadaudit.model import Basis, Id
from leadaudit.rules.base import Context, Gap, Met, RuleKind, Verdict, join_labels, sentence


def _person(name: str) -> str:
    return " ".join(name.split()).casefold()


class DistinctHolders(RuleKind):
    """No single post, and no single named person, holds two of the listed capabilities."""

    kind: Literal["distinct_holders"]
    capabilities: list[Id] = Field(min_length=2)
    """Capabilities that must be held by different posts and different people."""
    compare_holders: bool = True
    """Also compare the named holders of different posts."""

    def capabilities_used(self) -> set[str]:
        """The capability ids the options name."""
        return set(self.capabilities)

    def evaluate(self, ctx: Context) -> Verdict:
        """Check that no post, and no named holder, combines two of the capabilities."""
        org = ctx.org
        wanted = list(dict.fromkeys(self.capabilities))
        held = [c for c in wanted if org.holders(c)]
        if len(held) < 2:
            return Verdict(
                not_applicable="fewer than two of "
                + join_labels(ctx.cap_title(c) for c in wanted)
                + " are recorded"
            )
        gaps: list[Gap] = []
        posts = sorted(
            {p.id for c in held for p in org.holders(c) if p.basis is not Basis.vacant},
            key=org.post_index.__getitem__,
        )
        for pid in posts:
            combined = [c for c in wanted if c in org.capabilities_of(pid)]
            if len(combined) > 1:
                gaps.append(
                    Gap(
                        f"{org.label(pid)} holds {join_labels(ctx.cap_title(c) for c in combined)}; "
                        "these must be held by different people",
                        pid,
                        "post",
                    )
                )
        if self.compare_holders:
            by_person: dict[str, list[str]] = {}
            for pid in posts:
                holder = org.posts[pid].holder
                if holder:
                    by_person.setdefault(_person(holder), []).append(pid)
            for pids in by_person.values():
                if len(pids) < 2:
                    continue
                combined = [c for c in wanted if any(c in org.capabilities_of(p) for p in pids)]
                if len(combined) < 2:
                    continue
                roles = [
                    f"{join_labels(ctx.cap_title(c) for c in wanted if c in org.capabilities_of(p))}"
                    f" as {org.label(p)}"
                    for p in pids
                ]
                name = org.posts[pids[0]].holder or ""
                gaps.append(
                    Gap(
                        f"{name} holds {'; '.join(roles)}; these must be held by different people",
                        pids[0],
                        "post",
                    )
                )
        if gaps:
            return Verdict(gaps=tuple(gaps))
        return Verdict(
            met=(
                Met(
                    sentence(
                        f"{join_labels(ctx.cap_title(c) for c in held)} are held by different posts"
                    ),
                    org.holders(held[0])[0].id,
                ),
            )
        )
