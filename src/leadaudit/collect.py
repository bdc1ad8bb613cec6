"""Finding the inputs inside folders named on the command line, in a stable order.

A file named on the command line is taken as it is (``check`` audits every file it is
given). A folder is walked recursively and yields every file whose name ends in a suffix
of the input format registry (``importers.FORMATS``), sorted by path, except:

- hidden files and folders (a name starting with ``.``): ``.leadaudit.yaml``, ``.github/``,
  ``.git/`` and their like are never charts;
- symbolic links, so that a walk never leaves the folder or goes round a loop;
- files the configuration's ``exclude`` patterns match;
- files plainly not org charts (``importers.sniff``): YAML without a top-level
  ``leadaudit: 1`` (a waivers file, a CI workflow, a framework), a CSV with neither
  published header.

Those passed over are counted, with their reasons, so a command can say how many there
were. A file that cannot be read or parsed is kept, so its problem is reported.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from leadaudit.importers import FORMATS
from leadaudit.limits import Limits
from leadaudit.records import record

Sniff = Callable[[Path], "str | None"]
"""Why a file found in a folder is not an input, or None when it is (or may be) one."""


@record
class Passed:
    """A file found in a folder that is not taken as an input, and why."""

    path: Path
    reason: str


@record
class Collected:
    """The inputs, in order, and the files found in folders but passed over."""

    files: tuple[Path, ...]
    passed: tuple[Passed, ...]
    empty: tuple[Path, ...]
    """Folders named on the command line in which no input was found."""


def chart_suffixes(input_format: str | None = None) -> tuple[str, ...]:
    """The file name endings of org charts: those of ``input_format`` when given (or, for a
    format claimed by no ending such as ``lga``, those its module reads), else every
    registered format's."""
    if input_format is None or input_format not in FORMATS:
        chosen = list(FORMATS.values())
    else:
        spec = FORMATS[input_format]
        chosen = (
            [spec] if spec.suffixes else [f for f in FORMATS.values() if f.module == spec.module]
        )
    return tuple(sorted({suffix for spec in chosen for suffix in spec.suffixes}))


def _walk(folder: Path, suffixes: tuple[str, ...]) -> tuple[list[Path], list[Passed]]:
    """Every file below ``folder`` with one of ``suffixes``, hidden entries and links left
    out (links are counted), sorted by the parts of their paths."""
    found: list[Path] = []
    links: list[Passed] = []
    for root, dirs, names in os.walk(folder, onerror=None, followlinks=False):
        here = Path(root)
        for name in list(dirs):
            if name.startswith(".") or (here / name).is_symlink():
                dirs.remove(name)
                if not name.startswith("."):
                    links.append(Passed(here / name, "a symbolic link, not followed"))
        for name in names:
            if name.startswith(".") or not name.lower().endswith(suffixes):
                continue
            path = here / name
            if path.is_symlink():
                links.append(Passed(path, "a symbolic link, not followed"))
            else:
                found.append(path)
    found.sort(key=lambda p: p.relative_to(folder).parts)
    links.sort(key=lambda p: p.path.relative_to(folder).parts)
    return found, links


def collect(
    paths: Sequence[Path],
    sniff: Sniff,
    suffixes: tuple[str, ...],
) -> Collected:
    """The inputs among ``paths``: files as given, folders walked (see the module).

    ``sniff`` judges each file found in a folder; files named outright are not judged.
    A file found twice (named, and inside a named folder) is taken once, where first met.
    """
    files: list[Path] = []
    passed: list[Passed] = []
    empty: list[Path] = []
    seen: set[Path] = set()

    def take(path: Path) -> None:
        key = Path(os.path.normpath(Path.cwd() / path))
        if key not in seen:
            seen.add(key)
            files.append(path)

    for path in paths:
        if not path.is_dir() or path.is_symlink():
            take(path)
            continue
        found, links = _walk(path, suffixes)
        passed.extend(links)
        taken = 0
        for candidate in found:
            reason = sniff(candidate)
            if reason is None:
                take(candidate)
                taken += 1
            else:
                passed.append(Passed(candidate, reason))
        if not taken:
            empty.append(path)
    return Collected(tuple(files), tuple(passed), tuple(empty))


def chart_sniff(
    exclude: Callable[[Path], str | None] | None,
    input_format: str | None,
    limits: Limits,
) -> Sniff:
    """The judge of a file found in a folder: excluded by the configuration, or plainly
    not an org chart (``importers.sniff.not_a_chart``)."""
    from leadaudit.importers.sniff import not_a_chart

    def sniff(path: Path) -> str | None:
        pattern = exclude(path) if exclude is not None else None
        if pattern is not None:
            return f"excluded by '{pattern}'"
        return not_a_chart(path, input_format, limits)

    return sniff


def passed_note(collected: Collected, noun: str = "org chart") -> str | None:
    """One line saying how many files in the folders were passed over, and why (the
    commonest reasons first), or None when none were; ``noun`` names what was found."""
    from collections import Counter

    from leadaudit.messages import plural

    if not collected.passed:
        return None
    reasons = Counter(_reason_kind(p.reason) for p in collected.passed)
    listed = "; ".join(
        f"{count} {kind}" for kind, count in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return (
        f"leadaudit: {plural(len(collected.files), noun)} found; passed over "
        f"{plural(len(collected.passed), 'file')} in the folders given ({listed})"
    )


def _reason_kind(reason: str) -> str:
    """A reason in a few words, for counting: the pattern of an exclude is left out."""
    if reason.startswith("excluded by"):
        return "excluded by the configuration"
    return reason
