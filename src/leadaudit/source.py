"""What every input format returns: the data, and where each part of it came from."""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import field
from typing import Any

from leadaudit.errors import Problem, format_path
from leadaudit.records import record

DocPath = tuple[str | int, ...]
"""A path into a loaded document, e.g. ``("posts", 3, "reports_to")``."""

Marks = dict[DocPath, tuple[int, int]]
"""Positions (line, column; 1-based) of the paths a reader recorded."""

Items = dict[DocPath, tuple["array[int]", "array[int]"]]
"""Positions of the items of a sequence, by the sequence's path: their lines and columns
in two arrays, item by item. A chart's posts are most of the positions recorded, and two
arrays hold them in a fiftieth of the memory of a tuple key and value each."""

TRACK_DEPTH = 2
"""Paths up to this length get their position recorded by a reader's first pass (top-level
keys, and each post, member and role). Deeper positions come from a second, fully tracked
pass, made only when a message needs one."""


class SourceMap:
    """Maps a path in the loaded document to the (line, column) it came from, 1-based.

    ``marks`` hold where each value starts (``items`` where the items of some sequences
    start, compactly); ``keys`` where the key of a mapping entry is written, for problems
    with the key itself (an unknown field). ``full``, when given, makes a map of every
    path, for paths deeper than ``TRACK_DEPTH``.
    """

    def __init__(
        self,
        marks: Marks,
        full: Callable[[], SourceMap] | None,
        keys: Marks | None = None,
        fallback: tuple[int, int] = (1, 1),
        text: str | None = None,
        items: Items | None = None,
    ) -> None:
        self._marks = marks
        self._items = items
        self._keys = keys
        self._full_loader = full
        self._full: SourceMap | None = None
        self._fallback = fallback
        self._text = text
        self._lines: list[str] | None = None

    def _full_map(self) -> SourceMap:
        assert self._full_loader is not None
        if self._full is None:
            self._full = self._full_loader()
        return self._full

    def _mark(self, path: DocPath) -> tuple[int, int] | None:
        """The recorded position of exactly ``path``, if any."""
        found = self._marks.get(path)
        if found is None and self._items and path and isinstance(path[-1], int):
            arrays = self._items.get(path[:-1])
            if arrays is not None and 0 <= path[-1] < len(arrays[0]):
                return (arrays[0][path[-1]], arrays[1][path[-1]])
        return found

    def _scan_key(self, path: DocPath) -> tuple[int, int] | None:
        """Where the key ending ``path`` is written in the block mapping whose position is
        recorded (a post's keys, say), found by reading the lines of that mapping: a file
        with many unknown keys is not parsed again in full to place each one."""
        if self._text is None or self._full is not None or not isinstance(path[-1], str):
            return None
        start = self._mark(path[:-1])
        if start is None:
            return None
        if self._lines is None:
            self._lines = self._text.split("\n")
        line_no, col = start
        wanted = f"{path[-1]}:"
        for n in range(line_no - 1, min(line_no + 200, len(self._lines))):
            line = self._lines[n]
            body = line[col - 1 :]
            if n >= line_no and line[: col - 1].strip() and not line.lstrip().startswith("#"):
                return None  # left the mapping: this key is not written here
            ends = len(body) == len(wanted) or body[len(wanted) : len(wanted) + 1] in (" ", "\t")
            if line[: col - 1].strip("- ") == "" and body.startswith(wanted) and ends:
                return (n + 1, col)
        return None

    def locate_key(self, path: DocPath) -> tuple[int, int]:
        """The position of the key that ends ``path``, else that of its value."""
        if self._full_loader is not None and (self._keys is None or len(path) > TRACK_DEPTH):
            if len(path) == TRACK_DEPTH + 1:
                found = self._scan_key(path)
                if found is not None:
                    return found
            return self._full_map().locate_key(path)
        return (self._keys or {}).get(path) or self.locate(path)

    def locate(self, path: DocPath) -> tuple[int, int]:
        """The position of ``path``, or of its nearest located ancestor."""
        if len(path) > TRACK_DEPTH and self._full_loader is not None:
            return self._full_map().locate(path)
        probe = path
        while probe:
            found = self._mark(probe)
            if found is not None:
                return found
            probe = probe[:-1]
        return self._fallback


@record
class Document:
    """A loaded input file: its data and where each part of it came from."""

    filename: str
    data: dict[str, Any]
    source_map: SourceMap = field(repr=False)

    def problem(
        self, path: DocPath, message: str, hint: str | None = None, *, at_key: bool = False
    ) -> Problem:
        """A problem located at the value of ``path`` (or, with ``at_key``, at its key)."""
        locate = self.source_map.locate_key if at_key else self.source_map.locate
        line, col = locate(path)
        return Problem(self.filename, line, col, message, format_path(path), hint)
