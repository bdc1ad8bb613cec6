"""Folders on the command line: the org charts inside them, for ``check``, ``report`` and
``summary``, with a note on stderr of the files passed over (see ``leadaudit.collect``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from leadaudit.collect import Collected, Sniff, chart_sniff, chart_suffixes, collect, passed_note
from leadaudit.settings import Settings


def gather(
    paths: Sequence[Path],
    settings: Settings,
    input_format: str | None,
    extra: tuple[tuple[str, Sniff], ...] = (),
    noun: str = "org chart",
) -> Collected:
    """The inputs among ``paths`` (files as given, folders walked), after saying on stderr
    what the folders held that was passed over; a UsageError when a folder holds none.

    ``extra`` adds file name endings a command reads besides org charts, each with the
    judge of the files found with it (``summary`` reads saved results, ``.json``).
    """
    from leadaudit.cli.exits import err
    from leadaudit.errors import UsageError

    if not any(path.is_dir() for path in paths):
        return Collected(tuple(paths), (), ())  # the common case: nothing to walk
    exclude = settings.exclude.match if settings.exclude is not None else None
    charts = chart_sniff(exclude, input_format, settings.limits)
    judges = dict(extra)

    def sniff(path: Path) -> str | None:
        judge = judges.get(path.suffix.lower())
        if judge is None:
            return charts(path)
        pattern = exclude(path) if exclude is not None else None
        return f"excluded by '{pattern}'" if pattern is not None else judge(path)

    suffixes = tuple(sorted({*chart_suffixes(input_format), *judges}))
    collected = collect(paths, sniff, suffixes)
    note = passed_note(collected, noun)
    if note is not None:
        err(note)
    if collected.empty:
        from leadaudit.sanitize import one_line

        folder = one_line(str(collected.empty[0]))
        endings = ", ".join(suffixes)
        raise UsageError(
            f"{folder}: no {noun} found in this folder (looked for {endings} files, "
            "hidden ones left out)"
        )
    return collected


def chart_files(paths: Sequence[Path], settings: Settings, input_format: str | None) -> list[Path]:
    """The org charts ``check`` and ``report`` audit: files as given, folders walked."""
    return list(gather(paths, settings, input_format).files)
