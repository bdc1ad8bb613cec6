"""Configuration: a ``.leadaudit.yaml`` (or ``[tool.leadaudit]``) found upward, merged with the command line.

Precedence, highest first: the command line; the file given with ``--config`` or, failing
that, the nearest configuration file from the current folder upward; the defaults.
``--isolated`` ignores configuration files. Paths in a configuration file are relative to
the folder of that file. Every value keeps a record of where it came from, which
``leadaudit config`` shows.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from leadaudit.errors import InputError, Problem, UsageError, did_you_mean
from leadaudit.findings import FailOn
from leadaudit.limits import Limits
from leadaudit.model import Frozen, Text
from leadaudit.settings import OutputSpec, Settings
from leadaudit.validation import problems_from
from leadaudit.yamlload import DocPath, Document, SourceMap, decode, load_text, read_bytes

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_NAMES = (".leadaudit.yaml", ".leadaudit.yml")
PYPROJECT = "pyproject.toml"

#: every setting, in the order ``leadaudit config`` shows them
KEYS = (
    "framework",
    "fail_on",
    "outputs",
    "waivers",
    "use_waivers",
    "today",
    "limits.max_file_size",
    "limits.max_depth",
    "limits.max_alias_nodes",
)


class OutputEntry(Frozen):
    """One output of a check run."""

    format: Text
    """Output format: one of the formats 'leadaudit check --help' lists (text, json, ...)."""
    path: Text | None = None
    """File to write it to, relative to the configuration file; stdout when omitted."""


class LimitsConfig(Frozen):
    """Limits on the work one input file may cause."""

    max_file_size: int | None = Field(default=None, ge=1)
    """Largest input file, in bytes."""
    max_depth: int | None = Field(default=None, ge=1)
    """Deepest nesting of YAML mappings and lists."""
    max_alias_nodes: int | None = Field(default=None, ge=0)
    """Most nodes that YAML aliases may add."""


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
    limits: LimitsConfig | None = None
    """Limits on the work one input file may cause."""


@dataclass(frozen=True)
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
        return {"kind": self.kind, "file": self.file, "line": self.line}


@dataclass(frozen=True)
class Provenance:
    """The configuration file used (if any), how it was found, and each value's source."""

    config_file: str | None
    how: str
    sources: dict[str, Source] = field(default_factory=dict)


@dataclass(frozen=True)
class _Loaded:
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


_TOOL_HEADER = re.compile(r"^\s*\[\[?\s*tool\s*\.\s*leadaudit\s*[.\]]", re.MULTILINE)


def _has_tool_table(path: Path) -> bool:
    """Whether a pyproject.toml has a [tool.leadaudit] table (without parsing the rest)."""
    try:
        return bool(_TOOL_HEADER.search(path.read_text(encoding="utf-8", errors="replace")))
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


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


_ORG_CHART_HINT = "an org chart starts with 'leadaudit: 1'"


def load_mapping(path: Path, limits: Limits, display: str, hint: str) -> Document:
    """A YAML file of settings: nothing but comments means an empty mapping.

    The loader's hint about the top of a file speaks of org charts; ``hint`` replaces it.
    """
    text = decode(read_bytes(path, limits, display), display)
    if _only_comments(text):
        return Document(display, {}, SourceMap({}, None))
    try:
        return load_text(text, display, limits)
    except InputError as exc:
        raise InputError(
            replace(p, hint=hint) if p.hint == _ORG_CHART_HINT else p for p in exc.problems
        ) from None


def _yaml_document(path: Path, display: str) -> Document:
    return load_mapping(
        path,
        Limits(),
        display,
        "a configuration file is a mapping of settings, e.g. fail_on: error",
    )


class _FallbackMap(SourceMap):
    """Positions of TOML keys, falling back to the [tool.leadaudit] header."""

    def __init__(self, marks: dict[DocPath, tuple[int, int]], fallback: tuple[int, int]) -> None:
        super().__init__(marks, None)
        self._known = marks
        self._fallback = fallback

    def locate(self, path: DocPath) -> tuple[int, int]:
        probe = path
        while probe:
            if probe in self._known:
                return self._known[probe]
            probe = probe[:-1]
        return self._fallback


_TABLE = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_\-.\s\"']+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^(\s*)([A-Za-z0-9_\-.\s\"']+?)\s*=")


def _toml_key(text: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in text.split("."))


