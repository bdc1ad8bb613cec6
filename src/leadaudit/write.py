"""Writing outputs: all of a run's files or none, atomically, never through a symbolic
link, never over a file the run reads, and every failure a message rather than a crash.

A regular file is written to a temporary file beside it and renamed over it once every
output of the run has been staged, so a failed run leaves no partial set. A character
device (``/dev/null``) is written directly: renaming over it would replace the device.
Anything else that is not a regular file (a FIFO, a socket) is refused.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from leadaudit.errors import UsageError


def check_same(a: Path, b: Path) -> bool:
    """Whether two paths name the same file (existing or not)."""
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def check_writable(path: Path, protected: Iterable[Path] = ()) -> None:
    """Refuse an output path that must not be written: a symbolic link, a directory, a
    missing folder, a FIFO or socket, or a file the run reads (``protected``)."""
    if path.is_symlink():
        raise UsageError(f"{path}: refusing to write through a symbolic link")
    if path.is_dir():
        raise UsageError(f"{path}: is a directory")
    try:
        mode = path.stat().st_mode if path.exists() else None
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror}") from None
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISCHR(mode)):
        raise UsageError(f"{path}: is not a regular file or a character device")
    parent = path.parent if str(path.parent) else Path()
    if not parent.is_dir():
        raise UsageError(f"{path}: folder {parent} does not exist")
    for source in protected:
        if check_same(path, source):
            raise UsageError(f"{path}: is a file this run reads ({source}); choose another output")


def _is_device(path: Path) -> bool:
    try:
        return stat.S_ISCHR(path.stat().st_mode)
    except OSError:
        return False


def _stage(path: Path, text: str) -> str:
    """Write ``text`` to a new temporary file beside ``path``; its name."""
    folder = path.parent if str(path.parent) else Path()
    fd, tmp = tempfile.mkstemp(prefix=".leadaudit-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        Path(tmp).chmod(mode)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_all(outputs: Sequence[tuple[Path, str]]) -> None:
    """Write every output, or none: stage all, then rename all (devices written last,
    directly). Any OS error is a UsageError naming the file, and no staged file is left."""
    staged: list[tuple[str, Path]] = []
    devices = [(p, t) for p, t in outputs if _is_device(p)]
    files = [(p, t) for p, t in outputs if not _is_device(p)]
    current: Path | None = None
    try:
        for path, text in files:
            current = path
            check_writable(path)
            staged.append((_stage(path, text), path))
        for tmp, path in staged:
            current = path
            Path(tmp).replace(path)
        for path, text in devices:
            current = path
            with path.open("w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
    except OSError as exc:
        raise UsageError(f"{current}: cannot write: {exc.strerror or exc}") from None
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)


def write_atomic(path: Path, text: str) -> None:
    """Write one file atomically (see write_all)."""
    write_all([(path, text)])
