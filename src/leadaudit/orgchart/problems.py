"""The problems found while working out an org chart's graph, located in the file."""

from __future__ import annotations

from collections.abc import Callable

from leadaudit.errors import MAX_PROBLEMS, InputError, Problem, format_path
from leadaudit.orgchart.index import Locator
from leadaudit.source import TRACK_DEPTH, DocPath


class Problems:
    """Collects problems so one bad reference does not hide the rest; they are located
    when they are reported, and only as many as a report shows."""

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
        self.items: list[tuple[DocPath, str, str | None]] = []
        """Each problem's path, message and hint, in the order they were found."""
        self.set_aside = set_aside
        """Ids of posts, members and roles that failed validation and were left out."""

    def add(self, path: tuple[str | int, ...], message: str, hint: str | None = None) -> None:
        """Record a problem at ``path``."""
        self.items.append((path, message, hint))

    def error(self) -> InputError:
        """The problems as one error, in file order: the first MAX_PROBLEMS located, and a
        count of the rest.

        A position deeper than a post may mean reading that post again: a chart with a
        problem in each of a million posts would read them all. So the problems are put
        in order by where their post (or the part of the file they are in) starts, which
        the first read recorded, and only the first MAX_PROBLEMS of that order (with any
        in the same part as the last) are located exactly and put in their final order.
        """
        rough = [self.locator(path[:TRACK_DEPTH]) for path, _, _ in self.items]
        order = sorted(range(len(self.items)), key=rough.__getitem__)
        if len(order) > MAX_PROBLEMS:
            cut, last = MAX_PROBLEMS, rough[order[MAX_PROBLEMS - 1]]
            while cut < len(order) and rough[order[cut]] <= last:
                cut += 1
            order = order[:cut]
        located = sorted(
            (self._located(*self.items[k]) for k in order),
            key=lambda p: (p.line or 0, p.col or 0, p.message),
        )[:MAX_PROBLEMS]
        return InputError(located, len(self.items) - len(located))

    def _located(self, path: DocPath, message: str, hint: str | None) -> Problem:
        line, col = self.locator(path)
        if self.path_back is not None:
            path = self.path_back(path)
        return Problem(self.filename, line, col, message, format_path(path), hint)
