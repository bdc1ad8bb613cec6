"""Safe YAML loading: bounded work, exact locations, no implicit typing.

The loader turns YAML into plain ``dict``/``list``/``str``/``None`` values. It walks
PyYAML's event stream (libyaml's C parser when available) iteratively, so there is no
recursion to exhaust, and it refuses the hostile shapes before they cost anything:
oversized files, deep nesting, alias expansion beyond a budget, merge keys, tags,
duplicate keys, several documents, bad encodings and control characters.

Every plain scalar stays a string (``NO``, ``012`` and ``12:30`` are text, not a
boolean or numbers); only ``null``, ``~`` and an empty value mean "nothing". Typing is
left to the pydantic models, which know what each field should be.
"""

from __future__ import annotations

import codecs
import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml import events

from leadaudit.errors import InputError, Problem, format_path
from leadaudit.fastyaml import NULLS as _NULLS
from leadaudit.fastyaml import OutsideFastPathError, fast_read
from leadaudit.limits import Limits

_CParser: Any
try:  # libyaml's parser; the pure-Python one is the fallback
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _CParser = None

DocPath = tuple[str | int, ...]
_Marks = dict[DocPath, tuple[int, int]]


# C0 controls except tab/LF/CR, DEL, C1 controls, line/paragraph separators,
# bidirectional embeddings/overrides/isolates, surrogates and non-characters.
_BAD_CHAR = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)

_PRINTABLE_ONLY = "remove it; text fields take printable characters only"

# Paths up to this length get their position recorded during the fast parse
# (top-level keys, and each post, member and role). Deeper positions are found by a
# second, fully tracked parse, done only when an error or finding needs one.
_TRACK_DEPTH = 2


def describe_char(ch: str) -> str:
    """Name a character for an error message."""
    code = ord(ch)
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        kind = "bidirectional override character"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "surrogate code point"
    else:
        kind = "control character"
    return f"{kind} U+{code:04X}"


# Bytes of ASCII text that leadaudit accepts: tab, line feed, carriage return, printable.
_ASCII_OK = b"\t\n\r" + bytes(range(0x20, 0x7F))


def find_bad_char(text: str) -> re.Match[str] | None:
    """The first character that leadaudit does not accept in text, if any."""
    return _BAD_CHAR.search(text)


class SourceMap:
    """Maps a path in the loaded document to the (line, column) it came from, 1-based.

    ``marks`` hold where each value starts; ``keys`` where the key of a mapping entry
    is written, for problems with the key itself (an unknown field).
    """

    def __init__(
        self,
        marks: _Marks,
        full: Callable[[], SourceMap] | None,
        keys: _Marks | None = None,
    ):
        self._marks = marks
        self._keys = keys
        self._full_loader = full
        self._full: SourceMap | None = None

    def _full_map(self) -> SourceMap:
        assert self._full_loader is not None
        if self._full is None:
            self._full = self._full_loader()
        return self._full

    def locate_key(self, path: DocPath) -> tuple[int, int]:
        """The position of the key that ends ``path``, else that of its value."""
        if self._full_loader is not None and (self._keys is None or len(path) > _TRACK_DEPTH):
            return self._full_map().locate_key(path)
        return (self._keys or {}).get(path) or self.locate(path)

    def locate(self, path: DocPath) -> tuple[int, int]:
        """The position of ``path``, or of its nearest located ancestor."""
        if len(path) > _TRACK_DEPTH and self._full_loader is not None:
            return self._full_map().locate(path)
        probe = path
        while probe:
            found = self._marks.get(probe)
            if found is not None:
                return found
            probe = probe[:-1]
        return (1, 1)


@dataclass(frozen=True)
class Document:
    """A loaded YAML file: its data and where each part of it came from."""

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


