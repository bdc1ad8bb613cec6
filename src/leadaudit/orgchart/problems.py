"""The problems found while working out an org chart's graph, each located in the file."""

from __future__ import annotations

from collections.abc import Callable

from leadaudit.errors import Problem, format_path
from leadaudit.orgchart.index import Locator


class Problems:
    """Collects located problems so one bad reference does not hide the rest."""

    def __init__(
        self,
        filename: str,
        locator: Locator,
        set_aside: frozenset[str] = frozenset(),
        path_back: Callable[[tuple[str | int, ...]], tuple[str | int, ...]] | None = None,
    ) -> None:
        self.filename = filename
        self.locator = locator
        self.path_back = path_back
        self.items: list[Problem] = []
        self.set_aside = set_aside
        """Ids of posts, members and roles that failed validation and were left out."""

    def add(self, path: tuple[str | int, ...], message: str, hint: str | None = None) -> None:
        """Record a problem at ``path``."""
        line, col = self.locator(path)
        if self.path_back is not None:
            path = self.path_back(path)
        self.items.append(Problem(self.filename, line, col, message, format_path(path), hint))
