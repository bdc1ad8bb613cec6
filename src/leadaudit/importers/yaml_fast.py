"""A fast reader for the plain block YAML most org charts use; anything else is declined."""

from __future__ import annotations

import re
import sys
from typing import Any

from leadaudit.source import DocPath

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
"""Plain scalars that mean 'no value'; every other plain scalar stays text."""

# PyYAML turns every parser event into Python objects (the event and two marks), which
# costs about eight times a json.loads of the same data before any of it is used. Most org
# charts use a small, regular part of YAML: block mappings and sequences, one scalar per
# line, flow lists of ids, comments. The fast reader handles exactly that part. One regular
# expression splits each line into indentation, "- ", key and value (in C, a chunk of
# lines at a time); a short loop builds the data from those pieces. At the first line
# outside that part it gives up, and the event-based loader in yaml_events.py reads the
# file instead and reports any error with its exact location. Whatever the fast reader
# accepts, it reads to the same data and the same positions as the event-based loader:
# the tests check that on the YAML test suite, on generated documents and on mutated files.

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
_KEY = r"[A-Za-z0-9_][A-Za-z0-9_.\-]*"
_ROW = re.compile(
    r"^(?:( *)(- +)?(?:(" + _KEY + r")(:(?: +|$)))?"  # indent, "- ", key, ": "
    r"(?:(" + _PLAIN + r")|(\"[^\"\\\n]*\")|('(?:[^'\n]|'')*')|(\[[^\[\]{}#\"'`\n]*\]))?"
    r"(?:(?:(?<= )|^)#.*| +#.*)? *"  # a comment, trailing spaces
    r"|(.+))$"  # anything else
    # After "- key: value", the item's next lines while they are "key: value" and
    # nothing more, as one piece (the run): most lines of an org chart are such.
    r"(?:(?(2)(?(3)(?(5)((?:\n\1  " + _KEY + r": (?:" + _PLAIN + r")$)+)|(?!))|(?!))|(?!)))?",
    re.MULTILINE,
)
# A folded block scalar in its simplest form: "key: >-" (a mapping key, no comment), then
# lines all at one deeper indent, none blank or ending in a space, none after it at that
# indent or deeper. YAML reads it as its lines joined by single spaces.
_FOLDED = re.compile(
    r"^( *)(" + _KEY + r"): >-\n"
    r"(\1 +)[^ \n](?:[^\n]*[^ \n])?(?:\n\3[^ \n](?:[^\n]*[^ \n])?)*$"
    r"(?!(?:\n *)*\n\3)",
    re.MULTILINE,
)
_FLOW_ITEM = re.compile(r"[A-Za-z0-9_(][A-Za-z0-9_.'()/& \-]*")
_CHUNK = 1 << 16


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


def _as_quoted(block: re.Match[str]) -> str:
    """A folded block scalar (see _FOLDED) rewritten as a quoted one-line value, with an
    empty line for each line of text, so every later line keeps its number."""
    indent, key, inner = block[1], block[2], block[3]
    lines = block[0].split("\n")[1:]
    value = " ".join(line[len(inner) :] for line in lines)
    if '"' in value or "\\" in value:
        return block[0]  # the quoted form would need escapes: leave it to the event loader
    return f'{indent}{key}: "{value}"' + "\n" * len(lines)


