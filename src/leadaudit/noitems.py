"""The one empty list that every post's omitted list field shares, and that never changes."""

from __future__ import annotations

from typing import Any, NoReturn


class NoItems(list[Any]):
    """The empty list that every post's omitted list field shares, and that refuses to
    change (a post is frozen).

    A chart of 100,000 posts leaves out most of each post's seven list fields: a new empty
    list for each was 690,000 lists, 50 MB, nearly as much as the rest of the posts, and
    the time to make them. A list given in the file, even an empty one, is a list of its own.
    """

    __slots__ = ()

    def __copy__(self) -> NoItems:
        """Itself: it never changes."""
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> NoItems:
        """Itself: it never changes."""
        return self


def _refuse(*_args: object, **_kwargs: object) -> NoReturn:
    raise TypeError("a post's lists cannot change: the post is frozen")


for _change in (
    *("append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse"),
    *("__setitem__", "__delitem__", "__iadd__", "__imul__"),
):
    setattr(NoItems, _change, _refuse)

NO_ITEMS = NoItems()


def no_items() -> list[Any]:
    """The default of a post's list fields: the shared, unchangeable empty list."""
    return NO_ITEMS
