"""The org chart as a graph: loading, checking references and walking reporting lines."""

from leadaudit.orgchart.build import HEAD_OF_PAID_SERVICE, build_index
from leadaudit.orgchart.index import Locator, OrgIndex, SubjectKind
from leadaudit.orgchart.load import index_document, load_orgchart, load_orgchart_bytes

__all__ = [
    "HEAD_OF_PAID_SERVICE",
    "Locator",
    "OrgIndex",
    "SubjectKind",
    "build_index",
    "index_document",
    "load_orgchart",
    "load_orgchart_bytes",
]