def read_bytes(path: Path, limits: Limits, display: str | None = None) -> bytes:
    """Read an input file, refusing oversized or unreadable files with a clear message."""
    name = display or str(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError([Problem(name, None, None, "not a regular file")])
        if size > limits.max_file_size:
            raise InputError(
                [
                    Problem(
                        name,
                        None,
                        None,
                        f"file is {size:,} bytes, over the limit of {limits.max_file_size:,}",
                        hint=f"raise it with {Limits.option_for('max_file_size')}",
                    )
                ]
            )
        with path.open("rb") as handle:
            data = handle.read(limits.max_file_size + 1)
    except FileNotFoundError:
        raise InputError([Problem(name, None, None, "no such file")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, None, None, "is a directory, not a file")]) from None
    except PermissionError:
        raise InputError([Problem(name, None, None, "permission denied")]) from None
    except OSError as exc:
        raise InputError([Problem(name, None, None, f"cannot read: {exc.strerror}")]) from None
    if len(data) > limits.max_file_size:  # grew while we read it
        raise InputError(
            [
                Problem(
                    name,
                    None,
                    None,
                    f"file is over the limit of {limits.max_file_size:,} bytes",
                    hint=f"raise it with {Limits.option_for('max_file_size')}",
                )
            ]
        )
    return data


_BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)


