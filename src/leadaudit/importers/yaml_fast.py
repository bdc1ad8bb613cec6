"""A fast reader for the plain block YAML most org charts use; anything else is declined."""

from __future__ import annotations

import re
import sys
from array import array
from typing import Any

from leadaudit.importers.yaml_folded import KEY, unfold
from leadaudit.source import DocPath, Items, Marks

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
"""Plain scalars that mean 'no value'; every other plain scalar stays text."""

# PyYAML makes Python objects of every parser event (about eight times a json.loads of the
# same data). Most org charts use a small, regular part of YAML: block mappings and
# sequences, one scalar per line, flow lists of ids, comments. The fast reader reads that
# part: one regular expression splits each line into indentation, "- ", key and value (in
# C, a chunk of lines at a time), a short loop builds the data. At the first line outside
# it, it gives up, and the event-based loader (yaml_events.py) reads the file, reporting
# any error at its exact place. What the fast reader accepts it reads to the same data and
# positions as the event loader (tested on the YAML test suite, generated and mutated files).

# What may start a plain scalar: an ASCII letter or digit, one of _(/$+=~, or any
# character from U+00A0 up. It is written as "none of the other characters below U+00A0",
# because a class spanning U+00A0 to U+10FFFF costs the regex compiler about 10 ms at
# every start, and this form a fraction of a millisecond.
_FIRST_STARTERS = frozenset("_(/$+=~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_FIRST = "[^" + "".join(f"\\x{c:02x}" for c in range(0xA0) if chr(c) not in _FIRST_STARTERS) + "]"
_INNER = r"[^\n\[\]{}:#]*[^\s\[\]{}:#]"  # a run that does not end in a space
# A plain scalar: no ": ", no '#' at all, no flow indicators, no trailing space. Plain
# values with '#' ("C#") are read by the event loader instead.
_PLAIN = rf"{_FIRST}(?:{_INNER})?(?::[^\s\[\]{{}}:#](?:{_INNER})?)*"
_ROW = re.compile(
    r"^(?:( *)(- +)?(?:(" + KEY + r")(:(?: +|$)))?"  # indent, "- ", key, ": "
    r"(?:(" + _PLAIN + r")|(\"[^\"\\\n]*\")|('(?:[^'\n]|'')*')|(\[[^\[\]{}#\"'`\n]*\]))?"
    r"(?:(?:(?<= )|^)#.*| +#.*)? *"  # a comment, trailing spaces
    r"|(.+))$"  # anything else
    # After "- key: value", the item's next lines while they are "key: value" and
    # nothing more, as one piece (the run): most lines of an org chart are such.
    r"(?:(?(2)(?(3)(?(5)((?:\n\1  " + KEY + r": (?:" + _PLAIN + r")$)+)|(?!))|(?!))|(?!)))?",
    re.MULTILINE,
)


_FLOW_ITEM = re.compile(r"[A-Za-z0-9_(][A-Za-z0-9_.'()/& \-]*")
_CHUNK = 1 << 16
# A tab on a line that is not a whole-line comment.
_TAB_OUTSIDE_COMMENT = re.compile(r"^(?![ ]*#)[^\n\t]*\t", re.MULTILINE)


class OutsideFastPathError(Exception):
    """The text uses YAML beyond the fast reader's part (not an error in the text)."""


def _flow_items(flow: str, line: int, col: int) -> tuple[list[Any], list[tuple[int, int]]]:
    """The items of a one-line flow list ``[a, b]`` (at ``col``) and their positions."""
    inner = flow[1:-1]
    if not inner.strip(" "):
        return [], []
    items: list[Any] = []
    where: list[tuple[int, int]] = []
    at = col + 1
    for part in inner.split(","):
        item = part.strip(" ")
        if _FLOW_ITEM.fullmatch(item) is None:
            raise OutsideFastPathError
        items.append(None if item in NULLS else item)
        where.append((line, at + len(part) - len(part.lstrip(" "))))
        at += len(part) + 1
    return items, where


def _prepare(text: str, max_depth: int) -> str:
    """The text as the reader reads it: line ends made LF, simple folded scalars made
    one-line quoted values; OutsideFastPathError for what the reader does not take."""
    if "\ufeff" in text or max_depth < 1 or ("\t" in text and _TAB_OUTSIDE_COMMENT.search(text)):
        raise OutsideFastPathError  # a tab in a comment line is fine; anywhere else it is not
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            raise OutsideFastPathError
    if ": >-\n" in text:
        text = unfold(text)
    return text


class _Reader:
    """The state of one read: the open frames and the line being read.

    A frame is an open block mapping or sequence: (indent, container, is_map, depth,
    path); the path is only kept while positions are tracked (depth < track_depth). The
    frame being filled is also kept unpacked (cur_indent, cont, is_map, depth, path), as
    the common line reads it. ``pending`` is a key whose value is on the lines below it."""

    def __init__(self, max_depth: int, track_depth: int) -> None:
        self.max_depth = max_depth
        self.track_depth = track_depth
        self.marks: Marks = {}
        self.items: Items = {}
        self.root: dict[str, Any] = {}
        self.frames: list[tuple[int, Any, bool, int, DocPath]] = []
        self.cur_indent, self.is_map, self.depth = -1, True, 0
        self.cont: Any = self.root
        self.path: DocPath = ()
        self.pending: str | None = None
        self.pending_at = self.empty_at = (0, 0)
        self.started = False
        self.lineno = 0

    def read(self, text: str) -> None:
        """Read every line, a chunk of lines at a time.

        The common line, "key: value" in the mapping being read, is taken right here;
        every other line goes to ``_line``, which does the same for it with all the checks.
        """
        intern = sys.intern
        nulls = NULLS
        findall = _ROW.findall
        track_depth = self.track_depth
        line_of = self._line
        cur_indent, is_map, depth, cont, pending = -1, True, 0, self.cont, None
        lineno = 0
        pos, size = 0, len(text)
        while pos < size:
            end = text.find("\n", pos + _CHUNK)
            end = size if end < 0 else end + 1
            rows = findall(text, pos, end)
            if text[end - 1] == "\n":
                rows.pop()  # the empty match after the chunk's last newline
            pos = end
            for indent_s, dash, key, sep, plain, dq, sq, flow, other, run in rows:
                lineno += 1
                if (
                    plain
                    and key
                    and is_map
                    and pending is None
                    and not dash
                    and len(indent_s) == cur_indent
                    and depth >= track_depth
                ):
                    if key in cont:
                        raise OutsideFastPathError
                    cont[intern(key)] = None if plain[0] in "~nN" and plain in nulls else plain
                    continue
                self.lineno = lineno
                line_of(indent_s, dash, key, sep, plain, dq, sq, flow, other, run)
                lineno = self.lineno
                cur_indent, is_map, depth = self.cur_indent, self.is_map, self.depth
                cont, pending = self.cont, self.pending

    def _line(
        self,
        indent_s: str,
        dash: str,
        key: str,
        sep: str,
        plain: str,
        dq: str,
        sq: str,
        flow: str,
        other: str,
        run: str,
    ) -> None:
        """Any line but the common one: its frame found, then its value added."""
        if other:
            if other == "---" and not self.started and not self.frames:
                self.started = True
                return
            raise OutsideFastPathError
        if not (key or plain or dash or dq or sq or flow):
            return  # blank or comment line
        indent = len(indent_s)
        if not self.frames:
            if indent or dash or not key:
                raise OutsideFastPathError
            self.cur_indent = 0
            self.frames.append((0, self.root, True, 0, ()))
            self.marks[()] = (self.lineno, 1)
        if self.pending is not None:
            self._close_pending(indent, dash, key)
        self._dedent(indent, dash)
        if not self.is_map:
            if not dash:
                raise OutsideFastPathError
            if not key:
                self._sequence_value(indent + len(dash) + 1, plain, dq, sq, flow)
                return
            self._open_item(indent, dash)
        elif dash or not key:
            raise OutsideFastPathError
        self._mapping_value(indent, dash, key, sep, plain, dq, sq, flow, run)

    def _push(self, indent: int, block: Any, is_map: bool) -> None:
        self.cur_indent, self.cont, self.is_map, self.depth = indent, block, is_map, self.depth + 1
        self.frames.append((indent, block, is_map, self.depth, self.path))

    def _close_pending(self, indent: int, dash: str, key: str) -> None:
        """The line after 'key:' decides: a block below it, or no value."""
        pending = self.pending
        assert pending is not None
        self.pending = None
        if indent > self.cur_indent or (dash and indent == self.cur_indent):
            if len(self.frames) >= self.max_depth or not (dash or key):
                raise OutsideFastPathError
            block: Any = [] if dash else {}
            self.cont[pending] = block
            if self.depth < self.track_depth:
                self.path = (*self.path, pending)
                self.marks[self.path] = self.pending_at
            self._push(indent, block, not dash)
        elif self.depth < self.track_depth:
            at_path = (*self.path, pending)
            self.marks[at_path] = self.empty_at

    def _dedent(self, indent: int, dash: str) -> None:
        """Close the frames the line is left of (or, for a sequence, not an item of)."""
        while indent < self.cur_indent or (
            indent == self.cur_indent and not self.is_map and not dash
        ):
            self.frames.pop()
            if not self.frames:
                raise OutsideFastPathError
            self.cur_indent, self.cont, self.is_map, self.depth, self.path = self.frames[-1]
        if indent != self.cur_indent:
            raise OutsideFastPathError

    def _sequence_value(self, col: int, plain: str, dq: str, sq: str, flow: str) -> None:
        """A '- value' item of the sequence being read."""
        cont = self.cont
        if plain:
            cont.append(None if plain in NULLS else plain)
        elif dq:
            cont.append(dq[1:-1])
        elif sq:
            cont.append(sq[1:-1].replace("''", "'"))
        elif flow:
            if len(self.frames) >= self.max_depth:
                raise OutsideFastPathError
            items, where = _flow_items(flow, self.lineno, col)
            cont.append(items)
            if self.depth + 1 < self.track_depth:
                item_path = (*self.path, len(cont) - 1)
                for j, at in enumerate(where):
                    at_path = (*item_path, j)
                    self.marks[at_path] = at
        else:
            raise OutsideFastPathError
        if self.depth < self.track_depth:
            at_path = (*self.path, len(cont) - 1)
            self.marks[at_path] = (self.lineno, col)

    def _open_item(self, indent: int, dash: str) -> None:
        """A '- key: ...' item: a new mapping in the sequence being read."""
        if len(self.frames) >= self.max_depth:
            raise OutsideFastPathError
        item: dict[str, Any] = {}
        self.cont.append(item)
        if self.depth < self.track_depth:
            at = (self.lineno, indent + len(dash) + 1)
            # An item whose contents are not tracked needs no path of its own: its position
            # goes into the sequence's arrays (see Items), unless a scalar item came first.
            arrays = self.items.get(self.path)
            if arrays is None:
                arrays = self.items[self.path] = (array("I"), array("I"))
            lines, cols = arrays
            if self.depth + 1 == self.track_depth and len(lines) == len(self.cont) - 1:
                lines.append(at[0])
                cols.append(at[1])
            else:
                self.path = (*self.path, len(self.cont) - 1)
                self.marks[self.path] = at
        self._push(indent + len(dash), item, True)

    def _mapping_value(
        self,
        indent: int,
        dash: str,
        key: str,
        sep: str,
        plain: str,
        dq: str,
        sq: str,
        flow: str,
        run: str,
    ) -> None:
        """'key: value' (or 'key:' with the value below) in the mapping being read."""
        cont = self.cont
        key_col = indent + len(dash) + 1
        if key in cont:
            raise OutsideFastPathError  # a duplicate key: the event loader reports both places
        key = sys.intern(key)
        tracked = self.depth < self.track_depth
        if plain:
            cont[key] = None if plain in NULLS else plain
        elif dq:
            cont[key] = dq[1:-1]
        elif sq:
            cont[key] = sq[1:-1].replace("''", "'")
        elif flow:
            self._flow_value(key_col, key, sep, flow)
            return
        else:
            cont[key] = None
            self.pending = key
            if tracked:
                self.pending_at = (self.lineno, key_col)
                self.empty_at = (self.lineno, key_col + len(key) + 1)
            return
        if tracked:
            at_path = (*self.path, key)
            self.marks[at_path] = (self.lineno, key_col + len(key) + len(sep))
        if run:
            if len(dash) != 2:
                raise OutsideFastPathError  # the item's keys are not at indent + 2
            self._take_run(run)

    def _flow_value(self, key_col: int, key: str, sep: str, flow: str) -> None:
        """'key: [a, b]': a one-line flow list."""
        if len(self.frames) >= self.max_depth:
            raise OutsideFastPathError
        items, where = _flow_items(flow, self.lineno, key_col + len(key) + len(sep))
        self.cont[key] = items
        if self.depth < self.track_depth:
            at_path = (*self.path, key)
            self.marks[at_path] = (self.lineno, key_col)
            if self.depth + 1 < self.track_depth:
                for j, at in enumerate(where):
                    at_path = (*self.path, key, j)
                    self.marks[at_path] = at

    def _take_run(self, run: str) -> None:
        """The rest of the item just opened, each line the common line, in one piece."""
        cont, cur_indent, nulls = self.cont, self.cur_indent, NULLS
        # Each line is the indent, a key, ": " and a plain scalar, which has no ": " in
        # it: so the keys and values alternate once those are newlines.
        parts = run.replace("\n" + " " * cur_indent, "\n").replace(": ", "\n").split("\n")
        run_keys = parts[1::2]
        run_values = parts[2::2]
        known = len(cont)
        cont.update(zip(map(sys.intern, run_keys), run_values, strict=True))
        if len(cont) != known + len(run_keys):
            raise OutsideFastPathError  # a duplicate key
        if not nulls.isdisjoint(run_values):
            for run_key, value in zip(run_keys, run_values, strict=True):
                if value in nulls:
                    cont[run_key] = None
        if self.depth < self.track_depth:
            for run_line, run_key in enumerate(run_keys, start=self.lineno + 1):
                at_path = (*self.path, run_key)
                self.marks[at_path] = (run_line, cur_indent + len(run_key) + 3)
        self.lineno += len(run_keys)

    def finish(self) -> dict[str, Any]:
        """The data read; OutsideFastPathError when the text held no mapping."""
        if not self.frames:
            raise OutsideFastPathError
        if self.pending is not None and self.depth < self.track_depth:
            at_path = (*self.path, self.pending)
            self.marks[at_path] = self.empty_at
        return self.root


def fast_read_items(
    text: str, max_depth: int, track_depth: int
) -> tuple[dict[str, Any], Marks, Items]:
    """Read block-style YAML within the fast reader's part; raise OutsideFastPathError beyond it.
    Returns the data and the positions of the paths up to ``track_depth`` long (see Items)."""
    reader = _Reader(max_depth, track_depth)
    reader.read(_prepare(text, max_depth))
    root = reader.finish()
    return root, reader.marks, reader.items


def fast_read(text: str, max_depth: int, track_depth: int) -> tuple[dict[str, Any], Marks]:
    """fast_read_items with every position in one ``Marks``, as the event loader gives them."""
    root, marks, items = fast_read_items(text, max_depth, track_depth)
    for path, (lines, cols) in items.items():
        marks.update(((*path, i), at) for i, at in enumerate(zip(lines, cols, strict=True)))
    return root, marks
