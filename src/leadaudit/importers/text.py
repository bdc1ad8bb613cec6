"""Reading input bytes: size limits, encodings and the characters text may hold."""

from __future__ import annotations

import codecs
import re
from functools import cache
from pathlib import Path

from leadaudit.errors import InputError, Problem
from leadaudit.limits import Limits
from leadaudit.messages import plural


@cache
def _bad_char() -> re.Pattern[str]:
    """C0 controls except tab/LF/CR, DEL, C1 controls, line/paragraph separators,
    bidirectional embeddings/overrides/isolates, surrogates and non-characters (compiled
    on first use: about a millisecond, and plain ASCII input never needs it)."""
    return re.compile(
        "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
        "\ud800-\udfff\ufffe\uffff]"
    )


PRINTABLE_ONLY = "remove it; text fields take printable characters only"
"""The hint of every message about a character leadaudit does not accept."""

# Bytes of ASCII text that leadaudit accepts: tab, line feed, carriage return, printable.
_ASCII_OK = b"\t\n\r" + bytes(range(0x20, 0x7F))


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


def find_bad_char(text: str) -> re.Match[str] | None:
    """The first character that leadaudit does not accept in text, if any."""
    return _bad_char().search(text)


def too_large(filename: str, size: int | None, limits: Limits) -> InputError:
    """The error for a file over ``limits.max_file_size`` (``size`` None: not known exactly)."""
    limit = limits.max_file_size
    if size is not None:
        message = f"file is {size:,} bytes, over the limit of {limit:,}"
    else:
        message = f"file is over the limit of {plural(limit, 'byte')}"
    hint = f"raise it with {Limits.option_for('max_file_size')}"
    return InputError([Problem(filename, None, None, message, hint=hint)])


def read_bytes(path: Path, limits: Limits, display: str | None = None) -> bytes:
    """Read an input file, refusing oversized or unreadable files with a clear message."""
    name = display or str(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError([Problem(name, None, None, "not a regular file")])
        if size > limits.max_file_size:
            raise too_large(name, size, limits)
        with path.open("rb") as handle:
            # never more than the file holds: a huge limit must not allocate a huge buffer
            data = handle.read(min(size, limits.max_file_size) + 1)
    except FileNotFoundError:
        raise InputError([Problem(name, None, None, "no such file")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, None, None, "is a directory, not a file")]) from None
    except PermissionError:
        raise InputError([Problem(name, None, None, "permission denied")]) from None
    except OSError as exc:
        raise InputError([Problem(name, None, None, f"cannot read: {exc.strerror}")]) from None
    if len(data) > limits.max_file_size:  # grew while we read it
        raise too_large(name, None, limits)
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


def line_col_of(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of ``text[index]``."""
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
        line, col = line_col_of(good, len(good))
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
        line, col = line_col_of(text, bad_char.start())
        raise InputError(
            [
                Problem(
                    filename,
                    line,
                    col,
                    f"{describe_char(bad_char.group())} is not allowed",
                    hint=PRINTABLE_ONLY,
                )
            ]
        )
    return text


def read_text(path: Path, limits: Limits, display: str | None = None) -> str:
    """Read and decode an input file."""
    name = display or str(path)
    return decode(read_bytes(path, limits, name), name)