def _sniff_encoding(data: bytes) -> tuple[str, int]:
    """The encoding of ``data`` and the length of its byte-order mark (YAML 1.2, 5.2)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    head = data[:4]
    if len(head) == 4:
        if head[:3] == b"\0\0\0":
            return "utf-32-be", 0
        if head[1:] == b"\0\0\0":
            return "utf-32-le", 0
    if len(head) >= 2:
        if head[0] == 0 and head[1] != 0:
            return "utf-16-be", 0
        if head[0] != 0 and head[1] == 0:
            return "utf-16-le", 0
    return "utf-8", 0


def _line_col_of(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def decode(data: bytes, filename: str) -> str:
    """Decode input bytes (UTF-8, -16 or -32, with or without BOM) to text."""
    encoding, skip = _sniff_encoding(data)
    try:
        text = data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        good = data[skip : skip + exc.start].decode(encoding, errors="replace")
        line, col = _line_col_of(good, len(good))
        bad = data[skip + exc.start : skip + exc.start + 1]
        raise InputError(
            [
                Problem(
                    filename,
                    line,
                    col,
                    f"not valid {encoding.upper()} text (byte 0x{bad.hex()})",
                    hint="save the file as UTF-8",
                )
            ]
        ) from None
    if encoding == "utf-8" and text.isascii() and not data[skip:].translate(None, _ASCII_OK):
        return text  # the common case, checked in C at memory speed
    bad_char = find_bad_char(text)
    if bad_char is not None:
        line, col = _line_col_of(text, bad_char.start())
        raise InputError(
            [
                Problem(
                    filename,
                    line,
                    col,
                    f"{describe_char(bad_char.group())} is not allowed",
                    hint=_PRINTABLE_ONLY,
                )
            ]
        )
    return text


class _PyParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python parser, used when libyaml is not available."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


class _StopError(Exception):
    def __init__(self, line: int, col: int, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.line, self.col, self.message, self.hint = line, col, message, hint


class _Frame:
    __slots__ = ("anchor", "container", "is_map", "key", "key_marks", "path", "weight")

    def __init__(self, container: Any, path: DocPath, anchor: str | None, is_map: bool) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.is_map = is_map
        self.key: str | None = None
        self.key_marks: dict[str, tuple[int, int]] = {}
        self.weight = 1


def _build(parser: Any, limits: Limits, track_depth: int) -> tuple[Any, _Marks, _Marks]:
    """Consume the event stream and build plain data plus value and key position maps."""
    marks: _Marks = {}
    keys: _Marks = {}
    anchors: dict[str, tuple[Any, int]] = {}
    alias_nodes = 0
    stack: list[_Frame] = []
    root: Any = None
    have_root = False
    documents = 0
    max_depth = limits.max_depth
    get_event = parser.get_event
    scalar_cls, map_start, seq_start = (
        events.ScalarEvent,
        events.MappingStartEvent,
        events.SequenceStartEvent,
    )
    map_end, seq_end, alias_cls = events.MappingEndEvent, events.SequenceEndEvent, events.AliasEvent

    def child_path(at: tuple[int, int]) -> DocPath:
        """Path of the node about to be added; records its position when shallow."""
        if not stack:
            return ()
        top = stack[-1]
        if top.is_map:
            if top.key is None:
                raise _StopError(*at, "a mapping or list cannot be used as a key")
            path = (*top.path, top.key)
            if len(path) <= track_depth:
                marks[path] = top.key_marks[top.key]
            return path
        path = (*top.path, len(top.container))
        if len(path) <= track_depth:
            marks[path] = at
        return path

    def add(value: Any, weight: int, at: tuple[int, int]) -> None:
        nonlocal root, have_root
        if not stack:
            root, have_root = value, True
            return
        top = stack[-1]
        top.weight += weight
        if not top.is_map:
            top.container.append(value)
            return
        if top.key is None:
            if not isinstance(value, str) or weight != 1:
                raise _StopError(*at, "a mapping or list cannot be used as a key")
            if value == "<<":
                raise _StopError(
                    *at, "merge keys (<<) are not supported", "write the keys out in full"
                )
            seen = top.key_marks.get(value)
            if seen is not None:
                raise _StopError(
                    *at,
                    f"duplicate key '{value}' (first defined at line {seen[0]}, column {seen[1]})",
                    "each key may appear once in a mapping",
                )
            top.key_marks[value] = at
            if len(top.path) < track_depth:
                entry: DocPath = (*top.path, value)
                keys[entry] = at
            top.key = value
            return
        top.container[top.key] = value
        top.key = None

    while True:
        event = get_event()
        cls = type(event)
        if cls is scalar_cls:
            mark = event.start_mark
            at = (mark.line + 1, mark.column + 1)
            if event.tag is not None:
                raise _StopError(*at, f"tags ({event.tag}) are not supported", "remove the tag")
            value = event.value
            style = event.style
            if (
                not style
                and value in _NULLS
                and not (stack and stack[-1].is_map and stack[-1].key is None)
            ):
                value = None
            elif style == '"':
                bad = find_bad_char(value)
                if bad is not None:
                    raise _StopError(
                        *at,
                        f"{describe_char(bad.group())}, written as an escape, is not allowed",
                        _PRINTABLE_ONLY,
                    )
            if stack and not (stack[-1].is_map and stack[-1].key is None):
                top = stack[-1]
                last: str | int = top.key if top.key is not None else len(top.container)
                path = (*top.path, last)
                if len(path) <= track_depth:
                    marks[path] = at
            if event.anchor is not None:
                anchors[event.anchor] = (value, 1)
            add(value, 1, at)
        elif cls is map_start or cls is seq_start:
            mark = event.start_mark
            at = (mark.line + 1, mark.column + 1)
            if event.tag is not None:
                raise _StopError(*at, f"tags ({event.tag}) are not supported", "remove the tag")
            if len(stack) >= max_depth:
                raise _StopError(
                    *at,
                    f"nesting is deeper than the limit of {max_depth} levels",
                    f"raise it with {Limits.option_for('max_depth')}",
                )
            path = child_path(at)
            if not path and not stack:
                marks[()] = at
            is_map = cls is map_start
            stack.append(_Frame({} if is_map else [], path, event.anchor, is_map))
        elif cls is map_end or cls is seq_end:
            frame = stack.pop()
            if frame.anchor is not None:
                anchors[frame.anchor] = (frame.container, frame.weight)
            mark = event.start_mark
            add(frame.container, frame.weight, (mark.line + 1, mark.column + 1))
        elif cls is alias_cls:
            mark = event.start_mark
            at = (mark.line + 1, mark.column + 1)
            target = anchors.get(event.anchor)
            if target is None:
                raise _StopError(*at, f"unknown alias '*{event.anchor}'", "define the anchor first")
            alias_nodes += target[1]
            if alias_nodes > limits.max_alias_nodes:
                raise _StopError(
                    *at,
                    f"aliases expand to more than {limits.max_alias_nodes:,} nodes",
                    f"raise the limit with {Limits.option_for('max_alias_nodes')}",
                )
            if stack and not (stack[-1].is_map and stack[-1].key is None):
                child_path(at)
            add(target[0], target[1], at)
        elif cls is events.DocumentStartEvent:
            documents += 1
            if documents > 1:
                mark = event.start_mark
                raise _StopError(
                    mark.line + 1,
                    mark.column + 1,
                    "the file holds more than one YAML document",
                    "keep one document per file",
                )
        elif cls is events.StreamEndEvent:
            break
    if not have_root:
        raise _StopError(1, 1, "the file is empty", "an org chart starts with 'leadaudit: 1'")
    return root, marks, keys


def _make_parser(text: str) -> Any:
    return _CParser(text) if _CParser is not None else _PyParser(text)


def _parse(
    text: str, filename: str, limits: Limits, track_depth: int
) -> tuple[Any, _Marks, _Marks]:
    parser = _make_parser(text)
    try:
        return _build(parser, limits, track_depth)
    except _StopError as stop:
        raise InputError(
            [Problem(filename, stop.line, stop.col, stop.message, hint=stop.hint)]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = "invalid YAML: " + (exc.problem or exc.context or "syntax error")
        if exc.context and exc.problem:
            message += f" ({exc.context})"
        line = mark.line + 1 if mark is not None else None
        col = mark.column + 1 if mark is not None else None
        raise InputError([Problem(filename, line, col, message)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(filename, None, None, f"invalid YAML: {exc}")]) from None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()


def _read(
    text: str, filename: str, limits: Limits, checked: bool
) -> tuple[Any, _Marks, _Marks | None]:
    """The fast reader when it can (and the text's characters are known to be fine),
    else the event-based loader. The fast reader records no key positions (None): a
    problem with a key is located by a full parse, done only then."""
    with paused_gc():
        if checked:
            try:
                data, marks = fast_read(text, limits.max_depth, _TRACK_DEPTH)
            except OutsideFastPathError:
                pass
            else:
                return data, marks, None
        return _parse(text, filename, limits, _TRACK_DEPTH)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large acyclic data.

    Loading allocates millions of dicts, lists and strings and frees almost none, which
    makes CPython's collector walk the growing heap again and again (it doubled load
    time at 100,000 posts). Nothing built here forms a cycle, so nothing is lost.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Everything allocated meanwhile would otherwise sit in the youngest generation,
        # and the first collection after this would walk all of it (0.3 s at 100,000
        # posts), then walk it again as it ages. freeze() and unfreeze() move it to the
        # oldest generation in constant time, without a collection; it stays collectable.
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def load_text(text: str, filename: str, limits: Limits | None = None) -> Document:
    """Load YAML text that must hold one mapping."""
    return _load_text(text, filename, limits or Limits(), checked=False)


def _load_text(text: str, filename: str, limits: Limits, checked: bool) -> Document:
    data, marks, keys = _read(text, filename, limits, checked or find_bad_char(text) is None)
    if not isinstance(data, dict):
        kind = (
            "nothing"
            if data is None
            else ("a list" if isinstance(data, list) else "a single value")
        )
        raise InputError(
            [
                Problem(
                    filename,
                    1,
                    1,
                    f"expected a mapping of keys to values at the top of the file, found {kind}",
                    hint="an org chart starts with 'leadaudit: 1'",
                )
            ]
        )

    def full() -> SourceMap:
        with paused_gc():
            _, all_marks, all_keys = _parse(text, filename, limits, 1 << 30)
        return SourceMap(all_marks, None, all_keys)

    return Document(filename, data, SourceMap(marks, full, keys))


def load_bytes(data: bytes, filename: str, limits: Limits | None = None) -> Document:
    """Decode and load YAML bytes that must hold one mapping."""
    limits = limits or Limits()
    if len(data) > limits.max_file_size:
        raise InputError(
            [
                Problem(
                    filename,
                    None,
                    None,
                    f"file is {len(data):,} bytes, over the limit of {limits.max_file_size:,}",
                    hint=f"raise it with {Limits.option_for('max_file_size')}",
                )
            ]
        )
    return _load_text(decode(data, filename), filename, limits, checked=True)


def load_path(path: Path, limits: Limits | None = None, display: str | None = None) -> Document:
    """Read, decode and load a YAML file."""
    limits = limits or Limits()
    name = display or str(path)
    return load_bytes(read_bytes(path, limits, name), name, limits)
