"""A council's Transparency Code organisation structure (the LGA "OrganisationStructure"
CSV): posts by Level, Directorate and Service, with no reports-to column.

(Being written: the interface below is fixed.)"""

from __future__ import annotations

from pathlib import Path

from leadaudit.importers.capability_map import Mapping
from leadaudit.importers.imported import Imported
from leadaudit.importers.table import Table
from leadaudit.limits import Limits


def detect(table: Table) -> bool:
    """Whether the header is (or maps onto) the LGA one."""
    return table.column("JobTitle") is not None and table.column("Level") is not None


def load_columns(path: Path, limits: Limits) -> dict[str, str]:
    """A council's own headers mapped onto the LGA ones, from a small YAML file."""
    raise NotImplementedError


def build(table: Table, data: bytes, mapping: Mapping, columns: dict[str, str] | None) -> Imported:
    """The chart a council's CSV describes."""
    raise NotImplementedError
