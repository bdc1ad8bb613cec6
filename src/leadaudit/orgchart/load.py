"""Load an org chart file into a checked OrgIndex, in whichever input format it comes."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from leadaudit.heap import paused_gc
from leadaudit.importers import format_of, importer, load_document
from leadaudit.limits import Limits
from leadaudit.model import OrgChart
from leadaudit.orgchart.build import build_index
from leadaudit.orgchart.index import OrgIndex
from leadaudit.source import Document
from leadaudit.validation import validate


def index_document(doc: Document, capabilities: Collection[str]) -> OrgIndex:
    """Validate a loaded document as an org chart and work out its graph.

    ``capabilities`` are the capability ids the chart may name (a framework's).
    """
    with paused_gc():  # builds one model per post and frees nothing: see paused_gc
        org = validate(OrgChart, doc)
        return build_index(org, doc.filename, capabilities, doc.source_map.locate)


def load_orgchart(
    path: Path,
    capabilities: Collection[str],
    limits: Limits | None = None,
    display: str | None = None,
    input_format: str | None = None,
) -> OrgIndex:
    """Read, validate and index an org chart file; raises InputError with located problems."""
    doc = load_document(path, limits or Limits(), input_format, display)
    return index_document(doc, capabilities)


def load_orgchart_bytes(
    data: bytes,
    filename: str,
    capabilities: Collection[str],
    limits: Limits | None = None,
    input_format: str | None = None,
) -> OrgIndex:
    """The same as load_orgchart, from bytes already in memory."""
    reader = importer(format_of(Path(filename), input_format))
    return index_document(reader.load_bytes(data, filename, limits), capabilities)
