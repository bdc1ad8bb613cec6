"""What every input format returns: the data, and where each part of it came from."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import field
from functools import cache
from itertools import accumulate
from typing import Any

from leadaudit.errors import InputError, Problem, format_path
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
keys, and each post, member and role). Deeper positions come from reading the part they
lie in (a post, say) again, fully tracked, else from a fully tracked pass over the whole
file, made only when a message needs one."""

PartReader = Callable[[str], tuple[Marks, Marks]]
"""Reads a part of a file on its own, every position tracked: its value and key marks,
relative to the part; an InputError when the part does not read alone."""


@cache
def _block_prefix() -> re.Pattern[str]:
    """What may stand before a part on its first line: indentation and block sequence
    dashes (compiled when a part is first read)."""
    return re.compile(r"(?: *- +)* *")


_PART_LINES = 2000
"""Most lines a part is read alone in; a longer one is left to the pass over the file."""


class TextLines:
    """Finds where a line of a large text starts without splitting it all into lines:
    its newlines are counted once, a block at a time, in C."""

    BLOCK = 1 << 16

    def __init__(self, text: str) -> None:
        self.text = text
        self._ends: list[int] | None = None
        """Newlines up to the end of each block, counted from the start of the text."""

    def start(self, line_no: int) -> int | None:
        """The offset where 1-based line ``line_no`` starts; None past the last line."""
        text, block = self.text, self.BLOCK
        if self._ends is None:
            counts = (text.count("\n", i, i + block) for i in range(0, len(text), block))
            self._ends = list(accumulate(counts))
        before = line_no - 1  # the newlines before the line
        at = bisect_left(self._ends, before)
        if line_no < 1 or (before and at >= len(self._ends)):
            return None
        # the first offset in the block with the newlines wanted before it: a binary search
        # of counts made in C, so a block of blank lines costs no more than any other
        lo, hi = at * block, min(len(text), (at + 1) * block)
        wanted, start = before - (self._ends[at - 1] if at else 0), lo
        while lo < hi:
            mid = (lo + hi) // 2
            if text.count("\n", start, mid) >= wanted:
                hi = mid
            else:
                lo = mid + 1
        return lo

    def lines_from(self, line_no: int) -> Iterator[str]:
        """The lines of the text from 1-based ``line_no`` on, without their newlines."""
        text = self.text
        pos = self.start(line_no)
        while pos is not None:
            end = text.find("\n", pos)
            yield text[pos:] if end < 0 else text[pos:end]
            pos = None if end < 0 else end + 1

    def part(self, line_no: int, col: int) -> str | None:
        """The text of the block value that starts at (line_no, col): its first line from
        ``col`` (what is left of it blanked, so columns stay put), then the lines below
        indented at least as far, or blank, or comments. None when it runs too long, or
        starts inside a flow collection."""
        text = self.text
        start = self.start(line_no)
        if start is None or col < 2:
            return None  # a value at the margin runs to the end of the file
        first_end = text.find("\n", start)
        first = text[start:] if first_end < 0 else text[start:first_end]
        if _block_prefix().fullmatch(first, 0, col - 1) is None:
            return None  # inside a flow collection: it does not read alone
        end = len(text)
        if first_end >= 0:
            below = _left_of(col - 1).search(text, first_end + 1)
            end = below.start() - 1 if below is not None else end
        rest = text[first_end:end] if first_end >= 0 else ""
        if rest.count("\n") >= _PART_LINES:
            return None
        return " " * (col - 1) + first[col - 1 :] + rest


@cache
def _left_of(indent: int) -> re.Pattern[str]:
    """A line that ends a part indented ``indent`` spaces: one with fewer spaces before
    content that is not a comment."""
    return re.compile(rf"^ {{0,{indent - 1}}}(?! )(?!#)(?=[^\n]*\S)", re.MULTILINE)


def _past_the_end(text: str, marks: Marks) -> bool:
    """Whether a part read alone placed a value past its last token: an empty value at
    its end is placed where the next token is, which lies outside the part."""
    lines = text.split("\n")
    last = len(lines)
    while last and (not lines[last - 1].strip() or lines[last - 1].lstrip().startswith("#")):
        last -= 1
    if not last:
        return True
    end = (last, len(lines[last - 1]))
    return any(at > end for at in marks.values())


