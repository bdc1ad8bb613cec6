"""Read an org chart as it was at a git revision, for ``check --baseline-ref REV``.

git runs with an argument list, never through a shell. The revision is checked first (no
leading '-', so it can never be read as an option; no control characters), then resolved
to a commit once per repository; each file is read as ``COMMIT:PATH``, its path relative
to the repository's root, with ``git cat-file`` (the bytes as committed, with no
conversion), after its size is checked against the file size limit.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import field
from pathlib import Path

from leadaudit.errors import InputError, Problem, UsageError
from leadaudit.importers.text import too_large
from leadaudit.limits import Limits
from leadaudit.records import record

MAX_REF = 1000


def check_ref(ref: str) -> str:
    """``ref`` when it can only be read as a revision; a UsageError otherwise."""
    if not ref.strip():
        raise UsageError("--baseline-ref: the revision is empty")
    if ref.startswith("-"):
        raise UsageError(f"--baseline-ref: '{ref}' is not a revision (it starts with '-')")
    if len(ref) > MAX_REF or any(ord(c) < 32 or ord(c) == 127 for c in ref):
        raise UsageError("--baseline-ref: the revision holds control characters or is too long")
    return ref


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError("--baseline-ref needs git, and no git command was found") from None
    except OSError as exc:
        raise UsageError(f"--baseline-ref: cannot run git: {exc.strerror or exc}") from None


def _stderr(done: subprocess.CompletedProcess[bytes]) -> str:
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"git exited with status {done.returncode}"


@record(frozen=False)
class GitReader:
    """Reads files at one revision, resolving it once per repository."""

    ref: str
    limits: Limits = field(default_factory=Limits)
    commits: dict[str, str] = field(default_factory=dict)
    """Repository root -> the commit the revision names there."""

    def _locate(self, path: Path, name: str) -> tuple[Path, str]:
        """The repository root holding ``path``, and the path relative to it."""
        folder = path.parent if str(path.parent) else Path()
        if not folder.is_dir():
            raise InputError([Problem(name, None, None, "no such folder")])
        done = _git(["rev-parse", "--show-toplevel", "--show-prefix"], folder)
        if done.returncode != 0:
            message = f"--baseline-ref: {name} is not in a git repository ({_stderr(done)})"
            raise UsageError(message)
        root, prefix, *_ = [*done.stdout.decode("utf-8", "surrogateescape").split("\n"), ""]
        return Path(root), prefix + path.name

    def commit(self, root: Path) -> str:
        """The commit the revision names in the repository at ``root``."""
        key = str(root)
        if key not in self.commits:
            done = _git(["rev-parse", "--verify", "--quiet", f"{self.ref}^{{commit}}"], root)
            if done.returncode != 0:
                raise UsageError(
                    f"--baseline-ref: no commit '{self.ref}' in the git repository at {root}"
                )
            self.commits[key] = done.stdout.decode("ascii", "replace").strip()
        return self.commits[key]

    def read(self, path: Path, name: str) -> tuple[bytes, str, str]:
        """The bytes of ``path`` at the revision, the name to show them under
        ('REV:path/in/repo'), and the commit read."""
        root, inside = self._locate(path, name)
        commit = self.commit(root)
        shown = f"{self.ref}:{inside}"
        size = _git(["cat-file", "-s", f"{commit}:{inside}"], root)
        if size.returncode != 0:
            raise UsageError(
                f"--baseline-ref: {name} is not in {self.ref} (commit {commit[:12]}): "
                "check it without a baseline until it is committed"
            )
        length = int(size.stdout.strip() or 0)
        if length > self.limits.max_file_size:
            raise too_large(shown, length, self.limits)
        blob = _git(["cat-file", "blob", f"{commit}:{inside}"], root)
        if blob.returncode != 0:  # pragma: no cover - present a moment ago
            raise UsageError(f"--baseline-ref: cannot read {shown}: {_stderr(blob)}")
        return blob.stdout, shown, commit
