"""A data.gov.uk organogram: senior posts with their references and the senior post each
reports to, and optionally the junior-staff file counted under them.

(Being written: the interface below is fixed.)"""

from __future__ import annotations

from leadaudit.importers.capability_map import Mapping
from leadaudit.importers.imported import Imported
from leadaudit.importers.table import Table


def detect(table: Table) -> bool:
    """Whether the header is an organogram's senior-staff one."""
    return table.column("Post Unique Reference") is not None


def is_junior(table: Table) -> bool:
    """Whether the header is an organogram's junior-staff one."""
    return table.column("Reporting Senior Post") is not None


def build(table: Table, data: bytes, mapping: Mapping, junior: Table | None) -> Imported:
    """The chart an organogram describes."""
    raise NotImplementedError
