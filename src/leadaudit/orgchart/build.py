"""Working out an org chart's reporting graph: references checked, top post found, depths
walked iteratively, every problem collected and located."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import field
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from typing import TypeVar

from leadaudit.messages import MAX_LISTED, Suggester, list_some
from leadaudit.model import Member, OrgChart, Post
from leadaudit.orgchart.capabilities import capabilities_by_post
from leadaudit.orgchart.cycles import report_cycles
from leadaudit.orgchart.index import InFileOrder, Locator, OrgIndex, no_location, values_of
from leadaudit.orgchart.problems import Problems
from leadaudit.records import record

HEAD_OF_PAID_SERVICE = "head_of_paid_service"

_POST_ROW = attrgetter("id", "reports_to", "capabilities", "roles", "works_with")
_Row = tuple[str, str | None, list[str], list[str], list[str]]
"""A post's id, reports_to, capabilities, roles and works_with (see _POST_ROW)."""


_Item = TypeVar("_Item", Post, Member)


def _first_of_each(
    items: Iterable[_Item],
    section: str,
    noun: str,
    problems: Problems,
    post_ids: Collection[str] = (),
) -> tuple[dict[str, _Item], dict[str, int]]:
    """Items by id and their positions, keeping the first of each id.

    A later item with the same id is reported, and so is one whose id is in ``post_ids``
    (a member named like a post).
    """
    by_id: dict[str, _Item] = {}
    index: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in by_id:
            first = problems.locator((section, index[item.id]))
            problems.add(
                (section, i, "id"),
                f"duplicate {noun} id '{item.id}' (first used at line {first[0]})",
            )
        elif item.id in post_ids:
            problems.add(
                (section, i, "id"),
                f"id '{item.id}' is already used by a post",
                "ids of posts and members must differ",
            )
        else:
            by_id[item.id] = item
            index[item.id] = i
    return by_id, index


@record(frozen=False)
class _Lines:
    """The posts in compact rows, and what one loop over them finds."""

    rows: list[_Row]
    ids: list[str]
    posts: Mapping[str, Post]
    post_index: dict[str, int]
    children: dict[str, list[str]] = field(default_factory=dict)
    roots: list[str] = field(default_factory=list)
    own_report: list[str] = field(default_factory=list)
    with_capabilities: list[_Row] = field(default_factory=list)
    linking: list[str] = field(default_factory=list)


def _read_posts(org: OrgChart, problems: Problems) -> _Lines:
    """One pass over the post objects, into compact rows, then one loop over the rows.

    On a large chart the posts lie all over memory and every pass over them costs a cache
    miss or more per post; the rows are read again cheaply.
    """
    rows: list[_Row] = list(map(_POST_ROW, org.posts))
    ids = list(map(itemgetter(0), rows))
    post_index: dict[str, int] = dict(zip(ids, range(len(ids)), strict=True))
    posts: Mapping[str, Post]
    if len(post_index) == len(ids):
        posts = InFileOrder(post_index, org.posts)
    else:  # duplicate ids: keep the first of each and report the others
        posts, post_index = _first_of_each(org.posts, "posts", "post", problems)
        rows = [rows[i] for i in post_index.values()]
    lines = _Lines(rows, ids, posts, post_index)
    children = lines.children
    for row in rows:
        pid, target, own_caps, roles, links = row
        if target is None:
            lines.roots.append(pid)
        elif target == pid:
            lines.own_report.append(pid)
        else:
            kids = children.get(target)
            if kids is None:
                children[target] = [pid]
            else:
                kids.append(pid)
        if own_caps or roles:
            lines.with_capabilities.append(row)
        if links:
            lines.linking.append(pid)
    return lines


