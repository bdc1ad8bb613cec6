"""Configuration files: ``.leadaudit.yaml`` or ``[tool.leadaudit]`` in pyproject.toml,
found upward from the current folder, read and validated with located errors."""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from leadaudit.config.discovery import CONFIG_NAMES as CONFIG_NAMES
from leadaudit.config.discovery import PYPROJECT, Source
from leadaudit.config.discovery import discover as discover
from leadaudit.config.exclude import Exclude, pattern_problem
from leadaudit.errors import InputError, Problem
from leadaudit.findings import FailOn
from leadaudit.importers.toml import load_table
from leadaudit.importers.yaml import load_mapping
from leadaudit.limits import CEILINGS, Limits
from leadaudit.messages import did_you_mean
from leadaudit.model import Frozen, Text
from leadaudit.records import record
from leadaudit.settings import OutputSpec
from leadaudit.source import DocPath, Document
from leadaudit.validation import problems_from

LIMIT_NAMES = ("max_file_size", "max_depth", "max_alias_nodes")


class OutputEntry(Frozen):
    """One output of a check run."""

    format: Text
    """Output format: one of the formats 'leadaudit check --help' lists (text, json, ...)."""
    path: Text | None = None
    """File to write it to, relative to the configuration file; stdout when omitted."""


class LimitsConfig(Frozen):
    """Limits on the work one input file may cause."""

    max_file_size: int | None = Field(default=None, ge=1, le=CEILINGS["max_file_size"])
    """Largest input file, in bytes (at most 1 GiB)."""
    max_depth: int | None = Field(default=None, ge=1, le=CEILINGS["max_depth"])
    """Deepest nesting of YAML mappings and lists (at most 500)."""
    max_alias_nodes: int | None = Field(default=None, ge=0, le=CEILINGS["max_alias_nodes"])
    """Most nodes that YAML aliases may add (at most 1,000,000)."""


class ConfigFile(Frozen):
    """leadaudit configuration (.leadaudit.yaml, or [tool.leadaudit] in pyproject.toml)."""

    framework: Text | None = None
    """Bundled framework name (rec20, statutory) or path to a framework file."""
    fail_on: FailOn | None = None
    """Lowest severity that makes 'leadaudit check' exit 1: error, warning, info or never."""
    outputs: list[OutputEntry] | None = Field(default=None, min_length=1)
    """Outputs of a check run; the command line's --format/--output replace them."""
    waivers: Text | None = None
    """Waivers file, relative to the configuration file."""
    baseline: Text | None = None
    """A result saved with 'leadaudit check --format json', relative to the configuration
    file: check then fails only on findings it does not record."""
    baseline_ref: Text | None = None
    """A git revision (e.g. origin/main) whose org charts are the baseline, instead of
    'baseline'."""
    limits: LimitsConfig | None = None
    """Limits on the work one input file may cause."""
    exclude: list[Text] | None = None
    """Files 'leadaudit check-changed' (the pre-commit hook) passes over, even when named:
    .gitignore-style patterns relative to this file's folder, e.g. drafts/ or *.draft.yaml."""


@record
class LoadedConfig:
    """A configuration file's values (paths already relative to the current folder)."""

    display: str
    values: dict[str, Any]
    sources: dict[str, Source]
    doc: Document


