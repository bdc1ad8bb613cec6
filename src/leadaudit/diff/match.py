"""Which post of the old chart is which post of the new one.

Posts are matched by id. When either chart was imported from a published CSV, its ids
were generated (from job titles, or from the file's references and lines), so a post can
come back under another id, and another post under its old one. There the passes are: the
same id, title, directorate and level; the same title, directorate and level; the same
title and directorate; the same id (a reference kept through a change of title); the same
title; and a similar title in the same directorate and level. Posts with the same key are
paired in file order. Each pair records how it was matched.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Iterable

from leadaudit.diff.model import MatchedBy
from leadaudit.orgchart import OrgIndex
from leadaudit.records import record

SIMILAR = 0.5
"""The share of words (of both titles together) two titles must have in common to be
taken as the same post retitled."""

MAX_GROUP = 50
"""The most posts left over on either side of one directorate and level whose titles are
compared for similarity; a larger group is left unpaired rather than compared pair by pair."""

_STOP = frozenset({"a", "an", "and", "the", "of", "for", "to", "in", "on", "with"})
_WORD = re.compile(r"[^\W_]+")


@record
class Matching:
    """The posts found in both charts: (old id, new id, how), in the old chart's order."""

    pairs: tuple[tuple[str, str, MatchedBy], ...]
    imported: bool

    def old_to_new(self) -> dict[str, str]:
        """The new id of each old post found again."""
        return {old: new for old, new, _ in self.pairs}


def words(title: str) -> frozenset[str]:
    """The words of a title that tell posts apart: folded, without 'of', 'and' and the like."""
    return frozenset(w for w in _WORD.findall(title.casefold()) if w not in _STOP)


def similarity(a: str, b: str) -> float:
    """The words two titles share, as a share of all the words of both (0 to 1)."""
    left, right = words(a), words(b)
    union = left | right
    return len(left & right) / len(union) if union else 0.0


class _Pairing:
    """The posts still unmatched on each side, and the pairs made so far."""

    def __init__(self, old: OrgIndex, new: OrgIndex) -> None:
        self.old, self.new = old, new
        self.old_left: dict[str, None] = dict.fromkeys(old.posts)  # ordered sets
        self.new_left: dict[str, None] = dict.fromkeys(new.posts)
        self.found: dict[str, tuple[str, MatchedBy]] = {}

    def pair(self, old_id: str, new_id: str, by: MatchedBy) -> None:
        del self.old_left[old_id], self.new_left[new_id]
        self.found[old_id] = (new_id, by)

    def by_id(self, same: Callable[[str], bool] | None = None) -> None:
        """Pair posts with the same id (and for which ``same`` holds, if given)."""
        for pid in list(self.old_left):
            if pid in self.new_left and (same is None or same(pid)):
                self.pair(pid, pid, MatchedBy.id)

    def by_key(self, key: Callable[[OrgIndex, str], Hashable], by: MatchedBy) -> None:
        """Pair posts left over whose keys are equal, in file order on both sides."""
        waiting: dict[Hashable, deque[str]] = defaultdict(deque)
        for pid in self.new_left:
            waiting[key(self.new, pid)].append(pid)
        for pid in list(self.old_left):
            queue = waiting.get(key(self.old, pid))
            if queue:
                self.pair(pid, queue.popleft(), by)

    def by_similar_title(self) -> None:
        """Pair posts left over in the same directorate and level whose titles share most
        of their words, the most alike first."""
        groups: dict[Hashable, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        for pid in self.old_left:
            groups[_place(self.old, pid)][0].append(pid)
        for pid in self.new_left:
            groups[_place(self.new, pid)][1].append(pid)
        for olds, news in groups.values():
            if not olds or not news or len(olds) > MAX_GROUP or len(news) > MAX_GROUP:
                continue
            scored = [
                (-score, i, j)
                for i, o in enumerate(olds)
                for j, n in enumerate(news)
                if (score := similarity(self.old.posts[o].title, self.new.posts[n].title))
                >= SIMILAR
            ]
            for _, i, j in sorted(scored):
                if olds[i] in self.old_left and news[j] in self.new_left:
                    self.pair(olds[i], news[j], MatchedBy.similar_title)


def _folded(text: str | None) -> str:
    return " ".join(text.casefold().split()) if text else ""


def _place(org: OrgIndex, pid: str) -> tuple[str, int]:
    """A post's directorate (folded) and level."""
    return (_folded(org.directorate(pid)), org.depth.get(pid, 0))


def _title_place(org: OrgIndex, pid: str) -> tuple[str, str, int]:
    return (_folded(org.posts[pid].title), *_place(org, pid))


def _title_directorate(org: OrgIndex, pid: str) -> tuple[str, str]:
    return (_folded(org.posts[pid].title), _folded(org.directorate(pid)))


def _title(org: OrgIndex, pid: str) -> str:
    return _folded(org.posts[pid].title)


def match_posts(old: OrgIndex, new: OrgIndex) -> Matching:
    """Pair the posts of two charts: by id, and for imported charts by title too."""
    imported = old.org.imported_from is not None or new.org.imported_from is not None
    state = _Pairing(old, new)
    if not imported:
        state.by_id()
    else:
        # Generated ids follow titles and file order: the same title in the same place
        # tells a post better than an id that a row inserted above it can shift.
        state.by_id(lambda pid: _title_place(old, pid) == _title_place(new, pid))
        state.by_key(_title_place, MatchedBy.title_directorate_level)
        state.by_key(_title_directorate, MatchedBy.title_directorate)
        state.by_id()  # a reference kept through a change of title (organograms)
        state.by_key(_title, MatchedBy.title_only)
        state.by_similar_title()
    pairs = tuple((o, *state.found[o]) for o in old.posts if o in state.found)
    return Matching(pairs, imported)


def unmatched(ids: Iterable[str], matched: Iterable[str]) -> list[str]:
    """The ids not among ``matched``, in their order."""
    taken = set(matched)
    return [pid for pid in ids if pid not in taken]