def _toml_marks(text: str) -> tuple[dict[DocPath, tuple[int, int]], tuple[int, int]]:
    """Line and column of the keys under [tool.leadaudit], found line by line.

    tomllib keeps no positions; this scan finds table headers and ``key =`` lines, which is
    all a configuration table needs for its messages.
    """
    marks: dict[DocPath, tuple[int, int]] = {}
    fallback = (1, 1)
    table: tuple[str | int, ...] | None = None
    arrays: dict[tuple[str, ...], int] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        header = _TABLE.match(raw)
        if header:
            name = _toml_key(header[2])
            if name[:2] != ("tool", "leadaudit"):
                table = None
                continue
            sub = name[2:]
            if not sub:
                fallback = (number, 1)
                table = ()
            elif header[1] == "[[":
                index = arrays.get(sub, 0)
                arrays[sub] = index + 1
                table = (*sub, index)
                marks.setdefault(sub, (number, 1))
            else:
                table = sub
            marks[table] = (number, 1)
            continue
        key = _KEY.match(raw)
        if key and table is not None:
            marks[table + _toml_key(key[2])] = (number, len(key[1]) + 1)
    return marks, fallback


def _toml_document(path: Path, display: str) -> Document:
    text = decode(read_bytes(path, Limits(), display), display)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError([Problem(display, None, None, f"invalid TOML: {exc}")]) from None
    tool = data.get("tool", {})
    section = tool.get("leadaudit", {}) if isinstance(tool, dict) else {}
    marks, fallback = _toml_marks(text)
    if not isinstance(section, dict):
        raise InputError(
            [Problem(display, *fallback, "tool.leadaudit: expected a table of settings")]
        )
    return Document(display, section, _FallbackMap(marks, fallback))


def _relative(base: Path, value: str) -> Path:
    return base / value


def load_config(path: Path) -> _Loaded:
    """Read and validate one configuration file; raises InputError with located problems."""
    display = _display(path) if path.is_absolute() else str(path)
    read = _toml_document if path.name == PYPROJECT else _yaml_document
    doc = read(path, display)
    try:
        cfg = ConfigFile.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_from(exc, doc, ConfigFile)) from None
    from leadaudit.reporters import FORMATS

    problems: list[Problem] = []
    base = Path(display).parent
    values: dict[str, Any] = {}
    sources: dict[str, Source] = {}

    def note(key: str, path_in_doc: DocPath) -> None:
        sources[key] = Source("file", display, doc.source_map.locate(path_in_doc)[0])

    if cfg.framework is not None:
        values["framework"] = cfg.framework
        note("framework", ("framework",))
    if cfg.fail_on is not None:
        values["fail_on"] = cfg.fail_on
        note("fail_on", ("fail_on",))
    if cfg.outputs is not None:
        specs = []
        for i, entry in enumerate(cfg.outputs):
            if entry.format not in FORMATS:
                problems.append(
                    doc.problem(
                        ("outputs", i, "format"),
                        f"unknown output format '{entry.format}'",
                        did_you_mean(entry.format, FORMATS) or "one of: " + ", ".join(FORMATS),
                    )
                )
            specs.append(
                OutputSpec(entry.format, _relative(base, entry.path) if entry.path else None)
            )
        if sum(1 for s in specs if s.path is None) > 1:
            problems.append(
                doc.problem(
                    ("outputs",), "more than one output goes to stdout", "give each but one a path"
                )
            )
        values["outputs"] = tuple(specs)
        note("outputs", ("outputs",))
    if cfg.waivers is not None:
        values["waivers"] = _relative(base, cfg.waivers)
        note("waivers", ("waivers",))
    if cfg.limits is not None:
        for name in ("max_file_size", "max_depth", "max_alias_nodes"):
            value = getattr(cfg.limits, name)
            if value is not None:
                values[f"limits.{name}"] = value
                note(f"limits.{name}", ("limits", name))
    if problems:
        raise InputError(problems)
    return _Loaded(display, values, sources, doc)


def _check_framework(value: str, loaded: _Loaded) -> str:
    """A framework named in a configuration file: bundled, or a file relative to it."""
    from leadaudit.frameworks import bundled_names

    names = bundled_names()
    if value in names:
        return value
    looks_like_path = "/" in value or "\\" in value or value.endswith((".yaml", ".yml"))
    if not looks_like_path:
        raise InputError(
            [
                loaded.doc.problem(
                    ("framework",),
                    f"unknown framework '{value}'",
                    did_you_mean(value, names)
                    or f"bundled: {', '.join(names)}; a file path ends in .yaml",
                )
            ]
        )
    path = _relative(Path(loaded.display).parent, value)
    if not path.is_file():
        raise InputError(
            [
                loaded.doc.problem(
                    ("framework",),
                    f"no such framework file '{value}'",
                    f"looked for {path}; paths are relative to the configuration file",
                )
            ]
        )
    return str(path)