def _display(path: Path) -> str:
    """A found configuration file's name, relative to the working folder where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def _read(path: Path, display: str) -> Document:
    if path.name == PYPROJECT:
        return load_table(path, display, ("tool", "leadaudit"))
    return load_mapping(
        path,
        Limits(),
        display,
        "a configuration file is a mapping of settings, e.g. fail_on: error",
    )


def _inside(base: Path, value: str, doc: Document, at: DocPath, problems: list[Problem]) -> Path:
    """``value`` as a path relative to the configuration file's folder, which it must stay
    inside: a configuration file found upward is not trusted to name files elsewhere."""
    path = base / value
    try:
        path.resolve().relative_to(base.resolve())
    except ValueError:
        problems.append(
            doc.problem(
                at,
                f"'{value}' is outside the configuration file's folder",
                "paths in a configuration file stay inside its folder; give the path on "
                "the command line instead",
            )
        )
    return path


def _outputs(
    cfg: ConfigFile, doc: Document, base: Path, formats: Collection[str], problems: list[Problem]
) -> tuple[OutputSpec, ...]:
    specs = []
    for i, entry in enumerate(cfg.outputs or []):
        if entry.format not in formats:
            problems.append(
                doc.problem(
                    ("outputs", i, "format"),
                    f"unknown output format '{entry.format}'",
                    did_you_mean(entry.format, formats) or "one of: " + ", ".join(formats),
                )
            )
        where: DocPath = ("outputs", i, "path")
        target = _inside(base, entry.path, doc, where, problems) if entry.path else None
        specs.append(OutputSpec(entry.format, target))
    if sum(1 for s in specs if s.path is None) > 1:
        problems.append(
            doc.problem(
                ("outputs",), "more than one output goes to stdout", "give each but one a path"
            )
        )
    return tuple(specs)


def _exclude(patterns: list[str], doc: Document, base: Path, problems: list[Problem]) -> Exclude:
    for i, pattern in enumerate(patterns):
        problem = pattern_problem(pattern)
        if problem is not None:
            problems.append(
                doc.problem(
                    ("exclude", i),
                    problem,
                    "patterns are relative to the configuration file's folder",
                )
            )
    return Exclude.of(base, tuple(p for p in patterns if pattern_problem(p) is None))


def load_config(path: Path, formats: Collection[str]) -> LoadedConfig:
    """Read and validate one configuration file; raises InputError with located problems.

    ``formats`` are the output format names an ``outputs`` entry may use.
    """
    display = _display(path) if path.is_absolute() else str(path)
    doc = _read(path, display)
    try:
        cfg = ConfigFile.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_from(exc, doc, ConfigFile)) from None
    problems: list[Problem] = []
    base = Path(display).parent
    values: dict[str, Any] = {}
    sources: dict[str, Source] = {}

    def note(key: str, path_in_doc: DocPath, value: Any) -> None:
        values[key] = value
        sources[key] = Source("file", display, doc.source_map.locate(path_in_doc)[0])

    if cfg.framework is not None:
        note("framework", ("framework",), cfg.framework)
    if cfg.fail_on is not None:
        note("fail_on", ("fail_on",), cfg.fail_on)
    if cfg.outputs is not None:
        note("outputs", ("outputs",), _outputs(cfg, doc, base, formats, problems))
    if cfg.waivers is not None:
        note("waivers", ("waivers",), _inside(base, cfg.waivers, doc, ("waivers",), problems))
    if cfg.baseline is not None:
        note("baseline", ("baseline",), _inside(base, cfg.baseline, doc, ("baseline",), problems))
    if cfg.baseline_ref is not None:
        note("baseline_ref", ("baseline_ref",), cfg.baseline_ref)
        if cfg.baseline is not None:
            problems.append(
                doc.problem(
                    ("baseline_ref",),
                    "baseline and baseline_ref are both set",
                    "give one: a saved JSON result or a git revision",
                )
            )
    if cfg.framework is not None and ("/" in cfg.framework or "\\" in cfg.framework):
        _inside(base, cfg.framework, doc, ("framework",), problems)
    if cfg.exclude is not None:
        note("exclude", ("exclude",), _exclude(cfg.exclude, doc, base, problems))
    for name in LIMIT_NAMES:
        value = getattr(cfg.limits, name) if cfg.limits is not None else None
        if value is not None:
            note(f"limits.{name}", ("limits", name), value)
    if problems:
        raise InputError(problems)
    return LoadedConfig(display, values, sources, doc)
