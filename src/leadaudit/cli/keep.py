"""Keeping the last loaded chart alive until the process ends (see main), without importing
the pipeline: the entry point switches this on before it knows which command runs."""

from __future__ import annotations

from typing import Any

_kept: list[Any] | None = None


def keep_loaded_until_exit() -> None:
    """Keep the last org chart audit_files loads, rather than free it after its audit.

    For the console entry point, which ends the process without tearing it down: freeing
    a large chart's objects one by one would be the last, and wasted, part of the run.
    Earlier charts of a batch are still freed as it goes, so memory stays bounded.
    """
    global _kept
    _kept = []


def keep(chart: Any) -> None:
    """Hold ``chart`` (in place of the one before) when keeping is switched on."""
    if _kept is not None:
        _kept[:] = [chart]
