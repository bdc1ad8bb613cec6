"""Reading a JSON file into a located ``Document``: bounded, decoded as every input is,
duplicate keys and non-numbers refused, and (only when a message needs it) the line and
column of every path, found by scanning the text again."""

from __future__ import annotations

import contextlib
import json
import re
from bisect import bisect_right
from json.decoder import JSONDecoder
from pathlib import Path
from typing import Any

from leadaudit.errors import InputError, Problem
from leadaudit.importers.text import decode, line_col_of, read_bytes
from leadaudit.limits import Limits
from leadaudit.source import DocPath, Document, Marks, SourceMap

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = JSONDecoder()
_SCANSTRING: Any = json.decoder.scanstring  # type: ignore[attr-defined]
_MAX_DEPTH = 200
"""Paths nested deeper than this are located at their nearest shallower ancestor."""


class _DuplicateKeyError(ValueError):
    """A key written twice in one JSON object."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _DuplicateKeyError
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


class _Scanner:
    """Walks JSON text already known to parse, recording where each value and key starts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.marks: Marks = {}
        self.keys: Marks = {}
        self.duplicate: DocPath | None = None
        self._starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def position(self, index: int) -> tuple[int, int]:
        """1-based line and column of ``text[index]``."""
        line = bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1

    def _space(self, pos: int) -> int:
        match = _SPACE.match(self.text, pos)
        return match.end() if match else pos

    def value(self, pos: int, path: DocPath) -> int:
        """Record the value starting at or after ``pos``; the index just past it."""
        pos = self._space(pos)
        if len(path) <= _MAX_DEPTH:
            self.marks[path] = self.position(pos)
        opener = self.text[pos]
        if opener == "{":
            return self._object(pos + 1, path)
        if opener == "[":
            return self._array(pos + 1, path)
        _, end = _DECODER.raw_decode(self.text, pos)
        return int(end)

    def _object(self, pos: int, path: DocPath) -> int:
        seen: set[str] = set()
        pos = self._space(pos)
        if self.text[pos] == "}":
            return pos + 1
        while True:
            pos = self._space(pos)
            start = pos
            key, pos = _SCANSTRING(self.text, pos + 1)
            here = (*path, key)
            if key in seen and self.duplicate is None:
                self.duplicate = here
            seen.add(key)
            if len(here) <= _MAX_DEPTH:
                self.keys[here] = self.position(start)
            pos = self._space(pos) + 1  # the colon
            pos = self._space(self.value(pos, here))
            if self.text[pos] != ",":
                return pos + 1
            pos += 1

    def _array(self, pos: int, path: DocPath) -> int:
        pos = self._space(pos)
        if self.text[pos] == "]":
            return pos + 1
        index = 0
        while True:
            pos = self._space(self.value(pos, (*path, index)))
            if self.text[pos] != ",":
                return pos + 1
            pos += 1
            index += 1


def scan(text: str) -> _Scanner:
    """Every path's position in ``text`` (valid JSON), and the first duplicate key."""
    scanner = _Scanner(text)
    # Past Python's recursion limit, what was recorded still places shallower paths.
    with contextlib.suppress(RecursionError):
        scanner.value(0, ())
    return scanner


def located(document: Document, text: str) -> Document:
    """``document`` with the position of every path, for located messages."""
    scanner = scan(text)
    return Document(document.filename, document.data, SourceMap(scanner.marks, None, scanner.keys))


def load_json(path: Path, limits: Limits, display: str | None = None) -> tuple[Document, str]:
    """A JSON file whose top level is an object, and its text (to locate paths later).

    Every problem is an ``InputError`` with a line and column: bytes that do not decode,
    text that is not JSON, a key written twice, NaN or Infinity, nesting too deep for the
    parser, or a top level that is not an object.
    """
    name = display or str(path)
    text = decode(read_bytes(path, limits, name), name)
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            [Problem(name, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}")]
        ) from None
    except _DuplicateKeyError:
        scanner = scan(text)
        where = scanner.duplicate or ()
        line, col = scanner.keys.get(where, (1, 1))
        key = where[-1] if where else "?"
        message = f"key '{key}' is written twice in one object"
        raise InputError([Problem(name, line, col, message, hint="keep one of them")]) from None
    except RecursionError:
        message = "JSON nested too deeply to read"
        raise InputError([Problem(name, 1, 1, message)]) from None
    except ValueError as exc:  # NaN, Infinity: the hook names the word
        found = re.search(r"-?(?:NaN|Infinity)", text)
        line, col = line_col_of(text, found.start()) if found else (1, 1)
        raise InputError([Problem(name, line, col, f"invalid JSON: {exc}")]) from None
    if not isinstance(data, dict):
        raise InputError([Problem(name, 1, 1, "expected a JSON object at the top level")])
    return Document(name, data, SourceMap({(): (1, 1)}, None)), text
