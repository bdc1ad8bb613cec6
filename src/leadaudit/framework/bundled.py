"""Finding frameworks: the bundled ones by name, others by path, through one resolver."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from leadaudit.framework.model import CapabilityDef, Vocabulary
from leadaudit.importers.yaml import load_path
from leadaudit.limits import Limits
from leadaudit.messages import did_you_mean
from leadaudit.records import record

DEFAULT_FRAMEWORK = "rec20"
VOCABULARY_FILE = "capabilities.yaml"


def bundled_dir() -> Path:
    """Folder of the bundled frameworks: inside the installed package, else the checkout.

    The package's folder is found from this file, as importlib.resources would find it
    for a package installed as files; importlib.resources itself (some 14 million
    instructions of each run) is asked only when neither folder is there.
    """
    package = Path(__file__).resolve().parents[1]
    for packaged in (package / "frameworks", package.parents[1] / "frameworks"):
        if packaged.is_dir():
            return packaged
    from importlib import resources

    return Path(str(resources.files("leadaudit"))) / "frameworks"


def bundled_names() -> list[str]:
    """The names of the bundled frameworks, sorted."""
    return sorted(p.stem for p in bundled_dir().glob("*.yaml") if p.name != VOCABULARY_FILE)


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, CapabilityDef]:
    """The capability catalogue every bundled framework shares (part of the package, so
    built without validation: see leadaudit.framework.trusted)."""
    from leadaudit.framework.trusted import construct

    path = bundled_dir() / VOCABULARY_FILE
    doc = load_path(path, Limits(), display=f"<bundled>/{VOCABULARY_FILE}")
    return dict(construct(Vocabulary, doc.data).capabilities)


@record
class FrameworkRef:
    """A framework file to load: where it is, how to name it, and its identity."""

    path: Path
    display: str
    bundled: bool

    @property
    def key(self) -> str:
        """The file's identity, for finding cycles and loading each file once."""
        return str(self.path.resolve())

    @property
    def label(self) -> str:
        """The name to show: the bundled name, or the path as given."""
        return self.path.stem if self.bundled else self.display


class FrameworkNotFoundError(Exception):
    """A framework name or path that names no framework; callers say where it was written."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def bundled_ref(name: str) -> FrameworkRef:
    """The bundled framework ``name`` (which must exist)."""
    return FrameworkRef(bundled_dir() / f"{name}.yaml", f"<bundled>/{name}.yaml", True)


def _looks_like_path(spec: str) -> bool:
    return "/" in spec or "\\" in spec or spec.endswith((".yaml", ".yml"))


def find_framework(
    spec: str, base: Path = Path(), display_base: str | None = None, base_note: str = ""
) -> FrameworkRef:
    """The framework ``spec`` names: a bundled name, else a file relative to ``base``.

    ``display_base`` is how ``base`` is shown in messages (``base`` itself when None), and
    ``base_note`` says in a hint what a relative path starts from. Raises
    FrameworkNotFoundError for a name that is not bundled or a file that does not exist.
    """
    names = bundled_names()
    if spec in names:
        return bundled_ref(spec)
    path = base / spec
    if display_base is None and base == Path():
        display = spec
    else:
        shown_base = Path(display_base) if display_base is not None else base
        display = os.path.normpath(str(shown_base / spec))
    if path.is_file():
        return FrameworkRef(path, display, path.resolve().parent == bundled_dir().resolve())
    if not _looks_like_path(spec):
        raise FrameworkNotFoundError(
            f"unknown framework '{spec}'",
            did_you_mean(spec, names)
            or f"bundled frameworks: {', '.join(names)}; a file path ends in .yaml",
        )
    note = f"; {base_note}" if base_note else ""
    raise FrameworkNotFoundError(f"no such framework file '{spec}'", f"looked for {display}{note}")