def _check_waivers(path: Path, loaded: _Loaded) -> None:
    if not path.is_file():
        raise InputError(
            [
                loaded.doc.problem(
                    ("waivers",),
                    f"no such waivers file '{path}'",
                    "paths are relative to the configuration file",
                )
            ]
        )


def _find(config: Path | None, isolated: bool, cwd: Path) -> tuple[Path | None, str]:
    if config is not None and isolated:
        raise UsageError("--config and --isolated cannot be used together")
    if isolated:
        return None, "none: --isolated ignores configuration files"
    if config is not None:
        if not config.is_file():
            raise UsageError(f"--config: no such file: {config}")
        return config, "given with --config"
    found = discover(cwd)
    if found is None:
        return None, f"none found from {cwd} upward"
    return found, f"found from {cwd} upward"


def defaults() -> dict[str, Any]:
    base = Settings()
    return {
        "framework": base.framework,
        "fail_on": base.fail_on,
        "outputs": base.outputs,
        "waivers": base.waivers,
        "use_waivers": base.use_waivers,
        "today": base.today,
        "limits.max_file_size": base.limits.max_file_size,
        "limits.max_depth": base.limits.max_depth,
        "limits.max_alias_nodes": base.limits.max_alias_nodes,
    }


def resolve_settings(
    cli_values: Mapping[str, Any],
    cwd: Path,
    *,
    config: Path | None = None,
    isolated: bool = False,
) -> tuple[Settings, Provenance]:
    """The effective settings of a run, and where each value came from.

    ``cli_values`` holds only what was given on the command line, keyed as in ``KEYS``.
    """
    unknown = set(cli_values) - set(KEYS)
    if unknown:
        raise ValueError(f"unknown setting keys: {sorted(unknown)}")
    path, how = _find(config, isolated, cwd)
    loaded = load_config(path) if path is not None else None
    values = defaults()
    sources = dict.fromkeys(KEYS, Source("default"))
    if loaded is not None:
        values.update(loaded.values)
        sources.update(loaded.sources)
    for key, value in cli_values.items():
        values[key] = value
        sources[key] = Source("command line")
    if loaded is not None:
        if sources["framework"].kind == "file":
            values["framework"] = _check_framework(values["framework"], loaded)
        if sources["waivers"].kind == "file" and values["use_waivers"]:
            _check_waivers(values["waivers"], loaded)
    settings = Settings(
        framework=values["framework"],
        fail_on=values["fail_on"],
        outputs=tuple(values["outputs"]),
        limits=Limits(
            max_file_size=values["limits.max_file_size"],
            max_depth=values["limits.max_depth"],
            max_alias_nodes=values["limits.max_alias_nodes"],
        ),
        waivers=values["waivers"],
        use_waivers=values["use_waivers"],
        today=values["today"],
    )
    return settings, Provenance(loaded.display if loaded else None, how, sources)


# -- showing the effective configuration ----------------------------------------------


def _value(settings: Settings, key: str, today: date) -> Any:
    """A setting's value as plain JSON data."""
    if key == "outputs":
        return [
            {"format": o.format, "path": str(o.path) if o.path else None} for o in settings.outputs
        ]
    if key == "today":
        return (settings.today or today).isoformat()
    if key.startswith("limits."):
        return getattr(settings.limits, key.split(".", 1)[1])
    value = getattr(settings, key)
    if isinstance(value, FailOn):
        return value.value
    if isinstance(value, Path):
        return str(value)
    return value


def _text_value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(f"{o['format']} -> {o['path'] or 'stdout'}" for o in value)
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def config_json(settings: Settings, provenance: Provenance, today: date) -> str:
    payload = {
        "config_file": provenance.config_file,
        "found": provenance.how,
        "settings": {
            key: {
                "value": _value(settings, key, today),
                "source": provenance.sources[key].as_dict(),
            }
            for key in KEYS
        },
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def config_text(settings: Settings, provenance: Provenance, today: date) -> str:
    from leadaudit.reporters.sanitize import one_line

    lines = [f"configuration file: {provenance.config_file or 'none'} ({provenance.how})", ""]
    rows = []
    for key in KEYS:
        source = provenance.sources[key]
        shown = str(source)
        if key == "today" and settings.today is None:
            shown += " (the system date)"
        rows.append((key, one_line(_text_value(_value(settings, key, today))), shown))
    width_key = max(len(r[0]) for r in rows)
    width_value = max(len(r[1]) for r in rows)
    lines += [f"{k:<{width_key}}  {v:<{width_value}}  {s}" for k, v, s in rows]
    return "\n".join(lines) + "\n"