def _check_people(
    org: OrgChart,
    lines: _Lines,
    members: dict[str, Member],
    member_index: dict[str, int],
    problems: Problems,
) -> None:
    """works_with and digital_strategy.owners name posts or members that exist."""
    posts = lines.posts
    person_hint = Suggester(lambda: posts.keys() | members.keys() | problems.set_aside)

    def check_refs(refs: list[str], path: tuple[str | int, ...]) -> None:
        for j, ref in enumerate(refs):
            if ref not in posts and ref not in members and ref not in problems.set_aside:
                problems.add((*path, j), f"unknown post or member '{ref}'", person_hint(ref))

    for pid in lines.linking:
        check_refs(posts[pid].works_with, ("posts", lines.post_index[pid], "works_with"))
    for mid, member in members.items():
        if member.works_with:
            check_refs(member.works_with, ("members", member_index[mid], "works_with"))
    if org.digital_strategy is not None:
        check_refs(org.digital_strategy.owners, ("digital_strategy", "owners"))


def _broken_lines(lines: _Lines, members: dict[str, Member], problems: Problems) -> set[str]:
    """Posts whose line goes nowhere (their own id, or an id that is not a post), reported
    and taken out of ``lines.children``."""
    posts, post_index = lines.posts, lines.post_index
    broken: set[str] = set(lines.own_report)
    for pid in lines.own_report:
        problems.add(("posts", post_index[pid], "reports_to"), f"post '{pid}' reports to itself")
    unknown = lines.children.keys() - post_index.keys()
    if not unknown:
        return broken
    post_hint = Suggester(lambda: posts.keys() | problems.set_aside)
    strays = [pid for target in unknown for pid in lines.children.pop(target)]
    for pid in sorted(strays, key=post_index.__getitem__):
        target = posts[pid].reports_to
        assert target is not None  # the top posts were set apart above
        if target in problems.set_aside:
            continue  # that post failed validation and is reported already
        hint = post_hint(target)
        if target in members:
            hint = f"'{target}' is an elected member; reports_to names a post"
        problems.add(("posts", post_index[pid], "reports_to"), f"unknown post '{target}'", hint)
    broken.update(strays)
    return broken


def _check_top(lines: _Lines, capabilities: dict[str, frozenset[str]], problems: Problems) -> None:
    """One head of paid service, one top post, and the one is the other."""
    post_index, roots = lines.post_index, lines.roots
    hops = [pid for pid in capabilities if HEAD_OF_PAID_SERVICE in capabilities[pid]]
    if len(hops) > 1:
        for pid in hops[1:]:
            problems.add(
                ("posts", post_index[pid]),
                f"more than one post is head of paid service ({list_some(hops)})",
                "give head_of_paid_service to one post",
            )
    if len(roots) > 1:
        listed = list_some(
            [
                f"{r} (line {problems.locator(('posts', post_index[r]))[0]})"
                for r in roots[:MAX_LISTED]
            ]
            + roots[MAX_LISTED:]
        )
        for pid in roots[1:]:
            problems.add(
                ("posts", post_index[pid]),
                f"several top posts: {listed}",
                "only the head of paid service may omit reports_to",
            )
    elif hops and roots and hops[0] != roots[0]:
        problems.add(
            ("posts", post_index[hops[0]], "reports_to"),
            f"the head of paid service '{hops[0]}' is not the top post ('{roots[0]}' is)",
            "the head of paid service sits at the top of the chart",
        )


def _depths_down_the_file(lines: _Lines) -> InFileOrder[int] | None:
    """The depth of every post in one pass down the file, when each post comes after the
    post it reports to (as charts are usually written); None when one does not.

    On a large chart this is much faster than walking down from the top: the walk meets
    the posts in no order the memory follows, and every step of it is a cache miss.
    Called with one top post and every line leading to a post, so a post before its
    manager is the only way the pass can fail (a cycle needs one).
    """
    if len(lines.rows) != len(lines.ids):  # ids used twice: the rows were thinned out
        return None
    managers = list(map(lines.post_index.get, map(itemgetter(1), lines.rows)))
    depths = [0] * len(managers)
    for i, manager in enumerate(managers):
        if manager is not None:
            if manager >= i:
                return None
            depths[i] = depths[manager] + 1
    return InFileOrder(lines.post_index, depths)


