"""An org chart with its reporting graph worked out: the queries rules and reports make."""

from __future__ import annotations

from collections.abc import (
    Callable,
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    Mapping,
    Sequence,
    ValuesView,
)
from dataclasses import field
from functools import cached_property
from itertools import chain
from typing import Literal, TypeVar, overload

from leadaudit.model import Basis, Member, OrgChart, Post
from leadaudit.records import record

SubjectKind = Literal["post", "member", "role", "authority"]
Locator = Callable[[tuple[str | int, ...]], tuple[int, int]]

_NO_CAPABILITIES: frozenset[str] = frozenset()


def no_location(_path: tuple[str | int, ...]) -> tuple[int, int]:
    """The locator of a chart read from no file: every path is at line 1, column 1."""
    return (1, 1)


V = TypeVar("V")
T = TypeVar("T")


class InFileOrder(Mapping[str, V]):
    """A value for each post, kept in a list in file order and looked up by id through
    the post index (which gives each id its place in the list, every place once).

    On a large chart a dictionary of its own would cost more to build than all the
    look-ups a check makes: filling one is a cache miss or more a post.
    """

    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[str, int], values: Sequence[V]) -> None:
        self._index = index
        self._values = values

    def __getitem__(self, post_id: str) -> V:
        return self._values[self._index[post_id]]

    def __contains__(self, post_id: object) -> bool:
        return post_id in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def keys(self) -> KeysView[str]:
        """The post ids, in file order."""
        return self._index.keys()

    def values(self) -> ValuesView[V]:
        """The values, in file order (read straight from the list)."""
        return _Values(self)

    def items(self) -> ItemsView[str, V]:
        """(post id, value) pairs, in file order (read straight from the list)."""
        return _Items(self)

    def values_of(self, post_ids: Iterable[str]) -> list[V]:
        """The values of these posts, in their order, looked up in C (KeyError for an id
        that is not a post)."""
        return list(map(self._values.__getitem__, map(self._index.__getitem__, post_ids)))

    @overload
    def get(self, post_id: str, /) -> V | None:
        """The value of a post, else None."""

    @overload
    def get(self, post_id: str, default: V | T, /) -> V | T:
        """The value of a post, else ``default``."""

    def get(self, post_id: str, default: object = None, /) -> object:
        """The value of a post, else ``default``: one look-up, not two."""
        at = self._index.get(post_id)
        return default if at is None else self._values[at]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self)!r})"


def values_of(mapping: Mapping[str, V], post_ids: Iterable[str]) -> list[V]:
    """The values of these posts in ``mapping``, in their order (KeyError for an id that is
    not there): in one step, for the long lists of a large chart."""
    if isinstance(mapping, InFileOrder):
        return mapping.values_of(post_ids)
    return list(map(mapping.__getitem__, post_ids))


class _Values(ValuesView[V]):
    _mapping: InFileOrder[V]

    def __iter__(self) -> Iterator[V]:
        return iter(self._mapping._values)


class _Items(ItemsView[str, V]):
    _mapping: InFileOrder[V]

    def __iter__(self) -> Iterator[tuple[str, V]]:
        return zip(self._mapping._index, self._mapping._values, strict=True)


