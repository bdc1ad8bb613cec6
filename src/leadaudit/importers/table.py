"""Reading a published CSV into rows of text cells, each with the line it starts on.

Published files are untidy: a byte order mark, Windows-1252 rather than UTF-8, U+FFFD left
by an earlier bad decode, quoted cells holding line breaks, blank lines, trailing empty
columns. ``read_table`` accepts all of these, says what it noticed, and refuses only what
it cannot read (a file that is not text, or not CSV), with a located message.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import field

from leadaudit.errors import InputError, Problem
from leadaudit.records import record

#: the most columns a published CSV may have before it is refused as not one
MAX_COLUMNS = 500


@record
class Row:
    """One record: its cells (stripped), and the line of the file it starts on (1-based)."""

    line: int
    cells: tuple[str, ...]

    def get(self, index: int | None) -> str:
        """The cell at ``index``, or '' when the row is short or the column absent."""
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index]


@record(frozen=False)
class Table:
    """A CSV file read: its header, its records, and what reading it noticed."""

    filename: str
    header: tuple[str, ...]
    rows: list[Row]
    encoding: str
    notes: list[str] = field(default_factory=list)

    def column(self, *names: str) -> int | None:
        """The index of the first header matching one of ``names`` (see ``header_key``)."""
        keys = [header_key(h) for h in self.header]
        for name in names:
            wanted = header_key(name)
            if wanted in keys:
                return keys.index(wanted)
        return None

    def problem(
        self, row: Row | None, col: int | None, message: str, hint: str | None = None
    ) -> Problem:
        """A problem at a row's line and a column (1-based field number)."""
        line = row.line if row is not None else 1
        return Problem(self.filename, line, None if col is None else col + 1, message, hint=hint)


def header_key(name: str) -> str:
    """A header as compared: case, spaces, punctuation and a '(£)' suffix ignored, so that
    'Grade (or equivalent)', 'grade' and 'GRADE ' meet where a format says they may."""
    return re.sub(r"[^a-z0-9]+", "", name.lower().replace("(£)", ""))


def decode(data: bytes, filename: str) -> tuple[str, str, list[str]]:
    """The text of a CSV file, the encoding it was read as, and notes about it."""
    notes: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text, encoding = data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError as exc:
            problem = Problem(
                filename,
                None,
                None,
                f"not text: byte 0x{data[exc.start]:02x} at offset {exc.start} is neither"
                " UTF-8 nor Windows-1252",
            )
            raise InputError([problem]) from None
        notes.append("read as Windows-1252: the file is not UTF-8")
    if "\ufffd" in text:
        count = text.count("\ufffd")
        notes.append(
            f"{count} U+FFFD replacement character{'s' if count != 1 else ''} left by an earlier"
            " bad decode: the characters they stand for are lost"
        )
    return text, encoding, notes


def read_table(data: bytes, filename: str) -> Table:
    """Read CSV bytes: the first non-blank record is the header; blank records are skipped."""
    text, encoding, notes = decode(data, filename)
    if "\x00" in text:
        raise InputError([Problem(filename, None, None, "not a CSV file: it holds NUL bytes")])
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    header: tuple[str, ...] | None = None
    rows: list[Row] = []
    previous_end = 0  # the reader counts the line a record ends on
    try:
        for record in reader:
            start, previous_end = previous_end + 1, reader.line_num
            cells = tuple(cell.strip() for cell in record)
            if not any(cells):
                continue
            if header is None:
                if len(cells) > MAX_COLUMNS:
                    message = f"{len(cells):,} columns: this is not a published org chart"
                    raise InputError([Problem(filename, start, None, message)])
                header = cells
            else:
                rows.append(Row(start, cells))
    except csv.Error as exc:
        problem = Problem(filename, reader.line_num, None, f"not valid CSV: {exc}")
        raise InputError([problem]) from None
    if header is None:
        raise InputError([Problem(filename, None, None, "the CSV file is empty")])
    width = len(header)
    while width and not header[width - 1] and not any(r.get(width - 1) for r in rows):
        width -= 1
    return Table(filename, header[:width], rows, encoding, notes)
