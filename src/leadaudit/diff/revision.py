"""The charts ``leadaudit diff`` compares: a file, or ``REV:path`` read from git.

The rule for an argument with a colon: a file that exists is read as a file (so
``a:b.yaml`` on disk, or ``C:\\charts\\org.yaml`` on Windows, is never taken for a
revision); otherwise ``REV:path`` is read with ``git show`` in the current folder's
repository, ``path`` being relative to the repository's root (``REV:./path`` to the
current folder), as git reads it. git runs without a shell, without text conversion
filters, and its output is read only up to the file size limit.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Collection
from pathlib import Path

from leadaudit.errors import InputError, Problem
from leadaudit.importers.text import too_large
from leadaudit.limits import Limits
from leadaudit.orgchart import OrgIndex, load_orgchart, load_orgchart_bytes

_DRIVE = re.compile(r"[A-Za-z]:[\\/]")
_CHUNK = 1 << 16


def is_revision(arg: str) -> bool:
    """Whether ``arg`` is read from git: it has a colon, is no file that exists, and does
    not start with a Windows drive (``C:\\`` or ``C:/``)."""
    if ":" not in arg or _DRIVE.match(arg):
        return False
    try:
        return not Path(arg).exists()
    except (OSError, ValueError):  # a name the system cannot even look up
        return True


def _git_problem(spec: str, stderr: bytes) -> InputError:
    """git's complaint about ``spec`` as one located problem: its first line the message,
    the hints it gives (e.g. the path from the current folder) the hint."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    said = [line.removeprefix("fatal: ").removeprefix("error: ") for line in lines if line]
    hints = [line.removeprefix("hint: ") for line in said if line.startswith("hint: ")]
    message = next((line for line in said if not line.startswith("hint: ")), "git failed")
    return InputError(
        [
            Problem(
                spec,
                None,
                None,
                f"no such file, and git cannot read it as REVISION:PATH: {message}",
                hint="; ".join(hints) or None,
            )
        ]
    )


def _no_git(spec: str, exc: OSError) -> InputError:
    message = f"no such file, and git cannot be run to read it as REVISION:PATH: {exc.strerror}"
    return InputError([Problem(spec, None, None, message)])


_GIT = ("git", "--no-pager")
_ENV = {"GIT_TERMINAL_PROMPT": "0"}


def _object_type(spec: str) -> str:
    """'blob', 'tree', ... for a REV:path that git knows (checked after it has been read)."""
    try:
        done = subprocess.run(
            [*_GIT, "cat-file", "-t", spec],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env={**os.environ, **_ENV},
            check=False,
        )
    except OSError as exc:  # pragma: no cover - git ran a moment ago
        raise _no_git(spec, exc) from None
    if done.returncode != 0:
        raise _git_problem(spec, done.stderr)
    return done.stdout.decode("ascii", "replace").strip()


def git_show(spec: str, limits: Limits) -> bytes:
    """The bytes of the file ``spec`` (``REV:path``) names in git, at most the size limit."""
    if spec.startswith("-"):
        message = "no such file, and a revision cannot start with '-'"
        raise InputError([Problem(spec, None, None, message)])
    chunks: list[bytes] = []
    size = 0
    try:
        proc = subprocess.Popen(
            [*_GIT, "show", "--no-textconv", spec],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, **_ENV},
        )
    except OSError as exc:  # no git on the PATH
        raise _no_git(spec, exc) from None
    with proc:
        assert proc.stdout is not None and proc.stderr is not None
        while size <= limits.max_file_size and (chunk := proc.stdout.read(_CHUNK)):
            chunks.append(chunk)
            size += len(chunk)
        if size > limits.max_file_size:
            proc.kill()
            raise too_large(spec, None, limits)
        err = proc.stderr.read()
    if proc.returncode != 0:
        raise _git_problem(spec, err)
    kind = _object_type(spec)
    if kind != "blob":
        raise InputError([Problem(spec, None, None, f"is a {kind} in git, not a file")])
    return b"".join(chunks)


def read_chart(
    arg: str, capabilities: Collection[str], limits: Limits, input_format: str | None = None
) -> OrgIndex:
    """The org chart ``arg`` names: a file, or ``REV:path`` in git (see the module)."""
    if is_revision(arg):
        data = git_show(arg, limits)
        return load_orgchart_bytes(data, arg, capabilities, limits, input_format)
    return load_orgchart(Path(arg), capabilities, limits, input_format=input_format)