@record
class OrgIndex:
    """An org chart with its reporting graph worked out; read-only.

    ``children`` and ``capabilities`` hold only the posts that have some (on a large
    chart most have neither): read them with ``children.get(pid, ())`` and
    ``capabilities_of(pid)``.
    """

    org: OrgChart
    filename: str
    posts: Mapping[str, Post]
    members: dict[str, Member]
    top: str
    children: dict[str, tuple[str, ...]]
    depth: Mapping[str, int]
    """How many levels below the top each post sits (the top post is 0)."""
    capabilities: dict[str, frozenset[str]]
    holders_by_capability: dict[str, tuple[str, ...]]
    post_index: dict[str, int]
    member_index: dict[str, int]
    linking: tuple[str, ...] = ()
    """Posts with a works_with list, in file order."""
    locator: Locator = field(default=no_location, repr=False, compare=False)

    @cached_property
    def parent(self) -> dict[str, str | None]:
        """The post each post reports to (None for the top post)."""
        return {pid: post.reports_to for pid, post in self.posts.items()}

    # -- queries used by the rule kinds -------------------------------------------------

    def capabilities_of(self, post_id: str) -> frozenset[str]:
        """The known capabilities a post holds: its own and its roles'."""
        return self.capabilities.get(post_id, _NO_CAPABILITIES)

    @cached_property
    def _holders(self) -> dict[str, tuple[tuple[Post, ...], tuple[Post, ...]]]:
        return {}

    def _held(self, capability: str) -> tuple[tuple[Post, ...], tuple[Post, ...]]:
        """The posts given a capability, filled and vacant, nearest the top first: worked
        out once a capability, as several rules ask for the same ones."""
        found = self._holders.get(capability)
        if found is None:
            every = self.posts_of(self.holders_by_capability.get(capability, ()))
            found = self._holders[capability] = (
                tuple([p for p in every if p.basis is not Basis.vacant]),
                tuple([p for p in every if p.basis is Basis.vacant]),
            )
        return found

    def holders(self, capability: str) -> list[Post]:
        """Posts that cover a capability, nearest the top first: a vacant post holds it on
        paper but covers nothing, so it is left out (see ``vacant_holders``)."""
        return list(self._held(capability)[0])

    def vacant_holders(self, capability: str) -> list[Post]:
        """Vacant posts given a capability, nearest the top first."""
        return list(self._held(capability)[1])

    def all_holders(self, capability: str) -> list[Post]:
        """Every post given a capability, vacant or not, nearest the top first."""
        return self.posts_of(self.holders_by_capability.get(capability, ()))

    def posts_of(self, post_ids: Iterable[str]) -> list[Post]:
        """The posts with these ids, in their order (KeyError for one that is not a post):
        in one step, for the long lists of a large chart."""
        return values_of(self.posts, post_ids)

    def ancestors(self, post_id: str) -> list[str]:
        """The chain of managers from the post's parent up to the top post."""
        chain: list[str] = []
        current = self.posts[post_id].reports_to if post_id in self.posts else None
        while current is not None:
            chain.append(current)
            current = self.posts[current].reports_to
        return chain

    @cached_property
    def _subtrees(self) -> dict[str, tuple[str, ...]]:
        return {}

    def subtree(self, post_id: str) -> list[str]:
        """Every post below ``post_id`` (not including it), breadth first. Worked out once
        a post: several rules ask for the digital leader's, which can be most of a chart."""
        found = self._subtrees.get(post_id)
        if found is None:
            out: list[str] = []
            level: list[str] = list(self.children.get(post_id, ()))
            while level:
                out += level
                level = list(chain.from_iterable(filter(None, map(self.children.get, level))))
            found = self._subtrees[post_id] = tuple(out)
        return list(found)

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
        post = self.posts.get(post_id)
        if post is not None:
            return f"{post.title} ({post_id})"
        if post_id in self.members:
            return f"{self.members[post_id].name} ({post_id})"
        return post_id

    def subject_path(self, kind: SubjectKind, subject: str | None) -> tuple[str | int, ...]:
        """The document path of a subject: its post, member or role, else the authority."""
        if kind == "post" and subject in self.post_index:
            return ("posts", self.post_index[subject])
        if kind == "member" and subject in self.member_index:
            return ("members", self.member_index[subject])
        if kind == "role" and subject is not None:
            return ("roles", subject)
        return ("authority",)

    def locate(self, kind: SubjectKind, subject: str | None) -> tuple[int, int]:
        """The (line, column) of a subject in the input file."""
        return self.locator(self.subject_path(kind, subject))
