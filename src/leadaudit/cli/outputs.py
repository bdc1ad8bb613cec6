"""Pairing repeated --format and --output options into the outputs of one run.

Each --output belongs to the --format before it; an --output given before every
--format belongs to the first one. A format without an --output goes to standard
output, and at most one may. Bad combinations are refused before any work is done.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from leadaudit.errors import UsageError
from leadaudit.settings import OutputSpec
from leadaudit.write import check_same

OptionKind = Literal["format", "output"]


def interleave(
    order: Sequence[str], formats: Sequence[str], outputs: Sequence[Path]
) -> list[tuple[OptionKind, str | Path]]:
    """Rebuild the command-line sequence of --format and --output values.

    ``order`` names each occurrence ("format" or "output") as it appeared; when it does
    not account for every value, the formats come first and the outputs pair by position.
    """
    wanted: list[OptionKind] = [
        "format" if k == "format" else "output" for k in order if k in ("format", "output")
    ]
    if wanted.count("format") != len(formats) or wanted.count("output") != len(outputs):
        wanted = []
        for i in range(max(len(formats), len(outputs))):
            if i < len(formats):
                wanted.append("format")
            if i < len(outputs):
                wanted.append("output")
    fmt, out = iter(formats), iter(outputs)
    return [(kind, next(fmt) if kind == "format" else next(out)) for kind in wanted]


def plan_outputs(
    sequence: Sequence[tuple[OptionKind, str | Path]],
    default: str,
    inputs: Sequence[Path] = (),
) -> tuple[OutputSpec, ...]:
    """The outputs of a run, or a UsageError naming what is wrong."""
    specs: list[tuple[str, Path | None]] = []
    leading: list[Path] = []
    for kind, value in sequence:
        if kind == "format":
            specs.append((str(value), None))
        elif not specs:
            leading.append(Path(value))
        elif specs[-1][1] is not None:
            raise UsageError(
                f"--format {specs[-1][0]} has two outputs ({specs[-1][1]} and {value}); "
                "give one --output after each --format"
            )
        else:
            specs[-1] = (specs[-1][0], Path(value))
    if not specs:
        specs.append((default, None))
    if leading:
        if len(leading) > 1 or specs[0][1] is not None:
            raise UsageError(
                "more --output options than --format options; each --output belongs to the "
                "--format before it"
            )
        specs[0] = (specs[0][0], leading[0])
    to_stdout = [fmt for fmt, path in specs if path is None]
    if len(to_stdout) > 1:
        raise UsageError(
            "only one output can go to standard output, but "
            + ", ".join(f"--format {f}" for f in to_stdout)
            + " have no --output; give --output FILE after all but one"
        )
    paths = [(fmt, path) for fmt, path in specs if path is not None]
    for i, (fmt, path) in enumerate(paths):
        for other_fmt, other in paths[:i]:
            if check_same(path, other):
                raise UsageError(
                    f"--format {other_fmt} and --format {fmt} both write to {path}; "
                    "give each output its own file"
                )
        for source in inputs:
            if check_same(path, source):
                raise UsageError(f"--output {path} would overwrite the input file {source}")
    return tuple(OutputSpec(fmt, path) for fmt, path in specs)
