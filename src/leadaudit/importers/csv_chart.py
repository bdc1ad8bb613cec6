"""Published org chart CSVs as an input format: a council's Transparency Code file (the
LGA "OrganisationStructure" CSV) or a data.gov.uk organogram, told apart by their headers
and imported in memory, so ``check`` and ``report`` read them like a chart written by hand.
Every post is located at the line and field of the CSV it came from."""

from __future__ import annotations

from pathlib import Path

from leadaudit.errors import InputError, Problem
from leadaudit.importers.capability_map import load_mapping
from leadaudit.importers.imported import Imported
from leadaudit.importers.table import Table, read_table
from leadaudit.importers.text import read_bytes
from leadaudit.limits import Limits
from leadaudit.records import record
from leadaudit.source import Document, SourceMap

#: the CSV formats, by the name --input-format and ``import --format`` take
CSV_FORMATS = ("lga", "organogram")


@record
class ImportOptions:
    """What ``leadaudit import`` can say beyond the file itself."""

    fmt: str | None = None
    """lga or organogram; detected from the header when None."""
    junior: Path | None = None
    """An organogram's junior-staff file, attached to the senior posts."""
    columns: Path | None = None
    """A YAML mapping of a council's own headers onto the LGA ones."""
    mapping: Path | None = None
    """A capability mapping file extending or replacing the bundled one."""


def _looks_like_yaml(table: Table) -> bool:
    first = table.header[0] if table.header else ""
    return len(table.header) <= 2 and (
        first.startswith(("leadaudit:", "---", "#")) or ": " in first
    )


def kind_of(table: Table) -> str:
    """What a CSV's header says it is: ``lga`` or ``organogram`` (a chart), ``junior`` (an
    organogram's junior-staff file, read with its senior file) or ``other``. ``detect``
    and ``check-changed``'s sniffing both tell CSVs apart by this."""
    from leadaudit.importers import lga, organogram

    if lga.detect(table):
        return "lga"
    if organogram.detect(table):
        return "organogram"
    return "junior" if organogram.is_junior(table) else "other"


def detect(table: Table) -> str:
    """The format of a CSV from its header; a located error naming the header otherwise."""
    kind = kind_of(table)
    if kind in CSV_FORMATS:
        return kind
    if kind == "junior":
        message = "this is an organogram's junior-staff file: it has no senior posts"
        hint = "give the senior-staff file, with this one as --junior FILE"
    elif _looks_like_yaml(table):
        message = "this looks like a leadaudit YAML chart, not a CSV"
        hint = "name it .yaml, or pass --input-format yaml"
    else:
        shown = ", ".join(h or "(blank)" for h in table.header[:12])
        more = f" and {len(table.header) - 12} more" if len(table.header) > 12 else ""
        message = f"a CSV that is neither a council organisation structure nor an organogram (header: {shown}{more})"
        hint = "map its columns onto the LGA ones with leadaudit import --columns FILE"
    raise InputError([Problem(table.filename, 1, 1, message, hint=hint)])


def import_bytes(data: bytes, filename: str, options: ImportOptions, limits: Limits) -> Imported:
    """Import a published CSV held in memory."""
    from leadaudit.importers import lga, organogram

    table = read_table(data, filename)
    columns = None
    if options.columns is not None and options.fmt in (None, "lga"):
        columns = lga.load_columns(options.columns, limits)
    # the council's own headers are renamed before the format is told from them
    fmt = options.fmt or detect(lga.apply_columns(table, columns) if columns else table)
    mapping = load_mapping(options.mapping, limits)
    if fmt == "lga":
        if options.junior is not None:
            message = (
                "--junior goes with an organogram's senior-staff file, and this is a council"
                " organisation structure CSV"
            )
            hint = "leave --junior out: this file lists every post"
            raise InputError([Problem(filename, 1, 1, message, hint=hint)])
        return lga.build(table, data, mapping, columns)
    junior = None
    if options.junior is not None:
        junior = read_table(read_bytes(options.junior, limits), str(options.junior))
    return organogram.build(table, data, mapping, junior)


def document(imported: Imported, filename: str) -> Document:
    """The imported chart as the loader reads any input."""
    return Document(filename, imported.data, SourceMap(imported.marks, None))


def load_bytes(
    data: bytes,
    filename: str,
    limits: Limits | None = None,
    fmt: str | None = None,
    junior: Path | None = None,
) -> Document:
    """Load a published CSV (the format detected from its header unless given; ``junior``,
    an organogram's junior-staff file read with it)."""
    options = ImportOptions(fmt=fmt, junior=junior)
    return document(import_bytes(data, filename, options, limits or Limits()), filename)


def load_path(
    path: Path,
    limits: Limits | None = None,
    display: str | None = None,
    fmt: str | None = None,
    junior: Path | None = None,
) -> Document:
    """Read and load a published CSV file."""
    limits = limits or Limits()
    name = display or str(path)
    return load_bytes(read_bytes(path, limits, name), name, limits, fmt, junior)
