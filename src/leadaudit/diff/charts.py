"""What changed in the structure: posts added, removed and retitled, reporting lines
moved, bases changed, the digital leader, and the capabilities covered."""

from __future__ import annotations

from collections.abc import Mapping

from leadaudit.diff.match import Matching, unmatched
from leadaudit.diff.model import (
    BasisChange,
    BasisKind,
    ChartChanges,
    Coverage,
    LeaderChange,
    MatchedBy,
    Move,
    Pair,
    PostRef,
)
from leadaudit.model import Basis, Confidence, Post
from leadaudit.orgchart import OrgIndex
from leadaudit.rules.base import DIGITAL_LEADERSHIP

_CONFIDENCE_RANK = {Confidence.low: 0, Confidence.medium: 1, Confidence.high: 2}


def post_ref(org: OrgIndex, pid: str) -> PostRef:
    """A post of ``org`` as the diff reports it."""
    post = org.posts[pid]
    return PostRef(pid, post.title, org.directorate(pid), org.depth.get(pid, 0), post.basis.value)


def basis_kind(old: Basis, new: Basis) -> BasisKind:
    """What a change of basis from ``old`` to ``new`` means."""
    if new is Basis.vacant:
        return BasisKind.filled_to_vacant
    if old is Basis.vacant:
        return BasisKind.vacant_to_filled
    if (old, new) == (Basis.permanent, Basis.interim):
        return BasisKind.permanent_to_interim
    if (old, new) == (Basis.interim, Basis.permanent):
        return BasisKind.interim_to_permanent
    return BasisKind.other


def _line_confidence(*posts: Post) -> str | None:
    """The lowest confidence of an inferred reporting line among ``posts``."""
    found = [i.confidence for p in posts for i in p.inferred if i.field == "reports_to"]
    return min(found, key=_CONFIDENCE_RANK.__getitem__).value if found else None


def leader_of(org: OrgIndex) -> str | None:
    """The digital leader: the filled post holding digital leadership nearest the top."""
    holders = org.holders(DIGITAL_LEADERSHIP)
    return holders[0].id if holders else None


def _leader_change(old: OrgIndex, new: OrgIndex, renamed: Mapping[str, str]) -> LeaderChange | None:
    """The digital leader's change of post or of depth; None when neither changed."""
    before, after = leader_of(old), leader_of(new)
    if before is None and after is None:
        return None
    same = before is not None and renamed.get(before) == after
    if (
        same
        and before is not None
        and after is not None
        and (old.depth.get(before) == new.depth.get(after))
    ):
        return None
    return LeaderChange(
        post_ref(old, before) if before is not None else None,
        post_ref(new, after) if after is not None else None,
        same,
    )


def _moves(
    old: OrgIndex, new: OrgIndex, matching: Matching, renamed: Mapping[str, str]
) -> tuple[Move, ...]:
    """Matched posts whose manager is not the same post in both charts."""
    leaders = {leader_of(old), leader_of(new)} - {None}
    moves = []
    for o, n, by in matching.pairs:
        was, now = old.posts[o].reports_to, new.posts[n].reports_to
        if (renamed.get(was, "\0") if was is not None else None) == now:
            continue
        moves.append(
            Move(
                _pair(old, new, o, n, by),
                post_ref(old, was) if was is not None else None,
                post_ref(new, now) if now is not None else None,
                o in leaders or n in leaders,
                _line_confidence(old.posts[o], new.posts[n]),
            )
        )
    return tuple(moves)


def _coverage(
    old: OrgIndex, new: OrgIndex, titles: Mapping[str, str]
) -> tuple[tuple[Coverage, ...], tuple[Coverage, ...]]:
    """Capabilities some filled post covers in one chart and none in the other: (gained,
    lost), by capability id."""
    gained, lost = [], []
    for cap in sorted(set(old.holders_by_capability) | set(new.holders_by_capability)):
        before, after = old.holders(cap), new.holders(cap)
        title = titles.get(cap, cap.replace("_", " "))
        if after and not before:
            gained.append(Coverage(cap, title, tuple(post_ref(new, p.id) for p in after)))
        elif before and not after:
            vacant = tuple(post_ref(new, p.id) for p in new.vacant_holders(cap))
            lost.append(Coverage(cap, title, tuple(post_ref(old, p.id) for p in before), vacant))
    return tuple(gained), tuple(lost)


def _pair(old: OrgIndex, new: OrgIndex, o: str, n: str, by: MatchedBy) -> Pair:
    return Pair(post_ref(old, o), post_ref(new, n), by)


def compare_charts(
    old: OrgIndex, new: OrgIndex, matching: Matching, titles: Mapping[str, str]
) -> ChartChanges:
    """The structural changes from ``old`` to ``new`` (``titles``: capability titles).

    Only the posts reported are described (``PostRef``), so a large chart with few
    changes costs little more than its matching.
    """
    renamed = matching.old_to_new()
    counts: dict[MatchedBy, int] = {}
    retitled, rematched, basis = [], [], []
    for o, n, by in matching.pairs:
        counts[by] = counts.get(by, 0) + 1
        before, after = old.posts[o], new.posts[n]
        if before.title != after.title:
            retitled.append(_pair(old, new, o, n, by))
        elif o != n:
            rematched.append(_pair(old, new, o, n, by))
        if before.basis is not after.basis:
            kind = basis_kind(before.basis, after.basis)
            basis.append(BasisChange(_pair(old, new, o, n, by), kind))
    gained, lost = _coverage(old, new, titles)
    return ChartChanges(
        matched_by=tuple((by, counts[by]) for by in MatchedBy if by in counts),
        added=tuple(post_ref(new, n) for n in unmatched(new.posts, renamed.values())),
        removed=tuple(post_ref(old, o) for o in unmatched(old.posts, renamed)),
        retitled=tuple(retitled),
        rematched=tuple(rematched),
        moves=_moves(old, new, matching, renamed),
        basis=tuple(basis),
        leader=_leader_change(old, new, renamed),
        gained=gained,
        lost=lost,
    )
