"""The capabilities each post holds, its own and its roles', with unknown ids reported."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from leadaudit.messages import Suggester, did_you_mean
from leadaudit.model import OrgChart
from leadaudit.orgchart.problems import Problems


def capability_hint(cap: str, known: Collection[str], titles: Mapping[str, str]) -> str:
    """A hint for an unknown capability id: a near id, else the id whose title it spells
    out ('senior_information_risk_owner' is siro), else where the ids are listed."""
    near = did_you_mean(cap, known)
    if near:
        return near
    words = " ".join(cap.lower().replace("-", "_").split("_"))
    for cid in sorted(titles):
        title = titles[cid].lower()
        if words == title or (len(words) > 6 and words in title):
            return f"did you mean '{cid}' ({titles[cid]})?"
    return "'leadaudit capabilities' lists the capability ids with their meaning"


def _check_caps(
    caps: Sequence[str],
    path: tuple[str | int, ...],
    known: frozenset[str],
    problems: Problems,
    titles: Mapping[str, str],
) -> None:
    for j, cap in enumerate(caps):
        if cap not in known:
            problems.add(
                (*path, j), f"unknown capability '{cap}'", capability_hint(cap, known, titles)
            )


def capabilities_by_post(
    org: OrgChart,
    rows: Iterable[tuple[str, str | None, list[str], list[str], list[str]]],
    post_index: Mapping[str, int],
    known_caps: frozenset[str],
    problems: Problems,
    titles: Mapping[str, str],
) -> dict[str, frozenset[str]]:
    """The known capabilities of each post in ``rows`` (its id, reports_to, capabilities,
    roles and works_with): its own and its roles'. Unknown ids are reported, the roles'
    too."""
    for role_id, role in org.roles.items():
        _check_caps(
            role.capabilities, ("roles", role_id, "capabilities"), known_caps, problems, titles
        )
    role_hint = Suggester(org.roles.keys)
    capabilities: dict[str, frozenset[str]] = {}
    # Most posts with capabilities share a few lists of them (a role each, say): a list
    # found clean once is clean again, and its known capabilities are the same.
    clean: dict[tuple[tuple[str, ...], tuple[str, ...]], frozenset[str]] = {}
    for pid, _, own_caps, roles, _ in rows:
        lists = (tuple(own_caps), tuple(roles))
        known = clean.get(lists)
        if known is None:
            found = len(problems.items)
            known = _post_capabilities(
                org, post_index[pid], lists, known_caps, problems, titles, role_hint
            )
            if len(problems.items) == found:
                clean[lists] = known
        if known:
            capabilities[pid] = known
    return capabilities


def _post_capabilities(
    org: OrgChart,
    i: int,
    lists: tuple[tuple[str, ...], tuple[str, ...]],
    known_caps: frozenset[str],
    problems: Problems,
    titles: Mapping[str, str],
    role_hint: Suggester,
) -> frozenset[str]:
    """The known capabilities of post ``i`` from its own list and its roles', every
    unknown id among them reported."""
    own_caps, roles = lists
    caps = set(own_caps)
    if own_caps:
        _check_caps(own_caps, ("posts", i, "capabilities"), known_caps, problems, titles)
    for j, role_id in enumerate(roles):
        held = org.roles.get(role_id)
        if held is not None:
            caps.update(held.capabilities)
        elif role_id not in problems.set_aside:
            problems.add(
                ("posts", i, "roles", j),
                f"unknown role '{role_id}'",
                role_hint(role_id) or "define it under 'roles:'",
            )
    return frozenset(caps & known_caps)
