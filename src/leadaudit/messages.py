"""Helpers for messages: the one 'did you mean' hint, short lists of ids, and counts."""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable

_NUMBERED = re.compile(r"([A-Za-z][A-Za-z0-9]*)-0*(\d+)")


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice ``word`` most likely meant, or None when none is close.

    In order: the same letters in another case; a numbered id written with other zero
    padding (``R20-2`` for ``R20-02``); then the nearest spelling, ignoring case.
    """
    options = sorted(set(choices))
    folded: dict[str, str] = {}
    for choice in options:
        folded.setdefault(choice.casefold(), choice)
    key = word.casefold()
    if key in folded and folded[key] != word:
        return folded[key]
    numbered = _NUMBERED.fullmatch(word)
    if numbered:
        prefix, number = numbered[1].casefold(), int(numbered[2])
        for choice in options:
            other = _NUMBERED.fullmatch(choice)
            same = other and other[1].casefold() == prefix and int(other[2]) == number
            if same and choice != word:
                return choice
    matches = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    return folded[matches[0]] if matches else None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A 'did you mean' hint for a misspelt id, or None when nothing is close."""
    match = closest(word, choices)
    return f"did you mean '{match}'?" if match is not None else None


class Suggester:
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
        """The hint for ``word``, or None."""
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


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 rule', '2 rules', '1,450 problems': a count and its noun, agreeing (``nouns`` is
    the plural when adding an s will not do)."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


MAX_LISTED = 5
"""How many ids a message lists before it says 'and N more'."""


def list_some(
    items: list[str], limit: int = MAX_LISTED, last: str = ", ", count: int | None = None
) -> str:
    """'a, b, c' (``last`` before the final item); past ``limit`` items, the first
    ``limit`` and a count of the rest, so a message stays short on a huge chart. With
    ``count``, ``items`` may hold only the first ``limit`` of that many."""
    total = len(items) if count is None else max(count, len(items))
    if total > limit:
        assert len(items) >= limit, "the first `limit` items are needed"
        return f"{', '.join(items[:limit])} and {total - limit:,} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + last + items[-1]
