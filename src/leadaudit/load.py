"""Load an org chart file into a checked OrgIndex."""

from __future__ import annotations

from pathlib import Path

from leadaudit.frameworks import Framework
from leadaudit.limits import Limits
from leadaudit.model import OrgChart
from leadaudit.orgchart import OrgIndex, build_index
from leadaudit.validation import validate
from leadaudit.yamlload import Document, load_bytes, load_path, paused_gc


def index_document(doc: Document, framework: Framework) -> OrgIndex:
    """Validate a loaded document as an org chart and work out its graph."""
    with paused_gc():  # builds one model per post and frees nothing: see paused_gc
        org = validate(OrgChart, doc)
        return build_index(org, doc.filename, framework.capabilities, doc.source_map.locate)


def load_orgchart(
    path: Path, framework: Framework, limits: Limits | None = None, display: str | None = None
) -> OrgIndex:
    """Read, validate and index an org chart file; raises InputError with located problems."""
    return index_document(load_path(path, limits, display), framework)


def load_orgchart_bytes(
    data: bytes, filename: str, framework: Framework, limits: Limits | None = None
) -> OrgIndex:
    """The same as load_orgchart, from bytes already in memory."""
    return index_document(load_bytes(data, filename, limits), framework)
