"""Resolving the settings of a run: defaults, then a configuration file, then the command
line, each value remembering where it came from.

Precedence, highest first: the command line; the file given with ``--config`` or, failing
that, the nearest configuration file from the current folder upward; the defaults.
``--isolated`` ignores configuration files. Paths in a configuration file are relative to
the folder of that file.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leadaudit.config.discovery import Source, discover
from leadaudit.errors import InputError, UsageError
from leadaudit.limits import Limits
from leadaudit.records import record
from leadaudit.settings import OutputSpec, Settings

if TYPE_CHECKING:
    from leadaudit.config.files import LoadedConfig

#: every setting, in the order ``leadaudit config`` shows them
KEYS = (
    "framework",
    "fail_on",
    "outputs",
    "exclude",
    "waivers",
    "use_waivers",
    "today",
    "baseline",
    "baseline_ref",
    "limits.max_file_size",
    "limits.max_depth",
    "limits.max_alias_nodes",
)


@record
class Provenance:
    """The configuration file used (if any), how it was found, and each value's source."""

    config_file: str | None
    how: str
    sources: dict[str, Source] = field(default_factory=dict)


def default_format(environ: Mapping[str, str] | None = None) -> str:
    """The default output format: ``github`` under GitHub Actions, ``text`` elsewhere."""
    env = os.environ if environ is None else environ
    return "github" if env.get("GITHUB_ACTIONS", "").lower() == "true" else "text"


def defaults(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Every setting's default, keyed as in ``KEYS`` (the output format depends on the
    environment: see ``default_format``)."""
    base = Settings()
    return {
        "framework": base.framework,
        "fail_on": base.fail_on,
        "outputs": (OutputSpec(default_format(environ)),),
        "exclude": base.exclude,
        "waivers": base.waivers,
        "use_waivers": base.use_waivers,
        "today": base.today,
        "baseline": base.baseline,
        "baseline_ref": base.baseline_ref,
        "limits.max_file_size": base.limits.max_file_size,
        "limits.max_depth": base.limits.max_depth,
        "limits.max_alias_nodes": base.limits.max_alias_nodes,
    }


def _check_framework(value: str, loaded: LoadedConfig) -> str:
    """A framework named in a configuration file: bundled, or a file relative to it."""
    from leadaudit.framework import FrameworkNotFoundError, find_framework

    base = Path(loaded.display).parent
    try:
        ref = find_framework(value, base, str(base), "paths are relative to the configuration file")
    except FrameworkNotFoundError as exc:
        raise InputError([loaded.doc.problem(("framework",), exc.message, exc.hint)]) from None
    return ref.path.stem if ref.bundled and ref.display.startswith("<bundled>") else str(ref.path)


def _check_file(key: str, what: str, path: Path, loaded: LoadedConfig) -> None:
    """A file a configuration file names (``key``) must exist."""
    if not path.is_file():
        raise InputError(
            [
                loaded.doc.problem(
                    (key,),
                    f"no such {what} file '{path}'",
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


def _settings(values: Mapping[str, Any]) -> Settings:
    return Settings(
        framework=values["framework"],
        fail_on=values["fail_on"],
        outputs=tuple(values["outputs"]),
        exclude=values["exclude"],
        limits=Limits(
            max_file_size=values["limits.max_file_size"],
            max_depth=values["limits.max_depth"],
            max_alias_nodes=values["limits.max_alias_nodes"],
        ),
        waivers=values["waivers"],
        use_waivers=values["use_waivers"],
        today=values["today"],
        baseline=values["baseline"],
        baseline_ref=values["baseline_ref"],
    )


def resolve_settings(
    cli_values: Mapping[str, Any],
    cwd: Path,
    *,
    formats: Collection[str],
    config: Path | None = None,
    isolated: bool = False,
    environ: Mapping[str, str] | None = None,
) -> tuple[Settings, Provenance]:
    """The effective settings of a run, and where each value came from.

    ``cli_values`` holds only what was given on the command line, keyed as in ``KEYS``;
    ``formats`` are the output format names a configuration file may use.
    """
    unknown = set(cli_values) - set(KEYS)
    if unknown:
        raise ValueError(f"unknown setting keys: {sorted(unknown)}")
    path, how = _find(config, isolated, cwd)
    loaded = None
    if path is not None:  # the models and readers of a file, only when there is one
        from leadaudit.config.files import load_config

        loaded = load_config(path, formats)
    values = defaults(environ)
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
            _check_file("waivers", "waivers", values["waivers"], loaded)
        if sources["baseline"].kind == "file" and values["baseline"] is not None:
            _check_file("baseline", "baseline", values["baseline"], loaded)
    provenance = Provenance(loaded.display if loaded else None, how, sources)
    return _settings(values), provenance
