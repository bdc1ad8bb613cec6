"""Telling an org chart from the other YAML and CSV files of a repository without loading
it, for ``check-changed``, which is handed every such file a commit touches.

Only a file that can be read and is plainly something else is passed over: a YAML file
with no top-level ``leadaudit:`` key holding a value (the format version every org chart
starts with), a CSV whose header is neither a council organisation structure's nor an
organogram's. A file that cannot be read, decoded or parsed is kept, so ``check`` reports
what is wrong with it. A GitLab job named ``leadaudit`` is a mapping, not a value, and so
not taken for a chart.
"""

from __future__ import annotations

import re
from pathlib import Path

from leadaudit.errors import InputError
from leadaudit.importers import FORMATS, format_of
from leadaudit.importers.text import decode, read_bytes
from leadaudit.limits import Limits

# ``leadaudit: 1`` at the start of a line: a top-level key with a value on its line. A
# value starting a mapping, a list or a comment (a GitLab job, say) does not count.
_CHART_KEY = re.compile(r"""^(?:leadaudit|"leadaudit"|'leadaudit')[ \t]*:[ \t]+[^\s#{\[]""", re.M)
# A document written in flow style (``{leadaudit: 1, ...}``) cannot be judged by lines.
_FLOW_START = re.compile(r"\A(?:\s*(?:#[^\n]*|---[ \t]*|%[^\n]*)?\n)*\s*\{")


def _yaml_reason(data: bytes, name: str) -> str | None:
    try:
        text = decode(data, name)
    except InputError:
        return None
    if _CHART_KEY.search(text) or _FLOW_START.match(text):
        return None
    return "no top-level 'leadaudit: 1', so not an org chart"


def _csv_reason(data: bytes, name: str) -> str | None:
    from leadaudit.importers.csv_chart import CSV_FORMATS, kind_of
    from leadaudit.importers.table import read_table

    try:
        table = read_table(data, name)
    except InputError:
        return None
    kind = kind_of(table)
    if kind in CSV_FORMATS:
        return None
    if kind == "junior":
        return "an organogram's junior-staff file, read with its senior file"
    return "a CSV with neither a council organisation structure's nor an organogram's header"


def not_a_chart(
    path: Path, input_format: str | None = None, limits: Limits | None = None
) -> str | None:
    """Why ``path`` is plainly not an org chart, or None when it is one or may be.

    ``input_format`` is the one given with --input-format: a CSV format named outright
    (lga, organogram) is taken at its word.
    """
    name = format_of(path, input_format)
    if FORMATS[name].variant is not None:
        return None
    try:
        data = read_bytes(path, limits or Limits())
    except InputError:
        return None
    if name == "csv":
        return _csv_reason(data, str(path))
    return _yaml_reason(data, str(path))
