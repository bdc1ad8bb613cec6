"""Reporting lines inferred from Level, Directorate and Service (the LGA file has no
reports-to column): the rule is told in the package's docstring, and every line says in
words which posts it was chosen from and how sure it is."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import field
from itertools import islice

from leadaudit.importers.lga.rows import Entry
from leadaudit.records import record

HIGH, MEDIUM, LOW = "high", "medium", "low"

NAMED_CANDIDATES = 12
"""How many other candidates an ambiguous line lists; its source counts them all."""

TITLE_SCAN = 1000
"""The largest group of posts whose titles are searched for a service's name: past it, a
title naming a service is no evidence, and the search would cost time in the square of
the file's size."""


@record
class Line:
    """Where an entry's reporting line goes, how sure that is, and from what."""

    parent: Entry
    source: str
    confidence: str
    candidates: list[Entry] = field(default_factory=list)
    """The other posts the line could have gone to (ambiguous when any)."""


class _Group:
    """Posts a line may go to, in file order, with the pick among them worked out once
    (a large group is shared by many lines)."""

    def __init__(self, posts: list[Entry]) -> None:
        self.posts = posts
        self._pick: tuple[Entry, bool] | None = None

    def pick(self) -> tuple[Entry, bool]:
        """The post taken when the evidence leaves all of these: the first covering the
        whole directorate when some do and some do not (True), else the first (False)."""
        if self._pick is None:
            whole = next((e for e in self.posts if not e.part), None)
            mixed = whole is not None and any(e.part for e in self.posts)
            self._pick = (whole, True) if whole is not None and mixed else (self.posts[0], False)
        return self._pick


@record
class _Choice:
    """The posts a line is chosen among, and the evidence that narrowed them."""

    level: int
    group: _Group
    how: str
    """only, same, within, named, same+named, within+named or none."""
    of: int
    """How many posts the evidence had left before a title broke the tie."""


def _names(entry: Entry, part: str) -> bool:
    """Whether a post's title names a service (as whole words)."""
    return f" {part} " in f" {entry.title_key} "


