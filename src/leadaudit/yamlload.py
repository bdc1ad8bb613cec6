"""Safe YAML loading: bounded work, exact locations, no implicit typing.

The loader turns YAML into plain ``dict``/``list``/``str``/``None`` values. It decodes
the bytes itself and refuses oversized files, bad encodings and control characters here;
then the fast reader (fastyaml.py) reads the plain block YAML most files use, and the
event-based loader (yamlevents.py) reads anything else, refusing deep nesting, alias
expansion beyond a budget, merge keys, tags, duplicate keys and several documents
before they cost anything.

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

from leadaudit.errors import InputError, Problem, format_path
from leadaudit.fastyaml import OutsideFastPathError, fast_read
from leadaudit.limits import Limits

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
        from leadaudit.yamlevents import parse_events

        return parse_events(text, filename, limits, _TRACK_DEPTH)


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
            from leadaudit.yamlevents import parse_events

            _, all_marks, all_keys = parse_events(text, filename, limits, 1 << 30)
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
