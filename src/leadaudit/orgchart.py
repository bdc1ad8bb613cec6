"""The reporting graph: the top post, depth of every post, references checked, walked iteratively."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from operator import attrgetter, itemgetter
from typing import Literal, TypeVar

from leadaudit.errors import InputError, Problem, did_you_mean, format_path
from leadaudit.model import Member, OrgChart, Post

HEAD_OF_PAID_SERVICE = "head_of_paid_service"

SubjectKind = Literal["post", "member", "role", "authority"]
Locator = Callable[[tuple[str | int, ...]], tuple[int, int]]


_POST_ROW = attrgetter("id", "reports_to", "capabilities", "roles", "works_with")
_Row = tuple[str, str | None, list[str], list[str], list[str]]
"""A post's id, reports_to, capabilities, roles and works_with (see _POST_ROW)."""
_NO_CAPABILITIES: frozenset[str] = frozenset()


def _no_location(_path: tuple[str | int, ...]) -> tuple[int, int]:
    return (1, 1)


@dataclass(frozen=True)
class OrgIndex:
    """An org chart with its reporting graph worked out; read-only.

    ``children`` and ``capabilities`` hold only the posts that have some (on a large
    chart most have neither): read them with ``children.get(pid, ())`` and
    ``capabilities_of(pid)``.
    """

    org: OrgChart
    filename: str
    posts: dict[str, Post]
    members: dict[str, Member]
    top: str
    children: dict[str, tuple[str, ...]]
    depth: dict[str, int]
    capabilities: dict[str, frozenset[str]]
    holders_by_capability: dict[str, tuple[str, ...]]
    post_index: dict[str, int]
    member_index: dict[str, int]
    linking: tuple[str, ...] = ()
    """Posts with a works_with list, in file order."""
    locator: Locator = field(default=_no_location, repr=False, compare=False)

    @cached_property
    def parent(self) -> dict[str, str | None]:
        """The post each post reports to (None for the top post)."""
        return {pid: post.reports_to for pid, post in self.posts.items()}

    # -- queries used by the rule kinds -------------------------------------------------

    def capabilities_of(self, post_id: str) -> frozenset[str]:
        """The known capabilities a post holds: its own and its roles'."""
        return self.capabilities.get(post_id, _NO_CAPABILITIES)

    def holders(self, capability: str) -> list[Post]:
        """Posts holding a capability, nearest the top first."""
        return [self.posts[pid] for pid in self.holders_by_capability.get(capability, ())]

    def ancestors(self, post_id: str) -> list[str]:
        """The chain of managers from the post's parent up to the top post."""
        chain: list[str] = []
        current = self.posts[post_id].reports_to if post_id in self.posts else None
        while current is not None:
            chain.append(current)
            current = self.posts[current].reports_to
        return chain

    def subtree(self, post_id: str) -> list[str]:
        """Every post below ``post_id`` (not including it), breadth first."""
        out: list[str] = []
        level: list[str] = list(self.children.get(post_id, ()))
        while level:
            out += level
            level = list(chain.from_iterable(filter(None, map(self.children.get, level))))
        return out

    @cached_property
    def _linked_from(self) -> dict[str, tuple[str, ...]]:
        links: dict[str, list[str]] = {}
        for pid in self.linking:
            for target in self.posts[pid].works_with:
                links.setdefault(target, []).append(pid)
        return {target: tuple(sources) for target, sources in links.items()}

    def linked_from(self, post_or_member: str) -> tuple[str, ...]:
        """Posts whose works_with names ``post_or_member``, in file order."""
        return self._linked_from.get(post_or_member, ())

    def directorate(self, post_id: str) -> str | None:
        """The directorate of a post: its own, else the nearest manager's below the top."""
        for pid in (post_id, *self.ancestors(post_id)):
            if pid == self.top:
                break
            own = self.posts[pid].directorate
            if own:
                return own
        return None

    def label(self, post_id: str) -> str:
        """'Title (id)' for a post or 'Name (id)' for a member."""
        if post_id in self.posts:
            return f"{self.posts[post_id].title} ({post_id})"
        if post_id in self.members:
            return f"{self.members[post_id].name} ({post_id})"
        return post_id

    def subject_path(self, kind: SubjectKind, subject: str | None) -> tuple[str | int, ...]:
        if kind == "post" and subject in self.post_index:
            return ("posts", self.post_index[subject])
        if kind == "member" and subject in self.member_index:
            return ("members", self.member_index[subject])
        if kind == "role" and subject is not None:
            return ("roles", subject)
        return ("authority",)

    def locate(self, kind: SubjectKind, subject: str | None) -> tuple[int, int]:
        return self.locator(self.subject_path(kind, subject))


#: how many ids a message lists before it says "and N more"
MAX_LISTED = 5


def list_some(items: list[str], limit: int = MAX_LISTED, last: str = ", ") -> str:
    """'a, b, c' (``last`` before the final item); past ``limit`` items, the first
    ``limit`` and a count of the rest, so a message stays short on a huge chart."""
    if len(items) > limit:
        return f"{', '.join(items[:limit])} and {len(items) - limit:,} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + last + items[-1]


