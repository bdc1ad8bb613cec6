"""Audit a batch into summary rows: the framework loaded once, each chart audited, turned
into its row and let go before the next is loaded, so memory is bounded by the largest
chart rather than the sum. Saved JSON results are read into rows as they are.

A file that fails to load is recorded with its problems and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from leadaudit.errors import InputError, Problem
from leadaudit.league.rows import Row, row_of
from leadaudit.records import record
from leadaudit.settings import Settings

RESULTS_SUFFIX = ".json"
"""Files with this ending are read as saved results (``check --format json``)."""


@record
class Failure:
    """A file of the batch that could not be summarised, and why."""

    file: str
    problems: tuple[Problem, ...]
    omitted: int = 0


@record
class Batch:
    """The rows of the authorities summarised and the files that failed, in input order."""

    rows: tuple[Row, ...]
    failures: tuple[Failure, ...]
    framework: str
    framework_title: str
    framework_version: str


def summarise(files: Sequence[Path], settings: Settings, input_format: str | None) -> Batch:
    """A row for every authority in ``files`` (org charts audited against the settings'
    framework with its waivers; saved results read back), and the failures."""
    from leadaudit.engine import audit
    from leadaudit.framework import load_framework
    from leadaudit.league.saved import saved_rows
    from leadaudit.orgchart import load_orgchart

    framework = load_framework(settings.framework)
    waivers = None
    if settings.use_waivers and settings.waivers is not None:
        from leadaudit.waivers import load_waivers

        waivers = load_waivers(settings.waivers, framework, settings.limits)
    rows: list[Row] = []
    failures: list[Failure] = []
    for path in files:
        try:
            if path.suffix.lower() == RESULTS_SUFFIX and input_format is None:
                rows.extend(saved_rows(path, settings.limits, framework.name))
                continue
            index = load_orgchart(path, framework.capabilities, settings.limits, input_format)
        except InputError as exc:
            failures.append(Failure(str(path), exc.problems, exc.omitted))
            continue
        result = audit(index, framework)
        if waivers is not None:
            from leadaudit.waivers import apply_waivers

            subjects = {*index.posts, *index.members, *index.org.roles}
            result = apply_waivers(result, waivers, settings.today or date.today(), subjects)
        del index  # only the row is kept: the chart and its full result go now
        rows.append(row_of(result))
    return Batch(tuple(rows), tuple(failures), framework.name, framework.title, framework.version)
