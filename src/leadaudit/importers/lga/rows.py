"""The rows of a council's organisation structure read into entries: each post's level,
title, holder, directorate and service, with every bad cell a located problem."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from leadaudit.errors import Problem
from leadaudit.importers.lga.columns import Columns
from leadaudit.importers.table import Row, Table
from leadaudit.records import record

MAX_TEXT = 2000
"""The longest text a chart's titles, names and directorates may hold."""

MAX_LEVEL = 1000
"""The deepest Level read; a larger number is taken for a mistake."""

_NO_VALUE = frozenset({"", "na", "nd", "none", "notapplicable", "notdisclosed", "nil", "null"})
_NO_HOLDER = _NO_VALUE | {"redacted", "vacant", "withheld", "tbc", "unknown"}
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_LEVEL = re.compile(r"(\d{1,7})(?:\.0*)?")


def sentinel(cell: str) -> str:
    """A cell as compared with the sentinels: lower case, letters and digits only."""
    return _NOT_ALNUM.sub("", cell.lower())


def one_line(cell: str) -> str:
    """A cell as a title or name: its whitespace (line breaks too) as single spaces."""
    return " ".join(cell.split())


def value(cell: str) -> str | None:
    """A cell's text, or None when it is blank or says it holds nothing (NA, N/A, N/D)."""
    text = one_line(cell)
    return None if sentinel(text) in _NO_VALUE else text


def holder(cell: str) -> str | None:
    """A Name cell as a holder: None for NA, N/A, N/D, REDACTED, Vacant and blank."""
    text = one_line(cell)
    return None if sentinel(text) in _NO_HOLDER else text


@lru_cache(maxsize=4096)
def area_key(text: str | None) -> str:
    """A directorate or service as compared: case, apostrophes, '&' for 'and' and a
    plural 's' ignored, so 'Children's Services' and 'Childrens Service' meet."""
    if text is None:
        return ""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("&", " and ").replace("'", ""))
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


@record(frozen=False, eq=False)
class Entry:
    """One row read: a post to be."""

    row: Row
    index: int
    """Its place among the posts (0-based, file order)."""
    level: int
    title: str
    holder: str | None
    directorate: str | None
    service: str | None
    area: str = ""
    """The directorate as compared ('' for none)."""
    part: str = ""
    """The service as compared: '' for none, or for one named as the directorate itself
    ('Adults Services' in Adults Services): the directorate as a whole."""
    pid: str = ""

    @cached_property
    def title_key(self) -> str:
        """The title as compared with a service (see ``area_key``)."""
        return area_key(self.title)


def _entry(row: Row, index: int, level: int, title: str, cols: Columns) -> Entry:
    directorate = value(row.get(cols.directorate))
    service = value(row.get(cols.service))
    area = area_key(directorate)
    part = area_key(service)
    return Entry(
        row=row,
        index=index,
        level=level,
        title=title,
        holder=holder(row.get(cols.name)),
        directorate=directorate,
        service=service,
        area=area,
        part="" if part == area else part,
    )


def _level(table: Table, row: Row, col: int, problems: list[Problem]) -> int:
    cell = row.get(col)
    match = _LEVEL.fullmatch(cell.strip())
    if match is None:
        shown = f"'{one_line(cell)[:40]}'" if cell.strip() else "blank"
        message = f"Level is {shown}: it must be a whole number, 1 for the top of the authority"
        problems.append(table.problem(row, col, message))
        return 0
    level = int(match[1])
    if not 1 <= level <= MAX_LEVEL:
        message = f"Level {level}: levels count from 1 (the top) to at most {MAX_LEVEL}"
        problems.append(table.problem(row, col, message))
        return 0
    return level


def read_entries(table: Table, cols: Columns) -> tuple[list[Entry], list[Problem]]:
    """An entry for each row, and the problems of its cells (a bad Level, a blank or
    overlong JobTitle, an overlong Name, Directorate or Service)."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    for row in table.rows:
        level = _level(table, row, cols.level, problems)
        title = one_line(row.get(cols.title))
        if not title or sentinel(title) in _NO_VALUE:
            shown = f"'{title}'" if title else "blank"
            problems.append(
                table.problem(row, cols.title, f"JobTitle is {shown}: a post needs one")
            )
        for col, name in (
            (cols.title, "JobTitle"),
            (cols.name, "Name"),
            (cols.directorate, "Directorate"),
            (cols.service, "Service"),
        ):
            if len(one_line(row.get(col))) > MAX_TEXT:
                message = f"{name} is longer than {MAX_TEXT:,} characters"
                problems.append(table.problem(row, col, message))
        entries.append(_entry(row, len(entries), level, title, cols))
    return entries, problems
