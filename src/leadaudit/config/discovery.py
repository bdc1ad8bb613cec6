"""Finding the configuration file, and where each setting came from: all a run needs when
there is no configuration file, without the models and readers of one (files.py)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

from leadaudit.limits import Limits
from leadaudit.records import record

CONFIG_NAMES = (".leadaudit.yaml", ".leadaudit.yml")
PYPROJECT = "pyproject.toml"


@record
class Source:
    """Where a setting's value came from."""

    kind: Literal["default", "file", "command line"]
    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        if self.kind == "file":
            return f"{self.file}:{self.line}" if self.line else str(self.file)
        return self.kind

    def as_dict(self) -> dict[str, Any]:
        """The source as JSON data."""
        return {"kind": self.kind, "file": self.file, "line": self.line}


# Any header that opens with tool.leadaudit, well formed or not: a malformed one is found,
# and then reported by the TOML reader, rather than passed over for a file further up.
@cache
def _tool_header() -> re.Pattern[bytes]:
    """The header pattern, compiled for the first pyproject.toml met."""
    return re.compile(rb"^[ \t]*\[\[?[ \t]*\"?tool\"?[ \t]*\.[ \t]*\"?leadaudit\b", re.MULTILINE)


def _has_tool_table(path: Path) -> bool:
    """Whether a pyproject.toml has a [tool.leadaudit] table, read a line at a time and no
    further than the size limit: a file over it counts, so reading it reports the size."""
    limit = Limits().max_file_size
    try:
        if path.stat().st_size > limit:
            return True
        with path.open("rb") as handle:
            return any(_tool_header().match(line) for line in handle)
    except OSError:
        return False


def discover(start: Path) -> Path | None:
    """The nearest configuration file from ``start`` upward, or None."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        if (folder / PYPROJECT).is_file() and _has_tool_table(folder / PYPROJECT):
            return folder / PYPROJECT
    return None
