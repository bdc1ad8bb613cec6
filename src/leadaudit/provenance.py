"""Where a result came from: the SHA-256 of the input file, for reports and machine outputs."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from leadaudit.findings import AuditResult

_CHUNK = 1 << 20


def file_sha256(path: Path) -> str | None:
    """The hex SHA-256 of a file's bytes, or None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def with_source_hash(result: AuditResult) -> AuditResult:
    """The result with ``source_sha256`` filled from its input file, unless already set."""
    if result.source_sha256 is not None:
        return result
    return replace(result, source_sha256=file_sha256(Path(result.file)))