class Lines:
    """The reporting line of each entry, worked out once per directorate, level and
    service (rows alike in all three get the same line)."""

    def __init__(self, entries: list[Entry]) -> None:
        self.top = min(entries, key=lambda e: (e.level, e.index))
        self.base = self.top.level
        self.peers = sum(1 for e in entries if e.level == self.base)
        groups: dict[tuple[str, int], list[Entry]] = defaultdict(list)
        for entry in entries:
            groups[(entry.area, entry.level)].append(entry)
        self.groups = {key: _Group(posts) for key, posts in groups.items()}
        self.levels: dict[str, list[int]] = defaultdict(list)
        for area, level in sorted(groups):
            self.levels[area].append(level)
        self._under_top: dict[str, _Group] = {}
        self._parts: dict[int, dict[str, _Group]] = {}
        self._cache: dict[tuple[str | None, int, str | None], Line] = {}

    def line(self, entry: Entry) -> Line | None:
        """Where ``entry`` reports; None for the top post."""
        if entry is self.top:
            return None
        if entry.level == self.base:
            return Line(
                self.top,
                f"Level {entry.level}, as the top post is: the file has {self.peers} Level"
                f" {self.base} posts, and the first, on line {self.top.row.line}, is taken as"
                " the top",
                LOW,
            )
        key = (entry.directorate, entry.level, entry.service)
        found = self._cache.get(key)
        if found is None:
            found = self._work_out(entry)
            self._cache[key] = found
        return found

    def _pool(self, entry: Entry) -> tuple[int, _Group] | None:
        """The level a line goes up to and the posts there it may go to: the level above
        in the directorate (the top counts in every directorate), else the nearest higher
        level in the directorate; None when the directorate has no post above."""
        if entry.level - 1 == self.base:
            pool = self._under_top.get(entry.area)
            if pool is None:
                own = self.groups.get((entry.area, self.base))
                others = [e for e in own.posts if e is not self.top] if own else []
                pool = self._under_top[entry.area] = _Group([self.top, *others])
            return self.base, pool
        above = [level for level in self.levels[entry.area] if level < entry.level]
        if not above:
            return None
        return above[-1], self.groups[(entry.area, above[-1])]

    def _by_part(self, pool: _Group) -> dict[str, _Group]:
        parts = self._parts.get(id(pool))  # pools live as long as self: ids stay theirs
        if parts is None:
            lists: dict[str, list[Entry]] = defaultdict(list)
            for e in pool.posts:
                lists[e.part].append(e)
            parts = self._parts[id(pool)] = {p: _Group(posts) for p, posts in lists.items()}
        return parts

    def _choose(self, entry: Entry, level: int, pool: _Group) -> _Choice:
        """The posts of ``pool`` the evidence points at: the only one; those with the same
        Service; those whose Service this one's falls within; those whose title names it;
        else all. Among several with the same Service, a title naming it breaks the tie."""
        if len(pool.posts) == 1:
            return _Choice(level, pool, "only", 1)
        part, parts = entry.part, self._by_part(pool)
        found, how = parts.get(part), "same"
        if found is None and part:
            words = part.split(" ")
            prefixes = (" ".join(words[:n]) for n in range(len(words) - 1, 0, -1))
            found, how = next((parts[p] for p in prefixes if p in parts), None), "within"
        if found is None and part and len(pool.posts) <= TITLE_SCAN:
            naming = [e for e in pool.posts if _names(e, part)]
            found, how = (_Group(naming) if naming else None), "named"
        if found is None:
            return _Choice(level, pool, "none", len(pool.posts))
        size = len(found.posts)
        if size > 1 and part and how != "named" and size <= TITLE_SCAN:
            naming = [e for e in found.posts if _names(e, part)]
            if len(naming) == 1:
                return _Choice(level, _Group(naming), how + "+named", size)
        return _Choice(level, found, how, size)

    def _work_out(self, entry: Entry) -> Line:
        where = _where(entry)
        found = self._pool(entry)
        if found is None:
            return Line(
                self.top,
                f"{where}: no post {_of(entry)} at a higher level, so under the top post",
                LOW,
            )
        level, pool = found
        choice = self._choose(entry, level, pool)
        direct = level == entry.level - 1
        of = _of(entry, level == self.base and len(pool.posts) > 1)
        if not direct:
            of += f" (none at Level {entry.level - 1}: the nearest higher level)"
        group = (f"Level {level} post {of}", f"Level {level} posts {of}")
        posts = choice.group.posts
        if posts == [self.top] and level == self.base:
            corporate = "" if entry.directorate else " (a corporate post)"
            return Line(self.top, f"{where}{corporate} under the top post, at Level {level}", HIGH)
        if len(posts) == 1:
            sure = HIGH if direct and choice.how in ("only", "same") else MEDIUM
            return Line(posts[0], f"{where} under {_one(entry, choice, group)}", sure)
        chosen, whole = choice.group.pick()
        taken = "the first covering the whole directorate" if whole else "the first in the file"
        text = (
            f"{where}: {len(posts)} {group[1]}{_qualifier(choice.how, entry)} could be its"
            f" manager; {taken} is taken"
        )
        others = list(islice((e for e in posts if e is not chosen), NAMED_CANDIDATES))
        return Line(chosen, text, LOW, others)


def _where(entry: Entry) -> str:
    """'Level 3 in Children's Services (Service 'Safeguarding')'."""
    where = (
        f"Level {entry.level} in {entry.directorate}"
        if entry.directorate
        else (f"Level {entry.level} with no directorate")
    )
    if entry.service:
        whole = ", the directorate as a whole" if not entry.part else ""
        where += f" (Service '{entry.service}'{whole})"
    return where


def _of(entry: Entry, top_and_own: bool = False) -> str:
    if top_and_own:
        return "(the top post and the directorate's own)"
    return "of the directorate" if entry.directorate else "without a directorate"


def _qualifier(how: str, entry: Entry) -> str:
    """What the posts a line was chosen among have in common, as words."""
    if how == "same":
        return " with the same Service" if entry.part else " covering the whole directorate"
    if how == "within":
        return " whose Service it falls within"
    if how == "named":
        return " whose title names its Service"
    return " (none with the same Service)" if entry.part else ""


def _one(entry: Entry, choice: _Choice, group: tuple[str, str]) -> str:
    """The words for a line to the one post the evidence left (``group``: the posts it
    was chosen among, as one and as several)."""
    one = group[0]
    if choice.how == "only":
        return f"the only {one}"
    base, _, tie = choice.how.partition("+")
    if tie:
        return (
            f"the one of the {choice.of} {group[1]}{_qualifier(base, entry)} whose title names it"
        )
    if base == "within":
        return f"the one {one} whose Service, '{choice.group.posts[0].service}', it falls within"
    text = f"the one {one}{_qualifier(base, entry)}"
    return text + " (none has it as its Service)" if base == "named" else text
