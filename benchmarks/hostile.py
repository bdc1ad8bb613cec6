"""Hostile inputs, each run as its own leadaudit process: how long it took, its peak
memory, its exit code and how much it wrote to stderr, against the bounds every run must
keep (under 10 s and 1 GB, exit 2 or a bounded result).

    python benchmarks/hostile.py [--only NAME]

The inputs are written to a temporary folder; nothing is kept.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SECONDS = 10.0
MEGABYTES = 1024.0
ORG_HEAD = "leadaudit: 1\nauthority:\n  name: Hostile\n  type: county\n"


@dataclass(frozen=True)
class Case:
    """One hostile input: how to write it, and the command line that reads it."""

    name: str
    make: Callable[[Path], list[str]]


def _alias_bomb(folder: Path) -> list[str]:
    lines = [ORG_HEAD + "posts:\n  - id: ceo\n    title: CEO\n    responsibilities: &a0 [x, x]"]
    for n in range(1, 40):
        lines.append(f"x{n}: &a{n} [*a{n - 1}, *a{n - 1}]")
    (folder / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / ".leadaudit.yaml").write_text(
        "limits: {max_alias_nodes: 1000000}\n", encoding="utf-8"
    )
    return ["check", "bomb.yaml"]


def _diamond(folder: Path) -> list[str]:
    for n in range(15):
        parent = f"f{n + 1}.yaml" if n < 14 else "rec20"
        (folder / f"f{n}.yaml").write_text(
            f"leadaudit_framework: 1\nname: f{n}\nextends: [{parent}, {parent}, {parent}, {parent}]\n",
            encoding="utf-8",
        )
    (folder / "org.yaml").write_text(
        ORG_HEAD + "posts:\n  - {id: ceo, title: CEO}\n", encoding="utf-8"
    )
    return ["check", "org.yaml", "--framework", "f0.yaml"]


def _big_pyproject(folder: Path) -> list[str]:
    with (folder / "pyproject.toml").open("wb") as handle:
        handle.write(b"[tool.leadaudit]\nfail_on = 'never'\n")
        handle.truncate(1 << 30)  # a sparse 1 GiB file
    (folder / "org.yaml").write_text(
        ORG_HEAD + "posts:\n  - {id: ceo, title: CEO}\n", encoding="utf-8"
    )
    return ["check", "org.yaml"]


def _org(folder: Path) -> None:
    (folder / "org.yaml").write_text(
        ORG_HEAD + "posts:\n  - {id: ceo, title: CEO}\n", encoding="utf-8"
    )


def _huge_file_limit(folder: Path) -> list[str]:
    _org(folder)
    return ["check", "org.yaml", "--max-file-size", "30000000000"]


def _deep_limit(folder: Path) -> list[str]:
    _org(folder)
    return ["check", "org.yaml", "--max-depth", "2000"]


def _unknown_keys(folder: Path) -> list[str]:
    posts = "".join(
        f"  - id: p{n}\n    title: P\n    a{n}: 1\n    b: 2\n    c: 3\n    d: 4\n    e: 5\n"
        for n in range(200_000)
    )
    (folder / "keys.yaml").write_text(ORG_HEAD + "posts:\n" + posts, encoding="utf-8")
    return ["check", "keys.yaml"]


def _long_keys(folder: Path) -> list[str]:
    posts = "".join(f"  - id: p{n}\n    {'k' * 1_000_000}{n}: 1\n" for n in range(60))
    (folder / "long.yaml").write_text(ORG_HEAD + "posts:\n" + posts, encoding="utf-8")
    return ["check", "long.yaml"]


def _long_chain(folder: Path) -> list[str]:
    posts = ["  - {id: ceo, title: CEO, capabilities: [head_of_paid_service]}"]
    posts += [
        f"  - {{id: p{n}, title: Post {n}, reports_to: {'ceo' if n == 0 else f'p{n - 1}'}}}"
        for n in range(200_000)
    ]
    posts.append(
        "  - {id: cdo, title: CDO, reports_to: p199999, capabilities: [digital_leadership]}"
    )
    (folder / "chain.yaml").write_text(
        ORG_HEAD + "posts:\n" + "\n".join(posts) + "\n", encoding="utf-8"
    )
    return ["report", "chain.yaml", "-o", "report.md"]


def _slow_template(folder: Path) -> list[str]:
    _org(folder)
    (folder / "t.j2").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    return ["report", "org.yaml", "--template", "t.j2", "-o", "report.md"]


def _tab_in_comment(folder: Path) -> list[str]:
    posts = "".join(
        f"  - id: p{n}\n    title: Officer {n}\n    reports_to: ceo\n" for n in range(330_000)
    )
    text = ORG_HEAD + "#\ta comment with a tab\nposts:\n  - id: ceo\n    title: CEO\n" + posts
    (folder / "tab.yaml").write_text(text, encoding="utf-8")
    return ["check", "tab.yaml", "--format", "json", "-o", "out.json"]


CASES = [
    Case("alias bomb, limit raised by a config file", _alias_bomb),
    Case("extends diamond, 15 levels of 4", _diamond),
    Case("1 GiB pyproject.toml found upward", _big_pyproject),
    Case("--max-file-size 30000000000", _huge_file_limit),
    Case("--max-depth 2000", _deep_limit),
    Case("a million unknown keys", _unknown_keys),
    Case("60 keys of 1 MB each", _long_keys),
    Case("a 200,000-post reporting chain, report", _long_chain),
    Case("template: nested range loops", _slow_template),
    Case("one tab in a comment of a 20 MB chart", _tab_in_comment),
]


def run(case: Case) -> tuple[float, float, int, int]:
    """Seconds, peak MB, exit code and bytes of stderr of one case."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        args = case.make(folder)
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", "leadaudit", *args],
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - started
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
        proc.stderr.close()
        return seconds, usage.ru_maxrss / 1024, code, len(err)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only the cases whose name contains this")
    options = parser.parse_args()
    print(f"{'case':<45} {'seconds':>8} {'peak MB':>8} {'exit':>5} {'stderr B':>9}  within bounds")
    for case in CASES:
        if options.only and options.only not in case.name:
            continue
        seconds, peak, code, err = run(case)
        ok = seconds < SECONDS and peak < MEGABYTES and code in (0, 1, 2) and err < 1_000_000
        print(
            f"{case.name:<45} {seconds:>8.2f} {peak:>8.0f} {code:>5} {err:>9}  {'yes' if ok else 'NO'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
