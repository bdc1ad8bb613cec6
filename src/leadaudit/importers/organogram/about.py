"""What an organogram says about itself: the organisation it is about, and the date its
file's name carries."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import PurePath

from leadaudit.importers.organogram.rows import (
    MAX_TEXT,
    NO_HOLDER,
    SeniorColumns,
    listed,
    one_line,
    plural,
    sentinel,
)
from leadaudit.importers.table import Row, Table

_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DMY_DATE = re.compile(
    r"(?<![0-9A-Za-z])(\d{1,2})[-_ ]+"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[-_ ]+(\d{4})(?!\d)",
    re.IGNORECASE,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def file_date(filename: str) -> str | None:
    """The date a file's name carries (``2011-09-30``, ``30-Sept-2013``), as YYYY-MM-DD."""
    name = PurePath(filename).name
    found: list[tuple[int, int, int]] = [
        (int(m[1]), int(m[2]), int(m[3])) for m in _ISO_DATE.finditer(name)
    ]
    found += [
        (int(m[3]), _MONTHS.index(m[2].lower()[:3]) + 1, int(m[1]))
        for m in _DMY_DATE.finditer(name)
    ]
    for year, month, day in found:
        try:
            return date(year, month, day).isoformat()
        except ValueError:  # '2011-02-30' is no day: look for another
            continue
    return None


def organisation_name(table: Table, cols: SeniorColumns, rows: list[Row]) -> tuple[str, str]:
    """The organisation the file is about (the commonest Organisation, else Parent
    Department, else the file's name), and a note when rows name others."""
    for col in (cols.organisation, cols.parent):
        names = [one_line(r.get(col)) for r in rows]
        named = Counter(n for n in names if sentinel(n) not in NO_HOLDER)
        if named:
            top = max(named, key=lambda n: (named[n], -names.index(n)))
            others = sorted(n for n in named if n != top)
            note = ""
            if others:
                count = sum(named[n] for n in others)
                which = "another organisation" if len(others) == 1 else "other organisations"
                note = (
                    f"{plural(count, 'row')} name{'s' if count == 1 else ''} {which}"
                    f" ({listed(others)}): imported with the rest, under {top}"
                )
            return top[:MAX_TEXT], note
    return PurePath(table.filename).stem or "Organisation", ""
