"""Input formats: each reads a file into a located ``Document``; the registry picks one.

A format is one module with ``load_path(path, limits, display)`` and
``load_bytes(data, filename, limits)``, and one entry in ``FORMATS`` naming the module and
the file name endings it claims. A file's format is
the one given with ``--input-format``, else the one whose suffix its name ends with, else
``DEFAULT``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from leadaudit.errors import UsageError
from leadaudit.limits import Limits
from leadaudit.records import record

if TYPE_CHECKING:
    from leadaudit.source import Document


@record
class InputFormat:
    """One input format: the module that reads it and the file name endings it claims."""

    module: str
    suffixes: tuple[str, ...]
    description: str
    variant: str | None = None
    """For a module that reads several formats: which one (passed to its ``load_path`` and
    ``load_bytes`` as ``variant``). A variant with no suffix is chosen by --input-format."""


#: format name -> how to read it (the module is imported only when a file needs it)
FORMATS: dict[str, InputFormat] = {
    "yaml": InputFormat(
        "leadaudit.importers.yaml", (".yaml", ".yml"), "leadaudit's org chart YAML"
    ),
    "csv": InputFormat(
        "leadaudit.importers.csv_chart",
        (".csv",),
        "a published org chart CSV: lga or organogram, told apart by its header",
    ),
    "lga": InputFormat(
        "leadaudit.importers.csv_chart",
        (),
        "a council's Transparency Code organisation structure CSV",
        variant="lga",
    ),
    "organogram": InputFormat(
        "leadaudit.importers.csv_chart",
        (),
        "a data.gov.uk organogram (senior staff) CSV",
        variant="organogram",
    ),
}

DEFAULT = "yaml"
"""The format of a file whose name ends in no registered suffix."""


class Importer(Protocol):
    """What an input format's module provides."""

    def load_path(self, path: Path, limits: Limits | None, display: str | None) -> Document:
        """Read, decode and load a file."""

    def load_bytes(self, data: bytes, filename: str, limits: Limits | None) -> Document:
        """Load bytes already in memory."""


def format_of(path: Path, given: str | None = None) -> str:
    """The input format of ``path``: ``given`` when set, else by suffix, else DEFAULT."""
    if given is not None:
        if given not in FORMATS:
            from leadaudit.messages import did_you_mean

            hint = did_you_mean(given, FORMATS) or "one of: " + ", ".join(FORMATS)
            raise UsageError(f"--input-format: unknown format '{given}' ({hint})")
        return given
    suffix = path.suffix.lower()
    for name, spec in FORMATS.items():
        if suffix in spec.suffixes:
            return name
    return DEFAULT


def importer(name: str) -> Importer:
    """The module that reads format ``name``; KeyError for an unknown name."""
    module: Importer = importlib.import_module(FORMATS[name].module)
    return module


def load_document(
    path: Path,
    limits: Limits,
    input_format: str | None = None,
    display: str | None = None,
    junior: Path | None = None,
) -> Document:
    """Read an input file with the importer of its format (``junior``: an organogram's
    junior-staff file, read with the senior file ``path``)."""
    name = format_of(path, input_format)
    spec = FORMATS[name]
    if spec.variant is not None or junior is not None:
        if spec.module != "leadaudit.importers.csv_chart":
            raise UsageError(
                f"--junior goes with an organogram's senior-staff CSV, and {display or path} "
                f"is read as {name}"
            )
        from leadaudit.importers import csv_chart

        return csv_chart.load_path(path, limits, display, spec.variant, junior)
    return importer(name).load_path(path, limits, display)