def fast_read(
    text: str, max_depth: int, track_depth: int
) -> tuple[dict[str, Any], dict[DocPath, tuple[int, int]]]:
    """Read block-style YAML within the fast reader's part; raise OutsideFastPathError beyond it.

    A frame is an open block mapping or sequence: (indent, container, is_map, depth,
    path); the path is only kept while positions are tracked (depth < track_depth).
    """
    if "\t" in text or "\ufeff" in text or max_depth < 1:
        raise OutsideFastPathError
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            raise OutsideFastPathError
    if ": >-\n" in text:
        text = _FOLDED.sub(_as_quoted, text)
    marks: dict[DocPath, tuple[int, int]] = {}
    root: dict[str, Any] = {}
    frames: list[tuple[int, Any, bool, int, DocPath]] = []
    cur_indent, is_map, depth = -1, True, 0
    cont: Any = root
    path: DocPath = ()
    pending: str | None = None
    pending_at = empty_at = (0, 0)
    started = False
    intern = sys.intern
    nulls = NULLS
    findall = _ROW.findall
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
                # The common line, "key: value" in the mapping being read: the general
                # path below does the same, with all its checks.
                if key in cont:
                    raise OutsideFastPathError
                cont[intern(key)] = None if plain[0] in "~nN" and plain in nulls else plain
                continue
            if other:
                if other == "---" and not started and not frames:
                    started = True
                    continue
                raise OutsideFastPathError
            if not (key or plain or dash or dq or sq or flow):
                continue  # blank or comment line
            indent = len(indent_s)
            if not frames:
                if indent or dash or not key:
                    raise OutsideFastPathError
                cur_indent = 0
                frames.append((0, root, True, 0, ()))
                marks[()] = (lineno, 1)
            if pending is not None:
                # The line after 'key:' decides: a block below it, or no value.
                if indent > cur_indent or (dash and indent == cur_indent):
                    if len(frames) >= max_depth or not (dash or key):
                        raise OutsideFastPathError
                    block: Any = [] if dash else {}
                    cont[pending] = block
                    if depth < track_depth:
                        path = (*path, pending)
                        marks[path] = pending_at
                    cur_indent, cont, is_map, depth = indent, block, not dash, depth + 1
                    frames.append((cur_indent, cont, is_map, depth, path))
                elif depth < track_depth:
                    at_path = (*path, pending)
                    marks[at_path] = empty_at
                pending = None
            while indent < cur_indent or (indent == cur_indent and not is_map and not dash):
                frames.pop()
                if not frames:
                    raise OutsideFastPathError
                cur_indent, cont, is_map, depth, path = frames[-1]
            if indent != cur_indent:
                raise OutsideFastPathError
            if not is_map:
                if not dash:
                    raise OutsideFastPathError
                if not key:
                    col = indent + len(dash) + 1
                    if plain:
                        cont.append(None if plain in nulls else plain)
                    elif dq:
                        cont.append(dq[1:-1])
                    elif sq:
                        cont.append(sq[1:-1].replace("''", "'"))
                    elif flow:
                        if len(frames) >= max_depth:
                            raise OutsideFastPathError
                        items, where = _flow_items(flow, lineno, col)
                        cont.append(items)
                        if depth + 1 < track_depth:
                            item_path = (*path, len(cont) - 1)
                            for j, at in enumerate(where):
                                at_path = (*item_path, j)
                                marks[at_path] = at
                    else:
                        raise OutsideFastPathError
                    if depth < track_depth:
                        at_path = (*path, len(cont) - 1)
                        marks[at_path] = (lineno, col)
                    continue
                if len(frames) >= max_depth:
                    raise OutsideFastPathError
                item: dict[str, Any] = {}
                cont.append(item)
                if depth < track_depth:
                    path = (*path, len(cont) - 1)
                    marks[path] = (lineno, indent + len(dash) + 1)
                cur_indent, cont, is_map, depth = indent + len(dash), item, True, depth + 1
                frames.append((cur_indent, cont, is_map, depth, path))
            elif dash or not key:
                raise OutsideFastPathError
            if key in cont:
                raise OutsideFastPathError  # a duplicate key: the event loader reports both places
            key = intern(key)
            if plain:
                cont[key] = None if plain in nulls else plain
            elif dq:
                cont[key] = dq[1:-1]
            elif sq:
                cont[key] = sq[1:-1].replace("''", "'")
            elif flow:
                if len(frames) >= max_depth:
                    raise OutsideFastPathError
                key_col = indent + len(dash) + 1
                items, where = _flow_items(flow, lineno, key_col + len(key) + len(sep))
                cont[key] = items
                if depth < track_depth:
                    at_path = (*path, key)
                    marks[at_path] = (lineno, key_col)
                    if depth + 1 < track_depth:
                        for j, at in enumerate(where):
                            at_path = (*path, key, j)
                            marks[at_path] = at
                continue
            else:
                cont[key] = None
                pending = key
                if depth < track_depth:
                    key_col = indent + len(dash) + 1
                    pending_at = (lineno, key_col)
                    empty_at = (lineno, key_col + len(key) + 1)
                continue
            if depth < track_depth:
                at_path = (*path, key)
                marks[at_path] = (lineno, indent + len(dash) + len(key) + len(sep) + 1)
            if run:
                # The rest of the item just opened: each line is the common line above.
                if len(dash) != 2:
                    raise OutsideFastPathError  # the item's keys are not at indent + 2
                # Each line is the indent, a key, ": " and a plain scalar, which has no
                # ": " in it: so the keys and values alternate once those are newlines.
                parts = run.replace("\n" + " " * cur_indent, "\n").replace(": ", "\n").split("\n")
                run_keys = parts[1::2]
                run_values = parts[2::2]
                known = len(cont)
                cont.update(zip(map(intern, run_keys), run_values, strict=True))
                if len(cont) != known + len(run_keys):
                    raise OutsideFastPathError  # a duplicate key
                if not nulls.isdisjoint(run_values):
                    for run_key, value in zip(run_keys, run_values, strict=True):
                        if value in nulls:
                            cont[run_key] = None
                if depth < track_depth:
                    for run_line, run_key in enumerate(run_keys, start=lineno + 1):
                        at_path = (*path, run_key)
                        marks[at_path] = (run_line, cur_indent + len(run_key) + 3)
                lineno += len(run_keys)
    if not frames:
        raise OutsideFastPathError
    if pending is not None and depth < track_depth:
        at_path = (*path, pending)
        marks[at_path] = empty_at
    return root, marks
