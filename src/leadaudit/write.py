"""Writing results: atomically, never through a symlink, and only when the run succeeded."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from leadaudit.errors import UsageError


def check_writable(path: Path) -> None:
    """Refuse an output path we must not write (a symlink, a directory, a missing folder)."""
    if path.is_symlink():
        raise UsageError(f"{path}: refusing to write through a symbolic link")
    if path.is_dir():
        raise UsageError(f"{path}: is a directory")
    parent = path.parent if str(path.parent) else Path()
    if not parent.is_dir():
        raise UsageError(f"{path}: folder {parent} does not exist")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename."""
    check_writable(path)
    folder = path.parent if str(path.parent) else Path()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        staged = Path(tmp)
        if path.exists():
            staged.chmod(path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            staged.chmod(0o666 & ~umask)
        staged.replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