class _Suggest:
    """'Did you mean' over a set of ids, cheap even when there are 100,000 of them.

    A small set is searched whole. In a large one only the ids next to the word in
    sorted order are compared, so a typo after the first few characters still gets its
    hint. Only the first hundred bad ids get a hint (the command line shows fifty
    problems), so a file with thousands of bad references does not take minutes.
    """

    _WHOLE = 500
    _NEAR = 30
    _HINTS = 100

    def __init__(self, choices: Callable[[], Collection[str]]) -> None:
        self._make_choices = choices  # called on the first hint: most files need none
        self._choices: Collection[str] = ()
        self._sorted: list[str] | None = None
        self._left = self._HINTS

    def __call__(self, word: str) -> str | None:
        if self._left <= 0:
            return None
        if self._left == self._HINTS:
            self._choices = self._make_choices()
        self._left -= 1
        if len(self._choices) <= self._WHOLE:
            return did_you_mean(word, self._choices)
        if self._sorted is None:
            self._sorted = sorted(self._choices)
        at = bisect_left(self._sorted, word)
        return did_you_mean(word, self._sorted[max(0, at - self._NEAR) : at + self._NEAR])


class _Problems:
    """Collects located problems so one bad reference does not hide the rest."""

    def __init__(self, filename: str, locator: Locator) -> None:
        self.filename = filename
        self.locator = locator
        self.items: list[Problem] = []

    def add(self, path: tuple[str | int, ...], message: str, hint: str | None = None) -> None:
        line, col = self.locator(path)
        self.items.append(Problem(self.filename, line, col, message, format_path(path), hint))


_Item = TypeVar("_Item", Post, Member)


