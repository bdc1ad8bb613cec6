"""Rendering and writing the outputs of ``summary``: every format rendered before any file
is written, and a Markdown report's heat map written beside it, all or none."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from leadaudit.errors import UsageError
from leadaudit.write import check_same, check_writable, write_all

if TYPE_CHECKING:
    from leadaudit.league.table import League
    from leadaudit.settings import Settings

HEATMAP_SUFFIX = ".heatmap.svg"


def heatmap_path(report: Path) -> Path:
    """The heat map beside a Markdown report: ``report.md`` -> ``report.heatmap.svg``."""
    return report.with_name(report.stem + HEATMAP_SUFFIX)


def heatmap_targets(settings: Settings, inputs: Sequence[Path]) -> None:
    """Refuse a heat map path that cannot be written, or that another output or an input
    already names, before any work is done."""
    outputs = [spec.path for spec in settings.outputs if spec.path is not None]
    for spec in settings.outputs:
        if spec.format != "markdown" or spec.path is None:
            continue
        target = heatmap_path(spec.path)
        for other in outputs:
            if check_same(target, other):
                raise UsageError(
                    f"{other}: the heat map of the report {spec.path} is written to this "
                    "file; give the output another name"
                )
        check_writable(target, inputs)


def _render(league: League, format_name: str, path: Path | None) -> str:
    if format_name == "markdown":
        from leadaudit.league.markdown import render_markdown

        return render_markdown(league, heatmap_path(path).name if path is not None else None)
    if format_name == "json":
        from leadaudit.league.json_format import render_json

        return render_json(league)
    if format_name == "csv":
        from leadaudit.league.csv_format import render_csv

        return render_csv(league)
    from leadaudit.league.text import render_text

    if path is None:
        from leadaudit.cli.options import terminal

        use_rich, color, width = terminal()
        return render_text(league, width, rich=use_rich, color=color)
    return render_text(league)


def write_outputs(league: League, settings: Settings) -> None:
    """Render every output, write the files (with each report's heat map) all or none,
    then write what goes to stdout."""
    from leadaudit.cli.exits import out, write_stdout

    files: list[tuple[Path, str]] = []
    stdout: tuple[str, str] | None = None
    for spec in settings.outputs:
        text = _render(league, spec.format, spec.path)
        if spec.path is None:
            stdout = (spec.format, text)
            continue
        files.append((spec.path, text))
        if spec.format == "markdown":
            from leadaudit.league.heatmap import render_svg

            files.append((heatmap_path(spec.path), render_svg(league)))
    write_all(files)
    if stdout is not None:
        format_name, text = stdout
        if format_name in ("text", "markdown"):
            out(text)  # no line may start a CI command
        else:
            write_stdout(text)