def _depths(lines: _Lines, broken: set[str], problems: Problems) -> tuple[str, Mapping[str, int]]:
    """The top post and the depth of every post under it; what is not reached sits in (or
    under) a cycle, reported here.

    Every post has one parent, so a walk from the top meets each post once: level by
    level, in C-speed bulk operations.
    """
    roots, posts, children = lines.roots, lines.posts, lines.children
    top = roots[0] if roots else lines.ids[0]
    found = _depths_down_the_file(lines) if len(roots) == 1 and not broken else None
    if found is not None:
        return top, found
    depth: dict[str, int] = {}
    level = [top] if roots else []
    below = 0
    while level:
        depth.update(zip(level, repeat(below)))
        level = list(chain.from_iterable(filter(None, map(children.get, level))))
        below += 1
    if len(depth) + max(len(roots) - 1, 0) < len(posts):
        other_roots = set(roots[1:])
        unreached = [pid for pid in posts if pid not in depth and pid not in other_roots]
        parent = {pid: None if pid in broken else target for pid, target, *_ in lines.rows}
        report_cycles(unreached, parent, depth, roots, lines.post_index, problems.add)
    if not roots and not problems.items and not problems.set_aside:
        problems.add(
            ("posts",),
            "no top post: every post reports to another",
            "leave reports_to empty on the head of paid service",
        )
    return top, depth


def build_index(
    org: OrgChart,
    filename: str,
    known_capabilities: Iterable[str],
    locator: Locator = no_location,
    set_aside: Collection[str] = (),
    path_back: Callable[[tuple[str | int, ...]], tuple[str | int, ...]] | None = None,
) -> OrgIndex:
    """Check every cross-reference in ``org`` and work out its reporting graph.

    Raises InputError listing every problem found (unknown ids, duplicate ids, several
    top posts, cycles...), each located in the file. ``set_aside`` are ids of parts left
    out because they failed validation: references to them are not reported again, and
    ``path_back`` maps a path of ``org`` to the file's (the parts left out shift them).
    """
    problems = Problems(filename, locator, frozenset(set_aside), path_back)
    lines = _read_posts(org, problems)
    # a framework's capabilities (a mapping of id to definition) also give their titles,
    # for the hint on an id that spells out a title
    titles = (
        {cid: str(getattr(d, "title", "")) for cid, d in known_capabilities.items()}
        if isinstance(known_capabilities, Mapping)
        else {}
    )
    capabilities = capabilities_by_post(
        org,
        lines.with_capabilities,
        lines.post_index,
        frozenset(known_capabilities),
        problems,
        titles,
    )
    posts = lines.posts
    members, member_index = _first_of_each(org.members, "members", "member", problems, posts)
    _check_people(org, lines, members, member_index, problems)
    broken = _broken_lines(lines, members, problems)
    _check_top(lines, capabilities, problems)
    top, depth = _depths(lines, broken, problems)
    if problems.items or problems.set_aside:  # with parts set aside, the graph is partial
        raise problems.error()

    holders: dict[str, list[str]] = {}
    held = list(capabilities)
    for _, pid in sorted(zip(values_of(depth, held), held, strict=True)):
        for cap in capabilities[pid]:
            holders.setdefault(cap, []).append(pid)
    return OrgIndex(
        org=org,
        filename=filename,
        posts=posts,
        members=members,
        top=top,
        children={pid: tuple(sorted(kids)) for pid, kids in lines.children.items()},
        depth=depth,
        capabilities=capabilities,
        holders_by_capability={cap: tuple(ids) for cap, ids in holders.items()},
        post_index=lines.post_index,
        member_index=member_index,
        linking=tuple(lines.linking),
        locator=locator,
    )