def _rebased(
    head: DocPath, start: tuple[int, int], marks: Marks, keys: Marks
) -> tuple[Marks, Marks]:
    """A part's marks as paths and positions of the whole file. A block value under a key
    is recorded where its key is written, so its part starts with that key (and may run
    on into the keys beside it): only the paths under that key are kept, without it."""
    shift = start[0] - 1
    skip = 1 if keys.get(head[-1:]) == (1, start[1]) else 0

    def rebase(found: Marks) -> Marks:
        return {
            head + p[skip:]: (line + shift, col)
            for p, (line, col) in found.items()
            if p[:skip] == head[len(head) - skip :]
        }

    return rebase(marks), rebase(keys)


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
        part: PartReader | None = None,
    ) -> None:
        self._marks = marks
        self._items = items
        self._keys = keys
        self._full_loader = full
        self._full: SourceMap | None = None
        self._fallback = fallback
        self._text = text
        self._part_reader = part
        self._parts: dict[DocPath, tuple[Marks, Marks] | None] = {}
        self._text_lines: TextLines | None = None

    def _lines(self) -> TextLines | None:
        """The text's lines as a YAML reader counts them, or None when they are not simply
        split at newlines (a carriage return alone, or a Unicode line break, also ends a
        line for YAML): such a file's positions all come from the whole-file read."""
        text = self._text
        if self._text_lines is None and text is not None:
            if ("\r" in text and text.count("\r") != text.count("\r\n")) or any(
                brk in text for brk in ("\x85", "\u2028", "\u2029")
            ):
                self._text = None
                return None
            self._text_lines = TextLines(text)
        return self._text_lines

    def _part(self, path: DocPath) -> tuple[Marks, Marks] | None:
        """The value and key marks of the part ``path`` lies in (its first TRACK_DEPTH
        steps: a post, say), read alone and kept: a problem deep in a post of a large
        file is placed without reading the whole file again. None when the part does not
        read alone (the whole file is read then)."""
        if self._text is None or self._part_reader is None or self._full is not None:
            return None
        head = path[:TRACK_DEPTH]
        if head in self._parts:
            return self._parts[head]
        start, lines = self._mark(head), self._lines()
        text = lines.part(*start) if start is not None and lines is not None else None
        found: tuple[Marks, Marks] | None = None
        if start is not None and text is not None:
            try:
                marks, keys = self._part_reader(text)
            except InputError:
                pass
            else:
                if not _past_the_end(text, marks):
                    found = _rebased(head, start, marks, keys)
        self._parts[head] = found
        return found

    def _deep(self, path: DocPath, at_key: bool) -> tuple[int, int] | None:
        """The position of a path deeper than TRACK_DEPTH (or of its key), from its part."""
        part = self._part(path)
        if part is None:
            return None
        marks, keys = part
        if at_key and path in keys:
            return keys[path]
        probe = path
        while len(probe) > TRACK_DEPTH:
            if probe in marks:
                return marks[probe]
            probe = probe[:-1]
        return marks.get(probe) or self._mark(probe)

    def _key_on_its_line(self, path: DocPath) -> tuple[int, int] | None:
        """Where the key ending a recorded path is written, read off the line its value is
        recorded at: a block value is recorded at its key, and a value on its key's line
        follows 'key: '. None for any other shape (a flow mapping, a quoted key)."""
        at = self._mark(path) if path and isinstance(path[-1], str) else None
        lines = self._lines()
        if at is None or lines is None:
            return None
        line_no, col = at
        line = next(lines.lines_from(line_no), "")
        key = re.escape(str(path[-1]))
        if _block_prefix().fullmatch(line, 0, col - 1) and re.match(
            f"{key}:(?: |\r?$)", line[col - 1 :]
        ):
            return at
        before = re.fullmatch(f"(?: *- +)* *({key}): +", line[: col - 1])
        return (line_no, before.start(1) + 1) if before else None

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

    def locate_key(self, path: DocPath) -> tuple[int, int]:
        """The position of the key that ends ``path``, else that of its value."""
        if self._full_loader is not None and (self._keys is None or len(path) > TRACK_DEPTH):
            if len(path) > TRACK_DEPTH:
                found = self._deep(path, at_key=True)
            else:
                found = self._key_on_its_line(path)
            if found is not None:
                return found
            return self._full_map().locate_key(path)
        return (self._keys or {}).get(path) or self.locate(path)

    def locate(self, path: DocPath) -> tuple[int, int]:
        """The position of ``path``, or of its nearest located ancestor."""
        if len(path) > TRACK_DEPTH and self._full_loader is not None:
            return self._deep(path, at_key=False) or self._full_map().locate(path)
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
