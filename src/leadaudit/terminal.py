"""Laying out text for a terminal of a given width: boxed tables whose ids are never cut
or wrapped, and paragraphs wrapped without breaking a word, an id or a slug.

A table layout that does not fit is refused (``table`` returns None) rather than squeezed,
so each caller can fall back to a layout with fewer columns or to stacked lines.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from leadaudit.records import record

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

MIN_WIDTH = 40
"""The narrowest terminal laid out for: ids and slugs stay whole down to this width."""

DEFAULT_WIDTH = 100
"""The width used when the terminal's cannot be found."""


def wrap(text: str, width: int | None, indent: str = "", hanging: str | None = None) -> list[str]:
    """``text`` as lines at most ``width`` wide, the first starting with ``indent`` and the
    rest with ``hanging`` (by default ``indent``); one line when ``width`` is None.

    Words are never broken, not even at a hyphen, so an id or a slug stays whole; a word
    longer than a line gets a line to itself.
    """
    if width is None:
        return [indent + " ".join(text.split())]
    lines = textwrap.wrap(
        text,
        width,
        initial_indent=indent,
        subsequent_indent=indent if hanging is None else hanging,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return lines or [indent.rstrip()]


def console(width: int, color: bool) -> tuple[Console, io.StringIO]:
    """A rich console ``width`` columns wide that writes into the returned buffer, with
    colour or without; input text is never read as markup, emoji codes or highlights."""
    from rich.console import Console

    buffer = io.StringIO()
    return (
        Console(
            file=buffer,
            width=width,
            force_terminal=color,
            no_color=not color,
            color_system="standard" if color else None,
            highlight=False,
            emoji=False,
            markup=False,
        ),
        buffer,
    )


@record
class Column:
    """How a table column is laid out."""

    header: str
    whole: bool = False
    """Never wrapped (ids, slugs, numbers): as wide as its widest cell."""
    least: int = 0
    """For a wrapping column, the narrowest worth showing; it is never narrower than its
    longest word either."""
    justify: Literal["left", "right"] = "left"


Row = Sequence["Text"] | None
"""A table row's cells; None draws a line between sections."""


def _lines(text: str) -> list[int]:
    from rich.cells import cell_len

    return [cell_len(line) for line in text.splitlines()] or [0]


def _words(text: str) -> list[int]:
    from rich.cells import cell_len

    return [cell_len(word) for word in text.split()] or [0]


def column_widths(columns: Sequence[Column], rows: Sequence[Row], width: int) -> list[int] | None:
    """The content width of each column of a boxed table with padded cells at most
    ``width`` wide, or None when the whole columns and the least width of each wrapping
    column do not fit."""
    texts = [
        [col.header, *(row[i].plain for row in rows if row is not None)]
        for i, col in enumerate(columns)
    ]
    natural = [max(n for text in cells for n in _lines(text)) for cells in texts]
    least = [
        natural[i]
        if col.whole
        else min(natural[i], max(col.least, *(n for text in texts[i] for n in _words(text))))
        for i, col in enumerate(columns)
    ]
    spare = width - (3 * len(columns) + 1) - sum(least)  # borders and a space each side
    if spare < 0:
        return None
    widths = list(least)
    needy = [i for i in range(len(columns)) if widths[i] < natural[i]]
    while spare > 0 and needy:
        share = max(1, spare // len(needy))
        for i in needy:
            grow = min(share, natural[i] - widths[i], spare)
            widths[i] += grow
            spare -= grow
        needy = [i for i in needy if widths[i] < natural[i]]
    return widths


def table(
    columns: Sequence[Column], rows: Sequence[Row], width: int, title: Text | None = None
) -> Table | None:
    """A boxed table of ``rows`` at most ``width`` wide, every cell padded with a space on
    each side; None when it does not fit without cutting or wrapping a whole column."""
    from rich.table import Table

    widths = column_widths(columns, rows, width)
    if widths is None:
        return None
    out = Table(title=title, pad_edge=True, padding=(0, 1))
    for col, col_width in zip(columns, widths, strict=True):
        out.add_column(
            col.header,
            width=col_width,
            no_wrap=col.whole,
            justify=col.justify,
            overflow="fold",
        )
    for row in rows:
        if row is None:
            out.add_section()
        else:
            out.add_row(*row)
    return out