def _first_of_each(
    items: Iterable[_Item],
    section: str,
    noun: str,
    problems: _Problems,
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


def build_index(
    org: OrgChart,
    filename: str,
    known_capabilities: Iterable[str],
    locator: Locator = _no_location,
) -> OrgIndex:
    """Check every cross-reference in ``org`` and work out its reporting graph.

    Raises InputError listing every problem found (unknown ids, duplicate ids, several
    top posts, cycles...), each located in the file.
    """
    problems = _Problems(filename, locator)
    known_caps = frozenset(known_capabilities)

    def check_caps(caps: list[str], path: tuple[str | int, ...]) -> None:
        for j, cap in enumerate(caps):
            if cap not in known_caps:
                problems.add(
                    (*path, j),
                    f"unknown capability '{cap}'",
                    did_you_mean(cap, known_caps) or "'leadaudit rules' lists the capabilities",
                )

    for role_id, role in org.roles.items():
        check_caps(role.capabilities, ("roles", role_id, "capabilities"))
    role_hint = _Suggest(org.roles.keys)

    # One pass over the post objects, into compact rows. On a large chart the posts lie
    # all over memory and every pass over them costs a cache miss or more per post.
    rows: list[_Row] = list(map(_POST_ROW, org.posts))
    ids = list(map(itemgetter(0), rows))
    post_index: dict[str, int] = dict(zip(ids, range(len(ids)), strict=True))
    posts: dict[str, Post]
    if len(post_index) == len(ids):
        posts = dict(zip(ids, org.posts, strict=True))
    else:  # duplicate ids: keep the first of each and report the others
        posts, post_index = _first_of_each(org.posts, "posts", "post", problems)
        rows = [rows[i] for i in post_index.values()]

    # The reporting lines, and the few posts with capabilities or links, in one loop.
    children_lists: dict[str, list[str]] = {}
    roots: list[str] = []
    own_report: list[str] = []
    with_capabilities: list[_Row] = []
    linking: list[str] = []
    for row in rows:
        pid, target, own_caps, roles, links = row
        if target is None:
            roots.append(pid)
        elif target == pid:
            own_report.append(pid)
        else:
            kids = children_lists.get(target)
            if kids is None:
                children_lists[target] = [pid]
            else:
                kids.append(pid)
        if own_caps or roles:
            with_capabilities.append(row)
        if links:
            linking.append(pid)

    capabilities: dict[str, frozenset[str]] = {}
    for pid, _, own_caps, roles, _ in with_capabilities:
        i = post_index[pid]
        caps = set(own_caps)
        if own_caps:
            check_caps(own_caps, ("posts", i, "capabilities"))
        for j, role_id in enumerate(roles):
            held = org.roles.get(role_id)
            if held is None:
                problems.add(
                    ("posts", i, "roles", j),
                    f"unknown role '{role_id}'",
                    role_hint(role_id) or "define it under 'roles:'",
                )
            else:
                caps.update(held.capabilities)
        known = frozenset(caps & known_caps)
        if known:
            capabilities[pid] = known
    capable = list(capabilities)

    members, member_index = _first_of_each(org.members, "members", "member", problems, posts)

    person_hint = _Suggest(lambda: posts.keys() | members.keys())

    def check_refs(refs: list[str], path: tuple[str | int, ...]) -> None:
        for j, ref in enumerate(refs):
            if ref not in posts and ref not in members:
                problems.add((*path, j), f"unknown post or member '{ref}'", person_hint(ref))

    for pid in linking:
        check_refs(posts[pid].works_with, ("posts", post_index[pid], "works_with"))
    for mid, member in members.items():
        if member.works_with:
            check_refs(member.works_with, ("members", member_index[mid], "works_with"))
    if org.digital_strategy is not None:
        check_refs(org.digital_strategy.owners, ("digital_strategy", "owners"))

    # Posts whose line goes nowhere: their own id, or an id that is not a post.
    broken: set[str] = set(own_report)
    for pid in own_report:
        problems.add(("posts", post_index[pid], "reports_to"), f"post '{pid}' reports to itself")
    unknown = children_lists.keys() - posts.keys()
    if unknown:
        post_hint = _Suggest(posts.keys)
        strays = [pid for target in unknown for pid in children_lists.pop(target)]
        for pid in sorted(strays, key=post_index.__getitem__):
            target = posts[pid].reports_to
            assert target is not None  # the top posts were set apart above
            hint = post_hint(target)
            if target in members:
                hint = f"'{target}' is an elected member; reports_to names a post"
            problems.add(("posts", post_index[pid], "reports_to"), f"unknown post '{target}'", hint)
        broken.update(strays)

    hops = [pid for pid in capable if HEAD_OF_PAID_SERVICE in capabilities[pid]]
    if len(hops) > 1:
        for pid in hops[1:]:
            problems.add(
                ("posts", post_index[pid]),
                f"more than one post is head of paid service ({list_some(hops)})",
                "give head_of_paid_service to one post",
            )
    if len(roots) > 1:
        listed = list_some(
            [f"{r} (line {locator(('posts', post_index[r]))[0]})" for r in roots[:MAX_LISTED]]
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

    # Walk down from the top; whatever is not reached sits in (or under) a cycle.
    # Every post has one parent, so a walk from the top meets each post once: level by
    # level, in C-speed bulk operations.
    top = roots[0] if roots else ids[0]
    depth: dict[str, int] = {}
    level = [top] if roots else []
    below = 0
    while level:
        depth.update(dict.fromkeys(level, below))
        level = list(chain.from_iterable(filter(None, map(children_lists.get, level))))
        below += 1
    if len(depth) + max(len(roots) - 1, 0) < len(posts):
        other_roots = set(roots[1:])
        unreached = [pid for pid in posts if pid not in depth and pid not in other_roots]
        parent = {pid: None if pid in broken else target for pid, target, *_ in rows}
        _report_cycles(unreached, parent, depth, roots, post_index, problems)
    if not roots and not problems.items:
        problems.add(
            ("posts",),
            "no top post: every post reports to another",
            "leave reports_to empty on the head of paid service",
        )

    if problems.items:
        raise InputError(sorted(problems.items, key=lambda p: (p.line or 0, p.col or 0, p.message)))

    holders: dict[str, list[str]] = {}
    for pid in sorted(capable, key=lambda p: (depth[p], p)):
        for cap in capabilities[pid]:
            holders.setdefault(cap, []).append(pid)
    children = {pid: tuple(sorted(kids)) for pid, kids in children_lists.items()}

    return OrgIndex(
        org=org,
        filename=filename,
        posts=posts,
        members=members,
        top=top,
        children=children,
        depth=depth,
        capabilities=capabilities,
        holders_by_capability={cap: tuple(ids) for cap, ids in holders.items()},
        post_index=post_index,
        member_index=member_index,
        linking=tuple(linking),
        locator=locator,
    )


def _report_cycles(
    unreached: list[str],
    parent: dict[str, str | None],
    depth: dict[str, int],
    roots: list[str],
    post_index: dict[str, int],
    problems: _Problems,
) -> None:
    """Name each reporting cycle once, located at its first post in file order."""
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
    top_posts = set(roots)
    for start in sorted(unreached, key=post_index.__getitem__):
        walk: list[str] = []
        current: str | None = start
        while (
            current is not None
            and current not in depth
            and current not in top_posts
            and state.get(current) is None
        ):
            state[current] = 1
            walk.append(current)
            current = parent.get(current)
        if current is not None and state.get(current) == 1:
            cycle = walk[walk.index(current) :]
            first = min(cycle, key=post_index.__getitem__)
            at = cycle.index(first)
            ordered = cycle[at:] + cycle[:at]
            problems.add(
                ("posts", post_index[first], "reports_to"),
                _describe_cycle(ordered),
                "one post in the cycle must report outside it",
            )
        for pid in walk:
            state[pid] = 2


_CYCLE_SHOWN = 8
"""Longest cycle named in full; longer ones show their ends."""


def _describe_cycle(cycle: list[str]) -> str:
    """'reporting cycle: a -> b -> a', shortened in the middle for a long cycle."""
    if len(cycle) <= _CYCLE_SHOWN:
        return "reporting cycle: " + " -> ".join([*cycle, cycle[0]])
    shown = [*cycle[:3], "...", *cycle[-2:], cycle[0]]
    return f"reporting cycle of {len(cycle):,} posts: " + " -> ".join(shown)
