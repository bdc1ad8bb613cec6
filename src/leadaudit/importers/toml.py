"""A located TOML reader: one table of a TOML file (``[tool.leadaudit]``) as a Document."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from leadaudit.errors import InputError, Problem
from leadaudit.importers.text import PRINTABLE_ONLY, describe_char, find_bad_char, read_text
from leadaudit.limits import Limits
from leadaudit.source import DocPath, Document, Marks, SourceMap

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_TABLE = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_\-.\s\"']+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^(\s*)([A-Za-z0-9_\-.\s\"']+?)\s*=")


def _toml_key(text: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in text.split("."))


def table_marks(text: str, table: tuple[str, ...]) -> tuple[Marks, tuple[int, int]]:
    """Line and column of the keys under ``table``, found line by line, and the position
    of the table's header (where a problem with no closer position is reported).

    tomllib keeps no positions; this scan finds table headers and ``key =`` lines, which is
    all a table of settings needs for its messages.
    """
    marks: Marks = {}
    fallback = (1, 1)
    current: DocPath | None = None
    arrays: dict[tuple[str, ...], int] = {}
    depth = len(table)
    for number, raw in enumerate(text.splitlines(), 1):
        header = _TABLE.match(raw)
        if header:
            name = _toml_key(header[2])
            if name[:depth] != table:
                current = None
                continue
            sub = name[depth:]
            if not sub:
                fallback = (number, 1)
                current = ()
            elif header[1] == "[[":
                index = arrays.get(sub, 0)
                arrays[sub] = index + 1
                current = (*sub, index)
                marks.setdefault(sub, (number, 1))
            else:
                current = sub
            marks[current] = (number, 1)
            continue
        key = _KEY.match(raw)
        if key and current is not None:
            marks[current + _toml_key(key[2])] = (number, len(key[1]) + 1)
    return marks, fallback


def _check_strings(data: object, display: str, text: str) -> None:
    """Refuse control, bidi and surrogate characters that TOML escapes (``\\u202e``) put
    into strings, which the check of the file's own characters cannot see."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack += list(item.keys()) + list(item.values())
        elif isinstance(item, list):
            stack += item
        elif isinstance(item, str):
            bad = find_bad_char(item)
            if bad is not None:
                line = next(
                    (
                        n
                        for n, raw in enumerate(text.splitlines(), 1)
                        if "\\u" in raw or "\\U" in raw
                    ),
                    None,
                )
                raise InputError(
                    [
                        Problem(
                            display,
                            line,
                            None,
                            f"{describe_char(bad.group())}, written as an escape, is not allowed",
                            hint=PRINTABLE_ONLY,
                        )
                    ]
                )


def load_table(path: Path, display: str, table: tuple[str, ...]) -> Document:
    """Read a TOML file and return one of its tables, located; a missing table is empty."""
    text = read_text(path, Limits(), display)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError([Problem(display, None, None, f"invalid TOML: {exc}")]) from None
    _check_strings(data, display, text)
    section: object = data
    for part in table:
        section = section.get(part, {}) if isinstance(section, dict) else {}
    marks, fallback = table_marks(text, table)
    if not isinstance(section, dict):
        name = ".".join(table)
        raise InputError([Problem(display, *fallback, f"{name}: expected a table of settings")])
    return Document(display, section, SourceMap(marks, None, fallback=fallback))
