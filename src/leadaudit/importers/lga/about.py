"""What an LGA file says about the authority and the date of its data: the name from
OrganisationLabel, the type from OrganisationURI, the date from EffectiveDate."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import PurePath
from typing import Any

from leadaudit.importers.lga.columns import Columns
from leadaudit.importers.lga.rows import MAX_TEXT, value
from leadaudit.importers.table import Table

AUTHORITY_TYPES = {
    "metropolitan-district-council": "metropolitan_borough",
    "london-borough-council": "london_borough",
    "county-council": "county",
    "non-metropolitan-district-council": "district",
    "district-council": "district",
    "unitary-authority": "unitary",
    "combined-authority": "combined_authority",
}
"""The kind of organisation an OrganisationURI names (``.../id/KIND/NAME``) -> type."""

_KIND = re.compile(r"/id/([a-z-]+)/", re.IGNORECASE)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: .*)?")

#: how many differing values a note names
SHOWN = 3


def _counted(table: Table, col: int | None) -> Counter[str]:
    """The values of a column (NA and blanks left out), counted in file order."""
    return Counter(v for row in table.rows if (v := value(row.get(col))) is not None)


def _differ(column: str, counts: Counter[str], taken: str) -> str:
    shown = ", ".join(
        f"'{v}' ({n} row{'s' if n != 1 else ''})" for v, n in counts.most_common(SHOWN)
    )
    more = f" and {len(counts) - SHOWN} more" if len(counts) > SHOWN else ""
    return f"{column} differs between rows: {shown}{more}; the chart takes '{taken}'"


def authority_type(uri: str | None) -> str | None:
    """The authority type an OrganisationURI says, or None when it says none we know."""
    match = _KIND.search(uri or "")
    return AUTHORITY_TYPES.get(match[1].lower()) if match else None


def authority(table: Table, cols: Columns) -> tuple[dict[str, Any], list[str]]:
    """The chart's ``authority`` and notes on how it was read."""
    notes: list[str] = []
    labels = _counted(table, cols.label)
    if labels:
        name = labels.most_common(1)[0][0][:MAX_TEXT]
        if len(labels) > 1:
            notes.append(_differ("OrganisationLabel", labels, name))
    else:
        name = PurePath(table.filename).stem or "the authority"
        notes.append(
            f"no OrganisationLabel: the authority is named '{name}' after the file; set"
            " authority.name"
        )
    uris = _counted(table, cols.uri)
    uri = uris.most_common(1)[0][0] if uris else None
    if len(uris) > 1 and uri is not None:
        notes.append(_differ("OrganisationURI", uris, uri))
    kind = authority_type(uri)
    if kind is None:
        said = f"OrganisationURI '{uri}' does not say it" if uri else "there is no OrganisationURI"
        notes.append(
            f"the authority type is 'other': {said}; set authority.type (county, district,"
            " unitary, metropolitan_borough, london_borough or combined_authority)"
        )
    return {"name": name, "type": kind or "other"}, notes


def _iso(cell: str) -> str:
    """A date as YYYY-MM-DD when it reads as one (2024-07-01, 01/07/2024), else as given."""
    for pattern, order in ((_ISO, (1, 2, 3)), (_DMY, (3, 2, 1))):
        match = pattern.fullmatch(cell)
        if match is not None:
            try:
                return date(*(int(match[i]) for i in order)).isoformat()
            except ValueError:
                return cell
    return cell


def effective_date(table: Table, cols: Columns) -> tuple[str | None, list[str]]:
    """The date of the data (the most common EffectiveDate), and a note when rows differ."""
    counts = Counter(_iso(v) for v in _counted(table, cols.date).elements())
    if not counts:
        return None, []
    taken = counts.most_common(1)[0][0][:MAX_TEXT]
    return taken, [_differ("EffectiveDate", counts, taken)] if len(counts) > 1 else []
